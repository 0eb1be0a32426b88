"""Assemble a one-page question record from the header and body sections of a page.

Shared by the one-language reader (``single``) and the bilingual reader (``bilingual``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from parlgraph.parse import fields
from parlgraph.parse.sections import Body, Header
from parlgraph.parse.text import PageError
from parlgraph.records import (
    EVENT_TYPES,
    Author,
    Bilingual,
    Descriptors,
    Event,
    Link,
    Question,
    id_sort_key,
)


@dataclass(frozen=True)
class PageContext:
    """What is known of a page besides its text.

    ``kind``, ``id`` and ``lang`` come from its file name (``web_5-8906_fr.txt``) and may be
    unknown; ``labels`` are known French descriptor labels (EuroVoc), case-folded, used to split
    descriptors that a pipe-table page runs together.
    """

    kind: str | None = None
    id: str | None = None
    lang: str | None = None
    labels: frozenset[str] = frozenset()


@dataclass
class Texts:
    """The language-dependent parts of a page, once a reader has told the languages apart."""

    lang: str | None
    addressee: Bilingual
    title: Bilingual
    descriptors: Descriptors
    question_text: Bilingual
    answer_text: Bilingual
    warnings: list[str] = field(default_factory=list)


def assemble(header: Header, body: Body, texts: Texts, context: PageContext) -> Question:
    """Build the record of one page (without its source)."""
    identifier = page_id(header, body, context, texts.warnings)
    legislature, number = id_sort_key(identifier)
    own = {identifier}
    return Question(
        id=identifier,
        legislature=legislature,
        number=number,
        author=author_of(header),
        date=question_date(header, body),
        addressee=texts.addressee,
        title=texts.title,
        descriptors=texts.descriptors,
        asked_in=body.asked_in,
        events=chronology(body.events),
        answer_deadline=body.deadline,
        also_asked=tuple(sorted(set(body.also_asked) - own, key=id_sort_key)),
        links=tuple(dict.fromkeys(Link(*link) for link in body.links)),
        question_text=texts.question_text,
        answer_text=texts.answer_text,
    )


def page_id(header: Header, body: Body, context: PageContext, warnings: list[str]) -> str:
    """The question number the page prints, else the one its file name gives."""
    printed = [identifier for identifier, _ in header.ids]
    if not header.authors:
        warnings.append("the page prints no author")
    if not printed and context.id:
        warnings.append(
            f"the page prints no question number; {context.id} taken from the file name"
        )
        return context.id
    if not printed:
        raise PageError("the page prints no question number (line 1 onwards)")
    if context.id and context.id != printed[0]:
        warnings.append(f"the page is question {printed[0]}, its file name says {context.id}")
    return printed[0]


def question_date(header: Header, body: Body) -> date | None:
    """The date of the question: the author line's, else the heading's, print's, or sending's."""
    for _, _, when in header.authors:
        if when:
            return when
    if body.heading_dates:
        return body.heading_dates[0]
    if header.printed_date:
        return header.printed_date
    sent = [event.date for event in body.events if event.type == "sent" and event.date]
    return min(sent) if sent else None


def author_of(header: Header) -> Author | None:
    if not header.authors:
        return None
    name, party, _ = header.authors[0]
    return Author(name, fields.party_of(party))


def chronology(events: list[Event]) -> tuple[Event, ...]:
    """Each event once, in date order (an undated event last), same-day events in process order."""
    return tuple(
        sorted(set(events), key=lambda e: (e.date is None, e.date, EVENT_TYPES.index(e.type)))
    )


def paragraphs(lines: list[str]) -> str | None:
    """The text of a part, one paragraph per printed line; None when the part is empty."""
    kept = [line.strip() for line in lines if line.strip()]
    return "\n\n".join(kept) if kept else None


def post_of(text: str) -> str | None:
    """The addressed post without its leading preposition ("à la", "au", "aan de"…)."""
    match = fields.ADDRESSEE_RE.match(text.strip())
    return match["post"].strip() if match else None
