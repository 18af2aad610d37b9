"""Completing citations from other mentions of the same document: what counts as the same document,
and the title, date and issuer that one mention gives and another lacks."""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Citation, Document
from graph.reading.documents.cited import Cited
from graph.reading.documents.numbering import number_key
from graph.reading.text.folding import cached_fold as fold


def same_document(a: Cited, b: Cited | Citation) -> bool:
    """Whether two citations name the same document: same number and no conflicting year, or the
    same type and name and no conflicting year for documents cited by name."""
    if a.number or b.number:
        if not (a.number and b.number) or number_key(a.number) != number_key(b.number):
            return False
        return not (a.date and b.date) or a.date.year == b.date.year
    return (fold(a.doc_type) == fold(b.doc_type) and bool(a.title) and fold(a.title) == fold(b.title)
            and not _years_differ(a, b))


def _years_differ(a: Cited | Citation, b: Cited | Citation) -> bool:
    """Two laws of one name cited with different years ("Luật Đất đai năm 2013", "Luật Đất đai 2024")."""
    ya, yb = (c.date.year if c.date else c.year for c in (a, b))
    return ya is not None and yb is not None and ya != yb


def _group(c: Cited | Citation) -> tuple:
    """The only citations :func:`same_document` can pair ``c`` with share this key: its number's key,
    else its folded type and title. A key never changes when a citation is completed (a number is
    never filled in, and a title only where the folded titles are already equal)."""
    if c.number:
        return ("n", number_key(c.number))
    return ("t", fold(c.doc_type), fold(c.title))


class SameDocuments:
    """The citations kept so far, indexed by :func:`_group`: :meth:`first` is ``next(k for k in kept
    if same_document(item, k))`` without comparing an item with every kept citation (an annex listing
    thousands of distinct documents stays linear). Kept citations may be completed (a date filled in)
    after they are added: the year is compared when asked, as :func:`same_document` does."""

    def __init__(self, kept: Iterable[Cited | Citation] = ()) -> None:
        self._numbered: dict[tuple, list[Cited | Citation]] = {}  # in the order kept
        self._named: dict[tuple, list[Cited | Citation]] = {}  # in the order kept
        for k in kept:
            self.add(k)

    def add(self, k: Cited | Citation) -> None:
        key = _group(k)
        if k.number:
            self._numbered.setdefault(key, []).append(k)
        else:
            self._named.setdefault(key, []).append(k)

    def first(self, item: Cited) -> Cited | Citation | None:
        if item.number:
            for k in self._numbered.get(_group(item), ()):
                if not (item.date and k.date) or item.date.year == k.date.year:
                    return k
            return None
        if not item.title:
            return None
        return next((k for k in self._named.get(_group(item), ()) if not _years_differ(item, k)), None)


def complete_from_mentions(cited: list[Cited]) -> None:
    """A document named twice in the bases ("Nghị định số A ... của Chính phủ và Nghị định số B ... về
    sửa đổi, bổ sung một số điều của Nghị định số A ... về <subject>") takes the subject and date its
    other mention gives, and the issuer it states where this mention has only the number's code ("Nghị
    quyết số 57-NQ/TW" named bare takes "của Bộ Chính trị" of its other mention, not the Ban Chấp hành
    Trung ương that "TW" stands for). Only mentions of one :func:`_group` are compared, in the order they
    stand; a group without any title (or date, or stated issuer) gives none."""
    mentions = [(m, _group(m)) for c in cited for m in c.walk()]  # a key never changes (see _group)
    groups: dict[tuple, list[Cited]] = {}
    for c, key in mentions:
        groups.setdefault(key, []).append(c)
    if len(groups) == len(mentions):
        return  # each document named once: no other mention to complete it from
    titled = {key: sum(1 for c in group if c.title) for key, group in groups.items()}
    dated = {key: sum(1 for c in group if c.date) for key, group in groups.items()}
    stated = {key: sum(1 for c in group if _states_issuer(c)) for key, group in groups.items()}
    for c, key in mentions:
        wants_issuer = bool(stated[key]) and not _states_issuer(c)
        if (c.title or not titled[key]) and (c.date or not dated[key]) and not wants_issuer:
            continue  # complete, or nothing in its group to complete it with
        for other in groups[key]:
            if other is not c and same_document(c, other):
                c.title = c.title or other.title
                c.date = c.date or other.date
                if wants_issuer and _states_issuer(other):
                    c.issuer, c.level, c.province = other.issuer, other.level, other.province
                    wants_issuer = False
                if c.title and c.date and not wants_issuer:
                    break


def _states_issuer(c: Cited) -> bool:
    """Whether the text names the citation's issuer ("của Bộ Chính trị"), not only its number's code."""
    return c.spans.get("issuer") is not None


def complete_from_repeat(prior: Cited | Citation, item: Cited) -> None:
    """The same document cited again: complete what the first mention lacked."""
    prior.date = prior.date or item.date
    prior.year = prior.year or item.year
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
