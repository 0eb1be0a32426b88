"""Serialise SPARQL results, capped at a number of rows or triples.

SELECT/ASK: SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/), XML
(https://www.w3.org/TR/rdf-sparql-XMLres/), CSV and TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/).
An answer within the cap is written by pyoxigraph's own writers (``whole_solutions``), as the
rows come from the engine; the writers below write XML, and the first rows of one past it.
CONSTRUCT/DESCRIBE: pyoxigraph's RDF serialisers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

Term = NamedNode | BlankNode | Literal
Row = Sequence[Term | None]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SOLUTIONS_MEDIA_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
BOOLEAN_MEDIA_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
}
GRAPH_MEDIA_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
}


# The formats pyoxigraph writes as ours do; not XML: its writer leaves a carriage return inside a
# text bare (pyoxigraph 0.5), which an XML parser reads as a line feed.
PYOXIGRAPH_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
ROW_BYTES = 1024  # what pyoxigraph may write per row of the cap before our writers take over


class _Full(Exception):
    """The answer outgrew the bytes it may take."""


class _Capped(io.BytesIO):
    """A binary buffer that refuses to hold more than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: ReadableBuffer) -> int:
        if self.tell() + memoryview(data).nbytes > self.limit:
            raise _Full
        return super().write(data)


def whole_solutions(solutions: QuerySolutions, kind: str, most: int) -> bytes | None:
    """Every row of ``solutions`` written by pyoxigraph in ``kind`` (one of
    ``PYOXIGRAPH_FORMATS``); ``None`` if they are more than ``most`` or take more than
    ``most * ROW_BYTES`` bytes on the way (which bounds the memory a large answer takes): the
    caller then writes the first ``most`` itself."""
    buffer = _Capped(most * ROW_BYTES)
    try:
        solutions.serialize(buffer, format=PYOXIGRAPH_FORMATS[kind])
    except _Full:
        return None
    body = buffer.getvalue()
    within = _most_rows(body, kind) <= most or _count(_read_back(body, kind), most + 1) <= most
    return body if within else None


def _most_rows(body: bytes, kind: str) -> int:
    """At least as many as the rows of ``body``, counted in a hundredth of the time it takes to
    read them: a JSON row is an object (``{``, and one per term), a CSV or TSV row ends a line
    (a text may hold more of either, never fewer)."""
    if kind == "json":
        return body.count(b"{")
    return body.count(b"\n")


def _read_back(body: bytes, kind: str) -> Iterable[object]:
    """The rows of ``body``, read (CSV, which pyoxigraph does not read: by the csv module)."""
    if kind == "csv":
        lines = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
        return islice(lines, 1, None)  # after the header
    solutions = parse_query_results(body, PYOXIGRAPH_FORMATS[kind])
    assert isinstance(solutions, QuerySolutions)  # written from solutions
    return solutions


def _count(items: Iterable[object], most: int) -> int:
    """How many ``items`` there are, counting no further than ``most``."""
    return sum(1 for _ in islice(items, most))


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded


def solutions_json(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    bindings = [
        {name: _json_term(term) for name, term in zip(variables, row, strict=True) if term}
        for row in rows
    ]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _xml_text(value: str) -> str:
    """``value`` as XML character data; a carriage return too, which XML would read as none."""
    return escape(value, {"\r": "&#13;"})


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    text = _xml_text(term.value)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{text}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{text}</literal>"
    return f"<literal>{text}</literal>"


XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'


def solutions_xml(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    parts = [XML_HEAD, "<head>"]
    parts += [f"<variable name={quoteattr(name)}/>" for name in variables]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for name, term in zip(variables, row, strict=True):
            if term is not None:
                parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    value = term.value if not isinstance(term, BlankNode) else f"_:{term.value}"
    if any(char in value for char in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def solutions_csv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    lines = [",".join(variables)]
    lines += [",".join(_csv_cell(term) for term in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _tsv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype.value == XSD_STRING and not term.language:
        text = term.value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'
    return str(term).replace("\t", "\\t")


def solutions_tsv(variables: Sequence[str], rows: Sequence[Row]) -> bytes:
    lines = ["\t".join(f"?{name}" for name in variables)]
    lines += ["\t".join(_tsv_cell(term) for term in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


SOLUTION_WRITERS: dict[str, Callable[[Sequence[str], Sequence[Row]], bytes]] = {
    "json": solutions_json,
    "xml": solutions_xml,
    "csv": solutions_csv,
    "tsv": solutions_tsv,
}


def boolean(value: bool, kind: str) -> bytes:
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return f"{XML_HEAD}<head/><boolean>{str(value).lower()}</boolean></sparql>\n".encode()


DATASET_FORMATS = (RdfFormat.N_QUADS, RdfFormat.TRIG)


def triples(items: Sequence[Triple], media_type: str, prefixes: dict[str, str]) -> bytes:
    """Serialise triples in the RDF format of ``media_type`` (dataset formats: default graph)."""
    rdf_format = GRAPH_MEDIA_TYPES[media_type]
    if rdf_format in DATASET_FORMATS:
        quads = [Quad(t.subject, t.predicate, t.object) for t in items]
        return serialize(quads, format=rdf_format, prefixes=prefixes) or b""
    if rdf_format is RdfFormat.TURTLE:
        return serialize(items, format=rdf_format, prefixes=prefixes) or b""
    return serialize(items, format=rdf_format) or b""
