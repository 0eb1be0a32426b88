"""Warm a fresh server process before it answers anyone.

A process pays, on its first requests, for what it does once: Jinja compiles each template, code
loads and regular expressions compile on first use, and CPython specialises a function's
bytecode only after it has run a few times (PEP 659). Measured on the bundled graph, a fresh
process's first DESCRIBE took 3.0 ms in the app and the next ones settled at 0.75 ms only after
five or so; warmed, the first takes 0.9 ms. ``warm_up`` spends that at start: it compiles every
template and asks the app, through its own test client, what a server is asked most, a few
times over: DESCRIBE of named IRIs (answered in the process) and a SELECT (answered by a query
worker), of terms the ontology graph of every store holds.
"""

from __future__ import annotations

import urllib.parse

from flask import Flask

from parlgraph.rdf.namespaces import PG

RUNS = 12  # more than the calls after which CPython 3.11 specialises a function's code
TERMS = ("WrittenQuestion", "Answer", "ChronologyEvent", "SourcePage", "alsoAskedAs", "platform")
QUERIES = (
    ("DESCRIBE <{iri}>", "application/n-triples"),
    ("DESCRIBE <{iri}>", "text/turtle"),
    ("SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}", "application/sparql-results+json"),
)


def requests(run: int) -> list[tuple[str, str]]:
    """The paths and Accept headers of warm-up run ``run``: each query names its run in a
    comment, so that no answer is one kept from an earlier run and the whole way is taken."""
    iri = PG[TERMS[run % len(TERMS)]]
    paths = []
    for query, accept in QUERIES:
        text = f"{query.format(iri=iri)} # run {run}"
        paths.append(("/sparql?" + urllib.parse.urlencode({"query": text}), accept))
    return paths


def warm_up(app: Flask, runs: int = RUNS) -> list[str]:
    """Compile every template of ``app`` and ask it the warm-up requests ``runs`` times; the
    requests it did not answer with 200, each with the status it gave."""
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)
    client = app.test_client()
    failed = []
    for run in range(runs):
        for path, accept in requests(run):
            response = client.get(path, headers={"Accept": accept})
            if response.status_code != 200:
                failed.append(f"{path} ({accept}): {response.status}")
    return failed
