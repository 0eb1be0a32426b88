"""What a SPARQL request asks, read lexically before anything runs.

Strings, IRIs and comments are blanked out first (SPARQL 1.1 Query, section 19.8 grammar
terminals), so that keywords are found only where the grammar can have them. This decides the
query form (for content negotiation) and refuses what a read-only, offline endpoint never runs:
updates and ``SERVICE`` (which would make the engine open a connection).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Long strings first, then short ones, IRIs, comments (19.8: STRING_LITERAL_LONG1/2, IRIREF…).
OPAQUE_RE = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n\r]*",
    re.DOTALL,
)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")
# Any of the words, where the grammar can have a keyword: not inside a prefixed name, a variable
# or a longer word. One pass over the query finds them all.
KEYWORDS_RE = re.compile(
    r"(?<![\w:?$\-.])({})(?![\w:\-])".format("|".join(("SERVICE", *FORMS, *UPDATE_WORDS))),
    re.IGNORECASE,
)


class QueryRefused(ValueError):
    """A query this endpoint will not run; the message says why."""


@dataclass(frozen=True)
class QueryInfo:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    bounded: bool = False  # DESCRIBE of named IRIs only: no pattern, no variable to match

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def blank_out(text: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces (same length)."""
    return OPAQUE_RE.sub(lambda match: " " * len(match.group(0)), text)


def _first_places(code: str) -> dict[str, int]:
    """Where each keyword is found first in ``code`` (a query blanked out), by keyword."""
    places: dict[str, int] = {}
    for match in KEYWORDS_RE.finditer(code):
        places.setdefault(match.group(1).upper(), match.start())
    return places


@lru_cache(maxsize=1024)  # the same queries come again (the example queries, a client's polls)
def analyse(text: str) -> QueryInfo:
    """The form of a query; raise ``QueryRefused`` for an update, SERVICE, or no query form."""
    code = blank_out(text)
    places = _first_places(code)
    if "SERVICE" in places:
        raise QueryRefused(
            f"SERVICE (federated query) is not allowed here: this endpoint makes no outbound "
            f"requests (at character {places['SERVICE'] + 1})"
        )
    found = [(places[word], word) for word in FORMS if word in places]
    updates = [(places[word], word) for word in UPDATE_WORDS if word in places]
    if updates and (not found or min(updates) < min(found)):
        raise QueryRefused(
            f"{min(updates)[1]} is a SPARQL Update operation; this endpoint is read-only"
        )
    if not found:
        raise QueryRefused("no query form found: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    form = min(found)[1]
    bounded = form == "DESCRIBE" and not re.search(r"[{}?$*]", code)
    return QueryInfo(form, bounded)
