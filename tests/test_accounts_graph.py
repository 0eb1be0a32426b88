"""Services and accounts in the built graph and on the server."""

from __future__ import annotations

import json

from tests.conftest import RunningServer
from tests.http import fetch

PREFIXES = """PREFIX pg: <https://w3id.org/parlgraph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def select(server: RunningServer, query: str) -> list[dict[str, str]]:
    reply = fetch(server.url + "sparql", "POST", (PREFIXES + query).encode(),
                  {"Content-Type": "application/sparql-query"})  # fmt: skip
    assert reply.status == 200, reply.text
    bindings = json.loads(reply.body)["results"]["bindings"]
    return [{name: term["value"] for name, term in row.items()} for row in bindings]


def test_the_seed_answer_names_twelve_accounts_each_owned(server: RunningServer) -> None:
    base = server.settings.base_iri
    found = select(
        server,
        f"""SELECT ?label ?owner WHERE {{
        ?account pg:mentionedIn <{base}id/question/5-8906/answer> ; rdfs:label ?label .
        ?owner foaf:account ?account }} ORDER BY ?label""",
    )
    assert len(found) == 12
    owners = {row["owner"].rsplit("/", 1)[-1] for row in found}
    assert owners == {"fps-health", "fps-social-security"}
    assert {"@SanteBelgique", "@be_gezondheid", "HandiSocial", "pour une administration sexy"} <= {
        row["label"] for row in found
    }


def test_the_seed_answer_is_answered_by_two_services(server: RunningServer) -> None:
    base = server.settings.base_iri
    found = select(
        server,
        f"""SELECT ?service WHERE {{
        <{base}id/question/5-8906/answer> pg:answeredBy ?service }} ORDER BY ?service""",
    )
    assert [row["service"] for row in found] == [
        base + "id/organisation/fps-health",
        base + "id/organisation/fps-social-security",
    ]


def test_account_addresses_are_percent_encoded_iris(server: RunningServer) -> None:
    found = select(server, "SELECT ?page WHERE { ?account foaf:page ?page }")
    pages = [row["page"] for row in found]
    assert any("SPF-Sant%C3%A9-publique" in page for page in pages)
    assert all(" " not in page and page.isascii() for page in pages)


def test_accounts_mentioned_in_questions(server: RunningServer) -> None:
    base = server.settings.base_iri
    found = select(
        server,
        f"""SELECT DISTINCT ?name WHERE {{
        ?account foaf:accountName ?name ; pg:mentionedIn ?question .
        ?question a pg:WrittenQuestion .
        <{base}id/organisation/fps-finance> foaf:account ?account }} ORDER BY ?name""",
    )
    assert [row["name"] for row in found] == ["FOD_Financien", "SPF_Finances"]


def test_the_page_of_a_service(server: RunningServer) -> None:
    page = fetch(server.url + "id/organisation/fps-social-security").text
    for expected in ("FPS Social Security", "Federale Overheidsdienst Sociale Zekerheid",
                     "@FODSZ", "Yammer group", "HandiSocial", "business to business",
                     'href="/id/question/5-8906"'):  # fmt: skip
        assert expected in page, expected
