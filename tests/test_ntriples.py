"""The build's own N-Triples writer writes what rdflib's N-Triples serializer writes."""

from __future__ import annotations

import datetime

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from parlgraph.rdf.ntriples import Triple, lines, parse_lines
from tests.conftest import ROOT

SUBJECT = URIRef("https://example.org/id/question/5-8906")
PREDICATE = URIRef("https://example.org/def/text")


def rdflib_lines(triples: list[Triple]) -> tuple[str, ...]:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return tuple(sorted(line + "\n" for line in text.splitlines() if line.strip()))


def test_every_triple_of_the_bundled_graph_is_written_as_rdflib_writes_it() -> None:
    dataset = Dataset()
    dataset.parse(ROOT / "graph" / "parlgraph.nq", format="nquads")
    triples = [(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))]
    assert len(triples) > 5_000
    assert lines(triples) == rdflib_lines(triples)


TERMS = [
    Literal('a "quoted" word, a back\\slash\nand a new line\r\n\ttab'),
    Literal("médias sociaux — « communauté virtuelle » 😀", lang="fr"),
    Literal("sociale media", lang="nl-BE"),
    Literal(42),
    Literal(-3),
    Literal(True),
    Literal(2.5),
    Literal(datetime.date(2014, 3, 7)),
    Literal("fr", datatype=XSD.language),
    Literal("07/03/2014", datatype=URIRef("https://example.org/def/frenchDate")),
    Literal(""),
    URIRef("https://www.senate.be/www/?MIval=/Vragen/SVPrint&LEG=5&NR=8906&LANG=fr"),
    URIRef("https://example.org/id/descriptor/m%C3%A9dias-sociaux"),
]


@pytest.mark.parametrize("value", TERMS, ids=repr)
def test_each_kind_of_term_is_written_as_rdflib_writes_it(value: Literal | URIRef) -> None:
    triples: list[Triple] = [(SUBJECT, PREDICATE, value)]
    assert lines(triples) == rdflib_lines(triples)


def test_each_triple_is_written_once_and_the_lines_are_sorted() -> None:
    triples: list[Triple] = [
        (SUBJECT, PREDICATE, Literal("b")),
        (SUBJECT, PREDICATE, Literal("a")),
        (SUBJECT, PREDICATE, Literal("b")),
    ]
    assert lines(triples) == (
        f'<{SUBJECT}> <{PREDICATE}> "a" .\n',
        f'<{SUBJECT}> <{PREDICATE}> "b" .\n',
    )


def test_an_iri_that_n_triples_cannot_hold_is_refused_by_name() -> None:
    bad = URIRef("https://twitter.com/a handle")
    with pytest.raises(ValueError, match="a handle"):
        lines([(SUBJECT, PREDICATE, bad)])


def test_blank_nodes_are_refused() -> None:
    with pytest.raises(TypeError, match="only IRIs and literals"):
        lines([(SUBJECT, PREDICATE, BNode("b0"))])


def rdflib_parsed(text: str) -> set[Triple]:
    return set(Graph().parse(data=text, format="nt"))


def test_lines_are_read_back_as_rdflib_reads_them() -> None:
    dataset = Dataset()
    dataset.parse(ROOT / "graph" / "parlgraph.nq", format="nquads")
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    text = "".join(lines(triples))
    assert set(parse_lines(text)) == rdflib_parsed(text) == triples


@pytest.mark.parametrize("value", TERMS, ids=repr)
def test_each_kind_of_term_is_read_back_as_rdflib_reads_it(value: Literal | URIRef) -> None:
    text = "".join(lines([(SUBJECT, PREDICATE, value)]))
    [(subject, predicate, read)] = parse_lines(text)
    [(_, _, expected)] = rdflib_parsed(text)
    assert (subject, predicate) == (SUBJECT, PREDICATE)
    assert type(read) is type(expected) and read == expected
    if isinstance(expected, Literal) and isinstance(read, Literal):
        # the language tag lower-cased, as RDF 1.1 compares it
        assert (read.language, read.datatype) == (
            expected.language and expected.language.lower(),
            expected.datatype,
        )
