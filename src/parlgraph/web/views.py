"""What an HTML page shows of a resource: its statements with readable labels, and what links
to it. Built from the store's quads; the templates only lay it out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

from parlgraph.store import ReadStore

LABELS = (
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/identifier",
)
PREDICATE_NAMES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "https://w3id.org/parlgraph/ontology#": "pg:",
}


@dataclass(frozen=True)
class Value:
    """An object of a statement: a link (``iri`` set) or a literal; ``text`` is what is shown."""

    text: str
    iri: str | None = None
    language: str | None = None
    datatype: str | None = None


@dataclass
class ResourceView:
    iri: str
    label: str
    statements: dict[str, list[Value]] = field(default_factory=dict)
    referrers: list[tuple[Value, str]] = field(default_factory=list)
    members: list[Value] = field(default_factory=list)  # of a named graph: what it describes

    def first(self, predicate: str) -> Value | None:
        values = self.statements.get(short_name(predicate), [])
        return values[0] if values else None


def short_name(iri: str) -> str:
    for namespace, prefix in PREDICATE_NAMES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :] if prefix.endswith(":") else prefix
    return iri


def label_of(store: ReadStore, iri: str, preferred: str = "fr") -> str:
    """The best label of a resource: a title or name, in ``preferred`` language if there is one."""
    return _label(store.about(iri), iri, preferred)


def _label(about: Iterable[Triple], iri: str, preferred: str = "fr") -> str:
    """The best label of ``iri`` among the statements about it, ``about``."""
    by_predicate: dict[str, list[Literal]] = defaultdict(list)
    for quad in about:
        if quad.predicate.value in LABELS and isinstance(quad.object, Literal):
            by_predicate[quad.predicate.value].append(quad.object)
    for predicate in LABELS:
        literals = sorted(
            by_predicate.get(predicate, []), key=lambda lit: lit.language != preferred
        )
        if literals:
            return str(literals[0].value)
    return iri.rstrip("/").rsplit("/", 1)[-1]


def resource_view(store: ReadStore, iri: str) -> ResourceView | None:
    """The view of a resource, or None when the store says nothing about it nor links to it."""
    about = store.about(iri)
    referring = store.referring(iri)
    if not about and not referring:
        return None
    view = ResourceView(iri, label_of(store, iri))
    for quad in sorted(about, key=lambda q: (q.predicate.value, str(q.object))):
        view.statements.setdefault(short_name(quad.predicate.value), []).append(
            _value(store, quad.object)
        )
    for quad in sorted(referring, key=lambda q: (q.predicate.value, str(q.subject))):
        view.referrers.append((_value(store, quad.subject), short_name(quad.predicate.value)))
    return view


def graph_view(store: ReadStore, iri: str) -> ResourceView | None:
    """The view of a named graph: what is said of it and links to it, and the resources it
    describes (labelled from its own statements); None when the store knows nothing of it."""
    triples = store.graph(iri)
    view = resource_view(store, iri)
    if not triples:
        return view
    if view is None:
        view = ResourceView(iri, label_of(store, iri))
    by_subject: dict[str, list[Triple]] = defaultdict(list)
    for triple in triples:
        if isinstance(triple.subject, NamedNode):
            by_subject[triple.subject.value].append(triple)
    members = (Value(_label(about, subject), iri=subject) for subject, about in by_subject.items())
    view.members = sorted(members, key=lambda value: (value.text, value.iri or ""))
    return view


def _value(store: ReadStore, term: object) -> Value:
    if isinstance(term, NamedNode):
        return Value(label_of(store, term.value), iri=term.value)
    if isinstance(term, Literal):
        return Value(term.value, language=term.language, datatype=term.datatype.value)
    return Value(str(term))
