"""The question page: what a journalist reads, gathered with a few SPARQL queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pyoxigraph import NamedNode, Variable

from parlgraph.store import EmbeddedStore

PREFIXES = """PREFIX pg: <https://w3id.org/parlgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
QUESTION = (
    PREFIXES
    + """SELECT * WHERE {
  ?q a pg:WrittenQuestion ; dcterms:identifier ?id .
  OPTIONAL { ?q dcterms:date ?date }
  OPTIONAL { ?q pg:answerDeadline ?deadline }
  OPTIONAL { ?q pg:originalLanguage ?asked_in }
  OPTIONAL { ?q pg:status/skos:prefLabel ?status FILTER(lang(?status) = "en") }
  OPTIONAL { ?q dcterms:title ?title_fr FILTER(lang(?title_fr) = "fr") }
  OPTIONAL { ?q dcterms:title ?title_nl FILTER(lang(?title_nl) = "nl") }
  OPTIONAL { ?q pg:text ?text_fr FILTER(lang(?text_fr) = "fr") }
  OPTIONAL { ?q pg:text ?text_nl FILTER(lang(?text_nl) = "nl") }
  OPTIONAL { ?q dcterms:creator ?author . ?author foaf:name ?author_name
    OPTIONAL { ?membership org:member ?author ; org:organization ?party .
               ?party skos:prefLabel ?party_name } }
  OPTIONAL { ?q pg:addressedTo ?post
    OPTIONAL { ?post skos:prefLabel ?post_fr FILTER(lang(?post_fr) = "fr") }
    OPTIONAL { ?post skos:prefLabel ?post_nl FILTER(lang(?post_nl) = "nl") } }
} LIMIT 1"""
)
EVENTS = (
    PREFIXES
    + """SELECT ?q ?type ?date WHERE {
  ?q pg:hasEvent ?event . ?event pg:eventType/skos:prefLabel ?type FILTER(lang(?type) = "en")
  OPTIONAL { ?event dcterms:date ?date }
} ORDER BY (!BOUND(?date)) ?date"""
)
DESCRIPTORS = (
    PREFIXES
    + """SELECT ?q ?concept ?fr ?nl ?eurovoc WHERE {
  ?q dcterms:subject ?concept .
  OPTIONAL { ?concept skos:prefLabel ?fr FILTER(lang(?fr) = "fr") }
  OPTIONAL { ?concept skos:prefLabel ?nl FILTER(lang(?nl) = "nl") }
  OPTIONAL { ?concept skos:exactMatch ?eurovoc }
} ORDER BY ?fr ?nl"""
)
ANSWERS = (
    PREFIXES
    + """SELECT ?q ?answer ?date ?days ?text_fr ?text_nl WHERE {
  ?q pg:hasAnswer ?answer .
  OPTIONAL { ?answer dcterms:date ?date }
  OPTIONAL { ?answer pg:daysToAnswer ?days }
  OPTIONAL { ?answer pg:text ?text_fr FILTER(lang(?text_fr) = "fr") }
  OPTIONAL { ?answer pg:text ?text_nl FILTER(lang(?text_nl) = "nl") }
} ORDER BY ?date"""
)
LINKS = (
    PREFIXES
    + """SELECT ?q ?relation ?target ?id WHERE {
  VALUES ?relation { pg:alsoAskedAs pg:resubmissionOf pg:resubmittedAs
                     pg:requalificationOf pg:requalifiedAs }
  ?q ?relation ?target . OPTIONAL { ?target dcterms:identifier ?id }
} ORDER BY ?relation ?id"""
)
SOURCES = (
    PREFIXES
    + """SELECT ?q ?page ?rendering ?complete WHERE {
  ?q dcterms:source ?page . ?page pg:rendering ?rendering ; pg:complete ?complete .
} ORDER BY ?rendering ?page"""
)
RELATIONS = {
    "alsoAskedAs": "also asked as",
    "resubmissionOf": "resubmission of",
    "resubmittedAs": "resubmitted as",
    "requalificationOf": "requalification of",
    "requalifiedAs": "requalified as",
}


@dataclass
class QuestionView:
    iri: str
    fields: dict[str, str | None]
    events: list[dict[str, str | int | None]] = field(default_factory=list)
    descriptors: list[dict[str, str | None]] = field(default_factory=list)
    answers: list[dict[str, str | None]] = field(default_factory=list)
    links: list[dict[str, str | None]] = field(default_factory=list)
    sources: list[dict[str, str | None]] = field(default_factory=list)


def rows(store: EmbeddedStore, query: str, iri: str) -> list[dict[str, str | None]]:
    result = store.store.query(query, substitutions={Variable("q"): NamedNode(iri)})
    names = [variable.value for variable in result.variables]  # type: ignore[union-attr]
    return [
        {name: (term.value if (term := row[name]) is not None else None) for name in names}
        for row in result  # type: ignore[union-attr]
    ]


def question_view(store: EmbeddedStore, iri: str) -> QuestionView | None:
    """The page of a question read from pages, or None for any other resource."""
    found = rows(store, QUESTION, iri)
    if not found or not (found[0]["title_fr"] or found[0]["title_nl"]):
        return None
    view = QuestionView(iri, found[0])
    sent = found[0]["date"]
    for event in rows(store, EVENTS, iri):
        days = _days(sent, event["date"])
        view.events.append({**event, "days": days})
    view.descriptors = rows(store, DESCRIPTORS, iri)
    view.answers = rows(store, ANSWERS, iri)
    view.links = [
        {**link, "relation": RELATIONS[str(link["relation"]).rsplit("#", 1)[-1]]}
        for link in rows(store, LINKS, iri)
    ]
    view.sources = rows(store, SOURCES, iri)
    return view


def _days(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    return (date.fromisoformat(end) - date.fromisoformat(start)).days
