"""pyoxigraph's result writers (an answer within the cap) and ours (the first rows of one past
it) write the same answers, and an answer past the cap in rows or bytes is left to ours."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from xml.etree import ElementTree

import pytest
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    Store,
    parse_query_results,
)

from parlgraph import results
from parlgraph.settings import Settings
from parlgraph.store import Job, database_path, run_job
from parlgraph.web.examples import examples

EX = "http://example.org/"
SRX = "{http://www.w3.org/2005/sparql-results#}"
KINDS = tuple(results.PYOXIGRAPH_FORMATS)
ALL = "SELECT ?s ?o ?absent WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?absent } }"
ODD_TEXTS = [
    "plain",
    'a "quoted", comma',
    "two\nlines\r\n",
    "tab\there",
    "back\\slash <&>",
    " padded\t",
    "é ü 漢",
]


@pytest.fixture(scope="module")
def odd_store() -> Store:
    """Every kind of term, and texts each format must escape."""
    store = Store()
    p = NamedNode(EX + "p")
    objects: list[NamedNode | BlankNode | Literal] = [Literal(text) for text in ODD_TEXTS]
    objects += [Literal("bonjour", language="fr"), Literal("nl-BE", language="nl-be")]
    objects += [Literal("42", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
    objects += [NamedNode(EX + "a?b=c&d#e"), BlankNode("b0")]
    for number, thing in enumerate(objects):
        store.add(Quad(NamedNode(f"{EX}s{number}"), p, thing))
    store.add(Quad(BlankNode("b1"), p, Literal("from a blank node")))
    return store


def _ours(solutions: QuerySolutions, kind: str) -> bytes:
    names = [variable.value for variable in solutions.variables]
    rows = [[solution[name] for name in names] for solution in solutions]
    return results.SOLUTION_WRITERS[kind](names, rows)


def _read(body: bytes, kind: str) -> tuple[list[str], Counter[tuple[str, ...]]]:
    """The variables and the rows of an answer, each term as text, in any order."""
    if kind == "json":
        document = json.loads(body)
        names = document["head"]["vars"]
        bindings = document["results"]["bindings"]
        rows = [
            tuple(json.dumps(row.get(name), sort_keys=True) for name in names) for row in bindings
        ]
    elif kind == "csv":
        lines = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        names, rows = lines[0], [tuple(line) for line in lines[1:]]
    else:
        solutions = parse_query_results(body, results.PYOXIGRAPH_FORMATS[kind])
        assert isinstance(solutions, QuerySolutions)
        names = [variable.value for variable in solutions.variables]
        rows = [tuple(str(term) for term in solution) for solution in solutions]
    return names, Counter(rows)


def _both(store: Store, query: str, kind: str, most: int = 1000) -> tuple[bytes, bytes]:
    solutions = store.query(query)
    assert isinstance(solutions, QuerySolutions)
    whole = results.whole_solutions(solutions, kind, most)
    assert whole is not None
    again = store.query(query)
    assert isinstance(again, QuerySolutions)
    return whole, _ours(again, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_both_writers_write_the_same_terms(odd_store: Store, kind: str) -> None:
    theirs, ours = _both(odd_store, ALL, kind)
    assert _read(theirs, kind) == _read(ours, kind)
    names, found = _read(theirs, kind)
    assert names == ["s", "o", "absent"] and sum(found.values()) == len(odd_store)


@pytest.mark.parametrize("kind", KINDS)
def test_both_writers_agree_on_the_example_queries(built: Settings, kind: str) -> None:
    store = Store.read_only(str(database_path(built.store)))
    for example in examples():
        theirs, ours = _both(store, example.text, kind)
        assert _read(theirs, kind) == _read(ours, kind), example.name


@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_past_the_cap_is_left_to_our_writers(odd_store: Store, kind: str) -> None:
    rows = len(odd_store)
    for most, whole in ((rows, True), (rows - 1, False)):
        solutions = odd_store.query(ALL)
        assert isinstance(solutions, QuerySolutions)
        assert (results.whole_solutions(solutions, kind, most) is not None) is whole


@pytest.mark.parametrize("kind", KINDS)
def test_texts_full_of_braces_and_line_ends_are_not_taken_for_rows(kind: str) -> None:
    store = Store()
    for number in range(3):
        text = Literal("{\n" * 20 + str(number))
        store.add(Quad(NamedNode(f"{EX}s{number}"), NamedNode(EX + "p"), text))
    for most, whole in ((3, True), (2, False)):
        solutions = store.query("SELECT ?o WHERE { ?s ?p ?o }")
        assert isinstance(solutions, QuerySolutions)
        written = results.whole_solutions(solutions, kind, most)
        assert (written is not None) is whole
        if written is not None:
            assert sum(_read(written, kind)[1].values()) == 3


def test_an_answer_past_its_bytes_is_left_to_our_writers() -> None:
    store = Store()
    long = Literal("x" * (3 * results.ROW_BYTES))
    for number in range(3):
        store.add(Quad(NamedNode(f"{EX}s{number}"), NamedNode(EX + "p"), long))
    solutions = store.query("SELECT ?o WHERE { ?s ?p ?o }")
    assert isinstance(solutions, QuerySolutions)
    assert results.whole_solutions(solutions, "json", 3) is None  # 3 rows, but 9 KiB
    answer = run_job(store, Job("SELECT ?o WHERE { ?s ?p ?o }", "text/csv", 3))
    assert not answer.truncated and answer.body.count(b"\r\n") == 1 + 3  # the header, 3 rows
    assert answer.body.count(b"x" * 100) == 3 * 30


def test_a_truncated_answer_holds_the_first_rows(odd_store: Store) -> None:
    answer = run_job(odd_store, Job(ALL, "application/sparql-results+json", 4))
    assert answer.truncated and len(json.loads(answer.body)["results"]["bindings"]) == 4
    whole = run_job(odd_store, Job(ALL, "application/sparql-results+json", 100))
    assert not whole.truncated
    assert len(json.loads(whole.body)["results"]["bindings"]) == len(odd_store)


@pytest.mark.parametrize("past", [-1, 0, 1])
def test_a_graph_is_cut_at_the_cap_and_only_past_it(odd_store: Store, past: int) -> None:
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    cap = len(odd_store) - past  # one under the triples, all of them, one over
    answer = run_job(odd_store, Job(construct, "application/n-triples", cap))
    assert answer.truncated is (past > 0)
    assert answer.body.count(b"\n") == min(cap, len(odd_store))


def test_our_xml_keeps_every_character_of_a_text_as_an_xml_parser_reads_it() -> None:
    rows = [[Literal(text)] for text in ODD_TEXTS]
    document = ElementTree.fromstring(results.solutions_xml(["o"], rows))
    found = [element.text for element in document.iter(SRX + "literal")]
    assert found == ODD_TEXTS


def test_pyoxigraph_writes_xml_lossily_so_it_is_left_to_ours() -> None:
    store = Store()
    store.add(Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("a\r\nb")))
    solutions = store.query("SELECT ?o WHERE { ?s ?p ?o }")
    assert isinstance(solutions, QuerySolutions)
    theirs = solutions.serialize(format=QueryResultsFormat.XML) or b""
    read = [e.text for e in ElementTree.fromstring(theirs).iter(SRX + "literal")]
    assert read == ["a\nb"]  # the carriage return is lost; once kept, pyoxigraph may write XML
    assert "xml" not in results.PYOXIGRAPH_FORMATS
