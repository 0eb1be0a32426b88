"""Pages for people: the home page and the query page."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("pages", __name__)


@blueprint.route("/")
def home() -> str:
    return "parlgraph"


@blueprint.route("/query")
def query_page() -> str:
    return "query"
