"""``parlgraph serve``: several processes on one port, a dead one replaced, a missing store said."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from click.testing import CliRunner

from parlgraph.cli import main
from parlgraph.settings import Settings
from tests.conftest import running
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
