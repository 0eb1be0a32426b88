"""The shapes as pySHACL validates them fastest: each property shape of a node shape stands on its
own, with that node shape's targets (SHACL 2.1.3 allows targets on property shapes).

Both say the same (SHACL 2.3: a focus node of a node shape is validated against each of its
``sh:property`` shapes), and ``tests/test_flat_shapes.py`` shows they find the same violations.
The difference is pySHACL's: a property shape nested in a node shape is validated once per focus
node, its constraint components built anew each time, where a property shape with targets is
validated once for all its focus nodes: half the time of a question's validation.

``ontology/shapes.ttl`` keeps the usual nested form, which people read and tools show; this is
done when the shapes are loaded. Left as they are: node shapes that other shapes refer to
(``sh:node``, ``sh:and``…: there the nesting is the meaning) or to one of whose property
shapes, deactivated ones, and those without targets. A closed node shape keeps its meaning by
listing the paths of the property shapes it gave away among its ``sh:ignoredProperties``.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
TRUE = Literal(True)
REFERRING = (SH.node, SH["and"], SH["or"], SH.xone, SH["not"], SH.qualifiedValueShape)


def flatten(shapes: Graph) -> Graph:
    """A copy of ``shapes`` with the property shapes of every node shape that can give them
    away standing on their own, named ``{node shape}-property-{n}``."""
    flat = Graph()
    for prefix, namespace in shapes.namespaces():
        flat.bind(prefix, namespace)
    for triple in shapes:
        flat.add(triple)
    referred = _referred(shapes)
    named_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    for shape in sorted(named_shapes):
        targets = [(p, o) for p in TARGETS for o in shapes.objects(shape, p)]
        properties = sorted(shapes.objects(shape, SH.property), key=lambda p: _content(shapes, p))
        if (
            shape in referred
            or referred.intersection(properties)
            or shapes.value(shape, SH.deactivated) == TRUE
            or not targets
            or not properties
        ):
            continue
        if shapes.value(shape, SH.closed) == TRUE:
            _keep_closed(flat, shapes, shape, properties)
        for number, prop in enumerate(properties, 1):
            named = URIRef(f"{shape}-property-{number}")
            flat.remove((shape, SH.property, prop))
            for predicate, value in shapes.predicate_objects(prop):
                flat.remove((prop, predicate, value))
                flat.add((named, predicate, value))
            flat.add((named, RDF.type, SH.PropertyShape))
            for predicate, value in targets:
                flat.add((named, predicate, value))
    return flat


def _referred(shapes: Graph) -> set[Node]:
    """The shapes other shapes refer to, directly or in a list (``sh:or ( … )``)."""
    found: set[Node] = set()
    for predicate in REFERRING:
        for value in shapes.objects(None, predicate):
            found.add(value)
            if (value, RDF.first, None) in shapes:
                found.update(Collection(shapes, value))
    return found


def _content(shapes: Graph, node: Node) -> str:
    """A property shape's statements as text: an order for blank nodes that does not depend on
    their labels (lists inside count by their members)."""
    parts = []
    for predicate, value in sorted(shapes.predicate_objects(node)):
        if isinstance(value, BNode) and (value, RDF.first, None) in shapes:
            text = " ".join(item.n3() for item in Collection(shapes, value))
        else:
            text = value.n3() if not isinstance(value, BNode) else "[]"
        parts.append(f"{predicate.n3()} {text}")
    return " ; ".join(parts)


def _keep_closed(flat: Graph, shapes: Graph, shape: Node, properties: list[Node]) -> None:
    """A closed shape allows the paths of its property shapes (SHACL 4.8.1): list them."""
    allowed: list[Node] = []
    for ignored in list(shapes.objects(shape, SH.ignoredProperties)):
        allowed += list(Collection(shapes, ignored))
        flat.remove((shape, SH.ignoredProperties, ignored))
    for prop in properties:
        allowed += [path for path in shapes.objects(prop, SH.path) if isinstance(path, URIRef)]
    head = BNode()
    Collection(flat, head, list(dict.fromkeys(allowed)))
    flat.add((shape, SH.ignoredProperties, head))
