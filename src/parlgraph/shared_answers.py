"""SPARQL answers one server process computed, for the server's other processes.

Each process keeps the answers it gave in memory (``kept.py``); without this, a query asked again
that reaches another process would run again there. Here an answer is a file in a folder that
the server makes when it starts and removes when it stops, named by the hash of its job, written
whole and then renamed, so a reader finds a whole answer or none. The folder holds at most
``budget`` bytes: past that, answers are no longer written (each process still keeps its own).
Only the server's processes write there (the folder is the server's own, mode 0700).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from parlgraph.store import Answer, Job


class SharedAnswers:
    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder
        self.budget = budget

    def get(self, job: Job) -> Answer | None:
        """The answer to ``job`` another process wrote, or None (none, or unreadable)."""
        try:
            found = pickle.loads(self._path(job).read_bytes())
        except Exception:  # none, or damaged (which may fail to unpickle in many ways)
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
        """Write ``answer`` for the other processes, if it fits in what the budget has left;
        a failure to write loses nothing but the sharing."""
        data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        try:
            if self.used() + len(data) > self.budget:
                return
            handle, name = tempfile.mkstemp(dir=self.folder, suffix=".part")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(name, self._path(job))
        except OSError:  # the disk is full, say: the part written goes
            Path(name).unlink(missing_ok=True)

    def used(self) -> int:
        """Bytes of the answers written so far."""
        return sum(entry.stat().st_size for entry in os.scandir(self.folder))

    def _path(self, job: Job) -> Path:
        return self.folder / hashlib.sha256(repr(job).encode("utf-8")).hexdigest()
