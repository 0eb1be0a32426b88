"""The side-by-side benchmark's Markdown tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.compare_servers import Result, Timing

MIB = 1024 * 1024


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.1f}"


def _cell(timing: Timing | None) -> str:
    if timing is None:
        return "n/a"
    if timing.skipped:
        return timing.skipped
    if timing.first is not None and timing.first >= 120:
        return "time-out (120 s)"
    errors = f", {timing.errors} errors" if timing.errors else ""
    return f"{_ms(timing.p(0.5))} / {_ms(timing.p(0.95))} ({_ms(timing.first)}){errors}"


def _ratio(ours: Timing | None, theirs: Timing | None, first: bool = False) -> str:
    """The ratio of the medians of repeated runs, or of the first runs."""
    if ours is None or theirs is None:
        return "–"
    mine, peer = (ours.first, theirs.first) if first else (ours.p(0.5), theirs.p(0.5))
    if not mine or not peer or (first and max(mine, peer) >= 120):
        return "–"
    return f"{mine / peer:.2f}"


def _same(reference: Timing, other: Timing | None) -> str:
    if other is None or other.skipped:
        return ""
    return "yes" if other.answer == reference.answer and other.errors == 0 else "**no**"


def markdown(results: list[Result], questions: int) -> str:
    """Per query: p50 / p95 of repeated runs (first run) in ms, ratios, same answers; then the
    servers: start-up, peak memory, throughput with 8 clients, errors."""
    by_name = {result.server: result for result in results}
    ours = by_name.get("parlgraph")
    peers = [result for result in results if result.server != "parlgraph"]
    head = ["query", *(r.server for r in results)]
    head += [f"parlgraph/{p.server} (p50)" for p in peers]
    head += [f"parlgraph/{p.server} (first run)" for p in peers]
    head += [f"same answers as {p.server}" for p in peers]
    names = list(results[0].timings) if results else []
    starts = max((len(t.firsts) for r in results for t in r.timings.values()), default=0)
    lines = [f"### {questions:,} questions", "",
             f"Per query: p50 / p95 of the repeated runs (first run: the median of the first "
             f"runs after {starts} fresh starts), in ms.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]  # fmt: skip
    for name in names:
        row = [name.removeprefix("q:"), *(_cell(r.timings.get(name)) for r in results)]
        if ours is not None:
            row += [_ratio(ours.timings.get(name), p.timings.get(name)) for p in peers]
            row += [_ratio(ours.timings.get(name), p.timings.get(name), True) for p in peers]
            row += [_same(ours.timings[name], p.timings.get(name)) for p in peers]
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "| server | ready after | peak memory (PSS) | SPARQL, 8 clients | "
        "resource pages, 8 clients: each page once | the same 50 pages again and again | "
        "errors (8 clients) |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in results:
        pages = [f"{rate:,.0f} req/s" if rate else "n/a" for rate in result.pages_per_second]
        lines.append(
            f"| {result.server} | {'' if result.ready else 'not ready in '}{result.startup:.1f} s"
            f" | {result.memory / MIB:,.0f} MiB | "
            f"{result.throughput:,.1f} req/s | {' | '.join(pages)} | {result.concurrent_errors} |"
        )
    return "\n".join(lines) + "\n"
