"""The worker processes of a build: how many, how work is shared out, and that they end with it.

A ``ProcessPoolExecutor`` worker waits for work on a queue whose writing end every worker holds
too, so a worker whose build was killed (``kill -9``, the out-of-memory killer) would wait for
ever, holding its share of the build's memory. On Linux each worker asks the kernel to kill it
when the build ends (``prctl(PR_SET_PDEATHSIG)``); tests/test_build.py kills a build and finds
no process of it left.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def workers(setting: int) -> int:
    """The number of worker processes a setting asks for: itself, or one per core if 0."""
    return setting if setting > 0 else os.cpu_count() or 1


def pool(processes: int, method: str) -> ProcessPoolExecutor:
    """A pool of ``processes`` started by ``method`` ("fork", "spawn") that end with this one."""
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        processes, mp_context=context, initializer=die_with, initargs=(os.getpid(),)
    )


def die_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends (Linux; elsewhere nothing)."""
    if sys.platform != "linux":
        return
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def run(function: Callable[[T], R], tasks: Sequence[T], processes: int) -> Iterator[R]:
    """``function`` over ``tasks``, in order; in forked processes when there are several (each
    inherits the read-only state the function needs)."""
    if processes <= 1 or len(tasks) <= 1:
        yield from map(function, tasks)
        return
    gc.freeze()  # what the workers inherit is never collected: the collector would walk all of
    try:  # it (a third of a question's time with 100,000 records) and copy every page it touches
        with pool(min(processes, len(tasks)), "fork") as executor:
            yield from executor.map(function, tasks)
    finally:
        gc.unfreeze()
