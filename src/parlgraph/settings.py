"""Every setting in one place: name, default, help; read from the environment (``PARLGRAPH_*``).

The README's settings table is checked against ``SETTINGS`` by a test.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting("base_iri", "http://127.0.0.1:5000/", "Base of every minted IRI; ends with a slash."),
    Setting("corpus", ROOT / "corpus" / "senate", "Folder of saved Senate pages to build from."),
    Setting("graph_dir", ROOT / "graph", "Folder the built graph (parlgraph.nq) is written to."),
    Setting("store", ROOT / "var" / "store", "Folder of the embedded pyoxigraph store."),
    Setting("eurovoc", ROOT / "graph" / "reference" / "eurovoc.tsv", "EuroVoc extract (TSV)."),
    Setting(
        "organisations",
        ROOT / "graph" / "reference" / "organisations.yaml",
        "Federal public services: names in four languages and short forms (YAML).",
    ),
    Setting("ontology_dir", ROOT / "ontology", "Folder of parlgraph.ttl and shapes.ttl."),
    Setting("build_workers", 0, "Processes a build parses and validates in (0: one per core)."),
    Setting(
        "build_cache",
        ROOT / "var" / "build-cache.sqlite",
        "Results of earlier builds by content hash, so a build redoes only what changed.",
    ),
    Setting(
        "external_store",
        "",
        "SPARQL endpoint of an external store to serve instead of the embedded one "
        "(empty: the embedded one); 'parlgraph push' fills it.",
    ),
    Setting("query_timeout", 10.0, "Seconds a SPARQL query may run before it is stopped."),
    Setting("query_workers", 2, "Processes that run SPARQL queries side by side."),
    Setting("max_results", 10_000, "Most result rows (or triples) one query returns."),
    Setting("max_query_length", 20_000, "Longest SPARQL query accepted, in characters."),
    Setting("page_cache", 2048, "Resource pages kept rendered in memory (0: none)."),
    Setting("answer_cache", 256, "MiB of SPARQL answers kept to be given again (0: none)."),
)


@dataclass(frozen=True)
class Settings:
    base_iri: str
    corpus: Path
    graph_dir: Path
    store: Path
    eurovoc: Path
    organisations: Path
    ontology_dir: Path
    build_workers: int
    build_cache: Path
    external_store: str
    query_timeout: float
    query_workers: int
    max_results: int
    max_query_length: int
    page_cache: int
    answer_cache: int

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``PARLGRAPH_<NAME>`` environment variables, then ``overrides``."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = environ.get(f"PARLGRAPH_{setting.name.upper()}")
            values[setting.name] = _convert(setting, raw) if raw is not None else setting.default
        settings = cls(**values)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})

    def environ(self) -> dict[str, str]:
        """These settings as the ``PARLGRAPH_*`` variables ``load`` reads back."""
        return {f"PARLGRAPH_{s.name.upper()}": str(getattr(self, s.name)) for s in SETTINGS}

    def __post_init__(self) -> None:
        if not self.base_iri.endswith("/"):
            raise ValueError(f"base_iri must end with a slash: {self.base_iri!r}")


def _convert(setting: Setting, raw: str) -> Any:
    kind = type(setting.default)
    try:
        return Path(raw) if isinstance(setting.default, Path) else kind(raw)
    except ValueError as error:
        raise ValueError(f"PARLGRAPH_{setting.name.upper()}={raw!r}: {error}") from error
