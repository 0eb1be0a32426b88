"""Split an answer into the parts each service gives.

A part starts at a heading paragraph that is a service's name ("SPF Securité Sociale",
"2. FOD Financiën :"), or, before the first heading, belongs to the service its first paragraphs
name ("1) Le Service public fédéral (SPF) Santé Publique dispose de…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parlgraph.extract.mentions import MentionFinder

NUMBERING_RE = re.compile(r"^\s*(?:\d+[.)]|[-–•])\s*")
HEADING_MAX = 120  # characters: a heading is a short paragraph


@dataclass(frozen=True)
class AnswerPart:
    service: str | None
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def split_by_service(answer: str, finder: MentionFinder) -> list[AnswerPart]:
    """The parts of an answer, each with the service that gives it (None when none is named)."""
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    for paragraph in (p.strip() for p in answer.split("\n\n")):
        if not paragraph:
            continue
        heading = _heading_service(paragraph, finder)
        if heading:
            parts.append((heading, []))
            continue
        service, paragraphs = parts[-1]
        if service is None and (mentions := finder.find(paragraph)):
            parts[-1] = (mentions[0].organisation, paragraphs)
        paragraphs.append(paragraph)
    return [AnswerPart(service, tuple(paragraphs)) for service, paragraphs in parts if paragraphs]


def _heading_service(paragraph: str, finder: MentionFinder) -> str | None:
    text = NUMBERING_RE.sub("", paragraph).strip(" :.-–")
    if len(text) > HEADING_MAX:
        return None
    mentions = finder.find(text)
    if len(mentions) == 1 and mentions[0].end - mentions[0].start >= 0.8 * len(text):
        return mentions[0].organisation
    return None


def services_answering(parts: list[AnswerPart]) -> list[str]:
    """The services that give a part of the answer, in order, each once."""
    return list(dict.fromkeys(part.service for part in parts if part.service))
