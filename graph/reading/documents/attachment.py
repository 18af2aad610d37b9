"""Attaching a document to the decision that issues it: by its caption (``Ban hành kèm theo Quyết
định số ...``), or by Điều 1 of a decision earlier in the same file that approves or issues it."""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from graph.model import Citation, Document
from graph.reading.documents.citations import CitationReader
from graph.reading.documents.cited import Cited
from graph.reading.documents.completion import complete_from_decision
from graph.reading.documents.numbering import number_key
from graph.reading.documents.patterns import TYPE_RE, compile_pattern, finditer_at_word_start
from graph.reading.documents.preamble import search_operative
from graph.reading.documents.refdata import type_by_code
from graph.reading.documents.split import ATTACHABLE_TYPES, ATTACHED_CAPTION_RE, Part
from graph.reading.documents.title import sentence_case
from graph.reading.text.folding import cached_fold as fold
from graph.reading.text.prepared import PreparedText

#: "Ban hành Kế hoạch ...", "Phê duyệt Đề án ...", "Ban hành kèm theo Quyết định này Quy chế ..."
ISSUES_RE = compile_pattern(
    r"(?:Ban\s+hành|Phê\s+duyệt|ban\s+hành|phê\s+duyệt)\s+(?:kèm\s+theo\s+Quyết\s+định\s+này\s+)?[“\"]?"
)
ARTICLE_ONE_RE = compile_pattern(r"(?<![^\W\d_])Điều\s+1\s*[.:]")
_TYPES = "|".join(t.replace(" ", r"\s+") for t in ATTACHABLE_TYPES)
#: a decision naming what it issues, in any case: "Ban hành kèm theo Quyết định này Quy chế <subject>",
#: "BAN HÀNH QUY CHẾ <SUBJECT>", "đề nghị ban hành Quy chế <subject>"
_ISSUED_BODY = (rf"(?:ban\s+hành|phê\s+duyệt)\s+(?:kèm\s+theo\s+quyết\s+định\s+này\s+)?[“\"]?\s*"
                rf"(?P<type>{_TYPES})(?![^\W\d_])[ \t]*(?P<subject>[^\n]{{10,400}})")
ISSUED_RE = compile_pattern(rf"(?<![^\W\d_]){_ISSUED_BODY}", re.IGNORECASE)
#: ISSUED_RE without its opening look-behind (which makes the engine try every position), for
#: :func:`~graph.reading.documents.patterns.finditer_at_word_start`
_ISSUED_SCAN_RE = compile_pattern(_ISSUED_BODY, re.IGNORECASE)
#: "Quy chế này quy định ...": an attached document names its own type
SELF_REFERENCE_RE = compile_pattern(rf"(?<![^\W\d_])(?P<type>{_TYPES})\s+này(?![^\W\d_])")
#: rules issued with a decision are part of it and bear no date of their own (attached_to holds it)
UNDATED_TYPES = frozenset(fold(t) for t in ("Quy chế", "Quy định", "Điều lệ"))


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


def inherit(doc: Document, c: Cited | Citation) -> None:
    """A document without header takes its date and issuer from the decision it is attached to
    (a rule issued with a decision keeps no date of its own)."""
    if doc.date is None and fold(doc.doc_type) not in UNDATED_TYPES:
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
            if reads[i].part.after_signature:
                _attach_after_signature(prep, docs[i - 1], reads[i].part, doc)
            else:
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


def _attach_after_signature(prep: PreparedText, dec: Document, part: Part, doc: Document) -> None:
    """A text in capitals right after a decision's signature, its type word and caption lost, is the text
    the decision issues: attached to it, the heading as the citing words, its type unknown unless the
    decision or the text names it (its issuer is the decision's: :func:`settle_attached`)."""
    if fold(dec.doc_type) != "quyet dinh" or not dec.number:
        return
    nl = prep.match.find("\n", part.start, part.end)
    text, line = prep.cite(part.start, nl if nl >= 0 else part.end)
    doc.attached_to = Citation(doc_type=dec.doc_type, number=dec.number, date=dec.date, issuer=dec.issuer,
                               title=dec.title, text=text, line=line, province=dec.province, level=dec.level)


def _attach_unnumbered(prep: PreparedText, dec: Document, before: Part, doc: Document) -> None:
    """A document without number or caption that follows a decision whose Điều 1 issues or approves a
    document of its type ("Điều 1. Ban hành Kế hoạch ... (Kế hoạch kèm theo)") is attached to it."""
    if fold(dec.doc_type) != "quyet dinh" or not doc.doc_type:
        return
    m = prep.match
    art = search_operative(m, before.start, before.end)
    one = ARTICLE_ONE_RE.search(m, art if art is not None else before.start, before.end)
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
    if fold(doc.doc_type) not in UNDATED_TYPES:
        doc.date = doc.date or dec.date
    if doc.issuer is None:
        doc.issuer, doc.level, doc.province = dec.issuer, dec.level, doc.province or dec.province


# ----------------------------------------------------------------------------- read against the decision
def settle_attached(prep: PreparedText, docs: list[Document], reads: list[BodyCitations]) -> None:
    """Attached documents read against the decision of the same file that issues them: the type and
    title of a heading whose type word is lost, the decision's number where its header misprints the
    type code, and the issuer of the decision."""
    for i, doc in enumerate(docs):
        part = reads[i].part
        if i == 0 or not (part.lost_heading or doc.attached_to is not None):
            continue
        j = _decision_index(docs, i)
        dec, dec_part = docs[j], reads[j].part
        if part.lost_heading:
            _restore_heading(prep, doc, part, dec_part)
        if doc.attached_to is not None and doc.attached_to.number:
            _restore_decision_number(prep.match, dec, dec_part, doc.attached_to)
        cited = doc.attached_to
        if cited is None or number_key(cited.number or "") == number_key(dec.number or "-"):
            doc.issuer, doc.level = dec.issuer or doc.issuer, dec.level or doc.level
            doc.province = dec.province or doc.province
        if cited is not None and number_key(cited.number or "") == number_key(dec.number or "-"):
            complete_from_decision(cited, dec)
            inherit(doc, cited)  # a caption that does not date the decision: the decision's own date


def _decision_index(docs: list[Document], i: int) -> int:
    """The document of the same file that issues document ``i``: the one its caption names, else the
    one before it."""
    cited = docs[i].attached_to
    if cited is not None and cited.number:
        for j in range(i - 1, -1, -1):
            if docs[j].number and (number_key(docs[j].number) == number_key(cited.number)
                                   or _differ_in_type_code(docs[j].number, cited.number)):
                return j
    return i - 1


def _restore_heading(prep: PreparedText, doc: Document, part: Part, dec_part: Part) -> None:
    """A heading that lost its type word ("QUẢN LÝ CỔNG THÔNG TIN ..."): the type is the one the
    decision issues under that subject (its Điều 1, title or proposal), else the one the document
    names itself by ("Quy chế này ..."); the title is the heading, or the decision's subject when the
    heading is cut short."""
    m = prep.match
    end = part.caption if part.caption is not None else m.find("\n", part.start, part.end)
    end = part.end if end < 0 else end
    heading = " ".join(prep.text[part.start:end].split())
    key = fold(heading).removeprefix("ve ")
    if sum(c.isalpha() for c in key) < 12:
        return
    best: tuple[float, re.Match[str]] | None = None
    for im in finditer_at_word_start(_ISSUED_SCAN_RE, m, dec_part.start, dec_part.end):
        subject = fold(im.group("subject").strip(" .;,”\"")).removeprefix("ve ")
        score = similarity(key, subject[:len(key) + 8])
        if score >= 0.8 and (best is None or score > best[0]):
            best = (score, im)
    if best is not None:
        im = best[1]
        doc_type = next(t for t in ATTACHABLE_TYPES if fold(t) == fold(im.group("type")))
        subject = " ".join(prep.text[im.start("subject"):im.end("subject")].split()).strip(" .;,”\"")
        if fold(subject).removeprefix("ve ").startswith(key) and len(fold(subject)) > len(fold(heading)) + 3:
            heading = subject  # the heading is cut short: the decision names the whole subject
    else:
        own = SELF_REFERENCE_RE.search(m, end, min(part.end, end + 5000))
        if own is None:
            return
        doc_type = next(t for t in ATTACHABLE_TYPES if fold(t) == fold(own.group("type")))
    doc.doc_type = doc_type
    doc.title = sentence_case(heading)
    if "doc_type" not in doc.restored:
        doc.restored.append("doc_type")
    if fold(doc_type) in UNDATED_TYPES and doc.number is None:
        doc.date = None  # inherited from the caption before the type was known


def similarity(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b).ratio()``, without its search when ``b`` only goes on from
    ``a`` (a heading under the decision's whole subject): ``a`` is then its one matching block (difflib's
    longest block lies where ``a`` stands in ``b``, and is extended through frequent characters too)."""
    if b.startswith(a):
        return 2.0 * len(a) / (len(a) + len(b)) if b else 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


_CODE_SPLIT_RE = re.compile(r"[/-]")


def _differ_in_type_code(a: str, b: str) -> bool:
    """'1741/KH-UBND' and '1741/QĐ-UBND': the same number but for its document-type code."""
    pa, pb = _CODE_SPLIT_RE.split(number_key(a)), _CODE_SPLIT_RE.split(number_key(b))
    if len(pa) != len(pb):
        return False
    diff = [(x, y) for x, y in zip(pa, pb, strict=True) if x != y]
    codes = {c.lower() for c in type_by_code()}
    return len(diff) == 1 and diff[0][0] in codes and diff[0][1] in codes


def _restore_decision_number(match: str, dec: Document, dec_part: Part, cited: Citation) -> None:
    """A decision whose header prints another type code than its attached document's caption
    ("Số: 1741/KH-UBND" over "QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo Quyết định này ...", the caption
    "kèm theo Quyết định số 1741/QĐ-UBND"): the caption and the decision's own words agree against the
    header, so the number is the caption's (restored)."""
    if not dec.number or not _differ_in_type_code(dec.number, cited.number):
        return
    if fold(cited.doc_type) != "quyet dinh" or (dec.date and cited.date and dec.date != cited.date):
        return
    if not _DECIDES_RE.search(match, dec_part.start, dec_part.end):
        return
    dec.number = cited.number
    dec.doc_type = cited.doc_type
    dec.restored = sorted({*dec.restored, "number", "doc_type"})


#: the decision's own words: its operative heading, "kèm theo Quyết định này", "Quyết định này có hiệu lực"
_DECIDES_RE = compile_pattern(
    r"QUYẾT\s+ĐỊNH\s*:|(?<![^\W\d_])(?:kèm\s+theo\s+Quyết\s+định\s+này|Quyết\s+định\s+này\s+có\s+hiệu\s+lực)"
)
