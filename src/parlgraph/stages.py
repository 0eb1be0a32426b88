"""The per-question work of a build (map and validate), cached by content hash and run in
processes.

Mapping and validating are independent per batch of questions (as reading is per page, in
``reading.py``), so they run in worker processes (forked, so that each inherits the read-only
job: descriptor table, reference types, shapes, mention finder). Results come back in input
order, so the build's output does not depend on the number of workers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from parlgraph import __version__
from parlgraph.cache import BuildCache, digest
from parlgraph.extract import MentionFinder, analyse
from parlgraph.processes import run
from parlgraph.rdf.accounts import analysis_graph
from parlgraph.rdf.mapping import descriptor_for, provenance_graph, question_graph
from parlgraph.rdf.ntriples import Triple, lines
from parlgraph.rdf.reference import Descriptor
from parlgraph.rdf.statistics import Facts, facts
from parlgraph.rdf.uris import Iris
from parlgraph.records import LANGUAGES, Question
from parlgraph.split_validation import Context, Outside, Subjects, check_questions
from parlgraph.validation import Violation

QUESTIONS_PER_BATCH = 100  # one pySHACL run; larger batches gain little (tests/bench measured)


@dataclass(frozen=True)
class QuestionJob:
    """What mapping and validating a question needs, besides the question."""

    table: dict[str, Descriptor]
    iris: Iris
    urls: dict[str, str]
    finder: MentionFinder
    context: Context
    salt: str = ""  # the hash of the code, the input files and the reference graphs


@dataclass(frozen=True)
class Checked:
    """A question's graph (sorted N-Triples lines), the violations found in its batch, what the
    search for shared subjects needs of it (``Subjects.outside``), and what the build keeps of
    it for the next one to patch: its statistics facts and ``reference_key``."""

    triples: tuple[str, ...]
    violations: tuple[Violation, ...]
    outside: Outside = field(default_factory=Outside)
    facts: Facts = field(default_factory=Facts)
    reference: str = ""


def reference_key(question: Question) -> str:
    """The hash of what the reference graphs and the descriptor table take from a question (its
    author, post and descriptors). The order in which they are first met matters too, so a
    patch keeps the reference graphs only when no question's part changed."""
    author = question.author.to_json() if question.author else None
    parts = [author, question.addressee.to_json(), question.descriptors.to_json()]
    return digest(json.dumps(parts, sort_keys=True))


_job: QuestionJob | None = None


def question_key(question: Question, job: QuestionJob, salt: str, record: str = "") -> str:
    """What a question's graph and verdict depend on: its record (or ``record``, the key it is
    cached by: the hash of its pages), the descriptor entries and source URLs it uses, the base
    IRI, and (in ``salt``) the code and input files."""
    descriptors = [
        descriptor.__dict__ if (descriptor := descriptor_for(label, lang, job.table)) else None
        for lang in LANGUAGES
        for label in question.descriptors.get(lang)
    ]
    urls = [job.urls.get(source.file) for source in question.sources]
    facts = json.dumps([descriptors, urls, job.iris.base], sort_keys=True)
    return digest(salt, record or json.dumps(question.to_json(), sort_keys=True), facts)


def check_all(
    questions: Sequence[Question],
    keys: Sequence[str],
    job: QuestionJob,
    cache: BuildCache,
    processes: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Checked], int]:
    """Map and validate every question, in batches, from the cache where its key (``keys``, in
    the same order: ``question_key``) is found; return the results in order and how many came
    from the cache."""
    global _job
    found = cache.get_many("questions", keys)
    results: list[Checked | None] = [found.get(key) for key in keys]
    missing = [i for i, result in enumerate(results) if result is None]
    batches = [
        missing[i : i + QUESTIONS_PER_BATCH] for i in range(0, len(missing), QUESTIONS_PER_BATCH)
    ]
    _job = job
    tasks = [[questions[i] for i in batch] for batch in batches]
    done = len(questions) - len(missing)
    for batch, checked in zip(batches, run(_check_batch, tasks, processes), strict=True):
        for index, result in zip(batch, checked, strict=True):
            results[index] = result
        cache.put_many("questions", ((keys[i], results[i]) for i in batch))
        done += len(batch)
        if progress:
            progress(done)
    return [result for result in results if result is not None], len(questions) - len(missing)


def _check_batch(questions: Sequence[Question]) -> list[Checked]:
    assert _job is not None
    graphs = {question.id: question_triples(question, _job) for question in questions}
    violations = check_questions(graphs, _job.context)
    subjects = Subjects(f"<{_job.iris.question('')}")
    checked = []
    for question in questions:
        written = lines(graphs[question.id])
        outside = subjects.outside(question.id, written)
        counted = facts(question, _job.table, _job.iris)
        found = tuple(violations[question.id])
        checked.append(Checked(written, found, outside, counted, reference_key(question)))
    return checked


def question_triples(question: Question, job: QuestionJob) -> set[Triple]:
    """The triples of a question's named graph: the record, the answer's analysis and the
    provenance (a plain set: ``rdf/ntriples.py`` says why)."""
    triples: set[Triple] = set()
    question_graph(question, job.table, job.iris, job.urls, triples)
    analysis_graph(question, analyse(question, job.finder), job.iris, triples)
    return provenance_graph(question, job.iris, job.urls, __version__, triples)
