"""Shared fixtures: the bundled corpus and the hand-written expected records."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from parlgraph.build import build
from parlgraph.server import serve
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
    """A real waitress server on 127.0.0.1 serving a store; ``url`` ends with a slash."""

    url: str
    settings: Settings


@contextmanager
def running(settings: Settings) -> Iterator[RunningServer]:
    server = serve(settings, "127.0.0.1", 0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield RunningServer(f"http://127.0.0.1:{server.port}/", settings)
    finally:
        server.close()


@pytest.fixture(scope="session")
def server(built: Settings) -> Iterator[RunningServer]:
    """The bundled graph served for real, for the whole test session."""
    with running(built) as running_server:
        yield running_server
