"""Serve the app with Granian, an HTTP server written in Rust, in worker processes.

Each worker process builds the app (``app()``) from the settings the environment gives it: the
server's own settings are written there before the workers start (``Settings.environ``). The
workers share the store's files, read-only, and the listening socket; the kernel hands each
new connection to one of them, so the pages of a server use every core, not one Python lock.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from flask import Flask
from granian.constants import Interfaces
from granian.log import LogLevels
from granian.server import MPServer

from parlgraph.remote import RemoteStore
from parlgraph.settings import Settings
from parlgraph.shared_answers import SharedAnswers
from parlgraph.store import EmbeddedStore, ReadStore
from parlgraph.web import create_app
from parlgraph.web.warm import warm_up

WORKERS = "PARLGRAPH_SERVER_WORKERS"  # query workers and kept answers are shared out among them
ANSWERS = "PARLGRAPH_SERVER_ANSWERS"  # the folder where they leave answers for one another


def app() -> Flask:
    """The app of one worker process, on the store of the settings in the environment: the
    embedded one, warmed before it answers (``web/warm.py``), or the external store they name
    (not warmed: that would send requests to a store that may not be up yet)."""
    settings = Settings.load()
    share = int(os.environ.get(WORKERS, "1"))
    folder = os.environ.get(ANSWERS)
    kept = settings.answer_cache * 2**20 // share
    shared = SharedAnswers(Path(folder), settings.answer_cache * 2**20) if folder else None
    store: ReadStore
    if settings.external_store:
        store = RemoteStore(
            settings.external_store, settings.store, settings.query_timeout, kept, shared
        )
        return create_app(settings, store)
    store = EmbeddedStore(
        settings.store,
        workers=max(1, settings.query_workers // share),
        timeout=settings.query_timeout,
        kept=kept,
        shared=shared,
    )
    served = create_app(settings, store)
    for failed in warm_up(served):
        print(f"warning: a warm-up request failed: {failed}", file=sys.stderr)
    # What start-up made lives as long as the process: out of every collection from now on (a
    # full collection of it took 13 ms, once every thousand DESCRIBEs or so, at 100,000 questions).
    gc.freeze()
    return served


class SignalSafeGranian(MPServer):
    """Granian (its server of worker processes, as ``Granian`` is where Python has a GIL), whose
    stop and reload signals wake its main loop from a thread of its own.

    Granian's own handlers set a ``threading.Event``, whose lock the main thread may hold when
    the signal interrupts it (a Python signal handler runs on the main thread, between two of
    its steps): a second signal while the first handler held the lock, or one just as the
    main loop woke, and the server never stopped (five SIGTERMs in a row hung one start in
    six). These handlers take no lock: they note the signal and write a byte to a pipe; a
    thread reads it and sets the event."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        woken, self._wake = os.pipe()
        os.set_blocking(self._wake, False)
        threading.Thread(target=self._wake_main_loop, args=(woken,), daemon=True).start()

    def _wake_main_loop(self, woken: int) -> None:
        while os.read(woken, 1):
            self.main_loop_interrupt.set()

    def _signalled(self) -> None:
        with contextlib.suppress(BlockingIOError):  # a full pipe: the loop is woken already
            os.write(self._wake, b"\0")

    def signal_handler_interrupt(self, *args: Any, **kwargs: Any) -> None:
        self.interrupt_signal = True
        self._signalled()

    def signal_handler_reload(self, *args: Any, **kwargs: Any) -> None:
        self.reload_signal = True
        self._signalled()


def serve(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the store of ``settings`` on ``host``:``port`` until the process is told to stop
    (SIGINT, SIGTERM). ``workers`` processes, each answering ``threads`` requests at a time."""
    os.environ.update(settings.environ())
    os.environ[WORKERS] = str(workers)
    with tempfile.TemporaryDirectory(prefix="parlgraph-answers-") as folder:  # mode 0700
        os.environ[ANSWERS] = folder
        SignalSafeGranian(
            f"{__name__}:app",
            factory=True,
            interface=Interfaces.WSGI,
            address=host,
            port=port,
            workers=workers,
            blocking_threads=threads,
            respawn_failed_workers=True,  # a worker that dies is replaced; the others go on
            # told to stop, a process gets the time of a query to finish what it answers, then
            # is killed: one told while it was still starting would otherwise hold the server
            workers_kill_timeout=int(settings.query_timeout) + 5,
            log_level=LogLevels.warning,
        ).serve()
