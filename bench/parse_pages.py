"""Parse benchmark: pages per second over the bundled corpus repeated to N pages.

Run: .venv/bin/python -m bench.parse_pages [N]   (default 10,000 pages). Prints its figures.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from parlgraph.parse.merge import merge
from parlgraph.parse.page import read_page
from parlgraph.records import Question

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "senate"


def main(total: int) -> None:
    pages = [(path.read_bytes(), path.name) for path in sorted(CORPUS.glob("*.txt"))]
    started = time.perf_counter()
    readings = [read_page(*pages[index % len(pages)]) for index in range(total)]
    parsed = time.perf_counter()
    by_id: dict[str, list[Question]] = {}
    for reading in readings:
        by_id.setdefault(reading.question.id, []).append(reading.question)
    for group in by_id.values():
        merge(group)
    merged = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = parsed - started
    print(f"pages parsed        {total:>10,}")
    print(f"parse time          {seconds:>10.2f} s")
    print(f"pages per second    {total / seconds:>10,.0f}")
    print(f"merge time          {merged - parsed:>10.2f} s ({len(by_id)} questions)")
    print(f"peak resident size  {peak_kib / 1024:>10.1f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
