"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads", "TriG",
)  # fmt: skip


def service_description(endpoint: str, dataset: str, graphs: list[str]) -> Graph:
    """Describe the endpoint: language, result formats, the union default graph, named graphs."""
    graph = Graph(bind_namespaces="none")
    graph.bind("sd", SD)
    graph.bind("dcterms", DCTERMS)
    service = URIRef(endpoint + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    description = URIRef(dataset)
    graph.add((service, SD.defaultDataset, description))
    graph.add((description, RDF.type, SD.Dataset))
    default = BNode("default")
    graph.add((description, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, DCTERMS.description, Literal("The union of all named graphs", lang="en")))
    for name in graphs:
        named = BNode(f"g{len(list(graph.objects(description, SD.namedGraph)))}")
        graph.add((description, SD.namedGraph, named))
        graph.add((named, SD.name, URIRef(name)))
    return graph
