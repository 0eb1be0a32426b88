"""Validate a graph against ontology/shapes.ttl with pySHACL.

SHACL: https://www.w3.org/TR/shacl/ (section 3.4 Validation, 3.6 Validation report).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from parlgraph.flat_shapes import flatten


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: where (focus node, path) and why (message)."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


@cache
def shapes_graph(path: Path) -> Graph:
    """The shapes of ``path`` as they are validated: flattened (``flat_shapes.py``)."""
    return flatten(Graph().parse(path, format="turtle"))


def validate(
    data: Graph,
    shapes: Path,
    focus: Iterable[Node] | None = None,
    shapes_used: Iterable[URIRef] | None = None,
) -> ValidationReport:
    """Validate ``data`` against the shapes file ``shapes``; the report lists every violation.

    With ``focus``, only those nodes are validated (the rest of ``data`` is context, e.g. the
    reference graph that ``sh:class`` constraints look into). With ``shapes_used``, only those
    node shapes run.
    """
    use_shapes = None if shapes_used is None else [str(shape) for shape in shapes_used]
    if use_shapes == []:
        return ValidationReport(True)
    focus_nodes: list[str | URIRef] | None = None
    if focus is not None:
        focus_nodes = sorted({node for node in focus if isinstance(node, URIRef)})
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes_graph(shapes),
        inference="none",
        abort_on_first=False,
        focus_nodes=focus_nodes,
        use_shapes=use_shapes,
        inplace=True,  # callers pass a graph of their own; no need for pySHACL to copy it
    )
    violations = sorted(violations_of(results))
    return ValidationReport(bool(conforms), violations)


def violations_of(results: Graph) -> list[Violation]:
    """The violations of a pySHACL results graph."""
    found = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        found.append(
            Violation(
                str(focus),
                str(path) if path is not None else "",
                str(message) if message is not None else "",
                str(severity).rsplit("#", 1)[-1],
            )
        )
    return found


def load_dataset(path: Path) -> Graph:
    """The union of every graph in an N-Quads (or Turtle) file, to validate as one."""
    from rdflib import Dataset

    if path.suffix == ".nq":
        dataset = Dataset()
        dataset.parse(path, format="nquads")
        union = Graph()
        for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
            union.add((subject, predicate, obj))
        return union
    return Graph().parse(path)
