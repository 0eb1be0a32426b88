"""The store behind one small interface (``ReadStore``): SPARQL queries with a time and size
limit, and the statements about one resource. ``EmbeddedStore`` is here; an external SPARQL
store is behind the same interface in ``remote.py``.

The embedded store is pyoxigraph, opened read-only. Queries run in worker processes that each open
the store read-only too: a query past the time limit is stopped by ending its worker (a running
query cannot be interrupted from inside), and a fresh worker takes its place, while the other
workers and the server keep answering. A store answers once its workers have opened theirs,
and each process first opens the files of every index (``warm``), so that the first requests
do not. Since the store does not change while it is open, an answer is kept (within a budget
of bytes) and given again to the same request, and shared with the server's other processes
(``shared_answers.py``).
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import signal
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Store,
    Triple,
    Variable,
)

from parlgraph import results
from parlgraph.kept import Kept
from parlgraph.rdf.namespaces import PREFIX_IRIS

if TYPE_CHECKING:
    from parlgraph.shared_answers import SharedAnswers

X = Variable("x")
ABOUT = "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }"
GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?x { ?s ?p ?o } }"
REFERRING = "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?x }"
STARTING = 120.0  # seconds a worker may take to open the store when the server starts


def database_path(store: Path) -> Path:
    """The pyoxigraph database inside a store folder (the dumps sit beside it)."""
    return store / "oxigraph"


def built_store(store: Path) -> Path:
    """``store``, if a build made it; else ``FileNotFoundError`` saying what to do."""
    if not store.exists():
        raise FileNotFoundError(f"no store at {store}: run 'parlgraph build' first")
    return store


def dumps_path(store: Path) -> Path:
    return store / "dumps"


class QueryFailed(Exception):
    """A query the engine refused or could not run; ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Answer:
    media_type: str
    body: bytes
    truncated: bool = False


@dataclass(frozen=True)
class Job:
    """A query to run; ``default_graphs``/``named_graphs`` are the protocol's dataset IRIs."""

    query: str
    media_type: str
    max_results: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def shared_or_made(shared: SharedAnswers | None, job: Job, make: Callable[[Job], Answer]) -> Answer:
    """The answer to ``job`` another server process made, if it is ``shared``; else ``make``'s."""
    return shared.fetch(job, lambda: make(job)) if shared is not None else make(job)


def texts(solutions: object) -> list[dict[str, str | None]]:
    """The rows of a SELECT query's solutions, each term as its text, ``None`` where a variable
    is unbound; ``ValueError`` for the answer of any other query form."""
    if not isinstance(solutions, QuerySolutions):
        raise ValueError("expected a SELECT query")
    names = [variable.value for variable in solutions.variables]
    return [
        {name: (term.value if (term := row[name]) is not None else None) for name in names}
        for row in solutions
    ]


class ReadStore(Protocol):
    """What the web app reads a store through: ``EmbeddedStore``, or ``RemoteStore`` for an
    external SPARQL endpoint (``remote.py``)."""

    path: Path  # the build's store folder, whose dumps are served
    built: datetime  # when it was built: the Last-Modified of every page

    def query(self, job: Job, bounded: bool = False) -> Answer: ...
    def about(self, iri: str) -> list[Triple]: ...
    def graph(self, iri: str) -> list[Triple]: ...
    def referring(self, iri: str, limit: int = 500) -> list[Triple]: ...
    def rows(self, query: str, bound: Mapping[str, str]) -> list[dict[str, str | None]]: ...
    def graph_names(self) -> list[str]: ...
    def close(self) -> None: ...


def run_job(store: Store, job: Job) -> Answer:
    """Run one query and serialise at most ``max_results`` rows or triples (worker side).

    Without a protocol dataset, the default graph is the store's, the merge of all graphs."""
    options: dict[str, Any] = {}
    if job.default_graphs:
        options["default_graph"] = [NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [NamedNode(iri) for iri in job.named_graphs]
    result = store.query(job.query, **options)
    kind = results.SOLUTIONS_MEDIA_TYPES.get(job.media_type, "")
    if isinstance(result, QuerySolutions) and kind in results.PYOXIGRAPH_FORMATS:
        whole = results.whole_solutions(result, kind, job.max_results)
        if whole is not None:
            return Answer(job.media_type, whole)
        result = store.query(job.query, **options)  # past the cap: again, to write the first rows
    return written(result, job)


def written(result: QueryBoolean | QuerySolutions | Iterable[Triple], job: Job) -> Answer:
    """``result`` in the media type of ``job``, at most ``max_results`` rows or triples of it
    (read no further: the rest of a long answer is never held)."""
    if isinstance(result, QueryBoolean):
        kind = results.BOOLEAN_MEDIA_TYPES[job.media_type]
        return Answer(job.media_type, results.boolean(bool(result), kind))
    items: list[Any] = list(itertools.islice(result, job.max_results + 1))
    truncated = len(items) > job.max_results
    return _answer(result, items[: job.max_results] if truncated else items, job, truncated)


def _answer(result: object, items: list[Any], job: Job, truncated: bool) -> Answer:
    if isinstance(result, QuerySolutions):
        names = [variable.value for variable in result.variables]
        rows = [[solution[name] for name in names] for solution in items]
        kind = results.SOLUTIONS_MEDIA_TYPES[job.media_type]
        body = results.SOLUTION_WRITERS[kind](names, rows)
    else:
        body = results.triples(items, job.media_type, PREFIX_IRIS)
    return Answer(job.media_type, body, truncated)


def answer(store: Store, job: Job) -> Answer:
    """``run_job``, with the engine's errors as ``QueryFailed``."""
    try:
        return run_job(store, job)
    except SyntaxError as error:
        raise QueryFailed(f"syntax error: {error}") from None
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryFailed(f"the query failed: {error}", 500) from None


# The patterns of an IRI no store holds: the engine still looks in every index (RocksDB column
# family) where its key would be, and the probe IRIs' hashes spread the looks over all files.
PROBE = """SELECT * WHERE {
  { ?x ?p ?o } UNION { ?s ?x ?o } UNION { ?s ?p ?x }
  UNION { GRAPH ?g { ?x ?p ?o } } UNION { GRAPH ?g { ?s ?x ?o } } UNION { GRAPH ?g { ?s ?p ?x } }
  UNION { GRAPH ?x { ?s ?p ?o } } UNION { GRAPH ?x { ?s ?x ?o } } UNION { GRAPH ?x { ?s ?p ?x } }
} LIMIT 1"""
PROBES = 256


def warm(store: Store, probes: int = PROBES) -> None:
    """Open the files of every index of ``store`` before the first request needs them.

    A process reads a file's index the first time it looks in that file: a fresh process's
    first lookups cost milliseconds each, then tenths of one. ``probes`` lookups of IRIs no
    store holds, at keys spread over each index, open them all up front (about 0.2 s for
    100,000 questions); they read no statements and keep no answer."""
    for number in range(probes):
        found = store.query(PROBE, substitutions={X: NamedNode(f"urn:parlgraph:probe:{number}")})
        assert isinstance(found, QuerySolutions)
        for _ in found:
            pass


READY = "ready"


def _worker(path: str, connection: Connection) -> None:
    """A worker process: open the store once and say so, then answer jobs until the pipe
    closes. A store it cannot open is said instead, and the worker ends. Ctrl-C, which a
    terminal sends to every process of the server, is the server's to act on: the worker ends
    when its server closes the pipe (or kills it), not with a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = Store.read_only(path)
        warm(store)
    except (OSError, RuntimeError, ValueError) as error:
        connection.send(f"the query worker could not open the store at {path}: {error}")
        return
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        try:
            connection.send(answer(store, job))
        except QueryFailed as error:
            connection.send(error)


class Worker:
    def __init__(self, path: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        database = str(database_path(path))
        self.process = context.Process(target=_worker, args=(database, child), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        """Wait until the worker has opened its store; ``QueryFailed`` if it does not in
        ``timeout`` seconds, or cannot."""
        if self.ready:
            return
        if not self.connection.poll(timeout):
            raise QueryFailed("the query worker did not start in time", 503)
        try:
            said = self.connection.recv()
        except EOFError:
            said = "the query worker stopped as it started"
        if said != READY:
            raise QueryFailed(str(said), 500)
        self.ready = True

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class EmbeddedStore:
    """A read-only pyoxigraph store with a pool of query workers; ``kept``: bytes of answers
    kept to be given again."""

    def __init__(
        self,
        path: Path,
        workers: int = 2,
        timeout: float = 10.0,
        kept: int = 0,
        shared: SharedAnswers | None = None,
    ) -> None:
        self.path = built_store(path)
        self.built = datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)  # Last-Modified
        self.timeout = timeout
        self.answers: Kept[Job, Answer] = Kept(kept, lambda answer: len(answer.body))
        self.shared = shared  # the answers of the server's other processes
        self.store = Store.read_only(str(database_path(path)))
        started = [Worker(path) for _ in range(workers)]
        warm(self.store)  # while the workers open theirs
        self._idle: queue.Queue[Worker] = queue.Queue()
        try:
            for worker in started:
                worker.wait_ready(STARTING)  # a server answers once its workers can
                self._idle.put(worker)
        except QueryFailed:
            for worker in started:
                worker.stop()
            raise

    def query(self, job: Job, bounded: bool = False) -> Answer:
        """The answer to ``job``, kept or run; raise ``QueryFailed`` (503: it ran out of time).

        A ``bounded`` query (DESCRIBE of named IRIs: its work is the statements about them)
        runs here, sparing the round trip to a worker; the others run in a worker, in time."""
        if bounded:
            return self.answers.fetch(job, lambda: answer(self.store, job))
        return self.answers.fetch(job, lambda: shared_or_made(self.shared, job, self._in_worker))

    def idle(self) -> int:
        """How many query workers are waiting for a query."""
        return self._idle.qsize()

    def _in_worker(self, job: Job) -> Answer:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryFailed("the server is busy; try again in a moment", 503) from None
        try:
            worker.wait_ready(self.timeout)  # one that replaced a stopped worker may still start
            worker.connection.send(job)
            if not worker.connection.poll(self.timeout):
                self._replace(worker)
                raise QueryFailed(
                    f"the query ran longer than the {self.timeout:g} s limit and was stopped", 503
                )
            outcome = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryFailed("the query worker stopped unexpectedly", 500) from None
        except QueryFailed:  # the worker did not start
            self._replace(worker)
            raise
        self._idle.put(worker)
        if isinstance(outcome, QueryFailed):
            raise outcome
        return outcome  # type: ignore[no-any-return]

    def _replace(self, worker: Worker) -> None:
        worker.stop()
        self._idle.put(Worker(self.path))

    # The statements below are read through the query engine, which lets go of Python's lock
    # while it reads (``quads_for_pattern`` holds it): request threads render meanwhile. The
    # default graph is the merge of every graph (``loading.py``), so each statement comes once.
    def about(self, iri: str) -> list[Triple]:
        """Every statement whose subject is ``iri``."""
        return self._triples(ABOUT, iri)

    def graph(self, iri: str) -> list[Triple]:
        """Every statement in the named graph ``iri``."""
        return self._triples(GRAPH, iri)

    def referring(self, iri: str, limit: int = 500) -> list[Triple]:
        """Statements whose object is ``iri`` (what links to it), at most ``limit``."""
        return self._triples(REFERRING + f" LIMIT {int(limit)}", iri)

    def _triples(self, query: str, iri: str) -> list[Triple]:
        """The triples ``query`` constructs with ``?x`` bound to ``iri`` (an invalid IRI raises
        ``ValueError``)."""
        triples = self.store.query(query, substitutions={X: NamedNode(iri)})
        assert isinstance(triples, QueryTriples)  # a CONSTRUCT query
        return list(triples)

    def rows(self, query: str, bound: Mapping[str, str]) -> list[dict[str, str | None]]:
        """The rows of the SELECT ``query``, run in-process with each variable named in
        ``bound`` bound to its IRI (the engine binds only variables the query selects); each
        term as its text, ``None`` where a variable is unbound. An invalid IRI raises
        ``ValueError``."""
        return texts(
            self.store.query(
                query, substitutions={Variable(name): NamedNode(iri) for name, iri in bound.items()}
            )
        )

    def graph_names(self) -> list[str]:
        """The IRIs of the store's named graphs, sorted."""
        return sorted(str(name.value) for name in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get().stop()
