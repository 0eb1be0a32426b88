"""Put a dataset (sorted N-Quads) into the embedded store, and write its dumps beside it.

A new store is made in a folder of its own and swapped in for the old one, so a server never sees
half a store. When the old store holds the previous dataset, the new one starts as a checkpoint of
it (RocksDB hard-links its immutable files: no copy) and only the quads that differ are removed and
added; otherwise the dataset is bulk-loaded, a slice at a time (the loader holds all the terms of
what it is given, several times their text: at 10,000 questions the build's processes peak at 1,240
MiB with slices of 250,000 lines, 765 MiB with slices of 50,000, in the same time), and compacted
(a bulk load leaves overlapping files that every lookup must search: compacted, a resource's quads
are found twice as fast). The default graph holds the RDF merge of the named graphs, each triple
once (the union of the named graphs would answer a triple once per graph it stands in). The dumps
are written meanwhile, in processes of their own, copying from the old store's dumps the blocks
that did not change (``dumps.py``); when the quads that differ are known, the dumps are patched
instead: only the blocks that hold a changed line are read again (``dumps.patch_dumps``), and the
merged default graph is not written out.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, parse

from parlgraph.dataset import merged_lines
from parlgraph.dumps import patch_dumps, write_dumps
from parlgraph.processes import pool
from parlgraph.store import database_path, dumps_path

DUMP_PROCESSES = 3  # one per dump, beside the store's own work
SLICE = 50_000  # lines a bulk load is given at a time
LOADING = 2  # slices loaded at once (pyoxigraph lets go of the GIL while it loads)
LOADED = "dataset.sha256"  # in the store folder: the SHA-256 of the dataset it was loaded from


def loaded(store: Path) -> str | None:
    """The SHA-256 of the dataset ``store`` holds, if it was recorded."""
    marker = store / LOADED
    return marker.read_text(encoding="utf-8").strip() if marker.exists() else None


def load_store(
    dataset: Path,
    store: Path,
    sha256: str | None = None,
    previous: Path | None = None,
    changes: tuple[list[str], list[str]] | None = None,
) -> int | None:
    """Make ``store`` hold ``dataset`` and its dumps. ``previous`` is the dataset the store was
    built from, if known: when its hash is the one the store recorded, only the difference is
    applied; or ``changes``, the lines removed and added, when the caller knows them and that
    the store holds the dataset they were removed from. Return the number of lines of that
    difference, or ``None`` if loaded in full."""
    store.parent.mkdir(parents=True, exist_ok=True)
    fresh = store.with_name(store.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    if changes is None and previous is not None:
        changes = _changes(previous, dataset, loaded(store))
    if changes is None or not patch_dumps(
        dataset, dumps_path(fresh), dumps_path(store), [*changes[0], *changes[1]]
    ):
        _write_all(dataset, store, fresh, changes)
    else:  # the dumps were patched
        _apply(changes, database_path(store), database_path(fresh))
    if sha256:
        (fresh / LOADED).write_text(sha256 + "\n", encoding="utf-8")
    _swap(fresh, store)
    return None if changes is None else sum(map(len, changes))


def _write_all(
    dataset: Path, store: Path, fresh: Path, changes: tuple[list[str], list[str]] | None
) -> None:
    """Write the dumps of ``dataset`` in full (copying the unchanged blocks of the old store's)
    in processes, and meanwhile load the new store (or apply ``changes`` to the old one)."""
    merged = fresh / "merged.nt"
    write_merged(dataset, merged)
    with pool(DUMP_PROCESSES, "spawn") as dumpers:  # not forked: the build's heap is large
        dumps = write_dumps(dataset, merged, dumps_path(fresh), dumpers, dumps_path(store))
        if changes is None:
            _bulk_load(dataset, merged, database_path(fresh))
        else:
            _apply(changes, database_path(store), database_path(fresh))
        dumps()
    merged.unlink()


def _bulk_load(dataset: Path, merged: Path, database: Path) -> None:
    """Load the named graphs and their merge (triples: into the default graph) into a new
    database, by slices, and compact it."""
    store = Store(str(database))
    loading: deque[Future[None]] = deque()
    with ThreadPoolExecutor(LOADING) as loaders:
        for path, rdf_format in ((dataset, RdfFormat.N_QUADS), (merged, RdfFormat.N_TRIPLES)):
            for piece in _slices(path, SLICE):
                if len(loading) == LOADING:
                    loading.popleft().result()
                loading.append(loaders.submit(store.bulk_load, input=piece, format=rdf_format))
        for future in loading:
            future.result()
    store.optimize()
    store.flush()


def _slices(path: Path, size: int) -> Iterator[bytes]:
    """The file's lines, ``size`` at a time."""
    with path.open("rb") as lines:
        while piece := b"".join(itertools.islice(lines, size)):
            yield piece


def _apply(changes: tuple[list[str], list[str]], old: Path, database: Path) -> None:
    """A checkpoint of the ``old`` database, with the quads removed and added."""
    removed, added = (_quads(lines) for lines in changes)
    Store.read_only(str(old)).backup(str(database))
    store = Store(str(database))
    for quad in removed:
        store.remove(quad)
    store.extend(added)
    for quad in removed:  # a triple leaves the merge when no named graph holds it any more
        if not any(
            not isinstance(found.graph_name, DefaultGraph)
            for found in store.quads_for_pattern(quad.subject, quad.predicate, quad.object)
        ):
            store.remove(Quad(quad.subject, quad.predicate, quad.object, DefaultGraph()))
    store.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in added)
    store.flush()


def _quads(lines: list[str]) -> list[Quad]:
    return list(parse(input="".join(lines).encode("utf-8"), format=RdfFormat.N_QUADS))


def _changes(
    previous: Path, dataset: Path, recorded: str | None
) -> tuple[list[str], list[str]] | None:
    """The lines only in ``previous`` and only in ``dataset`` (both sorted, each line once);
    ``None`` when ``previous`` is not the dataset whose hash the store recorded."""
    if recorded is None or not previous.exists():
        return None
    hasher = hashlib.sha256()
    removed: list[str] = []
    added: list[str] = []
    with previous.open(encoding="utf-8") as old, dataset.open(encoding="utf-8") as new:
        for line, side in _merge(_hashed(old, hasher), new):
            (removed if side < 0 else added).append(line)
    return (removed, added) if hasher.hexdigest() == recorded else None


def _hashed(lines: Iterable[str], hasher: hashlib._Hash) -> Iterator[str]:
    for line in lines:
        hasher.update(line.encode("utf-8"))
        yield line


def _merge(old: Iterator[str], new: Iterator[str]) -> Iterator[tuple[str, int]]:
    """The lines of one sorted sequence and not the other: (line, -1) if only in ``old``,
    (line, 1) if only in ``new``."""
    a, b = next(old, None), next(new, None)
    while a is not None and b is not None:
        if a < b:
            yield a, -1
            a = next(old, None)
        elif b < a:
            yield b, 1
            b = next(new, None)
        else:
            a, b = next(old, None), next(new, None)
    if a is not None:
        yield a, -1
        yield from ((line, -1) for line in old)
    if b is not None:
        yield b, 1
        yield from ((line, 1) for line in new)


def _swap(fresh: Path, store: Path) -> None:
    old = store.with_name(store.name + ".old")
    if store.exists():
        os.replace(store, old)
    os.replace(fresh, store)
    shutil.rmtree(old, ignore_errors=True)


def write_merged(dataset: Path, target: Path) -> None:
    """Write the triples of a sorted N-Quads file (named graphs only), each once, sorted."""
    with dataset.open("rb") as quads, target.open("wb") as out:
        out.writelines(merged_lines(quads))
