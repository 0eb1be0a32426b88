"""The EuroVoc extract shipped in ``graph/reference/eurovoc.tsv`` (see scripts/extract_eurovoc.py).

EuroVoc, the EU's multilingual thesaurus, issued 2021-06-04; © European Union, reuse authorised
provided the source is acknowledged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EUROVOC_BASE = "http://eurovoc.europa.eu/"


@dataclass(frozen=True)
class Concept:
    id: str
    pref_fr: str
    pref_en: str
    alt_fr: tuple[str, ...]
    broader: tuple[str, ...]

    @property
    def iri(self) -> str:
        return EUROVOC_BASE + self.id


@dataclass(frozen=True)
class Thesaurus:
    """EuroVoc concepts by id, and a look-up of French labels (pref and alt) to concept ids."""

    concepts: dict[str, Concept]
    by_label: dict[str, str]

    def match(self, label: str) -> Concept | None:
        """The concept whose French prefLabel or altLabel is ``label`` (case-insensitive)."""
        identifier = self.by_label.get(label_key(label))
        return self.concepts[identifier] if identifier else None

    def french_labels(self) -> frozenset[str]:
        return frozenset(self.by_label)


def label_key(label: str) -> str:
    return " ".join(label.casefold().split())


def load_thesaurus(path: Path) -> Thesaurus:
    """Read the TSV extract; prefLabels win over altLabels when both name a concept."""
    concepts: dict[str, Concept] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 5:
            raise ValueError(f"{path}:{number}: expected 5 tab-separated cells")
        identifier, pref_fr, pref_en, alt, broader = cells
        alts = tuple(a for a in alt.split(" | ") if a)
        concepts[identifier] = Concept(identifier, pref_fr, pref_en, alts, tuple(broader.split()))
    by_label: dict[str, str] = {}
    for concept in concepts.values():
        for alt in concept.alt_fr:
            by_label.setdefault(label_key(alt), concept.id)
    for concept in concepts.values():
        by_label[label_key(concept.pref_fr)] = concept.id
    return Thesaurus(concepts, by_label)
