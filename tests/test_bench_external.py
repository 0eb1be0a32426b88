"""bench/external_store.py sets each query's figures side by side and says when answers differ."""

from __future__ import annotations

from bench.compare_servers import Timing
from bench.external_store import table


def test_each_query_side_by_side_with_ratios_and_whether_answers_agree() -> None:
    embedded = {
        "q:01-delays": Timing(firsts=[0.2], repeated=[0.001] * 20, answer=[("a", 1)]),
        "describe 5-1": Timing(firsts=[0.002], repeated=[0.001] * 20, answer={"t"}),
        "q:02-late": Timing(firsts=[0.1], repeated=[0.001] * 20, answer=[]),
    }
    external = {
        "q:01-delays": Timing(firsts=[0.3], repeated=[0.002] * 19 + [0.004], answer=[("a", 1)]),
        "describe 5-1": Timing(firsts=[0.004], repeated=[0.001] * 20, answer={"u"}),
        "q:02-late": Timing(firsts=[0.1], errors=1, answer=[]),
    }
    rows = table(embedded, external).splitlines()[4:]
    assert rows == [
        "| 01-delays | 1.0 / 1.0 (200.0) | 2.0 / 4.0 (300.0) | 2.00 | 1.50 | yes |",
        "| describe 5-1 | 1.0 / 1.0 (2.0) | 1.0 / 1.0 (4.0) | 1.00 | 2.00 | no |",
        "| 02-late | 1.0 / 1.0 (100.0) | n/a / n/a (100.0) | n/a | 1.00 | no |",
    ]
