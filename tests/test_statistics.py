"""The statistics published at build time (RDF Data Cube) agree with the questions in the graph."""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, Store
from rdflib import Graph, URIRef
from rdflib import Literal as Text

from parlgraph.dataset import Line, line_text
from parlgraph.parse import parse_files
from parlgraph.rdf.ntriples import Triple
from parlgraph.rdf.reference import descriptor_table
from parlgraph.rdf.statistics import Facts, counted_in, facts, statistics_graph
from parlgraph.rdf.uris import Iris
from parlgraph.settings import Settings
from parlgraph.shared_graphs import restated
from parlgraph.shared_graphs import statistics as statistics_of
from parlgraph.store import database_path
from parlgraph.validation import validate
from tests.conftest import CORPUS
from tests.test_rdf_mapping import THESAURUS

PG = "https://w3id.org/parlgraph/ontology#"
PER_QUESTION = """
PREFIX pg: <https://w3id.org/parlgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?question ?post ?reminded (MIN(?days) AS ?first)
WHERE {
  ?question dcterms:source ?page ; pg:addressedTo ?post .
  OPTIONAL { ?question pg:hasAnswer/pg:daysToAnswer ?days }
  BIND(EXISTS { ?question pg:hasEvent/pg:eventType ?type
                FILTER(STRENDS(STR(?type), "/reminder")) } AS ?reminded)
}
GROUP BY ?question ?post ?reminded
"""
CUBE = """
PREFIX pg: <https://w3id.org/parlgraph/ontology#>
PREFIX qb: <http://purl.org/linked-data/cube#>
SELECT ?post ?questions ?answered ?reminded ?median ?mean
WHERE {
  ?observation a qb:Observation ; qb:dataSet ?cube ; pg:post ?post ; pg:questions ?questions ;
               pg:answered ?answered ; pg:withReminder ?reminded .
  ?cube qb:structure/qb:component/qb:dimension pg:post .
  OPTIONAL { ?observation pg:medianDaysToAnswer ?median ; pg:meanDaysToAnswer ?mean }
}
"""


@pytest.fixture(scope="module")
def store(built: Settings) -> Store:
    return Store.read_only(str(database_path(built.store)))


def select(store: Store, query: str) -> QuerySolutions:
    solutions = store.query(query)
    assert isinstance(solutions, QuerySolutions)
    return solutions


def value(term: object) -> str:
    assert isinstance(term, Literal | NamedNode)
    return term.value


def test_delays_per_post_match_the_questions(store: Store) -> None:
    delays: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in select(store, PER_QUESTION):
        post = value(row["post"])
        counts[post][0] += 1
        counts[post][1] += value(row["reminded"]) == "true"
        if row["first"] is not None:
            delays[post].append(int(value(row["first"])))
    observed = {value(row["post"]): row for row in select(store, CUBE)}
    assert set(observed) == set(counts) and len(observed) > 10
    for post, row in observed.items():
        assert int(value(row["questions"])) == counts[post][0]
        assert int(value(row["reminded"])) == counts[post][1]
        assert int(value(row["answered"])) == len(delays[post])
        if delays[post]:
            median = Decimal(str(statistics.median(delays[post]))).quantize(Decimal("0.1"))
            assert Decimal(value(row["median"])) == median
        else:
            assert row["median"] is None


def test_every_cube_has_a_structure_and_observations(store: Store) -> None:
    rows = list(
        select(
            store,
            "PREFIX qb: <http://purl.org/linked-data/cube#> "
            "SELECT ?cube (COUNT(?o) AS ?n) WHERE { ?cube qb:structure ?s . ?o qb:dataSet ?cube } "
            "GROUP BY ?cube",
        )
    )
    names = {value(row["cube"]).rsplit("/", 1)[1]: int(value(row["n"])) for row in rows}
    assert set(names) == {
        "delays-by-post", "delays-by-party", "delays-by-year", "questions-by-descriptor"
    }  # fmt: skip
    assert all(count > 0 for count in names.values())


SHAPES = Settings.load().ontology_dir / "shapes.ttl"


def _statistics() -> tuple[Graph, URIRef]:
    """The corpus's statistics graph and one of its observations (of delays per post)."""
    settings = Settings.load()
    report = parse_files([CORPUS], THESAURUS.french_labels())
    iris = Iris(settings.base_iri)
    table = descriptor_table(report.questions, THESAURUS)
    graph = statistics_graph([facts(q, table, iris) for q in report.questions], iris, Graph())
    observation = next(
        s for s in graph.subjects(URIRef(PG + "post"), None) if isinstance(s, URIRef)
    )
    return graph, observation


def test_the_statistics_conform() -> None:
    assert validate(_statistics()[0], SHAPES).conforms


@pytest.mark.parametrize(
    ("name", "predicate", "value"),
    [
        ("a-second-dimension", "party", URIRef("https://example.org/party")),
        ("a-post-given-as-text", "post", Text("minister")),
        ("a-year-as-text", "year", Text("2012")),
    ],
)
def test_an_observation_has_one_value_of_one_dimension(
    name: str, predicate: str, value: URIRef | Text
) -> None:
    graph, observation = _statistics()
    if predicate == "post":
        graph.remove((observation, URIRef(PG + "post"), None))
    graph.add((observation, URIRef(PG + predicate), value))
    report = validate(graph, SHAPES)
    assert {v.focus for v in report.violations} == {str(observation)}, name


def test_an_observation_without_a_dimension_is_refused() -> None:
    graph, observation = _statistics()
    graph.remove((observation, URIRef(PG + "post"), None))
    report = validate(graph, SHAPES)
    assert [v.message for v in report.violations] == [
        "An observation has one value of one dimension."
    ]


def _corpus_facts() -> tuple[list[Facts], Iris]:
    settings = Settings.load()
    report = parse_files([CORPUS], THESAURUS.french_labels())
    iris = Iris(settings.base_iri)
    table = descriptor_table(report.questions, THESAURUS)
    return [facts(q, table, iris) for q in report.questions], iris


def _texts(lines: list[Line]) -> list[str]:
    return sorted(map(line_text, lines))


@pytest.mark.parametrize("seed", range(6))
def test_statistics_counted_again_in_part_are_those_counted_in_full(seed: int) -> None:
    """A patch counts again the observations its changed questions counted in, before or now,
    and keeps the other lines: the same lines as counting every question again."""
    before, iris = _corpus_facts()
    draw = random.Random(seed)
    after = list(before)
    changed = draw.sample(range(len(after)), 4)
    for i in changed[:3]:  # other values, reminders, delays: observations move, appear, go
        other = after[draw.randrange(len(after))]
        values = other.values if draw.random() < 0.5 else after[i].values
        after[i] = Facts(values, not after[i].reminded, draw.choice([None, draw.randrange(400)]))
    touched = counted_in([before[i] for i in changed] + [after[i] for i in changed[:3]])
    del after[changed[3]]  # now left out (it broke the shapes)
    last = _texts(statistics_of(before, iris)[1])
    full = _texts(statistics_of(after, iris)[1])
    assert full != last
    assert restated(after, touched, last, iris)[1] == full


def test_statistics_validated_in_part_break_the_shapes_as_the_whole(tmp_path: Path) -> None:
    """What a patch validates (the structures and the observations counted again) gives the
    violations validating the whole statistics graph gives, given that the last conformed."""
    strict = tmp_path / "shapes.ttl"
    strict.write_text(
        SHAPES.read_text(encoding="utf-8")
        + "\npgsh:ObservationShape sh:property [ sh:path pg:withReminder ; sh:maxInclusive 0 ] .\n",
        encoding="utf-8",
    )
    found, iris = _corpus_facts()
    before = [question._replace(reminded=False) for question in found]
    assert validate(_graph(statistics_of(before, iris)[0]), strict).conforms
    reminded = next(i for i, question in enumerate(before) if question.values[0])
    after = list(before)
    after[reminded] = before[reminded]._replace(reminded=True)
    last = _texts(statistics_of(before, iris)[1])
    counted, _ = restated(after, counted_in([after[reminded]]), last, iris)
    whole = validate(_graph(statistics_of(after, iris)[0]), strict)
    assert not whole.conforms
    assert validate(_graph(counted), strict).violations == whole.violations


def _graph(triples: set[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph
