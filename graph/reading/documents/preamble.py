"""The preamble of a document: where it ends, its basis clauses (``Căn cứ ...``, or the lines of a
``CĂN CỨ PHÁP LÝ`` section) and its proposals (``Xét đề nghị của <agency> tại Tờ trình số ...``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.model import Proposal
from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.citations import CitationReader
from graph.reading.documents.patterns import TYPE_RE, compile_pattern
from graph.reading.documents.refdata import grammar, words_pattern
from graph.reading.text.prepared import PreparedText

#: where the preamble ends: the operative heading, Điều 1, or the first section of a plan
OPERATIVE_RE = compile_pattern(
    r"(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ)\s*:|(?<![^\W\d_])Điều\s+1\s*[.:]"
    r"|(?m:^[ \t]*(?:[IVX]{1,4}\.[ \t]|PHẦN\s+I\b|Phần\s+I\b))"
)
#: a basis clause of the preamble runs from "Căn cứ" to the next clause
BASIS_CLAUSE_RE = compile_pattern(r"(?<![^\W\d_])(?:Căn\s+cứ|CĂN\s+CỨ)\s")
CLAUSE_START_RE = compile_pattern(r"(?<![^\W\d_])(?:Căn\s+cứ|CĂN\s+CỨ|Xét|XÉT|Theo\s+đề\s+nghị)\s")


def _basis_section_re() -> re.Pattern[str]:
    words = words_pattern(grammar()["basis_sections"])
    number = r"(?:(?P<roman>[IVX]{1,4})|(?P<digit>\d{1,2}))"
    return compile_pattern(rf"(?m)^[ \t]*{number}\.[ \t]*(?:{words})[^\n]{{0,80}}$", re.IGNORECASE)


#: "I. CĂN CỨ PHÁP LÝ" / "II. CƠ SỞ PHÁP LÝ" / "1. Căn cứ pháp lý"
BASIS_SECTION_RE = _basis_section_re()
NEXT_SECTION_RE = compile_pattern(r"(?m)^[ \t]*(?:[IVX]{1,4}\.|PHẦN|Phần|Chương|CHƯƠNG)[ \t]")
NEXT_SUBSECTION_RE = compile_pattern(r"(?m)^[ \t]*(?:[IVX]{1,4}|\d{1,2})\.[ \t]")
#: "Xét đề nghị của <agency> tại Tờ trình số ..." / "Theo đề nghị của Bộ trưởng Bộ ...," (no number)
PROPOSAL_RE = compile_pattern(
    r"(?:Xét|Theo|XÉT)\s+(?:đề\s+nghị|ĐỀ\s+NGHỊ)\s+của\s+"
    r"(?P<agency>[^;,.\n]{3,200}?(?:,[ \t]+[^;,.\n]{2,40}?)?)"
    r"(?:\s+tại\s+(?=\S)|\s*(?=[,.;]|\n|$))"
)
#: "Xét Tờ trình số 150/TTr-UBND ngày ... của Ủy ban nhân dân tỉnh": the proposer is the issuer
PROPOSAL_BY_REPORT_RE = compile_pattern(r"(?:Xét|XÉT)\s+(?=Tờ\s+trình|Báo\s+cáo|Công\s+văn)")
_JOINT_RE = re.compile(r"\s+và\s+(?=(?:Giám đốc|Chủ tịch|Thủ trưởng|Trưởng ban|Bộ trưởng|Sở|Bộ|Ban)\s)")


def end_of_preamble(match: str, body_from: int, end: int) -> int:
    """Where the preamble that starts at ``body_from`` ends (at most 4000 characters on)."""
    op = OPERATIVE_RE.search(match, body_from, end)
    return op.start() if op else min(end, body_from + 4000)


def basis_spans(match: str, body_from: int, preamble_end: int, end: int) -> list[tuple[int, int]]:
    """The spans to read bases from: each basis clause of the preamble, then each line of the first
    ``CĂN CỨ`` section of the document (up to the next section)."""
    spans = []
    for cm in BASIS_CLAUSE_RE.finditer(match, body_from, preamble_end):
        nxt = CLAUSE_START_RE.search(match, cm.end(), preamble_end)
        spans.append((cm.start(), nxt.start() if nxt else preamble_end))
    for sec in BASIS_SECTION_RE.finditer(match, body_from, end):
        nxt = (NEXT_SECTION_RE if sec.group("roman") else NEXT_SUBSECTION_RE).search(match, sec.end(), end)
        spans += list(_lines(match, sec.end() + 1, nxt.start() if nxt else end))
        break
    return spans


def _lines(match: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``."""
    pos = start
    while pos < end:
        nl = match.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def read_proposals(prep: PreparedText, reader: CitationReader, body_from: int, preamble_end: int, end: int,
                   province: str | None) -> list[tuple[Proposal, tuple[int, int]]]:
    """The proposals of the preamble, each with the span it was read from: first those made by a
    report (``Xét Tờ trình số ...``), then those of an agency (``Xét đề nghị của ...``)."""
    out: list[tuple[Proposal, tuple[int, int]]] = []
    for pm in PROPOSAL_BY_REPORT_RE.finditer(prep.match, body_from, preamble_end):
        tm = TYPE_RE.match(prep.match, pm.end(), end)
        c = reader.read(tm, end) if tm else None
        if c is None or not c.number:
            continue
        text, line = prep.cite(pm.start(), c.end)
        out.append((Proposal(agency=c.issuer, number=c.number, date=c.date, text=text, line=line),
                    (pm.start(), c.end)))
    for pm in PROPOSAL_RE.finditer(prep.match, body_from, preamble_end):
        tm = TYPE_RE.match(prep.match, pm.end(), end)
        c = reader.read(tm, end) if tm else None
        agency = _proposers(" ".join(prep.text[pm.start("agency"):pm.end("agency")].split()), province)
        text, line = prep.cite(pm.start(), c.end if c else pm.end())
        out.append((Proposal(agency=agency, number=c.number if c else None, date=c.date if c else None,
                             text=text, line=line),
                    (pm.start(), c.end if c else pm.end())))
    return out


def _proposers(agency: str, province: str | None) -> str:
    """'Giám đốc Sở Nội vụ và Giám đốc Sở Tài chính' -> 'Sở Nội vụ và Sở Tài chính'."""
    return " và ".join(expand_agency(a, province) for a in _JOINT_RE.split(agency))
