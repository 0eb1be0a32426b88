"""The downloadable dumps of the dataset, written beside the store by the build.

N-Quads (every named graph), Turtle (the merged default graph) and JSON-LD (every named graph,
expanded), each gzip-compressed with a fixed timestamp so that the same graph gives the same bytes;
``dumps.json`` lists each file with its media type, size and SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, cast

from pyoxigraph import RdfFormat, parse, serialize

from parlgraph.rdf.namespaces import PREFIX_IRIS

INDEX = "dumps.json"


@dataclass(frozen=True)
class Dump:
    name: str
    media_type: str
    description: str
    size: int
    sha256: str


def write_dumps(
    dataset: Path, merged: Path, folder: Path, pool: Executor
) -> Callable[[], list[Dump]]:
    """Start writing the dumps of ``dataset`` (sorted N-Quads) and of ``merged`` (its default
    graph, sorted N-Triples) into ``folder``, each streamed (the files keep the sorted order),
    side by side in ``pool``; return the call that waits for them and writes the index."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = [
        (folder / "parlgraph.nq.gz", "application/n-quads", "every named graph (N-Quads)",
         dataset, "nq", None),
        (folder / "parlgraph.ttl.gz", "text/turtle", "the merged default graph (Turtle)",
         merged, "nt", "ttl"),
        (folder / "parlgraph.jsonld.gz", "application/ld+json",
         "every named graph (JSON-LD, expanded)", dataset, "nq", "jsonld"),
    ]  # fmt: skip
    pending = [pool.submit(_write, *content) for content in contents]

    def finish() -> list[Dump]:
        dumps = [future.result() for future in pending]
        index = json.dumps([asdict(dump) for dump in dumps], indent=2)
        (folder / INDEX).write_text(index + "\n", encoding="utf-8")
        return dumps

    return finish


def _write(
    target: Path,
    media_type: str,
    description: str,
    source: Path,
    source_format: str,
    target_format: str | None,
) -> Dump:
    """Gzip ``source`` into ``target`` (no name or time in the header: same input, same bytes),
    converted to ``target_format`` on the way if one is given (formats by file extension, which
    a process pool can pass where it cannot pass an ``RdfFormat``)."""
    with target.open("wb") as raw, gzip.GzipFile("", "wb", 6, raw, mtime=0) as packed:
        if target_format is None:
            with source.open("rb") as handle:
                shutil.copyfileobj(handle, packed, 1 << 20)
        else:
            quads = parse(path=str(source), format=RdfFormat.from_extension(source_format))
            output = cast(IO[bytes], packed)
            serialize(quads, output, RdfFormat.from_extension(target_format), prefixes=PREFIX_IRIS)
    sha256 = hashlib.sha256()
    with target.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha256.update(chunk)
    return Dump(target.name, media_type, description, target.stat().st_size, sha256.hexdigest())


def read_dumps(folder: Path) -> list[Dump]:
    """The dumps listed in ``folder``'s index; none when there is no index."""
    index = folder / INDEX
    if not index.exists():
        return []
    return [Dump(**entry) for entry in json.loads(index.read_text(encoding="utf-8"))]
