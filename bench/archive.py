"""A synthetic, seeded archive of Senate written-question pages, for benchmarks at scale.

Every rendering the parser reads (web, one-language print, bilingual print and its pipe-table
variant; French and Dutch pages), every chronology event and link kind of the real corpus, with
distributions read off it: ~300 authors in 15 parties, ~40 posts, descriptors drawn from EuroVoc
(Zipf-like), 20% of questions sent to several ministers, reminders, unanswered questions, cut
pages. The same seed and size give the same files, byte for byte.

Written to disk by ``bench.generate``.
"""

from __future__ import annotations

import csv
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip
NL_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")  # fmt: skip
LEGISLATURES = {4: (2007, 2010), 5: (2010, 2014), 6: (2014, 2019), 7: (2019, 2024)}
FR_PARTIES = ("PS", "MR", "cdH", "Ecolo", "DéFI", "PTB", "FDF")
NL_PARTIES = ("N-VA", "Open Vld", "CD&V", "sp.a", "Groen", "Vlaams Belang", "LDD")
INDEPENDENT = {"fr": "Indépendant", "nl": "Onafhankelijke"}
FIRST_NAMES = ("Anne", "Bert", "Christine", "Dirk", "Els", "François", "Geert", "Hélène", "Inge",
               "Jean", "Karin", "Luc", "Marie", "Nele", "Olivier", "Peter", "Rik", "Sabine",
               "Thierry", "Vera")  # fmt: skip
LAST_NAMES = ("Anciaux", "Bousetta", "Claes", "De Bethune", "Durant", "Franssen", "Hermans",
              "Lijnen", "Maes", "Piryns", "Schouppe", "Taelman", "Vanlerberghe", "Willems",
              "Zrihen", "Brotcorne")  # fmt: skip
PORTFOLIOS = (  # French (with its article), Dutch
    ("de la Justice", "Justitie"), ("des Finances", "Financiën"),
    ("des Affaires sociales", "Sociale Zaken"), ("de la Santé publique", "Volksgezondheid"),
    ("de l'Intérieur", "Binnenlandse Zaken"), ("de la Défense", "Landsverdediging"),
    ("de l'Emploi", "Werk"), ("de la Mobilité", "Mobiliteit"), ("de l'Économie", "Economie"),
    ("des Affaires étrangères", "Buitenlandse Zaken"), ("des Pensions", "Pensioenen"),
    ("de l'Énergie", "Energie"), ("de l'Environnement", "Leefmilieu"),
    ("de l'Agriculture", "Landbouw"), ("de la Fonction publique", "Ambtenarenzaken"),
    ("de l'Asile et la Migration", "Asiel en Migratie"), ("des Classes moyennes", "Middenstand"),
    ("du Budget", "Begroting"), ("de la Coopération au développement", "Ontwikkelingssamenwerking"),
    ("des Entreprises publiques", "Overheidsbedrijven"),
)  # fmt: skip
EVENT_LABELS = {  # event type -> French label, Dutch label (as the pages print them)
    "sent": ("Envoi question", "Verzending vraag"), "reminder": ("Rappel", "Rappel"),
    "provisional_answer": ("Réponse provisoire", "Voorlopig antwoord"),
    "answer": ("Réponse", "Antwoord"),
    "supplementary_answer": ("Réponse complémentaire", "Aanvullend antwoord"),
    "requalified": ("Requalification", "Herkwalificatie"),
    "withdrawn": ("Retrait question", "Intrekking vraag"),
    "closed": ("Dossier clôturé", "Dossier gesloten"),
    "end_of_legislature": ("Fin de la législature", "Einde zittingsperiode"),
}  # fmt: skip
LINK_LABELS = {  # link type -> French label and kind, Dutch label and kind
    "also": (("Aussi posée à", "question écrite"), ("Ook gesteld aan", "schriftelijke vraag")),
    "resubmission_of": (("Réintroduction de", "question écrite"),
                        ("Herindiening van", "schriftelijke vraag")),
    "resubmitted_as": (("Réintroduite comme", "question écrite"),
                       ("Heringediend als", "schriftelijke vraag")),
    "requalification_of": (("Requalification de", "demande d'explications"),
                           ("Herkwalificatie van", "vraag om uitleg")),
}  # fmt: skip
WORDS = {
    "fr": ("le gouvernement", "la politique", "les citoyens", "le service public", "la réforme",
           "les chiffres", "la sécurité", "le budget", "les communes", "la procédure",
           "le contrôle",
           "les entreprises", "la concertation", "le personnel", "les délais", "la législation"),
    "nl": ("de regering", "het beleid", "de burgers", "de openbare dienst", "de hervorming",
           "de cijfers", "de veiligheid", "de begroting", "de gemeenten", "de procedure",
           "de controle", "de ondernemingen", "het overleg", "het personeel", "de termijnen",
           "de wetgeving"),
}  # fmt: skip
VERBS = {
    "fr": ("concerne", "améliore", "réduit", "examine", "renforce", "évalue", "modifie"),
    "nl": ("betreft", "verbetert", "vermindert", "onderzoekt", "versterkt", "evalueert", "wijzigt"),
}
SERVICES = {
    "fr": ("SPF Finances", "SPF Justice", "SPF Sécurité sociale", "SPF Intérieur"),
    "nl": ("FOD Financiën", "FOD Justitie", "FOD Sociale Zekerheid", "FOD Binnenlandse Zaken"),
}
CUT_AT = 2000  # bytes, as the Senate pages of the real corpus were saved


@dataclass(frozen=True)
class Person:
    name: str
    party: str | None  # None: independent
    lang: str


@dataclass(frozen=True)
class Post:
    fr: str
    nl: str


@dataclass
class Question:
    """The truth a generated question's pages print."""

    id: str
    lang: str
    author: Person
    post: Post
    sent: date
    descriptors: tuple[tuple[str, str], ...]
    events: list[tuple[date, str]]
    links: list[tuple[str, str]] = field(default_factory=list)  # (link type, question id)
    answered: date | None = None
    accounts: int = 0  # social-media accounts named in the answer


class Vocabulary:
    """People, posts and descriptors, drawn once from the seed."""

    def __init__(self, rng: random.Random, eurovoc: Path) -> None:
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(names)
        self.people = [self._person(rng, name) for name in names[:300]]
        self.posts = _posts(rng)
        with eurovoc.open(encoding="utf-8", newline="") as handle:
            rows = [
                (row["pref_fr"], row["pref_en"]) for row in csv.DictReader(handle, delimiter="\t")
            ]
        rng.shuffle(rows)
        self.descriptors = rows  # the English label stands in for the Dutch one
        self.weights = [1 / (rank + 10) for rank in range(len(rows))]  # Zipf-like

    @staticmethod
    def _person(rng: random.Random, name: str) -> Person:
        lang = rng.choice(("fr", "nl", "nl"))
        if rng.random() < 0.03:
            return Person(name, None, lang)
        return Person(name, rng.choice(FR_PARTIES if lang == "fr" else NL_PARTIES), lang)


def _posts(rng: random.Random) -> list[Post]:
    posts = [Post(f"ministre {fr}", f"minister van {nl}") for fr, nl in PORTFOLIOS]
    for _ in range(20):
        (fr1, nl1), (fr2, nl2) = rng.sample(PORTFOLIOS, 2)
        posts.append(
            Post(
                f"vice-premier ministre et ministre {fr1}, chargé {fr2}",
                f"vice-eersteminister en minister van {nl1}, belast met {nl2}",
            )
        )
    return posts


def questions(count: int, seed: int, eurovoc: Path) -> Iterator[Question]:
    """``count`` questions, spread over the legislatures; groups sent to several ministers."""
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng, eurovoc)
    numbers = dict.fromkeys(LEGISLATURES, 0)
    legislatures = list(LEGISLATURES)
    made = 0
    while made < count:
        leg = rng.choice(legislatures)
        size = rng.randint(2, 6) if rng.random() < 0.08 else 1  # ~20% of questions in groups
        size = min(size, count - made)
        first = numbers[leg] + 1
        numbers[leg] += size
        ids = [f"{leg}-{first + k}" for k in range(size)]
        template = _question(rng, vocabulary, leg, ids[0])
        posts = rng.sample(vocabulary.posts, size)
        for question_id, post in zip(ids, posts, strict=True):
            question = _variant(rng, template, question_id, post)
            question.links += [("also", other) for other in ids if other != question_id]
            made += 1
            yield question


def _question(rng: random.Random, vocabulary: Vocabulary, leg: int, question_id: str) -> Question:
    start, end = LEGISLATURES[leg]
    sent = date(start, 7, 1) + timedelta(days=rng.randrange((end - start) * 365 - 60))
    picked = rng.choices(vocabulary.descriptors, vocabulary.weights, k=rng.randint(2, 7))
    author = rng.choice(vocabulary.people)
    return Question(
        id=question_id,
        lang=author.lang,
        author=author,
        post=vocabulary.posts[0],
        sent=sent,
        descriptors=tuple(dict.fromkeys(picked)),
        events=[],
    )


def _variant(rng: random.Random, template: Question, question_id: str, post: Post) -> Question:
    """The template question as sent to one post, with a chronology of its own."""
    question = Question(**{**template.__dict__, "id": question_id, "post": post, "links": []})
    question.events = [(question.sent, "sent")]
    leg = int(question_id.split("-")[0])
    end = date(LEGISLATURES[leg][1], 5, 25)
    slowness = zlib.crc32(post.fr.encode()) % 7 / 10  # some posts answer later than others
    delay = int(rng.lognormvariate(4.2 + slowness, 0.8)) + 5
    answered = question.sent + timedelta(days=delay)
    if delay > 60 and rng.random() < 0.5:
        question.events.append((question.sent + timedelta(days=delay // 2), "reminder"))
    if rng.random() < 0.02:
        question.events.append((question.sent + timedelta(days=20), "provisional_answer"))
    roll = rng.random()
    if roll < 0.7 and answered < end:
        question.answered = answered
        question.events.append((answered, "answer"))
        if rng.random() < 0.03:
            question.events.append((answered + timedelta(days=40), "supplementary_answer"))
        question.accounts = rng.choice((0, 0, 0, 0, 1, 2))
    elif roll < 0.74:
        question.events.append((question.sent + timedelta(days=15), "withdrawn"))
    elif roll < 0.8:
        question.events.append((question.sent + timedelta(days=200), "closed"))
    else:
        question.events.append((end, "end_of_legislature"))
    if rng.random() < 0.03:
        question.links.append(("requalification_of", f"{leg}-{rng.randint(1, 900)}"))
    if rng.random() < 0.03:
        question.links.append(("resubmission_of", f"{leg}-{rng.randint(1, 900)}"))
    question.events.sort()
    return question
