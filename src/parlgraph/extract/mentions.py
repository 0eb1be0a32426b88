"""Find mentions of organisations in running text, whatever their case, accents, spacing or
punctuation ("SPF Securité Sociale" is the FPS Social Security)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    organisation: str


def fold(text: str) -> str:
    """Lower case without accents, one character for one, so that offsets stay valid."""
    return "".join(map(_fold_char, text))


@functools.cache
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


class MentionFinder:
    """Finds the longest form of any organisation at each place in a text."""

    def __init__(self, forms: Iterable[tuple[str, str]]) -> None:
        """``forms``: (form, organisation id) pairs."""
        self._ids: dict[str, str] = {}
        for form, organisation in forms:
            self._ids[_key(form)] = organisation
        alternatives = sorted(self._ids, key=len, reverse=True)
        patterns = [r"\W*".join(map(re.escape, key.split())) for key in alternatives]
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")

    def find(self, text: str) -> list[Mention]:
        folded = fold(text)
        return [
            Mention(match.start(), match.end(), self._ids[_key(match.group(0))])
            for match in self._pattern.finditer(folded)
        ]


def _key(form: str) -> str:
    return " ".join(re.findall(r"\w+", fold(form)))
