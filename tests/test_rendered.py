"""The rendered pages kept in memory: the last ones asked for, at most as many as the setting."""

from __future__ import annotations

from parlgraph.web.rendered import Page, Rendered


def _page(text: str) -> Page:
    return Page(text.encode(), "text/html")


def test_the_page_asked_for_least_recently_goes_first() -> None:
    rendered = Rendered(2)
    for name in ("a", "b"):
        rendered.put(("h", name, "text/html"), _page(name))
    assert rendered.get(("h", "a", "text/html")) == _page("a")  # "b" is now the oldest
    rendered.put(("h", "c", "text/html"), _page("c"))
    assert rendered.get(("h", "b", "text/html")) is None
    assert rendered.get(("h", "a", "text/html")) == _page("a")
    assert len(rendered) == 2


def test_a_size_of_zero_keeps_nothing() -> None:
    rendered = Rendered(0)
    assert rendered.put(("h", "a", "text/html"), _page("a")) == _page("a")
    assert rendered.get(("h", "a", "text/html")) is None
