"""The page text of a synthetic question, in each rendering the Senate publishes.

Layouts follow the saved pages in ``corpus/senate``: the web page (``SchriftelijkeVraag``), the
one-language print (``SVPrint``) and the bilingual print (``SVPrintNLFR``), with the quirks the
real pages have (the print's "de" before the author in Dutch too, the bilingual print's Dutch
chronology printed twice, deadlines inline or on a line of their own).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from bench.archive import (
    EVENT_LABELS,
    FR_MONTHS,
    INDEPENDENT,
    LINK_LABELS,
    NL_MONTHS,
    SERVICES,
    VERBS,
    WORDS,
    Question,
)

LANGUAGE_NAMES = {
    "fr": {"fr": "français", "nl": "néerlandais"},
    "nl": {"fr": "Frans", "nl": "Nederlands"},
}
SEPARATOR = "________"
BILINGUAL_SEPARATOR = "________________"


def worded(when: date, lang: str) -> str:
    months = FR_MONTHS if lang == "fr" else NL_MONTHS
    return f"{when.day} {months[when.month - 1]} {when.year}"


def numeric(when: date) -> str:
    return f"{when.day}/{when.month}/{when.year}"


def sentence(rng: random.Random, lang: str) -> str:
    subject, thing = rng.sample(WORDS[lang], 2)
    return f"{subject.capitalize()} {rng.choice(VERBS[lang])} {thing}."


def title(rng: random.Random, lang: str) -> str:
    return " - ".join(word.split(" ", 1)[1].capitalize() for word in rng.sample(WORDS[lang], 3))


def question_text(rng: random.Random, lang: str) -> list[str]:
    paragraphs = [" ".join(sentence(rng, lang) for _ in range(rng.randint(2, 5))) for _ in range(3)]
    asks = [f"{n}) {sentence(rng, lang)[:-1]} ?" for n in range(1, rng.randint(2, 5))]
    return paragraphs + asks


def answer_text(rng: random.Random, question: Question, lang: str) -> list[str]:
    paragraphs = [" ".join(sentence(rng, lang) for _ in range(rng.randint(2, 4))) for _ in range(3)]
    for _ in range(question.accounts):
        index = rng.randrange(len(SERVICES["fr"]))
        service, handle = (
            SERVICES[lang][index],
            f"@{SERVICES['fr'][index].split()[1][:6]}{rng.randint(1, 9)}",
        )
        if lang == "fr":
            paragraphs.append(f"Le {service} communique avec les citoyens sur Twitter : {handle}.")
        else:
            paragraphs.append(f"De {service} communiceert met de burgers via Twitter : {handle}.")
    return paragraphs


def number_line(question: Question, lang: str) -> str:
    if lang == "fr":
        return f"Question écrite n° {question.id}"
    return f"Schriftelijke vraag nr. {question.id}"


def author_line(question: Question, lang: str, dated: bool, prep: str = "") -> str:
    author = question.author
    party = author.party or INDEPENDENT[lang]
    when = f" {'du' if lang == 'fr' else 'd.d.'} {worded(question.sent, lang)}" if dated else ""
    return f"{prep or ('de' if lang == 'fr' else 'van')} {author.name} ({party}){when}"


def addressee(question: Question, lang: str) -> str:
    return f"au {question.post.fr}" if lang == "fr" else f"aan de {question.post.nl}"


def event_lines(question: Question, lang: str, style: str) -> list[str]:
    """Chronology lines in a ``style``: tight, plain, spaced (inline deadline), deadline-below."""
    lines = []
    for when, kind in question.events:
        label = EVENT_LABELS[kind][0 if lang == "fr" else 1]
        if style == "tight":
            lines.append(f"{numeric(when)}{label}")
            continue
        line = f"{numeric(when)} {label}"
        if kind == "sent" and style == "spaced":
            word = "Fin du délai de réponse" if lang == "fr" else "Einde van de antwoordtermijn"
            line += f" ({word}: {numeric(when + timedelta(days=35))} )"
        lines.append(line)
        if kind == "sent" and style == "deadline-below":
            lines.append(f"(Einde van de antwoordtermijn: {numeric(when + timedelta(days=35))})")
    return lines


def link_lines(question: Question, lang: str) -> list[str]:
    lines = []
    for kind, target in question.links:
        label, noun = LINK_LABELS[kind][0 if lang == "fr" else 1]
        lines.append(f"{label} : {noun} {target}")
    return lines


def heading(question: Question, lang: str, prefix: str = "") -> str:
    asked = LANGUAGE_NAMES[lang][question.lang]
    when = worded(question.sent, lang)
    if lang == "fr":
        return f"{prefix}Question n° {question.id} du {when} : (Question posée en {asked})"
    return f"{prefix}Vraag nr. {question.id} d.d. {when} : (Vraag gesteld in het {asked})"


def answer_heading(question: Question, lang: str) -> str:
    assert question.answered is not None
    if lang == "fr":
        return f"Réponse reçue le {worded(question.answered, 'fr')} :"
    return f"Antwoord ontvangen op {worded(question.answered, 'nl')} :"


def _titles(question: Question) -> tuple[str, str]:
    rng = random.Random(question.id)
    return title(rng, "fr"), title(rng, "nl")


def _texts(question: Question, lang: str) -> tuple[list[str], list[str]]:
    """The question and answer paragraphs in ``lang``, the same on every rendering."""
    rng = random.Random(f"{question.id}/{lang}")
    return question_text(rng, lang), answer_text(rng, question, lang) if question.answered else []


def web(question: Question, lang: str) -> str:
    leg = int(question.id.split("-")[0])
    header = ("Version à imprimer bilingue Version à imprimer unilingue" if lang == "fr"
              else "Tweetalige printerversie Eentalige printerversie")  # fmt: skip
    number = number_line(question, lang)
    text, answer = _texts(question, lang)
    parts = [
        header, number, author_line(question, lang, dated=True), addressee(question, lang),
        _titles(question)[0 if lang == "fr" else 1],
        "\n".join(fr if lang == "fr" else nl for fr, nl in question.descriptors),
        "Chronologie",
        "\n".join(event_lines(question, lang, "tight" if leg <= 5 else "spaced")),
        "\n".join(link_lines(question, lang)),
        heading(question, lang), *text,
    ]  # fmt: skip
    if answer:
        parts += [answer_heading(question, lang), *answer]
    return "\n\n".join(part for part in parts if part) + "\n"


def session(when: date) -> str:
    start = when.year if when.month >= 10 else when.year - 1
    return f"{start}-{start + 1}"


def print_page(question: Question, lang: str) -> str:
    senate = "SÉNAT" if lang == "fr" else "SENAAT"
    number = number_line(question, lang)
    text, answer = _texts(question, lang)
    blocks = [
        "SÉNAT DE BELGIQUE" if lang == "fr" else "BELGISCHE SENAAT",
        f"{'Session' if lang == 'fr' else 'Zitting'} {session(question.sent)}",
        worded(question.sent, lang),
        f"{senate} {number}\n\n{author_line(question, lang, dated=False, prep='de')}"
        f"\n\n{addressee(question, lang)}",
        _titles(question)[0 if lang == "fr" else 1],
        "\n".join(fr if lang == "fr" else nl for fr, nl in question.descriptors),
        "\n".join(event_lines(question, lang, "plain")),
        "\n".join(link_lines(question, lang)),
    ]
    body = [heading(question, lang, prefix=f"{senate} "), *text]
    if answer:
        body += [answer_heading(question, lang), *answer]
    return (
        f"\n{SEPARATOR}\n".join(block for block in blocks if block)
        + f"\n{SEPARATOR}\n"
        + "\n\n".join(body)
        + "\n"
    )


def bilingual(question: Question, lang: str) -> str:
    """The bilingual print; ``lang`` (the file's) decides the language of the link lines."""
    leg = int(question.id.split("-")[0])
    fr_text, fr_answer = _texts(question, "fr")
    nl_text, nl_answer = _texts(question, "nl")
    events = event_lines(question, "nl", "deadline-below" if leg == 4 else "tight")
    also = link_lines(question, lang)
    blocks = [
        "SÉNAT DE BELGIQUE BELGISCHE SENAAT",
        f"Session {session(question.sent)} Zitting {session(question.sent)}",
        f"{worded(question.sent, 'fr')} {worded(question.sent, 'nl')}",
        f"{number_line(question, 'fr')} {number_line(question, 'nl')}\n\n"
        f"{author_line(question, 'fr', False)}\n\n{author_line(question, 'nl', False)}\n\n"
        f"{addressee(question, 'fr')}\n\n{addressee(question, 'nl')}",
        " ".join(_titles(question)) + " ",
        "\n".join([fr for fr, _ in question.descriptors] + [nl for _, nl in question.descriptors]),
    ]
    pairs = [f"{SEPARATOR} {SEPARATOR}\n" + "\n".join(events + events)]
    if also:
        pairs.append(f"{SEPARATOR} {SEPARATOR}\n" + "\n".join(also + also))
    body = [f"{heading(question, 'fr')} {heading(question, 'nl')}", *fr_text, " ", *nl_text]
    if question.answered:
        body += [
            f"{answer_heading(question, 'fr')} {answer_heading(question, 'nl')}",
            *fr_answer,
            " ",
            *nl_answer,
        ]
    return (
        f"\n{BILINGUAL_SEPARATOR}\n".join(blocks)
        + "\n" + "\n".join(pairs) + f"\n{SEPARATOR} {SEPARATOR}\n" + "\n\n".join(body) + "\n"
    )  # fmt: skip


RENDERINGS: dict[str, Callable[[Question, str], str]] = {
    "web": web,
    "print": print_page,
    "printnlfr": bilingual,
}
