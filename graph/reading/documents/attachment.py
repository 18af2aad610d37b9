"""Attaching a document to the decision that issues it: by its caption (``Ban hành kèm theo Quyết
định số ...``), or by Điều 1 of a decision earlier in the same file that approves or issues it."""

from __future__ import annotations

from typing import NamedTuple

from graph.model import Citation, Document
from graph.reading.documents.citations import CitationReader
from graph.reading.documents.cited import Cited
from graph.reading.documents.numbering import number_key
from graph.reading.documents.patterns import TYPE_RE, compile_pattern
from graph.reading.documents.preamble import OPERATIVE_RE
from graph.reading.documents.split import ATTACHED_CAPTION_RE, Part
from graph.reading.text.folding import cached_fold as fold
from graph.reading.text.prepared import PreparedText

#: "Ban hành Kế hoạch ...", "Phê duyệt Đề án ...", "Ban hành kèm theo Quyết định này Quy chế ..."
ISSUES_RE = compile_pattern(
    r"(?:Ban\s+hành|Phê\s+duyệt|ban\s+hành|phê\s+duyệt)\s+(?:kèm\s+theo\s+Quyết\s+định\s+này\s+)?"
)
ARTICLE_ONE_RE = compile_pattern(r"(?<![^\W\d_])Điều\s+1\s*[.:]")


class BodyCitations(NamedTuple):
    """The citations read in the body of one document, and the spans of its Điều 1 that hold them."""

    part: Part
    body: list[Cited]
    article_one: list[tuple[int, int]]


# ----------------------------------------------------------------------------- by caption
def caption_end(match: str, caption: int) -> int:
    """End of a caption: its closing bracket, or the end of its line when it has none."""
    m = match
    if m[caption] == "(":
        close = m.find(")", caption, caption + 400)
        if close >= 0:
            return close + 1
    nl = m.find("\n", caption, caption + 400)
    return nl if nl >= 0 else min(len(m), caption + 400)


def caption_citation(reader: CitationReader, caption: int, end: int) -> Cited | None:
    """The decision a caption names, its span widened to the whole caption."""
    cm = ATTACHED_CAPTION_RE.match(reader.m, caption)
    tm = TYPE_RE.search(reader.m, cm.end() if cm else caption, end)
    c = reader.read(tm, end) if tm else None
    if c is not None:
        m = reader.m
        c.start = caption + 1 if m[caption] == "(" else caption + len(m[caption:end]) - len(
            m[caption:end].lstrip())  # the citing words include "Ban hành kèm theo"
        c.end = max(c.end, end - 1 if m[end - 1:end] == ")" else end)
    return c


def inherit(doc: Document, c: Cited) -> None:
    """A document without header takes its date and issuer from the decision it is attached to."""
    if doc.date is None:
        doc.date = c.date
    if doc.issuer is None and c.issuer:
        doc.issuer = c.issuer
        doc.level = doc.level or c.level
    if doc.province is None:
        doc.province = c.province
    if doc.level is None:
        doc.level = c.level


# ----------------------------------------------------------------------------- by Điều 1
def attach_by_article_one(prep: PreparedText, docs: list[Document], reads: list[BodyCitations]) -> None:
    """A document that a decision of the same file approves in its Điều 1 is attached to it."""
    for i, doc in enumerate(docs):
        if doc.attached_to is not None or i == 0:
            continue
        if not doc.number:
            _attach_unnumbered(prep, docs[i - 1], reads[i - 1].part, doc)
            continue
        for j in range(i - 1, -1, -1):
            dec = docs[j]
            if fold(dec.doc_type) != "quyet dinh":
                continue
            _, body, article_one = reads[j]
            for c in body:
                want = number_key(doc.number)
                hit = next((x for x in c.walk() if x.number and number_key(x.number) == want), None)
                if hit is None:
                    continue
                span_of = next(((s, e) for s, e in article_one if s <= c.start < e), None)
                if span_of is None:
                    continue
                end = span_of[1]
                if prep.match[end:end + 1] == ")":
                    end += 1
                text, line = prep.cite(span_of[0], end)
                doc.attached_to = Citation(doc_type=dec.doc_type, number=dec.number, date=dec.date,
                                           issuer=dec.issuer, title=dec.title, text=text, line=line,
                                           province=dec.province, level=dec.level)
                break
            if doc.attached_to is not None:
                break


def _attach_unnumbered(prep: PreparedText, dec: Document, before: Part, doc: Document) -> None:
    """A document without number or caption that follows a decision whose Điều 1 issues or approves a
    document of its type ("Điều 1. Ban hành Kế hoạch ... (Kế hoạch kèm theo)") is attached to it."""
    if fold(dec.doc_type) != "quyet dinh" or not doc.doc_type:
        return
    m = prep.match
    art = OPERATIVE_RE.search(m, before.start, before.end)
    one = ARTICLE_ONE_RE.search(m, art.start() if art else before.start, before.end)
    if not one:
        return
    nl = m.find("\n", one.start(), before.end)
    line_end = nl if nl >= 0 else before.end
    verb = ISSUES_RE.search(m, one.end(), line_end)
    if not verb or fold(m[verb.end():verb.end() + len(doc.doc_type)]) != fold(doc.doc_type):
        return
    text, line = prep.cite(one.start(), line_end)
    doc.attached_to = Citation(doc_type=dec.doc_type, number=dec.number, date=dec.date, issuer=dec.issuer,
                               title=dec.title, text=text, line=line, province=dec.province, level=dec.level)
    doc.date = doc.date or dec.date
    if doc.issuer is None:
        doc.issuer, doc.level, doc.province = dec.issuer, dec.level, doc.province or dec.province
