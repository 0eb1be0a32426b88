"""The one-language renderings: the web page and the one-language print (``SVPrint``).

Web: ``Question écrite n° 5-8906`` / ``de … du 30 avril 2013`` / ``à la …``, blank-line separated
blocks and a ``Chronologie`` heading (or, in the pipe-table rendering, no header at all).
Print: ``SÉNAT DE BELGIQUE`` / session / date, then the same fields between ``________`` lines.
"""

from __future__ import annotations

from parlgraph.parse.assemble import PageContext, Texts, paragraphs, post_of
from parlgraph.parse.language import french_score
from parlgraph.parse.sections import Body, Header
from parlgraph.records import Bilingual, Descriptors


def read_texts(header: Header, body: Body, context: PageContext) -> Texts:
    """Put the page's texts under the one language it is printed in."""
    lang = _language(header, body, context)
    title = paragraphs([line.text for line in body.title])
    descriptors = tuple(line.text.strip() for line in body.descriptors)
    addressee = post_of(header.addressees[0].text) if header.addressees else None
    question = paragraphs([line.text for line in body.question])
    answer = paragraphs([line.text for line in body.answer])
    return Texts(
        lang=lang,
        addressee=_in(lang, addressee),
        title=_in(lang, title),
        descriptors=Descriptors(fr=descriptors) if lang == "fr" else Descriptors(nl=descriptors),
        question_text=_in(lang, question),
        answer_text=_in(lang, answer),
    )


def _in(lang: str, text: str | None) -> Bilingual:
    return Bilingual(fr=text) if lang == "fr" else Bilingual(nl=text)


def _language(header: Header, body: Body, context: PageContext) -> str:
    if header.ids:
        return header.ids[0][1]
    if context.lang:
        return context.lang
    sample = " ".join(line.text for line in [*body.title, *body.question][:5])
    return "fr" if french_score(sample) >= 0 else "nl"
