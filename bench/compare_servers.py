"""Side-by-side benchmark: parlgraph serve, Oxigraph server and rdflib-endpoint, one archive.

Each server is started in turn on 127.0.0.1 over the same built archive; the same query mix (the
example queries of the query page, DESCRIBE of questions, and for parlgraph its resource pages)
runs first once (cold; every request once before any is repeated), then repeatedly, then from 8
concurrent clients. Answers are compared with parlgraph's; latencies (p50/p95), throughput,
errors, peak memory and start-up time go into a Markdown table. A request past 120 s is
recorded as a time-out.

Run: make bench-compare QUESTIONS=10000   (or .venv/bin/python -m bench.compare_servers --help)
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.answers import Request, fetch
from bench.generate import write_archive
from bench.peers import READY_WITHIN, NotReady, Running, start
from bench.report import markdown
from parlgraph.build import build
from parlgraph.settings import Settings
from parlgraph.web.examples import examples

SERVERS = ("parlgraph", "oxigraph", "rdflib-endpoint")
LIMIT = 120.0
CLIENTS = 8


@dataclass
class Timing:
    first: float | None = None
    repeated: list[float] = field(default_factory=list)
    errors: int = 0
    answer: object = None
    skipped: str = ""  # why the query was not run, if it was not

    def p(self, share: float) -> float | None:
        if not self.repeated:
            return None
        ordered = sorted(self.repeated)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Result:
    server: str
    startup: float
    memory: int
    timings: dict[str, Timing]
    throughput: float
    concurrent_errors: int
    pages_per_second: tuple[float | None, float | None] = (None, None)  # distinct, repeated
    ready: bool = True


def mix(work: Path, questions: int, seed: int) -> dict[str, Request]:
    """The example queries and DESCRIBE of questions, by name."""
    requests = {f"q:{e.name}": Request.sparql(e.text) for e in examples()}
    ids = sorted(line.split("\t")[0] for line in _question_ids(work))
    for question_id in random.Random(seed).sample(ids, min(questions, len(ids))):
        iri = f"http://127.0.0.1:5000/id/question/{question_id}"
        requests[f"describe {question_id}"] = Request.sparql(f"DESCRIBE <{iri}>")
    return requests


def _question_ids(work: Path) -> list[str]:
    rows = (work / "pages" / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return sorted({"-".join(row.split("\t")[3:5]) for row in rows})


SATURATED = 3  # time-outs after which a server is no longer asked (it keeps computing them)


def measure(running: Running, requests: dict[str, Request], repeats: int) -> dict[str, Timing]:
    """Every request once, in the mix's order (the first runs), then each again ``repeats``
    times: each server has been asked the same before each first run, whatever it keeps (a
    server that keeps no answers warms its caches with the repeats)."""
    timings: dict[str, Timing] = {}
    for name, request in requests.items():
        if (
            sum(1 for t in timings.values() if t.first is not None and t.first >= LIMIT)
            >= SATURATED
        ):
            timings[name] = Timing(skipped="not run (3 time-outs before)")
            continue
        timing = timings[name] = Timing()
        outcome = fetch(running.endpoint, request, LIMIT)
        timing.first, timing.answer = outcome.seconds, outcome.answer
        timing.errors += outcome.error is not None
    for name, request in requests.items():
        timing = timings[name]
        if timing.first is not None and not timing.errors and timing.first < LIMIT / 4:
            for _ in range(repeats):
                again = fetch(running.endpoint, request, LIMIT)
                timing.repeated.append(again.seconds)
                timing.errors += again.error is not None
    return timings


def hammer(call: Callable[[], bool], total: int) -> tuple[float, int]:
    """``total`` calls from ``CLIENTS`` threads: requests per second and errors."""
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        outcomes = list(pool.map(lambda _: call(), range(total)))
    return total / (time.perf_counter() - started), outcomes.count(False)


def run_server(name: str, work: Path, requests: dict[str, Request], repeats: int) -> Result:
    try:
        running = start(name, work)
    except NotReady as error:  # recorded, so that the other servers' figures are still written
        why = f"not run (not ready within {READY_WITHIN:.0f} s)"
        timings = {request: Timing(skipped=why) for request in requests}
        return Result(name, READY_WITHIN, error.peak_memory, timings, 0.0, 0, ready=False)
    try:
        timings = measure(running, requests, repeats)
        quick = [
            r
            for n, r in requests.items()
            if timings[n].errors == 0 and (timings[n].p(0.5) or LIMIT) < 2
        ]
        cycle = [quick[i % len(quick)] for i in range(CLIENTS * 10)] if quick else []
        throughput, errors = hammer(
            lambda: _ok(running, cycle.pop() if cycle else None), len(cycle)
        )
        pages: tuple[float | None, float | None] = (None, None)
        if name == "parlgraph":
            pages, page_errors = _pages(running, work)
            errors += page_errors
        return Result(
            name, running.ready_after, running.peak_memory, timings, throughput, errors, pages
        )
    finally:
        running.stop()


PAGES = 2000  # requests of resource pages


def _pages(running: Running, work: Path) -> tuple[tuple[float, float], int]:
    """Question pages with 8 clients: first ``PAGES`` distinct ones (each rendered), then 50
    pages asked ``PAGES`` times in all (rendered once, then answered from memory)."""
    base = running.endpoint.removesuffix("sparql")
    ids = _question_ids(work)
    distinct = [Request.page(f"{base}id/question/{i}") for i in ids[:: max(1, len(ids) // PAGES)]]
    once, once_errors = hammer(lambda: _ok(running, distinct.pop() if distinct else None, True),
                               len(distinct))  # fmt: skip
    pool = [Request.page(f"{base}id/question/{i}") for i in random.Random(1).sample(ids, 50)]
    again, again_errors = hammer(lambda: _ok(running, random.choice(pool), page=True), PAGES)
    return (once, again), once_errors + again_errors


def _ok(running: Running, request: Request | None, page: bool = False) -> bool:
    if request is None:
        return True
    outcome = fetch(request.url if page else running.endpoint, request, LIMIT)
    return outcome.error is None


def prepare(questions: int, work: Path) -> None:
    if not (work / "pages" / "index.tsv").exists():
        write_archive(work / "pages", questions)
    if not (work / "store").exists():
        settings = Settings.load(graph_dir=work / "graph", store=work / "store",
                                 build_cache=work / "cache.sqlite")  # fmt: skip
        build(settings, [work / "pages"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/parlgraph-bench"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--describe", type=int, default=10, help="Questions to DESCRIBE.")
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument("--out", type=Path, help="Also write the Markdown table here.")
    arguments = parser.parse_args()
    work = arguments.work / str(arguments.questions)
    prepare(arguments.questions, work)
    requests = mix(work, arguments.describe, seed=7)
    results = [
        run_server(name, work, requests, arguments.repeats) for name in arguments.servers.split(",")
    ]
    table = markdown(results, arguments.questions)
    print(table)
    if arguments.out:
        arguments.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
