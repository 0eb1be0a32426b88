"""The SPARQL endpoint at /sparql: the query operation of the W3C SPARQL 1.1 Protocol
(https://www.w3.org/TR/sparql11-protocol/, section 2.1), read-only and offline.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from parlgraph.query import QueryRefused, analyse
from parlgraph.store import Job, QueryFailed, ReadStore
from parlgraph.web import negotiation
from parlgraph.web.resources import rdf_document
from parlgraph.web.service import service_description

blueprint = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
TRUNCATED_HEADER = "X-Parlgraph-Truncated"


class ProtocolError(Exception):
    """A request the protocol does not allow; answered with ``status`` and the message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"], strict_slashes=False)
def endpoint() -> BaseResponse:
    if request.method == "OPTIONS":
        return Response(status=204)
    try:
        text, default_graphs, named_graphs = _read_request()
    except ProtocolError as error:
        return _error(str(error), error.status)
    if text is None:
        return _without_query()
    return _answer(text, default_graphs, named_graphs)


def _read_request() -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """The query and the protocol dataset, from GET parameters, a form, or a direct POST body."""
    if "update" in request.args or (request.method == "POST" and _media_type() == FORM and
                                    "update" in request.form):  # fmt: skip
        raise ProtocolError("SPARQL Update is not accepted: this endpoint is read-only", 403)
    if request.method == "GET":
        return _one_query(request.args.getlist("query")), *_dataset(request.args)
    media_type = _media_type()
    if media_type == FORM:
        _utf8(request.get_data())
        queries = request.form.getlist("query") + request.args.getlist("query")
        if not queries:
            raise ProtocolError("a form POST must carry a 'query' parameter")
        return _one_query(queries), *_dataset(request.form, request.args)
    if media_type == DIRECT:
        if "query" in request.args:
            raise ProtocolError("a direct POST carries the query in its body, not in ?query=")
        return _utf8(request.get_data()), *_dataset(request.args)
    if media_type == "application/sparql-update":
        raise ProtocolError("SPARQL Update is not accepted: this endpoint is read-only", 403)
    raise ProtocolError(
        f"a POST must be {FORM} or {DIRECT}, not {media_type or 'without a Content-Type'}", 415
    )


def _media_type() -> str:
    return (request.mimetype or "").lower()


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(f"the request body is not UTF-8 (byte {error.start})") from None


def _one_query(queries: list[str]) -> str | None:
    if len(queries) > 1:
        raise ProtocolError(f"the request holds {len(queries)} 'query' parameters; send one")
    return queries[0] if queries else None


def _dataset(*sources: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    default: list[str] = []
    named: list[str] = []
    for source in sources:
        default += source.getlist("default-graph-uri")  # type: ignore[attr-defined]
        named += source.getlist("named-graph-uri")  # type: ignore[attr-defined]
    return tuple(default), tuple(named)


def _answer(text: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> Response:
    settings = current_app.config["SETTINGS"]
    if len(text) > settings.max_query_length:
        return _error(f"the query is longer than {settings.max_query_length} characters", 413)
    try:
        info = analyse(text)
    except QueryRefused as error:
        return _error(str(error), 400)
    offered = (
        negotiation.GRAPH if info.returns_graph
        else negotiation.BOOLEAN if info.form == "ASK" else negotiation.SOLUTIONS
    )  # fmt: skip
    media_type = _negotiate(offered, info.returns_graph)
    if media_type is None:
        return _error("none of the formats the Accept header allows: " + ", ".join(offered), 406)
    store: ReadStore = current_app.config["STORE"]
    job = Job(text, media_type, settings.max_results, default_graphs, named_graphs)
    try:
        answer = store.query(job, info.bounded)
    except QueryFailed as error:
        return _error(str(error), error.status)
    response = Response(answer.body, content_type=negotiation.content_type(answer.media_type))
    if answer.truncated:
        response.headers[TRUNCATED_HEADER] = f"true; limit={settings.max_results}"
    return response


def _negotiate(offered: tuple[str, ...], graph: bool) -> str | None:
    name = request.args.get("format")
    if not name and request.method == "POST":
        name = request.form.get("format")
    if name:
        chosen = negotiation.from_format(name, graph)
        return chosen if chosen in offered else None
    return negotiation.choose(request.headers.get("Accept"), offered)


def _without_query() -> BaseResponse:
    """No query: browsers go to the query page, RDF clients get the service description."""
    offered = ("text/html", *negotiation.GRAPH)
    media_type = negotiation.choose(request.headers.get("Accept"), offered) or "text/turtle"
    if media_type == "text/html":
        return redirect(url_for("pages.query_page"))
    settings = current_app.config["SETTINGS"]
    store: ReadStore = current_app.config["STORE"]
    endpoint = request.base_url
    graph = service_description(endpoint, settings.base_iri + "id/dataset", store.graph_names())
    body = rdf_document(graph, media_type)
    return Response(body, content_type=negotiation.content_type(media_type))


def _error(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, content_type="text/plain; charset=utf-8")
