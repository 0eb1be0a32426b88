"""Dereferenceable IRIs: every minted IRI answers at its own path (Cool URIs for the Semantic Web,
https://www.w3.org/TR/cooluris/): HTML for browsers; Turtle, JSON-LD, N-Triples and RDF/XML for
RDF clients, by content negotiation or by suffix; ETag and Last-Modified for revalidation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import rdflib
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from pyoxigraph import NamedNode, RdfFormat, Triple, parse
from werkzeug.wrappers import Response as BaseResponse

from parlgraph import results
from parlgraph.kept import Kept
from parlgraph.rdf.namespaces import PREFIX_IRIS
from parlgraph.store import ReadStore
from parlgraph.web import negotiation
from parlgraph.web.organisation import organisation_view
from parlgraph.web.question import question_view
from parlgraph.web.views import graph_view, resource_view

blueprint = Blueprint("resources", __name__)

# Explicit suffixes and the media types they stand for; the order is the server's preference.
SUFFIXES = {
    ".html": "text/html",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
}
OFFERED = tuple(SUFFIXES.values())


@dataclass(frozen=True)
class Page:
    """A resource page as rendered once: the store does not change while it is served."""

    body: bytes
    content_type: str
    etag: str


@blueprint.route("/id/<path:rest>", endpoint="resource")
@blueprint.route("/graph/<path:rest>", endpoint="graph")
def resource(rest: str) -> BaseResponse:
    path, media_type = _split_suffix(request.path)
    if media_type is None:
        media_type = negotiation.choose(request.headers.get("Accept"), OFFERED)
    if media_type is None:
        abort(406, "acceptable here: " + ", ".join(OFFERED))
    store: ReadStore = current_app.config["STORE"]
    rendered: Kept[tuple[str, str, str], Page] = current_app.config["RENDERED"]
    iri = current_app.config["SETTINGS"].base_iri + path.lstrip("/")
    if not _is_iri(iri):
        abort(404, f"{iri} is not an IRI: nothing can be known of it")

    def render() -> Page:
        made = (
            _html(store, iri, path) if media_type == "text/html"
            else _rdf(store, iri, media_type, path.startswith("/graph/"))
        )  # fmt: skip
        body = made.get_data()
        return Page(body, made.content_type, _etag(body))

    # keyed by host URL too: JSON-LD names its context by absolute URL
    page = rendered.fetch((request.url_root, path, media_type), render)
    response = Response(page.body, content_type=page.content_type)
    response.headers["Link"] = ", ".join(
        f'<{path}{suffix}>; rel="alternate"; type="{kind}"' for suffix, kind in SUFFIXES.items()
    )
    return _conditional(response, page.etag, store)


def _split_suffix(path: str) -> tuple[str, str | None]:
    for suffix, media_type in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], media_type
    return path, None


def _is_iri(text: str) -> bool:
    try:
        NamedNode(text)
    except ValueError:
        return False
    return True


def alternates(path: str) -> list[tuple[str, str]]:
    return [(kind, f"{path}{suffix}") for suffix, kind in SUFFIXES.items() if suffix != ".html"]


def _html(store: ReadStore, iri: str, path: str) -> Response:
    base = current_app.config["SETTINGS"].base_iri
    question = question_view(current_app.config["REFERENCE"], iri, base)
    if question is not None:
        page = render_template("question.html", q=question, alternates=alternates(path))
        return Response(page, content_type="text/html; charset=utf-8")
    service = organisation_view(store, iri)
    if service is not None:
        page = render_template("organisation.html", o=service, alternates=alternates(path))
        return Response(page, content_type="text/html; charset=utf-8")
    view = graph_view(store, iri) if path.startswith("/graph/") else resource_view(store, iri)
    if view is None:
        abort(404, f"nothing is known of {iri}")
    page = render_template("resource.html", view=view, alternates=alternates(path))
    return Response(page, content_type="text/html; charset=utf-8")


def _rdf(store: ReadStore, iri: str, media_type: str, is_graph: bool) -> Response:
    triples = sorted(store.graph(iri) if is_graph else store.about(iri), key=str)
    if not triples and not store.referring(iri, limit=1):
        abort(404, f"nothing is known of {iri}")
    if media_type == "application/ld+json":
        body = jsonld(triples)
    else:
        body = results.triples(triples, media_type, PREFIX_IRIS)
    return Response(body, content_type=negotiation.content_type(media_type))


def jsonld_context() -> dict[str, object]:
    """The project's JSON-LD context, read once per file."""
    return _read_context(current_app.config["SETTINGS"].ontology_dir / "context.jsonld")


@cache
def _read_context(path: Path) -> dict[str, object]:
    context: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    return context


def jsonld(triples: list[Triple]) -> bytes:
    """Compact JSON-LD with the project's context (written offline), which it names by URL."""
    graph = rdflib.Graph()
    graph.parse(data=results.triples(triples, "application/n-triples", {}), format="nt")
    text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    document = _ordered(json.loads(text))
    document["@context"] = url_for("resources.context", _external=True)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def rdf_document(graph: rdflib.Graph, media_type: str) -> bytes:
    """A small graph built in rdflib (the dataset and service descriptions), written in one
    order whatever the process: its triples sorted, with the prefixes bound in it; JSON-LD
    expanded, its arrays ordered. rdflib's own serialisers follow its hash tables."""
    if media_type == "application/ld+json":
        document = _ordered(json.loads(graph.serialize(format="json-ld")))
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    read = parse(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    triples = sorted((quad.triple for quad in read), key=str)
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    return results.triples(triples, media_type, prefixes)


def _ordered(value: Any) -> Any:
    """A compact JSON-LD value with every array in one order, by node id, then by its text:
    rdflib writes a graph's nodes and a property's values in the order of its hash tables,
    which differ from one process to the next (string hashes are seeded). The order of an
    ``@list`` is data and is kept."""
    if isinstance(value, dict):
        return {key: item if key == "@list" else _ordered(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted(map(_ordered, value), key=_order_key)
    return value


def _order_key(item: Any) -> tuple[str, str]:
    node = item.get("id", item.get("@id", "")) if isinstance(item, dict) else ""
    return str(node), json.dumps(item, ensure_ascii=False, sort_keys=True)


@blueprint.route("/context.jsonld")
def context() -> BaseResponse:
    body = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=2)
    response = Response(body, content_type="application/ld+json")
    return _conditional(response, _etag(response.get_data()), current_app.config["STORE"])


def _etag(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def _conditional(response: Response, etag: str, store: ReadStore) -> BaseResponse:
    """The ETag of the body, Last-Modified from the store; 304 when the client's copy is
    current."""
    response.set_etag(etag)
    response.last_modified = store.built
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response.make_conditional(request)
