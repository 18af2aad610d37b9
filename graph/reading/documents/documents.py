"""PreparedText -> documents: split a file into its documents and read each header and citations.

For each document (see :mod:`graph.reading.documents.split`): the header
(:mod:`graph.reading.documents.header`), then the citations
(:mod:`graph.reading.documents.citations`) sorted by where they stand:

- bases: every document named directly in a ``Căn cứ ...`` clause of the preamble or in a
  ``CĂN CỨ ...`` section; the documents named inside a basis are its ``nested`` entries
  (:mod:`graph.reading.documents.preamble`);
- proposals: ``Xét đề nghị của <agency> tại Tờ trình số ...`` (:mod:`graph.reading.documents.proposals`);
- attached_to: the decision that issues the document (``Ban hành kèm theo Quyết định số ...``, or the
  decision of the same file whose Điều 1 approves it; :mod:`graph.reading.documents.attachment`);
- supersedes: citations in a sentence that replaces or repeals (``thay thế``, ``bãi bỏ``, ``hết hiệu lực``;
  :mod:`graph.reading.documents.supersedes`);
- references: every other citation in the body and tables, once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph import problem_text as say
from graph.model import Citation, Document, Nested
from graph.reading.documents.attachment import (
    BodyCitations,
    attach_by_article_one,
    caption_citation,
    caption_end,
    inherit,
    settle_attached,
)
from graph.reading.documents.citations import CitationReader
from graph.reading.documents.cited import Cited
from graph.reading.documents.completion import (
    SameDocuments,
    complete_from_file,
    complete_from_mentions,
    complete_from_repeat,
)
from graph.reading.documents.header import Header, read_header
from graph.reading.documents.numbering import number_key
from graph.reading.documents.patterns import TYPE_RE, compile_pattern
from graph.reading.documents.preamble import basis_spans, end_of_preamble, implementing_spans
from graph.reading.documents.proposals import read_proposals
from graph.reading.documents.split import Part, split_documents
from graph.reading.documents.supersedes import SupersedeSentences, sentence_at
from graph.reading.text.folding import cached_fold as fold
from graph.reading.text.prepared import PreparedText


@dataclass
class DocumentSpan:
    """A document found in the text and the span ``text[start:end]`` it occupies."""

    document: Document
    start: int
    end: int
    problems: list[str] = field(default_factory=list)


#: a paragraph opening with Điều 1
_ARTICLE_ONE_RE = re.compile(r"[ \t]*Điều\s+1\b")
APPENDIX_CAPTION_RE = compile_pattern(r"\(\s{0,3}[Kk]èm\s+theo\s+")


def read_documents(prep: PreparedText) -> list[DocumentSpan]:
    """Split ``prep.text`` into documents with header, bases, nested, references, attached_to,
    proposals and supersedes filled in."""
    parts = split_documents(prep.match)
    out: list[DocumentSpan] = []
    hint: str | None = None
    reads: list[BodyCitations] = []
    for part in parts:
        header = read_header(prep.match, prep.text, part.start, part.end, province_hint=hint)
        hint = header.province or hint
        reader = _DocumentReader(prep, part, header)
        span = reader.read()
        hint = span.document.province or hint
        out.append(span)
        reads.append(BodyCitations(part, reader.body, reader.article_one))
    docs = [span.document for span in out]
    settle_attached(prep, docs, reads)
    attach_by_article_one(prep, docs, reads)
    complete_from_file(docs)
    return out


class _DocumentReader:
    def __init__(self, prep: PreparedText, part: Part, header: Header) -> None:
        self.prep = prep
        self.part = part
        self.h = header
        self.reader = CitationReader(prep.match, prep.text, header.province)
        self.supersede = SupersedeSentences(prep.match)
        self.body: list[Cited] = []
        self.article_one: list[tuple[int, int]] = []
        self.cited_bases: list[Cited] = []
        self.implementing: list[tuple[int, int]] = []  # the "Thực hiện …" clauses of the preamble
        self.restored = prep.was_restored
        self.problems: list[str] = []
        self._lines: list[str] | None = None
        for msg in header.problems:
            at = header.spans.get("date", (part.start, part.start))[0]
            self.problems.append(f"line {prep.line_of(at)}: {msg}")

    def _in_proven_subject(self, at: int) -> bool:
        """Whether ``at`` lies in the subject of a document cited with its number or date ("Nghị định số
        57/2002/NĐ-CP … quy định chi tiết thi hành Pháp lệnh phí và lệ phí"): a name there unread is part of
        a subject read whole, nothing of the text is lost."""
        return any(c.start < at < c.end and (c.number or c.date) for c in [*self.cited_bases, *self.body])

    def _input_lines(self) -> list[str]:
        """The input's lines, split once (a superseding sentence is read from them)."""
        if self._lines is None:
            self._lines = self.prep.raw.splitlines()
        return self._lines

    def cite(self, c: Cited) -> Citation:
        text, line = self.prep.cite(c.start, c.end)
        restored: list[str] = []
        words = None
        if self.prep.restored:  # nothing to look up in a text without restored spans
            restored = [f for f, (s, e) in c.spans.items() if self.restored(s, e)]
            words = self.prep.text[c.start:c.end] if self.restored(c.start, c.end) else None
        return Citation(doc_type=c.doc_type, number=c.number, date=c.date, issuer=c.issuer, title=c.title,
                        text=text, line=line, province=c.province, level=c.level, restored=restored,
                        text_restored=words if words and words != text else None, year=c.year)

    def read(self) -> DocumentSpan:
        p, h = self.part, self.h
        # the lines are known from the start: given here, not assigned (each assignment is validated)
        doc = Document(number=h.number, doc_type=h.doc_type, date=h.date, issuer=h.issuer,
                       province=h.province, level=h.level, title=h.title, signer=h.signer,
                       signer_title=h.signer_title, line_start=self.prep.line_of(p.start),
                       line_end=self.prep.line_of(max(p.start, p.end - 1)))
        self.reader.province = h.province
        used: list[tuple[int, int]] = []
        body_from = h.title_end or p.start
        # attached to a decision by its caption
        if p.caption is not None:
            cap_end = caption_end(self.prep.match, p.caption)
            attached = caption_citation(self.reader, p.caption, cap_end)
            if attached is not None:
                inherit(doc, attached)
                doc.attached_to = self.cite(attached)
                used.append((p.caption, cap_end))
                body_from = max(body_from, cap_end)
        # a document without number: the captions of its appendices name it
        if doc.number is None:
            self._number_from_appendix(doc)
        self.reader.province = doc.province
        # preamble and CĂN CỨ section
        preamble_end = end_of_preamble(self.prep.match, body_from, p.end)
        self.implementing = implementing_spans(self.prep.match, body_from, preamble_end)
        for s, e in basis_spans(self.prep.match, body_from, preamble_end, p.end):
            self.cited_bases.extend(self.reader.scan(s, e))
            used.append((s, e))
        complete_from_mentions(self.cited_bases)
        for c in self.cited_bases:
            doc.bases.append(self.cite(c))
            for child, relation in c.children:
                doc.nested.append(Nested(doc=self.cite(child), relation=relation, of=c.name or ""))
        # proposals
        for proposal, span in read_proposals(self.prep, self.reader, body_from, preamble_end, p.end,
                                             doc.province):
            doc.proposals.append(proposal)
            used.append(span)
        # the rest: references and supersedes
        self._read_body(doc, used)
        for fld, (fs, fe) in h.spans.items():
            if self.restored(fs, fe) and fld not in doc.restored:
                doc.restored.append(fld)
        unread = sorted(self.reader.unread.items())  # citations the text does not prove, said
        self.problems.extend(f"line {self.prep.line_of(at)}: {msg}" for at, msg in unread
                             if not self._in_proven_subject(at))

        if p.after_signature and not doc.doc_type:
            self.problems.append(f"line {doc.line_start}: {say.HEADING_AFTER_SIGNATURE}")
        elif not (doc.number or doc.date or doc.doc_type):
            self.problems.append(f"line {doc.line_start}: {say.NO_HEADER}")
        return DocumentSpan(doc, p.start, p.end, problems=self.problems)

    def _number_from_appendix(self, doc: Document) -> None:
        for cm in APPENDIX_CAPTION_RE.finditer(self.prep.match, self.part.start, self.part.end):
            if cm.start() == self.part.caption:
                continue  # the caption of the document itself names the decision that issues it
            tm = TYPE_RE.match(self.prep.match, cm.end(), self.part.end)
            c = self.reader.read(tm, self.part.end) if tm else None
            if c is None or not c.number or (doc.doc_type and fold(c.doc_type) != fold(doc.doc_type)):
                continue
            doc.number = c.number
            doc.doc_type = doc.doc_type or c.doc_type
            if c.date:
                doc.date = c.date
            if c.issuer:
                doc.issuer = c.issuer
                doc.level = c.level
            doc.province = doc.province or c.province
            restored = [f for f, (s, e) in c.spans.items() if self.restored(s, e)]
            doc.restored = sorted(set(doc.restored) | set(restored))
            return

    def _read_body(self, doc: Document, used: list[tuple[int, int]]) -> None:
        p = self.part
        own = number_key(doc.number) if doc.number else None
        attached = number_key(doc.attached_to.number) if doc.attached_to and doc.attached_to.number else None
        # not references: the document, the decision it is attached to, the papers read as its proposals
        skip = {own, attached} | {number_key(pr.number) for pr in doc.proposals if pr.number}
        kept: list[Cited] = []
        known = SameDocuments()  # kept, indexed
        bases = SameDocuments(doc.bases)
        header_end = self.h.title_end or p.start
        found: list[Cited] = []
        for s, e in self._free_ranges(header_end, p.end, used):
            found.extend(self.reader.scan(s, e, by_line=True))
        for c in found:
            s = self.reader.paragraphs.start_of(c.start, p.start)
            e = self.reader.paragraphs.end_of(c.start, p.end)
            self.reader.issued_on(c, s)
            self.body.append(c)
            if _ARTICLE_ONE_RE.match(self.prep.match, s, s + 20):
                self.article_one.append((s, c.end))
            if self.supersede.replaces(c, s, e):  # and it is a reference too
                cited = self.cite(c)
                cited.sentence = sentence_at(self._input_lines(), self.prep.raw_line_of(c.start))
                doc.supersedes.append(cited)
            for item in c.walk():
                if item.number and number_key(item.number) in skip:
                    continue
                if not (item.number or item.by_name):
                    continue
                if bases.first(item) is not None:
                    continue
                prior = known.first(item)
                if prior is None:
                    kept.append(item)
                    known.add(item)
                else:
                    complete_from_repeat(prior, item)
        for c in kept:
            cited = self.cite(c)
            if any(s <= c.start < e for s, e in self.implementing):
                cited.implements = True
            doc.references.append(cited)
        for c in [*self.cited_bases, *self.body]:
            for item in c.walk():
                if item.problems:
                    at = self.prep.line_of(item.start)
                    self.problems.extend(f"line {at}: {msg}" for msg in item.problems)

    @staticmethod
    def _free_ranges(start: int, end: int, used: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``[start, end)`` without the spans already read (header, bases, proposals, caption)."""
        out = []
        pos = start
        for us, ue in sorted(used):
            if ue <= pos or us >= end:
                continue
            if us > pos:
                out.append((pos, us))
            pos = max(pos, ue)
        if pos < end:
            out.append((pos, end))
        return out
