"""Content negotiation (RFC 9110, section 12.5.1 Accept): q-values, then specificity.

Pure functions, no Flask: ``choose(accept, offered)`` picks the offered media type the client
prefers; the server's order of ``offered`` breaks ties. ``?format=`` names (FORMAT_NAMES)
override the header, per kind of result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

SOLUTIONS = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
BOOLEAN = ("application/sparql-results+json", "application/sparql-results+xml")
GRAPH = (
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "application/n-quads",
    "application/trig",
)
# ?format= names -> media type, for a table of solutions and for a graph.
FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "ttl": (None, "text/turtle"),
    "turtle": (None, "text/turtle"),
    "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
    "rdf": (None, "application/rdf+xml"),
    "nq": (None, "application/n-quads"),
    "trig": (None, "application/trig"),
}
# Aliases clients send for the same formats.
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "text/n3": "text/turtle",
}


def content_type(media_type: str) -> str:
    """The Content-Type header: text types say their charset (always UTF-8 here)."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; a malformed q-value counts as 1, a range without a
    slash is skipped."""
    ranges = []
    for part in (header or "").split(","):
        fields = [field.strip() for field in part.split(";")]
        media, _, sub = fields[0].lower().partition("/")
        if not media or not sub:
            continue
        q = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        ranges.append(MediaRange(media, sub, q))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q-value the most specific matching range gives ``media_type`` (0 when none matches)."""
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: r.specificity).q


@lru_cache(maxsize=512)  # a client sends the same Accept header with every request
def choose(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered media type to answer with, or None when nothing acceptable is offered."""
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0] if offered else None
    ranges = [_alias(r, offered) for r in ranges]
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type)
        if q > best_q:
            best, best_q = media_type, q
    return best


def _alias(media_range: MediaRange, offered: Sequence[str]) -> MediaRange:
    """``application/json`` means SPARQL JSON, unless plain JSON is what is offered."""
    name = f"{media_range.type}/{media_range.subtype}"
    alias = ALIASES.get(name)
    if alias is None or name in offered:
        return media_range
    kind, _, sub = alias.partition("/")
    return MediaRange(kind, sub, media_range.q)


def from_format(name: str, graph: bool) -> str | None:
    """The media type a ``?format=`` name stands for, for a graph or for solutions."""
    pair = FORMAT_NAMES.get(name.lower())
    return None if pair is None else pair[1 if graph else 0]
