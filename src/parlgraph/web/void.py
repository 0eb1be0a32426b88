"""The dataset described with VoID (https://www.w3.org/TR/void/) and DCAT
(https://www.w3.org/TR/vocab-dcat-3/): licence, endpoint, dumps, statistics, the EuroVoc linkset."""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from parlgraph.dumps import Dump
from parlgraph.store import ReadStore

VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
EUROVOC = URIRef("http://eurovoc.europa.eu/100141")
STATISTICS = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "entities": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) }",
    "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
    "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
    "eurovoc_links": "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?s <http://www.w3.org/2004/02/skos/core#exactMatch> ?o "
    "FILTER(STRSTARTS(STR(?o), 'http://eurovoc.europa.eu/')) }",
    "questions": "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE "
    "{ ?q <http://purl.org/dc/terms/source> ?page }",
    "senators": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE "
    "{ ?s a <http://xmlns.com/foaf/0.1/Person> }",
    "posts": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <http://www.w3.org/ns/org#Post> }",
    "descriptors": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE "
    "{ ?q <http://purl.org/dc/terms/subject> ?d }",
}


def statistics(store: ReadStore) -> dict[str, int]:
    """Counts over the default graph (the merge of all named graphs), computed once per store:
    the store is read-only while it is served."""
    if store not in _COUNTED:
        _COUNTED[store] = {name: count(store, query) for name, query in STATISTICS.items()}
    return _COUNTED[store]


def count(store: ReadStore, query: str) -> int:
    """The integer ``?n`` a small aggregate query returns."""
    found = store.rows(query, {})
    value = found[0]["n"] if found else None
    return int(value) if value is not None else 0


_COUNTED: weakref.WeakKeyDictionary[ReadStore, dict[str, int]] = weakref.WeakKeyDictionary()


def describe(
    base: str, endpoint: str, dumps_url: str, dumps: Sequence[Dump], counts: dict[str, int]
) -> Graph:
    """The VoID and DCAT description of the dataset."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "spdx": SPDX}.items():
        graph.bind(prefix, namespace)
    dataset = URIRef(base + "id/dataset")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add(
        (dataset, DCTERMS.title, Literal("Written questions of the Belgian Senate", lang="en"))
    )
    graph.add(
        (dataset, DCTERMS.title, Literal("Questions écrites du Sénat de Belgique", lang="fr"))
    )
    graph.add(
        (dataset, DCTERMS.title, Literal("Schriftelijke vragen van de Belgische Senaat", lang="nl"))
    )
    graph.add((dataset, DCTERMS.description, Literal(
        "Written questions put by senators to members of the federal government, their answers, "
        "chronology, descriptors aligned to EuroVoc, and provenance, read from the Senate's pages.",
        lang="en")))  # fmt: skip
    graph.add((dataset, DCTERMS.license, LICENCE))
    graph.add((dataset, DCTERMS.source, URIRef("https://www.senate.be/")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    graph.add((dataset, VOID.uriSpace, Literal(base + "id/")))
    graph.add((dataset, VOID.exampleResource, URIRef(base + "id/question/5-8906")))
    graph.add((dataset, FOAF.homepage, URIRef(base)))
    for vocabulary in (
        "http://purl.org/dc/terms/",
        "http://xmlns.com/foaf/0.1/",
        "http://www.w3.org/ns/org#",
        "http://www.w3.org/2004/02/skos/core#",
        "http://www.w3.org/ns/prov#",
        "https://w3id.org/parlgraph/ontology#",
    ):
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))  # fmt: skip
    for key, term in (
        ("triples", VOID.triples),
        ("entities", VOID.entities),
        ("classes", VOID.classes),
        ("properties", VOID.properties),
    ):
        graph.add((dataset, term, Literal(counts[key], datatype=XSD.integer)))  # fmt: skip
    _dumps(graph, dataset, dumps_url, dumps)
    _service(graph, dataset, endpoint)
    _linkset(graph, dataset, base, counts["eurovoc_links"])
    return graph


def _dumps(graph: Graph, dataset: URIRef, dumps_url: str, dumps: Sequence[Dump]) -> None:
    for dump in dumps:
        url = URIRef(dumps_url + dump.name)
        graph.add((dataset, VOID.dataDump, url))
        distribution = URIRef(dumps_url + dump.name + "#distribution")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, Literal(dump.description, lang="en")))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef(
            "https://www.iana.org/assignments/media-types/" + dump.media_type)))  # fmt: skip
        graph.add((distribution, DCAT.compressFormat, URIRef(
            "https://www.iana.org/assignments/media-types/application/gzip")))  # fmt: skip
        graph.add(
            (distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger))
        )
        checksum = BNode(f"checksum-{dump.name}")
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))


def _service(graph: Graph, dataset: URIRef, endpoint: str) -> None:
    service = URIRef(endpoint + "#service")
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, URIRef(endpoint)))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))


def _linkset(graph: Graph, dataset: URIRef, base: str, links: int) -> None:
    linkset = URIRef(base + "id/dataset/eurovoc-links")
    graph.add((linkset, RDF.type, VOID.Linkset))
    graph.add((dataset, VOID.subset, linkset))
    graph.add((linkset, VOID.subjectsTarget, dataset))
    graph.add((linkset, VOID.objectsTarget, EUROVOC))
    graph.add(
        (linkset, VOID.linkPredicate, URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"))
    )
    graph.add((linkset, VOID.triples, Literal(links, datatype=XSD.integer)))
    graph.add((EUROVOC, RDF.type, VOID.Dataset))
    graph.add((EUROVOC, DCTERMS.title, Literal("EuroVoc", lang="en")))
