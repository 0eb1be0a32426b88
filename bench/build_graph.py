"""Build benchmark: the whole build of the bundled corpus, time per stage and peak memory.

Run: .venv/bin/python -m bench.build_graph   (writes into a temporary folder; prints its figures)
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from parlgraph.build import build
from parlgraph.settings import Settings


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        settings = Settings.load(graph_dir=out / "graph", store=out / "store")
        started = time.perf_counter()
        report = build(settings, cache=False)
        total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"questions           {report.questions:>10,}")
    print(f"quads               {report.quads:>10,}")
    for stage, seconds in report.seconds.items():
        print(f"{stage:<20}{seconds:>10.2f} s")
    print(f"{'total':<20}{total:>10.2f} s")
    per_question = report.seconds["questions"] / report.questions * 1000
    print(f"map and validate, per question {per_question:>6.1f} ms")
    print(f"peak resident size  {peak:>10.1f} MiB")


if __name__ == "__main__":
    main()
