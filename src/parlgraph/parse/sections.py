"""Read the sections every rendering shares, in page order.

All three renderings print, in this order: a header (number, author, addressed post), the title,
the descriptors, the chronology, the links ("Aussi posée à", "Réintroduite comme"…), the question
heading and text, then the answer heading and text. They differ in separators (blank lines,
``________``, pipe cells) and in whether each part is printed once or in both languages; the
rendering modules turn these parts into a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from parlgraph.parse import fields
from parlgraph.parse.text import Line
from parlgraph.records import Event


class Part(IntEnum):
    TITLE = 1
    DESCRIPTORS = 2
    META = 3
    QUESTION = 4
    ANSWER = 5


@dataclass
class Header:
    """What the page prints above the title."""

    ids: list[tuple[str, str]] = field(default_factory=list)  # (id, language of the phrase)
    authors: list[tuple[str, str | None, date | None]] = field(default_factory=list)
    addressees: list[Line] = field(default_factory=list)
    printed_date: date | None = None
    end: int = 0  # index of the first line after the header


@dataclass
class Body:
    """The parts below the header; text parts keep their lines (cells and all)."""

    title: list[Line] = field(default_factory=list)
    descriptors: list[Line] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    deadline: date | None = None
    also_asked: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    heading_dates: list[date] = field(default_factory=list)
    asked_in: str | None = None
    has_question_heading: bool = False
    question: list[Line] = field(default_factory=list)
    answer_dates: list[date] = field(default_factory=list)
    answer: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_header(lines: list[Line], columns: int, limit: int = 40) -> Header:
    """Find the number, author(s) and addressed post(s) at the top of a page.

    ``columns`` is how many languages the page prints side by side (1, or 2 for the bilingual
    print): the header holds that many authors and addressed posts.
    """
    header = Header()
    for index, line in enumerate(lines[:limit]):
        text = line.text.strip()
        if not text or fields.SEPARATOR_RE.match(text):
            continue
        if len(header.addressees) == columns:
            break
        if _read_header_line(header, line, text, columns):
            header.end = index + 1
        elif header.addressees:
            break
    if not header.ids:
        header.end = 0
    return header


def _read_header_line(header: Header, line: Line, text: str, columns: int) -> bool:
    if not header.authors and fields.NUMBER_RE.search(text):
        for match in fields.NUMBER_RE.finditer(text):
            header.ids.append((match["id"], "fr" if match["fr"] else "nl"))
        return True
    if not header.ids:
        header.printed_date = header.printed_date or fields.first_date(text)
        return False
    author = fields.AUTHOR_RE.match(line.cells[0])
    if author and not header.addressees and len(header.authors) < columns:
        when = fields.parse_date(author["date"]) if author["date"] else None
        header.authors.append((author["name"].strip(), author["party"], when))
        return True
    if fields.ADDRESSEE_RE.match(line.cells[0]):
        header.addressees.append(line)
        return True
    return False


def read_body(lines: list[Line]) -> Body:
    """Read title, descriptors, chronology, links, question and answer, in page order."""
    body = Body()
    part = Part.TITLE
    for line in lines:
        text = line.text.strip()
        if not text:
            _blank(body, part, line)
            continue
        if fields.SEPARATOR_RE.match(text):
            continue
        part = _read_line(body, part, line, text)
    return body


def _blank(body: Body, part: Part, line: Line) -> None:
    """Keep spacer lines in texts: in the bilingual print they separate French from Dutch."""
    if line.is_spacer and part >= Part.QUESTION:
        (body.answer if part is Part.ANSWER else body.question).append(line)


def _read_line(body: Body, part: Part, line: Line, text: str) -> Part:
    if part < Part.QUESTION and _read_meta(body, line, text):
        return Part.META
    heading = fields.QUESTION_HEADING_RE.match(text)
    if heading and part <= Part.META:
        _read_question_heading(body, text)
        return Part.QUESTION
    answer = fields.ANSWER_HEADING_RE.match(text)
    if answer and part >= Part.META:
        body.answer_dates.extend(
            when
            for match in fields.ANSWER_HEADING_RE.finditer(text)
            if (when := fields.parse_date(match["date"])) is not None
        )
        return Part.ANSWER
    return _read_text(body, part, line)


def _read_text(body: Body, part: Part, line: Line) -> Part:
    if part is Part.TITLE:
        body.title.append(line)
        return Part.DESCRIPTORS
    if part is Part.DESCRIPTORS:
        body.descriptors.append(line)
        return part
    if part is Part.META and fields.is_cut_link(line.text):
        body.warnings.append(f"line {line.number}: link line cut off: {line.text.strip()!r}")
        return part
    if part is Part.META:
        part = Part.QUESTION  # the pipe-table rendering prints no question heading
    (body.answer if part is Part.ANSWER else body.question).append(line)
    return part


def _read_meta(body: Body, line: Line, text: str) -> bool:
    """Chronology, deadline and link lines; True when the line was one of them."""
    if fields.CHRONOLOGY_HEADING_RE.match(text):
        return True
    if fields.PROVISIONAL_RE.match(text):
        body.events.append(Event(None, "provisional_answer"))
        return True
    deadline = fields.DEADLINE_RE.search(text)
    if deadline:
        body.deadline = body.deadline or fields.parse_date(deadline["date"])
    event = fields.EVENT_RE.match(text)
    if event:
        _read_event(body, line, event["date"], event["label"])
        return True
    if deadline and text.startswith("("):
        return True
    return _read_links(body, text)


def _read_event(body: Body, line: Line, when_text: str, label: str) -> None:
    when = fields.parse_date(when_text)
    kind = fields.event_type(label)
    if kind is None or when is None:
        body.warnings.append(f"line {line.number}: unknown chronology entry {line.text.strip()!r}")
        return
    body.events.append(Event(when, kind))


def _read_links(body: Body, text: str) -> bool:
    matches = list(fields.LINK_RE.finditer(text))
    for match in matches:
        label = fields.label_key(match["label"])
        if label in fields.ALSO_ASKED_LABELS:
            body.also_asked.append(match["target"])
        else:
            kind = " ".join(match["kind"].split())
            body.links.append((fields.LINK_LABELS[label], match["target"], kind))
    return bool(matches)


def _read_question_heading(body: Body, text: str) -> None:
    body.has_question_heading = True
    for match in fields.QUESTION_HEADING_RE.finditer(text):
        when = fields.parse_date(match["date"])
        if when:
            body.heading_dates.append(when)
        if match["lang"] and body.asked_in is None:
            body.asked_in = fields.ASKED_IN_LANGUAGES.get(fields.label_key(match["lang"]))
