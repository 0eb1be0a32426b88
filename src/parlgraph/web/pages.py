"""Pages for people: the home page and the query page."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse

from parlgraph.store import EmbeddedStore
from parlgraph.web.examples import examples
from parlgraph.web.void import statistics

blueprint = Blueprint("pages", __name__)

COUNTS = {
    "senators": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE "
    "{ ?s a <http://xmlns.com/foaf/0.1/Person> }",
    "posts": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <http://www.w3.org/ns/org#Post> }",
    "descriptors": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE "
    "{ ?q <http://purl.org/dc/terms/subject> ?d }",
}


def _counts() -> dict[str, int]:
    store: EmbeddedStore = current_app.config["STORE"]
    counts = current_app.config.setdefault("STATISTICS", statistics(store))
    for name, query in COUNTS.items():
        if name not in counts:
            counts[name] = store.count(query)
    return dict(counts)


@blueprint.route("/")
def home() -> Response:
    page = render_template("home.html", counts=_counts(), examples=examples())
    return Response(page, content_type="text/html; charset=utf-8")


@blueprint.route("/favicon.ico")
def favicon() -> BaseResponse:
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@blueprint.route("/query")
def query_page() -> Response:
    page = render_template("query.html", examples=examples())
    return Response(page, content_type="text/html; charset=utf-8")
