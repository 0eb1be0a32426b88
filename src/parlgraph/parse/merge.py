"""Merge the pages of one question (web FR/NL, print, bilingual print) into one record.

For each language a one-language page in that language is trusted before the bilingual print
(whose shared lines were split by a guess), a complete page before a cut one, and a longer text
before a shorter one (a cut page holds a prefix of the text). Lists are united and sorted.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from parlgraph.parse.assemble import chronology
from parlgraph.parse.fields import is_independent
from parlgraph.records import (
    LANGUAGES,
    LINK_TYPES,
    Author,
    Bilingual,
    Descriptors,
    Link,
    Question,
    id_sort_key,
)

T = TypeVar("T")


def merge(pages: Sequence[Question]) -> tuple[Question, list[str]]:
    """One record from the one-source records of the same question, and the conflicts noticed."""
    ranked = sorted(pages, key=_rank)
    best = ranked[0]
    warnings: list[str] = []
    own = {best.id}
    merged = Question(
        id=best.id,
        legislature=best.legislature,
        number=best.number,
        author=_first("author", ranked, lambda q: q.author, warnings, _same_author),
        date=_first("date", ranked, lambda q: q.date, warnings),
        addressee=_bilingual(ranked, lambda q: q.addressee, _text_rank),
        title=_bilingual(ranked, lambda q: q.title, _text_rank),
        descriptors=_descriptors(ranked),
        asked_in=_first("asked_in", ranked, lambda q: q.asked_in, warnings),
        events=chronology([event for page in ranked for event in page.events]),
        answer_deadline=_first("deadline", ranked, lambda q: q.answer_deadline, warnings),
        also_asked=tuple(sorted({i for p in ranked for i in p.also_asked} - own, key=id_sort_key)),
        links=_links(ranked),
        question_text=_bilingual(ranked, lambda q: q.question_text, _length_rank),
        answer_text=_bilingual(ranked, lambda q: q.answer_text, _length_rank),
        sources=tuple(sorted({s for p in ranked for s in p.sources}, key=lambda s: s.file)),
    )
    return merged, warnings


KIND_ORDER = ("web", "print", "printnlfr")


def _rank(page: Question) -> tuple[int, int, str]:
    source = page.sources[0]
    return (0 if source.complete else 1, KIND_ORDER.index(source.kind), source.file)


def _first(
    name: str,
    ranked: Sequence[Question],
    value: Callable[[Question], T | None],
    warnings: list[str],
    same: Callable[[T, T], bool] = operator.eq,
) -> T | None:
    values = [(v, page) for page in ranked if (v := value(page)) is not None]
    if not values:
        return None
    chosen, chosen_page = values[0]
    for other, page in values[1:]:
        if not same(other, chosen):
            warnings.append(
                f"{name}: {page.sources[0].file} gives {other!r}, "
                f"{chosen_page.sources[0].file} gives {chosen!r}; kept the latter"
            )
    return chosen


def _same_author(one: Author, other: Author) -> bool:
    """The same senator; 'Indépendant' on a French page is 'Onafhankelijke' on a Dutch one."""
    independent = is_independent(one.party) and is_independent(other.party)
    return one.name == other.name and (one.party == other.party or independent)


def _text_rank(page: Question, lang: str, text: str) -> tuple[int, int, int]:
    source = page.sources[0]
    return (0 if source.kind != "printnlfr" else 1, 0 if source.lang == lang else 1, 0)


def _length_rank(page: Question, lang: str, text: str) -> tuple[int, int, int]:
    source = page.sources[0]
    return (0 if source.complete else 1, -len(text), 0 if source.kind != "printnlfr" else 1)


def _bilingual(
    ranked: Sequence[Question],
    value: Callable[[Question], Bilingual],
    rank: Callable[[Question, str, str], tuple[int, int, int]],
) -> Bilingual:
    chosen: dict[str, str | None] = {}
    for lang in LANGUAGES:
        candidates = [(rank(p, lang, t), t) for p in ranked if (t := value(p).get(lang))]
        chosen[lang] = min(candidates, key=lambda c: c[0])[1] if candidates else None
    return Bilingual(chosen["fr"], chosen["nl"])


def _descriptors(ranked: Sequence[Question]) -> Descriptors:
    chosen: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        candidates = [
            (_text_rank(p, lang, "")[:2], -len(items), items)
            for p in ranked
            if (items := p.descriptors.get(lang))
        ]
        chosen[lang] = min(candidates)[2] if candidates else ()
    return Descriptors(chosen["fr"], chosen["nl"])


def _links(ranked: Iterable[Question]) -> tuple[Link, ...]:
    seen: dict[tuple[str, str], Link] = {}
    for page in ranked:
        for link in page.links:
            seen.setdefault((link.type, link.target), link)
    return tuple(
        sorted(seen.values(), key=lambda ln: (LINK_TYPES.index(ln.type), id_sort_key(ln.target)))
    )
