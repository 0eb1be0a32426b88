"""The ``parlgraph`` command: each subcommand parses its arguments and calls one public function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from parlgraph import processes
from parlgraph.build import BuildError, BuildReport, build, problems
from parlgraph.dataset import DATASET_FILE
from parlgraph.parse import ParseReport, Problem, parse_files
from parlgraph.push import PushError, push, quads
from parlgraph.remote import RemoteStore
from parlgraph.server import serve
from parlgraph.settings import Settings
from parlgraph.store import built_store
from parlgraph.thesaurus import load_thesaurus
from parlgraph.validation import load_dataset, validate


@click.group()
@click.version_option(package_name="parlgraph")
def main() -> None:
    """Linked data for the Belgian Senate's written questions."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the records as a JSON array.")
def parse(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse saved Senate pages (files or directories) into one record per question."""
    settings = Settings.load()
    labels: frozenset[str] = frozenset()
    if settings.eurovoc.exists():
        labels = load_thesaurus(settings.eurovoc).french_labels()
    report = parse_files(files, labels)
    if as_json:
        records = [question.to_json() for question in report.questions]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        _print_summary(report)
    _print_problems(report)
    if report.errors:
        sys.exit(1)


def _print_problems(report: ParseReport) -> None:
    for problem in report.warnings:
        click.echo(f"warning: {problem}", err=True)
    for problem in report.errors:
        click.echo(f"error: {problem}", err=True)


@main.command("build")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Store folder.")
@click.option("--base", help="Base IRI of every minted IRI (ends with /).")
@click.option("--keep-going", is_flag=True, help="Leave out questions that break the shapes.")
@click.option("--no-store", is_flag=True, help="Write the dataset only; do not load the store.")
@click.option("-v", "--verbose", is_flag=True, help="Print every parse warning.")
def build_command(
    sources: tuple[Path, ...],
    out: Path | None,
    store: Path | None,
    base: str | None,
    keep_going: bool,
    no_store: bool,
    verbose: bool,
) -> None:
    """Build the validated graph from saved pages (default: the bundled corpus)."""
    settings = Settings.load(graph_dir=out, store=store, base_iri=base)
    with click.progressbar(length=1, label="Building", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        try:
            report = build(
                settings, sources, keep_going=keep_going, load=not no_store, progress=progress
            )
        except BuildError as error:
            report = error.report
    if verbose:
        _print_problems(report.parse)
    else:
        for problem in report.parse.errors:
            click.echo(f"error: {problem}", err=True)
    for problem in problems(report):
        click.echo(f"shape violation: {problem}", err=True)
    _print_build_summary(report)
    if report.dataset is None:
        click.echo("error: the graph breaks its shapes; nothing was published", err=True)
        sys.exit(1)


def _print_build_summary(report: BuildReport) -> None:
    click.echo(
        f"{report.questions} questions, {report.quads} quads; "
        f"{report.matched} of {report.descriptors} descriptors matched to EuroVoc; "
        f"{len(report.parse.warnings)} warnings (-v lists them), "
        f"{len(report.parse.errors)} pages failed, "
        f"{len(report.failed)} questions left out; "
        f"{report.parse.read} pages read, {report.cached} questions from the build cache"
        + ("; the last build patched" if report.patched else "")
        + (f"; written to {report.dataset}" if report.dataset else ""),
        err=True,
    )


@main.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def validate_command(path: Path | None) -> None:
    """Validate a graph on disk (N-Quads or Turtle) against the shapes and print the report."""
    settings = Settings.load()
    target = path or settings.graph_dir / "parlgraph.nq"
    report = validate(load_dataset(target), settings.ontology_dir / "shapes.ttl")
    for violation in report.violations:
        click.echo(str(Problem(str(target), str(violation))))
    verdict = "conforms" if report.conforms else f"{len(report.violations)} violations"
    click.echo(f"{target}: {verdict}", err=True)
    if not report.conforms:
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


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers", default=0, show_default=True, type=click.IntRange(min=0),
    help="Processes (0: one per core).",
)  # fmt: skip
@click.option(
    "--threads", default=4, show_default=True, type=click.IntRange(min=1),
    help="Requests a process answers at once.",
)  # fmt: skip
@click.option(
    "--external-store", metavar="URL",
    help="SPARQL endpoint of a store to serve instead of the embedded one ('parlgraph push').",
)  # fmt: skip
def serve_command(
    host: str, port: int, workers: int, threads: int, external_store: str | None
) -> None:
    """Serve the built graph: SPARQL endpoint, linked data, dumps (Granian HTTP server)."""
    settings = Settings.load(external_store=external_store)
    workers = processes.workers(workers)
    try:
        built_store(settings.store)  # said once here, not by each process
        if settings.external_store:
            why = RemoteStore(settings.external_store, settings.store).unanswered()
            if why is not None:
                click.echo(f"warning: {why}; serving it anyway, 502 until it answers", err=True)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    served = settings.external_store or settings.store
    click.echo(f"parlgraph serving {served} at http://{host}:{port}/ ({workers} processes)")
    serve(settings, host, port, workers, threads)


@main.command("push")
@click.argument("endpoint", metavar="UPDATE_URL")
@click.option(
    "--dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="N-Quads to push (default: the built graph, parlgraph.nq).",
)  # fmt: skip
def push_command(endpoint: str, dataset: Path | None) -> None:
    """Replace all an external store holds with the built graph, by SPARQL Update.

    UPDATE_URL is the store's update endpoint (Oxigraph server: /update; Fuseki: /DATASET/update).
    Then serve it with 'parlgraph serve --external-store QUERY_URL'."""
    settings = Settings.load()
    source = dataset or settings.graph_dir / DATASET_FILE
    if not source.exists():
        raise click.ClickException(f"no dataset at {source}: run 'parlgraph build' first")
    with click.progressbar(length=quads(source), label="Pushing", file=sys.stderr) as bar:
        try:
            sent = push(source, endpoint, progress=lambda done: bar.update(done - bar.pos))
        except (PushError, ValueError) as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{sent} quads pushed to {endpoint}: the named graphs and their merge", err=True)
