"""The dumps: what each holds, and that a build copying unchanged blocks from the last build's
dumps writes the bytes a build from scratch writes."""

from __future__ import annotations

import gzip
import json
import random
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from parlgraph.dumps import BLOCKS, CONTENTS, INDEX, patch_dumps, write_dumps
from parlgraph.loading import write_merged
from tests.conftest import ROOT

BITS = 6  # blocks of 64 lines on average: the bundled graph gives about a hundred and fifty


def write(dataset: Path, folder: Path, previous: Path | None = None) -> dict[str, int]:
    """The dumps of ``dataset`` in ``folder``; how many blocks of each were copied."""
    merged = dataset.with_suffix(".nt")
    write_merged(dataset, merged)
    with ThreadPoolExecutor(3) as pool:
        write_dumps(dataset, merged, folder, pool, previous, BITS)()
    record = json.loads((folder / BLOCKS).read_text(encoding="utf-8"))
    return {name: entry["reused"] for name, entry in record.items()}


def edited(tmp_path: Path) -> Path:
    """The bundled dataset with one line changed, one added and one removed, still sorted."""
    lines = (ROOT / "graph" / "parlgraph.nq").read_text(encoding="utf-8").splitlines(True)
    middle = len(lines) // 2
    lines[middle] = lines[middle].replace('"', '"(edited) ', 1)
    lines.append(lines[-1].replace("> <", "-added> <", 1))
    del lines[len(lines) // 4]
    path = tmp_path / "edited.nq"
    path.write_text("".join(sorted(set(lines))), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, dict[str, int]]:
    """The dumps of the bundled dataset, then of an edited copy written from scratch and written
    reusing the first ones' blocks."""
    folder = tmp_path_factory.mktemp("dumps")
    original = folder / "original.nq"
    original.write_bytes((ROOT / "graph" / "parlgraph.nq").read_bytes())
    assert write(original, folder / "first") == {content.name: 0 for content in CONTENTS}
    dataset = edited(folder)
    write(dataset, folder / "scratch")
    reused = write(dataset, folder / "reusing", folder / "first")
    return dataset, folder / "scratch", folder / "reusing", reused


def test_a_dump_reusing_unchanged_blocks_is_byte_for_byte_the_dump_written_from_scratch(
    dumps: tuple[Path, Path, Path, dict[str, int]],
) -> None:
    _, scratch, reusing, reused = dumps
    for content in CONTENTS:
        blocks = json.loads((reusing / BLOCKS).read_text(encoding="utf-8"))[content.name]
        total = len(blocks["blocks"])  # three edits change at most a few blocks each
        assert total - 10 < reused[content.name] < total, content.name
        assert (reusing / content.name).read_bytes() == (scratch / content.name).read_bytes()


def test_each_dump_holds_the_dataset_in_its_format(
    dumps: tuple[Path, Path, Path, dict[str, int]],
) -> None:
    dataset, _, reusing, _ = dumps
    nquads = gzip.decompress((reusing / "parlgraph.nq.gz").read_bytes())
    assert nquads == dataset.read_bytes()
    quads = set(parse(input=nquads, format=RdfFormat.N_QUADS))
    jsonld = gzip.decompress((reusing / "parlgraph.jsonld.gz").read_bytes())
    assert set(parse(input=jsonld, format=RdfFormat.JSON_LD)) == quads
    turtle = gzip.decompress((reusing / "parlgraph.ttl.gz").read_bytes())
    assert turtle.count(b"@prefix dcterms:") == 1
    triples = {quad.triple for quad in parse(input=turtle, format=RdfFormat.TURTLE)}
    assert triples == {quad.triple for quad in quads}


def test_a_last_build_without_its_dump_files_is_not_reused(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset.nq"
    dataset.write_bytes((ROOT / "graph" / "parlgraph.nq").read_bytes())
    write(dataset, tmp_path / "first")
    (tmp_path / "first" / "parlgraph.ttl.gz").unlink()
    reused = write(dataset, tmp_path / "second", tmp_path / "first")
    assert reused["parlgraph.ttl.gz"] == 0
    assert reused["parlgraph.nq.gz"] > 100


def test_patched_dumps_are_byte_for_byte_the_dumps_written_from_scratch(tmp_path: Path) -> None:
    lines = (ROOT / "graph" / "parlgraph.nq").read_text(encoding="utf-8").splitlines(True)
    original = tmp_path / "original.nq"
    original.write_text("".join(lines), encoding="utf-8")
    write(original, tmp_path / "first")
    ends = [line for line in lines if zlib.crc32(line.encode()) & ((1 << BITS) - 1) == 0]
    rng = random.Random(3)
    for trial in range(6):
        removed = set(rng.sample(lines, 5)) | set(rng.sample(ends, 2))  # blocks' last lines too
        if trial == 0:
            removed |= set(lines[:40])  # the first blocks gone
        picked = enumerate(rng.sample(lines, 6))
        added = {line.replace("> <", f"-{trial}{n}> <", 1) for n, line in picked}
        added |= {"<a:first> <a:p> <a:o> <a:g> .\n", "<x:\U0001f600> <a:p> <a:o> <a:g> .\n"}
        dataset = tmp_path / f"patched-{trial}.nq"
        dataset.write_text("".join(sorted(set(lines) - removed | added)), encoding="utf-8")
        patched = tmp_path / f"patched-{trial}"
        assert patch_dumps(dataset, patched, tmp_path / "first", [*removed, *added], BITS)
        write(dataset, tmp_path / f"scratch-{trial}")
        for name in [INDEX, *(content.name for content in CONTENTS)]:
            ours, theirs = patched / name, tmp_path / f"scratch-{trial}" / name
            assert ours.read_bytes() == theirs.read_bytes(), (trial, name)
        record = json.loads((patched / BLOCKS).read_text(encoding="utf-8"))
        assert all(entry["reused"] > len(entry["blocks"]) // 2 for entry in record.values())


def test_dumps_recorded_without_first_lines_are_not_patched(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset.nq"
    dataset.write_bytes((ROOT / "graph" / "parlgraph.nq").read_bytes())
    write(dataset, tmp_path / "first")
    record = json.loads((tmp_path / "first" / BLOCKS).read_text(encoding="utf-8"))
    for entry in record.values():
        entry["blocks"] = [block[:3] for block in entry["blocks"]]
    (tmp_path / "first" / BLOCKS).write_text(json.dumps(record), encoding="utf-8")
    assert patch_dumps(dataset, tmp_path / "second", tmp_path / "first", []) is None
    assert not (tmp_path / "second").exists()
