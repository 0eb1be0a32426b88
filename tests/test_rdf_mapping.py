"""Mapping records to RDF: golden graphs (hand-written Turtle) compared by isomorphism."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from parlgraph import __version__
from parlgraph.extract import MentionFinder, analyse
from parlgraph.organisations import load_organisations
from parlgraph.parse import parse_files
from parlgraph.rdf.accounts import analysis_graph
from parlgraph.rdf.mapping import provenance_graph, question_graph, status_of
from parlgraph.rdf.reference import descriptor_table
from parlgraph.rdf.uris import Iris, slug
from parlgraph.settings import Settings
from parlgraph.shared_graphs import source_urls
from parlgraph.thesaurus import load_thesaurus
from tests.conftest import CORPUS, DATA

SETTINGS = Settings.load(environ={})
THESAURUS = load_thesaurus(SETTINGS.eurovoc)
ORGANISATIONS = load_organisations(SETTINGS.organisations)
FINDER = MentionFinder((form, o.id) for o in ORGANISATIONS for form in o.forms)
GOLDEN = sorted((DATA / "golden").glob("*.ttl"))


def mapped(page: Path) -> Graph:
    """The named graph the build writes for the question of one page."""
    report = parse_files([page], THESAURUS.french_labels())
    (question,) = report.questions
    iris = Iris(SETTINGS.base_iri)
    table = descriptor_table(report.questions, THESAURUS)
    urls = source_urls([page])
    graph = question_graph(question, table, iris, urls, Graph())
    analysis_graph(question, analyse(question, FINDER), iris, graph)
    return provenance_graph(question, iris, urls, __version__, graph)


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_mapping_matches_the_golden_graph(golden: Path) -> None:
    expected = Graph().parse(golden, format="turtle")
    actual = mapped(CORPUS / f"{golden.stem}.txt")
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail(
            "only in the mapping:\n"
            + only_actual.serialize(format="nt")
            + "\nonly in the golden graph:\n"
            + only_expected.serialize(format="nt")
        )


def test_golden_graph_version_is_current() -> None:
    assert __version__ == "0.1.0", "update tests/data/golden when the version changes"


SLUGS = [
    ("Martine Taelman", "martine-taelman"),
    ("Valťrie De Bue", "valtrie-de-bue"),
    ("CD&V N-VA", "cd-v-n-va"),
    ("Open Vld", "open-vld"),
    ("", "x"),
]


@pytest.mark.parametrize(("text", "expected"), SLUGS)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_long_slugs_are_cut_between_words_and_stay_unique() -> None:
    first = slug("ministre " * 12 + "de la Justice")
    second = slug("ministre " * 12 + "de l'Intérieur")
    assert first != second
    assert len(first) <= 69 and first.rsplit("-", 1)[0].endswith("ministre")


def test_status_follows_the_chronology() -> None:
    report = parse_files(
        [CORPUS / name for name in ("web_4-1580_fr.txt", "web_7-762_fr.txt", "web_5-8428_fr.txt",
                                    "web_4-5236_fr.txt", "web_4-1903_fr.txt", "web_7-1006_fr.txt")]
    )  # fmt: skip
    statuses = {q.id: status_of(q) for q in report.questions}
    assert statuses == {
        "4-1580": "answered", "7-762": "withdrawn", "5-8428": "requalified",
        "4-5236": "lapsed", "4-1903": "closed", "7-1006": "pending",
    }  # fmt: skip
