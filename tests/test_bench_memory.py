"""The benchmarks' memory readings: a process tree read while it forks is not counted twice."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.memory import processes, tree_memory

# Holds 300 MiB and says so; then forks a child that shares it and waits, and says so again.
SHARING = """
import os, sys
held = b"x" * (300 * 2**20)
print("ready", flush=True)
sys.stdin.readline()
child = os.fork()
if child == 0:
    sys.stdin.readline()
    os._exit(0)
print("forked", flush=True)
os.waitpid(child, 0)
"""

# Holds 300 MiB, then forks a child again and again (each lives 5 ms) until its input closes.
FORKING = """
import os, select, sys, time
held = b"x" * (300 * 2**20)
print("ready", flush=True)
sys.stdin.readline()
while not select.select([sys.stdin], [], [], 0)[0]:
    child = os.fork()
    if child == 0:
        time.sleep(0.005)
        os._exit(0)
    os.waitpid(child, 0)
"""


def started(program: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-c", program], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert process.stdout is not None and process.stdout.readline() == b"ready\n"
    return process


def go_on(process: subprocess.Popen[bytes]) -> None:
    assert process.stdin is not None
    process.stdin.write(b"go\n")
    process.stdin.flush()


def test_a_child_that_shares_its_parents_pages_is_not_counted_twice() -> None:
    process = started(SHARING)
    try:
        alone = tree_memory(process.pid, "Pss")
        go_on(process)
        assert process.stdout is not None and process.stdout.readline() == b"forked\n"
        assert len(processes(process.pid)) == 2
        shared, resident = tree_memory(process.pid, "Pss"), tree_memory(process.pid, "Rss")
    finally:
        process.communicate(b"\n", timeout=10)
    assert alone > 300 * 2**20
    assert alone * 0.9 < shared < alone * 1.1  # parent and child each count half
    assert resident > alone * 1.8  # where Rss counts the shared pages in each process


def test_a_tree_that_forks_while_it_is_read_is_never_counted_more() -> None:
    # A reading can miss a child that came and went between two listings (and then count
    # the parent's half share alone): less than the tree holds, never more.
    process = started(FORKING)
    try:
        alone = tree_memory(process.pid, "Pss")
        go_on(process)
        time.sleep(0.1)
        readings = [tree_memory(process.pid, "Pss") for _ in range(200)]
    finally:
        process.communicate(b"\n", timeout=10)
    assert alone > 300 * 2**20
    assert max(readings) < alone * 1.1, (alone, max(readings))


def test_the_tree_holds_the_process_and_its_descendants() -> None:
    nested = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'input()'])"
    process = subprocess.Popen([sys.executable, "-c", nested], stdin=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while len(processes(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        found = processes(process.pid)
        assert process.pid in found and len(found) == 2
        (child,) = (pid for pid in found if pid != process.pid)
        assert tree_memory(process.pid) > tree_memory(child) > 0
    finally:
        process.communicate(b"\n", timeout=10)
