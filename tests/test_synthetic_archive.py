"""The synthetic archive of bench/ parses back into the questions it was made of."""

from __future__ import annotations

from pathlib import Path

from bench.archive import questions
from bench.generate import EUROVOC, write_archive

from parlgraph.parse import parse_files

COUNT = 300


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    write_archive(tmp_path / "one", 40, seed=7)
    write_archive(tmp_path / "two", 40, seed=7)
    files = sorted(path.name for path in (tmp_path / "one").iterdir())
    assert files == sorted(path.name for path in (tmp_path / "two").iterdir())
    assert all(
        (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes() for f in files
    )


def test_every_question_parses_back_to_what_was_generated(tmp_path: Path) -> None:
    pages = write_archive(tmp_path, COUNT, seed=3)
    report = parse_files([tmp_path])
    truth = {question.id: question for question in questions(COUNT, 3, EUROVOC)}
    assert report.errors == []
    assert pages > COUNT
    assert sorted(q.id for q in report.questions) == sorted(truth)
    kinds = {source.kind for q in report.questions for source in q.sources}
    assert kinds == {"web", "print", "printnlfr"}
    for parsed in report.questions:
        made = truth[parsed.id]
        assert parsed.author and parsed.author.name == made.author.name
        assert parsed.date == made.sent
        assert set(parsed.also_asked) == {target for kind, target in made.links if kind == "also"}
        if all(source.complete for source in parsed.sources):
            assert [(e.date, e.type) for e in parsed.events] == made.events, parsed.id
            expected = tuple(fr for fr, _ in made.descriptors)
            assert not parsed.descriptors.fr or parsed.descriptors.fr == expected, parsed.id
