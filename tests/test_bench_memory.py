"""The benchmarks' memory readings: a process tree read while it forks is not counted twice."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench.memory import processes, tree_memory

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


def test_a_tree_that_forks_while_it_is_read_is_not_counted_twice() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", FORKING], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        assert process.stdout.readline() == b"ready\n"
        alone = tree_memory(process.pid, "Pss")
        process.stdin.write(b"go\n")
        process.stdin.flush()
        time.sleep(0.1)
        readings = [tree_memory(process.pid, "Pss") for _ in range(200)]
    finally:
        process.stdin.close()
        process.wait(10)
    assert alone > 300 * 2**20
    # a child shares the parent's pages: parent and child together hold what the parent did,
    # never more (a peak is the largest reading); a reading can still miss a child that came
    # and went between two listings of a tree that forks every few milliseconds, not most
    assert max(readings) < alone * 1.1, (alone, max(readings))
    assert statistics.median(readings) > alone * 0.9


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
