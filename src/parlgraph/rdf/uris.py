"""The only place parlgraph mints IRIs.

Pattern (stable, documented in the README), under one configurable base such as
``https://parlgraph.example/``:

    {base}id/question/5-8906                 a written question
    {base}id/question/5-8906/answer          its answer (/answer/2: a supplementary answer)
    {base}id/question/5-8906/event/sent-2013-04-30   a step of its chronology
    {base}id/request/5-4310                  a request for explanation (link target)
    {base}id/person/martine-taelman          a senator
    {base}id/party/open-vld                  a party
    {base}id/membership/martine-taelman/open-vld
    {base}id/post/<slug>                     a post in the government (slug of its French title)
    {base}id/concept/<EuroVoc id or slug>    a descriptor
    {base}id/scheme/descriptors              the descriptor scheme
    {base}id/event-type/<type>               an event type
    {base}graph/question/5-8906              the named graph of one question
    {base}id/status/<status>                 the status of a question (answered, lapsed…)
    {base}id/organisation/fps-health         a federal public service (and peers)
    {base}id/account/twitter/santebelgique   a social-media account ({platform}/{slug of key})
    {base}id/platform/twitter, /account-role/official, /audience/b2b, /organisation-kind/fps
                                             the code lists of accounts and organisations
    {base}id/activity/parse-<version>        the parsing that produced a question's graph
    {base}graph/people, /organisations, /concepts   the shared reference graphs
    {base}graph/ontology                     the ontology
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

SLUG_LIMIT = 60
EUROVOC_ID_RE = re.compile(r"[0-9]+|c_[0-9a-f]{8}")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; a long text is cut between words and gets the
    first 8 hex digits of the SHA-1 of the full text, so that the slug stays unique."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    joined = "-".join(words) or "x"
    if len(joined) <= SLUG_LIMIT:
        return joined
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    cut = joined[: SLUG_LIMIT + 1].rsplit("-", 1)[0]
    return f"{cut}-{digest}"


@dataclass(frozen=True)
class Iris:
    """IRIs under one base; the base ends with a slash."""

    base: str

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def question(self, question_id: str) -> URIRef:
        return self._iri(f"id/question/{question_id}")

    def answer(self, question_id: str, index: int = 1) -> URIRef:
        """The first answer, or the ``index``-th (a supplementary answer is the second)."""
        suffix = "" if index == 1 else f"/{index}"
        return self._iri(f"id/question/{question_id}/answer{suffix}")

    def event(self, question_id: str, event_type: str, when: str | None) -> URIRef:
        return self._iri(f"id/question/{question_id}/event/{event_type}-{when or 'undated'}")

    def request(self, request_id: str) -> URIRef:
        return self._iri(f"id/request/{request_id}")

    def person(self, name: str) -> URIRef:
        return self._iri(f"id/person/{slug(name)}")

    def party(self, name: str) -> URIRef:
        return self._iri(f"id/party/{slug(name)}")

    def membership(self, person: str, party: str) -> URIRef:
        return self._iri(f"id/membership/{slug(person)}/{slug(party)}")

    def post(self, title: str) -> URIRef:
        return self._iri(f"id/post/{slug(title)}")

    def concept(self, key: str) -> URIRef:
        """A descriptor by its EuroVoc id (kept as EuroVoc writes it), else by its label's slug."""
        return self._iri(f"id/concept/{key if EUROVOC_ID_RE.fullmatch(key) else slug(key)}")

    def descriptor_scheme(self) -> URIRef:
        return self._iri("id/scheme/descriptors")

    def event_type(self, event_type: str) -> URIRef:
        return self._iri(f"id/event-type/{event_type.replace('_', '-')}")

    def event_type_scheme(self) -> URIRef:
        return self._iri("id/scheme/event-types")

    def organisation(self, organisation_id: str) -> URIRef:
        return self._iri(f"id/organisation/{organisation_id}")

    def account(self, platform: str, key: str) -> URIRef:
        return self._iri(f"id/account/{platform}/{slug(key)}")

    def code(self, code_list: str, code: str) -> URIRef:
        """A concept of one of the small code lists (platform, account-role, audience…)."""
        return self._iri(f"id/{code_list}/{code.replace('_', '-')}")

    def code_list(self, code_list: str) -> URIRef:
        return self._iri(f"id/scheme/{code_list}")

    def question_graph(self, question_id: str) -> URIRef:
        return self._iri(f"graph/question/{question_id}")

    def reference_graph(self, name: str) -> URIRef:
        """One of the shared graphs: people, organisations, concepts."""
        return self._iri(f"graph/{name}")

    def ontology_graph(self) -> URIRef:
        return self._iri("graph/ontology")

    def parser_run(self, version: str) -> URIRef:
        return self._iri(f"id/activity/parse-{slug(version)}")

    def status(self, status: str) -> URIRef:
        return self._iri(f"id/status/{status}")

    def status_scheme(self) -> URIRef:
        return self._iri("id/scheme/status")

    def statistics(self, cube: str) -> URIRef:
        return self._iri(f"id/statistics/{cube}")

    def observation(self, cube: str, key: str) -> URIRef:
        return self._iri(f"id/statistics/{cube}/{key}")

    def dataset(self) -> URIRef:
        return self._iri("id/dataset")
