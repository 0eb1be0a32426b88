"""Write a synthetic archive: the pages of N questions and their ``index.tsv``.

Each question has its web page in the language it was asked in (95%), often the other language's
web page too (60%), sometimes a one-language print (10%) or a bilingual print (15%); 5% of pages
are cut at 2,000 bytes as in the real corpus, 2% are saved in Windows-1252.

Run: .venv/bin/python -m bench.generate OUT --questions 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.archive import CUT_AT, Question, questions
from bench.renderings import RENDERINGS

EUROVOC = Path(__file__).resolve().parent.parent / "graph" / "reference" / "eurovoc.tsv"
ENDPOINTS = {"web": "SchriftelijkeVraag", "print": "SVPrint", "printnlfr": "SVPrintNLFR"}
COLUMNS = ("file", "url", "kind", "leg", "nr", "lang", "bytes", "complete", "note")


@dataclass(frozen=True)
class Page:
    file: str
    kind: str
    lang: str
    data: bytes
    complete: bool


def pages(question: Question, rng: random.Random) -> Iterator[Page]:
    """The pages saved of one question."""
    other = "nl" if question.lang == "fr" else "fr"
    wanted = []
    if rng.random() < 0.95:
        wanted.append(("web", question.lang))
    if rng.random() < 0.6 or not wanted:
        wanted.append(("web", other))
    if rng.random() < 0.10:
        wanted.append(("print", rng.choice(("fr", "nl"))))
    if rng.random() < 0.15:
        wanted.append(("printnlfr", rng.choice(("fr", "nl"))))
    for kind, lang in wanted:
        text = RENDERINGS[kind](question, lang)
        encoding = "cp1252" if rng.random() < 0.02 else "utf-8"
        data = text.encode(encoding, errors="replace")
        complete = rng.random() >= 0.05 or len(data) <= CUT_AT
        yield Page(
            f"{kind}_{question.id}_{lang}.txt",
            kind,
            lang,
            data if complete else data[:CUT_AT],
            complete,
        )


EDIT = b" (bis) ?"  # what ``edit_page`` writes into the first question mark of a page


def edit_page(pages: Path) -> Path:
    """Edit the question text of the first French web page, as a corrected page would be."""
    page = sorted(pages.glob("web_*_fr.txt"))[0]
    page.write_bytes(page.read_bytes().replace(b" ?", EDIT, 1))
    return page


def write_archive(folder: Path, count: int, seed: int = 1) -> int:
    """Write the pages of ``count`` questions into ``folder``; return the number of pages."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    rows = []
    for question in questions(count, seed, EUROVOC):
        for page in pages(question, rng):
            (folder / page.file).write_bytes(page.data)
            leg, nr = question.id.split("-")
            url = (
                f"https://www.senate.be/www/?MIval=/Vragen/{ENDPOINTS[page.kind]}"
                f"&LEG={leg}&NR={nr}&LANG={page.lang}"
            )
            note = "synthetic"
            complete = "yes" if page.complete else "no"
            rows.append(
                (page.file, url, page.kind, leg, nr, page.lang, str(len(page.data)), complete, note)
            )
    lines = ["\t".join(COLUMNS)] + ["\t".join(row) for row in sorted(rows)]
    (folder / "index.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    written = write_archive(arguments.folder, arguments.questions, arguments.seed)
    print(f"{written:,} pages of {arguments.questions:,} questions in {arguments.folder}")


if __name__ == "__main__":
    main()
