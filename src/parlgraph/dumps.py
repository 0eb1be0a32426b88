"""The downloadable dumps of the dataset, written beside the store by the build.

N-Quads (every named graph), Turtle (the merged default graph) and JSON-LD (every named graph,
expanded), each gzip-compressed with a fixed timestamp so that the same graph gives the same bytes;
``dumps.json`` lists each file with its media type, size and SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, Store, Triple, serialize

from parlgraph.rdf.namespaces import PREFIX_IRIS

INDEX = "dumps.json"


@dataclass(frozen=True)
class Dump:
    name: str
    media_type: str
    description: str
    size: int
    sha256: str


def write_dumps(dataset: Path, store: Store, folder: Path) -> list[Dump]:
    """Write the dumps of ``dataset`` (sorted N-Quads) and ``store`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    quads = sorted((q for q in store if not isinstance(q.graph_name, DefaultGraph)), key=str)
    merged = sorted(
        (
            Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, DefaultGraph())
        ),
        key=str,
    )
    contents = [
        ("parlgraph.nq.gz", "application/n-quads", "every named graph (N-Quads)",
         dataset.read_bytes()),
        ("parlgraph.ttl.gz", "text/turtle", "the merged default graph (Turtle)",
         serialize(merged, format=RdfFormat.TURTLE, prefixes=PREFIX_IRIS) or b""),
        ("parlgraph.jsonld.gz", "application/ld+json", "every named graph (JSON-LD, expanded)",
         serialize(quads, format=RdfFormat.JSON_LD) or b""),
    ]  # fmt: skip
    dumps = [
        _write(folder, name, media_type, text, data) for name, media_type, text, data in contents
    ]
    index = json.dumps([asdict(dump) for dump in dumps], indent=2)
    (folder / INDEX).write_text(index + "\n", encoding="utf-8")
    return dumps


def _write(folder: Path, name: str, media_type: str, description: str, data: bytes) -> Dump:
    packed = gzip.compress(data, mtime=0)
    (folder / name).write_bytes(packed)
    return Dump(name, media_type, description, len(packed), hashlib.sha256(packed).hexdigest())


def read_dumps(folder: Path) -> list[Dump]:
    """The dumps listed in ``folder``'s index; none when there is no index."""
    index = folder / INDEX
    if not index.exists():
        return []
    return [Dump(**entry) for entry in json.loads(index.read_text(encoding="utf-8"))]
