"""The build cache: what a build computed, kept by the SHA-256 of everything it was computed from.

A page's hash is kept with its size and modification time, so that an unchanged page is not read
again; a page's outline, by the hash of its bytes; a question's merged record, by the hashes of
its pages; a question's graph and its validation, by the key of its record and the reference
data it uses; the verdicts on the reference graphs, the statistics and the shared subjects, by
the hash of their triples; and the state of the last build that published (``published.py``).
Every key also holds the fingerprint of the code and of the input files (shapes, ontology,
EuroVoc, organisations), so a change to any of them misses the cache instead of reusing a stale
result. One SQLite file (standard library, one writer).
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import parlgraph

T = TypeVar("T")
CHUNK = 1000  # keys per query of get_many (SQLite allows at least 32,766 parameters)
TABLES = (
    "files", "outlines", "merged", "questions", "reference", "statistics", "shared", "published",
)  # fmt: skip
RETIRED = ("pages",)  # tables of earlier versions, dropped from a cache they left


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two sequences collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def fingerprint(files: Iterable[Path]) -> str:
    """The hash of the package's code and of ``files``: what every cached result depends on."""
    package = Path(parlgraph.__file__).parent
    sources = sorted(package.rglob("*.py"))
    return digest(*(path.read_bytes() for path in [*sources, *files]))


class BuildCache:
    """Values by key, in tables; ``None`` path keeps nothing (every look-up misses)."""

    def __init__(self, path: Path | None) -> None:
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            for table in TABLES:
                self._db.execute(
                    f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB)"
                )
            for table in RETIRED:
                self._db.execute(f"DROP TABLE IF EXISTS {table}")

    def get(self, table: str, key: str) -> Any | None:
        row = None
        if self._db is not None:
            row = self._db.execute(f"SELECT value FROM {table} WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return pickle.loads(row[0])

    def get_many(self, table: str, keys: Iterable[str]) -> dict[str, Any]:
        """The values found for ``keys``, by key (one query per thousand keys)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        if self._db is not None:
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value FROM {table} WHERE key IN ({marks})"
                for key, value in self._db.execute(query, chunk):
                    found[key] = pickle.loads(value)
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, table: str, items: Iterable[tuple[str, Any]]) -> None:
        if self._db is None:
            return
        rows = ((key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in items)
        self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)
        self._db.commit()

    def keys(self, table: str) -> set[str]:
        """The keys ``table`` holds."""
        if self._db is None:
            return set()
        return {row[0] for row in self._db.execute(f"SELECT key FROM {table}")}

    def keep_only(self, table: str, keys: set[str]) -> None:
        """Forget the entries of ``table`` the last build did not use (pages deleted or changed)."""
        if self._db is None:
            return
        stale = [key for key in self.keys(table) if key not in keys]
        self._db.executemany(f"DELETE FROM {table} WHERE key = ?", ((key,) for key in stale))
        self._db.commit()

    def only(self, table: str, key: str, make: Callable[[], T]) -> T:
        """The value of ``key`` in ``table``, made by ``make`` when it is missing; the table keeps
        that one entry (for what a build computes once: a verdict on the reference graphs…)."""
        found: T | None = self.get(table, key)
        if found is None:
            found = make()
            self.put_many(table, [(key, found)])
            self.keep_only(table, {key})
        return found

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
