"""The endpoint on the bundled graph, for real: formats, limits, safety, a real SPARQL client."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from parlgraph.settings import Settings
from parlgraph.store import EmbeddedStore, Job, QueryFailed
from tests.conftest import RunningServer, running
from tests.http import fetch

QUESTIONS = "SELECT ?q WHERE { ?q a <https://w3id.org/parlgraph/ontology#WrittenQuestion> }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def query_url(server: RunningServer, text: str, **params: str) -> str:
    return server.url + "sparql?" + urllib.parse.urlencode({"query": text, **params})


@pytest.mark.parametrize(
    ("accept", "media_type", "starts"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", b'{"head"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
        ("text/csv", "text/csv", b"q\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?q\n"),
    ],
)
def test_select_formats(server: RunningServer, accept: str, media_type: str, starts: bytes) -> None:
    reply = fetch(query_url(server, QUESTIONS), headers={"Accept": accept})
    assert reply.status == 200
    assert reply.media_type == media_type
    assert reply.body.startswith(starts)
    assert reply.headers["Vary"] == "Accept"
    assert reply.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("ttl", "text/turtle"), ("nt", "application/n-triples"), ("jsonld", "application/ld+json"),
     ("rdf", "application/rdf+xml"), ("nq", "application/n-quads"), ("trig", "application/trig")],
)  # fmt: skip
def test_construct_formats_by_parameter(server: RunningServer, fmt: str, media_type: str) -> None:
    text = "CONSTRUCT WHERE { ?q <http://purl.org/dc/terms/identifier> ?id } LIMIT 3"
    reply = fetch(query_url(server, text, format=fmt), headers={"Accept": "text/csv"})
    assert reply.status == 200 and reply.media_type == media_type
    assert "5-8906" in reply.text or "/id/question/" in reply.text


def test_a_form_post_names_its_format_in_the_form(server: RunningServer) -> None:
    text = "CONSTRUCT WHERE { ?q <http://purl.org/dc/terms/identifier> ?id } LIMIT 3"
    form = urllib.parse.urlencode({"query": text, "format": "nt"}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
    reply = fetch(server.url + "sparql", "POST", form, headers)
    assert reply.status == 200 and reply.media_type == "application/n-triples"
    assert reply.body.count(b"\n") == 3


def test_nothing_acceptable_is_406(server: RunningServer) -> None:
    reply = fetch(query_url(server, "ASK {}"), headers={"Accept": "text/csv"})
    assert reply.status == 406
    assert "application/sparql-results+json" in reply.text


def test_cors_preflight(server: RunningServer) -> None:
    reply = fetch(server.url + "sparql", "OPTIONS", headers={"Origin": "http://yasgui.example"})
    assert reply.status == 204
    assert "POST" in reply.headers["Access-Control-Allow-Methods"]


def test_too_long_a_query_is_413(server: RunningServer) -> None:
    text = "ASK {}" + " " * server.settings.max_query_length
    reply = fetch(server.url + "sparql", "POST", text.encode(),
                  {"Content-Type": "application/sparql-query"})  # fmt: skip
    assert reply.status == 413 and "longer than" in reply.text


@pytest.fixture
def small_limits(built: Settings) -> Iterator[RunningServer]:
    """The bundled graph served with a 2-second limit and at most 5 results, by one process with
    two query workers (two processes would have one each, and a cheap query could wait behind
    the runaway one in its process)."""
    settings = Settings.load(
        environ={}, store=built.store, graph_dir=built.graph_dir, query_timeout=2.0, max_results=5
    )
    with running(settings, workers=1) as server:
        yield server


def test_results_past_the_cap_are_truncated_and_said_so(small_limits: RunningServer) -> None:
    reply = fetch(query_url(small_limits, QUESTIONS))
    assert reply.status == 200
    assert reply.headers["X-Parlgraph-Truncated"] == "true; limit=5"
    assert len(json.loads(reply.body)["results"]["bindings"]) == 5
    complete = fetch(query_url(small_limits, QUESTIONS + " LIMIT 3"))
    assert "X-Parlgraph-Truncated" not in complete.headers


def test_a_runaway_query_is_stopped_while_cheap_queries_are_answered(
    small_limits: RunningServer,
) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        started = time.monotonic()
        runaway = pool.submit(fetch, query_url(small_limits, RUNAWAY))
        time.sleep(0.3)
        cheap = fetch(query_url(small_limits, "ASK { ?s ?p ?o }"))
        cheap_seconds = time.monotonic() - started
        stopped = runaway.result()
        stopped_seconds = time.monotonic() - started
    assert cheap.status == 200 and json.loads(cheap.body)["boolean"] is True
    assert cheap_seconds < 2.0, "the cheap query waited for the runaway one"
    assert stopped.status == 503 and "2 s limit" in stopped.text
    assert 1.9 < stopped_seconds < 10
    after = fetch(query_url(small_limits, "ASK { ?s ?p ?o }"))
    assert after.status == 200, "the server answers after stopping a query"


def test_service_makes_no_connection(server: RunningServer) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.5)
    port = listener.getsockname()[1]
    connections: list[object] = []

    def accept() -> None:
        with contextlib.suppress(TimeoutError):
            connections.append(listener.accept())

    watcher = threading.Thread(target=accept)
    watcher.start()
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    reply = fetch(query_url(server, text))
    watcher.join()
    listener.close()
    assert reply.status == 400 and "SERVICE" in reply.text and "outbound" in reply.text
    assert connections == []


def test_a_real_sparql_client_queries_the_server(server: RunningServer) -> None:
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?title WHERE { ?q dcterms:identifier '5-8906' ; dcterms:title ?title }"
    )
    client.setReturnFormat(JSON)
    converted: Any = client.queryAndConvert()
    bindings = converted["results"]["bindings"]
    assert [b["title"]["value"] for b in bindings] == [
        "Services publics fédéraux - Communication avec les citoyens - Recours aux médias sociaux"
    ]


def test_a_describe_of_named_iris_is_answered_while_every_worker_is_busy(built: Settings) -> None:
    # The store itself, not a server: whether Granian's request threads are at hand is
    # Granian's affair, and timing it through HTTP made this test fail now and then in CI.
    store = EmbeddedStore(built.store, workers=2, timeout=5.0)
    iri = built.base_iri + "id/question/5-8906"
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            busy = [  # two queries, one for each worker
                pool.submit(store.query, Job(f"{RUNAWAY} # {n}", "text/csv", 5)) for n in range(2)
            ]
            while store.idle():
                time.sleep(0.01)
            described = store.query(Job(f"DESCRIBE <{iri}>", "application/n-triples", 5), True)
            still_running = [not future.done() for future in busy]
            for future in busy:
                with pytest.raises(QueryFailed, match="5 s limit"):
                    future.result()
    finally:
        store.close()
    assert still_running == [True, True], "the DESCRIBE waited for a worker"
    assert described.body.decode().startswith(f"<{iri}> ")
    assert described.truncated  # the same cap applies


def test_the_same_query_asked_at_once_runs_once_and_its_answer_is_kept(built: Settings) -> None:
    store = EmbeddedStore(built.store, workers=2, timeout=0.5, kept=2**20)
    job = Job(QUESTIONS, "text/csv", 100)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: store.query(job), range(8)))
    assert {answer.body for answer in answers} == {answers[0].body}
    assert answers[0].body.startswith(b"q\r\n") and answers[0].body.count(b"\r\n") > 2
    assert (store.answers.misses, store.answers.hits) == (1, 7)
    store.close()  # no worker is left: only what is kept can be answered
    assert store.query(job) == answers[0]
    with pytest.raises(QueryFailed, match="busy"):
        store.query(Job(QUESTIONS + " LIMIT 1", "text/csv", 100))
