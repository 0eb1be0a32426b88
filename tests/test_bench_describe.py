"""The layers bench/describe_path.py times answer the DESCRIBE they are timed on."""

from __future__ import annotations

import pytest
from bench.compare_servers import describe
from bench.describe_path import Layer, app, engine, over_http, timed
from bench.peers import start
from pyoxigraph import NamedNode, RdfFormat, parse

from parlgraph.settings import Settings

QUESTION = "5-8906"


@pytest.fixture(scope="module")
def layers(built: Settings) -> dict[str, Layer]:
    return {"engine": engine(built.store), "app": app(built)}


@pytest.mark.parametrize("name", ["engine", "app"])
def test_each_layer_answers_the_statements_about_the_question(
    built: Settings, layers: dict[str, Layer], name: str
) -> None:
    body = layers[name](describe(QUESTION))()
    assert isinstance(body, bytes)
    subjects = {t.subject for t in parse(body, format=RdfFormat.N_TRIPLES)}
    assert subjects == {NamedNode(built.base_iri + f"id/question/{QUESTION}")}
    assert len(timed(layers[name], [QUESTION, QUESTION])) == 2


def test_an_answer_other_than_200_is_not_timed_as_one(layers: dict[str, Layer]) -> None:
    refused = layers["app"]("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(RuntimeError, match="400"):
        refused()


def test_the_bare_wsgi_app_answers_what_the_engine_answers(
    built: Settings, layers: dict[str, Layer]
) -> None:
    running = start("bare-wsgi", built.store.parent)
    try:
        served = over_http(running.endpoint)(describe(QUESTION))()
    finally:
        running.stop()
    by_engine = layers["engine"](describe(QUESTION))()
    assert isinstance(by_engine, bytes)
    assert served == frozenset(str(t) for t in parse(by_engine, format=RdfFormat.N_TRIPLES))
    assert len(served) > 10
