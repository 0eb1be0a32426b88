"""SHACL shapes: deliberately broken graphs fail at the expected focus node and path; the
ontology declares every term the data uses, and every class the data uses has a shape."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SH, XSD

from parlgraph.parse import parse_files
from parlgraph.rdf.namespaces import PG
from parlgraph.rdf.reference import descriptor_table, reference_graphs
from parlgraph.rdf.uris import Iris
from parlgraph.validation import load_dataset, validate
from tests.conftest import CORPUS
from tests.test_rdf_mapping import ORGANISATIONS, SETTINGS, THESAURUS, mapped

SHAPES = SETTINGS.ontology_dir / "shapes.ttl"
ONTOLOGY = Graph().parse(SETTINGS.ontology_dir / "parlgraph.ttl")
IRIS = Iris(SETTINGS.base_iri)
PAGE = CORPUS / "web_4-1580_fr.txt"
QUESTION = IRIS.question("4-1580")
ANSWER = IRIS.answer("4-1580")
SENT = IRIS.event("4-1580", "sent", "2008-09-15")
SOURCE = URIRef("https://www.senate.be/www/?MIval=Vragen/SchriftelijkeVraag&LEG=4&NR=1580&LANG=fr")
POST = next(iter(mapped(PAGE).objects(QUESTION, PG.addressedTo)))
ACCOUNT = IRIS.account("twitter", "example")


def _with_account(graph: Graph) -> None:
    """A valid account, named in the answer of the page, for the account cases to break."""
    graph.add((ACCOUNT, RDF.type, FOAF.OnlineAccount))
    graph.add((ACCOUNT, PG.platform, IRIS.code("platform", "twitter")))
    graph.add((ACCOUNT, RDFS.label, Literal("@example")))
    graph.add((ACCOUNT, FOAF.accountName, Literal("example")))
    graph.add((ACCOUNT, PG.mentionedIn, ANSWER))


def _valid_graph() -> Graph:
    """The page's graph with its shared graphs, plus one account."""
    report = parse_files([PAGE], THESAURUS.french_labels())
    table = descriptor_table(report.questions, THESAURUS)
    graph = mapped(PAGE) + ONTOLOGY
    shared_graphs = reference_graphs(report.questions, table, THESAURUS, ORGANISATIONS, IRIS)
    for shared in shared_graphs.values():
        graph += shared
    _with_account(graph)
    return graph


def _replace(
    predicate: URIRef, value: object, node: URIRef = QUESTION
) -> Callable[[Graph], object]:
    def mutate(graph: Graph) -> None:
        graph.remove((node, predicate, None))
        graph.add((node, predicate, value))  # type: ignore[arg-type]

    return mutate


def _add(predicate: URIRef, value: object, node: URIRef = QUESTION) -> Callable[[Graph], object]:
    return lambda graph: graph.add((node, predicate, value))  # type: ignore[arg-type]


def _remove(predicate: URIRef, node: URIRef = QUESTION) -> Callable[[Graph], object]:
    return lambda graph: graph.remove((node, predicate, None))


BROKEN = [
    ("date-not-xsd-date", _replace(DCTERMS.date, Literal("15/9/2008")), QUESTION, DCTERMS.date),
    ("missing-title", _remove(DCTERMS.title), QUESTION, DCTERMS.title),
    ("bad-number-pattern", _replace(DCTERMS.identifier, Literal("4/1580")), QUESTION,
     DCTERMS.identifier),
    ("title-in-german", _replace(DCTERMS.title, Literal("Polizeigerichte", lang="de")), QUESTION,
     DCTERMS.title),
    ("post-is-a-concept", _replace(PG.addressedTo, IRIS.event_type("sent")), QUESTION,
     PG.addressedTo),
    ("two-dates", _add(DCTERMS.date, Literal("2008-09-16", datatype=XSD.date)), QUESTION,
     DCTERMS.date),
    ("closed-shape-extra-property", _add(FOAF.name, Literal("x")), QUESTION, FOAF.name),
    ("event-without-type", _remove(PG.eventType, SENT), SENT, PG.eventType),
    ("negative-days-to-answer", _replace(PG.daysToAnswer, Literal(-3), ANSWER), ANSWER,
     PG.daysToAnswer),
    ("complete-not-boolean", _replace(PG.complete, Literal("yes"), SOURCE), SOURCE, PG.complete),
    ("original-language-english", _replace(PG.originalLanguage,
     Literal("en", datatype=XSD.language)), QUESTION, PG.originalLanguage),
    ("author-is-a-post", _replace(DCTERMS.creator, POST), QUESTION, DCTERMS.creator),
    ("legislature-zero", _replace(PG.legislature, Literal(0)), QUESTION, PG.legislature),
    ("no-status", _remove(PG.status), QUESTION, PG.status),
    ("handle-with-at-sign", _replace(FOAF.accountName, Literal("@example"), ACCOUNT), ACCOUNT,
     FOAF.accountName),
    ("account-without-platform", _remove(PG.platform, ACCOUNT), ACCOUNT, PG.platform),
    ("account-address-with-space", _add(FOAF.page, URIRef("https://x.be/a b"), ACCOUNT), ACCOUNT,
     FOAF.page),
    ("account-named-nowhere", _remove(PG.mentionedIn, ACCOUNT), ACCOUNT, PG.mentionedIn),
    ("answered-by-a-concept", _add(PG.answeredBy, IRIS.event_type("sent"), ANSWER), ANSWER,
     PG.answeredBy),
]  # fmt: skip


def test_the_unbroken_graph_conforms() -> None:
    report = validate(_valid_graph(), SHAPES)
    assert report.conforms, report.violations


@pytest.mark.parametrize(("name", "mutate", "focus", "path"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_graph_fails_at_focus_and_path(
    name: str, mutate: Callable[[Graph], object], focus: URIRef, path: URIRef
) -> None:
    graph = _valid_graph()
    mutate(graph)
    report = validate(graph, SHAPES)
    assert not report.conforms
    assert (str(focus), str(path)) in {(v.focus, v.path) for v in report.violations}, [
        str(v) for v in report.violations
    ]
    assert all(v.message for v in report.violations)


def test_a_blank_node_event_is_refused() -> None:
    graph = _valid_graph()
    event = BNode()
    graph.add((QUESTION, PG.hasEvent, event))
    graph.add((event, RDF.type, PG.ChronologyEvent))
    graph.add((event, PG.eventType, IRIS.event_type("reminder")))
    assert not validate(graph, SHAPES).conforms


DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _declared() -> set[URIRef]:
    return {s for kind in DECLARATIONS for s in ONTOLOGY.subjects(RDF.type, kind)}  # type: ignore[misc]


def test_every_term_the_data_uses_is_declared() -> None:
    data = load_dataset(SETTINGS.graph_dir / "parlgraph.nq") - ONTOLOGY
    used = set(data.predicates()) | set(data.objects(None, RDF.type))
    undeclared = {term for term in used if term != RDF.type} - _declared()
    assert undeclared == set()


def test_every_class_the_data_uses_has_a_shape() -> None:
    data = load_dataset(SETTINGS.graph_dir / "parlgraph.nq") - ONTOLOGY
    shapes = Graph().parse(SHAPES)
    targeted = set(shapes.objects(None, SH.targetClass))
    assert set(data.objects(None, RDF.type)) - targeted == set()


def test_no_term_is_punned_by_mistake() -> None:
    kinds = {kind: set(ONTOLOGY.subjects(RDF.type, kind)) for kind in DECLARATIONS}
    for first in DECLARATIONS:
        for second in DECLARATIONS:
            if first < second:
                assert kinds[first] & kinds[second] == set(), (first, second)
