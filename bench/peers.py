"""The servers compared: how each is started on the built archive, and where it answers.

All three listen on 127.0.0.1 and serve the same data: parlgraph's store (named graphs and their
merge as the default graph); Oxigraph server opens a copy of that very store read-only; rdflib-
endpoint parses the dataset's N-Quads into an rdflib Dataset whose default graph is the union.
The peers come from ``.bench-venv`` (``make bench-peers``), apart from parlgraph's own environment.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.memory import tree_memory
from parlgraph.store import database_path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / ".bench-venv" / "bin"
READY_WITHIN = 600.0  # seconds: rdflib-endpoint parses the whole dataset before it answers


@dataclass
class Running:
    name: str
    endpoint: str
    process: subprocess.Popen[bytes]
    started: float
    ready_after: float = 0.0
    # bytes, sampled: the proportional set size of the process and all its descendants (pages
    # that forked processes share counted once, as for the build; a sum of resident sizes
    # would count a forking server's shared pages once per process)
    peak_memory: int = 0
    _sampling: bool = field(default=True, repr=False)

    def sample(self) -> None:
        while self._sampling and self.process.poll() is None:
            self.peak_memory = max(self.peak_memory, tree_memory(self.process.pid, "Pss"))
            time.sleep(1.0)  # a reading takes 20 ms of the kernel for a server of 7 processes

    def stop(self) -> None:
        self._sampling = False
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def commands(name: str, work: Path, port: int) -> tuple[list[str], dict[str, str], str]:
    """The command line, environment and SPARQL endpoint of server ``name``."""
    env = dict(os.environ)
    base = f"http://127.0.0.1:{port}"
    if name == "parlgraph":
        env.update(
            PARLGRAPH_STORE=str(work / "store"), PARLGRAPH_GRAPH_DIR=str(work / "graph"),
            PARLGRAPH_QUERY_TIMEOUT="120", PARLGRAPH_MAX_RESULTS="1000000",
            PARLGRAPH_QUERY_WORKERS=env.get("PARLGRAPH_QUERY_WORKERS", "2"),
        )  # fmt: skip
        command = [str(Path(sys.executable).parent / "parlgraph"), "serve", "--port", str(port)]
        read_through(database_path(work / "store"))
        return command, env, f"{base}/sparql"
    if name == "bare-wsgi":  # bench/bare_wsgi.py: the floor of a Python server on pyoxigraph
        env.update(PARLGRAPH_STORE=str(work / "store"), PYTHONPATH=str(ROOT))
        command = [str(Path(sys.executable).parent / "granian"), "--interface", "wsgi",
                   "--factory", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
                   "--blocking-threads", "4", "bench.bare_wsgi:app"]  # fmt: skip
        read_through(database_path(work / "store"))
        return command, env, f"{base}/sparql"
    if name == "oxigraph":
        copy = work / "oxigraph-copy"  # a copy of parlgraph's store as it is now
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(database_path(work / "store"), copy)
        read_through(copy)
        command = [str(PEERS / "oxigraph"), "serve-read-only", "--location", str(copy),
                   "--bind", f"127.0.0.1:{port}", "--timeout-s", "120"]  # fmt: skip
        return command, env, f"{base}/query"
    if name == "oxigraph-writable":  # the external store parlgraph pushes to and serves
        command = [str(PEERS / "oxigraph"), "serve", "--location", str(work / "external"),
                   "--bind", f"127.0.0.1:{port}", "--timeout-s", "120"]  # fmt: skip
        return command, env, f"{base}/query"
    if name == "rdflib-endpoint":
        dataset = work / "graph" / "parlgraph.nq"
        read_through(dataset)
        command = [str(PEERS / "rdflib-endpoint"), "serve", "--host", "127.0.0.1",
                   "--port", str(port), str(dataset)]  # fmt: skip
        return command, env, f"{base}/"  # its SPARQL endpoint is the root
    raise ValueError(f"unknown server {name!r}")


def read_through(path: Path) -> None:
    """Read every file of ``path`` once before its server starts, so that each server starts on
    data in the operating system's page cache, as the copy Oxigraph opens is (just written):
    first runs then compare the servers, not how much of a store the disk cache kept."""
    files = [path] if path.is_file() else sorted(f for f in path.rglob("*") if f.is_file())
    for file in files:
        with file.open("rb") as stream:
            while stream.read(1 << 24):
                pass


class NotReady(RuntimeError):
    """A server that did not answer within ``READY_WITHIN``; ``peak_memory`` it had reached."""

    def __init__(self, message: str, peak_memory: int) -> None:
        super().__init__(message)
        self.peak_memory = peak_memory


def start(name: str, work: Path, options: tuple[str, ...] = ()) -> Running:
    """Start server ``name`` (with ``options`` on its command line) and wait until it answers a
    query; time that."""
    port = free_port()
    command, env, endpoint = commands(name, work, port)
    command += options
    started = time.perf_counter()
    log = work / f"{name}.log"  # not a pipe: a pipe nobody reads stalls a server that logs
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    running = Running(name, endpoint, process, started)
    threading.Thread(target=running.sample, daemon=True).start()
    probe = endpoint + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    while time.perf_counter() - started < READY_WITHIN:
        if process.poll() is not None:
            error = log.read_text(encoding="utf-8", errors="replace")
            raise RuntimeError(f"{name} stopped ({log}): {error[-2000:]}")
        try:
            request = urllib.request.Request(
                probe, headers={"Accept": "application/sparql-results+json"}
            )
            with urllib.request.urlopen(request, timeout=5) as reply:
                if reply.status == 200:
                    running.ready_after = time.perf_counter() - started
                    return running
        except OSError:
            time.sleep(0.1)
    running.stop()
    raise NotReady(f"{name} did not answer within {READY_WITHIN:.0f} s", running.peak_memory)
