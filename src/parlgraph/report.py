"""What a build tells its user: counts, time by stage, parse problems, questions left out."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parlgraph.parse import ParseReport, Problem
from parlgraph.validation import Violation


@dataclass
class BuildReport:
    """What a build did: counts for the summary, parse problems, questions that broke shapes."""

    questions: int = 0
    quads: int = 0
    descriptors: int = 0
    matched: int = 0
    parse: ParseReport = field(default_factory=ParseReport)
    failed: dict[str, list[Violation]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # the files of each question in failed
    dataset: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # by stage, in the order run
    cached: int = 0  # questions whose graph and verdict came from the build cache
    store_changes: int | None = None  # quads the store update removed and added; None: loaded
    patched: bool = False  # whether the build patched the last one (``patch.py``)

    def timed(self, stage: str, started: float) -> float:
        """Add the time since ``started`` to ``stage``; return the time now."""
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - started
        return now


class BuildError(Exception):
    """The build published nothing; its report says why."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__(f"{len(report.failed)} questions break the shapes; nothing was published")
        self.report = report


def page_names(paths: Iterable[str]) -> str:
    """How a report names a question's pages: their file names, sorted."""
    return ", ".join(sorted(Path(path).name for path in paths))


def problems(report: BuildReport) -> list[Problem]:
    """Every shape violation as a problem naming the question's source files and the question."""
    return [
        Problem(report.pages.get(question_id, "?"), str(violation), question_id)
        for question_id, violations in sorted(report.failed.items())
        for violation in violations
    ]
