"""The query operation of the W3C SPARQL 1.1 Protocol, against a real running server.

The cases mirror the query tests of the W3C test suite (rdf-tests, sparql/sparql11/protocol,
manifest.ttl), by their names, on graphs of our own standing in for the suite's data files. The
suite's update tests do not apply to a read-only endpoint: UPDATE_TESTS lists them with the reason,
and a test checks that each kind of update is refused.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator

import pytest

from parlgraph.loading import load_store
from parlgraph.settings import Settings
from tests.conftest import running
from tests.http import fetch

DATA = "http://kasei.us/2009/09/sparql/data/"
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over three named graphs, each describing itself as a foaf:Document."""
    folder = tmp_path_factory.mktemp("protocol")
    quads = "".join(
        f"<{DATA}data{n}.rdf> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<{FOAF_DOCUMENT}> <{DATA}data{n}.rdf> .\n"
        for n in (1, 2, 3)
    )
    (folder / "data.nq").write_text(quads, encoding="utf-8")
    load_store(folder / "data.nq", folder / "store")
    settings = Settings.load(environ={}, store=folder / "store", graph_dir=folder)
    with running(settings) as server:
        yield server.url + "sparql/"


def q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def graph_param(name: str, *numbers: int) -> str:
    return "&".join(f"{name}={q(f'{DATA}data{n}.rdf')}" for n in numbers)


ASK_DATA_1_2 = f"ASK {{ <{DATA}data1.rdf> a ?type . <{DATA}data2.rdf> a ?type . }}"
ASK_NAMED_1_2 = (
    f"ASK {{ GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }} GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }} }}"
)
ASK_FULL = (
    f"ASK {{ <{DATA}data3.rdf> a ?type GRAPH ?g1 {{ <{DATA}data1.rdf> a ?type }} "
    f"GRAPH ?g2 {{ <{DATA}data2.rdf> a ?type }} }}"
)
# The protocol dataset (data1 as default graph) overrides the FROM clause (data3).
ASK_MULTIPLE = f"ASK FROM <{DATA}data3.rdf> {{ <{DATA}data1.rdf> a ?type }}"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}

# name -> (method, query string, headers, body, expected result: True/False/"tabular"/"RDF")
QUERY_TESTS: dict[str, tuple[str, str, dict[str, str], bytes | None, object]] = {
    "query_post_form": ("POST", "", FORM, b"query=ASK%20%7B%7D", True),
    "query_dataset_default_graphs_get": (
        "GET", f"query={q(ASK_DATA_1_2)}&{graph_param('default-graph-uri', 1, 2)}", {}, None, True),
    "query_dataset_default_graphs_post": (
        "POST", graph_param("default-graph-uri", 1, 2), DIRECT, ASK_DATA_1_2.encode(), True),
    "query_dataset_named_graphs_post": (
        "POST", graph_param("named-graph-uri", 1, 2), DIRECT, ASK_NAMED_1_2.encode(), True),
    "query_dataset_named_graphs_get": (
        "GET", f"query={q(ASK_NAMED_1_2)}&{graph_param('named-graph-uri', 1, 2)}", {}, None, True),
    "query_dataset_full": (
        "POST", graph_param("default-graph-uri", 3) + "&" + graph_param("named-graph-uri", 1, 2),
        DIRECT, ASK_FULL.encode(), True),
    "query_multiple_dataset": (
        "POST", graph_param("default-graph-uri", 1), DIRECT, ASK_MULTIPLE.encode(), True),
    "query_get": ("GET", "query=ASK%20%7B%7D", {}, None, True),
    "query_content_type_select": ("POST", "", DIRECT, b"SELECT (1 AS ?value) {}", "tabular"),
    "query_content_type_ask": ("POST", "", DIRECT, b"ASK {}", True),
    "query_content_type_describe": ("POST", "", DIRECT, b"DESCRIBE <http://example.org/>", "RDF"),
    "query_content_type_construct": (
        "POST", "", DIRECT, b"CONSTRUCT { <http://a/s> <http://a/p> 1 } WHERE {}", "RDF"),
    "query_post_direct": ("POST", "", DIRECT, b"ASK {}", True),
}  # fmt: skip
TABULAR = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values")  # fmt: skip
RDF = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")


@pytest.mark.parametrize("name", list(QUERY_TESTS))
def test_query(endpoint: str, name: str) -> None:
    method, query_string, headers, body, expected = QUERY_TESTS[name]
    reply = fetch(endpoint + ("?" + query_string if query_string else ""), method, body, headers)
    assert 200 <= reply.status < 400, reply.body
    if expected == "tabular":
        assert reply.media_type in TABULAR
    elif expected == "RDF":
        assert reply.media_type in RDF
    else:
        assert reply.media_type == "application/sparql-results+json"
        assert json.loads(reply.body)["boolean"] is expected


NON_UTF8 = "ASK { <http://example/Sültz> ?p ?o }".encode("iso-8859-1")
BAD_TESTS: dict[str, tuple[str, str, dict[str, str], bytes | None, int, str]] = {
    "bad_query_method": ("PUT", "query=ASK%20%7B%7D", {}, None, 405, ""),
    "bad_multiple_queries": (
        "GET", "query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", {}, None, 400, "2 'query'"),
    "bad_query_wrong_media_type": (
        "POST", "", {"Content-Type": "text/plain"}, b"ASK {}", 415, "text/plain"),
    "bad_query_missing_form_type": ("POST", "", {}, b"query=ASK%20%7B%7D", 415, "Content-Type"),
    "bad_query_missing_direct_type": ("POST", "", {}, b"ASK {}", 415, "Content-Type"),
    "bad_query_non_utf8": (
        "POST", "", {"Content-Type": "application/sparql-query; charset=ISO-8859-1"},
        NON_UTF8, 400, "not UTF-8"),
    "bad_query_syntax": ("GET", "query=ASK%20%7B", {}, None, 400, "syntax error: error at 1:6"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(BAD_TESTS))
def test_bad_query(endpoint: str, name: str) -> None:
    method, query_string, headers, body, status, message = BAD_TESTS[name]
    reply = fetch(endpoint + ("?" + query_string if query_string else ""), method, body, headers)
    assert reply.status == status, reply.body
    assert message in reply.text


UPDATE_TESTS = {
    name: "the endpoint is read-only: SPARQL Update is refused (see test_updates_are_refused)"
    for name in (
        "update_dataset_default_graph", "update_dataset_default_graphs",
        "update_dataset_named_graphs", "update_dataset_full", "update_post_form",
        "update_post_direct", "update_base_uri", "bad_update_get", "bad_multiple_updates",
        "bad_update_wrong_media_type", "bad_update_missing_form_type", "bad_update_non_utf8",
        "bad_update_syntax", "bad_update_dataset_conflict",
    )
}  # fmt: skip


def test_every_manifest_entry_is_run_or_listed_with_a_reason() -> None:
    assert len(QUERY_TESTS) + len(BAD_TESTS) + len(UPDATE_TESTS) == 34


INSERT = b"INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }"


@pytest.mark.parametrize(
    ("query_string", "headers", "body", "status"),
    [
        ("", {"Content-Type": "application/sparql-update"}, INSERT, 403),
        ("", FORM, b"update=" + urllib.parse.quote(INSERT).encode(), 403),
        ("update=" + q(INSERT.decode()), {}, None, 403),
        ("query=" + q(INSERT.decode()), {}, None, 400),
        ("query=" + q("DROP ALL"), {}, None, 400),
    ],
)
def test_updates_are_refused_and_change_nothing(
    endpoint: str, query_string: str, headers: dict[str, str], body: bytes | None, status: int
) -> None:
    method = "POST" if body else "GET"
    reply = fetch(endpoint + ("?" + query_string if query_string else ""), method, body, headers)
    assert reply.status == status
    assert "read-only" in reply.text
    count = fetch(endpoint + "?query=" + q("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"))
    assert json.loads(count.body)["results"]["bindings"][0]["n"]["value"] == "3"


def test_get_without_query_is_the_service_description(endpoint: str) -> None:
    reply = fetch(endpoint, headers={"Accept": "text/turtle"})
    assert reply.status == 200 and reply.media_type == "text/turtle"
    assert "sd:SPARQL11Query" in reply.text and "sd:UnionDefaultGraph" in reply.text
    assert f"{DATA}data1.rdf" in reply.text


def test_browser_without_query_goes_to_the_query_page(endpoint: str) -> None:
    reply = fetch(endpoint, headers={"Accept": "text/html,*/*;q=0.8"})
    assert reply.status == 302 and reply.headers["Location"] == "/query"
