"""Vocabularies of the graph; the project's own terms are declared in ontology/parlgraph.ttl."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

PG = Namespace("https://w3id.org/parlgraph/ontology#")
SCHEMA = Namespace("https://schema.org/")
EUROVOC = Namespace("http://eurovoc.europa.eu/")
QB = Namespace("http://purl.org/linked-data/cube#")

PREFIXES = {
    "pg": PG,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "skos": SKOS,
    "xsd": XSD,
    "eurovoc": EUROVOC,
    "qb": QB,
}

# The same prefixes as plain strings, for pyoxigraph's serialisers.
PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
