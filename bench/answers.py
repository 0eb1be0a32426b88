"""HTTP requests of the benchmark and their answers, normalised so that servers can be compared.

SELECT/ASK answers (SPARQL JSON) become a sorted list of rows, numbers compared by value and
``xsd:string`` literals as plain ones; DESCRIBE/CONSTRUCT answers (N-Triples) a set of triples.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pyoxigraph import RdfFormat, parse

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {f"{XSD}{name}" for name in ("integer", "decimal", "double", "float", "long", "int")}
GRAPH_FORMS = re.compile(r"^\s*(?:#[^\n]*\n|\s|PREFIX\s+\S*\s*<[^>]*>)*(DESCRIBE|CONSTRUCT)", re.I)


@dataclass(frozen=True)
class Request:
    query: str | None = None
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def sparql(cls, query: str) -> Request:
        graph = GRAPH_FORMS.match(query) is not None
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        return cls(query=query, headers={"Accept": accept})

    @classmethod
    def page(cls, url: str) -> Request:
        return cls(url=url, headers={"Accept": "text/html"})


@dataclass(frozen=True)
class Outcome:
    seconds: float
    answer: object = None
    error: str | None = None


def fetch(endpoint: str, request: Request, limit: float) -> Outcome:
    """One request; its time, normalised answer, or the error (a time-out past ``limit``)."""
    target = urllib.parse.urlsplit(endpoint if request.query is not None else request.url)
    path = target.path or "/"
    if request.query is not None:
        path += "?" + urllib.parse.urlencode({"query": request.query})
    connection = http.client.HTTPConnection(target.hostname or "", target.port, timeout=limit)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=request.headers)
        reply = connection.getresponse()
        body = reply.read()
    except TimeoutError:
        return Outcome(limit, error="time-out")
    except OSError as error:
        return Outcome(time.perf_counter() - started, error=str(error))
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    if reply.status != 200:
        return Outcome(seconds, error=f"HTTP {reply.status}")
    if request.query is None:
        return Outcome(seconds, len(body))
    try:
        return Outcome(seconds, normalise(body, request.headers["Accept"]))
    except (ValueError, SyntaxError) as error:
        return Outcome(seconds, error=f"unreadable answer: {error}")


def normalise(body: bytes, media_type: str) -> object:
    if media_type == "application/n-triples":
        return frozenset(str(triple) for triple in parse(body, format=RdfFormat.N_TRIPLES))
    document = json.loads(body)
    if "boolean" in document:
        return document["boolean"]
    rows = [
        tuple(sorted((name, _term(term)) for name, term in row.items()))
        for row in document["results"]["bindings"]
    ]
    return sorted(rows)


def _term(term: dict[str, Any]) -> tuple[str, ...]:
    value = term["value"]
    if term["type"] in ("uri", "bnode"):
        return (term["type"], value)
    datatype = term.get("datatype", f"{XSD}string")
    if datatype in NUMERIC:
        try:
            number = Decimal(value)
            return ("number", str(number.normalize()) if number else "0")
        except InvalidOperation:
            return ("number", value)
    if "xml:lang" in term:
        return ("literal", value, term["xml:lang"].lower())
    return ("literal", value, "" if datatype == f"{XSD}string" else datatype)
