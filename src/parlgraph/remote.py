"""An external SPARQL store (Oxigraph server, or another SPARQL 1.1 store such as Fuseki) behind
the interface of the embedded one (``store.ReadStore``), read over the SPARQL 1.1 Protocol
(https://www.w3.org/TR/sparql11-protocol/, section 2.1: query via POST with URL-encoded
parameters).

Every answer is read with pyoxigraph's parsers, as it arrives, and written again by the same code
as the embedded store's: the same formats, and at most ``max_results`` rows or triples, the rest
never read. The time limit is the HTTP client's: the endpoint must start to answer within it, and
never pause longer (its own limit, if it has one, stops the query there too). The store is
expected to hold what ``parlgraph push`` sent it (``push.py``): the named graphs, and their merge
as the default graph, as the embedded store holds them.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from http.client import HTTPResponse
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
)

from parlgraph import results
from parlgraph.kept import Kept
from parlgraph.store import (
    Answer,
    Job,
    QueryFailed,
    built_store,
    shared_or_made,
    texts,
    written,
)

if TYPE_CHECKING:
    from parlgraph.shared_answers import SharedAnswers

SOLUTIONS = "application/sparql-results+json"  # asked of the endpoint for SELECT and ASK
TRIPLES = "application/n-triples"  # and for CONSTRUCT and DESCRIBE
USER_AGENT = f"parlgraph/{version('parlgraph')}"
ERROR_TEXT = 1000  # characters of an endpoint's error message passed on

T = TypeVar("T")


class RemoteStore:
    """The store at the SPARQL endpoint ``endpoint``; ``path`` is the build's store folder, whose
    dumps are served (the build made them; the endpoint holds what it pushed). ``kept``: bytes
    of answers kept to be given again, and ``shared`` with the server's other processes (the
    endpoint is expected not to change while it is served)."""

    def __init__(
        self,
        endpoint: str,
        path: Path,
        timeout: float = 10.0,
        kept: int = 0,
        shared: SharedAnswers | None = None,
    ) -> None:
        self.endpoint = http_url(endpoint, "the external store")
        self.path = built_store(path)
        self.built = datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)
        self.timeout = timeout
        self.answers: Kept[Job, Answer] = Kept(kept, lambda answer: len(answer.body))
        self.shared = shared  # the answers of the server's other processes

    def query(self, job: Job, bounded: bool = False) -> Answer:
        """The answer to ``job``, kept or asked of the endpoint; raise ``QueryFailed``."""
        graph = job.media_type in results.GRAPH_MEDIA_TYPES
        dataset = [("default-graph-uri", iri) for iri in job.default_graphs]
        dataset += [("named-graph-uri", iri) for iri in job.named_graphs]

        def read(response: HTTPResponse) -> Answer:
            return written(_triples(response) if graph else _solutions(response), job)

        def ask(job: Job) -> Answer:
            return self._ask(job.query, TRIPLES if graph else SOLUTIONS, read, dataset)

        return self.answers.fetch(job, lambda: shared_or_made(self.shared, job, ask))

    def about(self, iri: str) -> list[Triple]:
        """Every statement whose subject is ``iri``."""
        node = NamedNode(iri)
        return self._construct(f"CONSTRUCT {{ {node} ?p ?o }} WHERE {{ {node} ?p ?o }}")

    def graph(self, iri: str) -> list[Triple]:
        """Every statement in the named graph ``iri``."""
        node = NamedNode(iri)
        return self._construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")

    def referring(self, iri: str, limit: int = 500) -> list[Triple]:
        """Statements whose object is ``iri`` (what links to it), at most ``limit``."""
        node = NamedNode(iri)
        query = f"CONSTRUCT {{ ?s ?p {node} }} WHERE {{ ?s ?p {node} }} LIMIT {int(limit)}"
        return self._construct(query)

    def rows(self, query: str, bound: Mapping[str, str]) -> list[dict[str, str | None]]:
        """The rows of the SELECT ``query`` with each variable named in ``bound`` bound to its
        IRI, by a VALUES clause after the query (joined with its solutions, so a variable it
        binds must be one the query selects, as for the embedded store); each term as its text,
        ``None`` where a variable is unbound."""
        if bound:
            names = " ".join(f"?{name}" for name in bound)
            terms = " ".join(str(NamedNode(iri)) for iri in bound.values())
            query += f"\nVALUES ({names}) {{ ({terms}) }}"
        return self._ask(query, SOLUTIONS, lambda response: texts(_solutions(response)))

    def graph_names(self) -> list[str]:
        """The IRIs of the store's named graphs, sorted."""
        found = self.rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", {})
        return sorted(name for row in found if (name := row["g"]) is not None)

    def close(self) -> None:
        """Nothing to let go of: each request opens a connection of its own."""

    def unanswered(self) -> str | None:
        """Why the endpoint does not answer a query now, or None when it does."""
        try:
            self.query(Job("ASK {}", SOLUTIONS, 1))
        except QueryFailed as error:
            return str(error)
        return None

    def _construct(self, query: str) -> list[Triple]:
        return self._ask(query, TRIPLES, lambda response: list(_triples(response)))

    def _ask(
        self,
        query: str,
        accept: str,
        read: Callable[[HTTPResponse], T],
        dataset: Iterable[tuple[str, str]] = (),
    ) -> T:
        """What ``read`` makes of the endpoint's answer to ``query``; ``QueryFailed`` with the
        endpoint's own message when it refuses the query (400), when it fails or its answer
        cannot be read (502), or when it is late (503)."""
        body = urllib.parse.urlencode([("query", query), *dataset]).encode("utf-8")
        request = urllib.request.Request(self.endpoint, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Accept", accept)
        request.add_header("User-Agent", USER_AGENT)
        where = f"the store at {self.endpoint}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return read(response)
        except urllib.error.HTTPError as error:
            status = 400 if 400 <= error.code < 500 else 502
            verb = "refused the query" if status == 400 else "failed"
            raise QueryFailed(f"{where} {verb} ({error.code}): {said(error)}", status) from None
        except TimeoutError:
            late = f"{where} did not answer within the {self.timeout:g} s limit"
            raise QueryFailed(late, 503) from None
        except SyntaxError as error:
            raise QueryFailed(f"{where} sent an answer that cannot be read: {error}", 502) from None
        except OSError as error:  # URLError, and a connection lost while it answered
            reason = getattr(error, "reason", error)
            raise QueryFailed(f"{where} could not be reached: {reason}", 502) from None


def http_url(url: str, what: str) -> str:
    """``url``, if it is an http(s) URL; else ``ValueError`` saying ``what`` it was given as."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"{what} must be an http(s) URL, not {url!r}")
    return url


def said(error: urllib.error.HTTPError) -> str:
    """The start of the message an endpoint answered an error with."""
    with error:
        return error.read(ERROR_TEXT).decode("utf-8", "replace").strip()


def _solutions(response: HTTPResponse) -> QuerySolutions | QueryBoolean:
    """The solutions (or the boolean) of a response, read as they are needed."""
    kind = QueryResultsFormat.from_media_type(response.headers.get_content_type())
    if kind is None:
        raise SyntaxError(f"{response.headers.get_content_type()} is no SPARQL results format")
    return parse_query_results(response, kind)


def _triples(response: HTTPResponse) -> Iterator[Triple]:
    """The triples of a response, read as they are needed (a dataset format: every graph's)."""
    kind = RdfFormat.from_media_type(response.headers.get_content_type())
    if kind is None:
        raise SyntaxError(f"{response.headers.get_content_type()} is no RDF format")
    return (quad.triple for quad in parse(response, kind))
