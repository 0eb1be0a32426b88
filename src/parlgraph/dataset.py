"""The published dataset: sorted N-Quads, each line once, written whole or patched.

A full build writes every line it holds. A patch (``patch.py``) knows the few lines that left and
came: it copies the old file around them instead, finding where each one goes by bisection, so
that a changed question costs a few seeks and one copy of the file, not a sort of millions of
lines. Both write the same bytes for the same lines; ``tests/test_dataset.py`` compares them.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from rdflib import URIRef

DATASET_FILE = "parlgraph.nq"
COPY = 1 << 22  # bytes copied at a time
# A line of the dataset held in two parts: the triple's N-Triples line (as the question's result
# holds it: not copied) and the end that names its graph, " <graph> .\n". Sorted as pairs, the
# lines come in the order of the whole lines, since what follows the triple in either form is a
# space, which sorts before any character a longer triple could go on with.
Line = tuple[str, str]


class PatchError(Exception):
    """The file does not hold a line the patch removes: it is not the dataset it was made for."""


def graph_lines(triples: Iterable[str], name: URIRef) -> list[Line]:
    """N-Triples lines as dataset lines in the named graph ``name``."""
    end = f" <{name}> .\n"
    return [(line, end) for line in triples]


def line_text(line: Line) -> str:
    """The dataset line ``line`` stands for."""
    triple, end = line
    return triple[:-3] + end


def merged_lines(lines: Iterable[bytes]) -> Iterator[bytes]:
    """The triples of sorted N-Quads lines (named graphs only) as N-Triples lines, each once,
    sorted: the lines of one triple in several graphs are neighbours in the sorted quads (what
    follows a term is a space, which sorts before any character a longer term could go on
    with), and the triples keep that order: a single pass, without holding the triples."""
    previous = None
    for line in lines:
        triple = line[: line.rindex(b" <", 0, len(line) - 3)]
        if triple != previous:
            yield triple + b" .\n"
            previous = triple


def temporary(target: Path) -> Path:
    """Where a new version of ``target`` is written before it is renamed into place; what a
    killed build left there is removed."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        stale.unlink()
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def write_lines(lines: Iterable[Line], path: Path) -> tuple[str, int]:
    """Write the sorted ``lines``, each once; return the file's SHA-256 and its line count."""
    written = 0
    hasher = hashlib.sha256()
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line, _ in itertools.groupby(lines):
            text = line_text(line)
            handle.write(text)
            hasher.update(text.encode("utf-8"))
            written += 1
    return hasher.hexdigest(), written


def patch_lines(
    old: Path, new: Path, removed: Sequence[str], added: Sequence[str]
) -> tuple[str, int]:
    """Write ``new``: the sorted lines of ``old`` without ``removed`` and with ``added`` (both
    sorted, no line in both, each a whole line with its newline); return the SHA-256 of ``new``
    and its number of lines minus that of ``old``. Raise ``PatchError`` if ``old`` lacks a line
    of ``removed`` or holds one of ``added``."""
    edits = sorted(
        itertools.chain(((line.encode(), False) for line in removed),
                        ((line.encode(), True) for line in added))
    )  # fmt: skip
    hasher = hashlib.sha256()
    with old.open("rb") as source, new.open("wb") as target:
        size = os.fstat(source.fileno()).st_size
        position = 0
        for line, adding in edits:
            start = _first_not_below(source, line, position, size)
            _copy(source, position, start, target, hasher)
            source.seek(start)
            found = source.readline()
            if adding == (found == line):
                raise PatchError(
                    f"{old}: {'holds' if adding else 'lacks'} the line {line.decode()!r}"
                )
            if adding:
                target.write(line)
                hasher.update(line)
                position = start
            else:
                position = start + len(found)
        _copy(source, position, size, target, hasher)
    return hasher.hexdigest(), len(added) - len(removed)


def _first_not_below(source: BinaryIO, line: bytes, low: int, end: int) -> int:
    """The offset of the first line starting at or after ``low`` (a line start) that does not
    sort before ``line``; ``end`` (the file's size) if there is none.

    Bisects over byte offsets ``m``: the line that starts first at or after ``m`` is at or above
    ``line`` for every ``m`` from the answer on, and below it for every ``m`` before."""
    high = end
    while low < high:
        middle = (low + high) // 2
        start = _line_start(source, middle)
        if start < end and source.readline() < line:
            low = start + 1  # every offset up to ``start`` finds this line or one before
        else:
            high = middle
    return _line_start(source, low)


def seek_line(source: BinaryIO, line: bytes) -> int:
    """The offset of the first line of the sorted file ``source`` that does not sort before
    ``line`` (its end if there is none)."""
    return _first_not_below(source, line, 0, os.fstat(source.fileno()).st_size)


def _line_start(source: BinaryIO, offset: int) -> int:
    """The first line start at or after ``offset``; the file is left there."""
    if offset > 0:
        source.seek(offset - 1)
        source.readline()  # ends at ``offset`` if a line ended just before it
    else:
        source.seek(0)
    return source.tell()


def _copy(source: BinaryIO, start: int, end: int, target: BinaryIO, hasher: hashlib._Hash) -> None:
    source.seek(start)
    while start < end:
        block = source.read(min(COPY, end - start))
        target.write(block)
        hasher.update(block)
        start += len(block)
