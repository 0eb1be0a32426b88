"""Shared fixtures: the bundled corpus and the hand-written expected records."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlgraph.build import build
from parlgraph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "senate"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus built once, with its store, into a temporary folder."""
    out = tmp_path_factory.mktemp("built")
    settings = Settings.load(environ={}, graph_dir=out / "graph", store=out / "store")
    build(settings)
    return settings
