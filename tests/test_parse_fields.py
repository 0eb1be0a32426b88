"""Field parsers and the French/Dutch splitter, as case tables."""

from __future__ import annotations

from datetime import date

import pytest

from parlgraph.parse import fields, language
from parlgraph.parse.bilingual import segment

DATES = [
    ("30/4/2013", date(2013, 4, 30)),
    ("1/12/2016", date(2016, 12, 1)),
    ("30 avril 2013", date(2013, 4, 30)),
    ("17 février 2010", date(2010, 2, 17)),
    ("1er mars 2010", date(2010, 3, 1)),
    ("30 april 2013", date(2013, 4, 30)),
    ("8 maart 2013", date(2013, 3, 8)),
    ("17 fťvrier 2010", date(2010, 2, 17)),  # accent mis-encoded in the source
    ("31/2/2013", None),
    ("30 floréal 2013", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: date | None) -> None:
    assert fields.parse_date(text) == expected


EVENTS = [
    ("Envoi question", "sent"),
    ("Verzending vraag", "sent"),
    ("Rappel", "reminder"),
    ("Réponse", "answer"),
    ("Antwoord", "answer"),
    ("Réponse complémentaire", "supplementary_answer"),
    ("Requalification", "requalified"),
    ("Herkwalificatie", "requalified"),
    ("Retrait question", "withdrawn"),
    ("Dossier clôturé", "closed"),
    ("Dossier  gesloten", "closed"),
    ("Fin de la législature", "end_of_legislature"),
    ("Einde zittingsperiode", "end_of_legislature"),
    ("Something else", None),
]


@pytest.mark.parametrize(("label", "expected"), EVENTS)
def test_event_type(label: str, expected: str | None) -> None:
    assert fields.event_type(label) == expected


TITLES = [
    (
        "Prisons - Trafic - Contrôle des fournisseurs - Sanctions "
        "Gevangenissen - Smokkelwaar - Controle van leveranciers - Sancties",
        "Prisons - Trafic - Contrôle des fournisseurs - Sanctions",
    ),
    ("la politique en matière de drogues het drugsbeleid", "la politique en matière de drogues"),
    (
        "Allocation de remplacement de revenus - Allocation d’intégration "
        "Inkomensvervangende tegemoetkoming - Integratietegemoetkoming - Nationaliteit",
        "Allocation de remplacement de revenus - Allocation d’intégration",
    ),
]


@pytest.mark.parametrize(("joined", "french"), TITLES)
def test_split_line_finds_the_language_boundary(joined: str, french: str) -> None:
    left, right = language.split_line(joined)
    assert left == french
    assert f"{left} {right}" == joined


def test_split_list_halves_an_even_block_and_scores_an_odd_one() -> None:
    assert language.split_list(["a", "b", "c", "d"]) == (["a", "b"], ["c", "d"])
    odd = ["sécurité sociale", "prestation sociale", "sociale zekerheid"]
    assert language.split_list(odd) == (odd[:2], odd[2:])


def test_segment_uses_the_fewest_known_labels() -> None:
    labels = frozenset({"établissement pénitentiaire", "province de namur", "province"})
    run = "établissement pénitentiaire province de Namur"
    assert segment(run, labels) == ["établissement pénitentiaire", "province de Namur"]
    assert segment("inconnu au bataillon", labels) is None
