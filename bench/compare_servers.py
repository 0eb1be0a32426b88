"""Side-by-side benchmark: parlgraph serve, Oxigraph server and rdflib-endpoint, one archive.

Each server is started in turn on 127.0.0.1 over the same built archive; the same query mix (the
example queries of the query page, DESCRIBE of questions, and for parlgraph its resource pages)
runs first once (cold; every request once before any is repeated), then repeatedly, then from 8
concurrent clients. The first runs are taken after each of ``--starts`` fresh starts of the
server and their median reported: one cold run is as much the machine's moment as the
server's. Answers are compared with parlgraph's; latencies (p50/p95), throughput, errors, peak
memory and start-up time go into a Markdown table. A request past 120 s is recorded as a
time-out.

Run: make bench-compare QUESTIONS=10000   (or .venv/bin/python -m bench.compare_servers --help)
"""

from __future__ import annotations

import argparse
import random
import statistics
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
    firsts: list[float] = field(default_factory=list)  # the first run after each start
    repeated: list[float] = field(default_factory=list)
    errors: int = 0
    answer: object = None
    skipped: str = ""  # why the query was not run, if it was not

    @property
    def first(self) -> float | None:
        return statistics.median(self.firsts) if self.firsts else None

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
    ids = question_ids(work)
    for question_id in random.Random(seed).sample(ids, min(questions, len(ids))):
        requests[f"describe {question_id}"] = Request.sparql(describe(question_id))
    return requests


def describe(question_id: str) -> str:
    """A DESCRIBE of one question of the archive (built with the default base IRI)."""
    return f"DESCRIBE <http://127.0.0.1:5000/id/question/{question_id}>"


def question_ids(work: Path) -> list[str]:
    """The ids of the archive's questions (``5-8906``), sorted, from its pages' index."""
    rows = (work / "pages" / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return sorted({"-".join(row.split("\t")[3:5]) for row in rows})


SATURATED = 3  # time-outs after which a server is no longer asked (it keeps computing them)


def first_runs(running: Running, requests: dict[str, Request], timings: dict[str, Timing]) -> None:
    """Every request once, in the mix's order, on a server just started: each server has been
    asked the same before each first run. A request that failed or timed out after an earlier
    start is not asked again."""
    for name, request in requests.items():
        timing = timings.setdefault(name, Timing())
        if timing.skipped or timing.errors or (timing.first or 0) >= LIMIT:
            continue
        if sum(1 for t in timings.values() if (t.first or 0) >= LIMIT) >= SATURATED:
            timing.skipped = "not run (3 time-outs before)"
            continue
        outcome = fetch(running.endpoint, request, LIMIT)
        if not timing.firsts:  # answers are compared as the first start gave them
            timing.answer = outcome.answer
        timing.firsts.append(outcome.seconds)
        timing.errors += outcome.error is not None


def repeated_runs(
    running: Running, requests: dict[str, Request], timings: dict[str, Timing], repeats: int
) -> None:
    """Each request again ``repeats`` times, after the first runs (a server that keeps no
    answers warms its caches with the repeats)."""
    for name, request in requests.items():
        timing = timings[name]
        if timing.first is not None and not timing.errors and timing.first < LIMIT / 4:
            for _ in range(repeats):
                again = fetch(running.endpoint, request, LIMIT)
                timing.repeated.append(again.seconds)
                timing.errors += again.error is not None


def hammer(call: Callable[[], bool], total: int) -> tuple[float, int]:
    """``total`` calls from ``CLIENTS`` threads: requests per second and errors."""
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        outcomes = list(pool.map(lambda _: call(), range(total)))
    return total / (time.perf_counter() - started), outcomes.count(False)


def run_server(
    name: str, work: Path, requests: dict[str, Request], repeats: int, starts: int
) -> Result:
    """``starts`` fresh starts of server ``name`` with the first runs after each; the repeated
    runs, 8 clients and pages after the last. Start-up: the median; memory: the peak."""
    timings: dict[str, Timing] = {}
    ready: list[float] = []
    memory, throughput, errors = 0, 0.0, 0
    pages: tuple[float | None, float | None] = (None, None)
    for number in range(starts):
        try:
            running = start(name, work)
        except NotReady as error:  # recorded, so that the other servers' figures are still written
            return _not_ready(name, requests, max(memory, error.peak_memory))
        try:
            first_runs(running, requests, timings)
            if number == starts - 1:
                repeated_runs(running, requests, timings, repeats)
                throughput, errors, pages = _under_load(running, work, requests, timings)
        finally:
            running.stop()
        ready.append(running.ready_after)
        memory = max(memory, running.peak_memory)
    return Result(name, statistics.median(ready), memory, timings, throughput, errors, pages)


def _under_load(
    running: Running, work: Path, requests: dict[str, Request], timings: dict[str, Timing]
) -> tuple[float, int, tuple[float | None, float | None]]:
    """SPARQL from 8 clients (the requests quicker than 2 s), and parlgraph's pages: requests
    per second, errors, pages per second (distinct, repeated)."""
    quick = [
        r
        for n, r in requests.items()
        if timings[n].errors == 0 and (timings[n].p(0.5) or LIMIT) < 2
    ]
    cycle = [quick[i % len(quick)] for i in range(CLIENTS * 10)] if quick else []
    throughput, errors = hammer(lambda: _ok(running, cycle.pop() if cycle else None), len(cycle))
    pages: tuple[float | None, float | None] = (None, None)
    if running.name == "parlgraph":
        pages, page_errors = _pages(running, work)
        errors += page_errors
    return throughput, errors, pages


def _not_ready(name: str, requests: dict[str, Request], memory: int) -> Result:
    why = f"not run (not ready within {READY_WITHIN:.0f} s)"
    timings = {request: Timing(skipped=why) for request in requests}
    return Result(name, READY_WITHIN, memory, timings, 0.0, 0, ready=False)


PAGES = 2000  # requests of resource pages


def _pages(running: Running, work: Path) -> tuple[tuple[float, float], int]:
    """Question pages with 8 clients: first ``PAGES`` distinct ones (each rendered), then 50
    pages asked ``PAGES`` times in all (rendered once, then answered from memory)."""
    base = running.endpoint.removesuffix("sparql")
    ids = question_ids(work)
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


def mix_arguments(description: str) -> argparse.ArgumentParser:
    """The options of a benchmark that runs the mix on an archive: its size, where it is,
    the repeats and the questions described."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/parlgraph-bench"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--describe", type=int, default=10, help="Questions to DESCRIBE.")
    return parser


def main() -> None:
    parser = mix_arguments(__doc__.splitlines()[0])
    parser.add_argument(
        "--starts", type=int, default=3, help="Fresh starts of each server, a first run after each."
    )
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument("--out", type=Path, help="Also write the Markdown table here.")
    arguments = parser.parse_args()
    work = arguments.work / str(arguments.questions)
    prepare(arguments.questions, work)
    requests = mix(work, arguments.describe, seed=7)
    results = [
        run_server(name, work, requests, arguments.repeats, max(1, arguments.starts))
        for name in arguments.servers.split(",")
    ]
    table = markdown(results, arguments.questions)
    print(table)
    if arguments.out:
        arguments.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
