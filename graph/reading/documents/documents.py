"""PreparedText -> documents: split a file into its documents and read each header and citations.

For each document (see :mod:`graph.reading.documents.split`): the header
(:mod:`graph.reading.documents.header`), then the citations
(:mod:`graph.reading.documents.citations`) sorted by where they stand:

- bases: every document named directly in a ``Căn cứ ...`` clause of the preamble or in a
  ``CĂN CỨ ...`` section; the documents named inside a basis are its ``nested`` entries;
- proposals: ``Xét đề nghị của <agency> tại Tờ trình số ...``;
- attached_to: the decision that issues the document (``Ban hành kèm theo Quyết định số ...``, or the
  decision of the same file whose Điều 1 approves it);
- supersedes: citations in a sentence that replaces or repeals (``thay thế``, ``bãi bỏ``, ``hết hiệu lực``);
- references: every other citation in the body and tables, once per document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from graph.model import Citation, Document, Nested, Proposal
from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.citations import TYPE_RE, CitationReader, Cited, number_key
from graph.reading.documents.header import Header, read_header
from graph.reading.documents.refdata import doc_types, grammar, words_pattern
from graph.reading.documents.split import ATTACHED_CAPTION_RE, Part, split_documents
from graph.reading.text.folding import cached_fold as fold
from graph.reading.text.prepared import PreparedText
from graph.text import unify_tones


@dataclass
class DocumentSpan:
    """A document found in the text and the span ``text[start:end]`` it occupies."""

    document: Document
    start: int
    end: int
    problems: list[str] = field(default_factory=list)


def _re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(unify_tones(pattern), flags)


#: where the preamble ends: the operative heading, Điều 1, or the first section of a plan
OPERATIVE_RE = _re(
    r"(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ)\s*:|(?<![^\W\d_])Điều\s+1\s*[.:]"
    r"|(?m:^[ \t]*(?:[IVX]{1,4}\.[ \t]|PHẦN\s+I\b|Phần\s+I\b))"
)
#: a basis clause of the preamble runs from "Căn cứ" to the next clause
BASIS_CLAUSE_RE = _re(r"(?<![^\W\d_])(?:Căn\s+cứ|CĂN\s+CỨ)\s")
CLAUSE_START_RE = _re(r"(?<![^\W\d_])(?:Căn\s+cứ|CĂN\s+CỨ|Xét|XÉT|Theo\s+đề\s+nghị)\s")
def _basis_section_re() -> re.Pattern[str]:
    words = words_pattern(grammar()["basis_sections"])
    number = r"(?:(?P<roman>[IVX]{1,4})|(?P<digit>\d{1,2}))"
    return _re(rf"(?m)^[ \t]*{number}\.[ \t]*(?:{words})[^\n]{{0,80}}$", re.IGNORECASE)


#: "I. CĂN CỨ PHÁP LÝ" / "II. CƠ SỞ PHÁP LÝ" / "1. Căn cứ pháp lý"
BASIS_SECTION_RE = _basis_section_re()
NEXT_SECTION_RE = _re(r"(?m)^[ \t]*(?:[IVX]{1,4}\.|PHẦN|Phần|Chương|CHƯƠNG)[ \t]")
NEXT_SUBSECTION_RE = _re(r"(?m)^[ \t]*(?:[IVX]{1,4}|\d{1,2})\.[ \t]")
#: "Xét đề nghị của <agency> tại Tờ trình số ..." / "Theo đề nghị của Bộ trưởng Bộ ...," (no number)
PROPOSAL_RE = _re(
    r"(?:Xét|Theo|XÉT)\s+(?:đề\s+nghị|ĐỀ\s+NGHỊ)\s+của\s+"
    r"(?P<agency>[^;,.\n]{3,200}?(?:,[ \t]+[^;,.\n]{2,40}?)?)"
    r"(?:\s+tại\s+(?=\S)|\s*(?=[,.;]|\n|$))"
)
#: "Xét Tờ trình số 150/TTr-UBND ngày ... của Ủy ban nhân dân tỉnh": the proposer is the issuer
PROPOSAL_BY_REPORT_RE = _re(r"(?:Xét|XÉT)\s+(?=Tờ\s+trình|Báo\s+cáo|Công\s+văn)")
APPENDIX_CAPTION_RE = _re(r"\(\s{0,3}[Kk]èm\s+theo\s+")


def _supersede_re() -> re.Pattern[str]:
    return _re(rf"(?<![^\W\d_])(?:{words_pattern(grammar()['supersede_words'])})(?![^\W\d_])", re.IGNORECASE)


SUPERSEDE_RE = _supersede_re()
#: "Quyết định này", "Kế hoạch này": the citing document speaking of itself
_TYPE_NAMES = words_pattern([t["name"] for t in doc_types()["types"]])
THIS_DOCUMENT_RE = _re(rf"(?<![^\W\d_])(?:{_TYPE_NAMES}|Văn\s+bản)\s+này(?![^\W\d_])", re.IGNORECASE)
SUPERSEDE_OPENING_RE = _re(
    rf"(?:Điều\s+\d+\s*[.:]\s*)?(?:{words_pattern(grammar()['supersede_words'])})(?![^\W\d_])", re.IGNORECASE
)


def read_documents(prep: PreparedText) -> list[DocumentSpan]:
    """Split ``prep.text`` into documents with header, bases, nested, references, attached_to,
    proposals and supersedes filled in."""
    parts = split_documents(prep.match)
    restored = _restored_index(prep)
    out: list[DocumentSpan] = []
    hint: str | None = None
    reads: list[tuple[Part, Header, list[Cited], list[tuple[int, int]]]] = []
    for part in parts:
        header = read_header(prep.match, prep.text, part.start, part.end, province_hint=hint)
        hint = header.province or hint
        reader = _DocumentReader(prep, part, header, restored)
        span = reader.read()
        hint = span.document.province or hint
        out.append(span)
        reads.append((part, header, reader.body, reader.article_one))
    _attach_by_article_one(prep, out, reads)
    _complete_from_file(out)
    return out


def _complete_from_file(spans: list[DocumentSpan]) -> None:
    """A citation of a document that the same file contains takes its title and date from it."""
    by_number = {number_key(s.document.number): s.document for s in spans if s.document.number}
    for span in spans:
        doc = span.document
        for c in [*doc.bases, *doc.references, *(n.doc for n in doc.nested)]:
            other = by_number.get(number_key(c.number)) if c.number else None
            if other is None or other is doc:
                continue
            if c.title is None:
                c.title = other.title
            if c.date is None:
                c.date = other.date


class _DocumentReader:
    def __init__(self, prep: PreparedText, part: Part, header: Header, restored) -> None:
        self.prep = prep
        self.part = part
        self.h = header
        self.reader = CitationReader(prep.match, prep.text, header.province)
        self.body: list[Cited] = []
        self.article_one: list[tuple[int, int]] = []
        self.cited_bases: list[Cited] = []
        self.restored = restored
        self.problems: list[str] = []
        self._breaks: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        self._sentences: dict[tuple[int, int], tuple[bool, bool]] = {}  # (this document, supersede words)
        for msg in header.problems:
            at = header.spans.get("date", (part.start, part.start))[0]
            self.problems.append(f"line {prep.line_of(at)}: {msg}")

    # ------------------------------------------------------------------ helpers
    def cite(self, c: Cited) -> Citation:
        text, line = self.prep.cite(c.start, c.end)
        restored = [f for f, (s, e) in c.spans.items() if self.restored(s, e)]
        return Citation(doc_type=c.doc_type, number=c.number, date=c.date, issuer=c.issuer, title=c.title,
                        text=text, line=line, province=c.province, level=c.level, restored=restored)

    def lines(self, start: int, end: int):
        """(start, end) of each line of ``text[start:end]``."""
        pos = start
        while pos < end:
            nl = self.prep.match.find("\n", pos, end)
            stop = end if nl < 0 else nl
            yield pos, stop
            pos = stop + 1

    # ------------------------------------------------------------------ reading
    def read(self) -> DocumentSpan:
        p, h = self.part, self.h
        doc = Document(number=h.number, doc_type=h.doc_type, date=h.date, issuer=h.issuer,
                       province=h.province, level=h.level, title=h.title, signer=h.signer,
                       signer_title=h.signer_title)
        self.reader.province = h.province
        used: list[tuple[int, int]] = []
        body_from = h.title_end or p.start
        # attached to a decision by its caption
        if p.caption is not None:
            cap_end = self._caption_end(p.caption)
            attached = self._caption_citation(p.caption, cap_end)
            if attached is not None:
                self._inherit(doc, attached)
                doc.attached_to = self.cite(attached)
                used.append((p.caption, cap_end))
                body_from = max(body_from, cap_end)
        # a document without number: the captions of its appendices name it
        if doc.number is None:
            self._number_from_appendix(doc, used)
        self.reader.province = doc.province
        # preamble and CĂN CỨ section
        op = OPERATIVE_RE.search(self.prep.match, body_from, p.end)
        preamble_end = op.start() if op else min(p.end, body_from + 4000)
        basis_lines = []
        for cm in BASIS_CLAUSE_RE.finditer(self.prep.match, body_from, preamble_end):
            nxt = CLAUSE_START_RE.search(self.prep.match, cm.end(), preamble_end)
            basis_lines.append((cm.start(), nxt.start() if nxt else preamble_end))
        for sec in BASIS_SECTION_RE.finditer(self.prep.match, body_from, p.end):
            nxt = (NEXT_SECTION_RE if sec.group("roman") else NEXT_SUBSECTION_RE).search(
                self.prep.match, sec.end(), p.end)
            basis_lines += list(self.lines(sec.end() + 1, nxt.start() if nxt else p.end))
            break
        for s, e in basis_lines:
            self.cited_bases.extend(self.reader.scan(s, e))
            used.append((s, e))
        _complete_from_mentions(self.cited_bases)
        for c in self.cited_bases:
            doc.bases.append(self.cite(c))
            for child, relation in c.children:
                doc.nested.append(Nested(doc=self.cite(child), relation=relation, of=c.name or ""))
        # proposals
        for pm in PROPOSAL_BY_REPORT_RE.finditer(self.prep.match, body_from, preamble_end):
            tm = TYPE_RE.match(self.prep.match, pm.end(), p.end)
            c = self.reader.read(tm, p.end) if tm else None
            if c is None or not c.number:
                continue
            text, line = self.prep.cite(pm.start(), c.end)
            doc.proposals.append(Proposal(agency=c.issuer, number=c.number, date=c.date, text=text,
                                          line=line))
            used.append((pm.start(), c.end))
        for pm in PROPOSAL_RE.finditer(self.prep.match, body_from, preamble_end):
            tm = TYPE_RE.match(self.prep.match, pm.end(), p.end)
            c = self.reader.read(tm, p.end) if tm else None
            agency = _proposers(" ".join(self.prep.text[pm.start("agency"):pm.end("agency")].split()),
                                doc.province)
            text, line = self.prep.cite(pm.start(), c.end if c else pm.end())
            doc.proposals.append(Proposal(agency=agency, number=c.number if c else None,
                                          date=c.date if c else None, text=text, line=line))
            used.append((pm.start(), c.end if c else pm.end()))
        # the rest: references and supersedes
        self._read_body(doc, used)
        for fld, (fs, fe) in h.spans.items():
            if self.restored(fs, fe) and fld not in doc.restored:
                doc.restored.append(fld)
        doc.line_start = self.prep.line_of(p.start)
        doc.line_end = self.prep.line_of(max(p.start, p.end - 1))

        if not (doc.number or doc.date or doc.doc_type):
            self.problems.append(
                f"line {doc.line_start}: no recognisable header (no number, date or document type)")
        return DocumentSpan(doc, p.start, p.end, problems=self.problems)

    def _caption_end(self, caption: int) -> int:
        """End of a caption: its closing bracket, or the end of its line when it has none."""
        m = self.prep.match
        if m[caption] == "(":
            close = m.find(")", caption, caption + 400)
            if close >= 0:
                return close + 1
        nl = m.find("\n", caption, caption + 400)
        return nl if nl >= 0 else min(len(m), caption + 400)

    def _caption_citation(self, caption: int, end: int) -> Cited | None:
        cm = ATTACHED_CAPTION_RE.match(self.prep.match, caption)
        tm = TYPE_RE.search(self.prep.match, cm.end() if cm else caption, end)
        c = self.reader.read(tm, end) if tm else None
        if c is not None:
            m = self.prep.match
            c.start = caption + 1 if m[caption] == "(" else caption + len(m[caption:end]) - len(
                m[caption:end].lstrip())  # the citing words include "Ban hành kèm theo"
            c.end = max(c.end, end - 1 if m[end - 1:end] == ")" else end)
        return c

    def _inherit(self, doc: Document, c: Cited) -> None:
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

    def _number_from_appendix(self, doc: Document, used: list[tuple[int, int]]) -> None:
        for cm in APPENDIX_CAPTION_RE.finditer(self.prep.match, self.part.start, self.part.end):
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
        kept: list[Cited] = []
        header_end = self.h.title_end or p.start
        found: list[Cited] = []
        for s, e in self._free_ranges(header_end, p.end, used):
            found.extend(self.reader.scan(s, e, by_line=True))
        for c in found:
            s = self.reader.paragraph_start(c.start, p.start)
            e = self.reader.paragraph_end(c.start, p.end)
            self.reader.issued_on(c, s)
            self.body.append(c)
            if re.match(r"[ \t]*Điều\s+1\b", self.prep.match[s:s + 20]):
                self.article_one.append((s, c.end))
            if self._supersedes(c, s, e):
                doc.supersedes.append(self.cite(c))
                continue
            for item in c.walk():
                if item.number and number_key(item.number) in (own, attached):
                    continue
                if not (item.number or item.by_name):
                    continue
                if any(same_document(item, b) for b in doc.bases):
                    continue
                prior = next((k for k in kept if same_document(item, k)), None)
                if prior is None:
                    kept.append(item)
                else:  # the same document cited again: complete what the first mention lacked
                    prior.date = prior.date or item.date
                    prior.title = prior.title or item.title
                    if prior.spans.get("issuer") is None and item.spans.get("issuer"):
                        prior.issuer, prior.level = item.issuer, item.level
        doc.references = [self.cite(c) for c in kept]
        for c in [*self.cited_bases, *self.body]:
            for item in c.walk():
                self.problems.extend(f"line {self.prep.line_of(item.start)}: {msg}" for msg in item.problems)

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

    def _supersedes(self, c: Cited, line_start: int, line_end: int) -> bool:
        """Whether the sentence of ``c`` replaces or repeals it."""
        m = self.prep.match
        breaks = self._breaks.get((line_start, line_end))
        if breaks is None:  # sentence ends of the paragraph, found once (a paragraph may cite 1000s)
            breaks = self._breaks[(line_start, line_end)] = (
                [x.start() for x in _FULL_STOP_RE.finditer(m, line_start, line_end)],
                [x.start() for x in _SEMICOLON_RE.finditer(m, line_start, line_end)])
        stops, semis = breaks
        k_stop = bisect.bisect_right(stops, c.start - 2) - 1  # m.rfind(". ", line_start, c.start)
        k_semi = bisect.bisect_left(semis, c.start) - 1  # m.rfind(";", line_start, c.start)
        left = max(stops[k_stop] if k_stop >= 0 else -1, semis[k_semi] if k_semi >= 0 else -1, line_start)
        j_stop = bisect.bisect_left(stops, c.end)  # m.find(". ", c.end, line_end)
        j_semi = bisect.bisect_left(semis, c.end)  # m.find(";", c.end, line_end)
        ends = [x[j] for x, j in ((stops, j_stop), (semis, j_semi)) if j < len(x)]
        right = min(ends) if ends else line_end
        # the words of the sentence are searched once per sentence, not once per citation in it
        said = self._sentences.get((left, right))
        if said is None:
            words = bool(SUPERSEDE_RE.search(m, left, right))
            this = words and bool(THIS_DOCUMENT_RE.search(m, left, right))
            said = self._sentences[(left, right)] = (this, words)
        this_document, supersede_words = said
        if not supersede_words:
            return False
        # "Quyết định này ... thay thế ...", or a sentence opening with the verb ("Bãi bỏ ..."); not a
        # report that some other document has lapsed
        return this_document or bool(SUPERSEDE_OPENING_RE.match(m[left:c.start].lstrip(" \t.;-+•*")))


_FULL_STOP_RE = re.compile(r"\. ")
_SEMICOLON_RE = re.compile(";")
_JOINT_RE = re.compile(r"\s+và\s+(?=(?:Giám đốc|Chủ tịch|Thủ trưởng|Trưởng ban|Bộ trưởng|Sở|Bộ|Ban)\s)")


def _proposers(agency: str, province: str | None) -> str:
    """'Giám đốc Sở Nội vụ và Giám đốc Sở Tài chính' -> 'Sở Nội vụ và Sở Tài chính'."""
    return " và ".join(expand_agency(a, province) for a in _JOINT_RE.split(agency))


def _restored_index(prep: PreparedText):
    """``was_restored`` in logarithmic time: spans sorted by start with the running maximum of ends."""
    spans = sorted(prep.restored)
    starts = [s for s, _ in spans]
    max_end: list[int] = []
    top = -1
    for _, e in spans:
        top = max(top, e)
        max_end.append(top)

    def restored(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end) - 1
        return i >= 0 and max_end[i] > start

    return restored


def _complete_from_mentions(cited: list[Cited]) -> None:
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


def same_document(a: Cited, b: Cited | Citation) -> bool:
    """Whether two citations name the same document: same number and no conflicting year, or the
    same type and name for documents cited by name."""
    if a.number or b.number:
        if not (a.number and b.number) or number_key(a.number) != number_key(b.number):
            return False
        return not (a.date and b.date) or a.date.year == b.date.year
    return fold(a.doc_type) == fold(b.doc_type) and bool(a.title) and fold(a.title) == fold(b.title)


def _attach_by_article_one(prep: PreparedText, spans: list[DocumentSpan], reads: list) -> None:
    """A document that a decision of the same file approves in its Điều 1 is attached to it."""
    for i, span in enumerate(spans):
        doc = span.document
        if doc.attached_to is not None or i == 0:
            continue
        if not doc.number:
            _attach_unnumbered(prep, spans[i - 1], span)
            continue
        for j in range(i - 1, -1, -1):
            dec = spans[j].document
            if fold(dec.doc_type) != "quyet dinh":
                continue
            _, _, body, article_one = reads[j]
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


#: "Ban hành Kế hoạch ...", "Phê duyệt Đề án ...", "Ban hành kèm theo Quyết định này Quy chế ..."
ISSUES_RE = _re(
    r"(?:Ban\s+hành|Phê\s+duyệt|ban\s+hành|phê\s+duyệt)\s+(?:kèm\s+theo\s+Quyết\s+định\s+này\s+)?"
)
ARTICLE_ONE_RE = _re(r"(?<![^\W\d_])Điều\s+1\s*[.:]")


def _attach_unnumbered(prep: PreparedText, before: DocumentSpan, span: DocumentSpan) -> None:
    """A document without number or caption that follows a decision whose Điều 1 issues or approves a
    document of its type ("Điều 1. Ban hành Kế hoạch ... (Kế hoạch kèm theo)") is attached to it."""
    dec, doc = before.document, span.document
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
