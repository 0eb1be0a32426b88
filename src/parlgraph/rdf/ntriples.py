"""Triples as plain tuples of rdflib terms, and their N-Triples lines.

The build maps a hundred thousand questions of about fifty triples each. Put into an rdflib
``Graph``, every triple costs the store's three indexes and its context bookkeeping (a third of a
question's build time, measured), and writing the graph back out through rdflib's serializer
another tenth. The build's mapping therefore adds its triples to a plain ``set`` (any ``Sink``
will do, an rdflib ``Graph`` too), and ``lines`` writes them exactly as rdflib's N-Triples
serializer does (``tests/test_ntriples.py`` compares the two on the bundled corpus and on every
kind of term).

N-Triples: https://www.w3.org/TR/n-triples/
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
# What rdflib refuses to write in an IRI (rdflib.term._invalid_uri_chars).
NOT_IN_IRI = re.compile(r'[<>" {}|\\^`]')
XSD_STRING = str(XSD.string)  # the datatype of a literal written plain


class Sink(Protocol):
    """Where mapping puts triples: a ``set`` of them, or an rdflib ``Graph``."""

    def add(self, triple: Triple, /) -> object: ...


S = TypeVar("S", bound=Sink)  # mapping functions return the sink they were given


def term(node: Node) -> str:
    """An IRI or literal in N-Triples, as rdflib's N-Triples serializer writes it."""
    if isinstance(node, URIRef):
        if NOT_IN_IRI.search(node):
            raise ValueError(f"{str(node)!r} is not an IRI that N-Triples can write")
        return f"<{node}>"
    if isinstance(node, Literal):
        text = str(node).replace("\\", "\\\\").replace("\n", "\\n")
        quoted = '"' + text.replace('"', '\\"').replace("\r", "\\r") + '"'
        if node.language:
            return f"{quoted}@{node.language}"
        if node.datatype:
            return f"{quoted}^^<{node.datatype}>"
        return quoted
    raise TypeError(f"only IRIs and literals are written, not {node!r}")


def lines(triples: Iterable[Triple]) -> tuple[str, ...]:
    """The N-Triples lines of ``triples``, each once, sorted."""
    return tuple(sorted({f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples}))


def parse_lines(text: str) -> list[Triple]:
    """The triples of N-Triples ``text`` as rdflib terms, as rdflib's parser gives them (a plain
    literal has no datatype) but for language tags, lower-cased (RDF 1.1 compares them so):
    read by pyoxigraph's parser, each distinct term made once, in a third of rdflib's time."""
    made: dict[object, Node] = {}

    def rdflib_term(node: object) -> Node:
        found = made.get(node)
        if found is None:
            found = made[node] = _rdflib(node)
        return found

    parsed = pyoxigraph.parse(text.encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
    return [
        (rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object))
        for quad in parsed
    ]


def _rdflib(node: object) -> Node:
    if isinstance(node, pyoxigraph.NamedNode):
        return URIRef(node.value)
    if isinstance(node, pyoxigraph.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype.value == XSD_STRING:
            return Literal(node.value)
        return Literal(node.value, datatype=URIRef(node.datatype.value))
    if isinstance(node, pyoxigraph.BlankNode):
        return BNode(node.value)
    raise TypeError(f"no rdflib term for {node!r}")
