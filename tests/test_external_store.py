"""An external store (Oxigraph server, run for real) filled by ``parlgraph push`` and served by
``parlgraph serve --external-store``: the same pages and answers as the embedded store, and
errors that say which store refused, failed, was late or out of reach."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bench.peers import free_port
from click.testing import CliRunner
from pyoxigraph import NamedNode, RdfFormat, parse
from rdflib import Graph
from rdflib.compare import isomorphic

from parlgraph.cli import main
from parlgraph.dataset import DATASET_FILE
from parlgraph.push import PushError, push, quads
from parlgraph.remote import RemoteStore
from parlgraph.settings import Settings
from parlgraph.shared_answers import SharedAnswers
from parlgraph.store import EmbeddedStore, Job, QueryFailed
from parlgraph.web import create_app
from parlgraph.web.examples import examples
from parlgraph.web.void import count
from tests.conftest import ExternalStore, RunningServer, oxigraph, running
from tests.http import fetch

QUESTION = "id/question/5-8906"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def served(built: Settings, external: ExternalStore) -> Iterator[RunningServer]:
    """``parlgraph serve`` on the external store, started as a user starts it."""
    with running(built, options=("--external-store", external.query)) as server:
        yield server


def _dataset(settings: Settings) -> Path:
    return settings.graph_dir / DATASET_FILE


def _paths(settings: Settings) -> list[str]:
    """Every question, one resource of each class (the first by IRI), every named graph."""
    quads = list(parse(path=str(_dataset(settings)), format=RdfFormat.N_QUADS))
    by_class: dict[str, str] = {}
    for quad in quads:
        if quad.predicate == RDF_TYPE and isinstance(quad.subject, NamedNode):
            kind, subject = quad.object.value, quad.subject.value
            if subject.startswith(settings.base_iri) and subject < by_class.get(kind, "~"):
                by_class[kind] = subject
    questions = {q.subject.value for q in quads if q.subject.value.startswith(
        settings.base_iri + "id/question/")}  # fmt: skip
    graphs = {quad.graph_name.value for quad in quads if isinstance(quad.graph_name, NamedNode)}
    return sorted(
        iri[len(settings.base_iri) :] for iri in {*by_class.values(), *questions, *graphs}
    )


def _same_text(reply: bytes, server: RunningServer) -> str:
    """A reply's text with the server's own address written the same for every server."""
    return reply.decode("utf-8").replace(server.url, "http://server/")


def _same_graph(reply: bytes, server: RunningServer) -> Graph:
    """A Turtle reply's graph, with the server's own address written the same for every server
    (the statements of a document that names the server's address are written in the order of
    their IRIs: another port, another order)."""
    return Graph().parse(data=_same_text(reply, server), format="turtle")


def test_push_sends_the_named_graphs_and_their_merge(built: Settings, tmp_path: Path) -> None:
    embedded = EmbeddedStore(built.store, workers=0)
    with oxigraph(tmp_path / "store") as store:
        told: list[int] = []
        sent = push(_dataset(built), store.update, progress=told.append)
        remote = RemoteStore(store.query, built.store)
        assert sent == quads(_dataset(built)) == len(embedded) == count(remote, QUADS)
        assert told[-1] == sent and told == sorted(told)
        assert remote.graph_names() == embedded.graph_names()


def test_push_replaces_everything_the_store_held(built: Settings, tmp_path: Path) -> None:
    with oxigraph(tmp_path / "store") as store:
        stray = "INSERT DATA { <urn:stray> <urn:p> 1 . GRAPH <urn:g> { <urn:stray> <urn:p> 2 } }"
        fetch(store.update, "POST", stray.encode(), {"Content-Type": "application/sparql-update"})
        remote = RemoteStore(store.query, built.store)
        assert count(remote, QUADS) == 2
        push(_dataset(built), store.update)
        again = CliRunner().invoke(main, ["push", store.update], env=built.environ())  # no double
        assert again.exit_code == 0
        assert f"{quads(_dataset(built))} quads pushed to {store.update}" in again.output
        assert remote.about("urn:stray") == [] and "urn:g" not in remote.graph_names()
        assert count(remote, QUADS) == len(EmbeddedStore(built.store, workers=0))


def test_every_page_is_the_same_from_either_store(
    built: Settings, server: RunningServer, served: RunningServer
) -> None:
    paths = _paths(built)
    assert QUESTION in paths and "graph/people" in paths and len(paths) > 100
    statuses = []
    for path in paths:
        for suffix in ("", ".ttl", ".jsonld"):
            mine, theirs = fetch(server.url + path + suffix), fetch(served.url + path + suffix)
            assert (mine.status, mine.media_type) == (theirs.status, theirs.media_type), path
            assert _same_text(mine.body, server) == _same_text(theirs.body, served), path + suffix
            statuses.append(mine.status)
    assert set(statuses) == {200}
    for path in ("", ".well-known/void", "sparql"):
        mine = fetch(server.url + path, headers={"Accept": "text/turtle, text/html;q=0.5"})
        theirs = fetch(served.url + path, headers={"Accept": "text/turtle, text/html;q=0.5"})
        assert mine.status == theirs.status == 200
        assert mine.media_type == theirs.media_type, path
        if mine.media_type == "text/turtle":  # VoID, the service description
            ours, other = _same_graph(mine.body, server), _same_graph(theirs.body, served)
            assert len(ours) > 10 and isomorphic(ours, other), path
        else:
            assert _same_text(mine.body, server) == _same_text(theirs.body, served), path


def test_the_example_queries_answer_the_same(server: RunningServer, served: RunningServer) -> None:
    for example in examples():
        answers = []
        for running_server in (server, served):
            reply = fetch(running_server.url + "sparql", "POST", example.text.encode("utf-8"),
                          {"Content-Type": "application/sparql-query", "Accept": JSON})  # fmt: skip
            assert reply.status == 200, reply.text
            answers.append(json.loads(reply.body)["results"]["bindings"])
        assert answers[0], example.name  # each example returns rows on the bundled graph
        assert sorted(map(json.dumps, answers[0])) == sorted(map(json.dumps, answers[1]))


def test_an_answer_past_the_cap_is_cut_and_says_so(
    built: Settings, external: ExternalStore
) -> None:
    remote = RemoteStore(external.query, built.store)
    select = remote.query(Job("SELECT * WHERE { ?s ?p ?o }", JSON, 3))
    assert select.truncated and len(json.loads(select.body)["results"]["bindings"]) == 3
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    graph = remote.query(Job(construct, "application/n-triples", 3))
    assert graph.truncated and graph.body.count(b"\n") == 3
    whole = remote.query(Job("SELECT * WHERE { ?s ?p ?o } LIMIT 2", "text/csv", 3))
    assert not whole.truncated and whole.body.count(b"\r\n") == 3  # a header and two rows
    asked = remote.query(Job("ASK { ?s ?p ?o }", "application/sparql-results+xml", 3))
    assert b"<boolean>true</boolean>" in asked.body


def test_the_protocol_dataset_is_passed_on(built: Settings, external: ExternalStore) -> None:
    graph = built.base_iri + "graph/" + QUESTION.removeprefix("id/")
    remote = RemoteStore(external.query, built.store)
    count = Job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv", 10, (graph,))
    counted = int(remote.query(count).body.split(b"\r\n")[1])
    assert counted == len(remote.graph(graph)) == len(EmbeddedStore(built.store, 0).graph(graph))


def test_a_query_the_store_refuses_is_400_naming_it(
    served: RunningServer, external: ExternalStore
) -> None:
    reply = fetch(served.url + "sparql?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20%7D")
    assert reply.status == 400
    assert reply.text.startswith(f"the store at {external.query} refused the query (400): ")


def test_a_store_out_of_reach_is_502_naming_it(built: Settings) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    client = create_app(built, RemoteStore(endpoint, built.store)).test_client()
    for path in ("/" + QUESTION, "/sparql?query=ASK%7B%7D", "/"):
        reply = client.get(path)
        assert reply.status_code == 502
        assert reply.text.startswith(f"the store at {endpoint} could not be reached: ")


def test_serve_is_told_why_the_store_does_not_answer(
    built: Settings, external: ExternalStore
) -> None:
    assert RemoteStore(external.query, built.store).unanswered() is None
    endpoint = f"http://127.0.0.1:{free_port()}/query"
    why = RemoteStore(endpoint, built.store).unanswered()
    assert why is not None and why.startswith(f"the store at {endpoint} could not be reached")


def test_a_store_that_does_not_answer_in_time_is_503(built: Settings) -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        remote = RemoteStore(endpoint, built.store, timeout=0.5)
        with pytest.raises(QueryFailed) as failed:
            remote.about(built.base_iri + QUESTION)
    assert failed.value.status == 503
    assert str(failed.value) == f"the store at {endpoint} did not answer within the 0.5 s limit"


class _Odd(BaseHTTPRequestHandler):
    """An endpoint whose answers cannot be read: HTML, or broken JSON results."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        html = self.path == "/html"
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if html else JSON)
        self.end_headers()
        self.wfile.write(b"<p>hello</p>" if html else b'{"head": {"vars": ["n"]}, "results": ')

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def odd() -> Iterator[str]:
    http = ThreadingHTTPServer(("127.0.0.1", 0), _Odd)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{http.server_address[1]}"
    http.shutdown()
    http.server_close()


def test_an_answer_that_cannot_be_read_is_502(built: Settings, odd: str) -> None:
    for path, said in (("/html", "text/html is no SPARQL results format"), ("/json", "")):
        remote = RemoteStore(odd + path, built.store)
        with pytest.raises(QueryFailed) as failed:
            remote.graph_names()
        assert failed.value.status == 502
        assert str(failed.value).startswith(f"the store at {odd}{path} sent an answer that cannot")
        assert said in str(failed.value)


def test_a_push_the_store_refuses_names_the_lines(built: Settings, tmp_path: Path) -> None:
    dataset = tmp_path / DATASET_FILE
    lines = _dataset(built).read_bytes().splitlines(keepends=True)
    dataset.write_bytes(b"".join([*lines[:5], b'<urn:a> <urn:b> "open <urn:g> .\n']))
    with oxigraph(tmp_path / "store") as store:
        with pytest.raises(PushError, match=rf"^{store.update} refused the update of lines 1-6 "
                           rf"of {dataset} \(400\): "):  # fmt: skip
            push(dataset, store.update)
        with pytest.raises(PushError, match=r"refused the update of before the first line"):
            push(_dataset(built), store.query)  # the query endpoint takes no update


def test_push_says_which_store_it_could_not_reach(built: Settings) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/update"
    with pytest.raises(PushError, match=rf"^{endpoint} could not be reached \(before the first"):
        push(_dataset(built), endpoint)


def test_push_and_serve_refuse_what_is_not_an_http_url(built: Settings) -> None:
    environ = built.environ()
    pushed = CliRunner().invoke(main, ["push", "ftp://127.0.0.1/update"], env=environ)
    assert pushed.exit_code == 1
    assert "the update endpoint must be an http(s) URL, not 'ftp://127.0.0.1/update'" in (
        pushed.output)  # fmt: skip
    served = CliRunner().invoke(main, ["serve", "--external-store", "127.0.0.1:7878/query"],
                                env=environ)  # fmt: skip
    assert served.exit_code == 1
    assert "the external store must be an http(s) URL, not '127.0.0.1:7878/query'" in (
        served.output)  # fmt: skip
    missing = CliRunner().invoke(main, ["push", "http://127.0.0.1:1/update"],
                                 env={**environ, "PARLGRAPH_GRAPH_DIR": "/nowhere"})  # fmt: skip
    assert missing.exit_code == 1
    assert "no dataset at /nowhere/parlgraph.nq: run 'parlgraph build' first" in missing.output


def test_an_answer_one_process_asked_is_given_by_the_others(
    built: Settings, external: ExternalStore, tmp_path: Path
) -> None:
    shared = SharedAnswers(tmp_path, 2**20)
    asker = RemoteStore(external.query, built.store, shared=shared)
    job = Job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON, 10)
    asked = asker.query(job)
    unreachable = f"http://127.0.0.1:{free_port()}/query"
    other = RemoteStore(unreachable, built.store, shared=SharedAnswers(tmp_path, 2**20))
    assert other.query(job) == asked  # from the folder: the endpoint is never asked
    with pytest.raises(QueryFailed, match="could not be reached"):
        other.query(replace(job, max_results=11))
