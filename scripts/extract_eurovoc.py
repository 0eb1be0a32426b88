"""Extract the EuroVoc labels parlgraph needs from the Publications Office's YAML conversion.

Usage: python scripts/extract_eurovoc.py ../shared/eurovoc/eurovoc.yaml graph/reference/eurovoc.tsv

Writes one line per concept, sorted by id: id, French prefLabel, English prefLabel, French
altLabels (joined by " | "), broader ids (space separated). EuroVoc © European Union; reuse is
authorised provided the source is acknowledged.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml


def main(source: Path, target: Path) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(source.read_text(encoding="utf-8"), Loader=loader)
    rows = []
    for identifier, concept in data["concepts"].items():
        pref = concept.get("prefLabel", {})
        alt = concept.get("altLabel", {}).get("fr", [])
        alt = [alt] if isinstance(alt, str) else alt
        broader = " ".join(str(b) for b in concept.get("broader", []))
        cells = [str(identifier), pref.get("fr", ""), pref.get("en", ""), " | ".join(alt), broader]
        rows.append("\t".join(cell.replace("\t", " ") for cell in cells))
    rows.sort(key=lambda row: row.split("\t", 1)[0])
    header = "id\tpref_fr\tpref_en\talt_fr\tbroader"
    target.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
