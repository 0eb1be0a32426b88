"""A build that patches the last one publishes what a full build publishes, or steps aside."""

from __future__ import annotations

import os
import pickle
import random
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from bench.generate import EDIT, edit_page, write_archive
from pyoxigraph import Store

from parlgraph import build as build_module
from parlgraph import patch as patch_module
from parlgraph import published as published_module
from parlgraph.build import DATASET_FILE, BuildError, build, problems
from parlgraph.dataset import PatchError, patch_lines
from parlgraph.dumps import CONTENTS, INDEX
from parlgraph.published import MOST_CHANGES, Delta
from parlgraph.report import BuildReport
from parlgraph.settings import Settings
from parlgraph.split_validation import Classes, Outside
from parlgraph.store import database_path, dumps_path
from tests.conftest import CORPUS, settings_in

QUESTIONS = 40


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    write_archive(folder, QUESTIONS, seed=7)
    return folder


def _published(settings: Settings) -> dict[str, bytes]:
    """The dataset, the dumps and their index, by name."""
    found = {DATASET_FILE: (settings.graph_dir / DATASET_FILE).read_bytes()}
    for name in [INDEX, *(dump.name for dump in CONTENTS)]:
        found[name] = (dumps_path(settings.store) / name).read_bytes()
    return found


def _store(settings: Settings) -> list[str]:
    return sorted(map(str, Store.read_only(str(database_path(settings.store)))))


def _full(tmp_path: Path, pages: Path, keep_going: bool = False) -> tuple[BuildReport, Settings]:
    """A build from scratch, without cache, beside the one under test."""
    settings = settings_in(tmp_path / "full")
    return build(settings, [pages], cache=False, keep_going=keep_going), settings


def _same_as_full(tmp_path: Path, pages: Path, out: Settings, keep_going: bool = False) -> None:
    _, full = _full(tmp_path, pages, keep_going)
    assert _published(out) == _published(full)
    assert _store(out) == _store(full)


def _question_pages(pages: Path, question: str) -> list[Path]:
    return sorted(pages.glob(f"*_{question}_*.txt"))


def _text(page: Path) -> str:
    """A page's text as Latin-1 (pages come in several encodings; what the tests look for and
    replace is the same in all)."""
    return page.read_bytes().decode("latin-1")


def _rewrite(pages: list[Path], old: str, new: str) -> None:
    for page in pages:
        text = _text(page)
        assert old in text, (page, old)
        page.write_bytes(text.replace(old, new).encode("latin-1"))


def _answered(pages: Path, renderings: int = 1) -> tuple[str, list[Path], str]:
    """A question answered, with at least ``renderings`` pages: its id, pages and answer date."""
    for page in sorted(pages.glob("web_*_fr.txt")):
        found = re.search(r"^(\d+/\d+/\d{4})R(?:\xe9|\xc3\xa9)ponse$", _text(page), re.M)
        question = page.name.split("_")[1]
        if found and len(_question_pages(pages, question)) >= renderings:
            return question, _question_pages(pages, question), found[1]
    raise AssertionError("no such question in the archive")


def test_a_patch_after_an_edit_publishes_what_a_full_build_publishes(
    tmp_path: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_in(tmp_path / "out")
    assert not build(settings, [pages]).patched
    unchanged = build(settings, [pages])
    assert unchanged.patched and unchanged.parse.read == 0 and unchanged.cached == QUESTIONS
    edited = edit_page(pages)

    def recount(*arguments: object) -> None:
        raise AssertionError("an edit of a question's text does not move the statistics")

    monkeypatch.setattr(patch_module, "statistics_patched", recount)
    report = build(settings, [pages])
    monkeypatch.undo()
    assert report.patched
    assert report.cached == QUESTIONS - 1
    assert report.parse.read == len(_question_pages(pages, edited.name.split("_")[1]))
    assert 0 < (report.store_changes or 0) < 10
    assert EDIT in (settings.graph_dir / DATASET_FILE).read_bytes()
    _same_as_full(tmp_path, pages, settings)


def test_a_patch_counts_the_statistics_again(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    before = (settings.graph_dir / DATASET_FILE).read_text(encoding="utf-8")
    _, files, answered = _answered(pages)
    day, month, year = answered.split("/")
    later = f"{day}/{month}/{int(year) + 1}"
    _rewrite(files, answered, later)  # every rendering of the chronology gives the later date
    report = build(settings, [pages])
    assert report.patched
    after = (settings.graph_dir / DATASET_FILE).read_text(encoding="utf-8")
    statistics = [line for line in after.splitlines() if "/graph/statistics>" in line]
    assert statistics != [line for line in before.splitlines() if "/graph/statistics>" in line]
    _same_as_full(tmp_path, pages, settings)


def test_a_change_to_the_reference_data_builds_in_full(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    _, files, _ = _answered(pages)
    author = re.search(r"^de (.+?) \(", _text(files[0]), re.M)
    assert author is not None
    _rewrite(files, author[1], "Anne Nouvelle")
    report = build(settings, [pages])
    assert not report.patched
    assert "Anne Nouvelle" in (settings.graph_dir / DATASET_FILE).read_text(encoding="utf-8")
    _same_as_full(tmp_path, pages, settings)


def test_a_page_that_can_no_longer_be_read_builds_in_full(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    _, files, _ = _answered(pages)
    page = next(page for page in files if page.name.startswith("web_"))
    page.write_bytes(b"")
    report = build(settings, [pages], keep_going=True)
    assert not report.patched
    assert [problem.file for problem in report.parse.errors] == [str(page)]
    _same_as_full(tmp_path, pages, settings, keep_going=True)


def test_a_patch_reports_the_warnings_a_full_build_reports(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    question, files, _ = _answered(pages, renderings=2)
    french = next(page for page in files if page.name.startswith("web_"))
    asked = re.search(r"^de .+ du (\d+ \S+ (\d{4}))$", _text(french), re.M)
    assert asked is not None
    earlier = asked[1].replace(asked[2], str(int(asked[2]) - 1))
    _rewrite([french], f"du {asked[1]}", f"du {earlier}")  # the pages now disagree on the date
    report = build(settings, [pages])
    assert report.patched
    full, _ = _full(tmp_path, pages)
    assert report.parse.warnings == full.parse.warnings
    assert report.parse.errors == full.parse.errors
    assert any(problem.question == question for problem in report.parse.warnings)


def test_a_patched_question_that_breaks_the_shapes_is_refused_or_left_out(
    tmp_path: Path, pages: Path
) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    before = _published(settings)
    question, files, answered = _answered(pages)
    day, month, year = answered.split("/")
    _rewrite(files, answered, f"{day}/{month}/{int(year) - 30}")  # answered before it was asked
    with pytest.raises(BuildError) as caught:
        build(settings, [pages])
    assert caught.value.report.patched
    assert list(caught.value.report.failed) == [question]
    assert _published(settings) == before
    report = build(settings, [pages], keep_going=True)
    assert report.patched and list(report.failed) == [question]
    assert report.questions == QUESTIONS - 1
    (line,) = {problem.file for problem in problems(report)}
    assert line == ", ".join(page.name for page in files)
    _same_as_full(tmp_path, pages, settings, keep_going=True)


def test_a_dataset_changed_by_hand_is_built_again_in_full(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    dataset = settings.graph_dir / DATASET_FILE
    dataset.write_bytes(dataset.read_bytes() + b"<x:a> <x:b> <x:c> <x:g> .\n")
    edit_page(pages)
    assert not build(settings, [pages]).patched
    _same_as_full(tmp_path, pages, settings)


def test_a_store_that_holds_another_dataset_is_loaded_in_full(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages], load=False)
    edit_page(pages)
    report = build(settings, [pages])
    assert report.patched and report.store_changes is None
    _same_as_full(tmp_path, pages, settings)


def test_patched_lines_are_those_of_the_file_sorted_again(tmp_path: Path) -> None:
    rng = random.Random(5)
    old, new = tmp_path / "old", tmp_path / "new"
    for _ in range(300):
        pool = {
            "".join(rng.choice("ab\u00e9<> ") for _ in range(rng.choice((0, 1, 3, 40)))) + "\n"
            for _ in range(rng.randint(0, 30))
        }
        kept = sorted(rng.sample(sorted(pool), rng.randint(0, len(pool))))
        removed = sorted(rng.sample(kept, rng.randint(0, len(kept))))
        added = sorted(pool - set(kept))[: rng.randint(0, len(pool))]
        old.write_text("".join(kept), encoding="utf-8")
        _, difference = patch_lines(old, new, removed, added)
        expected = sorted(set(kept) - set(removed) | set(added))
        assert new.read_text(encoding="utf-8") == "".join(expected)
        assert difference == len(added) - len(removed)
        if added:
            with pytest.raises(PatchError):
                patch_lines(new, old, [], added[:1])  # a line it holds already


def _outside(*lines: str) -> Outside:
    """An outside of one subject per line."""
    return Outside((), tuple(lines), tuple(range(len(lines))))


def test_a_change_is_local_unless_another_graph_holds_what_changed() -> None:
    own, other, shared = "<x:own> <x:p>", "<x:home> <x:p>", "<x:shared> <x:p>"
    classes = Classes({"<x:shared>": {"q1", "q2"}}, {"<x:home>": "q1"},
                      {"<x:home>": frozenset({f"{other} 1 .\n"})})  # fmt: skip
    old = _outside(f"{own} 1 .\n", f"{other} 1 .\n", f"{shared} 1 .\n")
    assert classes.local("q1", old, _outside(f"{own} 2 .\n", f"{other} 1 .\n", f"{shared} 1 .\n"))
    at_home = Outside((), (f"{own} 1 .\n", f"{other} 1 .\n", f"{other} 2 .\n", f"{shared} 1 .\n"),
                      (0, 1, 3))  # fmt: skip
    assert classes.local("q1", old, at_home)
    assert not classes.local("q2", old, at_home)  # at home in another graph
    for changed in (
        _outside(f"{own} 1 .\n", f"{other} 2 .\n", f"{shared} 1 .\n"),  # a guest's line gone
        _outside(f"{own} 1 .\n", f"{other} 1 .\n", f"{shared} 2 .\n"),  # a shared subject
        _outside(f"{own} 1 .\n", f"{other} 1 .\n"),  # a subject gone
    ):
        assert not classes.local("q1", old, changed)


def test_a_build_with_other_settings_or_code_is_built_in_full(
    tmp_path: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    elsewhere = replace(settings, base_iri="http://example.org/")
    report = build(elsewhere, [pages])
    assert not report.patched
    assert b"<http://example.org/id/" in (settings.graph_dir / DATASET_FILE).read_bytes()
    assert build(elsewhere, [pages]).patched
    monkeypatch.setattr(build_module, "fingerprint", lambda files: "other code")
    assert not build(elsewhere, [pages]).patched


def test_the_build_command_says_when_it_patched(tmp_path: Path) -> None:
    environ = {
        **os.environ,
        "PARLGRAPH_GRAPH_DIR": str(tmp_path / "graph"),
        "PARLGRAPH_BUILD_CACHE": str(tmp_path / "cache.sqlite"),
    }
    page = str(CORPUS / "web_5-8906_fr.txt")
    command = [sys.executable, "-m", "parlgraph", "build", "--no-store", page]
    said = [
        subprocess.run(command, env=environ, check=True, capture_output=True, text=True).stderr
        for _ in range(2)
    ]
    assert "patched" not in said[0]
    assert "0 pages read, 1 questions from the build cache; the last build patched" in said[1]


def test_a_state_missing_its_job_or_unreadable_builds_in_full(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    with sqlite3.connect(settings.build_cache) as cache:
        cache.execute("DELETE FROM published WHERE key = 'job'")
    edit_page(pages)
    assert not build(settings, [pages]).patched
    _same_as_full(tmp_path, pages, settings)
    with sqlite3.connect(settings.build_cache) as cache:  # a class this version does not have
        cache.execute("UPDATE published SET value = ? WHERE key = 'state'",
                      (b"cparlgraph.published\nGone\n.",))  # fmt: skip
    assert not build(settings, [pages]).patched
    assert build(settings, [pages]).patched


@pytest.mark.parametrize("most", [MOST_CHANGES, 0], ids=["kept as deltas", "written whole"])
def test_patches_one_after_another_publish_what_a_full_build_publishes(
    tmp_path: Path, pages: Path, monkeypatch: pytest.MonkeyPatch, most: int
) -> None:
    monkeypatch.setattr(published_module, "MOST_CHANGES", most)
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    _, files, answered = _answered(pages)
    day, month, year = answered.split("/")
    for later in (1, 2):  # each patch starts from the state the last one kept
        before, after = (f"{day}/{month}/{int(year) + n}" for n in (later - 1, later))
        _rewrite(files, before, after)
        assert build(settings, [pages]).patched
    edit_page(pages)
    assert build(settings, [pages]).patched
    _same_as_full(tmp_path, pages, settings)
    with sqlite3.connect(settings.build_cache) as cache:
        kept = dict(cache.execute("SELECT key, value FROM published"))
    assert (pickle.loads(kept["delta"]) is None) == (most == 0)


def test_a_delta_of_another_state_builds_in_full(tmp_path: Path, pages: Path) -> None:
    settings = settings_in(tmp_path / "out")
    build(settings, [pages])
    edit_page(pages)
    with sqlite3.connect(settings.build_cache) as cache:
        cache.execute("UPDATE published SET value = ? WHERE key = 'delta'",
                      (pickle.dumps(Delta("another state")),))  # fmt: skip
    assert not build(settings, [pages]).patched
    _same_as_full(tmp_path, pages, settings)
