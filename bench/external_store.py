"""What an external store costs: parlgraph push into Oxigraph server, then both stores served.

``parlgraph push`` sends an archive into Oxigraph server, then the same query mix as
bench-compare runs from ``parlgraph serve`` on its embedded store and on the external one
(``--external-store``), side by side.

The push goes into a fresh Oxigraph server (``oxigraph serve``, writable, from ``.bench-venv``):
its time, quads per second, the server's peak memory and its store's size on disk. Then each
parlgraph server is started once: every request of the mix once (the first run), then again
``--repeats`` times; answers are compared with the embedded store's.

Run: .venv/bin/python -m bench.external_store --questions 10000
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench.answers import Request
from bench.compare_servers import (
    Timing,
    first_runs,
    mix,
    mix_arguments,
    prepare,
    repeated_runs,
)
from bench.peers import Running, start
from parlgraph.dataset import DATASET_FILE
from parlgraph.push import push

MIB = 2**20


def pushed(work: Path) -> tuple[Running, str]:
    """A fresh Oxigraph server holding the archive ``parlgraph push`` sent it, and what the push
    took (a line of the report)."""
    shutil.rmtree(work / "external", ignore_errors=True)
    running = start("oxigraph-writable", work)
    update = running.endpoint.removesuffix("query") + "update"
    started = time.perf_counter()
    quads = push(work / "graph" / DATASET_FILE, update)
    seconds = time.perf_counter() - started
    time.sleep(1.5)  # a last memory sample
    size = sum(f.stat().st_size for f in (work / "external").rglob("*") if f.is_file())
    return running, (
        f"push: {quads:,} quads in {seconds:.1f} s ({quads / seconds:,.0f} quads/s); Oxigraph "
        f"server's peak memory (PSS) {running.peak_memory / MIB:,.0f} MiB; its store "
        f"{size / MIB:,.0f} MiB on disk"
    )


def timed(running: Running, requests: dict[str, Request], repeats: int) -> dict[str, Timing]:
    timings: dict[str, Timing] = {}
    try:
        first_runs(running, requests, timings)
        repeated_runs(running, requests, timings, repeats)
    finally:
        running.stop()
    return timings


def _ms(seconds: float | None) -> str:
    return f"{seconds * 1000:,.1f}" if seconds is not None else "n/a"


def _ratio(theirs: float | None, ours: float | None) -> str:
    return f"{theirs / ours:.2f}" if theirs is not None and ours else "n/a"


def table(embedded: dict[str, Timing], external: dict[str, Timing]) -> str:
    lines = [
        "Per query: p50 / p95 of the repeated runs (the first run), in ms.",
        "",
        "| query | embedded | external | external/embedded (p50) | (first run) | same answers |",
        "|---|---|---|---|---|---|",
    ]
    for name, ours in embedded.items():
        theirs = external[name]
        same = "yes" if ours.answer == theirs.answer and not theirs.errors else "no"
        lines.append(
            f"| {name.removeprefix('q:')} "
            f"| {_ms(ours.p(0.5))} / {_ms(ours.p(0.95))} ({_ms(ours.first)}) "
            f"| {_ms(theirs.p(0.5))} / {_ms(theirs.p(0.95))} ({_ms(theirs.first)}) "
            f"| {_ratio(theirs.p(0.5), ours.p(0.5))} | {_ratio(theirs.first, ours.first)} "
            f"| {same} |"
        )
    return "\n".join(lines)


def main() -> None:
    arguments = mix_arguments(__doc__.splitlines()[0]).parse_args()
    work = arguments.work / str(arguments.questions)
    prepare(arguments.questions, work)
    requests = mix(work, arguments.describe, seed=7)
    store, report = pushed(work)
    try:
        embedded = timed(start("parlgraph", work), requests, arguments.repeats)
        options = ("--external-store", store.endpoint)
        external = timed(start("parlgraph", work, options), requests, arguments.repeats)
    finally:
        store.stop()
    print(f"{arguments.questions:,} questions; {report}\n\n{table(embedded, external)}")


if __name__ == "__main__":
    main()
