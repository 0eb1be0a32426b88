"""Field parsers shared by every rendering of a Senate written-question page.

The label tables below are read off the Senate's pages (``www.senate.be`` /``www.senaat.be``,
``MIval=/Vragen/SchriftelijkeVraag``, ``SVPrint`` and ``SVPrintNLFR``), in French and Dutch.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

# Chronology labels -> event type. Keys are compared case-folded with spaces collapsed.
EVENT_LABELS = {
    "envoi question": "sent",
    "verzending vraag": "sent",
    "rappel": "reminder",
    "réponse": "answer",
    "antwoord": "answer",
    "réponse complémentaire": "supplementary_answer",
    "aanvullend antwoord": "supplementary_answer",
    "bijkomend antwoord": "supplementary_answer",
    "réponse provisoire": "provisional_answer",
    "voorlopig antwoord": "provisional_answer",
    "requalification": "requalified",
    "herkwalificatie": "requalified",
    "retrait question": "withdrawn",
    "intrekking vraag": "withdrawn",
    "vraag ingetrokken": "withdrawn",
    "dossier clôturé": "closed",
    "dossier gesloten": "closed",
    "fin de la législature": "end_of_legislature",
    "einde zittingsperiode": "end_of_legislature",
    "einde van de zittingsperiode": "end_of_legislature",
}

# Link labels -> link type; "also asked" labels are kept apart (they group questions).
LINK_LABELS = {
    "réintroduction de": "resubmission_of",
    "herindiening van": "resubmission_of",
    "réintroduite comme": "resubmitted_as",
    "heringediend als": "resubmitted_as",
    "requalification de": "requalification_of",
    "herkwalificatie van": "requalification_of",
    "requalifiée en": "requalified_as",
    "geherkwalificeerd als": "requalified_as",
}
ALSO_ASKED_LABELS = ("aussi posée à", "ook gesteld aan")

ASKED_IN_LANGUAGES = {
    "français": "fr", "néerlandais": "nl", "allemand": "de",
    "frans": "fr", "nederlands": "nl", "duits": "de",
}  # fmt: skip

INDEPENDENT_PARTIES = ("indépendant", "onafhankelijk", "onafhankelijke")

NUMERIC_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
WORDED_DATE = r"\d{1,2}(?:er)? [^\W\d_]+ \d{4}"
DATE = rf"(?:{NUMERIC_DATE}|{WORDED_DATE})"
QUESTION_ID = r"\d{1,2}-\d{1,6}"

NUMBER_RE = re.compile(
    rf"(?:(?P<fr>Question écrite n°)|Schriftelijke vraag nr\.)\s*(?P<id>{QUESTION_ID})"
)
AUTHOR_RE = re.compile(
    rf"^(?P<prep>de|van)\s+(?P<name>[^()]+?)\s*(?:\((?P<party>[^()]*)\))?"
    rf"\s*(?:(?:du|d\.d\.)\s+(?P<date>{DATE}))?\s*$"
)
ADDRESSEE_RE = re.compile(r"^(?:à la|à l'|à l’|au|aux|à|aan de|aan het|aan)\s+(?P<post>\S.*)$")
EVENT_RE = re.compile(rf"^(?P<date>{NUMERIC_DATE})\s*(?P<label>[^(]*?)\s*(?:\((?P<note>.*)\)\s*)?$")
DEADLINE_RE = re.compile(
    rf"\((?:Fin du délai de réponse|Einde van de antwoordtermijn)\s*:\s*(?P<date>{DATE})\s*\)"
)
LINK_RE = re.compile(
    r"(?P<label>" + "|".join(map(re.escape, [*LINK_LABELS, *ALSO_ASKED_LABELS])) + r")"
    rf"\s*:\s*(?P<kind>[^:]+?)\s+(?P<target>{QUESTION_ID})",
    re.IGNORECASE,
)
QUESTION_HEADING_RE = re.compile(
    rf"(?:SÉNAT |SENAAT )?(?:Question n°|Vraag nr\.|Question écrite n°|Schriftelijke vraag nr\.)"
    rf"\s*(?P<id>{QUESTION_ID})\s+(?:du|d\.d\.)\s+(?P<date>{DATE})\s*:"
    r"\s*(?:\((?:Question posée en|Vraag gesteld in het)\s+(?P<lang>[^)]+)\))?"
)
ANSWER_HEADING_RE = re.compile(
    rf"(?:Réponse reçue le|Antwoord ontvangen op)\s+(?P<date>{DATE})\s*:"
)
PROVISIONAL_RE = re.compile(r"^(?:Réponse provisoire|Voorlopig antwoord)\b", re.IGNORECASE)
CHRONOLOGY_HEADING_RE = re.compile(r"^(?:Chronologie|Chronology)\s*$", re.IGNORECASE)
SEPARATOR_RE = re.compile(r"^_{3,}(?:\s+_{3,})*$")


def parse_date(text: str) -> date | None:
    """Read ``30/4/2013``, ``30 avril 2013`` or ``30 april 2013``; None if it is not a date."""
    text = text.strip()
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
    else:
        worded = re.fullmatch(r"(\d{1,2})(?:er)? ([^\W\d_]+) (\d{4})", text)
        if not worded:
            return None
        month_number = month_from_name(worded.group(2))
        if month_number is None:
            return None
        day, month, year = int(worded.group(1)), month_number, int(worded.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def first_date(text: str) -> date | None:
    """The first date written out in ``text`` (``6 février 2009 6 februari 2009`` -> 2009-02-06)."""
    match = re.search(DATE, text)
    return parse_date(match.group(0)) if match else None


def month_from_name(name: str) -> int | None:
    """A French or Dutch month name, also when its accent was mis-encoded (``fťvrier``)."""
    name = name.casefold()
    if name in MONTHS:
        return MONTHS[name]
    skeleton = _ascii_skeleton(name)
    matches = {number for month, number in MONTHS.items() if _ascii_skeleton(month) == skeleton}
    return matches.pop() if len(matches) == 1 else None


def _ascii_skeleton(text: str) -> str:
    return "".join(char for char in text if "a" <= char <= "z")


LINK_PHRASES = (
    *(f"{label} : question écrite" for label in ("réintroduction de", "réintroduite comme")),
    *(f"{label} : schriftelijke vraag" for label in ("herindiening van", "heringediend als")),
    *(f"{label} : demande d'explications" for label in ("requalification de", "requalifiée en")),
    *(f"{label} : vraag om uitleg" for label in ("herkwalificatie van", "geherkwalificeerd als")),
    "aussi posée à : question écrite",
    "ook gesteld aan : schriftelijke vraag",
)


def is_cut_link(text: str) -> bool:
    """A link line the page was cut in (``Ook gesteld aan : schri``)."""
    key = label_key(text)
    return bool(key) and any(phrase.startswith(key) for phrase in LINK_PHRASES)


def label_key(label: str) -> str:
    """Normalise a page label for table look-up: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", label).casefold().split())


def event_type(label: str) -> str | None:
    """The event type of a chronology label, or None for a label not in ``EVENT_LABELS``."""
    return EVENT_LABELS.get(label_key(label))


def party_of(printed: str | None) -> str | None:
    """The party as printed, or None where the page gives none."""
    if printed is None or not printed.strip():
        return None
    return " ".join(printed.split())


def is_independent(party: str | None) -> bool:
    """True for the Senate's 'Indépendant' / 'Onafhankelijke': a senator without a party group."""
    return party is not None and label_key(party) in INDEPENDENT_PARTIES
