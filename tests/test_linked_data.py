"""Linked data on a real server: dereferencing, negotiation, caching, pages, dumps, VoID."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS

from parlgraph.settings import Settings
from parlgraph.web.examples import examples
from parlgraph.web.void import VOID
from tests.conftest import RunningServer
from tests.http import fetch

QUESTION = "id/question/5-8906"


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ],
)
def test_question_dereferences_by_negotiation(
    server: RunningServer, accept: str, media_type: str, rdflib_format: str
) -> None:
    reply = fetch(server.url + QUESTION, headers={"Accept": accept})
    assert reply.status == 200 and reply.media_type == media_type
    graph = Graph().parse(data=reply.body, format=rdflib_format, publicID=server.url)
    iri = URIRef(server.settings.base_iri + QUESTION)
    assert (iri, DCTERMS.identifier, Literal("5-8906")) in graph
    assert len(set(graph.objects(iri, DCTERMS.title))) == 1


def test_json_ld_is_compact_with_the_served_context(server: RunningServer) -> None:
    document = json.loads(fetch(server.url + QUESTION + ".jsonld").body)
    assert document["@context"].endswith("/context.jsonld")
    assert document["identifier"] == "5-8906"
    assert document["title"]["fr"].startswith("Services publics fédéraux")
    context = fetch(document["@context"])
    assert context.status == 200 and context.media_type == "application/ld+json"


# One app process's answer to a GET, for a hash seed of its own (as each server process has).
ONE_PROCESS = """import sys
from parlgraph.settings import Settings
from parlgraph.store import EmbeddedStore
from parlgraph.web import create_app
settings = Settings.load()
client = create_app(settings, EmbeddedStore(settings.store, workers=0)).test_client()
sys.stdout.buffer.write(client.get(sys.argv[1], headers={"Accept": sys.argv[2]}).data)
"""


def from_every_process(settings: Settings, path: str, accept: str) -> set[bytes]:
    """The bodies three app processes, each with its own hash seed, answer a GET with."""
    return {
        subprocess.run(
            [sys.executable, "-c", ONE_PROCESS, path, accept],
            env={**os.environ, **settings.environ(), "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }


@pytest.mark.parametrize("path", ["graph/people", "graph/concepts", "graph/question/5-8906"])
def test_json_ld_is_the_same_from_every_process_and_holds_the_graph(
    built: Settings, server: RunningServer, path: str
) -> None:
    bodies = from_every_process(built, f"/{path}.jsonld", "*/*")
    assert len(bodies) == 1
    document = json.loads(bodies.pop())
    context = built.ontology_dir / "context.jsonld"
    document["@context"] = json.loads(context.read_text(encoding="utf-8"))["@context"]
    read = Graph().parse(data=json.dumps(document), format="json-ld")
    served = Graph().parse(data=fetch(server.url + path + ".ttl").body, format="turtle")
    assert len(read) > 10 and isomorphic(read, served)


@pytest.mark.parametrize("path", ["/.well-known/void", "/sparql"])
@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
     ("application/n-triples", "nt"), ("application/rdf+xml", "xml")],
)  # fmt: skip
def test_descriptions_are_the_same_from_every_process(
    built: Settings, path: str, media_type: str, rdflib_format: str
) -> None:
    bodies = from_every_process(built, path, media_type)
    assert len(bodies) == 1
    graph = Graph().parse(data=bodies.pop(), format=rdflib_format)
    assert len(graph) > 20


@pytest.mark.parametrize(
    ("suffix", "media_type"),
    [(".ttl", "text/turtle"), (".nt", "application/n-triples"), (".rdf", "application/rdf+xml"),
     (".jsonld", "application/ld+json"), (".html", "text/html")],
)  # fmt: skip
def test_suffix_overrides_accept(server: RunningServer, suffix: str, media_type: str) -> None:
    reply = fetch(server.url + QUESTION + suffix, headers={"Accept": "image/png"})
    assert reply.status == 200 and reply.media_type == media_type


def test_link_alternates_vary_and_revalidation(server: RunningServer) -> None:
    first = fetch(server.url + QUESTION, headers={"Accept": "text/turtle"})
    assert (
        '</id/question/5-8906.jsonld>; rel="alternate"; type="application/ld+json"'
        in (first.headers["Link"])
    )
    assert first.headers["Vary"] == "Accept"
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = fetch(server.url + QUESTION, headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    since = fetch(
        server.url + QUESTION, headers={"Accept": "text/turtle", "If-Modified-Since": modified}
    )
    assert since.status == 304


def test_unknown_iris_are_404(server: RunningServer) -> None:
    assert fetch(server.url + "id/question/9-99999").status == 404
    assert (
        fetch(server.url + "id/question/9-99999", headers={"Accept": "text/turtle"}).status == 404
    )


@pytest.mark.parametrize(
    "path", ["id/a%20b", "id/question/a%7Bb", "graph/x%3Ey", "id/a%20b.ttl", "graph/a%20b.nt"]
)
def test_paths_that_are_no_iri_are_404(server: RunningServer, path: str) -> None:
    """A path whose IRI would hold a space or a brace names nothing here (no IRI can)."""
    reply = fetch(server.url + path)
    assert reply.status == 404
    assert b"is not an IRI" in reply.body


def test_nothing_acceptable_is_406(server: RunningServer) -> None:
    assert fetch(server.url + QUESTION, headers={"Accept": "image/png"}).status == 406


def test_named_graph_dereferences_to_its_content(server: RunningServer) -> None:
    reply = fetch(server.url + "graph/question/5-8906.nt")
    assert reply.status == 200
    assert "http://www.w3.org/ns/prov#wasGeneratedBy" in reply.text


@pytest.mark.parametrize("graph", ["graph/people", "graph/concepts", "graph/question/5-8906"])
def test_a_named_graph_in_html_links_every_resource_it_describes(
    server: RunningServer, graph: str
) -> None:
    page = fetch(server.url + graph, headers={"Accept": "text/html"})
    assert page.status == 200 and page.media_type == "text/html"
    content = Graph().parse(data=fetch(server.url + graph + ".ttl").body, format="turtle")
    subjects = {str(s) for s in content.subjects() if isinstance(s, URIRef)}
    base = server.settings.base_iri
    members = page.text.split('class="members"')[1]
    linked = {html.unescape(href) for href in re.findall(r'<li><a href="([^"]+)">', members)}
    assert linked == {"/" + s[len(base) :] if s.startswith(base) else s for s in subjects}
    assert f"In this graph: {len(subjects)} resources" in page.text


def test_question_page_for_a_journalist(server: RunningServer) -> None:
    page = fetch(server.url + QUESTION, headers={"Accept": "text/html"}).text
    for expected in (
        "Services publics fédéraux - Communication avec les citoyens",
        "Martine Taelman", "(Open Vld)",
        "vice-première ministre et ministre des Affaires sociales",
        "reminder", "232",  # the reminder came 232 days after the question
        "médias sociaux", "http://eurovoc.europa.eu/c_324b44f1",
        "also asked as", "5-8900",
        "Le Service public fédéral (SPF) Santé Publique dispose des médias sociaux",
        "Answer of 2014-01-30 (275 days)",
        'href="/id/person/martine-taelman"',
    ):  # fmt: skip
        assert expected in page, expected


def test_a_question_page_names_every_party_of_its_author(server: RunningServer) -> None:
    """Memberships carry no dates: a party renamed since is named under both names, not one
    picked at random."""
    page = fetch(server.url + "id/question/5-2002", headers={"Accept": "text/html"}).text
    assert "Bert Anciaux" in page and "(Vooruit, sp.a)" in page
    assert 'href="/id/question/5-4641"' in page  # resubmitted as


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("id/person/martine-taelman", "What links here"),
        ("id/post/premier-ministre", "premier ministre"),
        ("id/concept/c_324b44f1", "médias sociaux"),
        ("id/party/open-vld", "Open Vld"),
    ],
)
def test_pages_per_person_post_descriptor_and_party(
    server: RunningServer, path: str, expected: str
) -> None:
    reply = fetch(server.url + path, headers={"Accept": "text/html"})
    assert reply.status == 200 and expected in reply.text
    assert "What links here" in reply.text


def test_home_page_counts_and_links(server: RunningServer) -> None:
    page = fetch(server.url).text
    assert "<strong>86</strong> questions" in page
    for link in ('href="/query"', 'href="/dumps/"', 'href="/.well-known/void"'):
        assert link in page


def test_dumps_with_size_and_checksum(server: RunningServer) -> None:
    listing = json.loads(fetch(server.url + "dumps/", headers={"Accept": "application/json"}).body)
    assert {d["name"] for d in listing} == {
        "parlgraph.nq.gz",
        "parlgraph.ttl.gz",
        "parlgraph.jsonld.gz",
    }
    committed = (server.settings.graph_dir / "parlgraph.nq").read_bytes()
    for dump in listing:
        body = fetch(server.url + "dumps/" + dump["name"]).body
        assert len(body) == dump["size"]
        assert hashlib.sha256(body).hexdigest() == dump["sha256"]
        if dump["name"] == "parlgraph.nq.gz":
            assert gzip.decompress(body) == committed
    assert fetch(server.url + "dumps/../graph/parlgraph.nq").status == 404


def test_void_and_dcat_description(server: RunningServer) -> None:
    reply = fetch(server.url + ".well-known/void", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=reply.body, format="turtle")
    text = reply.text
    assert "void:sparqlEndpoint" in text and "void:dataDump" in text
    assert "dcat:Distribution" in text and "spdx:checksumValue" in text
    dataset = URIRef(server.settings.base_iri + "id/dataset")
    linkset = URIRef(server.settings.base_iri + "id/dataset/eurovoc-links")
    assert (linkset, VOID.linkPredicate, SKOS.exactMatch) in graph
    assert graph.value(linkset, VOID.objectsTarget) == URIRef("http://eurovoc.europa.eu/100141")
    triples = graph.value(dataset, VOID.triples)
    assert triples is not None and int(str(triples)) > 5000
    assert (dataset, DCTERMS.license, None) in graph


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_example_query_runs_and_returns_rows(server: RunningServer, example: object) -> None:
    text = example.text  # type: ignore[attr-defined]
    reply = fetch(server.url + "sparql", "POST", text.encode(),
                  {"Content-Type": "application/sparql-query"})  # fmt: skip
    assert reply.status == 200, reply.text
    assert len(json.loads(reply.body)["results"]["bindings"]) > 0


def test_there_are_at_least_eight_examples() -> None:
    assert len(examples()) >= 8


def test_a_page_kept_rendered_still_names_the_host_it_was_asked_on(server: RunningServer) -> None:
    ours = fetch(server.url + QUESTION + ".jsonld")
    theirs = fetch(server.url + QUESTION + ".jsonld", headers={"Host": "example.org"})
    assert json.loads(ours.body)["@context"] == server.url + "context.jsonld"
    assert json.loads(theirs.body)["@context"] == "http://example.org/context.jsonld"
    again = fetch(server.url + QUESTION + ".jsonld")
    assert again.body == ours.body and again.headers["ETag"] == ours.headers["ETag"]
