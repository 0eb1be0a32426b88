"""Parse saved Senate pages into question records: one record per question, merged.

``parse_files`` is the one public entry point, shared by the CLI, the build and the tests.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from parlgraph.parse.merge import merge
from parlgraph.parse.page import PageReading, read_page
from parlgraph.parse.text import PageError
from parlgraph.records import Question, id_sort_key

__all__ = [
    "Merged",
    "Outline",
    "PageError",
    "ParseReport",
    "Problem",
    "Reading",
    "assemble",
    "conflict_problems",
    "merge_readings",
    "outline",
    "page_files",
    "page_paths",
    "page_problems",
    "parse_files",
    "parse_page",
    "read_file",
]


@dataclass(frozen=True)
class Problem:
    """An error or warning about one file (and question, where known)."""

    file: str
    message: str
    question: str | None = None

    def __str__(self) -> str:
        where = f"{self.file} ({self.question})" if self.question else self.file
        return f"{where}: {self.message}"


@dataclass
class ParseReport:
    """The merged records, sorted by id, with every file that failed and every warning; how
    many pages were read (a build reads only those that changed and their questions' others);
    the warnings of merging, by question (among the warnings too); and, from a build, each
    record's key (the hash of its pages and of the code that read them), each question's pages
    and each page's key (the hash of its name and bytes) and outline, in the order read."""

    questions: list[Question] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    read: int = 0
    conflicts: dict[str, list[Problem]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outlines: list[tuple[str, Outline]] = field(default_factory=list)


def parse_page(path: Path, labels: frozenset[str] = frozenset()) -> PageReading:
    """Read one page from disk (``labels``: known French descriptor labels, case-folded)."""
    return read_page(path.read_bytes(), path.name, labels)


def page_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, with each directory replaced by the ``*.txt`` pages in it, sorted."""
    return [Path(path) for path in page_paths(paths)]


def page_paths(paths: Iterable[Path]) -> list[str]:
    """``page_files`` as strings: listed with ``os.scandir`` and sorted by name, a folder of
    180,000 pages takes a fraction of the time ``Path.glob`` and ``Path`` objects take."""
    found: list[str] = []
    for path in paths:
        if not path.is_dir():
            found.append(str(path))
            continue
        with os.scandir(path) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".txt") and e.is_file())
        folder = str(path)
        found.extend(os.path.join(folder, name) for name in names)
    return found


def parse_files(paths: Iterable[Path], labels: frozenset[str] = frozenset()) -> ParseReport:
    """Parse every page; a page that fails is reported and the others still parsed and merged."""
    return merge_readings((path, read_file(path, labels)) for path in page_files(paths))


Reading = PageReading | Problem  # a page read, or why it could not be


def read_file(path: Path, labels: frozenset[str] = frozenset()) -> Reading:
    """One page read from disk, or the problem that stopped it."""
    try:
        return read_data(path, path.read_bytes(), labels)
    except OSError as error:
        return Problem(str(path), _reason(error))


def read_data(path: Path, data: bytes, labels: frozenset[str] = frozenset()) -> Reading:
    """The page ``path`` read from its bytes ``data``, or the problem that stopped it."""
    try:
        return read_page(data, path.name, labels)
    except PageError as error:
        return Problem(str(path), _reason(error))


class Outline(NamedTuple):
    """What merging needs of a page besides its record: its question, its warnings, or why it
    could not be read (so that a build can merge from cached records without the pages). A
    named tuple: a build keeps one per page, and tuples are the quickest to store and load."""

    question: str | None
    warnings: tuple[str, ...] = ()
    problem: str | None = None


def outline(reading: Reading) -> Outline:
    if isinstance(reading, Problem):
        return Outline(None, problem=reading.message)
    return Outline(reading.question.id, reading.warnings)


Merged = tuple[Question, list[str]]  # a question's record from all its pages, and the conflicts


def merge_readings(readings: Iterable[tuple[Path, Reading]]) -> ParseReport:
    """Merge the pages read, in the order given, into one record per question, sorted by id."""
    pages = list(readings)
    by_id: dict[str, list[Question]] = defaultdict(list)
    for _, reading in pages:
        if not isinstance(reading, Problem):
            by_id[reading.question.id].append(reading.question)
    merged = {identifier: merge(questions) for identifier, questions in by_id.items()}
    report = assemble([(path, outline(reading)) for path, reading in pages], merged)
    report.read = len(pages)
    return report


def assemble(pages: Sequence[tuple[Path, Outline]], merged: Mapping[str, Merged]) -> ParseReport:
    """The report of ``pages`` (in the order read) and of each question's merged record: the
    records sorted by id, the pages that failed, the pages' warnings, then the conflicts."""
    report = page_problems(pages)
    for identifier in sorted(merged, key=id_sort_key):
        question, conflicts = merged[identifier]
        report.questions.append(question)
        if conflicts:
            report.conflicts[identifier] = conflict_problems(question, conflicts)
    report.warnings.extend(problem for found in report.conflicts.values() for problem in found)
    return report


def page_problems(pages: Iterable[tuple[Path | str, Outline]]) -> ParseReport:
    """A report of the pages that failed and of the pages' warnings, in the order given."""
    report = ParseReport()
    for path, page in pages:
        if page.problem is not None:
            report.errors.append(Problem(str(path), page.problem))
        else:
            report.warnings.extend(Problem(str(path), w, page.question) for w in page.warnings)
    return report


def conflict_problems(question: Question, conflicts: Iterable[str]) -> list[Problem]:
    """The conflicts found merging a question's pages, as warnings naming its pages."""
    files = ", ".join(source.file for source in question.sources)
    return [Problem(files, conflict, question.id) for conflict in conflicts]


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
