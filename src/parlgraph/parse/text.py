"""From the bytes of a saved page to its lines: encoding detection and the pipe-table rendering.

Pages come in UTF-8 or in Windows-1252/Latin-1; mis-encoded characters inside a page are kept as
printed. Two renderings lay the page out as a pipe table (``16/12/2008 | Envoi question |``,
``________ | ________ | ||||||||``): each line becomes its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

TRAILING_PIPES_RE = re.compile(r"(?:\s*\|)+\s*$")
CELL_SPLIT_RE = re.compile(r"\s+\|\s+")
IMAGE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")


class PageError(ValueError):
    """A file that cannot be read as a Senate page; the message says why."""


@dataclass(frozen=True)
class Line:
    """One line of a page: its 1-based number and its cells (one cell outside pipe tables)."""

    number: int
    cells: tuple[str, ...]
    text: str = field(init=False, compare=False)  # its cells joined; read often, made once

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(cell for cell in self.cells if cell))

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_spacer(self) -> bool:
        """A line holding only spaces: the bilingual print puts one between French and Dutch."""
        return self.is_blank and self.text != ""


def decode(data: bytes) -> str:
    """Decode a page: UTF-8 first, then the most likely single-byte encoding; refuse binary."""
    if not data.strip():
        raise PageError("the file is empty")
    if b"\x00" in data[:4096] or _control_ratio(data[:4096]) > 0.05:
        raise PageError("the file is binary, not a text page")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15"]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace")


NOT_CONTROL = bytes(byte for byte in range(256) if byte >= 32 or byte in (9, 10, 12, 13))


def _control_ratio(data: bytes) -> float:
    controls = len(data.translate(None, NOT_CONTROL))  # what is left once the rest is deleted
    return controls / max(len(data), 1)


def split_lines(text: str) -> list[Line]:
    """Split a page into lines; in the pipe-table rendering lines become their cells."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    if is_pipe_table(text):
        return [Line(number, _cells(raw)) for number, raw in enumerate(raw_lines, start=1)]
    return [Line(number, (raw,)) for number, raw in enumerate(raw_lines, start=1)]


def _cells(raw: str) -> tuple[str, ...]:
    stripped = TRAILING_PIPES_RE.sub("", raw)
    cells = tuple(cell.strip() for cell in CELL_SPLIT_RE.split(stripped))
    if len(cells) == 1 and IMAGE_RE.match(cells[0]):
        return ("",)
    return cells


def is_pipe_table(text: str) -> bool:
    """True for the pipe-table rendering (cells separated by `` | ``)."""
    return sum(1 for line in text.splitlines() if line.rstrip().endswith("|")) >= 3
