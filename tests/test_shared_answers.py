"""Answers one server process computed, read by another from the server's folder."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from parlgraph.settings import Settings
from parlgraph.shared_answers import SharedAnswers
from parlgraph.store import Answer, EmbeddedStore, Job, QueryFailed

QUESTIONS = "SELECT ?q WHERE { ?q a <https://w3id.org/parlgraph/ontology#WrittenQuestion> }"


def test_an_answer_written_is_read_back_whole(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path, budget=2**20)
    job, answer = Job("ASK {}", "application/sparql-results+json", 10), Answer("x", b"{}")
    assert shared.get(job) is None
    shared.put(job, answer)
    assert shared.get(job) == answer
    assert shared.get(Job("ASK {}", "text/csv", 10)) is None, "another media type, another job"
    assert [p.suffix for p in tmp_path.iterdir()] == [""], "no part-written file is left"


def test_nothing_is_written_past_the_budget_and_a_damaged_file_is_no_answer(
    tmp_path: Path,
) -> None:
    shared = SharedAnswers(tmp_path, budget=300)
    small, large = Job("ASK {}", "text/csv", 1), Job("SELECT * {}", "text/csv", 1)
    shared.put(small, Answer("text/csv", b"x" * 100))
    shared.put(large, Answer("text/csv", b"x" * 400))
    assert shared.get(small) is not None and shared.get(large) is None
    assert shared.used() <= 300
    next(tmp_path.iterdir()).write_bytes(b"not an answer")
    assert shared.get(small) is None


def test_a_second_store_answers_from_what_the_first_computed(
    built: Settings, tmp_path: Path
) -> None:
    """The second store has no query worker left: it can only answer from the folder."""
    first = EmbeddedStore(built.store, workers=1, shared=SharedAnswers(tmp_path, 2**20))
    second = EmbeddedStore(built.store, workers=1, timeout=0.5,
                           shared=SharedAnswers(tmp_path, 2**20))  # fmt: skip
    second.close()
    job = Job(QUESTIONS, "text/csv", 100)
    try:
        computed = first.query(job)
        assert computed.body.count(b"\r\n") > 2
        assert second.query(job) == computed
        with pytest.raises(QueryFailed, match="busy"):
            second.query(Job(QUESTIONS + " LIMIT 1", "text/csv", 100))
    finally:
        first.close()


def test_a_file_that_unpickles_to_something_else_is_no_answer(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path, budget=2**20)
    job = Job("ASK {}", "text/csv", 1)
    shared.put(job, Answer("text/csv", b"yes"))
    next(tmp_path.iterdir()).write_bytes(pickle.dumps({"not": "an answer"}))
    assert shared.get(job) is None


def test_room_is_made_by_removing_the_answers_used_least_lately(tmp_path: Path) -> None:
    answer = Answer("text/csv", b"x" * 100)
    size = len(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
    shared = SharedAnswers(tmp_path, budget=2 * size + size // 2)  # room for two answers
    first, second, third, fourth = (Job(f"ASK {{}} # {n}", "text/csv", 1) for n in range(4))
    shared.put(first, answer)
    shared.put(second, answer)
    assert shared.get(first) == answer  # read lately: the second is now the least lately used
    shared.put(third, answer)
    assert shared.get(second) is None
    assert shared.get(first) == answer and shared.get(third) == answer
    being_written = tmp_path / "another-process.part"
    being_written.write_bytes(b"y" * size)
    shared.put(fourth, answer)  # the part counts: room for one answer beside it
    assert being_written.exists(), "what another process writes stays"
    assert [shared.get(job) is not None for job in (first, third, fourth)] == [False, False, True]
    assert shared.used() <= shared.budget
