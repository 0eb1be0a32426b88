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

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from parlgraph.cache import BuildCache, digest
from parlgraph.parse import Outline, Problem
from parlgraph.rdf.statistics import Facts
from parlgraph.records import Author, Bilingual, Descriptors, Question
from parlgraph.split_validation import Verdicts
from parlgraph.stages import QuestionJob

TABLE = "published"
KEY = "state"  # the table holds one entry


@dataclass(frozen=True)
class Entry:
    """One question as the last build left it."""

    pages: tuple[str, ...]  # its pages, in the order read
    record: str  # the key of its merged record (the hash of its pages)
    key: str  # the key of its graph and verdict (``stages.question_key``)
    reference: Reference  # what the reference graphs take from it
    facts: Facts  # what the statistics take from it


@dataclass(frozen=True)
class Reference:
    """What the reference graphs and the descriptor table take from a question: the order in
    which authors, posts and descriptors are first met matters too, so a patch keeps the
    reference graphs only when no question's part changed."""

    author: Author | None
    addressee: Bilingual
    descriptors: Descriptors

    @classmethod
    def of(cls, question: Question) -> Reference:
        return cls(question.author, question.addressee, question.descriptors)


@dataclass
class Published:
    """The state of the last build that published a dataset."""

    setup: str  # the hash of what every result depends on besides the pages (``setup``)
    dataset: str  # the SHA-256 of the dataset written
    written: tuple[str, int, int]  # the dataset's path, size and modification time
    quads: int
    files: tuple[str, ...]  # every page file, in the order read
    outlines: tuple[tuple[str, Outline], ...]  # each file's key and outline, in the same order
    questions: dict[str, Entry]  # in id order
    conflicts: dict[str, list[Problem]]  # the warnings of merging, by question, in id order
    job: QuestionJob
    verdicts: Verdicts
    statistics: str  # the key of the statistics' lines
    descriptors: int
    matched: int

    def save(self, cache: BuildCache) -> None:
        cache.put_many(TABLE, [(KEY, self)])

    @staticmethod
    def load(cache: BuildCache) -> Published | None:
        found = cache.get(TABLE, KEY)
        return found if isinstance(found, Published) else None

    @staticmethod
    def forget(cache: BuildCache) -> None:
        """Drop the state (a build that does not record one must not leave a stale one)."""
        cache.keep_only(TABLE, set())


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
