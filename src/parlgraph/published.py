"""What the last build published, kept in the build cache so that the next build can patch it.

A build of a large archive spends most of its time on what did not change: reading back every
record and graph from the cache, rebuilding the reference graphs and the shared-subject index,
sorting and diffing millions of lines. Where only a few pages changed, ``patch.py`` redoes their
questions alone, from this summary of the last build: each question's pages, keys and what the
rest of the build takes from it (its part of the reference data and of the statistics), the
mapping job, the verdicts with the classes of the subjects of several graphs, and the hash of
the dataset written.
"""

from __future__ import annotations

import pickle
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from parlgraph.cache import BuildCache, digest
from parlgraph.parse import Outline, Problem
from parlgraph.rdf.statistics import Facts
from parlgraph.reading import Stamp
from parlgraph.split_validation import Verdicts
from parlgraph.stages import QuestionJob

TABLE = "published"
KEY = "state"
JOB = "job"


class Entry(NamedTuple):
    """One question as the last build left it."""

    pages: tuple[str, ...]  # its pages, in the order read
    record: str  # the key of its merged record (the hash of its pages)
    key: str  # the key of its graph and verdict (``stages.question_key``)
    reference: str  # the hash of what the reference graphs take from it (``reference_key``)
    facts: Facts  # what the statistics take from it


Row = tuple[Any, ...]  # an ``Entry`` as a plain tuple, its facts too (``Published.row``)


@dataclass
class Published:
    """The state of the last build that published a dataset. What it holds per page and per
    question is held in plain tuples and columns, not in objects: at 100,000 questions, making
    objects of them again when the state is read took longer than the rest of a patch."""

    setup: str  # the hash of what every result depends on besides the pages (``setup``)
    dataset: str  # the SHA-256 of the dataset written
    written: tuple[str, int, int]  # the dataset's path, size and modification time
    quads: int
    files: tuple[str, ...]  # every page file, in the order read
    stamps: tuple[Stamp, ...]  # each file's size and time, taken before it was read
    keys: tuple[str, ...]  # each file's key (the hash of its name and bytes)
    owners: tuple[str | None, ...]  # each file's question (None: it could not be read)
    notes: dict[int, Outline]  # the outlines with warnings or a problem, by file position
    rows: dict[str, Row]  # each question's entry, in id order (``entry``)
    conflicts: dict[str, list[Problem]]  # the warnings of merging, by question, in id order
    job: QuestionJob | None  # kept apart (only a full build changes it): see ``load_job``
    verdicts: Verdicts
    statistics: tuple[str, tuple[str, ...]]  # the key of the statistics' lines, and the lines
    descriptors: int
    matched: int

    def outline(self, position: int) -> Outline:
        """The outline of the file at ``position``."""
        return self.notes.get(position) or Outline(self.owners[position])

    def entry(self, question: str) -> Entry:
        pages, record, key, reference, facts = self.rows[question]
        return Entry(pages, record, key, reference, Facts._make(facts))

    @staticmethod
    def row(entry: Entry) -> Row:
        return (*entry[:-1], tuple(entry.facts))

    def facts(self, leaving_out: Container[str]) -> list[Facts]:
        """The statistics facts of every question but those ``leaving_out``, in id order."""
        return [Facts._make(row[-1]) for q, row in self.rows.items() if q not in leaving_out]

    def save(self, cache: BuildCache, job: bool = False) -> None:
        """Keep the state, and with ``job`` the mapping job too."""
        rows: list[tuple[str, object]] = [(KEY, self)]
        if job:
            rows.append((JOB, (self.setup, self.job)))
        cache.put_many(TABLE, rows)

    @staticmethod
    def load(cache: BuildCache) -> Published | None:
        """The state kept, if any; a state an earlier version of the code kept, whose classes
        no longer read back, counts as none (its ``setup`` would not match anyway)."""
        found = _get(cache, KEY)
        return found if isinstance(found, Published) else None

    def load_job(self, cache: BuildCache) -> QuestionJob | None:
        """The mapping job of the build this state is of (``None`` if it was not kept)."""
        if self.job is None:
            found = _get(cache, JOB)
            if isinstance(found, tuple) and found[0] == self.setup:
                self.job = found[1]
        return self.job

    def __getstate__(self) -> dict[str, Any]:
        """The questions' rows as columns (they pickle faster); the job is kept apart."""
        state = dict(self.__dict__, job=None)
        state["rows"] = (tuple(self.rows), *zip(*self.rows.values(), strict=True))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        ids, *columns = state["rows"]
        state["rows"] = dict(zip(ids, zip(*columns, strict=True), strict=True))
        self.__dict__.update(state)


def pages_of(
    outlines: Sequence[tuple[str, Outline]],
) -> tuple[tuple[str, ...], tuple[str | None, ...], dict[int, Outline]]:
    """Each page's key and question, and the outlines with warnings or a problem, by position:
    how ``Published`` holds the outlines of a build's pages."""
    keys = tuple(key for key, _ in outlines)
    owners = tuple(page.question for _, page in outlines)
    notes = {i: page for i, (_, page) in enumerate(outlines) if page.warnings or page.problem}
    return keys, owners, notes


def _get(cache: BuildCache, key: str) -> Any:
    try:
        return cache.get(TABLE, key)
    except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, EOFError):
        return None


@dataclass(frozen=True)
class Inputs:
    """What a build reads: the folders and files it was given, the page files among them, and
    the hashes of what else its results depend on: ``salt``, of the code and input files;
    ``setup``, of these, the base IRI and the lists of pages (``setup``)."""

    sources: Sequence[Path]
    files: Sequence[Path]
    salt: str
    setup: str


def setup(salt: str, base_iri: str, indexes: Iterable[Path]) -> str:
    """What every result of a build depends on besides the pages: the code and input files
    (``salt``), the base IRI, and the lists of pages with their URLs (``index.tsv``)."""
    return digest(salt, base_iri, *(index.read_bytes() for index in indexes))


def stamp(path: Path) -> tuple[str, int, int]:
    """A file's path, size and modification time (all zero if it does not exist)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return str(path), 0, 0
    return str(path), status.st_size, status.st_mtime_ns
