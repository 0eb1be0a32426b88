"""Reading a query before it runs: its form, and what the endpoint refuses."""

from __future__ import annotations

import pytest

from parlgraph.query import QueryRefused, analyse

FORMS = [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("PREFIX ex: <http://ex/select/> ASK { ?s ex:p ?o }", "ASK"),
    ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("describe <http://example.org/>", "DESCRIBE"),
    ('SELECT ?x WHERE { BIND("INSERT DATA" AS ?x) }', "SELECT"),
    ("SELECT ?service WHERE { ?service ?p ?o }", "SELECT"),
    ("PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:SERVICE ?o }", "SELECT"),
    ("SELECT * WHERE { ?s <http://ex/SERVICE> '''SERVICE\nx''' }", "SELECT"),
]


@pytest.mark.parametrize(("text", "form"), FORMS)
def test_form(text: str, form: str) -> None:
    assert analyse(text).form == form


REFUSED = [
    ("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * { service silent <http://x/> { ?s ?p ?o } }", "SERVICE"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "read-only"),
    ("DELETE WHERE { ?s ?p ?o }", "read-only"),
    ("PREFIX ex: <http://ex/> DROP ALL", "read-only"),
    ("LOAD <http://example.org/data.ttl>", "read-only"),
    ("{ ?s ?p ?o }", "no query form"),
]


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(QueryRefused, match=reason):
        analyse(text)


@pytest.mark.parametrize(
    ("text", "bounded"),
    [
        ("DESCRIBE <http://example.org/q/5-8906>", True),
        ("PREFIX q: <http://example.org/q/>\nDESCRIBE q:5-8906 q:5-8907 # two", True),
        ("DESCRIBE <http://example.org/?q=5-8906>", True),  # not a variable: inside an IRI
        ("DESCRIBE ?q WHERE { ?q a <http://example.org/Q> }", False),
        ("DESCRIBE * WHERE { ?q ?p ?o }", False),
        ("DESCRIBE <http://example.org/q> FROM <http://example.org/g>", True),
        ("SELECT * WHERE { ?s ?p ?o }", False),
        ("CONSTRUCT WHERE { <http://example.org/q> ?p ?o }", False),
    ],
)
def test_only_a_describe_of_named_iris_is_bounded(text: str, bounded: bool) -> None:
    assert analyse(text).bounded is bounded
