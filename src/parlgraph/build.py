"""Build the graph: corpus -> parse -> map -> validate -> write ``parlgraph.nq`` and the store.

The output is deterministic (sorted N-Quads, no blank nodes, nothing time-dependent) and replaces
the previous one only when the whole build succeeded: the dataset is written beside its target and
renamed into place after the new store was built in a folder of its own and swapped in.

Where only a few pages changed since the last build, ``patch.py`` patches what it published
instead; otherwise the build runs in full, taking from the build cache every page, record and
question whose inputs did not change.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from parlgraph.cache import BuildCache, fingerprint
from parlgraph.dataset import DATASET_FILE, Line, graph_lines, line_text, temporary, write_lines
from parlgraph.loading import load_store, loaded
from parlgraph.parse import page_paths
from parlgraph.patch import patch
from parlgraph.processes import workers
from parlgraph.published import Entry, Inputs, Published, pages_of, setup, stamp
from parlgraph.reading import parse_pages, stamps
from parlgraph.records import Question
from parlgraph.report import BuildError, BuildReport, page_names, problems
from parlgraph.settings import Settings
from parlgraph.shared_graphs import page_indexes, reference_job, statistics_lines
from parlgraph.split_validation import Subjects, Verdicts, check_shared
from parlgraph.stages import Checked, QuestionJob, check_all, question_key
from parlgraph.thesaurus import load_thesaurus

EMPTY = Checked((), ())
Progress = Callable[[int, int], None]


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
    questions whose inputs did not change since the last build are taken from the build cache,
    and a build that changed few pages patches the last one.
    """
    results = BuildCache(settings.build_cache if cache else None)
    try:
        given = list(sources) or [settings.corpus]
        salt = fingerprint(_inputs(settings))
        key = setup(salt, settings.base_iri, page_indexes(given))
        inputs = Inputs(given, page_paths(given), salt, key)
        state = Published.load(results) if cache else None
        if state is not None:
            patched = patch(state, settings, inputs, results, keep_going=keep_going, load=load)
            if patched is not None:
                return patched
        return _build(settings, inputs, results, keep_going, load, progress)
    finally:
        results.close()


def _build(
    settings: Settings,
    inputs: Inputs,
    cache: BuildCache,
    keep_going: bool,
    load: bool,
    progress: Progress | None,
) -> BuildReport:
    clock = time.perf_counter()
    files, salt = [Path(page) for page in inputs.files], inputs.salt
    report = BuildReport()
    processes = workers(settings.build_workers)
    thesaurus = load_thesaurus(settings.eurovoc)
    found = stamps(files)  # before the pages are read: a later edit gets a later time
    report.parse = parsed = parse_pages(files, thesaurus.french_labels(), cache, salt, processes)
    clock = report.timed("parse", clock)
    questions = parsed.questions
    job, lines = reference_job(settings, questions, thesaurus, inputs.sources, report, cache, salt)
    clock = report.timed("reference", clock)
    keys = [question_key(question, job, salt, parsed.keys[question.id]) for question in questions]
    checked, report.cached = check_all(
        questions, keys, job, cache, processes,
        (lambda done: progress(done, len(questions))) if progress else None,
    )  # fmt: skip
    cache.keep_only("questions", set(keys))
    clock = report.timed("questions", clock)
    verdicts = _verdicts(questions, checked, job, cache)
    report.failed = dict(verdicts.failed)
    report.pages = {q: page_names(parsed.pages[q]) for q in report.failed}
    clock = report.timed("shared", clock)
    if report.failed and not keep_going:
        raise BuildError(report)
    entries: dict[str, Entry] = {}
    for index, question in enumerate(questions):
        result, checked[index] = checked[index], EMPTY  # free each as it is used
        entries[question.id] = Entry(
            parsed.pages[question.id], parsed.keys[question.id], keys[index], result.reference,
            result.facts,
        )  # fmt: skip
        if question.id not in report.failed:
            lines.extend(graph_lines(result.triples, job.iris.question_graph(question.id)))
    published = [entry.facts for q, entry in entries.items() if q not in report.failed]
    report.questions = len(published)
    statistics, statistics_key = statistics_lines(published, job, report, cache, salt)
    lines.extend(statistics)
    lines.sort()
    clock = report.timed("write", clock)
    dataset = _write(settings, lines, load, report)
    state = Published(
        inputs.setup, dataset, stamp(settings.graph_dir / DATASET_FILE), report.quads,
        tuple(inputs.files), tuple(found), *pages_of(parsed.outlines),
        {q: Published.row(entry) for q, entry in entries.items()}, parsed.conflicts, job,
        verdicts, (statistics_key, tuple(map(line_text, statistics))), report.descriptors,
        report.matched,
    )  # fmt: skip
    state.save(cache, job=True)
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


def _verdicts(
    questions: Sequence[Question], checked: Sequence[Checked], job: QuestionJob, cache: BuildCache
) -> Verdicts:
    """Each question's violations: those of its batch that stand, and those of shared subjects."""
    context = job.context
    subjects = Subjects(f"<{job.iris.question('')}")
    for question, result in zip(questions, checked, strict=True):
        subjects.add(question.id, result.outside)
    classes = subjects.classify(context.reference)
    on_shared = check_shared(subjects, classes.shared, context, cache, job.salt)
    verdicts = Verdicts({}, classes, on_shared)
    for question, result in zip(questions, checked, strict=True):
        verdicts.judge(question.id, result.violations)
    return verdicts


def _write(settings: Settings, lines: list[Line], load: bool, report: BuildReport) -> str:
    """Write the sorted ``lines``, each once, as the dataset; load the store unless it already
    holds exactly that dataset. Return the dataset's SHA-256."""
    settings.graph_dir.mkdir(parents=True, exist_ok=True)
    target = settings.graph_dir / DATASET_FILE
    written = temporary(target)
    try:
        sha256, report.quads = write_lines(lines, written)
        lines.clear()  # written: the store is loaded from the file, in less memory
        if load and loaded(settings.store) != sha256:
            report.store_changes = load_store(written, settings.store, sha256, previous=target)
        os.replace(written, target)
    finally:
        written.unlink(missing_ok=True)
    report.dataset = target
    return sha256


__all__ = [
    "DATASET_FILE",
    "BuildError",
    "BuildReport",
    "build",
    "problems",
]
