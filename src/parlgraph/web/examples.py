"""The example queries shown on the query page: ``queries/*.rq``, each opening with two comment
lines, its title and the question it answers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

QUERIES = Path(__file__).parent / "queries"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    text: str


@cache
def examples(folder: Path = QUERIES) -> tuple[Example, ...]:
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        title = lines[0].removeprefix("#").strip()
        description = " ".join(
            line.removeprefix("#").strip() for line in lines[1:] if line.startswith("#")
        )
        found.append(Example(path.stem, title, description, text))
    return tuple(found)
