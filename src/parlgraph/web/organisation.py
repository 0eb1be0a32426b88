"""The page of a public service: its names, its accounts with the answers that name them, and the
questions it answered."""

from __future__ import annotations

from dataclasses import dataclass, field

from parlgraph.store import ReadStore

PREFIXES = """PREFIX pg: <https://w3id.org/parlgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

SERVICE = (
    PREFIXES
    + """PREFIX cv: <http://data.europa.eu/m8g/>
SELECT ?q ?en ?fr ?nl ?de WHERE {
  ?q a cv:PublicOrganisation .
  OPTIONAL { ?q skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?q skos:prefLabel ?fr FILTER(lang(?fr) = "fr") }
  OPTIONAL { ?q skos:prefLabel ?nl FILTER(lang(?nl) = "nl") }
  OPTIONAL { ?q skos:prefLabel ?de FILTER(lang(?de) = "de") }
}"""
)
ACCOUNTS = (
    PREFIXES
    + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?q ?account ?label ?page ?platform ?role
       (GROUP_CONCAT(DISTINCT STR(?language); separator=" + ") AS ?languages)
       (GROUP_CONCAT(DISTINCT ?audience_label; separator=", ") AS ?audiences)
       (GROUP_CONCAT(DISTINCT STR(?source); separator=" ") AS ?sources)
WHERE {
  ?q foaf:account ?account .
  ?account rdfs:label ?label ; pg:platform/skos:prefLabel ?platform ; pg:mentionedIn ?source .
  FILTER(lang(?platform) = "en")
  OPTIONAL { ?account foaf:page ?page }
  OPTIONAL { ?account dcterms:language ?language }
  OPTIONAL { ?account pg:accountRole/skos:prefLabel ?role FILTER(lang(?role) = "en") }
  OPTIONAL { ?account pg:audience/skos:prefLabel ?audience_label
             FILTER(lang(?audience_label) = "en") }
}
GROUP BY ?q ?account ?label ?page ?platform ?role
ORDER BY ?platform ?label"""
)
ANSWERED = (
    PREFIXES
    + """SELECT ?q ?question ?id ?title ?date WHERE {
  ?question pg:hasAnswer ?answer ; dcterms:identifier ?id .
  ?answer pg:answeredBy ?q .
  OPTIONAL { ?answer dcterms:date ?date }
  OPTIONAL { ?question dcterms:title ?title FILTER(lang(?title) = "fr") }
} ORDER BY ?id"""
)


@dataclass
class OrganisationView:
    iri: str
    names: dict[str, str | None]
    accounts: list[dict[str, str | None]] = field(default_factory=list)
    answered: list[dict[str, str | None]] = field(default_factory=list)


def organisation_view(store: ReadStore, iri: str) -> OrganisationView | None:
    """The page of a public service, or None for any other resource."""
    found = store.rows(SERVICE, {"q": iri})
    if not found:
        return None
    view = OrganisationView(iri, found[0])
    for account in store.rows(ACCOUNTS, {"q": iri}):
        sources = (account["sources"] or "").split()
        view.accounts.append({**account, "sources": " ".join(sources)})
    view.answered = store.rows(ANSWERED, {"q": iri})
    return view
