"""The statements the pages are made of, read through the query engine: each once, as the
store's quads say; from the embedded store and from an external one (Oxigraph server) alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Quad, Triple

from parlgraph.rdf.namespaces import PREFIX_IRIS
from parlgraph.remote import RemoteStore
from parlgraph.settings import Settings
from parlgraph.store import EmbeddedStore, QueryFailed, ReadStore, Worker, database_path
from tests.conftest import ExternalStore


@pytest.fixture(scope="module")
def embedded(built: Settings) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(built.store, workers=0)
    yield opened
    opened.close()


@pytest.fixture(scope="module", params=["embedded", "external"])
def store(request: pytest.FixtureRequest, built: Settings, embedded: EmbeddedStore) -> ReadStore:
    """Each store the pages can be read from."""
    if request.param == "embedded":
        return embedded
    external: ExternalStore = request.getfixturevalue("external")
    return RemoteStore(external.query, built.store)


def _distinct(quads: Iterator[Quad]) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def _texts(triples: list[Triple]) -> list[tuple[str, str, str]]:
    return [(str(t.subject), str(t.predicate), str(t.object)) for t in triples]


def test_statements_about_a_resource_once_each(
    built: Settings, store: ReadStore, embedded: EmbeddedStore
) -> None:
    for path in ("id/question/5-8906", "graph/question/5-8906"):
        iri = built.base_iri + path
        found = _texts(store.about(iri))
        assert len(found) == len(set(found))
        assert set(found) == _distinct(embedded.store.quads_for_pattern(NamedNode(iri), None, None))
    question = built.base_iri + "id/question/5-8906"
    assert len(store.about(question)) > 10  # in its graph and in the default graph: once


def test_a_graph_holds_its_own_statements_only(
    built: Settings, store: ReadStore, embedded: EmbeddedStore
) -> None:
    graph = NamedNode(built.base_iri + "graph/question/5-8906")
    found = _texts(store.graph(graph.value))
    assert found and set(found) == _distinct(
        embedded.store.quads_for_pattern(None, None, None, graph)
    )
    in_default = _distinct(embedded.store.quads_for_pattern(None, None, None, DefaultGraph()))
    assert set(found) < in_default


def test_referring_statements_stop_at_the_limit(store: ReadStore, embedded: EmbeddedStore) -> None:
    kind = NamedNode(PREFIX_IRIS["pg"] + "WrittenQuestion")  # every question's type
    everything = _distinct(embedded.store.quads_for_pattern(None, None, kind))
    assert len(everything) > 2
    assert set(_texts(store.referring(kind.value))) == everything
    assert len(store.referring(kind.value, limit=2)) == 2


def test_an_invalid_iri_is_refused(store: ReadStore) -> None:
    with pytest.raises(ValueError):
        store.about("http://example.org/a b")
    with pytest.raises(ValueError):
        store.rows("SELECT ?x ?p WHERE { ?x ?p ?o }", {"x": "http://example.org/a b"})


def test_rows_are_bound_to_the_iris_given_and_keep_unbound_variables(
    built: Settings, store: ReadStore
) -> None:
    question = built.base_iri + "id/question/5-8906"
    query = """SELECT ?x ?id ?nothing WHERE {
      ?x <http://purl.org/dc/terms/identifier> ?id OPTIONAL { ?x <urn:none> ?nothing } }"""
    assert store.rows(query, {"x": question}) == [{"x": question, "id": "5-8906", "nothing": None}]
    assert store.rows(query, {"x": built.base_iri + "id/question/0-0"}) == []
    with pytest.raises(ValueError, match="SELECT"):
        store.rows("ASK { ?x ?p ?o }", {"x": question})


def test_the_graph_names_are_the_stores_sorted(
    built: Settings, store: ReadStore, embedded: EmbeddedStore
) -> None:
    names = store.graph_names()
    assert names == sorted(str(g.value) for g in embedded.store.named_graphs())
    assert built.base_iri + "graph/question/5-8906" in names


def test_a_worker_that_cannot_open_the_store_says_which(tmp_path: Path) -> None:
    worker = Worker(tmp_path)  # a folder without a database
    with pytest.raises(QueryFailed, match=str(database_path(tmp_path))) as failed:
        worker.wait_ready(60)
    assert failed.value.status == 500
    worker.stop()


def test_a_store_answers_once_its_workers_have_opened_theirs(built: Settings) -> None:
    opened = EmbeddedStore(built.store, workers=2)
    workers = list(opened._idle.queue)
    assert len(workers) == 2 and all(worker.ready for worker in workers)
    opened.close()
