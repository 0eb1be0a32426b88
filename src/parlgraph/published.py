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

import os
import pickle
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
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
DELTA = "delta"
MOST_CHANGES = 20_000  # pages and questions a delta holds before the whole state is written


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
    token: str = ""  # names this state as written whole; a ``Delta`` applies to one token
    delta: Delta | None = None  # what patches changed since (kept in a row of its own)

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
        """Keep the whole state (and with ``job`` the mapping job too)."""
        self.token, self.delta = os.urandom(16).hex(), None
        rows: list[tuple[str, object]] = [(KEY, self), (DELTA, None)]
        if job:
            rows.append((JOB, (self.setup, self.job)))
        cache.put_many(TABLE, rows)

    def update(
        self,
        cache: BuildCache,
        stamps: Sequence[Stamp],
        pages: Mapping[int, tuple[str, Outline]],
        rows: Mapping[str, Row],
        **head: Any,
    ) -> None:
        """Take in what a patch changed, and keep it: as a ``Delta`` beside the whole state,
        or, once the delta holds ``MOST_CHANGES`` pages and questions, the whole state again.
        ``stamps``: every page's; ``pages``: the changed pages' keys and outlines, by
        position; ``rows``: the changed questions' entries; ``head``: fields to set."""
        changed = Delta(self.token, rows=dict(rows), head=head)
        for i, (now, before) in enumerate(zip(stamps, self.stamps, strict=True)):
            if now != before or i in pages:
                key, page = pages.get(i, (self.keys[i], self.outline(i)))
                changed.pages[i] = (now, key, page)
        self.apply(changed)
        delta = self.delta = self.delta or Delta(self.token)
        delta.pages.update(changed.pages)
        delta.rows.update(changed.rows)
        delta.head.update(changed.head)
        if len(delta.pages) + len(delta.rows) > MOST_CHANGES:
            self.save(cache)
        else:
            cache.put_many(TABLE, [(DELTA, delta)])

    def apply(self, delta: Delta) -> None:
        """Set what ``delta`` changed."""
        if delta.pages:
            stamps, keys, owners = list(self.stamps), list(self.keys), list(self.owners)
            for i, (stamp, key, page) in delta.pages.items():
                stamps[i], keys[i], owners[i] = stamp, key, page.question
                self.notes.pop(i, None)
                if page.warnings or page.problem:
                    self.notes[i] = page
            self.stamps, self.keys, self.owners = tuple(stamps), tuple(keys), tuple(owners)
        self.rows.update(delta.rows)
        for name, value in delta.head.items():
            if name == "failed":  # the verdicts' classes do not change: kept with the state
                self.verdicts = replace(self.verdicts, failed=value)
            else:
                setattr(self, name, value)

    @staticmethod
    def load(cache: BuildCache) -> Published | None:
        """The state kept, if any, with the patches since; a state an earlier version of the
        code kept, whose classes no longer read back, counts as none (its ``setup`` would not
        match anyway), and so does a state whose delta is not its own."""
        found = _get(cache, KEY)
        if not isinstance(found, Published):
            return None
        delta = _get(cache, DELTA)
        if delta is not None:
            if not isinstance(delta, Delta) or delta.base != found.token:
                return None
            found.apply(delta)
            found.delta = delta
        return found

    def load_job(self, cache: BuildCache) -> QuestionJob | None:
        """The mapping job of the build this state is of (``None`` if it was not kept)."""
        if self.job is None:
            found = _get(cache, JOB)
            if isinstance(found, tuple) and found[0] == self.setup:
                self.job = found[1]
        return self.job

    def __getstate__(self) -> dict[str, Any]:
        """The questions' rows as columns (they pickle faster); the job and the delta are
        kept apart."""
        state = dict(self.__dict__, job=None, delta=None)
        state["rows"] = (tuple(self.rows), *zip(*self.rows.values(), strict=True))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        ids, *columns = state["rows"]
        state["rows"] = dict(zip(ids, zip(*columns, strict=True), strict=True))
        self.__dict__.update(state)


@dataclass
class Delta:
    """What patches changed since the whole state was last written, kept in a row of its own:
    a patch writes a few kilobytes, not the state of 180,000 pages and 100,000 questions."""

    base: str  # the token of the state it applies to
    pages: dict[int, tuple[Stamp, str, Outline]] = field(default_factory=dict)  # by position
    rows: dict[str, Row] = field(default_factory=dict)
    head: dict[str, Any] = field(default_factory=dict)  # other fields, as last set


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
    files: Sequence[str]  # as ``parse.page_paths`` gives them
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
