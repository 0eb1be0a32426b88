"""Map question records to RDF: one graph per question, with its provenance.

Terms and the reasons for them are in ontology/parlgraph.ttl and ontology/README.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from parlgraph.rdf.namespaces import PG
from parlgraph.rdf.ntriples import S, Sink
from parlgraph.rdf.reference import Descriptor, DescriptorTable
from parlgraph.rdf.uris import Iris
from parlgraph.records import LANGUAGES, Question, Source, id_sort_key

LINK_PROPERTIES = {
    "resubmission_of": PG.resubmissionOf,
    "resubmitted_as": PG.resubmittedAs,
    "requalification_of": PG.requalificationOf,
    "requalified_as": PG.requalifiedAs,
}
ANSWER_EVENTS = ("answer", "supplementary_answer")
# Link targets printed as a written question; any other kind is a request for explanation.
QUESTION_KINDS = ("question écrite", "schriftelijke vraag")
# Status of a question, from its chronology: the first rule that holds wins.
STATUS_RULES = (
    ("answered", ("answer", "supplementary_answer")),
    ("withdrawn", ("withdrawn",)),
    ("requalified", ("requalified",)),
    ("lapsed", ("end_of_legislature",)),
    ("closed", ("closed",)),
    ("pending", ()),
)
SOURCE_URL = "https://www.senate.be/www/?MIval={page}&LEG={leg}&NR={nr}&LANG={lang}"
SOURCE_PAGES = {"web": "/Vragen/SchriftelijkeVraag", "print": "/Vragen/SVPrint",
                "printnlfr": "/Vragen/SVPrintNLFR"}  # fmt: skip


def descriptor_for(label: str, lang: str, table: dict[str, Descriptor]) -> Descriptor | None:
    if lang == "fr":
        return table.get(label)
    if isinstance(table, DescriptorTable):
        return table.by_dutch().get(label)
    return next((d for d in table.values() if d.nl == label), None)


def question_graph(
    question: Question,
    table: dict[str, Descriptor],
    iris: Iris,
    urls: Mapping[str, str],
    graph: S,
) -> S:
    """The triples of one question, added to ``graph``: the question, its answer, chronology,
    links and sources. ``urls`` maps a page's file name to the URL it was saved from (else a
    URL is composed)."""
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
        graph.add((node, DCTERMS.source, _source(graph, question, source, urls)))
    return graph


def status_of(question: Question) -> str:
    """answered, withdrawn, requalified, lapsed, closed or pending (see ``STATUS_RULES``)."""
    types = {event.type for event in question.events}
    return next(status for status, events in STATUS_RULES if types & set(events) or not events)


def provenance_graph(
    question: Question,
    iris: Iris,
    urls: Mapping[str, str],
    version: str,
    graph: S,
) -> S:
    """Where a question's named graph comes from, added to ``graph``: its pages, and the parser
    that read them."""
    name = iris.question_graph(question.id)
    run = iris.parser_run(version)
    for source in question.sources:
        graph.add((name, PROV.wasDerivedFrom, source_url(question, source, urls)))
    graph.add((name, PROV.wasGeneratedBy, run))
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDFS.label, Literal(f"parlgraph {version} page parser", lang="en")))
    graph.add((run, PG.softwareVersion, Literal(version)))
    return graph


def _texts(graph: Sink, node: URIRef, predicate: URIRef, texts: object) -> None:
    for lang in LANGUAGES:
        text = getattr(texts, lang)
        if text:
            graph.add((node, predicate, Literal(text, lang=lang)))


def _chronology(graph: Sink, node: URIRef, question: Question, iris: Iris) -> None:
    for event in question.events:
        when = event.date.isoformat() if event.date else None
        step = iris.event(question.id, event.type.replace("_", "-"), when)
        graph.add((node, PG.hasEvent, step))
        graph.add((step, RDF.type, PG.ChronologyEvent))
        graph.add((step, PG.eventType, iris.event_type(event.type)))
        if event.date:
            graph.add((step, DCTERMS.date, Literal(event.date)))
    _answers(graph, node, question, iris)


def _answers(graph: Sink, node: URIRef, question: Question, iris: Iris) -> None:
    """One answer per dated answer in the chronology (a supplementary answer is a second one);
    the text the pages give belongs to the first."""
    dated = sorted({e.date for e in question.events if e.type in ANSWER_EVENTS and e.date})
    dates: list[date | None] = list(dated)
    if not dates and (question.answer_text.fr or question.answer_text.nl):
        dates = [None]
    for index, when in enumerate(dates, start=1):
        answer = iris.answer(question.id, index)
        graph.add((node, PG.hasAnswer, answer))
        graph.add((answer, RDF.type, PG.Answer))
        if index == 1:
            _texts(graph, answer, PG.text, question.answer_text)
        if when:
            graph.add((answer, DCTERMS.date, Literal(when)))
        if when and question.date:
            graph.add((answer, PG.daysToAnswer, Literal((when - question.date).days)))


def _links(graph: Sink, node: URIRef, question: Question, iris: Iris) -> None:
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


def _named_question(graph: Sink, question_id: str, iris: Iris) -> URIRef:
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


def _source(graph: Sink, question: Question, source: Source, urls: Mapping[str, str]) -> URIRef:
    url = source_url(question, source, urls)
    graph.add((url, RDF.type, PG.SourcePage))
    graph.add((url, PG.rendering, Literal(source.kind)))
    graph.add((url, PG.complete, Literal(source.complete)))
    graph.add((url, DCTERMS.language, Literal(source.lang, datatype=XSD.language)))
    return url
