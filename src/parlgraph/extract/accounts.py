"""Find the social-media accounts an answer (or a question) names.

General rules, not tuned to one page: account URLs (rejoined when a space splits them), @handles
(never an e-mail address), groups named in «guillemets» or in parentheses after "groupes Yammer";
the language after an account ("(FR)", "(NL + FR)"); its role from the words before it
("porte-parole", "comptes officiels"); the audiences the part's sentences give its platform
("Twitter est davantage destiné aux journalistes…").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from parlgraph.extract.mentions import MentionFinder

PLATFORM_WORDS = {
    "facebook": "facebook", "twitter": "twitter", "linkedin": "linkedin", "yammer": "yammer",
    "youtube": "youtube", "instagram": "instagram", "flickr": "flickr",
}  # fmt: skip
# No right boundary: Dutch compounds ("Yammergroep", "Facebookpagina") name the platform too.
PLATFORM_WORD_RE = re.compile(r"\b(" + "|".join(PLATFORM_WORDS) + r")", re.IGNORECASE)
# URL host (and path start) -> platform; a URL elsewhere is a web site, not an account.
URL_PLATFORMS = (
    ("facebook.com/groups/", "facebook-group"), ("facebook.com/", "facebook-page"),
    ("twitter.com/", "twitter"), ("x.com/", "twitter"), ("linkedin.com/groups/", "linkedin-group"),
    ("linkedin.com/", "linkedin"), ("youtube.com/", "youtube"), ("instagram.com/", "instagram"),
    ("flickr.com/", "flickr"), ("yammer.com/", "yammer-group"),
)  # fmt: skip
GROUP_PLATFORMS = {"facebook": "facebook-group", "yammer": "yammer-group",
                   "linkedin": "linkedin-group"}  # fmt: skip
URL_RE = re.compile(r"https?://[^\s<>\"«»]+")
SPLIT_URL_RE = re.compile(r"(https?://\S*[/\-_=])\s+(?=\S*(?:/|-|\.\w)|\d+\b)")
HANDLE_RE = re.compile(r"(?<![\w@./])@(\w{1,30})\b(?![.-]?\w*\.[a-z]{2,})")
QUOTED_RE = re.compile(r"«\s*([^»]{2,80}?)\s*»")
LISTED_GROUPS_RE = re.compile(
    r"\b(?:groupes?|groepen|groep|groups?)\s+(facebook|yammer|linkedin)\s*\(([^)]+)\)",
    re.IGNORECASE,
)
# The languages after an account, also after the rest of a group: "(@a / @b) (FR/NL)".
LANGUAGES_RE = re.compile(
    r"(?:\s*[)/,+&]|\s*@\w+)*\s*\(((?:FR|NL|DE|EN)(?:\s*[+/,&]\s*(?:FR|NL|DE|EN))*)\)",
    re.IGNORECASE,
)
ROLE_WORDS = (
    ("spokesperson", re.compile(r"porte-parole|woordvoerder|spokes(?:person|man|woman)", re.I)),
    ("official", re.compile(r"officiel|officiële|officieel|official", re.I)),
)
AUDIENCE_WORDS = (
    ("b2b", re.compile(r"\bB2B\b")),
    ("social-sector-professionals", re.compile(
        r"professionnels (?:du|des) secteurs? (?:social|liés)|"
        r"professionals? (?:uit|van) de sociale sector|social[- ]sector professionals", re.I)),
    ("professionals", re.compile(r"professionnels|professionals|professionelen", re.I)),
    ("journalists", re.compile(r"journalist", re.I)),
    ("press", re.compile(r"\bpresse\b|\bpers\b|\bpress\b", re.I)),
    ("crisis-communication", re.compile(r"\bcrises?\b|\bcrisis\b", re.I)),
    ("organisational-culture", re.compile(
        r"culture organisationnelle|organisatiecultuur|organi[sz]ational culture", re.I)),
    ("citizens", re.compile(
        r"citoyens|burgers|\bpopulation\b|bevolking|citizens|grand public|general public", re.I)),
)  # fmt: skip
# Words before an account that make it someone else's, named in passing ("le service suit @x").
PASSING_RE = re.compile(
    r"\b(?:suit|suivons|suivez|suivent|suivre|suivi|relaie|relayons|relaient|relayer|"
    r"partage|partageons|partagent|partager|partagé|mentionne|mentionnons|cite|citons|"
    r"volgt|volgen|gevolgd|deelt|delen|gedeeld|vermeldt|vermelden|"
    r"follows?|following|shares?|retweets?)\b",
    re.IGNORECASE,
)
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
CLAUSE_RE = re.compile(r"[,;]\s+|\s+(?:et|en|and)\s+")


@dataclass(frozen=True)
class Account:
    """An account as named in a text; ``key`` identifies it within its platform."""

    platform: str
    key: str
    handle: str | None = None
    url: str | None = None
    name: str | None = None
    languages: tuple[str, ...] = ()
    role: str | None = None
    audiences: tuple[str, ...] = ()
    owner: str | None = None


def iri_safe(url: str) -> str:
    """A URL with spaces and non-ASCII characters percent-encoded (RFC 3987 section 3.1)."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def find_accounts(
    text: str, owner: str | None, finder: MentionFinder | None = None
) -> list[Account]:
    """Every account ``text`` names, owned by ``owner``, with the audiences it states; an account
    named in passing ("le service suit @belgiumbe") is owned only by a service its clause or its
    handle names (``finder``), else by no one known."""
    found: list[Account] = []
    section_platform: str | None = None
    for paragraph in text.split("\n\n"):
        alone = PLATFORM_WORD_RE.fullmatch(paragraph.strip(" :"))
        if alone:
            section_platform = PLATFORM_WORDS[alone.group(1).lower()]
            continue
        found += _in_paragraph(_join_split_urls(paragraph), section_platform, owner, finder)
    sentences = [s for p in text.split("\n\n") for s in SENTENCE_RE.split(p)]
    return merge_accounts(_with_platform_audiences(account, sentences) for account in found)


def _join_split_urls(paragraph: str) -> str:
    return SPLIT_URL_RE.sub(r"\1", paragraph)


def _in_paragraph(
    paragraph: str, section: str | None, owner: str | None, finder: MentionFinder | None
) -> list[Account]:
    found = []
    for match in URL_RE.finditer(paragraph):
        account = _from_url(match.group(0).rstrip(".,;)"), owner)
        if account:
            found.append(_described(account, paragraph, match.start(), match.end()))
    for match in HANDLE_RE.finditer(paragraph):
        platform = _platform_before(paragraph, match.start()) or section or "twitter"
        account = Account(platform, match.group(1).lower(), handle=match.group(1), owner=owner)
        sentence = SENTENCE_RE.split(paragraph[: match.start()])[-1]
        if PASSING_RE.search(sentence):
            account = replace(account, owner=_owner_in_clause(sentence, account, finder))
        found.append(_described(account, paragraph, match.start(), match.end()))
    for name, start, end, platform in _named_groups(paragraph, section):
        account = Account(platform, name.casefold(), name=name, owner=owner)
        found.append(_described(account, paragraph, start, end))
    return found


def _from_url(url: str, owner: str | None) -> Account | None:
    parts = urlsplit(url)
    place = (parts.netloc.lower().removeprefix("www.") + parts.path).lower()
    for prefix, platform in URL_PLATFORMS:
        if place.startswith(prefix):
            key = place.removeprefix(prefix).strip("/")
            handle = key if platform == "twitter" else None
            return Account(platform, key, handle=handle, url=iri_safe(url), owner=owner)
    return None


def _platform_before(paragraph: str, position: int) -> str | None:
    words = PLATFORM_WORD_RE.findall(paragraph[:position])
    return PLATFORM_WORDS[words[-1].lower()] if words else None


def _named_groups(paragraph: str, section: str | None) -> Iterable[tuple[str, int, int, str]]:
    for match in LISTED_GROUPS_RE.finditer(paragraph):
        platform = GROUP_PLATFORMS[match.group(1).lower()]
        for name in re.split(r"\s+(?:et|en|and)\s+|\s*[,/]\s*", match.group(2)):
            if name.strip():
                yield name.strip(), match.start(), match.end(), platform
    for match in QUOTED_RE.finditer(paragraph):
        word = _platform_before(paragraph[max(0, match.start() - 40) :], 40)
        if word in GROUP_PLATFORMS or (word is None and section in GROUP_PLATFORMS):
            yield match.group(1), match.start(), match.end(), GROUP_PLATFORMS[word or section or ""]


def _described(account: Account, paragraph: str, start: int, end: int) -> Account:
    languages = LANGUAGES_RE.match(paragraph, end)
    langs = tuple(re.findall(r"[A-Za-z]{2}", languages.group(1).lower())) if languages else ()
    before = paragraph[:start].rsplit("\n", 1)[-1]
    role = next((role for role, words in ROLE_WORDS if words.search(before)), None)
    after = SENTENCE_RE.split(paragraph[end:], maxsplit=1)[0]
    return replace(account, languages=langs, role=role, audiences=_audiences(after))


def _audiences(text: str) -> tuple[str, ...]:
    found = [name for name, words in AUDIENCE_WORDS if words.search(text)]
    if "social-sector-professionals" in found:
        found.remove("professionals")
    return tuple(found)


def _with_platform_audiences(account: Account, sentences: list[str]) -> Account:
    """Add what the text says of the account's platform ("Twitter est destiné aux journalistes"):
    an audience word belongs to the platform named last before it in its sentence."""
    word = account.platform.split("-")[0]
    stated = []
    for sentence in sentences:
        for name, words in AUDIENCE_WORDS:
            for match in words.finditer(sentence):
                if _platform_before(sentence, match.start()) == word:
                    stated.append(name)
    if "social-sector-professionals" in stated:
        stated = [name for name in stated if name != "professionals"]
    return replace(account, audiences=tuple(dict.fromkeys([*account.audiences, *stated])))


def merge_accounts(accounts: Iterable[Account]) -> list[Account]:
    """One account per platform and key, in order of first mention, their facts united."""
    merged: dict[tuple[str, str], Account] = {}
    for account in accounts:
        key = (account.platform, account.key)
        if key not in merged:
            merged[key] = account
            continue
        old = merged[key]
        merged[key] = replace(
            old,
            languages=tuple(dict.fromkeys([*old.languages, *account.languages])),
            audiences=tuple(dict.fromkeys([*old.audiences, *account.audiences])),
            role=old.role or account.role,
        )
    return list(merged.values())


def accounts_mentioned(text: str, finder: MentionFinder) -> list[Account]:
    """Accounts a question's text mentions in passing: the owner is the service named before it
    in the same clause ("suivre le SPF Finances via @SPF_Finances"), or in the handle itself
    (@FOD_Financien), else unknown."""
    found = []
    for clause in (c for p in text.split("\n\n") for c in CLAUSE_RE.split(p)):
        for account in find_accounts(clause, None):
            position = clause.find(account.handle or account.url or account.name or "")
            owner = _owner_in_clause(clause[:position], account, finder)
            found.append(replace(account, owner=owner, role=None, audiences=()))
    return merge_accounts(found)


def _owner_in_clause(before: str, account: Account, finder: MentionFinder | None) -> str | None:
    """The service named last in the clause before an account, else in its handle."""
    if finder is None:
        return None
    mentions = finder.find(CLAUSE_RE.split(before)[-1])
    return mentions[-1].organisation if mentions else _owner_in_handle(account, finder)


def _owner_in_handle(account: Account, finder: MentionFinder) -> str | None:
    """@FOD_Financien names its owner: the handle read as words."""
    if not account.handle:
        return None
    mentions = finder.find(account.handle.replace("_", " "))
    return mentions[0].organisation if len(mentions) == 1 else None
