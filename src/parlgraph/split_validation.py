"""SHACL validation of the whole dataset, split into units that can run in parallel.

Validating the merged graph at once costs pySHACL minutes at 100,000 questions and does not
parallelise. A shape's verdict on a focus node depends on the triples whose subject is that node
and on the types of the nodes they point to (``sh:class``), with ``rdfs:subClassOf`` from the
ontology. So the dataset is cut along subjects:

1. The shared reference graphs are validated on their own (``build`` does it).
2. Batches of question graphs are validated with, as context, the types of the reference nodes
   they point to and the class hierarchy. A violation counts for the question that holds its focus
   node, unless that node is *shared*.
3. A subject is shared when it has triples in more than one graph and no one graph holds them all
   (an account named in several answers, a public service a question gives an account to). Shared
   subjects are validated last, with all their triples and the types of what they point to.

A subject whose triples in other graphs repeat those of one graph (a question named by the others
of its group) is validated there, with exactly the triples the whole graph has for it.
``tests/test_split_validation.py`` shows on injected errors that the violations are those of the
whole graph validated at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from parlgraph.cache import BuildCache, digest
from parlgraph.rdf.ntriples import Triple, parse_lines
from parlgraph.validation import Violation, data_graph, shapes_graph, validate

RDF_TYPE = f"<{RDF.type}>"


@dataclass(frozen=True)
class Targets:
    """What a node shape targets: instances of classes (subclasses included), subjects of
    predicates, objects of predicates (SHACL 2.1.3)."""

    classes: frozenset[Node]
    subjects_of: frozenset[Node]
    objects_of: frozenset[Node]

    def reach(self, types: set[Node], predicates: set[Node]) -> bool:
        """Whether the shape targets a node of ``types`` or a triple with one of ``predicates``."""
        return bool(self.classes & types or (self.subjects_of | self.objects_of) & predicates)


@dataclass(frozen=True)
class Context:
    """What every unit is validated with: shapes and what they target, class hierarchy,
    reference triples by subject and reference types."""

    shapes: Path
    targets: Mapping[URIRef, Targets]
    hierarchy: tuple[tuple[Node, Node, Node], ...]
    types: Mapping[Node, tuple[Node, ...]]
    reference: Mapping[Node, tuple[tuple[Node, Node, Node], ...]]

    @classmethod
    def of(cls, shapes: Path, ontology: Graph, reference: Iterable[Graph]) -> Context:
        """The context of the shared ``reference`` graphs (the ontology among them)."""
        hierarchy = tuple(ontology.triples((None, RDFS.subClassOf, None)))
        targets = _targets(shapes_graph(shapes), ontology)
        types: dict[Node, list[Node]] = defaultdict(list)
        by_subject: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
        for triple in {triple for graph in reference for triple in graph}:
            by_subject[triple[0]].append(triple)
            if triple[1] == RDF.type:
                types[triple[0]].append(triple[2])
        return cls(
            shapes,
            targets,
            hierarchy,
            {node: tuple(found) for node, found in types.items()},
            {node: tuple(found) for node, found in by_subject.items()},
        )

    def shapes_for(self, triples: Collection[tuple[Node, Node, Node]]) -> list[URIRef]:
        """The shapes that target a subject of ``triples`` (by its types, or by a predicate it is
        the subject or object of): the only ones that can find something about them."""
        types = {value for _, predicate, value in triples if predicate == RDF.type}
        predicates = {predicate for _, predicate, _ in triples}
        return [
            shape for shape, targets in self.targets.items() if targets.reach(types, predicates)
        ]

    def graph(self, triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
        """A data graph of ``triples``, the hierarchy and the reference types of their nodes."""
        given = list(triples)
        nodes = {node for triple in given for node in (triple[0], triple[2])}
        typed = [(node, RDF.type, kind) for node in nodes for kind in self.types.get(node, ())]
        return data_graph(chain(self.hierarchy, given, typed))


def _targets(shapes: Graph, ontology: Graph) -> dict[URIRef, Targets]:
    """What each named shape with targets targets: node shapes, and the property shapes that
    stand on their own once the shapes are flattened."""
    found = {}
    kinds = (SH.NodeShape, SH.PropertyShape)
    named = {s for kind in kinds for s in shapes.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    for shape in sorted(named):
        classes: set[Node] = set()
        for target in shapes.objects(shape, SH.targetClass):
            subclasses = ontology.transitive_subjects(RDFS.subClassOf, target)
            classes.update(node for node in subclasses if node is not None)
        found[shape] = Targets(
            frozenset(classes),
            frozenset(shapes.objects(shape, SH.targetSubjectsOf)),
            frozenset(shapes.objects(shape, SH.targetObjectsOf)),
        )
    return found


def check_questions(
    graphs: Mapping[str, Collection[Triple]], context: Context
) -> dict[str, list[Violation]]:
    """Validate a batch of question graphs (their triples) at once; each violation goes to the
    question whose graph holds its focus node (reference nodes are left to the reference
    graphs' validation).

    Only the shapes that target a node of the batch's graphs run: the others would find
    nothing but the reference nodes present for their types, whose verdict is not sought here.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for question_id, graph in graphs.items():
        for subject, _, _ in graph:
            owners[str(subject)].add(question_id)
    triples = [triple for graph in graphs.values() for triple in graph]
    used = context.shapes_for(triples)
    found: dict[str, list[Violation]] = {question_id: [] for question_id in graphs}
    for violation in validate(context.graph(triples), context.shapes, shapes_used=used).violations:
        if URIRef(violation.focus) in context.reference:
            continue
        for question_id in owners.get(violation.focus, ()):
            found[question_id].append(violation)
    return found


@dataclass(frozen=True)
class Outside:
    """What one question's graph gives ``Subjects``: its type lines, and the lines about nodes
    not minted under the question's IRI, in subject order, with the index where each subject's
    lines start. Flat tuples of the graph's own line objects: a build holds one per question."""

    types: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    starts: tuple[int, ...] = ()

    def by_subject(self) -> dict[str, tuple[str, ...]]:
        """Each subject's lines, sorted (a subject met twice, once under the question's IRI
        between, gets the lines of both places)."""
        ends = (*self.starts[1:], len(self.statements))
        found: dict[str, tuple[str, ...]] = {}
        for start, end in zip(self.starts, ends, strict=True):
            lines = self.statements[start:end]
            subject = lines[0].split(" ", 1)[0]
            known = found.get(subject)
            found[subject] = lines if known is None else tuple(sorted({*known, *lines}))
        return found


@dataclass
class Classes:
    """The subjects of several graphs: the shared ones, with the questions whose graphs hold
    them; those of which one graph holds all triples, with that graph's question (its home)
    and the lines the other graphs give them."""

    shared: dict[str, set[str]] = field(default_factory=dict)
    homes: dict[str, str] = field(default_factory=dict)
    guests: dict[str, frozenset[str]] = field(default_factory=dict)
    pointed: set[str] = field(default_factory=set)  # the nodes shared subjects point to

    def local(self, question_id: str, old: Outside, new: Outside) -> bool:
        """Whether a question's graph going from ``old`` to ``new`` leaves every subject's
        class as it was and what the shared subjects are validated with untouched: the same
        subjects, the same types of the nodes shared subjects point to, and every subject whose
        lines changed held by this graph alone, or at home in it with the other graphs' lines
        still among its own."""
        retyped = set(old.types) ^ set(new.types)
        if any(line.split(" ", 1)[0] in self.pointed for line in retyped):
            return False
        before, after = old.by_subject(), new.by_subject()
        if before.keys() != after.keys():
            return False
        for subject, lines in after.items():
            if lines == before[subject] or (
                subject not in self.shared and subject not in self.homes
            ):
                continue
            if self.homes.get(subject) != question_id or not self.guests[subject] <= {*lines}:
                return False
        return True


@dataclass
class Subjects:
    """Which graphs give triples to which subject (N-Triples lines), to find the shared ones.

    Nodes under a question's IRI (its answers, events…) are minted in that question's graph
    only (``rdf/uris.py``): their lines are not kept, which spares most of the memory and time;
    a graph that holds such a node of another question is an error of the mapping.
    """

    questions: str = ""  # the N-Triples start of every question IRI, e.g. "<{base}id/question/"
    # each subject's lines in each graph that has some: a tuple of the graph's own line objects
    # (frozensets of the same lines took seven times the memory: 35 MiB at 10,000 questions)
    lines: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=lambda: defaultdict(dict))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def outside(self, question_id: str, triples: Sequence[str]) -> Outside:
        """What ``add`` takes of a question's graph (sorted N-Triples lines: a subject's lines
        are neighbours), sorted out where the graph is made: every type, and every statement
        about a node not minted under the question's IRI."""
        types: list[str] = []
        statements: list[str] = []
        starts: list[int] = []
        own = f"{self.questions}{question_id}/"
        previous = None
        for line in triples:
            subject, predicate, _ = line.split(" ", 2)
            if predicate == RDF_TYPE:
                types.append(line)
            if self.questions and subject.startswith(self.questions):
                if subject.startswith(own):
                    continue
                if "/" in subject[len(self.questions) :]:
                    raise ValueError(f"{subject} is in the graph of question {question_id}")
            if subject != previous:
                starts.append(len(statements))
                previous = subject
            statements.append(line)
        return Outside(tuple(types), tuple(statements), tuple(starts))

    def add(self, question_id: str, outside: Outside) -> None:
        for line in outside.types:
            self.types[line.split(" ", 1)[0]].add(line)
        for subject, lines in outside.by_subject().items():
            self.lines[subject][question_id] = lines

    def classify(self, reference: Mapping[Node, object]) -> Classes:
        """Which subjects are shared, and which have a home (``Classes``)."""
        found = Classes()
        for subject, by_question in self.lines.items():
            in_reference = URIRef(subject[1:-1]) in reference
            if len(by_question) == 1 and not in_reference:
                continue
            union = frozenset().union(*by_question.values())
            holders = (q for q, lines in by_question.items() if union.issubset(lines))
            home = min(holders, default=None)
            if in_reference or home is None:
                found.shared[subject] = set(by_question)
                found.pointed.update(_target(line) for line in union)
            else:
                found.homes[subject] = home
                found.guests[subject] = frozenset().union(
                    *(lines for q, lines in by_question.items() if q != home)
                )
        return found

    def unit(self, subjects: Iterable[str]) -> str:
        """The N-Triples of ``subjects`` from every graph, with the types of what they point to."""
        lines: set[str] = set()
        for subject in subjects:
            for triples in self.lines[subject].values():
                lines.update(triples)
        for line in list(lines):
            lines.update(self.types.get(_target(line), ()))
        return "".join(sorted(lines))


def _target(line: str) -> str:
    """The object of an N-Triples line (the types are looked up for IRIs only)."""
    return line.split(" ", 2)[2].rsplit(" ", 1)[0]


def keep(
    question_id: str,
    violations: Iterable[Violation],
    shared: Mapping[str, object],
    homes: Mapping[str, str],
) -> list[Violation]:
    """The violations of a batch that stand: not about a shared subject, nor about a subject
    whose home is another question's graph (it was seen there with all its triples)."""
    return [
        violation
        for violation in violations
        if (term := f"<{violation.focus}>") not in shared
        and homes.get(term, question_id) == question_id
    ]


@dataclass
class Verdicts:
    """The violations that stand, by question (only those with some), and what a question's own
    verdict takes from the others: the classes of the subjects of several graphs and the
    violations found on the shared ones, by question holding them."""

    failed: dict[str, list[Violation]] = field(default_factory=dict)
    classes: Classes = field(default_factory=Classes)
    on_shared: dict[str, list[Violation]] = field(default_factory=dict)

    def judge(self, question_id: str, violations: Iterable[Violation]) -> None:
        """Record the verdict of a question whose batch found ``violations``."""
        found = keep(question_id, violations, self.classes.shared, self.classes.homes)
        found.extend(self.on_shared.get(question_id, ()))
        if found:
            self.failed[question_id] = sorted(set(found))
        else:
            self.failed.pop(question_id, None)


def check_shared(
    subjects: Subjects,
    shared: Mapping[str, set[str]],
    context: Context,
    cache: BuildCache | None = None,
    salt: str = "",
) -> dict[str, list[Violation]]:
    """Validate the shared subjects with all their triples; violations by question holding them.
    With a ``cache``, the verdict is kept by the hash of what it depends on (``salt``: the code,
    inputs and reference graphs): a build that changed none of these triples does not redo it."""
    if not shared:
        return {}
    unit = subjects.unit(shared)

    def check() -> dict[str, list[Violation]]:
        triples = parse_lines(unit)
        for subject in shared:
            triples.extend(context.reference.get(URIRef(subject[1:-1]), ()))
        found: dict[str, list[Violation]] = defaultdict(list)
        own = [triple for triple in triples if f"<{triple[0]}>" in shared]
        used = context.shapes_for(own)  # not those of the nodes present for their types only
        for violation in validate(
            context.graph(triples), context.shapes, shapes_used=used
        ).violations:
            for question_id in shared.get(f"<{violation.focus}>", ()):
                found[question_id].append(violation)
        return dict(found)

    holders = sorted((subject, sorted(questions)) for subject, questions in shared.items())
    return (cache or BuildCache(None)).only("shared", digest(salt, unit, repr(holders)), check)
