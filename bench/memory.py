"""Memory of a process and its descendants, read from /proc (Linux), and its peak, sampled."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType


def tree_memory(pid: int, kind: str = "Rss") -> int:
    """Bytes of ``kind`` (``Rss``, or ``Pss``: pages shared by several processes, such as a
    forked worker's, counted once in all) of a process and its descendants."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # ended meanwhile
            continue
        for line in rollup.splitlines():
            if line.startswith(kind + ":"):
                total += int(line.split()[1]) * 1024
        pending.extend(int(child) for child in children)
    return total


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
