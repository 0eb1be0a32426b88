"""Memory of a process and its descendants, read from /proc (Linux), and its peak, sampled."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType

ATTEMPTS = 20  # readings of a tree that keeps changing before the last one is taken as it is


def tree_memory(pid: int, kind: str = "Rss") -> int:
    """Bytes of ``kind`` (``Rss``, or ``Pss``: pages shared by several processes, such as a
    forked worker's, counted once in all) of a process and its descendants.

    The processes are read one after the other, so a tree that changes meanwhile is read
    again: a parent read while it forks counts pages it no longer holds alone (up to its whole
    size), and its child then counts its share of the same pages; a parent read while a child
    shares its pages counts half of them, and the child, ended by the time it is read, none.
    A child that forks and ends between two listings goes unseen: in a tree that forks every few
    milliseconds, a reading now and then counts less than the tree holds (never more)."""
    total = 0
    for _ in range(ATTEMPTS):
        before = processes(pid)
        found = [_memory(process, kind) for process in before]
        total = sum(size or 0 for size in found)
        if None not in found and processes(pid) == before:
            break
    return total


def processes(pid: int) -> list[int]:
    """``pid`` and its descendants (children of any of its threads), in a stable order."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            threads = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:  # ended meanwhile
            continue
        found.append(current)
        for thread in threads:
            try:
                pending.extend(int(child) for child in (thread / "children").read_text().split())
            except OSError:
                continue
    return sorted(found)


def _memory(pid: int, kind: str) -> int | None:
    """Bytes of ``kind`` of one process; ``None`` if it has ended (an ended process that its
    parent has not waited for yet is still listed, with no memory to read)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in rollup.splitlines():
        if line.startswith(kind + ":"):
            return int(line.split()[1]) * 1024
    return None


class Peak:
    """The peak of ``tree_memory(pid, kind)`` while the ``with`` block runs, sampled every
    ``every`` seconds; ``peak`` in bytes."""

    def __init__(self, pid: int, kind: str = "Pss", every: float = 0.2) -> None:
        self.pid, self.kind, self.every = pid, kind, every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_memory(self.pid, self.kind))
            self._stop.wait(self.every)

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
