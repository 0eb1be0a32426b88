"""Shared fixtures: the bundled corpus and the hand-written expected records."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from bench.peers import free_port

from parlgraph.build import build
from parlgraph.dataset import DATASET_FILE
from parlgraph.push import push
from parlgraph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "senate"
DATA = Path(__file__).resolve().parent / "data"


def settings_in(folder: Path) -> Settings:
    """Default settings with every output (graph, store, build cache) in ``folder``."""
    return Settings.load(
        environ={},
        graph_dir=folder / "graph",
        store=folder / "store",
        build_cache=folder / "cache.sqlite",
    )


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus built once, with its store, into a temporary folder."""
    settings = settings_in(tmp_path_factory.mktemp("built"))
    build(settings)
    return settings


@dataclass
class RunningServer:
    """``parlgraph serve`` running for real on 127.0.0.1; ``url`` ends with a slash."""

    url: str
    settings: Settings
    pid: int  # of the process that listens


@contextmanager
def running(
    settings: Settings, workers: int = 2, options: tuple[str, ...] = ()
) -> Iterator[RunningServer]:
    """``parlgraph serve`` in a process of its own, as a user starts it (with ``options``),
    until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "parlgraph", "serve", "--port", str(port),
               "--workers", str(workers), *options]  # fmt: skip
    environ = {**os.environ, **settings.environ()}
    process = subprocess.Popen(command, env=environ, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, process)
        yield RunningServer(url, settings, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # its processes all go, and the test says so
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise


def wait_for(url: str, process: subprocess.Popen[bytes], within: float = 30.0) -> None:
    """Return once ``url`` answers; fail if the server exits or is not ready ``within``."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}) before it answered")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {within:g} s")


@pytest.fixture(scope="session")
def server(built: Settings) -> Iterator[RunningServer]:
    """The bundled graph served for real, for the whole test session."""
    with running(built) as running_server:
        yield running_server


@dataclass
class ExternalStore:
    """Oxigraph server, run for real on 127.0.0.1 with a store of its own."""

    query: str  # its SPARQL query endpoint
    update: str  # and its update endpoint


@contextmanager
def oxigraph(location: Path) -> Iterator[ExternalStore]:
    """Oxigraph server (the ``oxigraph`` wheel of the dev dependencies) on a store at
    ``location``, until the block ends."""
    program = Path(sys.executable).parent / "oxigraph"
    port = free_port()
    command = [str(program), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", process)
        yield ExternalStore(url + "/query", url + "/update")
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def external(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExternalStore]:
    """Oxigraph server holding what ``parlgraph push`` sent it of the bundled graph."""
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as store:
        push(built.graph_dir / DATASET_FILE, store.update)
        yield store
