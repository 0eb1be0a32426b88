"""The graphs every question shares: the reference graphs (people, organisations, concepts, the
ontology) and the statistics, each validated as a whole (the statistics a patch counts again: what
it counted again) and its verdict kept by the hash of its lines, so that a build that did not
change them does not validate them again."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence, Set
from itertools import chain
from pathlib import Path

from rdflib import Graph

from parlgraph.cache import BuildCache, digest
from parlgraph.dataset import Line, graph_lines, line_text
from parlgraph.extract import MentionFinder
from parlgraph.organisations import load_organisations
from parlgraph.rdf import ntriples
from parlgraph.rdf.ntriples import Triple
from parlgraph.rdf.reference import descriptor_table, reference_graphs
from parlgraph.rdf.statistics import Facts, statistics_graph
from parlgraph.rdf.uris import Iris
from parlgraph.records import Question
from parlgraph.report import BuildError, BuildReport
from parlgraph.settings import Settings
from parlgraph.split_validation import Context
from parlgraph.stages import QuestionJob
from parlgraph.thesaurus import Thesaurus
from parlgraph.validation import ValidationReport, data_graph, validate

REFERENCE = "reference graph"  # how the report names the shared graph when it breaks shapes
STATISTICS = "statistics graph"


def reference_job(
    settings: Settings,
    questions: list[Question],
    thesaurus: Thesaurus,
    sources: Sequence[Path],
    report: BuildReport,
    cache: BuildCache,
    salt: str,
) -> tuple[QuestionJob, list[Line]]:
    """The shared reference graphs, validated; what mapping each question needs; their lines.
    ``sources``: the folders and files of pages (their ``index.tsv`` gives the pages' URLs)."""
    iris = Iris(settings.base_iri)
    table = descriptor_table(questions, thesaurus)
    report.descriptors = len(table)
    report.matched = sum(1 for descriptor in table.values() if descriptor.eurovoc)
    services = load_organisations(settings.organisations)
    finder = MentionFinder((form, service.id) for service in services for form in service.forms)
    shared = reference_graphs(questions, table, thesaurus, services, iris)
    ontology = Graph().parse(settings.ontology_dir / "parlgraph.ttl")
    shared[iris.ontology_graph()] = ontology
    lines = [
        line for name, graph in shared.items() for line in graph_lines(ntriples.lines(graph), name)
    ]
    shapes = settings.ontology_dir / "shapes.ttl"
    key = digest(salt, *map(line_text, lines))
    checked = _checked(shared.values(), shapes, key, cache, "reference")
    if not checked.conforms:
        report.failed[REFERENCE] = checked.violations
        raise BuildError(report)
    context = Context.of(shapes, ontology, shared.values())
    return QuestionJob(table, iris, source_urls(sources), finder, context, key), lines


def statistics_lines(
    facts: Iterable[Facts], job: QuestionJob, report: BuildReport, cache: BuildCache, salt: str
) -> tuple[list[Line], str]:
    """The statistics of the published questions (their ``facts``, as RDF Data Cube),
    validated; as dataset lines, with the key their verdict is kept by."""
    triples, lines = statistics(facts, job.iris)
    key = digest(salt, *map(line_text, lines))
    _check_statistics(triples, key, job, report, cache)
    return lines, key


def statistics_patched(
    facts: Iterable[Facts],
    touched: Mapping[str, Set[str]],
    last: Sequence[str],
    job: QuestionJob,
    report: BuildReport,
    cache: BuildCache,
    salt: str,
) -> tuple[list[str], str]:
    """``statistics_lines`` after a few questions' facts changed, from ``last``, the lines of
    statistics that conformed to the shapes (``restated``): the lines (as text) and their key.
    Only what was counted again is validated, with the structures: the observation shape reads
    an observation's own statements and its data set's type, given by the structures, so the
    observations kept conform still, and the others break the shapes as they would in the whole
    graph (tests/test_statistics.py)."""
    triples, lines = restated(facts, touched, last, job.iris)
    key = digest(salt, *lines)
    _check_statistics(triples, key, job, report, cache)
    return lines, key


def _check_statistics(
    triples: set[Triple], key: str, job: QuestionJob, report: BuildReport, cache: BuildCache
) -> None:
    """Validate statistics ``triples`` (the verdict kept by ``key``); raise ``BuildError`` if
    they break the shapes."""
    checked = _checked([triples], job.context.shapes, key, cache, "statistics")
    if not checked.conforms:
        report.failed[STATISTICS] = checked.violations
        raise BuildError(report)


def statistics(
    facts: Iterable[Facts], iris: Iris, only: Mapping[str, Set[str]] | None = None
) -> tuple[set[Triple], list[Line]]:
    """The statistics graph of ``facts`` (``only``: see ``statistics_graph``): its triples and
    its dataset lines."""
    triples: set[Triple] = set()
    statistics_graph(facts, iris, triples, only)
    return triples, graph_lines(ntriples.lines(triples), iris.reference_graph("statistics"))


def restated(
    facts: Iterable[Facts], touched: Mapping[str, Set[str]], last: Sequence[str], iris: Iris
) -> tuple[set[Triple], list[str]]:
    """The statistics lines (as text, sorted) of ``facts``, given ``last``, those of facts that
    differ only in what they count for the ``touched`` values (by cube name, their slugs): the
    observations of those values counted again, every other line kept. With the triples
    counted again: the structures and the touched observations."""
    triples, lines = statistics(facts, iris, touched)
    nodes = tuple(
        f"<{iris.observation(name, slug)}> " for name, slugs in touched.items() for slug in slugs
    )
    kept = (line for line in last if not line.startswith(nodes))
    return triples, sorted({*map(line_text, lines), *kept})


def _checked(
    graphs: Iterable[Iterable[Triple]], shapes: Path, key: str, cache: BuildCache, table: str
) -> ValidationReport:
    """The validation report of the merge of ``graphs``, kept in ``table`` by ``key`` (what it
    depends on): a build whose reference or statistics did not change does not validate them
    again, nor merges them."""

    def check() -> ValidationReport:
        return validate(data_graph(chain.from_iterable(graphs)), shapes)

    return cache.only(table, key, check)


def source_urls(sources: Iterable[Path]) -> dict[str, str]:
    """Page file name -> the URL it was saved from, read from ``index.tsv`` beside the pages."""
    urls: dict[str, str] = {}
    for index in page_indexes(sources):
        with index.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                urls[row["file"]] = row["url"]
    return urls


def page_indexes(sources: Iterable[Path]) -> list[Path]:
    """The ``index.tsv`` files beside the pages, sorted."""
    folders = {path if path.is_dir() else path.parent for path in sources}
    return [folder / "index.tsv" for folder in sorted(folders) if (folder / "index.tsv").exists()]
