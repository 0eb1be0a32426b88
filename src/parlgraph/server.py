"""Serve the app with waitress, a production WSGI server (threads, no development server)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waitress import create_server

from parlgraph.settings import Settings
from parlgraph.store import EmbeddedStore
from parlgraph.web import create_app


@dataclass
class Server:
    """A waitress server and the store it serves; ``run()`` serves until ``close()``."""

    wsgi: Any
    store: EmbeddedStore
    closing: bool = False

    @property
    def port(self) -> int:
        return int(self.wsgi.effective_port)

    def run(self) -> None:
        try:
            self.wsgi.run()
        except OSError:
            if not self.closing:  # else: close() shut a socket the loop was polling
                raise

    def close(self) -> None:
        self.closing = True
        self.wsgi.close()
        self.store.close()


def serve(settings: Settings, host: str, port: int, threads: int = 8) -> Server:
    """A server for the store of ``settings`` on ``host``:``port`` (port 0: any free port)."""
    store = EmbeddedStore(
        settings.store,
        workers=settings.query_workers,
        timeout=settings.query_timeout,
        kept=settings.answer_cache * 2**20,
    )
    app = create_app(settings, store)
    wsgi = create_server(app, host=host, port=port, threads=threads, ident="parlgraph")
    return Server(wsgi, store)
