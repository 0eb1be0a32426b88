"""Bad input: a clear message naming the file, the other files still parsed, no crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from parlgraph.cli import main
from parlgraph.parse import PageError, parse_files, parse_page
from tests.conftest import CORPUS, DATA

OTHER_SITE = b"""<!DOCTYPE html><html><head><title>Le Soir</title></head>
<body><h1>Actualit\xc3\xa9s</h1><p>Rien \xc3\xa0 voir avec le S\xc3\xa9nat.</p></body></html>"""
NO_NUMBER = (CORPUS / "web_5-8906_fr.txt").read_bytes().replace(b"5-8906", b"")

BAD_PAGES = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"\n  \n", "empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("controls.txt", bytes(range(1, 256)) * 8, "binary"),  # no NUL: 27 control bytes in 255
    ("other-site.html", OTHER_SITE, "not a Senate written-question page"),
    ("no-number.txt", NO_NUMBER, "no question number"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_PAGES, ids=[p[0] for p in BAD_PAGES])
def test_bad_page_is_refused_with_its_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PageError, match=reason):
        parse_page(path)


@pytest.mark.parametrize(("name", "data", "reason"), BAD_PAGES, ids=[p[0] for p in BAD_PAGES])
def test_one_bad_file_spoils_nothing_else(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    report = parse_files([CORPUS / "web_5-8906_fr.txt", bad, CORPUS / "web_4-1580_fr.txt"])
    assert [q.id for q in report.questions] == ["4-1580", "5-8906"]
    assert len(report.errors) == 1
    assert report.errors[0].file == str(bad)
    assert reason in report.errors[0].message


def test_a_page_with_a_few_control_bytes_is_read(tmp_path: Path) -> None:
    page = (CORPUS / "web_5-8906_fr.txt").read_bytes().replace(b"\n\n", b"\n\x0b\n", 20)
    assert page[:4096].count(b"\x0b") >= 5
    path = tmp_path / "web_5-8906_fr.txt"
    path.write_bytes(page)
    assert parse_page(path).question.id == "5-8906"


def test_cli_names_the_bad_file_and_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(
        main, ["parse", "--json", str(CORPUS / "web_4-1580_fr.txt"), str(bad)]
    )
    assert result.exit_code == 1
    assert f"error: {bad}: the file is empty" in result.stderr
    assert '"id": "4-1580"' in result.stdout


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    report = parse_files([tmp_path / "absent.txt"])
    assert report.questions == []
    assert report.errors[0].file.endswith("absent.txt")


def test_windows_1252_page_reads_like_its_utf8_twin() -> None:
    cp1252 = parse_page(DATA / "pages" / "web_4-1580_fr.cp1252.txt").question
    utf8 = parse_page(CORPUS / "web_4-1580_fr.txt").question
    assert cp1252.to_json() | {"sources": None} == utf8.to_json() | {"sources": None}
    assert cp1252.title.fr == "Tribunaux de police - Bruxelles - Arriéré"


def test_cut_page_gives_a_record_and_a_warning() -> None:
    reading = parse_page(CORPUS / "web_4-775_fr.txt")
    assert reading.question.id == "4-775"
    assert reading.question.sources[0].complete is False
    assert any("cut off" in warning for warning in reading.warnings)


def test_cut_link_line_is_not_taken_for_question_text() -> None:
    reading = parse_page(CORPUS / "printnlfr_5-8916_nl.txt")
    assert reading.question.question_text.fr is None
    assert any("link line cut off" in warning for warning in reading.warnings)
