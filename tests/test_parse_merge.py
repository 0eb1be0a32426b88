"""Renderings of the same question merge into one record."""

from __future__ import annotations

from pathlib import Path

from parlgraph.parse import parse_files
from parlgraph.records import Question


def _one(corpus_dir: Path, *names: str) -> Question:
    report = parse_files([corpus_dir / name for name in names])
    assert report.errors == []
    assert len(report.questions) == 1
    return report.questions[0]


def test_french_and_dutch_web_pages_fill_both_languages(corpus_dir: Path) -> None:
    q = _one(corpus_dir, "web_4-6998_fr.txt", "web_4-6998_nl.txt")
    assert q.title.fr and q.title.fr.startswith("Mutilations génitales féminines")
    assert q.title.nl and q.title.nl.startswith("Vrouwelijke genitale verminking")
    assert q.descriptors.fr == ("mutilation sexuelle", "sensibilisation du public")
    assert q.descriptors.nl == ("seksuele verminking", "bewustmaking van de burgers")
    assert q.addressee.nl and q.addressee.nl.startswith("vice-eersteminister en minister van Werk")
    assert [s.file for s in q.sources] == ["web_4-6998_fr.txt", "web_4-6998_nl.txt"]
    assert [(e.type, e.date.isoformat() if e.date else None) for e in q.events] == [
        ("sent", "2010-02-17"),
        ("answer", "2010-03-05"),
    ]
    # Both pages give the link, in their own words; it is kept once.
    assert len(q.links) == 1 and q.links[0].target == "4-1486"


def test_web_and_bilingual_print_merge(corpus_dir: Path) -> None:
    q = _one(corpus_dir, "web_4-7299_fr.txt", "web_4-7299_nl.txt", "printnlfr_4-7299_nl.txt")
    assert q.title.nl == (
        "Nationale Maatschappij van Belgische Spoorwegen (NMBS) - Station van Écaussinnes - "
        "Sluiting van de loketten - Informatieprocedure - Bediende van het station - Overplaatsing"
    )
    assert q.descriptors.nl == ("Nationale Maatschappij der Belgische Spoorwegen",
                                "reizigersvervoer", "spoorwegstation")  # fmt: skip
    assert q.answer_deadline is not None and q.answer_deadline.isoformat() == "2010-05-06"
    assert len(q.sources) == 3
    # The complete web pages carry longer texts than the cut bilingual print.
    assert q.question_text.fr and q.question_text.fr.endswith("du guichet d'Écaussinnes ?")


def test_bilingual_print_completes_a_cut_web_page(corpus_dir: Path) -> None:
    q = _one(corpus_dir, "web_5-8900_fr.txt", "web_5-8900_nl.txt", "printnlfr_5-8900_nl.txt")
    assert q.author is not None and q.author.name == "Martine Taelman"
    assert q.addressee.fr == "premier ministre" and q.addressee.nl == "eerste minister"
    assert len(q.also_asked) == 18 and "5-8900" not in q.also_asked


def test_also_asked_never_holds_the_own_id(corpus_dir: Path) -> None:
    q = _one(corpus_dir, "printnlfr_5-8904_fr.txt", "printnlfr_5-8904_nl.txt")
    assert "5-8904" not in q.also_asked
    assert q.also_asked[0] == "5-8900" and q.also_asked[-1] == "5-8918"


def test_independent_senator_is_the_same_author_in_both_languages(tmp_path: Path) -> None:
    pages = {
        "web_6-9_fr.txt": "Question écrite n° 6-9\n\nde Anne Claes (Indépendant) du 2 mars 2015\n",
        "web_6-9_nl.txt": (
            "Schriftelijke vraag nr. 6-9\n\nvan Anne Claes (Onafhankelijke) d.d. 2 maart 2015\n"
        ),
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = parse_files([tmp_path])
    assert [q.author.name if q.author else None for q in report.questions] == ["Anne Claes"]
    assert not [w for w in report.warnings if "author" in w.message]
