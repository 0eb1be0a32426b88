"""The bilingual print (``SVPrintNLFR``): French and Dutch side by side.

Read off the pages: the header prints both numbers on one line, then "de …" and "van …", then the
French and the Dutch post on lines of their own; the two titles share one line; one block holds
the French descriptors, then the Dutch ones; chronology and links are printed twice; the French
text comes first and a line holding a non-breaking space starts the Dutch text. In the
pipe-table variant, each line is a French cell and a Dutch cell.
"""

from __future__ import annotations

from parlgraph.parse import language
from parlgraph.parse.assemble import Hint, Texts, paragraphs, post_of
from parlgraph.parse.sections import NBSP, Body, Header
from parlgraph.parse.text import Line
from parlgraph.records import Bilingual, Descriptors


def read_texts(header: Header, body: Body, hint: Hint) -> Texts:
    """Tell the French parts from the Dutch parts."""
    posts = [post_of(line.cells[0]) for line in header.addressees]
    fr_items, nl_items = language.split_list([line.text.strip() for line in body.descriptors])
    warnings = []
    if len(fr_items) != len(nl_items):
        warnings.append(f"{len(fr_items)} French and {len(nl_items)} Dutch descriptors")
    return Texts(
        lang=hint.lang,
        addressee=Bilingual(*[*posts, None, None][:2]),
        title=_title(body.title),
        descriptors=Descriptors(tuple(fr_items), tuple(nl_items)),
        question_text=_text(body.question),
        answer_text=_text(body.answer),
        warnings=warnings,
    )


def _title(lines: list[Line]) -> Bilingual:
    if not lines:
        return Bilingual()
    cells = lines[0].cells
    if len(cells) >= 2:
        return Bilingual(cells[0].strip() or None, cells[1].strip() or None)
    french, dutch = language.split_line(cells[0])
    return Bilingual(french or None, dutch or None)


def _text(lines: list[Line]) -> Bilingual:
    """French paragraphs, then Dutch ones after the non-breaking-space line (or in cell two)."""
    french: list[str] = []
    dutch: list[str] = []
    target = french
    for line in lines:
        if NBSP in line.text and not line.text.replace(NBSP, "").strip():
            target = dutch
            continue
        if len(line.cells) >= 2:
            french.append(line.cells[0])
            dutch.append(line.cells[1])
        else:
            target.append(line.text)
    return Bilingual(paragraphs(french), paragraphs(dutch))
