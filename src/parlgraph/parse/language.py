"""Tell French from Dutch, to split what the bilingual print puts on one line or in one block.

The bilingual print (``SVPrintNLFR``) prints the French title and the Dutch title on one line,
and both descriptor lists in one block. A word-level score (function words, accents, Dutch
digraphs and suffixes) finds the most likely boundary: French before it, Dutch after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

FRENCH_WORDS = frozenset(
    "la le les des du et à au aux un une pour par sur dans qui que avec entre contre chez ou "
    "est sont ce cette ces son sa ses leur leurs nouveau nouvelle".split()
)
DUTCH_WORDS = frozenset(
    "het van een voor met op aan bij naar te over door tot om uit niet wordt worden zijn "
    "deze dit die dat nieuwe nieuw tussen tegen".split()
)
FRENCH_ACCENTS = frozenset("éèêàçôûîùœ")
DUTCH_PATTERNS = re.compile(r"ij|oe|aa|uu|sch|eid\b|ing\b|ingen\b|tie\b|ties\b|ende\b|isch\b")
FRENCH_PATTERNS = re.compile(r"tion\b|tions\b|ment\b|ments\b|eux\b|que\b|ques\b|ues\b|ité\b|aux\b")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def french_score(text: str) -> float:
    """Positive for French-looking text, negative for Dutch-looking text."""
    return sum(_word_score(word) for word in WORD_RE.findall(text.casefold()))


def _word_score(word: str) -> float:
    if "'" in word or "’" in word:
        return 1.0  # elision: l'État, d'intégration
    if word in FRENCH_WORDS:
        return 1.0
    if word in DUTCH_WORDS:
        return -1.0
    score = 0.0
    if FRENCH_ACCENTS.intersection(word):
        score += 1.0
    if FRENCH_PATTERNS.search(word):
        score += 0.5
    if DUTCH_PATTERNS.search(word):
        score -= 1.0
    return score


def split_line(text: str) -> tuple[str, str]:
    """Split ``"<French> <Dutch>"`` at the word boundary that best separates the languages."""
    words = text.split()
    if len(words) < 2:
        return text.strip(), ""
    scores = [french_score(word) for word in words]
    total = sum(scores)
    best_index, best_score, left_score, depth = 1, float("-inf"), 0.0, 0
    for index in range(1, len(words)):
        left_score += scores[index - 1]
        depth += words[index - 1].count("(") - words[index - 1].count(")")
        score = left_score - (total - left_score)
        if words[index][:1].isupper():
            score += 0.75  # a title starts with a capital
        if words[index - 1] == "-" or words[index] == "-" or depth:
            score -= 5.0  # inside one title: " - " joins its parts, brackets close in it
        if score > best_score:
            best_index, best_score = index, score
    return " ".join(words[:best_index]), " ".join(words[best_index:])


def split_list(items: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split a French-then-Dutch list: in halves when even, else where the languages change."""
    if len(items) % 2 == 0:
        half = len(items) // 2
        return list(items[:half]), list(items[half:])
    scores = [french_score(item) for item in items]
    best_index = max(
        range(len(items) + 1), key=lambda index: sum(scores[:index]) - sum(scores[index:])
    )
    return list(items[:best_index]), list(items[best_index:])
