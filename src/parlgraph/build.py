"""Build the graph: corpus -> parse -> map -> validate -> write ``parlgraph.nq`` and the store.

The output is deterministic (sorted N-Quads, no blank nodes, nothing time-dependent) and replaces
the previous one only when the whole build succeeded: the dataset is written beside its target and
renamed into place after the new store was built in a folder of its own and swapped in.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from parlgraph.cache import BuildCache, digest, fingerprint
from parlgraph.extract import MentionFinder
from parlgraph.loading import load_store, loaded
from parlgraph.organisations import load_organisations
from parlgraph.parse import ParseReport, Problem, page_files
from parlgraph.processes import workers
from parlgraph.rdf import ntriples
from parlgraph.rdf.ntriples import Triple
from parlgraph.rdf.reference import descriptor_table, reference_graphs
from parlgraph.rdf.statistics import statistics_graph
from parlgraph.rdf.uris import Iris
from parlgraph.reading import parse_pages
from parlgraph.records import Question
from parlgraph.settings import Settings
from parlgraph.split_validation import Context, Subjects, check_shared, keep
from parlgraph.stages import Checked, QuestionJob, check_all
from parlgraph.thesaurus import Thesaurus, load_thesaurus
from parlgraph.validation import ValidationReport, Violation, validate

DATASET_FILE = "parlgraph.nq"
REFERENCE = "reference graph"  # how the report names the shared graph when it breaks shapes
STATISTICS = "statistics graph"
EMPTY = Checked((), ())
Progress = Callable[[int, int], None]
# A line of the dataset held in two parts: the triple's N-Triples line (as the question's result
# holds it: not copied) and the end that names its graph, " <graph> .\n". Sorted as pairs, the
# lines come in the order of the whole lines, since what follows the triple in either form is a
# space, which sorts before any character a longer triple could go on with.
Line = tuple[str, str]


@dataclass
class BuildReport:
    """What a build did: counts for the summary, parse problems, questions that broke shapes."""

    questions: int = 0
    quads: int = 0
    descriptors: int = 0
    matched: int = 0
    parse: ParseReport = field(default_factory=ParseReport)
    failed: dict[str, list[Violation]] = field(default_factory=dict)
    dataset: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # by stage, in the order run
    cached: int = 0  # questions whose graph and verdict came from the build cache
    store_changes: int | None = None  # quads the store update removed and added; None: loaded

    def timed(self, stage: str, started: float) -> float:
        """Add the time since ``started`` to ``stage``; return the time now."""
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - started
        return now


class BuildError(Exception):
    """The build published nothing; its report says why."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__(f"{len(report.failed)} questions break the shapes; nothing was published")
        self.report = report


def build(
    settings: Settings,
    sources: Sequence[Path] = (),
    *,
    keep_going: bool = False,
    load: bool = True,
    progress: Progress | None = None,
    cache: bool = True,
) -> BuildReport:
    """Build from ``sources`` (default: the corpus); raise ``BuildError`` if shapes are broken.

    With ``keep_going`` the questions that break shapes are left out and reported, and the rest
    is published. With ``load`` the embedded store is rebuilt too. With ``cache``, pages and
    questions whose inputs did not change since the last build are taken from the build cache.
    """
    clock = time.perf_counter()
    report = BuildReport()
    results = BuildCache(settings.build_cache if cache else None)
    try:
        processes = workers(settings.build_workers)
        salt = fingerprint(_inputs(settings))
        thesaurus = load_thesaurus(settings.eurovoc)
        files = page_files(list(sources) or [settings.corpus])
        labels = thesaurus.french_labels()
        report.parse = parsed = parse_pages(files, labels, results, salt, processes)
        clock = report.timed("parse", clock)
        job, lines = reference_job(
            settings, parsed.questions, thesaurus, files, report, results, salt
        )
        clock = report.timed("reference", clock)
        total = len(parsed.questions)
        checked, report.cached = check_all(
            parsed.questions, job, results, salt, processes,
            (lambda done: progress(done, total)) if progress else None, parsed.keys,
        )  # fmt: skip
        clock = report.timed("questions", clock)
        report.failed = _verdicts(parsed.questions, checked, job, results)
        clock = report.timed("shared", clock)
        if report.failed and not keep_going:
            raise BuildError(report)
        published = []
        for index, question in enumerate(parsed.questions):
            triples, checked[index] = checked[index].triples, EMPTY  # free each as it is used
            if question.id not in report.failed:
                lines.extend(_lines(triples, job.iris.question_graph(question.id)))
                published.append(question)
        report.questions = len(published)
        lines.extend(_statistics(published, job, report, results, salt))
    finally:
        results.close()
    lines.sort()
    clock = report.timed("write", clock)
    _write(settings, lines, load, report)
    report.timed("store", clock)
    return report


def _inputs(settings: Settings) -> list[Path]:
    folder = settings.ontology_dir
    return [
        folder / "shapes.ttl",
        folder / "parlgraph.ttl",
        settings.eurovoc,
        settings.organisations,
    ]


def reference_job(
    settings: Settings,
    questions: list[Question],
    thesaurus: Thesaurus,
    files: list[Path],
    report: BuildReport,
    cache: BuildCache,
    salt: str,
) -> tuple[QuestionJob, list[Line]]:
    """The shared reference graphs, validated; what mapping each question needs; their lines."""
    iris = Iris(settings.base_iri)
    table = descriptor_table(questions, thesaurus)
    report.descriptors = len(table)
    report.matched = sum(1 for descriptor in table.values() if descriptor.eurovoc)
    services = load_organisations(settings.organisations)
    finder = MentionFinder((form, service.id) for service in services for form in service.forms)
    shared = reference_graphs(questions, table, thesaurus, services, iris)
    ontology = Graph().parse(settings.ontology_dir / "parlgraph.ttl")
    shared[iris.ontology_graph()] = ontology
    lines = [line for name, graph in shared.items() for line in _lines(ntriples.lines(graph), name)]
    shapes = settings.ontology_dir / "shapes.ttl"
    key = digest(salt, *map(line_text, lines))
    checked = _checked(shared.values(), shapes, key, cache, "reference")
    if not checked.conforms:
        report.failed[REFERENCE] = checked.violations
        raise BuildError(report)
    context = Context.of(shapes, ontology, shared.values())
    return QuestionJob(table, iris, source_urls(files), finder, context, key), lines


def _statistics(
    questions: list[Question], job: QuestionJob, report: BuildReport, cache: BuildCache, salt: str
) -> list[Line]:
    """The statistics of the published questions (RDF Data Cube), validated; as dataset lines."""
    triples: set[Triple] = set()
    statistics_graph(questions, job.table, job.iris, triples)
    lines = _lines(ntriples.lines(triples), job.iris.reference_graph("statistics"))
    key = digest(salt, *map(line_text, lines))
    checked = _checked([triples], job.context.shapes, key, cache, "statistics")
    if not checked.conforms:
        report.failed[STATISTICS] = checked.violations
        raise BuildError(report)
    return lines


def _checked(
    graphs: Iterable[Iterable[Triple]], shapes: Path, key: str, cache: BuildCache, table: str
) -> ValidationReport:
    """The validation report of the merge of ``graphs``, kept in ``table`` by ``key`` (what it
    depends on): a build whose reference or statistics did not change does not validate them
    again, nor merges them."""

    def check() -> ValidationReport:
        merged = Graph(bind_namespaces="none")
        for graph in graphs:
            for triple in graph:
                merged.add(triple)
        return validate(merged, shapes)

    return cache.only(table, key, check)


def _verdicts(
    questions: Sequence[Question], checked: Sequence[Checked], job: QuestionJob, cache: BuildCache
) -> dict[str, list[Violation]]:
    """Each question's violations: those of its batch that stand, and those of shared subjects."""
    context = job.context
    subjects = Subjects(f"<{job.iris.question('')}")
    for question, result in zip(questions, checked, strict=True):
        subjects.add(question.id, result.outside)
    shared, homes = subjects.classify(context.reference)
    failed: dict[str, list[Violation]] = defaultdict(list)
    for question, result in zip(questions, checked, strict=True):
        failed[question.id].extend(keep(question.id, result.violations, shared, homes))
    for question_id, violations in check_shared(subjects, shared, context, cache, job.salt).items():
        failed[question_id].extend(violations)
    return {question_id: sorted(set(found)) for question_id, found in failed.items() if found}


def _lines(triples: Iterable[str], name: URIRef) -> list[Line]:
    """Sorted N-Triples lines as dataset lines in the named graph ``name`` (sorted: the verdicts
    on the reference graphs and the statistics are kept by the hash of their lines, which must
    not depend on the order a process happens to hold the triples in)."""
    end = f" <{name}> .\n"
    return [(line, end) for line in triples]


def line_text(line: Line) -> str:
    """The dataset line ``line`` stands for."""
    triple, end = line
    return triple[:-3] + end


def source_urls(sources: Iterable[Path]) -> dict[str, str]:
    """Page file name -> the URL it was saved from, read from ``index.tsv`` beside the pages."""
    urls: dict[str, str] = {}
    folders = {path if path.is_dir() else path.parent for path in sources}
    for folder in sorted(folders):
        index = folder / "index.tsv"
        if index.exists():
            with index.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    urls[row["file"]] = row["url"]
    return urls


def _write(settings: Settings, lines: list[Line], load: bool, report: BuildReport) -> None:
    """Write the sorted ``lines``, each once, as the dataset; load the store unless it already
    holds exactly that dataset."""
    settings.graph_dir.mkdir(parents=True, exist_ok=True)
    for stale in settings.graph_dir.glob(f".{DATASET_FILE}.*.tmp"):
        stale.unlink()  # left by a build that was killed
    target = settings.graph_dir / DATASET_FILE
    temporary = target.with_name(f".{DATASET_FILE}.{os.getpid()}.tmp")
    written = 0
    hasher = hashlib.sha256()
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as handle:
            for line, _ in itertools.groupby(lines):
                text = line_text(line)
                handle.write(text)
                hasher.update(text.encode("utf-8"))
                written += 1
        lines.clear()  # written: the store is loaded from the file, in less memory
        if load and loaded(settings.store) != hasher.hexdigest():
            report.store_changes = load_store(
                temporary, settings.store, hasher.hexdigest(), previous=target
            )
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    report.dataset, report.quads = target, written


def problems(report: BuildReport) -> list[Problem]:
    """Every shape violation as a problem naming the question's source files and the question."""
    files = {q.id: ", ".join(s.file for s in q.sources) for q in report.parse.questions}
    return [
        Problem(files.get(question_id, "?"), str(violation), question_id)
        for question_id, violations in sorted(report.failed.items())
        for violation in violations
    ]


__all__ = ["BuildError", "BuildReport", "build", "line_text", "problems"]
