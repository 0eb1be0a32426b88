"""Build benchmark at scale: a synthetic archive of N questions, built in full, then again after
one page changed (incremental, from the build cache), and checked byte for byte against a full
build of the changed archive.

Run: .venv/bin/python -m bench.build_archive --questions 100000 [--work /tmp/parlgraph-bench]
Prints time per stage and, for each build, the peak memory of this process and all its workers
(the sum of their proportional set sizes, sampled: the pages a forked worker shares with this
process are counted once).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import shutil
import time
from pathlib import Path

from bench.generate import edit_page, write_archive
from bench.memory import Peak
from parlgraph.build import DATASET_FILE, BuildReport, build
from parlgraph.dumps import CONTENTS
from parlgraph.settings import Settings
from parlgraph.store import dumps_path


def timed_build(
    settings: Settings, pages: Path, cache: bool = True
) -> tuple[BuildReport, float, int]:
    """A build, its time, and the peak memory of this process and its workers meanwhile."""
    started = time.perf_counter()
    with Peak(os.getpid()) as memory:
        report = build(settings, [pages], cache=cache)
    return report, time.perf_counter() - started, memory.peak


def show(title: str, report: BuildReport, seconds: float, peak: int) -> None:
    stages = "  ".join(f"{stage} {value:.1f}s" for stage, value in report.seconds.items())
    how = "patched" if report.patched else "built"
    print(f"{title:<22}{seconds:>8.1f} s   {how}: {report.questions:,} questions, "
          f"{report.quads:,} quads, {report.cached:,} from cache, peak {peak / 2**20:,.0f} MiB"
          f"   [{stages}]")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/parlgraph-bench"))
    parser.add_argument("--verify", action="store_true", help="Also build in full to compare.")
    arguments = parser.parse_args()
    work = arguments.work / str(arguments.questions)
    pages = work / "pages"
    if not (pages / "index.tsv").exists():
        started = time.perf_counter()
        written = write_archive(pages, arguments.questions)
        print(f"generated {written:,} pages in {time.perf_counter() - started:.1f} s")
    for folder in ("graph", "store", "full", "full-store"):
        shutil.rmtree(work / folder, ignore_errors=True)
    (work / "cache.sqlite").unlink(missing_ok=True)
    settings = Settings.load(
        graph_dir=work / "graph", store=work / "store", build_cache=work / "cache.sqlite"
    )
    show("full build", *timed_build(settings, pages))
    show("unchanged, cached", *timed_build(settings, pages))
    changed = edit_page(pages)
    show("one page changed", *timed_build(settings, pages))
    if arguments.verify:
        full = Settings.load(graph_dir=work / "full", store=work / "full-store")
        show("full, without cache", *timed_build(full, pages, cache=False))
        pairs = [(work / "graph" / DATASET_FILE, work / "full" / DATASET_FILE)]
        pairs += [
            (dumps_path(work / "store") / dump.name, dumps_path(work / "full-store") / dump.name)
            for dump in CONTENTS
        ]
        same = all(filecmp.cmp(ours, theirs, shallow=False) for ours, theirs in pairs)
        print(
            f"incremental build after changing {changed.name} equals a full build "
            f"(dataset and dumps, compared byte for byte): {same}"
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak resident size: this process {own:,.0f} MiB, largest worker {children:,.0f} MiB")


if __name__ == "__main__":
    main()
