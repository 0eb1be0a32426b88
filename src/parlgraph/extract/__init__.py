"""Answer analysis: the services that answer a question, and the social-media accounts its answer
names (and its text mentions). ``analyse`` is the one entry point; pure functions throughout."""

from __future__ import annotations

from dataclasses import dataclass

from parlgraph.extract.accounts import Account, accounts_mentioned, find_accounts, merge_accounts
from parlgraph.extract.mentions import MentionFinder
from parlgraph.extract.services import services_answering, split_by_service
from parlgraph.records import LANGUAGES, Question

__all__ = ["Account", "Analysis", "MentionFinder", "analyse"]


@dataclass(frozen=True)
class Analysis:
    services: tuple[str, ...] = ()  # the organisations that answer, in order
    accounts: tuple[Account, ...] = ()  # the accounts the answer names
    mentioned: tuple[Account, ...] = ()  # the accounts the question's text mentions


def analyse(question: Question, finder: MentionFinder) -> Analysis:
    """What a question's answer (in both languages) and its text say of services and accounts."""
    services: list[str] = []
    accounts: list[Account] = []
    mentioned: list[Account] = []
    for lang in LANGUAGES:
        answer = question.answer_text.get(lang)
        if answer:
            parts = split_by_service(answer, finder)
            services += services_answering(parts)
            accounts += [
                a for part in parts for a in find_accounts(part.text, part.service, finder)
            ]
        text = question.question_text.get(lang)
        if text:
            mentioned += accounts_mentioned(text, finder)
    return Analysis(
        tuple(dict.fromkeys(services)),
        tuple(merge_accounts(accounts)),
        tuple(merge_accounts(mentioned)),
    )
