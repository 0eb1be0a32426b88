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

import json
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from parlgraph.cache import BuildCache, digest
from parlgraph.parse import Outline, Problem
from parlgraph.rdf.statistics import Facts
from parlgraph.reading import Stamp
from parlgraph.records import Question
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


def reference_key(question: Question) -> str:
    """The hash of what the reference graphs and the descriptor table take from a question (its
    author, post and descriptors). The order in which they are first met matters too, so a
    patch keeps the reference graphs only when no question's part changed."""
    author = question.author.to_json() if question.author else None
    parts = [author, question.addressee.to_json(), question.descriptors.to_json()]
    return digest(json.dumps(parts, sort_keys=True))


@dataclass
class Published:
    """The state of the last build that published a dataset."""

    setup: str  # the hash of what every result depends on besides the pages (``setup``)
    dataset: str  # the SHA-256 of the dataset written
    written: tuple[str, int, int]  # the dataset's path, size and modification time
    quads: int
    files: tuple[str, ...]  # every page file, in the order read
    stamps: tuple[Stamp, ...]  # each file's size and time, taken before it was read
    outlines: tuple[tuple[str, Outline], ...]  # each file's key and outline, in the same order
    questions: dict[str, Entry]  # in id order
    conflicts: dict[str, list[Problem]]  # the warnings of merging, by question, in id order
    job: QuestionJob | None  # kept apart (only a full build changes it): see ``load_job``
    verdicts: Verdicts
    statistics: tuple[str, tuple[str, ...]]  # the key of the statistics' lines, and the lines
    descriptors: int
    matched: int

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
        """The state as plain tuples, not named ones: a hundred thousand of them load ten times
        faster. The job is kept apart."""
        state = dict(self.__dict__, job=None)
        state["outlines"] = tuple((key, tuple(page)) for key, page in self.outlines)
        questions = self.questions.items()
        state["questions"] = {q: (*entry[:-1], tuple(entry.facts)) for q, entry in questions}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["outlines"] = tuple((key, Outline._make(page)) for key, page in state["outlines"])
        state["questions"] = {
            question: Entry._make((*row[:-1], Facts._make(row[-1])))
            for question, row in state["questions"].items()
        }
        self.__dict__.update(state)


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
