"""The web application: ``create_app(settings, store)`` builds it; blueprints do the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.wrappers import Response

from parlgraph.kept import Kept
from parlgraph.settings import Settings
from parlgraph.store import QueryFailed, ReadStore

if TYPE_CHECKING:
    from _typeshed import OptExcInfo
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# CORS for browser SPARQL clients, and Vary: Accept since every answer is negotiated.
SHARED_HEADERS = [
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Content-Type, Accept"),
    ("Access-Control-Expose-Headers", "X-Parlgraph-Truncated, Link"),
    ("Vary", "Accept"),
]


def create_app(settings: Settings, store: ReadStore) -> Flask:
    """A Flask app serving ``store``; read-only, no outbound requests."""
    from parlgraph.web import dumps, pages, resources, sparql
    from parlgraph.web.question import Reference

    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["STORE"] = store
    app.config["RENDERED"] = Kept(settings.page_cache)  # resources.Page by key
    app.config["REFERENCE"] = Reference(store)  # labels the question pages show
    for module in (sparql, pages, resources, dumps):
        app.register_blueprint(module.blueprint)
    app.add_template_filter(_local_link(settings.base_iri), "local")
    app.wsgi_app = SharedHeaders(app.wsgi_app)  # type: ignore[method-assign]
    app.register_error_handler(QueryFailed, _store_failed)
    return app


def _store_failed(error: QueryFailed) -> Response:
    """A page the store could not give (an external store out of reach, late): why, in text."""
    return Response(f"{error}\n", status=error.status, content_type="text/plain; charset=utf-8")


def _local_link(base: str) -> Callable[[str], str]:
    """A link to one of our IRIs as a path on this server, so that pages work on any host."""

    def local(iri: str) -> str:
        return "/" + iri[len(base) :] if iri and iri.startswith(base) else iri

    return local


class SharedHeaders:
    """WSGI middleware that adds ``SHARED_HEADERS`` to every response, error pages included:
    a list joined once (setting them one by one on Flask's response took 11 µs a response).
    No response of the app sets a header of that list itself."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        def start(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            return start_response(status, headers + SHARED_HEADERS, exc_info)

        return self.app(environ, start)
