"""Question records: the contract between parsing and everything after it.

Frozen dataclasses only: no rdflib, no I/O. ``Question.to_json()`` gives the JSON shape documented
in the README (``parlgraph parse --json``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("fr", "nl")

EVENT_TYPES = (
    "sent",
    "reminder",
    "provisional_answer",
    "answer",
    "supplementary_answer",
    "requalified",
    "withdrawn",
    "closed",
    "end_of_legislature",
)

LINK_TYPES = ("resubmission_of", "resubmitted_as", "requalification_of", "requalified_as")

PAGE_KINDS = ("web", "print", "printnlfr")


@dataclass(frozen=True)
class Bilingual:
    """A text given in French and/or Dutch; a language the pages do not give is None."""

    fr: str | None = None
    nl: str | None = None

    def get(self, lang: str) -> str | None:
        return self.fr if lang == "fr" else self.nl if lang == "nl" else None

    def to_json(self) -> dict[str, str | None]:
        return {"fr": self.fr, "nl": self.nl}


@dataclass(frozen=True)
class Descriptors:
    """EuroVoc descriptors in page order, per language."""

    fr: tuple[str, ...] = ()
    nl: tuple[str, ...] = ()

    def get(self, lang: str) -> tuple[str, ...]:
        return self.fr if lang == "fr" else self.nl

    def to_json(self) -> dict[str, list[str]]:
        return {"fr": list(self.fr), "nl": list(self.nl)}


@dataclass(frozen=True)
class Author:
    name: str
    party: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"name": self.name, "party": self.party}


@dataclass(frozen=True, order=True)
class Event:
    """A dated step of the chronology; ``date`` is None only where the page gives none."""

    date: dt.date | None
    type: str

    def to_json(self) -> dict[str, str | None]:
        return {"type": self.type, "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True)
class Link:
    """A resubmission or requalification link to another parliamentary document."""

    type: str
    target: str
    target_kind: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "target": self.target, "target_kind": self.target_kind}


@dataclass(frozen=True)
class Source:
    """One page a record was read from."""

    file: str
    kind: str
    lang: str
    complete: bool

    def to_json(self) -> dict[str, str | bool]:
        return {"file": self.file, "kind": self.kind, "lang": self.lang, "complete": self.complete}


@dataclass(frozen=True)
class Question:
    """One written question, merged from every page that renders it."""

    id: str
    legislature: int
    number: int
    author: Author | None = None
    date: dt.date | None = None
    addressee: Bilingual = Bilingual()
    title: Bilingual = Bilingual()
    descriptors: Descriptors = Descriptors()
    asked_in: str | None = None
    events: tuple[Event, ...] = ()
    answer_deadline: dt.date | None = None
    also_asked: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    question_text: Bilingual = Bilingual()
    answer_text: Bilingual = Bilingual()
    sources: tuple[Source, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "legislature": self.legislature,
            "number": self.number,
            "author": self.author.to_json() if self.author else None,
            "date": self.date.isoformat() if self.date else None,
            "addressee": self.addressee.to_json(),
            "title": self.title.to_json(),
            "descriptors": self.descriptors.to_json(),
            "asked_in": self.asked_in,
            "events": [event.to_json() for event in self.events],
            "answer_deadline": self.answer_deadline.isoformat() if self.answer_deadline else None,
            "also_asked": list(self.also_asked),
            "links": [link.to_json() for link in self.links],
            "question_text": self.question_text.to_json(),
            "answer_text": self.answer_text.to_json(),
            "sources": [source.to_json() for source in self.sources],
        }


def question_id(legislature: int, number: int) -> str:
    """The Senate's own identifier of a written question: ``5-8906``."""
    return f"{legislature}-{number}"


def id_sort_key(identifier: str) -> tuple[int, int]:
    """Sort ``5-8906`` by legislature, then number (so 5-900 comes before 5-8906)."""
    legislature, _, number = identifier.partition("-")
    return int(legislature), int(number)
