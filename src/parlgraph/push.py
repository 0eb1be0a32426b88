"""Put the built dataset into an external SPARQL store, with SPARQL 1.1 Update over the protocol
(https://www.w3.org/TR/sparql11-protocol/, section 2.2: update via POST directly), as Oxigraph
server and Fuseki implement it (the tests push to Oxigraph server; Virtuoso refuses the merge, as
its default graph is all its graphs together: README, "An external store").

The store is made to hold what the embedded one holds: the named graphs, and their merge (each
triple once) as the default graph, so that queries answer the same on either. A push replaces
everything the dataset at the endpoint held (``DROP ALL``): give parlgraph a dataset of its own
(an Oxigraph server, a Fuseki dataset). The quads go in slices, one ``INSERT DATA`` request
each, copied from the dataset's N-Quads lines (N-Triples terms are SPARQL terms; the dataset
holds no blank node, whose label would name a new node in each request). A reader sees the
store fill up while it is pushed.
"""

from __future__ import annotations

import itertools
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from parlgraph.dataset import merged_lines
from parlgraph.remote import USER_AGENT, http_url, said

SLICE = 20_000  # lines of N-Quads sent in one request


class PushError(Exception):
    """The store refused or failed an update; the message says which, and where it was."""


def push(
    dataset: Path,
    endpoint: str,
    timeout: float = 600.0,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Replace what the store at the SPARQL Update ``endpoint`` holds with ``dataset`` (sorted
    N-Quads, named graphs only) and its merge; ``progress`` is told the quads sent so far.
    Return the number of quads sent: the lines of ``dataset`` and of its merge (``quads``)."""
    send = _sender(http_url(endpoint, "the update endpoint"), timeout)
    send("DROP ALL", "before the first line")
    sent = 0
    with dataset.open("rb") as lines:
        for start, piece in _slices(lines, SLICE):
            send(_insert_quads(piece), f"lines {start}-{start + len(piece) - 1} of {dataset}")
            sent += len(piece)
            if progress is not None:
                progress(sent)
    with dataset.open("rb") as lines:
        for start, piece in _slices(merged_lines(lines), SLICE):
            where = f"triples {start}-{start + len(piece) - 1} of the merge of {dataset}"
            send("INSERT DATA {\n" + b"".join(piece).decode("utf-8") + "}", where)
            sent += len(piece)
            if progress is not None:
                progress(sent)
    return sent


def quads(dataset: Path) -> int:
    """How many quads a push of ``dataset`` sends: its lines, and the triples of its merge."""
    with dataset.open("rb") as lines:
        named = sum(1 for _ in lines)
    with dataset.open("rb") as lines:
        return named + sum(1 for _ in merged_lines(lines))


def _slices(lines: Iterable[bytes], size: int) -> Iterator[tuple[int, list[bytes]]]:
    """The lines ``size`` at a time, each slice with the number of its first line (from 1)."""
    iterator = iter(lines)
    start = 1
    while piece := list(itertools.islice(iterator, size)):
        yield start, piece
        start += len(piece)


def _insert_quads(lines: list[bytes]) -> str:
    """``INSERT DATA`` of N-Quads lines, each triple in its graph (one block per graph)."""
    graphs: dict[bytes, list[bytes]] = {}
    for line in lines:
        split = line.rindex(b" <", 0, len(line) - 3)  # " <graph> .\n" ends a line
        name = line[split + 1 :].split(b" ", 1)[0]  # an IRI holds no space
        graphs.setdefault(name, []).append(line[:split])
    blocks = [
        b"GRAPH " + name + b" {\n" + b" .\n".join(triples) + b" .\n}\n"
        for name, triples in graphs.items()
    ]
    return "INSERT DATA {\n" + b"".join(blocks).decode("utf-8") + "}"


def _sender(endpoint: str, timeout: float) -> Callable[[str, str], None]:
    def send(update: str, where: str) -> None:
        request = urllib.request.Request(endpoint, data=update.encode("utf-8"), method="POST")
        request.add_header("Content-Type", "application/sparql-update; charset=utf-8")
        request.add_header("User-Agent", USER_AGENT)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            refused = f"{endpoint} refused the update of {where} ({error.code}): {said(error)}"
            raise PushError(refused) from None
        except OSError as error:  # URLError, a time-out, a connection lost
            reason = getattr(error, "reason", error)
            raise PushError(f"{endpoint} could not be reached ({where}): {reason}") from None

    return send
