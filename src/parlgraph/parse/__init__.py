"""Parse saved Senate pages into question records: one record per question, merged.

``parse_files`` is the one public entry point, shared by the CLI, the build and the tests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parlgraph.parse.merge import merge
from parlgraph.parse.page import PageReading, read_page
from parlgraph.parse.text import PageError
from parlgraph.records import Question, id_sort_key

__all__ = [
    "PageError",
    "ParseReport",
    "Problem",
    "Reading",
    "merge_readings",
    "page_files",
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
    """The merged records, sorted by id, with every file that failed and every warning."""

    questions: list[Question] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def parse_page(path: Path, labels: frozenset[str] = frozenset()) -> PageReading:
    """Read one page from disk (``labels``: known French descriptor labels, case-folded)."""
    return read_page(path.read_bytes(), path.name, labels)


def page_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, with each directory replaced by the ``*.txt`` pages in it, sorted."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return files


def parse_files(paths: Iterable[Path], labels: frozenset[str] = frozenset()) -> ParseReport:
    """Parse every page; a page that fails is reported and the others still parsed and merged."""
    return merge_readings((path, read_file(path, labels)) for path in page_files(paths))


Reading = PageReading | Problem  # a page read, or why it could not be


def read_file(path: Path, labels: frozenset[str] = frozenset()) -> Reading:
    """One page read from disk, or the problem that stopped it."""
    try:
        return parse_page(path, labels)
    except (PageError, OSError) as error:
        return Problem(str(path), _reason(error))


def merge_readings(readings: Iterable[tuple[Path, Reading]]) -> ParseReport:
    """Merge the pages read, in the order given, into one record per question, sorted by id."""
    report = ParseReport()
    by_id: dict[str, list[Question]] = defaultdict(list)
    for path, reading in readings:
        if isinstance(reading, Problem):
            report.errors.append(reading)
            continue
        question = reading.question
        by_id[question.id].append(question)
        report.warnings.extend(Problem(str(path), w, question.id) for w in reading.warnings)
    for identifier in sorted(by_id, key=id_sort_key):
        merged, conflicts = merge(by_id[identifier])
        report.questions.append(merged)
        files = ", ".join(source.file for source in merged.sources)
        report.warnings.extend(Problem(files, c, identifier) for c in conflicts)
    return report


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
