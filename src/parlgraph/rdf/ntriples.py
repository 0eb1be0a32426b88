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

from rdflib import Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
# What rdflib refuses to write in an IRI (rdflib.term._invalid_uri_chars).
NOT_IN_IRI = re.compile(r'[<>" {}|\\^`]')


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
