"""Validation split into batches and shared subjects finds what validating the whole graph finds.

A synthetic archive is mapped to graphs, errors are injected (in one question's own nodes, in
nodes several graphs share, in reference nodes a question touches), and the violations of the
split validation are compared with those of pySHACL run once on the merged graph; and those,
found with the flattened shapes (``flat_shapes.py``), with what the shapes as written find.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyshacl
import pytest
from bench.generate import write_archive
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from parlgraph.build import BuildReport
from parlgraph.cache import BuildCache
from parlgraph.parse import parse_files
from parlgraph.rdf.namespaces import PG
from parlgraph.rdf.ntriples import Triple
from parlgraph.rdf.ntriples import lines as ntriples
from parlgraph.settings import Settings
from parlgraph.shared_graphs import reference_job
from parlgraph.split_validation import Subjects, check_questions, check_shared, keep
from parlgraph.stages import QuestionJob, question_triples
from parlgraph.thesaurus import load_thesaurus
from parlgraph.validation import Violation, data_graph, validate, violations_of

BATCH = 15


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory) -> tuple[QuestionJob, dict[str, Graph]]:
    folder = tmp_path_factory.mktemp("archive")
    write_archive(folder, 60, seed=11)
    settings = Settings.load(environ={})
    thesaurus = load_thesaurus(settings.eurovoc)
    questions = parse_files([folder], thesaurus.french_labels()).questions
    files = sorted(folder.glob("*.txt"))
    job, _ = reference_job(
        settings, questions, thesaurus, files, BuildReport(), BuildCache(None), ""
    )
    return job, {question.id: as_graph(question_triples(question, job)) for question in questions}


def as_graph(triples: set[Triple]) -> Graph:
    """The triples in an rdflib graph, where errors are injected."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def inject(job: QuestionJob, graphs: dict[str, Graph]) -> set[str]:
    """Break the graphs in ways each unit kind must catch; return the focus nodes broken."""
    iris = job.iris
    ids = sorted(graphs)
    one, two, three, four = (graphs[i] for i in ids[:4])
    # 1. A question's own node: a second date, and a title in a language not allowed.
    first = iris.question(ids[0])
    one.add((first, DCTERMS.date, Literal("2001-01-01", datatype=XSD.date)))
    one.add((first, DCTERMS.title, Literal("Titel", lang="de")))
    # 2. A value of the wrong class: the author is a descriptor scheme, not a foaf:Person.
    second = iris.question(ids[1])
    two.remove((second, DCTERMS.creator, None))
    two.add((second, DCTERMS.creator, iris.descriptor_scheme()))
    # 3. An account named in two answers, with a different platform in each: only the union of
    #    the two graphs has two platforms.
    account = iris.account("twitter", "shared-handle")
    for graph, question_id, platform in ((three, ids[2], "twitter"), (four, ids[3], "facebook")):
        graph.add((account, RDF.type, FOAF.OnlineAccount))
        graph.add((account, PG.platform, iris.code("platform", platform)))
        graph.add((account, PG.mentionedIn, iris.question(question_id)))
    # 4. A question named by another with a wrong number: the two graphs disagree about it.
    other = iris.question(ids[5])
    four.add((other, RDF.type, PG.WrittenQuestion))
    four.add((other, PG.number, Literal(999_999_999)))
    # 5. A reference node a question touches: a public service given an account that is no
    #    foaf:OnlineAccount.
    three.add((iris.organisation("fps-finance"), FOAF.account, iris.question(ids[2])))
    return {
        str(first),
        str(second),
        str(account),
        str(other),
        str(iris.organisation("fps-finance")),
    }


def merged(job: QuestionJob, graphs: dict[str, Graph]) -> Graph:
    """The reference graphs and every question graph as one graph."""
    union = Graph()
    for triples in job.context.reference.values():
        for triple in triples:
            union.add(triple)
    for graph in graphs.values():
        union += graph
    return union


def whole(job: QuestionJob, graphs: dict[str, Graph]) -> set[Violation]:
    return set(validate(merged(job, graphs), job.context.shapes).violations)


def split(
    job: QuestionJob, graphs: dict[str, Graph], cache: BuildCache | None = None
) -> dict[str, set[Violation]]:
    ids = sorted(graphs)
    found: dict[str, set[Violation]] = {}
    subjects = Subjects(f"<{job.iris.question('')}")
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    results = {}
    for batch in batches:
        results.update(check_questions({i: set(graphs[i]) for i in batch}, job.context))
    for question_id in ids:
        subjects.add(question_id, subjects.outside(question_id, ntriples(graphs[question_id])))
    classes = subjects.classify(job.context.reference)
    for question_id in ids:
        found[question_id] = set(
            keep(question_id, results[question_id], classes.shared, classes.homes)
        )
    on_shared = check_shared(subjects, classes.shared, job.context, cache)
    for question_id, violations in on_shared.items():
        found[question_id] |= set(violations)
    return found


def flatten(found: dict[str, set[Violation]]) -> Iterator[Violation]:
    for violations in found.values():
        yield from violations


def test_unbroken_graphs_conform_both_ways(mapped: tuple[QuestionJob, dict[str, Graph]]) -> None:
    job, graphs = mapped
    assert whole(job, graphs) == set()
    assert set(flatten(split(job, graphs))) == set()


def test_split_validation_finds_what_whole_validation_finds(
    mapped: tuple[QuestionJob, dict[str, Graph]],
) -> None:
    job, pristine = mapped
    graphs = {question_id: Graph() + graph for question_id, graph in pristine.items()}
    broken = inject(job, graphs)
    expected = whole(job, graphs)
    found = split(job, graphs)
    assert {violation.focus for violation in expected} == broken
    assert set(flatten(found)) == expected
    ids = sorted(graphs)
    flagged = {question_id for question_id, violations in found.items() if violations}
    assert flagged >= set(ids[:4])
    for question_id in flagged:  # charged to a question whose graph holds the broken node
        assert any((URIRef(focus), None, None) in graphs[question_id] for focus in broken)


def test_the_flattened_shapes_find_what_the_shapes_as_written_find(
    mapped: tuple[QuestionJob, dict[str, Graph]],
) -> None:
    job, pristine = mapped
    graphs = {question_id: Graph() + graph for question_id, graph in pristine.items()}
    broken = inject(job, graphs)
    stray = job.iris.question(sorted(graphs)[6])  # a property no shape of a closed shape has
    graphs[sorted(graphs)[6]].add((stray, FOAF.name, Literal("not a question's")))
    union = merged(job, graphs)
    as_written = Graph().parse(job.context.shapes)
    conforms, results, _ = pyshacl.validate(union, shacl_graph=as_written, inference="none")
    expected = set(violations_of(results))
    assert not conforms and {v.focus for v in expected} == broken | {str(stray)}
    assert set(validate(union, job.context.shapes).violations) == expected


def test_the_kept_verdict_of_shared_subjects_is_used_only_for_the_same_triples(
    mapped: tuple[QuestionJob, dict[str, Graph]], tmp_path: Path
) -> None:
    job, pristine = mapped
    cache = BuildCache(tmp_path / "cache.sqlite")
    assert set(flatten(split(job, pristine, cache))) == set()
    assert set(flatten(split(job, pristine, cache))) == set()
    assert cache.hits == 1
    graphs = {question_id: Graph() + graph for question_id, graph in pristine.items()}
    inject(job, graphs)
    assert set(flatten(split(job, graphs, cache))) == whole(job, graphs)
    assert cache.hits == 1


def test_the_bookkeeping_holds_every_type_and_what_graphs_say_of_nodes_they_do_not_mint(
    mapped: tuple[QuestionJob, dict[str, Graph]],
) -> None:
    job, graphs = mapped
    questions = f"<{job.iris.question('')}"
    subjects, shuffled = Subjects(questions), Subjects(questions)
    lines: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    types: dict[str, set[str]] = defaultdict(set)
    for question_id, graph in graphs.items():
        written = ntriples(graph)
        subjects.add(question_id, subjects.outside(question_id, written))
        unsorted = written[1::2] + written[::2]  # a subject's lines apart: still all kept
        shuffled.add(question_id, shuffled.outside(question_id, unsorted))
        by_subject: dict[str, set[str]] = defaultdict(set)
        for line in written:
            subject, predicate, _ = line.split(" ", 2)
            if predicate == f"<{RDF.type}>":
                types[subject].add(line)
            if not subject.startswith(f"{questions}{question_id}/"):
                by_subject[subject].add(line)
        for subject, found in by_subject.items():
            lines[subject][question_id] = frozenset(found)
    for kept in (subjects, shuffled):
        as_sets = {
            subject: {question_id: frozenset(found) for question_id, found in by_question.items()}
            for subject, by_question in kept.lines.items()
        }
        assert as_sets == lines
        held = [found for by_question in kept.lines.values() for found in by_question.values()]
        assert all(len(set(found)) == len(found) for found in held)  # each line once
    assert subjects.types == types == shuffled.types
    assert any(len(by_question) > 1 for by_question in subjects.lines.values())


def test_a_graph_holding_a_node_minted_for_another_question_is_refused(
    mapped: tuple[QuestionJob, dict[str, Graph]],
) -> None:
    job, graphs = mapped
    first, second = sorted(graphs)[:2]
    stray = job.iris.answer(second)
    line = f"<{stray}> <{RDF.type}> <{PG.Answer}> .\n"
    subjects = Subjects(f"<{job.iris.question('')}")
    with pytest.raises(ValueError, match=f"{second}/.* is in the graph of question {first}"):
        subjects.outside(first, (*ntriples(graphs[first]), line))


def test_a_data_graph_counts_each_triple_once_and_validates_as_a_graph_does(
    mapped: tuple[QuestionJob, dict[str, Graph]],
) -> None:
    job, pristine = mapped
    question_id = sorted(pristine)[0]
    triples = list(pristine[question_id])
    data = data_graph([*triples, *triples[:3]])
    assert len(data) == len(triples) and set(data) == set(triples)
    subject = URIRef(f"{job.iris.question(question_id)}")
    data.remove((subject, DCTERMS.date, None))
    graph = Graph() + pristine[question_id]
    graph.remove((subject, DCTERMS.date, None))
    assert len(data) == len(graph) < len(triples)
    expected = validate(graph, job.context.shapes).violations
    assert any(violation.path == str(DCTERMS.date) for violation in expected)
    assert validate(data, job.context.shapes).violations == expected
