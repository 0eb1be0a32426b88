"""The whole bundled corpus: every page parses and merges into one record per question."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from parlgraph.cli import main
from parlgraph.parse import parse_files


def test_every_page_parses_into_one_record_per_question(corpus_dir: Path) -> None:
    report = parse_files([corpus_dir])
    assert report.errors == []
    assert len(report.questions) == 86
    assert all(q.id and q.date for q in report.questions)
    # The pipe-table web page of 4-2140 prints no header at all: it alone has no author.
    assert [q.id for q in report.questions if q.author is None] == ["4-2140"]


def test_cli_prints_one_json_record_per_question(corpus_dir: Path) -> None:
    result = CliRunner().invoke(main, ["parse", "--json", str(corpus_dir)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids)) == 86
    assert all(r["id"] not in r["also_asked"] for r in records)


def test_output_is_deterministic(corpus_dir: Path) -> None:
    first = CliRunner().invoke(main, ["parse", "--json", str(corpus_dir)]).stdout
    second = CliRunner().invoke(main, ["parse", "--json", str(corpus_dir)]).stdout
    assert first == second
