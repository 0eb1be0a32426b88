"""A fresh server process warms itself before it answers: every template compiled, the common
requests asked a few times over, each the whole way (no answer kept from an earlier run)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace

import pytest
from flask import Flask

from parlgraph.settings import Settings
from parlgraph.store import EmbeddedStore
from parlgraph.web import create_app
from parlgraph.web.warm import QUERIES, requests, warm_up


@pytest.fixture
def store(built: Settings) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(built.store, workers=1, kept=2**20)
    yield opened
    opened.close()


def _templates(app: Flask) -> set[str]:
    return {name for _, name in app.jinja_env.cache}  # type: ignore[union-attr]


def test_warm_compiles_every_template_and_asks_each_request_the_whole_way(
    built: Settings, store: EmbeddedStore
) -> None:
    app = create_app(built, store)
    assert _templates(app) == set()
    assert warm_up(app, runs=4) == []
    assert _templates(app) == set(app.jinja_env.list_templates())
    assert store.answers.misses == 4 * len(QUERIES)  # none was taken from the kept answers
    assert store.answers.hits == 0


def test_the_warm_up_terms_are_in_the_store_so_answers_are_written(
    built: Settings, store: EmbeddedStore
) -> None:
    client = create_app(built, store).test_client()
    for run in range(6):
        for path, accept in requests(run):
            response = client.get(path, headers={"Accept": accept})
            assert response.status_code == 200
            assert response.mimetype == accept
            assert len(response.data) > 200, path  # statements, not an empty answer


def test_requests_the_app_refuses_are_named_with_their_status(
    built: Settings, store: EmbeddedStore
) -> None:
    app = create_app(replace(built, max_query_length=10), store)
    failed = warm_up(app, runs=1)
    assert len(failed) == len(QUERIES)
    assert all(line.startswith("/sparql?query=") and "413" in line for line in failed)


STARTED = """
import gc
from parlgraph.server import app
served = app()
print(len(served.jinja_env.cache), gc.get_freeze_count())
served.config["STORE"].close()
"""


def test_a_server_process_starts_warmed_with_what_it_made_kept_out_of_collections(
    built: Settings,
) -> None:
    environ = {**os.environ, **built.environ()}
    done = subprocess.run(
        [sys.executable, "-c", STARTED], env=environ, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    templates, frozen = map(int, done.stdout.split())
    assert templates > 0 and frozen > 10_000
