"""Flattened shapes: each property shape of a node shape on its own, with its targets."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from parlgraph.flat_shapes import flatten

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .

ex:Closed a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true ;
    sh:ignoredProperties ( rdf:type ) ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] , [ sh:path ex:age ; sh:maxCount 1 ] .
ex:Referred a sh:NodeShape ; sh:targetClass ex:Other ;
    sh:property [ sh:path ex:code ; sh:minCount 1 ] .
ex:Pointing a sh:NodeShape ; sh:targetClass ex:Pointer ;
    sh:property [ sh:path ex:to ; sh:node ex:Referred ] .
"""
EX = "http://example.org/"


def test_property_shapes_get_their_node_shapes_targets_and_names() -> None:
    flat = flatten(Graph().parse(data=SHAPES, format="turtle"))
    assert not list(flat.objects(URIRef(EX + "Closed"), SH.property))
    named = sorted(str(shape) for shape in flat.subjects(SH.targetClass, URIRef(EX + "Thing")))
    assert named == [EX + "Closed", EX + "Closed-property-1", EX + "Closed-property-2"]
    assert (URIRef(named[1]), RDF.type, SH.PropertyShape) in flat
    assert {flat.value(URIRef(shape), SH.path) for shape in named[1:]} == {
        URIRef(EX + "age"),
        URIRef(EX + "name"),
    }


def test_a_closed_shape_allows_the_paths_it_gave_away() -> None:
    flat = flatten(Graph().parse(data=SHAPES, format="turtle"))
    ignored = flat.value(URIRef(EX + "Closed"), SH.ignoredProperties)
    assert ignored is not None
    assert list(Collection(flat, ignored)) == [RDF.type, URIRef(EX + "age"), URIRef(EX + "name")]


def test_a_shape_other_shapes_refer_to_keeps_its_nesting() -> None:
    flat = flatten(Graph().parse(data=SHAPES, format="turtle"))
    assert len(list(flat.objects(URIRef(EX + "Referred"), SH.property))) == 1
    assert not list(flat.objects(URIRef(EX + "Pointing"), SH.property))  # it refers; not referred
