"""What a server keeps: the entries asked for last within a budget, each computed once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from parlgraph.kept import Kept


def test_the_entry_asked_for_least_recently_goes_first() -> None:
    kept: Kept[str, str] = Kept(2)
    kept.fetch("a", lambda: "A")
    kept.fetch("b", lambda: "B")
    assert kept.get("a") == "A"  # "b" is now the oldest
    kept.fetch("c", lambda: "C")
    assert kept.get("b") is None
    assert (kept.get("a"), kept.get("c"), len(kept)) == ("A", "C", 2)


def test_weights_fill_the_budget_and_an_entry_past_it_is_given_but_not_kept() -> None:
    kept: Kept[str, bytes] = Kept(10, len)
    kept.fetch("six", lambda: b"123456")
    kept.fetch("four", lambda: b"1234")
    assert len(kept) == 2
    kept.fetch("three", lambda: b"123")  # 13 bytes: the oldest goes
    assert kept.get("six") is None and len(kept) == 2
    assert kept.fetch("big", lambda: b"x" * 11) == b"x" * 11
    assert kept.get("big") is None and kept.get("four") == b"1234"


def test_a_budget_of_zero_keeps_nothing() -> None:
    kept: Kept[str, str] = Kept(0)
    assert kept.fetch("a", lambda: "A") == "A"
    assert kept.get("a") is None and len(kept) == 0


def test_what_many_ask_for_at_once_is_made_once() -> None:
    kept: Kept[str, str] = Kept(4)
    release = threading.Event()
    calls = []

    def make() -> str:
        calls.append(1)
        release.wait(5)
        return "made"

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(kept.fetch, "key", make) for _ in range(8)]
        while kept.misses + kept.hits < 8:
            threading.Event().wait(0.01)
        release.set()
        values = [future.result() for future in futures]
    assert values == ["made"] * 8 and calls == [1]
    assert (kept.misses, kept.hits) == (1, 7)


def test_an_error_reaches_everyone_waiting_and_is_not_kept() -> None:
    kept: Kept[str, str] = Kept(4)
    release = threading.Event()

    def fail() -> str:
        release.wait(5)
        raise ValueError("the store refused it")

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(kept.fetch, "key", fail) for _ in range(4)]
        while kept.misses + kept.hits < 4:
            threading.Event().wait(0.01)
        release.set()
        for future in futures:
            with pytest.raises(ValueError, match="refused"):
                future.result()
    assert kept.fetch("key", lambda: "second try") == "second try"


def test_a_value_of_none_is_kept_like_any_other() -> None:
    kept: Kept[str, str | None] = Kept(4)
    calls = []
    for _ in range(3):
        assert kept.fetch("nobody", lambda: calls.append(1)) is None
    assert calls == [1] and (kept.misses, kept.hits) == (1, 2)
