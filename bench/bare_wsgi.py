"""The least a Python server can do for a SPARQL query: a WSGI app with no framework, no checks
and no kept answers, on the store of ``PARLGRAPH_STORE``, run by Granian as ``parlgraph serve``
is. ``bench/describe_path.py`` times it beside ``parlgraph serve`` and Oxigraph server: what it
takes is the floor of any Python server on pyoxigraph here, Flask and the protocol aside.

Run by bench.peers as: granian --interface wsgi --factory bench.bare_wsgi:app
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pyoxigraph import Store

from parlgraph.settings import Settings
from parlgraph.store import Job, answer, database_path, warm

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

N_TRIPLES = "application/n-triples"


def app() -> WSGIApplication:
    """The app: ``?query=`` run and written in the media type of the Accept header as it is."""
    store = Store.read_only(str(database_path(Settings.load().store)))
    warm(store)

    def query(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        text = urllib.parse.parse_qs(environ["QUERY_STRING"])["query"][0]
        media_type = environ.get("HTTP_ACCEPT", N_TRIPLES)
        body = answer(store, Job(text, media_type, 10_000)).body
        start_response("200 OK", [("Content-Type", media_type)])
        return [body]

    return query
