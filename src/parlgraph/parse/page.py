"""Read one saved Senate page into a one-source question record.

The rendering is recognised from the page itself (``KIND_MARKERS``); the file name
(``KIND_LEG-NR_LANG.txt``, as in ``corpus/senate/``) is a fallback for what a page does not print,
such as the number on the pipe-table web rendering.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from parlgraph.parse import bilingual, fields, single
from parlgraph.parse.assemble import PageContext, Texts, assemble
from parlgraph.parse.sections import Body, Header, read_body, read_header
from parlgraph.parse.text import PageError, decode, split_lines
from parlgraph.records import Question, Source

# Markers of each rendering, checked in order on the top of the page.
KIND_MARKERS = (
    ("printnlfr", re.compile(r"^SÉNAT DE BELGIQUE\s*\|?\s*BELGISCHE SENAAT", re.MULTILINE)),
    ("printnlfr", re.compile(r"Question écrite n° \S+\s*\|?\s*Schriftelijke vraag nr\.")),
    ("print", re.compile(r"^(?:SÉNAT DE BELGIQUE|BELGISCHE SENAAT)\s*$", re.MULTILINE)),
    ("web", re.compile(r"^(?:Version à imprimer|Tweetalige printerversie)", re.MULTILINE)),
    ("web", re.compile(r"^Chronologie\s*$", re.MULTILINE)),
    ("web", re.compile(rf"^{fields.NUMERIC_DATE} \| ", re.MULTILINE)),
)
FILE_NAME_RE = re.compile(r"(?P<kind>printnlfr|print|web)_(?P<id>\d+-\d+)_(?P<lang>fr|nl)")

TextReader = Callable[[Header, Body, PageContext], Texts]
# Rendering -> (languages printed side by side, reader of its texts).
READERS: dict[str, tuple[int, TextReader]] = {
    "web": (1, single.read_texts),
    "print": (1, single.read_texts),
    "printnlfr": (2, bilingual.read_texts),
}


@dataclass(frozen=True)
class PageReading:
    """One page read: its one-source record and what the reader noticed."""

    question: Question
    warnings: tuple[str, ...]


def read_page(data: bytes, name: str, labels: frozenset[str] = frozenset()) -> PageReading:
    """Read the bytes of one page; raise ``PageError`` if it is not a readable question page.

    ``labels`` are known French descriptor labels (case-folded), see ``PageContext``.
    """
    text = decode(data)
    context = replace(context_from_name(name), labels=labels)
    kind = detect_kind(text) or context.kind
    if kind is None:
        raise PageError("not a Senate written-question page: no known rendering recognised")
    columns, read_texts = READERS[kind]
    lines = split_lines(text)
    header = read_header(lines, columns)
    body = read_body(lines[header.end :])
    texts = read_texts(header, body, context)
    question = assemble(header, body, texts, context)
    warnings = [*body.warnings, *texts.warnings]
    complete = looks_complete(text, body)
    if not complete:
        warnings.append("the page seems cut off: its text may be incomplete")
    source = Source(base_name(name), kind, texts.lang or "fr", complete)
    return PageReading(replace(question, sources=(source,)), tuple(warnings))


def detect_kind(text: str) -> str | None:
    """The rendering of a page, from the markers it prints."""
    head = text[:3000]
    for kind, marker in KIND_MARKERS:
        if marker.search(head):
            return kind
    return None


def context_from_name(name: str) -> PageContext:
    match = FILE_NAME_RE.search(base_name(name))
    return PageContext(match["kind"], match["id"], match["lang"]) if match else PageContext()


def base_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def looks_complete(text: str, body: Body) -> bool:
    """Whether the page seems whole: it reaches its text and ends a sentence where it stops."""
    if not body.question:
        return False
    answered = any(event.type == "answer" for event in body.events)
    if answered and not body.answer:
        return False
    return text.rstrip().endswith((".", "?", "!", "»", '"', "”", ")", ";"))
