"""The downloadable dumps of the dataset, written beside the store by the build.

N-Quads (every named graph), Turtle (the merged default graph) and JSON-LD (every named graph,
expanded), each gzip-compressed with a fixed timestamp so that the same graph gives the same bytes;
``dumps.json`` lists each file with its media type, size and SHA-256.

Each dump is a series of gzip members (RFC 1952, 2.2: a gzip file may hold several; every gzip
reader reads them as one stream), one per block of the sorted source lines. A block ends after a
line whose CRC-32 ends in ``BLOCK_BITS`` zero bits, so where blocks end depends on their content,
not on their position: a change of a few lines changes only the blocks holding them. The
build keeps, in ``blocks.json``, where each block's member lies and the hash of its lines, and
the next build copies the member of every block it finds again instead of converting and
compressing it anew. A build that reuses members writes the bytes a build from scratch writes
(tests/test_dumps.py). Turtle blocks share one header (the prefixes) and JSON-LD blocks one
array, written as members of their own.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat, Triple, parse, serialize

from parlgraph.cache import digest
from parlgraph.dataset import merged_lines, seek_line
from parlgraph.rdf.namespaces import PREFIX_IRIS

INDEX = "dumps.json"
BLOCKS = "blocks.json"  # not listed in the index: the build's own record
BLOCK_BITS = 13  # blocks of 8,192 lines on average (about 1.5 MB of N-Quads)
LEVEL = 6


@dataclass(frozen=True)
class Dump:
    name: str
    media_type: str
    description: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Content:
    """What one dump holds: its file, media type and description, its source (the dataset or
    its merged default graph) and the format it is written in (``None``: the source's own)."""

    name: str
    media_type: str
    description: str
    source: str  # "dataset" (N-Quads) or "merged" (N-Triples)
    target_format: str | None  # file extension, which a process pool can pass


CONTENTS = (
    Content("parlgraph.nq.gz", "application/n-quads", "every named graph (N-Quads)",
            "dataset", None),
    Content("parlgraph.ttl.gz", "text/turtle", "the merged default graph (Turtle)",
            "merged", "ttl"),
    Content("parlgraph.jsonld.gz", "application/ld+json",
            "every named graph (JSON-LD, expanded)", "dataset", "jsonld"),
)  # fmt: skip


def write_dumps(
    dataset: Path,
    merged: Path,
    folder: Path,
    pool: Executor,
    previous: Path | None = None,
    bits: int = BLOCK_BITS,
) -> Callable[[], list[Dump]]:
    """Start writing the dumps of ``dataset`` (sorted N-Quads) and of ``merged`` (its default
    graph, sorted N-Triples) into ``folder``, side by side in ``pool``, reusing the blocks of the
    dumps in ``previous`` (the folder of the last build's dumps) that did not change; return the
    call that waits for them and writes the indexes."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {"dataset": dataset, "merged": merged}
    pending = [
        pool.submit(_write, content, sources[content.source], folder, previous, bits)
        for content in CONTENTS
    ]

    def finish() -> list[Dump]:
        return _indexes(folder, [future.result() for future in pending])

    return finish


def patch_dumps(
    dataset: Path, folder: Path, previous: Path, changed: Iterable[str], bits: int = BLOCK_BITS
) -> list[Dump] | None:
    """Write into ``folder`` the dumps of ``dataset`` (sorted N-Quads), made by changing the
    lines ``changed`` (removed or added) of the dataset whose dumps are in ``previous``: only
    the blocks that held or now hold a changed line are read from ``dataset`` and converted,
    the others are copied; the same bytes as ``write_dumps``. ``None`` (nothing written) when
    ``previous`` lacks a dump or the first lines of its blocks."""
    records = {content.name: _record(previous, content.name) for content in CONTENTS}
    if not all(records.values()):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    changed = sorted(changed)
    written = []
    with dataset.open("rb") as source:
        for content in CONTENTS:
            record = records[content.name]
            blocks = _patched(content, source, record, changed, bits)
            written.append(_assemble(content, blocks, folder, previous, _known(record)))
    return _indexes(folder, written)


def _patched(
    content: Content,
    source: BinaryIO,
    record: list[tuple[str, int, int, str]],
    changed: list[str],
    bits: int,
) -> Iterator[Piece]:
    """The blocks of a dump of the patched dataset ``source``: the last build's (by key, to
    copy), but for those a changed line falls in, read again from ``source``. A line falls in
    the last block whose first line does not sort after it; where the blocks read again no
    longer end at a block's end (its last line was removed), the next block is read too."""
    merged = content.source == "merged"
    firsts = [_triple(first) if merged else first for *_, first in record]
    hit = sorted({max(bisect.bisect_right(firsts, _key(line, merged)) - 1, 0) for line in changed})
    salt = _salt(content)
    done = 0  # the blocks before this one are given
    for start in hit:
        if start < done:
            continue  # read already, with the block before it
        yield from ((key, None) for key, *_ in record[done:start])
        end = start + 1  # the blocks read are start .. end - 1
        while True:
            low = 0 if start == 0 else seek_line(source, firsts[start].encode())
            high = seek_line(source, firsts[end].encode()) if end < len(record) else None
            source.seek(low)
            region = source.read() if high is None else source.read(high - low)
            lines = region.splitlines(keepends=True)
            pieces = list(_blocks(merged_lines(lines) if merged else lines, bits))
            if end == len(record) or not pieces or pieces[-1][1]:
                break
            end += 1  # the last block read runs on into the next
        yield from ((digest(salt, block), block) for block, _ in pieces)
        done = end
    yield from ((key, None) for key, *_ in record[done:])


def _triple(line: str) -> str:
    """An N-Triples line without its end (" .\n")."""
    return line[:-3]


def _key(line: str, merged: bool) -> str:
    """Where a changed dataset line sorts among the first lines of a dump's blocks: itself, or
    its triple among those of the merged default graph."""
    return line[: line.rindex(" <", 0, len(line) - 3)] if merged else line


def _indexes(folder: Path, written: list[tuple[Dump, dict[str, object]]]) -> list[Dump]:
    """Write the index of the dumps and the record of their blocks; return the dumps."""
    dumps = [dump for dump, _ in written]
    index = json.dumps([asdict(dump) for dump in dumps], indent=2)
    (folder / INDEX).write_text(index + "\n", encoding="utf-8")
    blocks = {dump.name: record for dump, record in written}
    (folder / BLOCKS).write_text(json.dumps(blocks) + "\n", encoding="utf-8")
    return dumps


def _write(
    content: Content, source: Path, folder: Path, previous: Path | None, bits: int
) -> tuple[Dump, dict[str, object]]:
    """Write one dump of ``source``, block by block, copying from ``previous`` the members of
    the blocks found there; return it and its record of blocks."""
    salt = _salt(content)
    known = _known(_record(previous, content.name))
    pieces = ((digest(salt, block), block) for block, _ in _blocks(_lines(source), bits))
    return _assemble(content, pieces, folder, previous, known)


Piece = tuple[str, bytes | None]  # a block's key, and its lines (None: copied, found by key)


def _assemble(
    content: Content,
    pieces: Iterable[Piece],
    folder: Path,
    previous: Path | None,
    known: dict[str, tuple[int, int, str]],
) -> tuple[Dump, dict[str, object]]:
    """Write one dump from its blocks in order: the member of a block whose key is ``known``
    copied from the dump in ``previous``, the others converted and compressed; return the
    dump and its record: each block's key, member offset and length, and first line."""
    target = folder / content.name
    head, separator, tail = _frame(content.target_format)
    blocks: list[tuple[str, int, int, str]] = []
    reused = 0
    sha256 = hashlib.sha256()
    old = (previous / content.name).open("rb") if known and previous else None
    try:
        with target.open("wb") as out:

            def put(member: bytes) -> None:  # written and hashed at once: read back never
                out.write(member)
                sha256.update(member)

            if head:
                put(_member(head))
            for number, (key, block) in enumerate(pieces):
                if number and separator:
                    put(_member(separator))
                if old is not None and key in known:
                    offset, length, first = known[key]
                    old.seek(offset)
                    member = old.read(length)
                    reused += 1
                else:
                    assert block is not None, "a block to copy is one the last dump holds"
                    member = _member(_convert(block, content, head))
                    first = block[: block.index(b"\n") + 1].decode("utf-8")
                blocks.append((key, out.tell(), len(member), first))
                put(member)
            if tail:
                put(_member(tail))
            size = out.tell()
    finally:
        if old is not None:
            old.close()
    dump = Dump(target.name, content.media_type, content.description, size, sha256.hexdigest())
    return dump, {"blocks": blocks, "reused": reused}


def _salt(content: Content) -> str:
    """What a block's member depends on besides its lines."""
    return digest(pyoxigraph.__version__, json.dumps(PREFIX_IRIS), str(LEVEL), content.name)


def _known(record: list[tuple[str, int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """Where each block of a dump lies, by the hash of its lines, with its first line."""
    return {key: (offset, length, first) for key, offset, length, first in record}


def _record(previous: Path | None, name: str) -> list[tuple[str, int, int, str]]:
    """The blocks of the dump ``name`` in ``previous``, in order (none if it is missing or was
    recorded by an earlier version without first lines)."""
    if previous is None or not (previous / BLOCKS).exists() or not (previous / name).exists():
        return []
    record = json.loads((previous / BLOCKS).read_text(encoding="utf-8")).get(name, {})
    blocks: list[list[Any]] = record.get("blocks", [])
    if not all(len(block) == 4 for block in blocks):
        return []
    return [(key, offset, length, first) for key, offset, length, first in blocks]


def _lines(source: Path) -> Iterator[bytes]:
    with source.open("rb") as handle:
        yield from handle


def _blocks(lines: Iterable[bytes], bits: int) -> Iterator[tuple[bytes, bool]]:
    """The lines in blocks that end where a line's CRC-32 ends in ``bits`` zeros; each with
    whether it ended so (the last may not)."""
    mask = (1 << bits) - 1
    block: list[bytes] = []
    for line in lines:
        block.append(line)
        if zlib.crc32(line) & mask == 0:
            yield b"".join(block), True
            block = []
    if block:
        yield b"".join(block), False


def _frame(target_format: str | None) -> tuple[bytes, bytes, bytes]:
    """What comes before the blocks, between them and after them: Turtle's prefixes; the
    brackets and commas of JSON-LD's top-level array."""
    if target_format == "ttl":
        example = Triple(NamedNode("urn:x"), NamedNode("urn:y"), NamedNode("urn:z"))
        text = serialize([example], format=RdfFormat.TURTLE, prefixes=PREFIX_IRIS) or b""
        return text[: text.index(b"<urn:x>")], b"", b""
    if target_format == "jsonld":
        return b"[", b",", b"]"
    return b"", b"", b""


def _convert(block: bytes, content: Content, head: bytes) -> bytes:
    """A block of source lines in the dump's format, without what ``_frame`` writes once."""
    if content.target_format is None:
        return block
    source_format = RdfFormat.N_QUADS if content.source == "dataset" else RdfFormat.N_TRIPLES
    target_format = RdfFormat.from_extension(content.target_format)
    quads = parse(input=block, format=source_format)
    text = serialize(quads, format=target_format, prefixes=PREFIX_IRIS) or b""
    if target_format == RdfFormat.TURTLE and text.startswith(head):
        return text[len(head) :]
    if target_format == RdfFormat.JSON_LD and text.startswith(b"[") and text.endswith(b"]"):
        return text[1:-1]
    raise ValueError(f"{content.name}: pyoxigraph did not write a block in the expected frame")


def _member(data: bytes) -> bytes:
    """One gzip member: no name, no time stamp (same data, same bytes)."""
    return gzip.compress(data, LEVEL, mtime=0)


def read_dumps(folder: Path) -> list[Dump]:
    """The dumps listed in ``folder``'s index; none when there is no index."""
    index = folder / INDEX
    if not index.exists():
        return []
    return [Dump(**entry) for entry in json.loads(index.read_text(encoding="utf-8"))]
