"""The ``parlgraph`` command: each subcommand parses its arguments and calls one public function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from parlgraph.parse import ParseReport, parse_files
from parlgraph.thesaurus import load_thesaurus

EUROVOC = Path("graph/reference/eurovoc.tsv")


@click.group()
@click.version_option(package_name="parlgraph")
def main() -> None:
    """Linked data for the Belgian Senate's written questions."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the records as a JSON array.")
@click.option(
    "--eurovoc",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=f"EuroVoc extract whose French labels split run-together descriptors [{EUROVOC}].",
)
def parse(files: tuple[Path, ...], as_json: bool, eurovoc: Path | None) -> None:
    """Parse saved Senate pages (files or directories) into one record per question."""
    thesaurus_path = eurovoc or (EUROVOC if EUROVOC.exists() else None)
    labels = load_thesaurus(thesaurus_path).french_labels() if thesaurus_path else frozenset()
    report = parse_files(files, labels)
    if as_json:
        records = [question.to_json() for question in report.questions]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        _print_summary(report)
    for problem in report.warnings:
        click.echo(f"warning: {problem}", err=True)
    for problem in report.errors:
        click.echo(f"error: {problem}", err=True)
    if report.errors:
        sys.exit(1)


def _print_summary(report: ParseReport) -> None:
    for question in report.questions:
        title = question.title.fr or question.title.nl or ""
        author = question.author.name if question.author else "?"
        when = question.date.isoformat() if question.date else "?"
        click.echo(f"{question.id:>9}  {when}  {author:<24.24}  {title[:70]}")
    pages = sum(len(question.sources) for question in report.questions)
    click.echo(
        f"{len(report.questions)} questions from {pages} pages; "
        f"{len(report.errors)} files failed, {len(report.warnings)} warnings",
        err=True,
    )
