"""Each page beside its hand-written expected record (tests/data/expected), field by field.

Expected records were written by reading the pages. Texts are given either in full (through a
side file) or by how they start and end and how many paragraphs they have.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parlgraph.parse import parse_page
from parlgraph.thesaurus import load_thesaurus
from tests.conftest import CORPUS, DATA, ROOT

EXPECTED = sorted((DATA / "expected").glob("*_*_*.json"))
EXPECTED = [path for path in EXPECTED if not path.name.endswith(".texts.json")]
TEXT_FIELDS = ("question_text", "answer_text")
LABELS = load_thesaurus(ROOT / "graph" / "reference" / "eurovoc.tsv").french_labels()


def _page_and_expected(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    page = CORPUS / (path.name.removesuffix(".json") + ".txt")
    expected = json.loads(path.read_text(encoding="utf-8"))
    return parse_page(page, LABELS).question.to_json(), expected


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_record_fields(path: Path) -> None:
    actual, expected = _page_and_expected(path)
    for key, value in expected.items():
        if key not in TEXT_FIELDS:
            assert actual[key] == value, f"{path.stem}: {key}"
    assert set(actual) == set(expected), "the record keys are the documented contract"


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_record_texts(path: Path) -> None:
    actual, expected = _page_and_expected(path)
    for key in TEXT_FIELDS:
        for lang in ("fr", "nl"):
            _check_text(actual[key][lang], expected[key][lang], f"{path.stem}: {key}.{lang}")


def _check_text(actual: str | None, spec: dict[str, Any] | None, where: str) -> None:
    if spec is None:
        assert actual is None, where
        return
    assert actual is not None, where
    if "file" in spec:
        full = json.loads((DATA / "expected" / spec["file"]).read_text(encoding="utf-8"))
        assert actual == full[spec["key"]], where
    if "starts" in spec:
        assert actual.startswith(spec["starts"]), where
    if "ends" in spec:
        assert actual.endswith(spec["ends"]), where
    if "paragraphs" in spec:
        assert len(actual.split("\n\n")) == spec["paragraphs"], where


def test_expected_records_cover_every_rendering_event_and_link() -> None:
    records = [json.loads(path.read_text(encoding="utf-8")) for path in EXPECTED]
    kinds = {(s["kind"], s["lang"]) for r in records for s in r["sources"]}
    events = {e["type"] for r in records for e in r["events"]}
    links = {link["type"] for r in records for link in r["links"]}
    assert len(records) >= 30
    assert kinds == {(k, lang) for k in ("web", "print", "printnlfr") for lang in ("fr", "nl")}
    assert events == {
        "sent", "reminder", "answer", "supplementary_answer", "provisional_answer",
        "requalified", "withdrawn", "closed", "end_of_legislature",
    }  # fmt: skip
    assert links == {"resubmission_of", "resubmitted_as", "requalification_of", "requalified_as"}
