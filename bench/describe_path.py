"""Where the time of a DESCRIBE goes: many DESCRIBEs of distinct questions, each a first run,
through each layer of parlgraph (the engine alone, the WSGI app in this process, ``parlgraph
serve`` over HTTP), through a bare WSGI app on the same engine in the same HTTP server
(``bench/bare_wsgi.py``: the floor of a Python server here) and through Oxigraph server over
HTTP, on the archive ``bench-compare`` built.

Each layer is warmed with DESCRIBEs of other questions first, then asked the same questions;
the very first DESCRIBE of a fresh process is given apart.

Run: .venv/bin/python -m bench.describe_path --questions 100000
"""

from __future__ import annotations

import argparse
import random
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path

from pyoxigraph import Store
from werkzeug.test import EnvironBuilder, run_wsgi_app

from bench.answers import Request, fetch
from bench.compare_servers import LIMIT, Timing, describe, prepare, question_ids
from bench.peers import read_through, start
from parlgraph.settings import Settings
from parlgraph.store import EmbeddedStore, Job, answer, database_path, warm
from parlgraph.web import create_app
from parlgraph.web.warm import warm_up

N_TRIPLES = "application/n-triples"
WARM_UP = 100

# A layer makes, for a query, the call to time (what it needs made before the clock starts).
Layer = Callable[[str], Callable[[], object]]


def timed(layer: Layer, ids: list[str]) -> list[float]:
    """Milliseconds each DESCRIBE of ``ids`` took through ``layer``."""
    calls = [layer(describe(question_id)) for question_id in ids]
    taken = []
    for call in calls:
        started = time.perf_counter()
        call()
        taken.append((time.perf_counter() - started) * 1000)
    return taken


def engine(store_folder: Path) -> Layer:
    """pyoxigraph alone, as the server process runs a DESCRIBE (``store.answer``)."""
    store = Store.read_only(str(database_path(store_folder)))
    warm(store)
    return lambda query: lambda: answer(store, Job(query, N_TRIPLES, 10_000)).body


def app(settings: Settings) -> Layer:
    """The WSGI app of one server process, warmed as the server warms it, called with a
    request's environment (made before the clock starts); an answer other than 200 raises.
    One query worker, for the warm-up's SELECT: the server process answers a DESCRIBE of named
    IRIs itself."""
    wsgi = create_app(settings, EmbeddedStore(settings.store, workers=1, kept=2**26))
    if failed := warm_up(wsgi):
        raise RuntimeError(f"the warm-up failed: {failed}")

    def layer(query: str) -> Callable[[], object]:
        query_string = urllib.parse.urlencode({"query": query})
        environ = EnvironBuilder("/sparql", query_string=query_string,
                                 headers=[("Accept", N_TRIPLES)]).get_environ()  # fmt: skip
        return lambda: _ok(*run_wsgi_app(wsgi, environ, buffered=True))

    return layer


def _ok(body: Iterable[bytes], status: str, headers: object) -> bytes:
    if not status.startswith("200"):
        raise RuntimeError(f"the app answered {status}")
    return b"".join(body)


def over_http(endpoint: str) -> Layer:
    def call(query: str) -> object:
        outcome = fetch(endpoint, Request.sparql(query), LIMIT)
        if outcome.error:
            raise RuntimeError(f"{endpoint}: {outcome.error}")
        return outcome.answer

    return lambda query: lambda: call(query)


def row(name: str, layer: Layer, first: str, ids: list[str]) -> str:
    (very_first,) = timed(layer, [first])
    timed(layer, ids[:WARM_UP])
    measured = Timing(repeated=timed(layer, ids[WARM_UP:]))  # percentiles as bench-compare's
    p50, p95 = measured.p(0.5), measured.p(0.95)
    return f"| {name} | {very_first:.2f} | {p50:.2f} | {p95:.2f} | {len(measured.repeated)} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/parlgraph-bench"))
    parser.add_argument("--describe", type=int, default=500, help="DESCRIBEs measured per layer.")
    arguments = parser.parse_args()
    work = arguments.work / str(arguments.questions)
    prepare(arguments.questions, work)
    settings = Settings.load(graph_dir=work / "graph", store=work / "store")
    read_through(database_path(settings.store))  # in the page cache, as for the servers
    first, *ids = random.Random(11).sample(question_ids(work), 1 + WARM_UP + arguments.describe)
    lines = [
        f"DESCRIBE of {arguments.describe} distinct questions at {arguments.questions:,} "
        f"questions, ms (after {WARM_UP} others; the first: a fresh process's first DESCRIBE)",
        "",
        "| layer | first | p50 | p95 | DESCRIBEs |",
        "|---|---|---|---|---|",
        row("pyoxigraph alone (store.answer)", engine(settings.store), first, ids),
        row("parlgraph's WSGI app, in-process", app(settings), first, ids),
    ]
    for server, name in (
        ("parlgraph", "parlgraph serve, HTTP"),
        ("bare-wsgi", "a bare WSGI app on pyoxigraph in Granian, HTTP (bench/bare_wsgi.py)"),
        ("oxigraph", "Oxigraph server"),
    ):
        running = start(server, work)
        try:
            lines.append(row(name, over_http(running.endpoint), first, ids))
        finally:
            running.stop()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
