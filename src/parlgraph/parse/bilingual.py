"""The bilingual print (``SVPrintNLFR``): French and Dutch side by side.

Read off the pages: the header prints both numbers on one line, then "de …" and "van …", then the
French and the Dutch post on lines of their own; the two titles share one line; one block holds
the French descriptors, then the Dutch ones; chronology and links are printed twice; the French
text comes first and a line holding only a space starts the Dutch text. In the
pipe-table variant, each line is a French cell and a Dutch cell.
"""

from __future__ import annotations

from parlgraph.parse import language
from parlgraph.parse.assemble import PageContext, Texts, paragraphs, post_of
from parlgraph.parse.sections import Body, Header
from parlgraph.parse.text import Line
from parlgraph.records import Bilingual, Descriptors


def read_texts(header: Header, body: Body, context: PageContext) -> Texts:
    """Tell the French parts from the Dutch parts."""
    posts = [post_of(line.cells[0]) for line in header.addressees]
    warnings: list[str] = []
    fr_items, nl_items = _descriptors(body.descriptors, context.labels, warnings)
    if len(fr_items) != len(nl_items):
        warnings.append(f"{len(fr_items)} French and {len(nl_items)} Dutch descriptors")
    return Texts(
        lang=context.lang,
        addressee=Bilingual(*[*posts, None, None][:2]),
        title=_title(body.title),
        descriptors=Descriptors(tuple(fr_items), tuple(nl_items)),
        question_text=_text(body.question),
        answer_text=_text(body.answer),
        warnings=warnings,
    )


def _descriptors(
    lines: list[Line], labels: frozenset[str], warnings: list[str]
) -> tuple[list[str], list[str]]:
    """French and Dutch descriptors: one block of lines, or (pipe table) one run per language."""
    if not (len(lines) == 2 and len(lines[0].cells) == len(lines[1].cells) == 1):
        return language.split_list([line.text.strip() for line in lines])
    french = segment(lines[0].text.strip(), labels)
    if french is None:
        warnings.append(f"line {lines[0].number}: descriptors run together, left unsplit")
        return [lines[0].text.strip()], [lines[1].text.strip()]
    dutch_words = lines[1].text.split()
    if len(dutch_words) == len(french):
        return french, dutch_words
    warnings.append(f"line {lines[1].number}: Dutch descriptors run together, left unsplit")
    return french, [lines[1].text.strip()]


def segment(run: str, labels: frozenset[str]) -> list[str] | None:
    """Split a run of descriptors into known labels (fewest pieces), or None if none fits."""
    words = run.split()
    best: list[list[str] | None] = [[]] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            piece = " ".join(words[start:end])
            previous = best[start]
            if previous is not None and piece.casefold() in labels:
                candidate = [*previous, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[-1]


def _title(lines: list[Line]) -> Bilingual:
    if not lines:
        return Bilingual()
    cells = lines[0].cells
    if len(cells) >= 2:
        return Bilingual(cells[0].strip() or None, cells[1].strip() or None)
    french, dutch = language.split_line(cells[0])
    return Bilingual(french or None, dutch or None)


def _text(lines: list[Line]) -> Bilingual:
    """French paragraphs, then Dutch ones after a line of spaces (or in the second cell)."""
    french: list[str] = []
    dutch: list[str] = []
    target = french
    for line in lines:
        if line.is_spacer:
            target = dutch
            continue
        if len(line.cells) >= 2:
            french.append(line.cells[0])
            dutch.append(line.cells[1])
        else:
            target.append(line.text)
    return Bilingual(paragraphs(french), paragraphs(dutch))
