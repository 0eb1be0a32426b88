"""Dumps and the dataset description: /dumps/ (files with size and checksum) and
/.well-known/void (VoID and DCAT, negotiated)."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from parlgraph.dumps import read_dumps
from parlgraph.store import ReadStore, dumps_path
from parlgraph.web import negotiation
from parlgraph.web.resources import rdf_document
from parlgraph.web.void import describe, statistics

blueprint = Blueprint("dumps", __name__)

VOID_FORMATS = (
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
)


def _store() -> ReadStore:
    store: ReadStore = current_app.config["STORE"]
    return store


@blueprint.route("/dumps/")
def index() -> BaseResponse:
    dumps = read_dumps(dumps_path(_store().path))
    if negotiation.choose(request.headers.get("Accept"), ("text/html", "application/json")) == (
        "application/json"
    ):
        return Response(
            (dumps_path(_store().path) / "dumps.json").read_bytes(), content_type="application/json"
        )
    return Response(
        render_template("dumps.html", dumps=dumps), content_type="text/html; charset=utf-8"
    )


@blueprint.route("/dumps/<name>")
def download(name: str) -> BaseResponse:
    if name not in {dump.name for dump in read_dumps(dumps_path(_store().path))}:
        abort(404, f"no dump named {name}")
    return send_from_directory(dumps_path(_store().path), name, mimetype="application/gzip")


@blueprint.route("/.well-known/void")
def void() -> BaseResponse:
    media_type = negotiation.choose(request.headers.get("Accept"), VOID_FORMATS) or "text/turtle"
    store = _store()
    counts = statistics(store)
    graph = describe(
        current_app.config["SETTINGS"].base_iri,
        url_for("sparql.endpoint", _external=True),
        url_for("dumps.index", _external=True),
        read_dumps(dumps_path(store.path)),
        counts,
    )
    body = rdf_document(graph, media_type)
    return Response(body, content_type=negotiation.content_type(media_type))
