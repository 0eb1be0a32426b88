"""The build: deterministic, equal to the committed graph, atomic, and refusing broken graphs."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from bench.generate import EDIT, edit_page, write_archive
from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store

from parlgraph import loading
from parlgraph.build import DATASET_FILE, BuildError, BuildReport, build, problems
from parlgraph.dataset import line_text
from parlgraph.loading import load_store, write_merged
from parlgraph.settings import ROOT, Settings
from parlgraph.store import database_path
from tests.conftest import CORPUS, settings_in

_settings = settings_in


PATCH = pytest.mark.parametrize("patch", [True, False], ids=["patched", "from the cache"])


def _rebuild(settings: Settings, pages: Path, patch: bool, load: bool = True) -> BuildReport:
    """Build again: patching the last build, or (its state forgotten) in full from the cache."""
    if not patch:
        with sqlite3.connect(settings.build_cache) as cache:
            cache.execute("DELETE FROM published")
    report = build(settings, [pages], load=load)
    assert report.patched == patch
    return report


def test_rebuild_gives_the_committed_graph_byte_for_byte(built: Settings) -> None:
    committed = ROOT / "graph" / DATASET_FILE
    assert (built.graph_dir / DATASET_FILE).read_bytes() == committed.read_bytes()


def test_store_holds_every_quad_in_one_named_graph_per_question(built: Settings) -> None:
    lines = (built.graph_dir / DATASET_FILE).read_text(encoding="utf-8").splitlines()
    store = Store.read_only(str(database_path(built.store)))
    triples = {line.rsplit(" <", 1)[0] for line in lines}
    in_default = list(store.quads_for_pattern(None, None, None, DefaultGraph()))
    assert len(store) - len(in_default) == len(lines)
    assert len(in_default) == len(triples) < len(lines), "the default graph is the merge"
    graphs = {str(g.value) for g in store.named_graphs()}
    questions = {g for g in graphs if "/graph/question/" in g}
    assert len(questions) == 86
    shared = ("people", "organisations", "concepts", "ontology")
    assert {built.base_iri + "graph/" + name for name in shared} <= graphs


def _bad_page(tmp_path: Path) -> Path:
    """A real page whose number was changed to legislature 0, which the shapes refuse."""
    text = (CORPUS / "web_4-1580_fr.txt").read_text(encoding="utf-8")
    page = tmp_path / "pages" / "web_0-1580_fr.txt"
    page.parent.mkdir()
    page.write_text(text.replace("4-1580", "0-1580"), encoding="utf-8")
    return page


def test_a_shape_violation_fails_the_build_with_a_readable_report(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    with pytest.raises(BuildError) as caught:
        build(settings, [_bad_page(tmp_path), CORPUS / "web_4-775_fr.txt"], load=False)
    report = caught.value.report
    assert list(report.failed) == ["0-1580"]
    lines = [str(problem) for problem in problems(report)]
    assert any(
        line.startswith("web_0-1580_fr.txt (0-1580): http://127.0.0.1:5000/id/question/0-1580 ")
        and "legislature" in line
        for line in lines
    ), lines
    assert not settings.graph_dir.exists() or not (settings.graph_dir / DATASET_FILE).exists()


def test_keep_going_publishes_the_rest_and_reports_the_failures(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    pages = [_bad_page(tmp_path), CORPUS / "web_4-775_fr.txt"]
    report = build(settings, pages, keep_going=True, load=False)
    assert list(report.failed) == ["0-1580"]
    assert report.questions == 1
    text = (settings.graph_dir / DATASET_FILE).read_text(encoding="utf-8")
    assert "/graph/question/4-775>" in text
    assert "/graph/question/0-1580>" not in text


def test_an_interrupted_build_leaves_the_previous_one_intact(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    pages = [CORPUS / "web_4-775_fr.txt", CORPUS / "web_4-1580_fr.txt"]
    build(settings, pages[:1])
    before = (settings.graph_dir / DATASET_FILE).read_bytes()

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(settings, pages, progress=interrupt)
    with pytest.raises(BuildError):
        build(settings, [_bad_page(tmp_path)])
    assert (settings.graph_dir / DATASET_FILE).read_bytes() == before
    assert sorted(p.name for p in settings.graph_dir.iterdir()) == [DATASET_FILE]
    assert _named_quads(settings) == before.count(b"\n")


def _named_quads(settings: Settings) -> int:
    store = Store.read_only(str(database_path(settings.store)))
    return sum(1 for quad in store if not isinstance(quad.graph_name, DefaultGraph))


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    pages = [CORPUS / "web_5-8906_fr.txt", CORPUS / "printnlfr_5-8904_fr.txt"]
    build(settings, pages, load=False)
    first = (settings.graph_dir / DATASET_FILE).read_bytes()
    build(settings, list(reversed(pages)), load=False)
    assert (settings.graph_dir / DATASET_FILE).read_bytes() == first


def test_a_killed_build_leaves_the_previous_one_intact_and_no_process(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    build(settings, [CORPUS / "web_4-775_fr.txt"])
    before = (settings.graph_dir / DATASET_FILE).read_bytes()
    pages = tmp_path / "pages"
    write_archive(pages, 300, seed=8)  # pages and questions enough for the worker pools
    environ = {
        **os.environ,
        "PARLGRAPH_GRAPH_DIR": str(settings.graph_dir),
        "PARLGRAPH_STORE": str(settings.store),
        "PARLGRAPH_BUILD_CACHE": str(tmp_path / "another-cache.sqlite"),
        "PARLGRAPH_BUILD_WORKERS": "2",
    }
    command = [sys.executable, "-m", "parlgraph", "build", str(pages)]
    process = subprocess.Popen(
        command, env=environ, stderr=subprocess.DEVNULL, start_new_session=True
    )
    group = process.pid  # the build's processes, its workers among them, are all in its group
    while len(_alive(group)) < 2:  # killed while its workers run
        if process.poll() is not None:
            pytest.skip("the build finished before it could be killed")
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (settings.graph_dir / DATASET_FILE).read_bytes() == before
    assert _named_quads(settings) == before.count(b"\n")
    deadline = time.monotonic() + 10
    while _alive(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive(group) == []
    build(settings, [CORPUS / "web_4-775_fr.txt"], load=False)  # cleans what the kill left
    assert sorted(p.name for p in settings.graph_dir.iterdir()) == [DATASET_FILE]


def _alive(group: int) -> list[int]:
    """The processes of a process group that are not zombies (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, process_group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except OSError:
            continue  # ended meanwhile
        if int(process_group) == group and state != "Z":
            found.append(int(stat.parent.name))
    return found


VERDICTS = ("reference", "statistics")  # cache tables of what a build checks once


def test_the_kept_verdicts_are_found_again_by_a_build_with_another_hash_seed(
    tmp_path: Path,
) -> None:
    """The verdicts on the reference graphs and on the statistics are kept by the hash of their
    lines: a build in a new process (string hashes seeded anew) must find them again."""
    settings = _settings(tmp_path)
    pages = [str(CORPUS / name) for name in ("web_5-8906_fr.txt", "web_4-775_fr.txt")]
    keys = []
    for seed in ("1", "2"):
        environ = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "PARLGRAPH_GRAPH_DIR": str(settings.graph_dir),
            "PARLGRAPH_BUILD_CACHE": str(settings.build_cache),
        }
        command = [sys.executable, "-m", "parlgraph", "build", "--no-store", *pages]
        subprocess.run(command, env=environ, check=True, capture_output=True)
        with sqlite3.connect(settings.build_cache) as cache:
            kept = {t: cache.execute(f"SELECT key FROM {t}").fetchall() for t in VERDICTS}
            cache.execute("DELETE FROM published")  # the next build runs in full, not patched
        keys.append(kept)
    assert all(len(found) == 1 for found in keys[0].values())
    assert keys[1] == keys[0]


@PATCH
def test_incremental_build_redoes_only_the_changed_question_and_gives_the_same_bytes(
    tmp_path: Path, patch: bool
) -> None:
    pages = tmp_path / "pages"
    write_archive(pages, 30, seed=2)
    settings = _settings(tmp_path / "incremental")
    first = build(settings, [pages], load=False)
    assert first.cached == 0 and first.questions == 30
    again = _rebuild(settings, pages, patch, load=False)
    assert again.cached == 30
    edit_page(pages)
    changed = _rebuild(settings, pages, patch, load=False)
    assert changed.cached == 29
    full = build(_settings(tmp_path / "full"), [pages], load=False, cache=False)
    assert full.cached == 0
    dataset = settings.graph_dir / DATASET_FILE
    assert dataset.read_bytes() == (tmp_path / "full" / "graph" / DATASET_FILE).read_bytes()
    assert EDIT in dataset.read_bytes()


def test_the_same_build_with_one_or_two_workers_gives_the_same_bytes(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write_archive(pages, 250, seed=4)  # more than one batch of questions
    outputs = []
    for workers in (1, 2):
        settings = replace(_settings(tmp_path / str(workers)), build_workers=workers)
        build(settings, [pages], load=False, cache=False)
        outputs.append((settings.graph_dir / DATASET_FILE).read_bytes())
    assert outputs[0] == outputs[1]


@PATCH
def test_an_unchanged_dataset_keeps_its_store_and_a_changed_one_gets_a_new_one(
    tmp_path: Path, patch: bool
) -> None:
    pages = tmp_path / "pages"
    write_archive(pages, 10, seed=9)
    settings = _settings(tmp_path / "out")
    build(settings, [pages])
    loaded = database_path(settings.store).stat().st_ino
    _rebuild(settings, pages, patch)
    assert database_path(settings.store).stat().st_ino == loaded
    edit_page(pages)
    _rebuild(settings, pages, patch)
    assert database_path(settings.store).stat().st_ino != loaded
    store = Store.read_only(str(database_path(settings.store)))
    assert any("(bis)" in str(quad.object) for quad in store.quads_for_pattern(None, None, None))


def _quads(store: Path) -> list[str]:
    return sorted(map(str, Store.read_only(str(database_path(store)))))


@PATCH
def test_a_changed_dataset_updates_the_store_to_what_a_full_load_gives(
    tmp_path: Path, patch: bool
) -> None:
    pages = tmp_path / "pages"
    write_archive(pages, 12, seed=5)
    settings = _settings(tmp_path / "out")
    assert build(settings, [pages]).store_changes is None  # no store yet: loaded in full
    edit_page(pages)
    updated = _rebuild(settings, pages, patch)
    assert updated.store_changes is not None and 0 < updated.store_changes < 40
    fresh = tmp_path / "fresh"
    assert load_store(settings.graph_dir / DATASET_FILE, fresh) is None
    assert _quads(settings.store) == _quads(fresh)
    old_title = [q for q in _quads(settings.store) if EDIT.decode() in q]
    assert old_title, "the edit reached the store"
    dumps = sorted(p.name for p in (settings.store / "dumps").iterdir())
    assert dumps == sorted(p.name for p in (fresh / "dumps").iterdir())
    for name in dumps:
        assert (settings.store / "dumps" / name).read_bytes() == (
            fresh / "dumps" / name
        ).read_bytes(), name


def test_a_store_update_keeps_in_the_merge_a_triple_another_graph_still_holds(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.nq"
    new = tmp_path / "new.nq"
    old.write_text(
        "<x:a> <x:p> <x:b> <x:g1> .\n<x:s> <x:p> <x:o> <x:g1> .\n<x:s> <x:p> <x:o> <x:g2> .\n"
    )
    new.write_text("<x:c> <x:p> <x:d> <x:g1> .\n<x:s> <x:p> <x:o> <x:g2> .\n")
    store = tmp_path / "store"
    load_store(old, store, hashlib.sha256(old.read_bytes()).hexdigest())
    assert load_store(new, store, "new", previous=old) == 3
    assert _quads(store) == sorted(
        [
            "<x:c> <x:p> <x:d> <x:g1>",
            "<x:s> <x:p> <x:o> <x:g2>",
            "<x:c> <x:p> <x:d>",
            "<x:s> <x:p> <x:o>",
        ]
    )


def test_a_store_that_does_not_hold_the_previous_dataset_is_loaded_in_full(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.nq"
    old.write_text("<x:a> <x:p> <x:b> <x:g1> .\n")
    store = tmp_path / "store"
    load_store(old, store, "not the hash of old.nq")
    assert load_store(old, store, "again", previous=old) is None
    assert _quads(store) == ["<x:a> <x:p> <x:b>", "<x:a> <x:p> <x:b> <x:g1>"]


def test_a_store_loaded_by_slices_holds_what_one_bulk_load_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = tmp_path / "data.nq"
    dataset.write_text(
        "".join(f'<x:s{n}> <x:p> "{n}" <x:g{n % 3}> .\n' for n in range(11))
        + "<x:t> <x:p> <x:o> <x:g1> .\n<x:t> <x:p> <x:o> <x:g2> .\n"
    )
    whole = Store()
    whole.bulk_load(path=str(dataset), format=RdfFormat.N_QUADS)
    whole.extend([Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in whole])
    monkeypatch.setattr(loading, "SLICE", 2)  # 13 lines in 7 slices, the merge's 12 in 6
    load_store(dataset, tmp_path / "store")
    assert _quads(tmp_path / "store") == sorted(map(str, whole))


def test_dataset_lines_sorted_in_two_parts_come_in_the_order_of_whole_lines() -> None:
    triples = [
        '<x:s> <x:p> "a" .\n',
        '<x:s> <x:p> "a"@en .\n',
        '<x:s> <x:p> "a"^^<x:t> .\n',
        '<x:s> <x:p> "a b" .\n',
        '<x:s> <x:p> "a\\"" .\n',
        "<x:s> <x:p> <x:o> .\n",
        "<x:s> <x:p> <x:o2> .\n",
        "<x:s> <x:p2> <x:o> .\n",
        "<x:s2> <x:p> <x:o> .\n",
    ]
    ends = [" <x:g> .\n", " <x:g2> .\n", " <x:f> .\n"]
    pairs = [(triple, end) for triple in triples for end in ends]
    assert [line_text(pair) for pair in sorted(pairs)] == sorted(map(line_text, pairs))


@PATCH
def test_a_page_is_read_again_only_when_its_size_or_time_changed(
    tmp_path: Path, patch: bool
) -> None:
    pages = tmp_path / "pages"
    write_archive(pages, 6, seed=3)
    hour_ago = time.time() - 3600
    for page in pages.iterdir():
        os.utime(page, (hour_ago, hour_ago))  # old enough for its time stamp to be kept
    settings = _settings(tmp_path / "out")
    build(settings, [pages], load=False)
    page = sorted(pages.glob("web_*.txt"))[0]
    text = page.read_bytes()
    page.write_bytes(text.replace(b"?", b"!", 1))  # same size, same time: taken as unchanged
    os.utime(page, (hour_ago, hour_ago))
    assert _rebuild(settings, pages, patch, load=False).cached == 6
    page.write_bytes(text.replace(b"?", b"!", 1) + b" ")  # another size: read again
    changed = _rebuild(settings, pages, patch, load=False)
    assert changed.cached == 5
    assert b"!" in (settings.graph_dir / DATASET_FILE).read_bytes()


@PATCH
def test_an_unchanged_archive_is_neither_parsed_nor_merged_again(
    tmp_path: Path, patch: bool
) -> None:
    pages = tmp_path / "pages"
    write_archive(pages, 8, seed=6)
    settings = _settings(tmp_path / "out")
    assert build(settings, [pages], load=False).parse.read == len(list(pages.glob("*.txt")))
    first = (settings.graph_dir / DATASET_FILE).read_bytes()
    assert _rebuild(settings, pages, patch, load=False).parse.read == 0
    assert (settings.graph_dir / DATASET_FILE).read_bytes() == first
    edited = edit_page(pages)
    number = edited.stem.split("_")[1]
    again = _rebuild(settings, pages, patch, load=False)  # the edited page, its question's others
    assert again.parse.read == len(list(pages.glob(f"*_{number}_*.txt"))) > 1


def test_the_merge_is_each_triple_once_sorted(tmp_path: Path) -> None:
    crafted = tmp_path / "crafted.nq"
    crafted.write_text(
        "".join(
            sorted(
                [
                    '<x:s> <x:p> "a" <x:g1> .\n',
                    '<x:s> <x:p> "a" <x:g2> .\n',
                    '<x:s> <x:p> "a"@en <x:g1> .\n',
                    '<x:s> <x:p> "a b" <x:g2> .\n',
                    "<x:s> <x:p> <x:o> <x:g1> .\n",
                    "<x:s> <x:p> <x:o> <x:g2> .\n",
                    "<x:s> <x:p> <x:o2> <x:g1> .\n",
                ]
            )
        )
    )
    for dataset in (crafted, ROOT / "graph" / DATASET_FILE):
        lines = dataset.read_text(encoding="utf-8").splitlines()
        expected = sorted({line.rsplit(" <", 1)[0] + " .\n" for line in lines})
        write_merged(dataset, tmp_path / "merged.nt")
        assert (tmp_path / "merged.nt").read_text(encoding="utf-8") == "".join(expected)
