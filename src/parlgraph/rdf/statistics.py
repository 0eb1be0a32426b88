"""Statistics computed at build time, published as RDF Data Cube observations.

The questions journalists ask most (how late does each post answer, which party's questions wait
longest, how the delays move over the years, which subjects are asked about) become a lookup of
a few hundred observations instead of an aggregate over millions of triples.
RDF Data Cube: https://www.w3.org/TR/vocab-data-cube/ (sections 5-7: data sets, structures,
observations). Delays count days from the question to its first answer.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from parlgraph.parse.fields import is_independent
from parlgraph.rdf.mapping import ANSWER_EVENTS, descriptor_for
from parlgraph.rdf.namespaces import PG, QB
from parlgraph.rdf.ntriples import S, Sink
from parlgraph.rdf.reference import Descriptor
from parlgraph.rdf.uris import Iris
from parlgraph.records import LANGUAGES, Question

Value = Literal | URIRef
# A question's values on a cube's dimension, as text (an IRI, a year): plain strings, so that a
# build keeps every question's facts cheaply.
Key = Callable[[Question, dict[str, Descriptor], Iris], list[str]]


def _post(question: Question, table: dict[str, Descriptor], iris: Iris) -> list[str]:
    title = question.addressee.fr or question.addressee.nl
    return [str(iris.post(title))] if title else []


def _party(question: Question, table: dict[str, Descriptor], iris: Iris) -> list[str]:
    party = question.author.party if question.author else None
    return [] if party is None or is_independent(party) else [str(iris.party(party))]


def _year(question: Question, table: dict[str, Descriptor], iris: Iris) -> list[str]:
    return [str(question.date.year)] if question.date else []


def _descriptors(question: Question, table: dict[str, Descriptor], iris: Iris) -> list[str]:
    concepts = {
        str(iris.concept(descriptor.key))
        for lang in LANGUAGES
        for label in question.descriptors.get(lang)
        if (descriptor := descriptor_for(label, lang, table))
    }
    return sorted(concepts)


def _year_literal(text: str) -> Value:
    return Literal(text, datatype=XSD.gYear)


@dataclass(frozen=True)
class Cube:
    """A cube: its dimension property, how a question's values on it are found, what it counts
    (for its label) and how a value becomes an RDF term."""

    dimension: URIRef
    key: Key
    label: str
    term: Callable[[str], Value] = URIRef


CUBES: dict[str, Cube] = {
    "delays-by-post": Cube(PG.post, _post, "per post addressed"),
    "delays-by-party": Cube(PG.party, _party, "per party of the author"),
    "delays-by-year": Cube(PG.year, _year, "per year asked", _year_literal),
    "questions-by-descriptor": Cube(PG.descriptor, _descriptors, "per descriptor"),
}


class Facts(NamedTuple):
    """What the statistics take of one question: its values on each cube's dimension (in the
    order of ``CUBES``), whether it was reminded, and the days to its first answer. A build
    keeps them for every question, so that it can count again without the records."""

    values: tuple[tuple[str, ...], ...] = ()
    reminded: bool = False
    delay: int | None = None


def facts(question: Question, table: dict[str, Descriptor], iris: Iris) -> Facts:
    answered = [e.date for e in question.events if e.type in ANSWER_EVENTS and e.date]
    return Facts(
        tuple(tuple(cube.key(question, table, iris)) for cube in CUBES.values()),
        any(event.type == "reminder" for event in question.events),
        (min(answered) - question.date).days if answered and question.date else None,
    )


@dataclass
class Tally:
    questions: int = 0
    reminded: int = 0
    delays: list[int] = field(default_factory=list)

    def add(self, question: Facts) -> None:
        self.questions += 1
        self.reminded += question.reminded
        if question.delay is not None:
            self.delays.append(question.delay)


def statistics_graph(
    questions: Iterable[Facts], iris: Iris, graph: S, only: Mapping[str, Set[str]] | None = None
) -> S:
    """Every cube of ``CUBES``, its structure and one observation per dimension value, added to
    ``graph`` (the build's is a plain set: ``rdf/ntriples.py`` says why). With ``only``: the
    structures, and the observations of those values alone (by cube name, each value's slug)."""
    questions = list(questions)
    for number, (name, cube) in enumerate(CUBES.items()):
        dataset = iris.statistics(name)
        _structure(graph, dataset, cube.dimension, cube.label)
        wanted = None if only is None else only.get(name, frozenset())
        tallies: dict[str, tuple[str, Tally]] = {}
        for question in questions:
            for value in question.values[number]:
                slug = observed(value)
                if wanted is None or slug in wanted:
                    tallies.setdefault(slug, (value, Tally()))[1].add(question)
        for slug, (value, tally) in sorted(tallies.items()):
            node = iris.observation(name, slug)  # named by the last segment of the value
            _observation(graph, node, dataset, cube.dimension, cube.term(value), tally)
    return graph


def observed(value: str) -> str:
    """The slug an observation of ``value`` is named by: its last segment."""
    return value.rsplit("/", 1)[-1]


def counted_in(questions: Iterable[Facts]) -> dict[str, set[str]]:
    """The observations ``questions`` count in: by cube name, the slugs of their values."""
    found: dict[str, set[str]] = {name: set() for name in CUBES}
    for question in questions:
        for name, values in zip(CUBES, question.values, strict=True):
            found[name].update(map(observed, values))
    return found


def _structure(graph: Sink, dataset: URIRef, dimension: URIRef, label: str) -> None:
    structure = URIRef(f"{dataset}/structure")
    graph.add((dataset, RDF.type, QB.DataSet))
    text = f"Questions, answers, reminders and days to answer {label}"
    graph.add((dataset, RDFS.label, Literal(text, lang="en")))
    graph.add((dataset, QB.structure, structure))
    graph.add((structure, RDF.type, QB.DataStructureDefinition))
    components = [(QB.dimension, dimension)] + [(QB.measure, m) for m in MEASURES]
    for order, (role, prop) in enumerate(components, start=1):
        component = URIRef(f"{structure}/component-{order}")
        graph.add((structure, QB.component, component))
        graph.add((component, role, prop))
        graph.add((component, QB.order, Literal(order)))


MEASURES = (PG.questions, PG.answered, PG.withReminder, PG.meanDaysToAnswer, PG.medianDaysToAnswer)


def _observation(
    graph: Sink,
    node: URIRef,
    dataset: URIRef,
    dimension: URIRef,
    value: Literal | URIRef,
    tally: Tally,
) -> None:
    graph.add((node, RDF.type, QB.Observation))
    graph.add((node, QB.dataSet, dataset))
    graph.add((node, dimension, value))
    graph.add((node, PG.questions, Literal(tally.questions)))
    graph.add((node, PG.answered, Literal(len(tally.delays))))
    graph.add((node, PG.withReminder, Literal(tally.reminded)))
    if tally.delays:
        mean = Decimal(sum(tally.delays)) / len(tally.delays)
        median = Decimal(str(statistics.median(tally.delays)))
        graph.add((node, PG.meanDaysToAnswer, Literal(mean.quantize(Decimal("0.1")))))
        graph.add((node, PG.medianDaysToAnswer, Literal(median.quantize(Decimal("0.1")))))
