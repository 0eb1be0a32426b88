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

import gzip
import hashlib
import json
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat, Triple, parse, serialize

from parlgraph.cache import digest
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
        written = [future.result() for future in pending]
        dumps = [dump for dump, _ in written]
        index = json.dumps([asdict(dump) for dump in dumps], indent=2)
        (folder / INDEX).write_text(index + "\n", encoding="utf-8")
        blocks = {dump.name: record for dump, record in written}
        (folder / BLOCKS).write_text(json.dumps(blocks) + "\n", encoding="utf-8")
        return dumps

    return finish


def _write(
    content: Content, source: Path, folder: Path, previous: Path | None, bits: int
) -> tuple[Dump, dict[str, object]]:
    """Write one dump, block by block; return it and its record of blocks (and how many were
    copied from ``previous``)."""
    target = folder / content.name
    known = _known_blocks(previous, content.name)
    head, separator, tail = _frame(content.target_format)
    salt = digest(pyoxigraph.__version__, json.dumps(PREFIX_IRIS), str(LEVEL), content.name)
    blocks: list[tuple[str, int, int]] = []
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
            for number, block in enumerate(_blocks(source, bits)):
                if number and separator:
                    put(_member(separator))
                key = digest(salt, block)
                if old is not None and key in known:
                    offset, length = known[key]
                    old.seek(offset)
                    member = old.read(length)
                    reused += 1
                else:
                    member = _member(_convert(block, content, head))
                blocks.append((key, out.tell(), len(member)))
                put(member)
            if tail:
                put(_member(tail))
            size = out.tell()
    finally:
        if old is not None:
            old.close()
    dump = Dump(target.name, content.media_type, content.description, size, sha256.hexdigest())
    return dump, {"blocks": blocks, "reused": reused}


def _known_blocks(previous: Path | None, name: str) -> dict[str, tuple[int, int]]:
    """Where each block of the dump ``name`` in ``previous`` lies, by the hash of its lines."""
    if previous is None or not (previous / BLOCKS).exists() or not (previous / name).exists():
        return {}
    record = json.loads((previous / BLOCKS).read_text(encoding="utf-8")).get(name, {})
    return {key: (offset, length) for key, offset, length in record.get("blocks", [])}


def _blocks(source: Path, bits: int) -> Iterator[bytes]:
    """The lines of ``source`` in blocks that end where a line's CRC-32 ends in ``bits`` zeros."""
    mask = (1 << bits) - 1
    lines: list[bytes] = []
    with source.open("rb") as handle:
        for line in handle:
            lines.append(line)
            if zlib.crc32(line) & mask == 0:
                yield b"".join(lines)
                lines = []
    if lines:
        yield b"".join(lines)


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
