"""A build that patches the last one: only the questions of the changed pages are read, merged,
mapped and validated again, and the dataset and the store are patched with their lines.

It applies when the last build's state (``published.py``) is for the same code, inputs and
settings, the same page files, and the dataset in place, and when what changed stays within the
changed questions: each changed page is still a page of the same question, and no changed
question's part of the reference graphs or of the shared-subject index changed, so the descriptor
table, the reference graphs and the verdicts on shared subjects are those of the last build.
Otherwise (or past ``MOST`` questions) ``patch`` returns ``None`` and the build runs in full, from
the build cache. The statistics' observations the changed questions count in are counted again from
every question's facts, the others kept. A patch publishes what a full build publishes, byte for
byte (``tests/test_patch.py``; ``bench/build_archive.py`` at scale).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from parlgraph.cache import BuildCache
from parlgraph.dataset import DATASET_FILE, PatchError, graph_lines, line_text, patch_lines
from parlgraph.dataset import temporary as temporary_file
from parlgraph.loading import load_store, loaded
from parlgraph.parse import Merged, Outline, ParseReport, conflict_problems, outline, page_problems
from parlgraph.processes import workers
from parlgraph.published import Entry, Inputs, Published, Row, stamp
from parlgraph.rdf.statistics import Facts, counted_in
from parlgraph.reading import UNKNOWN, Stamp, merge_groups, page_key, read_pages, record_key, stamps
from parlgraph.report import BuildError, BuildReport, page_names
from parlgraph.settings import Settings
from parlgraph.shared_graphs import statistics_patched
from parlgraph.stages import Checked, QuestionJob, check_all, question_key, reference_key
from parlgraph.thesaurus import load_thesaurus

MOST = 1000  # questions a patch redoes at most; past that, a full build from the cache is as fast


@dataclass
class Redone:
    """The changed questions, read, merged, mapped and validated again."""

    stamps: list[Stamp]  # every page's size and time, as found before reading
    pages: dict[int, tuple[str, Outline]]  # the changed pages' keys and outlines, by position
    merged: dict[str, Merged]  # the changed questions' records and conflicts
    read: int  # pages read
    entries: dict[str, Entry]  # the changed questions' entries
    checked: dict[str, Checked]  # the changed questions' graphs and violations
    old: dict[str, Checked]  # and those of the last build
    job: QuestionJob | None  # the last build's mapping job (loaded only if a question changed)


def patch(
    state: Published,
    settings: Settings,
    inputs: Inputs,
    cache: BuildCache,
    *,
    keep_going: bool = False,
    load: bool = True,
) -> BuildReport | None:
    """Patch the build ``state`` describes with ``inputs``; ``None`` if it cannot be."""
    clock = time.perf_counter()
    target = settings.graph_dir / DATASET_FILE
    files, salt = inputs.files, inputs.salt
    if state.setup != inputs.setup or state.files != tuple(files) or state.written != stamp(target):
        return None
    report = BuildReport(patched=True, descriptors=state.descriptors, matched=state.matched)
    redone = _redo(state, settings, files, salt, cache)
    if redone is None:
        return None
    report.cached = len(state.rows) - len(redone.checked)
    clock = report.timed("questions", clock)
    verdicts = replace(state.verdicts, failed=dict(state.verdicts.failed))
    for question_id, result in redone.checked.items():
        verdicts.judge(question_id, result.violations)
    report.failed = dict(verdicts.failed)
    report.pages = {q: page_names(redone.entries[q].pages) for q in report.failed}
    report.parse = _parse_report(state, redone)
    if report.failed and not keep_going:
        raise BuildError(report)
    rows = state.rows | {q: Published.row(entry) for q, entry in redone.entries.items()}
    report.questions = len(rows) - sum(1 for q in report.failed if q in rows)
    removed, added = _changes(state, redone, report.failed)
    counted = state.statistics
    moved = [
        q
        for q in redone.checked
        if rows[q][-1] != state.rows[q][-1]  # the facts
        or (q in report.failed) != (q in state.verdicts.failed)
    ]
    if moved and redone.job is not None:  # the statistics count again where they moved
        touched = _touched(state, rows, report.failed, moved)
        counts = replace(state, rows=rows).facts(report.failed)
        lines, key = statistics_patched(
            counts, touched, state.statistics[1], redone.job, report, cache, salt
        )
        counted = key, tuple(lines)
        removed.update(state.statistics[1])
        added.update(counted[1])
    clock = report.timed("changes", clock)
    removed, added = removed - added, added - removed
    report.dataset, report.quads = target, state.quads + len(added) - len(removed)
    written = temporary_file(target)
    try:
        sha256 = _patch_dataset(target, written, state, removed, added)
        if sha256 is None:
            return None
        clock = report.timed("write", clock)
        if load and loaded(settings.store) != sha256:
            held = loaded(settings.store) == state.dataset
            report.store_changes = load_store(
                written if written.exists() else target, settings.store, sha256,
                changes=(sorted(removed), sorted(added)) if held else None,
            )  # fmt: skip
        if written.exists():
            os.replace(written, target)
    finally:
        written.unlink(missing_ok=True)
    if redone.pages or tuple(redone.stamps) != state.stamps or stamp(target) != state.written:
        state.update(
            cache, redone.stamps, redone.pages,
            {q: Published.row(entry) for q, entry in redone.entries.items()},
            failed=verdicts.failed,
            conflicts=report.parse.conflicts, statistics=counted, dataset=sha256,
            written=stamp(target), quads=report.quads,
        )  # fmt: skip
    report.timed("store", clock)
    return report


def _redo(
    state: Published, settings: Settings, files: Sequence[str], salt: str, cache: BuildCache
) -> Redone | None:
    """Read, merge, map and validate the questions of the pages that changed; ``None`` when
    that is not enough (see the module's documentation)."""
    processes = workers(settings.build_workers)
    now = stamps(files)
    pages: dict[int, tuple[str, Outline]] = {}
    for i, path in enumerate(files):
        if now[i] == state.stamps[i] != UNKNOWN:
            continue
        key = page_key(Path(path), salt)
        if key != state.keys[i]:
            pages[i] = (key, state.outline(i))
    labels = load_thesaurus(settings.eurovoc).french_labels() if pages else frozenset()
    readings = read_pages([Path(files[i]) for i in pages], labels, processes)
    groups: dict[str, list[Path]] = {}
    for i, (key, last) in pages.items():
        pages[i] = (key, outline(readings[Path(files[i])]))
        question_id = last.question
        if question_id is None or pages[i][1].question != question_id:
            return None  # a page read for the first time, or moved to another question
        groups[question_id] = [Path(page) for page in state.rows[question_id][0]]
    if len(groups) > MOST:
        return None
    if not groups:
        return Redone(now, {}, {}, 0, {}, {}, {}, None)
    merged = merge_groups(groups, readings, labels, processes)
    questions = [merged[question_id][0] for question_id in groups]
    before = {q.id: state.entry(q.id) for q in questions}
    if any(reference_key(q) != before[q.id].reference for q in questions):
        return None  # the reference graphs and the descriptor table change
    job = state.load_job(cache)
    if job is None:
        return None  # the last build's mapping job is no longer in the cache
    position = {path: i for i, path in enumerate(state.files)}
    records = [
        record_key(salt, [_key(state, pages, position[str(path)]) for path in groups[q.id]])
        for q in questions
    ]
    new_keys = [question_key(q, job, salt, r) for q, r in zip(questions, records, strict=True)]
    old = cache.get_many("questions", [entry.key for entry in before.values()])
    if len(old) < len({entry.key for entry in before.values()}):
        return None  # the last build's graphs of these questions are no longer in the cache
    checked, _ = check_all(questions, new_keys, job, cache, processes)
    classes = state.verdicts.classes
    entries = {}
    for question, result, record, key in zip(questions, checked, records, new_keys, strict=True):
        if not classes.local(question.id, old[before[question.id].key].outside, result.outside):
            return None  # the shared subjects and the verdicts on them may change
        entries[question.id] = before[question.id]._replace(
            record=record, key=key, facts=result.facts
        )
    return Redone(
        now, pages, merged, len(readings), entries,
        {q.id: result for q, result in zip(questions, checked, strict=True)},
        {q.id: old[before[q.id].key] for q in questions}, job,
    )  # fmt: skip


def _touched(
    state: Published, rows: Mapping[str, Row], failed: Mapping[str, object], moved: Sequence[str]
) -> dict[str, set[str]]:
    """The observations the ``moved`` questions counted in, or count in now (a question counts
    in the statistics if it is published)."""
    published = [
        Facts._make(row[-1])
        for question in moved
        for row, left_out in (
            (state.rows[question], state.verdicts.failed),
            (rows[question], failed),
        )
        if question not in left_out
    ]
    return counted_in(published)


def _key(state: Published, pages: dict[int, tuple[str, Outline]], position: int) -> str:
    """The key of the page at ``position``: new if it changed, else the last build's."""
    return pages[position][0] if position in pages else state.keys[position]


def _changes(
    state: Published, redone: Redone, failed: Mapping[str, object]
) -> tuple[set[str], set[str]]:
    """The dataset lines of the changed questions' graphs before (if published) and now."""
    removed: set[str] = set()
    added: set[str] = set()
    for question_id, result in redone.checked.items():
        assert redone.job is not None  # a question was redone
        graph = redone.job.iris.question_graph(question_id)
        if question_id not in state.verdicts.failed:
            removed.update(map(line_text, graph_lines(redone.old[question_id].triples, graph)))
        if question_id not in failed:
            added.update(map(line_text, graph_lines(result.triples, graph)))
    return removed, added


def _parse_report(state: Published, redone: Redone) -> ParseReport:
    """The parse report a full build would give: the pages' problems, then the conflicts (the
    records are only those merged again)."""
    notes = dict(state.notes)
    for position, (_, page) in redone.pages.items():
        notes.pop(position, None)
        if page.warnings or page.problem:
            notes[position] = page
    report = page_problems((state.files[i], notes[i]) for i in sorted(notes))
    report.read = redone.read
    report.questions = [question for question, _ in redone.merged.values()]
    for question_id in state.rows:
        found = state.conflicts.get(question_id)
        if question_id in redone.merged:
            question, conflicts = redone.merged[question_id]
            found = conflict_problems(question, conflicts) if conflicts else None
        if found:
            report.conflicts[question_id] = found
    report.warnings.extend(problem for found in report.conflicts.values() for problem in found)
    return report


def _patch_dataset(
    target: Path, written: Path, state: Published, removed: set[str], added: set[str]
) -> str | None:
    """Write at ``written`` the dataset ``target`` without the lines ``removed`` and with those
    ``added``, unless there are none; return its SHA-256 (``None``: ``target`` is not the
    dataset ``state`` describes, and nothing was written)."""
    if not removed and not added:
        return state.dataset
    try:
        sha256, _ = patch_lines(target, written, sorted(removed), sorted(added))
    except PatchError:
        written.unlink(missing_ok=True)
        return None
    return sha256
