"""The reference data every question graph points into: people and their party memberships,
organisations (parties, posts in the government), and concepts (the descriptor scheme aligned to
EuroVoc, the event-type and status code lists).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, SKOS

from parlgraph.organisations import Organisation
from parlgraph.parse.fields import is_independent
from parlgraph.rdf.namespaces import PG, PREFIXES
from parlgraph.rdf.uris import Iris
from parlgraph.records import EVENT_TYPES, LANGUAGES, Author, Question
from parlgraph.thesaurus import Thesaurus

EUROVOC_SCHEME = URIRef("http://eurovoc.europa.eu/100141")

EVENT_LABELS = {
    "sent": ("sent", "envoi question", "verzending vraag"),
    "reminder": ("reminder", "rappel", "rappel"),
    "provisional_answer": ("provisional answer", "réponse provisoire", "voorlopig antwoord"),
    "answer": ("answer", "réponse", "antwoord"),
    "supplementary_answer": (
        "supplementary answer",
        "réponse complémentaire",
        "aanvullend antwoord",
    ),
    "requalified": ("requalified", "requalification", "herkwalificatie"),
    "withdrawn": ("withdrawn", "retrait question", "intrekking vraag"),
    "closed": ("closed", "dossier clôturé", "dossier gesloten"),
    "end_of_legislature": ("end of legislature", "fin de la législature", "einde zittingsperiode"),
}

STATUS_LABELS = {
    "answered": ("answered", "répondue", "beantwoord"),
    "withdrawn": ("withdrawn", "retirée", "ingetrokken"),
    "requalified": ("requalified", "requalifiée", "geherkwalificeerd"),
    "lapsed": ("lapsed at the end of the legislature", "caduque (fin de législature)",
               "vervallen (einde zittingsperiode)"),
    "closed": ("closed without answer", "clôturée sans réponse", "gesloten zonder antwoord"),
    "pending": ("awaiting an answer", "en attente de réponse", "wacht op antwoord"),
}  # fmt: skip


# The code lists of accounts and organisations: code -> (en, fr, nl) labels.
CODE_LISTS: dict[str, dict[str, tuple[str, str, str]]] = {
    "platform": {
        "facebook-page": ("Facebook page", "page Facebook", "Facebookpagina"),
        "facebook-group": ("Facebook group", "groupe Facebook", "Facebookgroep"),
        "twitter": ("Twitter/X", "Twitter/X", "Twitter/X"),
        "linkedin": ("LinkedIn page", "page LinkedIn", "LinkedInpagina"),
        "linkedin-group": ("LinkedIn group", "groupe LinkedIn", "LinkedIngroep"),
        "yammer-group": ("Yammer group", "groupe Yammer", "Yammergroep"),
        "youtube": ("YouTube channel", "chaîne YouTube", "YouTubekanaal"),
        "instagram": ("Instagram", "Instagram", "Instagram"),
        "flickr": ("Flickr", "Flickr", "Flickr"),
    },
    "account-role": {
        "official": ("official account", "compte officiel", "officieel account"),
        "spokesperson": ("spokesperson", "porte-parole", "woordvoerder"),
    },
    "audience": {
        "b2b": ("business to business", "B2B", "B2B"),
        "social-sector-professionals": ("professionals of the social sector",
            "professionnels du secteur social", "professionals uit de sociale sector"),
        "professionals": ("professionals", "professionnels", "professionals"),
        "journalists": ("journalists", "journalistes", "journalisten"),
        "press": ("the press", "la presse", "de pers"),
        "crisis-communication": ("crisis communication", "communication de crise",
            "crisiscommunicatie"),
        "organisational-culture": ("organisational culture", "culture organisationnelle",
            "organisatiecultuur"),
        "citizens": ("citizens", "citoyens", "burgers"),
    },
    "organisation-kind": {
        "fps": ("federal public service", "service public fédéral", "federale overheidsdienst"),
        "pps": ("programming public service", "service public de programmation",
            "programmatorische overheidsdienst"),
        "ministry": ("ministry", "ministère", "ministerie"),
    },
}  # fmt: skip
CPOV = "http://data.europa.eu/m8g/PublicOrganisation"


def new_graph(prefixes: bool = True) -> Graph:
    """An empty graph; with ``prefixes``, bound to the project's (for readable Turtle; binding
    costs half a millisecond, so the build's per-question graphs go without)."""
    graph = Graph(bind_namespaces="core" if prefixes else "none")
    if prefixes:
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
    return graph


@dataclass(frozen=True)
class Descriptor:
    """A descriptor of the project's scheme: its IRI key, labels and EuroVoc match."""

    key: str
    fr: str | None
    nl: str | None
    eurovoc: str | None


class DescriptorTable(dict[str, Descriptor]):
    """Descriptors by French (else Dutch) label, with an index by Dutch label once complete."""

    _dutch: dict[str, Descriptor] | None = None

    def by_dutch(self) -> dict[str, Descriptor]:
        if self._dutch is None:
            self._dutch = {}
            for descriptor in self.values():
                if descriptor.nl is not None:
                    self._dutch.setdefault(descriptor.nl, descriptor)
        return self._dutch


def descriptor_table(questions: Iterable[Question], thesaurus: Thesaurus) -> DescriptorTable:
    """Descriptors by French (else Dutch) label; Dutch matched to French labels by position."""
    pairs: dict[str, str] = {}  # Dutch label -> French label, from questions that give both
    questions = list(questions)
    for question in questions:
        fr, nl = question.descriptors.fr, question.descriptors.nl
        if fr and len(fr) == len(nl):
            for french, dutch in zip(fr, nl, strict=True):
                pairs.setdefault(dutch, french)
    table = DescriptorTable()
    for question in questions:
        for label in question.descriptors.fr:
            _add(table, label, None, thesaurus)
        for dutch in question.descriptors.nl:
            _add(table, pairs.get(dutch), dutch, thesaurus)
    return table


def _add(table: dict[str, Descriptor], fr: str | None, nl: str | None, th: Thesaurus) -> None:
    name = fr or nl or ""
    existing = table.get(name)
    concept = th.match(fr) if fr else None
    key = concept.id if concept else name
    table[name] = Descriptor(
        key, fr, nl or (existing.nl if existing else None), concept.id if concept else None
    )


def reference_graphs(
    questions: Sequence[Question],
    table: dict[str, Descriptor],
    thesaurus: Thesaurus,
    services: Sequence[Organisation],
    iris: Iris,
) -> dict[URIRef, Graph]:
    """The shared named graphs: people (and memberships), organisations (parties, posts, public
    services), concepts (descriptors with their EuroVoc subset, and the code lists)."""
    people, organisations = new_graph(), new_graph()
    authors = dict.fromkeys(question.author for question in questions if question.author)
    for author in authors:  # each once, in the order first met: the labels depend on it
        _people(people, organisations, author, iris)
    addressees = dict.fromkeys(
        (question.addressee.fr, question.addressee.nl) for question in questions
    )
    for addressee in addressees:
        _post(organisations, addressee, iris)
    for service in services:
        _public_service(organisations, service, iris)
    return {
        iris.reference_graph("people"): people,
        iris.reference_graph("organisations"): organisations,
        iris.reference_graph("concepts"): concepts_graph(table, thesaurus, iris),
    }


def concepts_graph(table: dict[str, Descriptor], thesaurus: Thesaurus, iris: Iris) -> Graph:
    """The descriptor scheme, the EuroVoc concepts it matches (and their broader chain), and the
    event-type and status schemes."""
    graph = new_graph()
    scheme = iris.descriptor_scheme()
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("parlgraph descriptors", lang="en")))
    seen: set[str] = set()  # EuroVoc concepts added with their broader chain
    for descriptor in table.values():
        concept = iris.concept(descriptor.key)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        for lang in LANGUAGES:
            label = getattr(descriptor, lang)
            if label:
                add_label(graph, concept, label, lang)
        if descriptor.eurovoc:
            _eurovoc(graph, concept, descriptor.eurovoc, thesaurus, seen)
    _event_types(graph, iris)
    _statuses(graph, iris)
    for code_list, codes in CODE_LISTS.items():
        _code_list(graph, code_list, codes, iris)
    return graph


def _people(people: Graph, organisations: Graph, author: Author, iris: Iris) -> None:
    person = iris.person(author.name)
    people.add((person, RDF.type, FOAF.Person))
    people.add((person, FOAF.name, Literal(author.name)))
    if author.party and not is_independent(author.party):
        party = iris.party(author.party)
        organisations.add((party, RDF.type, PG.PoliticalParty))
        organisations.add((party, SKOS.prefLabel, Literal(author.party)))
        membership = iris.membership(author.name, author.party)
        people.add((membership, RDF.type, ORG.Membership))
        people.add((membership, ORG.member, person))
        people.add((membership, ORG.organization, party))


def _post(graph: Graph, titles: tuple[str | None, str | None], iris: Iris) -> None:
    """A post from its French and Dutch titles (as addressed in a question)."""
    title = titles[0] or titles[1]
    if not title:
        return
    post = iris.post(title)
    graph.add((post, RDF.type, ORG.Post))
    for lang, label in zip(LANGUAGES, titles, strict=True):
        if label:
            add_label(graph, post, label, lang)


def add_label(graph: Graph, node: URIRef, label: str, lang: str) -> None:
    """A prefLabel in ``lang``, or an altLabel when the node has a prefLabel in it already."""
    literal = Literal(label, lang=lang)
    taken = [o for o in graph.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == lang]
    if not taken:
        graph.add((node, SKOS.prefLabel, literal))
    elif literal not in taken:
        graph.add((node, SKOS.altLabel, literal))


def _eurovoc(
    graph: Graph, concept: URIRef, identifier: str, thesaurus: Thesaurus, seen: set[str]
) -> None:
    """The match of a descriptor, and the EuroVoc concept with its broader chain unless
    ``seen`` (the ids already added) holds it."""
    graph.add((concept, SKOS.exactMatch, URIRef(thesaurus.concepts[identifier].iri)))
    eurovoc_scheme = EUROVOC_SCHEME
    graph.add((eurovoc_scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((eurovoc_scheme, SKOS.prefLabel, Literal("EuroVoc", lang="en")))
    pending = [identifier]
    while pending:
        current = thesaurus.concepts.get(pending.pop())
        if current is None or current.id in seen:
            continue
        seen.add(current.id)
        node = URIRef(current.iri)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, eurovoc_scheme))
        graph.add((node, SKOS.prefLabel, Literal(current.pref_fr, lang="fr")))
        graph.add((node, SKOS.prefLabel, Literal(current.pref_en, lang="en")))
        for broader in current.broader:
            graph.add((node, SKOS.broader, URIRef(thesaurus.concepts[broader].iri)))
            pending.append(broader)


def _event_types(graph: Graph, iris: Iris) -> None:
    scheme = iris.event_type_scheme()
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("chronology event types", lang="en")))
    for event_type in EVENT_TYPES:
        node = iris.event_type(event_type)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.notation, Literal(event_type)))
        for lang, label in zip(("en", "fr", "nl"), EVENT_LABELS[event_type], strict=True):
            graph.add((node, SKOS.prefLabel, Literal(label, lang=lang)))


def _statuses(graph: Graph, iris: Iris) -> None:
    scheme = iris.status_scheme()
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("question statuses", lang="en")))
    for status, labels in STATUS_LABELS.items():
        node = iris.status(status)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.notation, Literal(status)))
        for lang, label in zip(("en", "fr", "nl"), labels, strict=True):
            graph.add((node, SKOS.prefLabel, Literal(label, lang=lang)))


def _public_service(graph: Graph, service: Organisation, iris: Iris) -> None:
    node = iris.organisation(service.id)
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, RDF.type, URIRef(CPOV)))
    graph.add((node, ORG.classification, iris.code("organisation-kind", service.kind)))
    for lang, name in service.names.items():
        graph.add((node, SKOS.prefLabel, Literal(name, lang=lang)))
    for alias in service.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias)))


def _code_list(
    graph: Graph, code_list: str, codes: dict[str, tuple[str, str, str]], iris: Iris
) -> None:
    scheme = iris.code_list(code_list)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal(code_list.replace("-", " ") + "s", lang="en")))
    for code, labels in codes.items():
        node = iris.code(code_list, code)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.notation, Literal(code)))
        for lang, text in zip(("en", "fr", "nl"), labels, strict=True):
            graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
