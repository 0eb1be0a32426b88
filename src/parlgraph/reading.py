"""The first stage of a build: the pages read and merged into one record per question, each step
taken from the build cache when its inputs did not change.

A page is read again only when its bytes changed (its hash is kept with its size and time, as
``make`` and ``git`` do); a question's pages are merged again only when one of them changed (the
merged record is kept by the hash of its pages). An unchanged archive is therefore neither read
nor merged: the cache gives each page's outline (question, warnings) and each merged record.
Page readings themselves are not kept: the other pages of a question that changed are read
again (a millisecond each), which costs less than storing every reading of a full build.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from parlgraph.cache import BuildCache, digest
from parlgraph.parse import (
    Merged,
    Outline,
    ParseReport,
    Reading,
    assemble,
    outline,
    read_data,
    read_file,
)
from parlgraph.parse.merge import merge
from parlgraph.parse.page import PageReading
from parlgraph.processes import run

PAGES_PER_TASK = 500
RECENT_NS = 2_000_000_000  # a file changed this recently may change again within its time stamp

_labels: frozenset[str] = frozenset()
_known: tuple[str, set[str]] = ("", set())  # the salt of the pages' keys, the outlines cached
T = TypeVar("T")


def parse_pages(
    files: Sequence[Path], labels: frozenset[str], cache: BuildCache, salt: str, processes: int
) -> ParseReport:
    """Every page's outline and every question's merged record, from the cache where the pages
    are those of the last build; ``labels``: EuroVoc's French labels, case-folded."""
    hashes, readings = _hashes(files, labels, cache, salt, processes)
    keys = {path: digest(salt, hashes[path]) for path in files}
    outlines: dict[str, Outline] = cache.get_many("outlines", keys.values())
    unknown = [path for path in files if keys[path] not in outlines]
    readings.update(read_pages([p for p in unknown if p not in readings], labels, processes))
    fresh = {keys[path]: outline(readings[path]) for path in unknown}
    outlines.update(fresh)
    cache.put_many("outlines", fresh.items())
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        question = outlines[keys[path]].question
        if question is not None:
            groups[question].append(path)
    group_keys = {q: record_key(salt, [keys[p] for p in paths]) for q, paths in groups.items()}
    found: dict[str, Merged] = cache.get_many("merged", group_keys.values())
    stale = {question: groups[question] for question in groups if group_keys[question] not in found}
    merged = merge_groups(stale, readings, labels, processes)
    found.update((group_keys[question], record) for question, record in merged.items())
    cache.put_many("merged", ((group_keys[q], record) for q, record in merged.items()))
    cache.keep_only("outlines", set(keys.values()))
    cache.keep_only("merged", set(group_keys.values()))
    records = {question: found[key] for question, key in group_keys.items()}
    report = assemble([(path, outlines[keys[path]]) for path in files], records)
    report.read, report.keys = len(readings), group_keys
    report.pages = {question: tuple(map(str, paths)) for question, paths in groups.items()}
    report.outlines = [(keys[path], outlines[keys[path]]) for path in files]
    return report


def page_key(path: Path, salt: str) -> str:
    """The key of one page's outline, read from disk."""
    return digest(salt, _content(path.name, path.read_bytes()))


Stamp = tuple[int, int]  # a file's size and modification time
UNKNOWN: Stamp = (-1, -1)  # what no file's stamp is


def stamps(files: Sequence[str] | Sequence[Path]) -> list[Stamp]:
    """Each file's size and modification time, taken before it is read, or ``UNKNOWN`` when
    that time is closer to now than ``RECENT_NS`` (a quick second edit could keep it)."""
    now = time.time_ns()
    found = []
    for path in files:
        status = os.stat(path)
        recent = now - status.st_mtime_ns <= RECENT_NS
        found.append(UNKNOWN if recent else (status.st_size, status.st_mtime_ns))
    return found


def record_key(salt: str, pages: Sequence[str]) -> str:
    """The key of a question's merged record: the hash of its pages' keys, in order."""
    return digest(salt, *pages)


def merge_groups(
    groups: Mapping[str, Sequence[Path]],
    readings: dict[Path, Reading],
    labels: frozenset[str],
    processes: int,
) -> dict[str, Merged]:
    """Each question's pages (``groups``) merged into its record; the pages not in ``readings``
    are read (and added to it)."""
    needed = [path for paths in groups.values() for path in paths if path not in readings]
    readings.update(read_pages(needed, labels, processes))
    merged = {}
    for question, paths in groups.items():
        pages = [readings[path] for path in paths]
        merged[question] = merge([page.question for page in pages if isinstance(page, PageReading)])
    return merged


def read_pages(
    files: Sequence[Path], labels: frozenset[str], processes: int
) -> dict[Path, Reading]:
    """Each page's reading, read in processes."""
    global _labels
    _labels = labels
    readings: dict[Path, Reading] = {}
    for chunk, results in _by_task(files, _read_chunk, processes):
        readings.update(zip(chunk, results, strict=True))
    return readings


def _by_task(
    files: Sequence[Path], work: Callable[[Sequence[Path]], list[T]], processes: int
) -> Iterator[tuple[Sequence[Path], list[T]]]:
    """``work`` done on ``files`` in tasks of ``PAGES_PER_TASK``, in processes: each task's
    files with their results, in order."""
    tasks = [files[i : i + PAGES_PER_TASK] for i in range(0, len(files), PAGES_PER_TASK)]
    return zip(tasks, run(work, tasks, processes), strict=True)


def _read_chunk(paths: Sequence[Path]) -> list[Reading]:
    return [read_file(path, _labels) for path in paths]


def _hashes(
    files: Sequence[Path], labels: frozenset[str], cache: BuildCache, salt: str, processes: int
) -> tuple[dict[Path, str], dict[Path, Reading]]:
    """The hash of each page's name and bytes, and the readings of the pages read for it. A
    page whose size and modification time are those recorded by an earlier build is not read
    again: its hash is the one recorded. The others are read once, in processes, hashed there,
    and parsed unless the cache has the outline of those bytes. Times closer to now than
    ``RECENT_NS`` are not recorded, since a quick second edit of the same size could keep them;
    nor those of pages that could not be read."""
    global _labels, _known
    now = time.time_ns()
    known = cache.get_many("files", (str(path) for path in files))
    hashes: dict[Path, str] = {}
    new: dict[Path, Stamp | None] = {}
    for path in files:
        status = path.stat()
        stamp = (status.st_size, status.st_mtime_ns)
        entry = known.get(str(path))
        if entry is not None and entry[0] == stamp:
            hashes[path] = entry[1]
        else:
            new[path] = stamp if now - status.st_mtime_ns > RECENT_NS else None
    _labels, _known = labels, (salt, cache.keys("outlines") if new else set())
    readings: dict[Path, Reading] = {}
    recorded = []
    for chunk, results in _by_task(list(new), _hash_chunk, processes):
        for path, (content, reading) in zip(chunk, results, strict=True):
            if reading is not None:
                readings[path] = reading
            hashes[path] = content or _content(path.name, str(reading).encode())
            if content and new[path] is not None:
                recorded.append((str(path), (new[path], content)))
    _known = ("", set())
    cache.put_many("files", recorded)
    cache.keep_only("files", {str(path) for path in files})
    return hashes, readings


def _hash_chunk(paths: Sequence[Path]) -> list[tuple[str | None, Reading | None]]:
    """Each page's hash (none: it could not be read) and reading (none: its outline is known),
    from its bytes read once."""
    salt, outlines = _known
    found: list[tuple[str | None, Reading | None]] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            found.append((None, read_file(path, _labels)))  # the problem, as read_file says it
            continue
        content = _content(path.name, data)
        known = digest(salt, content) in outlines
        found.append((content, None if known else read_data(path, data, _labels)))
    return found


def _content(name: str, data: bytes) -> str:
    """The hash of a page's name and bytes."""
    return digest(name, data)
