"""SPARQL answers one server process computed, for the server's other processes.

Each process keeps the answers it gave in memory (``kept.py``); without this, a query asked again
that reaches another process would run again there. Here an answer is a file in a folder that
the server makes when it starts and removes when it stops, named by the hash of its job, written
whole and then renamed, so a reader finds a whole answer or none. The folder holds at most
``budget`` bytes: to make room for a new answer, the answers read or written least lately go
(an answer larger than the whole budget is not written; each process still keeps its own). A
file's modification time is when it was last read or written. Only the server's processes
write there (the folder is the server's own, mode 0700).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from parlgraph.store import Answer, Job


class SharedAnswers:
    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder
        self.budget = budget

    def get(self, job: Job) -> Answer | None:
        """The answer to ``job`` another process wrote, or None (none, or unreadable)."""
        path = self._path(job)
        try:
            found = pickle.loads(path.read_bytes())
            _touch(path)  # read lately: the last to go
        except Exception:  # none (or gone meanwhile), or damaged (which fails in many ways)
            return None
        return found if isinstance(found, Answer) else None

    def fetch(self, job: Job, make: Callable[[], Answer]) -> Answer:
        """The answer to ``job`` another process wrote, or else ``make()``'s, written for them."""
        found = self.get(job)
        if found is None:
            found = make()
            self.put(job, found)
        return found

    def put(self, job: Job, answer: Answer) -> None:
        """Write ``answer`` for the other processes, making room for it within the budget; a
        failure to write loses nothing but the sharing."""
        data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        if len(data) > self.budget:
            return
        try:
            self._make_room(len(data))
            handle, name = tempfile.mkstemp(dir=self.folder, suffix=".part")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            target = self._path(job)
            os.replace(name, target)
            _touch(target)
        except OSError:  # the disk is full, say: the part written goes
            Path(name).unlink(missing_ok=True)

    def used(self) -> int:
        """Bytes of the answers written so far, and of those being written."""
        return sum(entry.stat().st_size for entry in os.scandir(self.folder))

    def _make_room(self, size: int) -> None:
        """Remove the answers read or written least lately until ``size`` more bytes fit (files
        another process is writing count, and stay)."""
        entries = [(entry.stat(), entry) for entry in os.scandir(self.folder)]
        used = sum(stat.st_size for stat, _ in entries)
        answers = sorted(
            (stat.st_mtime_ns, stat.st_size, entry.path)
            for stat, entry in entries
            if not entry.name.endswith(".part")
        )
        for _, answer_size, path in answers:
            if used + size <= self.budget:
                return
            Path(path).unlink(missing_ok=True)  # another process may have removed it first
            used -= answer_size

    def _path(self, job: Job) -> Path:
        return self.folder / hashlib.sha256(repr(job).encode("utf-8")).hexdigest()


def _touch(path: Path) -> None:
    """Mark ``path`` as used now, to the nanosecond (the file system's own clock may give two
    uses in a row the same time)."""
    now = time.time_ns()
    os.utime(path, ns=(now, now))
