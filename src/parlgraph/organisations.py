"""The organisations answers name: ``graph/reference/organisations.yaml`` (federal public services
and their peers, with official names in four languages and the short forms in use)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

LANGUAGES = ("fr", "nl", "de", "en")
KINDS = ("fps", "pps", "ministry")


@dataclass(frozen=True)
class Organisation:
    id: str
    kind: str
    names: dict[str, str]
    aliases: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form a mention may take: official names and aliases."""
        return (*self.names.values(), *self.aliases)


def load_organisations(path: Path) -> list[Organisation]:
    """Read the YAML list; raise ValueError naming the entry that is malformed."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    organisations = []
    for number, entry in enumerate(entries, start=1):
        try:
            names = {lang: str(entry["names"][lang]) for lang in LANGUAGES}
            kind = str(entry["kind"])
            if kind not in KINDS:
                raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
            aliases = tuple(str(alias) for alias in entry.get("aliases", []))
            organisations.append(Organisation(str(entry["id"]), kind, names, aliases))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}: organisation {number}: {error}") from error
    return organisations
