"""Pages for people: the home page and the query page."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse

from parlgraph.store import ReadStore
from parlgraph.web.examples import examples
from parlgraph.web.void import statistics

blueprint = Blueprint("pages", __name__)


@blueprint.route("/")
def home() -> Response:
    store: ReadStore = current_app.config["STORE"]
    page = render_template("home.html", counts=statistics(store), examples=examples())
    return Response(page, content_type="text/html; charset=utf-8")


@blueprint.route("/favicon.ico")
def favicon() -> BaseResponse:
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@blueprint.route("/query")
def query_page() -> Response:
    page = render_template("query.html", examples=examples())
    return Response(page, content_type="text/html; charset=utf-8")
