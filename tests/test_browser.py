"""In a real browser (Debian's headless Chromium driven by Playwright): the home page, an example
query with its results table, a question page, a named graph's page, no console errors, and
markup in a literal shown as text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from parlgraph.build import build
from parlgraph.settings import Settings
from tests.conftest import CORPUS, RunningServer, running

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
MARKUP = "<script>window.injected = 1</script>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed: 'make test' installs it (make browser)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert errors == [], "console errors"


def test_home_query_and_question_pages(server: RunningServer, page: Page) -> None:
    page.goto(server.url)
    assert "Written questions of the Belgian Senate" in page.inner_text("h1")
    page.click("text=Query it")
    page.wait_for_selector(".cm-editor")  # the SPARQL editor (CodeMirror) replaces the textarea
    assert page.is_hidden("#query")
    page.select_option("#example", "04-questions-per-party")
    assert "org:organization" in page.inner_text(".cm-content")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    assert page.inner_text("#results thead").split() == ["party", "name", "questions", "senators"]
    assert "Open Vld" in page.inner_text("#results tbody")
    assert page.is_visible("#download-csv")
    page.goto(server.url)
    page.click("text=question 5-8906")
    assert "Recours aux médias sociaux" in page.inner_text("h1")
    assert "Martine Taelman" in page.inner_text(".facts")


def test_a_named_graph_page_leads_to_what_it_describes(server: RunningServer, page: Page) -> None:
    page.goto(server.url + "graph/people")
    assert page.inner_text("h2").startswith("In this graph:")
    page.click(".members >> text=Martine Taelman")
    assert page.inner_text("h1") == "Martine Taelman"
    assert page.url.startswith(server.url + "id/")


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A graph built from a page whose title holds a script element."""
    folder = tmp_path_factory.mktemp("markup")
    text = (CORPUS / "web_4-1580_fr.txt").read_text(encoding="utf-8")
    pages = folder / "pages"
    pages.mkdir()
    title = "Tribunaux de police - Bruxelles - Arriéré"
    (pages / "web_4-1580_fr.txt").write_text(text.replace(title, f"{title} {MARKUP}"), "utf-8")
    settings = Settings.load(
        environ={},
        graph_dir=folder / "graph",
        store=folder / "store",
        build_cache=folder / "cache.sqlite",
    )
    build(settings, [pages])
    with running(settings) as server:
        yield server


def test_a_literal_holding_markup_is_shown_as_text(
    markup_server: RunningServer, page: Page
) -> None:
    page.goto(markup_server.url + "id/question/4-1580")
    assert MARKUP in page.inner_text("h1")
    assert page.evaluate("window.injected") is None
    page.goto(markup_server.url + "query")
    page.wait_for_selector(".cm-editor")
    page.click(".cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("SELECT ?title WHERE { ?q <http://purl.org/dc/terms/title> ?title }")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    assert MARKUP in page.inner_text("#results tbody")
    assert page.evaluate("window.injected") is None
