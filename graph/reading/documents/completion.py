"""Completing citations from other mentions of the same document: what counts as the same document,
and the title, date and issuer that one mention gives and another lacks."""

from __future__ import annotations

from graph.model import Citation, Document
from graph.reading.documents.cited import Cited
from graph.reading.documents.numbering import number_key
from graph.reading.text.folding import cached_fold as fold


def same_document(a: Cited, b: Cited | Citation) -> bool:
    """Whether two citations name the same document: same number and no conflicting year, or the
    same type and name for documents cited by name."""
    if a.number or b.number:
        if not (a.number and b.number) or number_key(a.number) != number_key(b.number):
            return False
        return not (a.date and b.date) or a.date.year == b.date.year
    return fold(a.doc_type) == fold(b.doc_type) and bool(a.title) and fold(a.title) == fold(b.title)


def complete_from_mentions(cited: list[Cited]) -> None:
    """A document named twice in the bases ("Nghị định số A ... của Chính phủ và Nghị định số B ... về
    sửa đổi, bổ sung một số điều của Nghị định số A ... về <subject>") takes the subject and date its
    other mention gives."""
    mentions = [m for c in cited for m in c.walk()]
    for c in mentions:
        if c.title and c.date:
            continue
        for other in mentions:
            if other is not c and same_document(c, other):
                c.title = c.title or other.title
                c.date = c.date or other.date


def complete_from_repeat(prior: Cited, item: Cited) -> None:
    """The same document cited again: complete what the first mention lacked."""
    prior.date = prior.date or item.date
    prior.title = prior.title or item.title
    if prior.spans.get("issuer") is None and item.spans.get("issuer"):
        prior.issuer, prior.level = item.issuer, item.level


def complete_from_file(docs: list[Document]) -> None:
    """A citation of a document that the same file contains takes its title and date from it."""
    by_number = {number_key(d.number): d for d in docs if d.number}
    for doc in docs:
        for c in [*doc.bases, *doc.references, *(n.doc for n in doc.nested)]:
            other = by_number.get(number_key(c.number)) if c.number else None
            if other is None or other is doc:
                continue
            if c.title is None:
                c.title = other.title
            if c.date is None:
                c.date = other.date


def complete_from_decision(cited: Citation, dec: Document) -> None:
    """The caption of an attached document names the decision of the same file: a caption cut short
    ("... Quyết định số 1373/QĐ-UBND ngày 24/7") takes the decision's date, and an issuer known only
    from the number's code ("UBND") the decision's issuer."""
    if cited.date is None:
        cited.date = dec.date
    if dec.issuer and (cited.issuer is None or fold(dec.issuer).startswith(fold(cited.issuer) + " ")):
        cited.issuer, cited.level, cited.province = dec.issuer, dec.level, dec.province
    cited.title = cited.title or dec.title
