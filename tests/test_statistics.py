"""The statistics published at build time (RDF Data Cube) agree with the questions in the graph."""

from __future__ import annotations

import statistics
from collections import defaultdict
from decimal import Decimal

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, Store
from rdflib import Graph, URIRef
from rdflib import Literal as Text

from parlgraph.parse import parse_files
from parlgraph.rdf.reference import descriptor_table
from parlgraph.rdf.statistics import facts, statistics_graph
from parlgraph.rdf.uris import Iris
from parlgraph.settings import Settings
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
