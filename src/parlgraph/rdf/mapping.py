"""Map question records to RDF: one graph per question, and the reference graph they share.

Terms and the reasons for them are in ontology/parlgraph.ttl and ontology/README.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from parlgraph.rdf.namespaces import PG, PREFIXES
from parlgraph.rdf.uris import Iris
from parlgraph.records import EVENT_TYPES, LANGUAGES, Question, Source, id_sort_key
from parlgraph.thesaurus import Thesaurus

LINK_PROPERTIES = {
    "resubmission_of": PG.resubmissionOf,
    "resubmitted_as": PG.resubmittedAs,
    "requalification_of": PG.requalificationOf,
    "requalified_as": PG.requalifiedAs,
}
# Link targets printed as a written question; any other kind is a request for explanation.
QUESTION_KINDS = ("question écrite", "schriftelijke vraag")
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
# Status of a question, from its chronology: the first rule that holds wins.
STATUS_RULES = (
    ("answered", ("answer", "supplementary_answer")),
    ("withdrawn", ("withdrawn",)),
    ("requalified", ("requalified",)),
    ("lapsed", ("end_of_legislature",)),
    ("closed", ("closed",)),
    ("pending", ()),
)
STATUS_LABELS = {
    "answered": ("answered", "répondue", "beantwoord"),
    "withdrawn": ("withdrawn", "retirée", "ingetrokken"),
    "requalified": ("requalified", "requalifiée", "geherkwalificeerd"),
    "lapsed": ("lapsed at the end of the legislature", "caduque (fin de législature)",
               "vervallen (einde zittingsperiode)"),
    "closed": ("closed without answer", "clôturée sans réponse", "gesloten zonder antwoord"),
    "pending": ("awaiting an answer", "en attente de réponse", "wacht op antwoord"),
}  # fmt: skip
SOURCE_URL = "https://www.senate.be/www/?MIval={page}&LEG={leg}&NR={nr}&LANG={lang}"
SOURCE_PAGES = {"web": "/Vragen/SchriftelijkeVraag", "print": "/Vragen/SVPrint",
                "printnlfr": "/Vragen/SVPrintNLFR"}  # fmt: skip


def new_graph() -> Graph:
    graph = Graph()
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


def descriptor_table(questions: Iterable[Question], thesaurus: Thesaurus) -> dict[str, Descriptor]:
    """Descriptors by French (else Dutch) label; Dutch matched to French labels by position."""
    pairs: dict[str, str] = {}  # Dutch label -> French label, from questions that give both
    questions = list(questions)
    for question in questions:
        fr, nl = question.descriptors.fr, question.descriptors.nl
        if fr and len(fr) == len(nl):
            for french, dutch in zip(fr, nl, strict=True):
                pairs.setdefault(dutch, french)
    table: dict[str, Descriptor] = {}
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


def descriptor_for(label: str, lang: str, table: dict[str, Descriptor]) -> Descriptor | None:
    if lang == "fr":
        return table.get(label)
    return next((d for d in table.values() if d.nl == label), None)


def question_graph(
    question: Question,
    table: dict[str, Descriptor],
    iris: Iris,
    urls: Mapping[str, str] | None = None,
) -> Graph:
    """The triples of one question: the question, its answer, chronology, links and sources.

    ``urls`` maps a page's file name to the URL it was saved from (else a URL is composed).
    """
    graph = new_graph()
    node = _named_question(graph, question.id, iris)
    if question.date:
        graph.add((node, DCTERMS.date, Literal(question.date)))
    if question.asked_in:
        graph.add((node, PG.originalLanguage, Literal(question.asked_in, datatype=XSD.language)))
    if question.answer_deadline:
        graph.add((node, PG.answerDeadline, Literal(question.answer_deadline)))
    _texts(graph, node, DCTERMS.title, question.title)
    _texts(graph, node, PG.text, question.question_text)
    if question.author:
        graph.add((node, DCTERMS.creator, iris.person(question.author.name)))
    post = question.addressee.fr or question.addressee.nl
    if post:
        graph.add((node, PG.addressedTo, iris.post(post)))
    for lang in LANGUAGES:
        for label in question.descriptors.get(lang):
            descriptor = descriptor_for(label, lang, table)
            if descriptor:
                graph.add((node, DCTERMS.subject, iris.concept(descriptor.key)))
    graph.add((node, PG.status, iris.status(status_of(question))))
    _chronology(graph, node, question, iris)
    _links(graph, node, question, iris)
    for source in question.sources:
        graph.add((node, DCTERMS.source, _source(graph, question, source, urls or {})))
    return graph


def status_of(question: Question) -> str:
    """answered, withdrawn, requalified, lapsed, closed or pending (see ``STATUS_RULES``)."""
    types = {event.type for event in question.events}
    return next(status for status, events in STATUS_RULES if types & set(events) or not events)


def provenance_graph(
    question: Question, iris: Iris, urls: Mapping[str, str], version: str
) -> Graph:
    """Where a question's named graph comes from: its pages, and the parser that read them."""
    graph = new_graph()
    name = iris.question_graph(question.id)
    run = iris.parser_run(version)
    for source in question.sources:
        graph.add((name, PROV.wasDerivedFrom, source_url(question, source, urls)))
    graph.add((name, PROV.wasGeneratedBy, run))
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDFS.label, Literal(f"parlgraph {version} page parser", lang="en")))
    graph.add((run, PG.softwareVersion, Literal(version)))
    return graph


def _texts(graph: Graph, node: URIRef, predicate: URIRef, texts: object) -> None:
    for lang in LANGUAGES:
        text = getattr(texts, lang)
        if text:
            graph.add((node, predicate, Literal(text, lang=lang)))


def _chronology(graph: Graph, node: URIRef, question: Question, iris: Iris) -> None:
    for event in question.events:
        when = event.date.isoformat() if event.date else None
        step = iris.event(question.id, event.type.replace("_", "-"), when)
        graph.add((node, PG.hasEvent, step))
        graph.add((step, RDF.type, PG.ChronologyEvent))
        graph.add((step, PG.eventType, iris.event_type(event.type)))
        if event.date:
            graph.add((step, DCTERMS.date, Literal(event.date)))
    answers = [e.date for e in question.events if e.type == "answer" and e.date]
    if answers or question.answer_text.fr or question.answer_text.nl:
        answer = iris.answer(question.id)
        graph.add((node, PG.hasAnswer, answer))
        graph.add((answer, RDF.type, PG.Answer))
        _texts(graph, answer, PG.text, question.answer_text)
        if answers:
            graph.add((answer, DCTERMS.date, Literal(min(answers))))
            if question.date:
                days = (min(answers) - question.date).days
                graph.add((answer, PG.daysToAnswer, Literal(days)))


def _links(graph: Graph, node: URIRef, question: Question, iris: Iris) -> None:
    for other in question.also_asked:
        graph.add((node, PG.alsoAskedAs, _named_question(graph, other, iris)))
    for link in question.links:
        if link.target_kind in QUESTION_KINDS:
            target = _named_question(graph, link.target, iris)
        else:
            target = iris.request(link.target)
            graph.add((target, RDF.type, PG.RequestForExplanation))
            graph.add((target, DCTERMS.identifier, Literal(link.target)))
        graph.add((node, LINK_PROPERTIES[link.type], target))
        graph.add((target, RDF.type, FOAF.Document))


def _named_question(graph: Graph, question_id: str, iris: Iris) -> URIRef:
    """A question by its number: what is known of any question, read or only referred to."""
    node = iris.question(question_id)
    legislature, number = id_sort_key(question_id)
    graph.add((node, RDF.type, PG.WrittenQuestion))
    graph.add((node, DCTERMS.identifier, Literal(question_id)))
    graph.add((node, PG.legislature, Literal(legislature)))
    graph.add((node, PG.number, Literal(number)))
    return node


def source_url(question: Question, source: Source, urls: Mapping[str, str]) -> URIRef:
    """The URL a page was saved from: as recorded, else composed from the Senate's pattern."""
    recorded = urls.get(source.file)
    if recorded:
        return URIRef(recorded)
    page = SOURCE_PAGES[source.kind]
    return URIRef(
        SOURCE_URL.format(page=page, leg=question.legislature, nr=question.number, lang=source.lang)
    )


def _source(graph: Graph, question: Question, source: Source, urls: Mapping[str, str]) -> URIRef:
    url = source_url(question, source, urls)
    graph.add((url, RDF.type, PG.SourcePage))
    graph.add((url, PG.rendering, Literal(source.kind)))
    graph.add((url, PG.complete, Literal(source.complete)))
    graph.add((url, DCTERMS.language, Literal(source.lang, datatype=XSD.language)))
    return url


def reference_graph(
    questions: Sequence[Question], table: dict[str, Descriptor], thesaurus: Thesaurus, iris: Iris
) -> Graph:
    """People, parties, posts, descriptors (with their EuroVoc subset) and the code lists."""
    graph = new_graph()
    for question in questions:
        _people(graph, question, iris)
        _post(graph, question, iris)
    scheme = iris.descriptor_scheme()
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("parlgraph descriptors", lang="en")))
    for descriptor in table.values():
        concept = iris.concept(descriptor.key)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        for lang in LANGUAGES:
            label = getattr(descriptor, lang)
            if label:
                add_label(graph, concept, label, lang)
        if descriptor.eurovoc:
            _eurovoc(graph, concept, descriptor.eurovoc, thesaurus)
    _event_types(graph, iris)
    _statuses(graph, iris)
    return graph


def _people(graph: Graph, question: Question, iris: Iris) -> None:
    author = question.author
    if author is None:
        return
    person = iris.person(author.name)
    graph.add((person, RDF.type, FOAF.Person))
    graph.add((person, FOAF.name, Literal(author.name)))
    if author.party and author.party.casefold() not in ("indépendant", "onafhankelijke"):
        party = iris.party(author.party)
        graph.add((party, RDF.type, PG.PoliticalParty))
        graph.add((party, SKOS.prefLabel, Literal(author.party)))
        membership = iris.membership(author.name, author.party)
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, ORG.member, person))
        graph.add((membership, ORG.organization, party))


def _post(graph: Graph, question: Question, iris: Iris) -> None:
    title = question.addressee.fr or question.addressee.nl
    if not title:
        return
    post = iris.post(title)
    graph.add((post, RDF.type, ORG.Post))
    for lang in LANGUAGES:
        label = question.addressee.get(lang)
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


def _eurovoc(graph: Graph, concept: URIRef, identifier: str, thesaurus: Thesaurus) -> None:
    graph.add((concept, SKOS.exactMatch, URIRef(thesaurus.concepts[identifier].iri)))
    eurovoc_scheme = URIRef("http://eurovoc.europa.eu/100141")
    graph.add((eurovoc_scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((eurovoc_scheme, SKOS.prefLabel, Literal("EuroVoc", lang="en")))
    seen: set[str] = set()
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
