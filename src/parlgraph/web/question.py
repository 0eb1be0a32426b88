"""The question page: what a journalist reads, from the question's named graph (one read of the
store) and the labels of the reference resources it points to (people, parties, posts, concepts,
event types), which are few, shared by many questions, and read once each (``Reference``).

It shows what these SPARQL patterns would select on the union graph: the question's own
statements are all in its graph (``rdf/mapping.py``), the labels in the reference graphs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from parlgraph.kept import Kept
from parlgraph.rdf.namespaces import PREFIX_IRIS
from parlgraph.rdf.uris import Iris
from parlgraph.store import ReadStore

PG, DCTERMS, SKOS = PREFIX_IRIS["pg"], PREFIX_IRIS["dcterms"], PREFIX_IRIS["skos"]
RDF_TYPE = PREFIX_IRIS["rdf"] + "type"
MEMBERSHIPS = f"""SELECT DISTINCT ?person ?membership WHERE {{
  ?membership <{PREFIX_IRIS["org"]}member> ?person FILTER(isIRI(?membership))
}}"""
ORG_ORGANIZATION = PREFIX_IRIS["org"] + "organization"
FOAF_NAME = PREFIX_IRIS["foaf"] + "name"
PREF_LABEL = SKOS + "prefLabel"
RELATIONS = {
    "alsoAskedAs": "also asked as",
    "resubmissionOf": "resubmission of",
    "resubmittedAs": "resubmitted as",
    "requalificationOf": "requalification of",
    "requalifiedAs": "requalified as",
}

Term = NamedNode | BlankNode | Literal
Row = dict[str, str | None]


class Statements:
    """Statements by subject and predicate, each value once, in a stable order."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        found: dict[str, dict[str, set[Term]]] = defaultdict(lambda: defaultdict(set))
        for triple in triples:
            subject, value = triple.subject, triple.object
            if not isinstance(subject, Triple) and not isinstance(value, Triple):
                found[subject.value][triple.predicate.value].add(value)
        self._values = {
            subject: {p: _ordered(objects) for p, objects in by_predicate.items()}
            for subject, by_predicate in found.items()
        }

    def values(self, subject: str, predicate: str) -> list[Term]:
        return self._values.get(subject, {}).get(predicate, [])

    def first(self, subject: str, predicate: str, language: str | None = None) -> str | None:
        """The first value (in the language, if one is given), as text."""
        for term in self.values(subject, predicate):
            if language is None or (isinstance(term, Literal) and term.language == language):
                return term.value
        return None

    def __contains__(self, subject: str) -> bool:
        return subject in self._values


def _ordered(terms: set[Term]) -> list[Term]:
    return sorted(terms, key=_order) if len(terms) > 1 else list(terms)


def _order(term: Term) -> tuple[int, str, str]:
    """Literals, IRIs, blank nodes; each by its text (as their N-Triples forms sort, without
    writing out and escaping a long text to compare it)."""
    if isinstance(term, Literal):
        return 0, term.value, term.language or term.datatype.value
    return (1 if isinstance(term, NamedNode) else 2), term.value, ""


class Reference:
    """The statements about reference resources, read from the store once each: the store does
    not change while it is served."""

    def __init__(self, store: ReadStore, size: int = 65_536) -> None:
        self.store = store
        self._about: Kept[str, Statements] = Kept(size)
        self._parties: Kept[str, str | None] = Kept(size)

    def about(self, iri: str) -> Statements:
        def read() -> Statements:
            return Statements(self.store.about(iri))

        return self._about.fetch(iri, read)

    def label(self, iri: str | None, language: str) -> str | None:
        return self.about(iri).first(iri, PREF_LABEL, language) if iri else None

    def parties(self, person: str) -> str | None:
        """The labels of the parties a person was a member of, in order, or None. Memberships
        carry no dates (the pages do not give them), so a party renamed since (sp.a, Vooruit)
        is shown under both names."""

        def read() -> str | None:
            labels = set()
            rows = self.store.rows(MEMBERSHIPS, {"person": person})
            for membership in filter(None, (row["membership"] for row in rows)):
                party = self.about(membership).first(membership, ORG_ORGANIZATION)
                label = self.about(party).first(party, PREF_LABEL) if party else None
                if label is not None:
                    labels.add(label)
            return ", ".join(sorted(labels)) or None

        return self._parties.fetch(person, read)


@dataclass
class QuestionView:
    iri: str
    fields: Row
    events: list[dict[str, str | int | None]] = field(default_factory=list)
    descriptors: list[Row] = field(default_factory=list)
    answers: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)


def question_view(reference: Reference, iri: str, base: str) -> QuestionView | None:
    """The page of a question read from pages, or None for any other resource."""
    question_id = iri.removeprefix(base + "id/question/")
    if question_id == iri or "/" in question_id:
        return None
    graph = Iris(base).question_graph(question_id)
    statements = Statements(reference.store.graph(str(graph)))
    if NamedNode(PG + "WrittenQuestion") not in statements.values(iri, RDF_TYPE):
        return None
    fields = _fields(statements, reference, iri)
    if fields["id"] is None or not (fields["title_fr"] or fields["title_nl"]):
        return None
    view = QuestionView(iri, fields)
    view.events = _events(statements, reference, iri, fields["date"])
    view.descriptors = _descriptors(statements, reference, iri)
    view.answers = _answers(statements, iri)
    view.links = _links(statements, iri)
    view.sources = _sources(statements, iri)
    return view


def _fields(statements: Statements, reference: Reference, iri: str) -> Row:
    first = statements.first
    author = first(iri, DCTERMS + "creator")
    post = first(iri, PG + "addressedTo")
    return {
        "id": first(iri, DCTERMS + "identifier"),
        "date": first(iri, DCTERMS + "date"),
        "deadline": first(iri, PG + "answerDeadline"),
        "asked_in": first(iri, PG + "originalLanguage"),
        "status": reference.label(first(iri, PG + "status"), "en"),
        **{f"title_{lang}": first(iri, DCTERMS + "title", lang) for lang in ("fr", "nl")},
        **{f"text_{lang}": first(iri, PG + "text", lang) for lang in ("fr", "nl")},
        "author": author,
        "author_name": reference.about(author).first(author, FOAF_NAME) if author else None,
        "party_name": reference.parties(author) if author else None,
        "post": post,
        "post_fr": reference.label(post, "fr"),
        "post_nl": reference.label(post, "nl"),
    }


def _events(
    statements: Statements, reference: Reference, iri: str, sent: str | None
) -> list[dict[str, str | int | None]]:
    events: list[dict[str, str | int | None]] = []
    for event in statements.values(iri, PG + "hasEvent"):
        kind = statements.first(event.value, PG + "eventType")
        label = reference.label(kind, "en")
        if label is not None:
            when = statements.first(event.value, DCTERMS + "date")
            events.append({"type": label, "date": when, "days": _days(sent, when)})
    return sorted(events, key=lambda e: (e["date"] is None, str(e["date"]), str(e["type"])))


def _descriptors(statements: Statements, reference: Reference, iri: str) -> list[Row]:
    rows: list[Row] = []
    for concept in statements.values(iri, DCTERMS + "subject"):
        labels = reference.about(concept.value)
        matches: list[Term | None] = [*labels.values(concept.value, SKOS + "exactMatch")]
        for match in matches or [None]:
            rows.append({
                "concept": concept.value,
                "fr": labels.first(concept.value, PREF_LABEL, "fr"),
                "nl": labels.first(concept.value, PREF_LABEL, "nl"),
                "eurovoc": match.value if match is not None else None,
            })  # fmt: skip
    return sorted(rows, key=lambda row: (row["fr"] or "", row["nl"] or "", row["concept"] or ""))


def _answers(statements: Statements, iri: str) -> list[Row]:
    rows = []
    for answer in statements.values(iri, PG + "hasAnswer"):
        node = answer.value
        rows.append({
            "answer": node,
            "date": statements.first(node, DCTERMS + "date"),
            "days": statements.first(node, PG + "daysToAnswer"),
            "text_fr": statements.first(node, PG + "text", "fr"),
            "text_nl": statements.first(node, PG + "text", "nl"),
        })  # fmt: skip
    return sorted(rows, key=lambda row: (row["date"] or "", row["answer"] or ""))


def _links(statements: Statements, iri: str) -> list[Row]:
    """Related questions, by relation (in the order of their IRIs), then by number: the
    question's graph names each with its identifier (``rdf/mapping.py``)."""
    rows: list[Row] = []
    for name in sorted(RELATIONS):
        related = [
            {"relation": RELATIONS[name], "target": target.value,
             "id": statements.first(target.value, DCTERMS + "identifier")}
            for target in statements.values(iri, PG + name)
        ]  # fmt: skip
        rows += sorted(related, key=lambda row: row["id"] or "")
    return rows


def _sources(statements: Statements, iri: str) -> list[Row]:
    rows: list[Row] = []
    for page in statements.values(iri, DCTERMS + "source"):
        rendering = statements.first(page.value, PG + "rendering")
        complete = statements.first(page.value, PG + "complete")
        if rendering is not None and complete is not None:
            rows.append({"page": page.value, "rendering": rendering, "complete": complete})
    return sorted(rows, key=lambda row: (row["rendering"] or "", row["page"] or ""))


def _days(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    return (date.fromisoformat(end) - date.fromisoformat(start)).days
