"""``parlgraph serve``: several processes on one port, a dead one replaced, a missing store said."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.peers import free_port
from click.testing import CliRunner

from parlgraph.cli import main
from parlgraph.server import SignalSafeGranian
from parlgraph.settings import Settings
from tests.conftest import running, wait_for
from tests.http import fetch


def workers_of(pid: int) -> set[int]:
    """The server's processes: the children of the process that listens."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(child) for child in children}


def test_the_server_runs_in_two_processes_and_replaces_one_that_dies(built: Settings) -> None:
    with running(built, workers=2) as server:
        before = workers_of(server.pid)
        assert len(before) == 2
        os.kill(min(before), signal.SIGKILL)  # what it was answering is lost, nothing else
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not workers_of(server.pid) - before:
            time.sleep(0.2)
        after = workers_of(server.pid)
        assert len(after) == 2 and min(before) not in after, "the dead process was replaced"
        statuses = [fetch(server.url + "id/question/5-8906").status for _ in range(20)]
        assert statuses == [200] * 20


def test_the_server_stops_when_told_just_after_a_process_died(built: Settings) -> None:
    """Told to stop while it replaces a process, with requests coming in: it stops (``running``
    fails the test if it has not within 30 s)."""
    with running(built, workers=2) as server, ThreadPoolExecutor(4) as clients:
        asked = [clients.submit(_quietly, server.url + "context.jsonld") for _ in range(40)]
        os.kill(min(workers_of(server.pid)), signal.SIGKILL)
        time.sleep(0.2)
    assert all(future.done() for future in asked)


def test_the_server_stops_when_told_many_times_in_a_row(built: Settings) -> None:
    """Five SIGTERMs at once: Granian's own handlers hung one start in six for ever (``running``
    would fail the test after 30 s; this one asks the server to be gone in 20)."""
    with running(built, workers=2) as server:
        for _ in range(5):
            os.kill(server.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _alive(server.pid):
            time.sleep(0.1)
        assert not _alive(server.pid), "the server did not stop"


def test_ctrl_c_stops_the_server_and_its_query_workers_without_tracebacks(built: Settings) -> None:
    """A terminal's Ctrl-C reaches every process of the server: the query workers leave it to
    the server (each printed a KeyboardInterrupt traceback)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "parlgraph", "serve", "--port", str(port)],
        env={**os.environ, **built.environ()},
        start_new_session=True,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", process)
        os.killpg(process.pid, signal.SIGINT)
        said = process.communicate(timeout=30)[1].decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0
    assert "Traceback" not in said and "Process SpawnProcess" not in said, said


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (an ended child not yet waited for is a zombie: not running)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_stop_signal_takes_no_lock_the_interrupted_thread_may_hold() -> None:
    """A signal handler runs on the main thread, between two of its steps, maybe while it holds
    the main loop's event lock: the handler must return without it, and the event still be set
    once the lock is free. Here another thread holds the lock (so that Granian's own handler,
    which waits for it, would return only when that thread gives up after 5 s)."""
    server = SignalSafeGranian("parlgraph.server:app")
    held, given_up = threading.Event(), threading.Event()

    def hold() -> None:
        with server.main_loop_interrupt._cond:  # type: ignore[attr-defined]  # CPython's Event
            held.set()
            given_up.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    server.signal_handler_interrupt()
    returned_while_held = holder.is_alive()
    given_up.set()
    holder.join()
    assert returned_while_held and server.interrupt_signal
    assert server.main_loop_interrupt.wait(5), "the main loop was woken"


def _quietly(url: str) -> int:
    try:
        return fetch(url).status
    except OSError:  # reset by the process that was killed
        return 0


def test_serve_without_a_store_says_what_to_do(tmp_path: Path) -> None:
    missing = tmp_path / "no-store"
    result = CliRunner().invoke(main, ["serve"], env={"PARLGRAPH_STORE": str(missing)})
    assert result.exit_code == 1
    assert f"no store at {missing}: run 'parlgraph build' first" in result.output


def test_serve_refuses_a_negative_number_of_processes() -> None:
    result = CliRunner().invoke(main, ["serve", "--workers", "-1"])
    assert result.exit_code == 2
    assert "--workers" in result.output
