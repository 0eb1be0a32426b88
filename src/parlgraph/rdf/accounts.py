"""Map the answer analysis to RDF: which services answer (``pg:answeredBy``), and the accounts an
answer names or a question mentions, as ``foaf:OnlineAccount``s their owner ``foaf:account``s."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD

from parlgraph.extract import Account, Analysis
from parlgraph.rdf.namespaces import PG
from parlgraph.rdf.ntriples import S, Sink
from parlgraph.rdf.uris import Iris
from parlgraph.records import Question


def analysis_graph(question: Question, analysis: Analysis, iris: Iris, graph: S) -> S:
    """The services answering the question and the accounts its answer and text name, added to
    ``graph``."""
    answer = iris.answer(question.id)
    for service in analysis.services:
        graph.add((answer, PG.answeredBy, iris.organisation(service)))
    for account in analysis.accounts:
        _account(graph, account, answer, iris)
    for account in analysis.mentioned:
        _account(graph, account, iris.question(question.id), iris)
    return graph


def _account(graph: Sink, account: Account, mentioned_in: URIRef, iris: Iris) -> None:
    node = iris.account(account.platform, account.key)
    graph.add((node, RDF.type, FOAF.OnlineAccount))
    graph.add((node, PG.platform, iris.code("platform", account.platform)))
    graph.add((node, RDFS.label, Literal(label(account))))
    graph.add((node, PG.mentionedIn, mentioned_in))
    if account.handle:
        graph.add((node, FOAF.accountName, Literal(account.handle)))
    if account.url:
        graph.add((node, FOAF.page, URIRef(account.url)))
    for language in account.languages:
        graph.add((node, DCTERMS.language, Literal(language, datatype=XSD.language)))
    if account.role:
        graph.add((node, PG.accountRole, iris.code("account-role", account.role)))
    for audience in account.audiences:
        graph.add((node, PG.audience, iris.code("audience", audience)))
    if account.owner:
        graph.add((iris.organisation(account.owner), FOAF.account, node))


def label(account: Account) -> str:
    """How people name the account: @handle, the group's name, or its address."""
    if account.handle:
        return f"@{account.handle}"
    return account.name or account.url or account.key
