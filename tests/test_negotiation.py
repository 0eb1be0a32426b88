"""Content negotiation as a case table: q-values, specificity, aliases, ties, nothing acceptable."""

from __future__ import annotations

import pytest

from parlgraph.web.negotiation import BOOLEAN, GRAPH, SOLUTIONS, choose, from_format, parse_accept

CASES = [
    (None, SOLUTIONS, "application/sparql-results+json"),
    ("", GRAPH, "text/turtle"),
    ("*/*", GRAPH, "text/turtle"),
    ("application/sparql-results+xml", SOLUTIONS, "application/sparql-results+xml"),
    ("text/csv;q=0.5, text/tab-separated-values", SOLUTIONS, "text/tab-separated-values"),
    ("text/*;q=0.3, text/csv;q=0.9", SOLUTIONS, "text/csv"),
    ("text/*, text/csv;q=0", SOLUTIONS, "text/tab-separated-values"),
    ("application/json", SOLUTIONS, "application/sparql-results+json"),
    ("application/xml", BOOLEAN, "application/sparql-results+xml"),
    ("application/ld+json, text/turtle;q=0.8", GRAPH, "application/ld+json"),
    ("application/rdf+xml;q=0.9, */*;q=0.1", GRAPH, "application/rdf+xml"),
    ("text/html;q=1, */*;q=0.5", GRAPH, "text/turtle"),
    ("image/png", SOLUTIONS, None),
    ("text/csv", BOOLEAN, None),
    ("text/turtle;q=0", GRAPH, None),
    ("text/turtle;q=abc", GRAPH, "text/turtle"),
    ("garbage, application/n-triples", GRAPH, "application/n-triples"),
    ("TEXT/TURTLE", GRAPH, "text/turtle"),
    ("application/json", ("text/html", "application/json"), "application/json"),
]


@pytest.mark.parametrize(("accept", "offered", "expected"), CASES)
def test_choose(accept: str | None, offered: tuple[str, ...], expected: str | None) -> None:
    assert choose(accept, offered) == expected


def test_parse_accept_reads_q_values() -> None:
    ranges = parse_accept("text/turtle;q=0.4, application/ld+json")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "turtle", 0.4),
        ("application", "ld+json", 1.0),
    ]


@pytest.mark.parametrize(
    ("name", "graph", "expected"),
    [
        ("json", False, "application/sparql-results+json"),
        ("json", True, "application/ld+json"),
        ("xml", True, "application/rdf+xml"),
        ("ttl", True, "text/turtle"),
        ("csv", True, None),
        ("ttl", False, None),
        ("nope", False, None),
    ],
)
def test_from_format(name: str, graph: bool, expected: str | None) -> None:
    assert from_format(name, graph) == expected
