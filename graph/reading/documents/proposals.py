"""Proposals of the preamble: who asked for the document, and by which paper.

``Xét đề nghị của <agency> tại Tờ trình số <number> ngày <date>`` (also ``Theo đề nghị của``, ``đề
xuất``, ``Trên cơ sở đề nghị của``, ``Căn cứ đề nghị của`` — a proposal, not a basis — the paper
without ``số``, a ``Công văn``/``Phiếu trình``, a second paper after ``và``), several agencies in
one clause (``của Tổng cục trưởng Tổng cục Thuế, Tổng cục trưởng Tổng cục Hải quan``; ``... và của Giám
đốc Sở Nội vụ``; ``... và Giám đốc Sở Nội vụ tại Văn bản số ...``), and papers named first (``Xét Tờ
trình số ... của Ủy ban nhân dân tỉnh``, ``thảo luận Tờ trình của Ban Thường vụ Tỉnh ủy``, ``Xét Báo cáo
số ...; Tờ trình số ...; báo cáo thẩm tra ...``, ``Theo đề nghị tại Tờ trình số ... của Chánh Văn phòng
...``), and either form in small letters inside a sentence after ";" or "," (``Thực hiện ...; xét đề
nghị của Công an tỉnh tại văn bản số ...``). The agency is the
body, not its head (``Giám đốc Sở Tư pháp`` -> ``Sở Tư pháp``), without the province (a body named by
its place keeps the place word: ``Công an tỉnh``). A report, an appraisal or a verification (``Báo cáo số
...``, ``báo cáo thẩm định của Sở Tư pháp``, ``Báo cáo thẩm tra``) asks for nothing: it is left to the
references.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from graph.datafiles import read_json
from graph.model import Proposal
from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.citations import CitationReader
from graph.reading.documents.dates import parse_date
from graph.reading.documents.numbering import NUMBER, clean_number
from graph.reading.documents.patterns import DATE_AFTER_RE, OF_RE, TYPE_RE, compile_pattern
from graph.reading.documents.preamble import BASIS_CLAUSE_RE, search_clause_start
from graph.reading.documents.refdata import grammar, words_pattern
from graph.reading.text.folding import cached_fold as fold
from graph.reading.text.prepared import PreparedText
from graph.text import unify_tones

#: "Xét đề nghị của" / "Theo đề nghị của" (the space after "của" may be lost: "củaGiám đốc"; "của" may be
#: left out: "Xét đề nghị Giám đốc Sở ..."), also "đề xuất", "Trên cơ sở đề nghị của" and "Căn cứ đề nghị
#: của" (a proposal, not a basis: see preamble.BASIS_CLAUSE_RE)
PROPOSAL_RE = compile_pattern(r"(?:Xét|Theo|XÉT|THEO|Trên\s+cơ\s+sở|Căn\s+cứ)\s+"
                              r"(?:đề\s+(?:nghị|xuất)|ĐỀ\s+NGHỊ)(?:\s+(?:của|CỦA))?[ \t\n]*")
#: the same words in small letters, inside a sentence of the preamble: "Thực hiện Nghị quyết số ...;
#: xét đề nghị của Công an tỉnh tại văn bản số ...; trên cơ sở kết quả biểu quyết ..., UBND tỉnh ban
#: hành Kế hoạch ..." (read only after ";" or ",": see :func:`_opens_clause`)
_IN_SENTENCE_RE = compile_pattern(
    r"(?<![^\W\d_])(?:xét|theo|trên\s+cơ\s+sở)\s+đề\s+(?:nghị|xuất)\s+của[ \t\n]*")
#: what opens a clause of the sentence before the small-letter words: ";", "," or "và" (then spaces): "Xét
#: tình hình thực tế ở địa phương và theo đề nghị của Giám đốc Sở Nội vụ tại Công văn số ..."
_CLAUSE_BREAK_RE = compile_pattern(r"(?:[;,]|(?<![^\W\d_])và)[ \t\n]*$")
_BY_REPORT_FIRST = r"(?:Xét|XÉT)\s+(?=[Tt]ờ\s+trình|Báo\s+cáo|Công\s+văn)"
#: "Xét Tờ trình số 150/TTr-UBND ngày ... của Ủy ban nhân dân tỉnh": the proposer is the issuer;
#: "thảo luận Tờ trình của Ban Thường vụ Tỉnh ủy" (a party body's paper, often unnumbered); "Sau khi xem xét
#: tờ trình số ...", "Trên cơ sở xem xét Đề án kèm theo Tờ trình số ..." (older HĐND resolutions)
PROPOSAL_BY_REPORT_RE = compile_pattern(rf"{_BY_REPORT_FIRST}|(?:thảo\s+luận|xem\s+xét)\s+"
                                        r"(?:Đề\s+án\s+kèm\s+theo\s+)?(?=(?:Tờ|tờ)\s+trình)")
#: PROPOSAL_BY_REPORT_RE's first alternative alone: where no "Tờ" stands, the second (which opens with
#: "t" or "x", letters the regex engine stops at everywhere) cannot match
_BY_REPORT_FIRST_RE = compile_pattern(_BY_REPORT_FIRST)
#: "...; xét Tờ trình số ... của Sở Y tế, UBND tỉnh ban hành ...": the papers named first, in small
#: letters inside a sentence (read only after ";" or ",", as _IN_SENTENCE_RE)
_PAPERS_IN_SENTENCE_RE = compile_pattern(r"(?<![^\W\d_])xét\s+(?=Tờ\s+trình|Báo\s+cáo|Công\s+văn)")
_TO = unify_tones("Tờ")
_TO_SMALL = unify_tones("tờ")
#: "đề nghị tại": the paper named before its agency ("Theo đề nghị tại Tờ trình số ... của Chánh Văn phòng")
_AT_WORDS = unify_tones("đề nghị tại")
#: what ends the agency's words: the paper ("tại"), the end of the clause, a line break
_AGENCY_END_RE = compile_pattern(r"[ \t]*,?[ \t\n]+tại[ \t\n]+|;|\.(?=\s|$)|\n")
#: another paper of the same agency: "... ngày 28/02/2018 và Công văn số 268/STTTT-CNTT ..."
_AND_RE = compile_pattern(r"[ \t\n]*,?[ \t\n]*và[ \t\n]+")
#: between two papers of one agency after "tại": "và", or a comma ("tại Tờ trình số 1494/TTr-SNV ngày …,
#: Công văn số 2231/SNV-CCHC&PC ngày …")
_NEXT_OWN_PAPER_RE = compile_pattern(r"[ \t\n]*(?:,[ \t\n]*(?:và[ \t\n]+)?|[ \t\n]và[ \t\n]+)")
#: another number of the same kind of paper, dated: "Tờ trình số: 421/TTr-STC ngày 29/10/2025, 501/TTr-STC
#: ngày 20/11/2025"
_BARE_NUMBER_RE = compile_pattern(rf"(?P<number>{NUMBER})(?={DATE_AFTER_RE.pattern})")
#: between two papers of a "Xét ..." clause: "; ", ", ", "và" (a paper may open the next line)
_NEXT_PAPER_RE = compile_pattern(r"[ \t]*(?:[;,][ \t\n]*(?:và[ \t\n]+)?|[ \t\n]+và[ \t\n]+)")
#: "tại" before the paper ("..., tại Tờ trình số ...")
_AT_RE = compile_pattern(r"[ \t]*,?[ \t\n]+tại[ \t\n]+")
#: "của" before the agency, after a paper named first
_OF_RE = compile_pattern(r"[ \t\n]*của[ \t\n]+")
#: the separators of a list of agencies
_LIST_SPLIT_RE = re.compile(r"(\s*,\s*|\s+và\s+)")
#: another agency: "... và của Giám đốc Sở Nội vụ"
_AND_OF_RE = compile_pattern(r"[ \t\n]*,?[ \t\n]*và[ \t\n]+(?:đề\s+nghị\s+)?của[ \t\n]+")
#: a line that ends on these words goes on with the agency's name ("Giám đốc Sở / Tư pháp")
_OPEN_END_RE = compile_pattern(
    r"(?<![^\W\d_])(?:Sở|Bộ|Ban|Cục|Vụ|Phòng|Văn\s+phòng|Giám\s+đốc|trưởng|Chủ\s+tịch|và|của|&|-)[ \t]*$"
)
#: what ends a piece of the list of agencies: the issuer's enacting words, "của", the subject ("về")
_PIECE_END_RE = compile_pattern(
    r"[ \t\n]+(?:(?P<enacts>ban\s+hành|quyết\s+định|quy\s+định|hướng\s+dẫn)|của|về|V/v)(?![^\W\d_])"
)
#: "Trưởng ban Tổ chức - Cán bộ Chính phủ" heads the "Ban Tổ chức - Cán bộ Chính phủ" (unless "Ban" follows)
_HEAD_OF_BOARD_RE = re.compile(r"^(?:Phó\s+)?Trưởng\s+[Bb]an\s+(?!Ban(?![^\W\d_]))")
#: the place of a department, left out of its name ("Sở Nội vụ tỉnh Quảng Nam" -> "Sở Nội vụ")
_PLACE_RE = re.compile(r"(?<!UBND)(?<!HĐND)\s+(?:tỉnh|thành\s+phố)(?:\s+\S.*)?$")


@lru_cache(maxsize=1)
def _paper_re() -> re.Pattern[str]:
    """"Tờ trình số 12/TTr-SNV", "tờ trình 15/TTr-SNV" (no "số"), "Phiếu trình số ...", "Công văn số ..."."""
    words = words_pattern([v for w in grammar()["proposal_papers"] for v in (w, w[:1].lower() + w[1:])])
    return compile_pattern(
        rf"(?P<type>{words})(?![^\W\d_])(?:[ \t\n]+(?:số|Số|SỐ)\.?)?[ \t\n]*:?[ \t\n]*(?P<number>{NUMBER})?"
    )


@lru_cache(maxsize=1)
def _at_paper_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"Xét đề nghị tại Tờ trình số ... của Sở ..." / "Theo đề nghị tại Công văn số ..." opening a clause,
    and the same words in small letters inside a sentence (read only after ";" or ",", as _IN_SENTENCE_RE):
    the paper is named first, its agency after "của", as in "Xét Tờ trình số ... của ..."."""
    papers = words_pattern(grammar()["proposal_papers"])
    ahead = rf"(?=(?:{papers})(?![^\W\d_]))"
    return (compile_pattern(rf"(?:Xét|Theo|XÉT|THEO)\s+(?:đề\s+nghị|ĐỀ\s+NGHỊ)\s+(?:tại|TẠI)\s+{ahead}"),
            compile_pattern(rf"(?<![^\W\d_])(?:xét|theo)\s+đề\s+nghị\s+tại\s+{ahead}"))


@lru_cache(maxsize=1)
def _agency_start_re() -> re.Pattern[str]:
    """A piece of a list that names an agency: it opens with a head's title or a body's first word."""
    data = read_json("agency_aliases.json")
    words = sorted({*data["heads"], *data["starts"], "Phòng", "Tổng cục", "Cục", "Vụ"}, key=len, reverse=True)
    return compile_pattern(rf"(?:{'|'.join(re.escape(w) for w in words)})(?![^\W\d_])")


@lru_cache(maxsize=1)
def _placed_body_re() -> re.Pattern[str]:
    """A body named by its place ("Công an tỉnh", "Thanh tra tỉnh", "Cục Thuế thành phố", "Công an
    huyện"): the stems of the bodies whose name ends on "tỉnh", then a place word."""
    data = read_json("agency_aliases.json")
    stems = {b[:-len(" tỉnh")] for b in data["bodies"] if b.endswith(" tỉnh")}
    stem_words = "|".join(re.escape(w) for w in sorted(stems, key=len, reverse=True))
    places = "|".join(re.escape(w) for w in sorted(data["place_words"], key=len, reverse=True))
    return re.compile(rf"(?:{stem_words})\s+(?:{places})(?![^\W\d_])")


def _without_place(agency: str) -> str:
    """A department without its province ("Sở Nội vụ tỉnh Quảng Nam" -> "Sở Nội vụ"); a body named
    by its place keeps the place word ("Công an tỉnh Hà Tĩnh" -> "Công an tỉnh")."""
    body = _placed_body_re().match(agency)
    return body.group() if body is not None else _PLACE_RE.sub("", agency)


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(fold(h) for h in read_json("agency_aliases.json")["heads"])


def read_proposals(prep: PreparedText, reader: CitationReader, body_from: int, preamble_end: int, end: int,
                   province: str | None) -> list[tuple[Proposal, tuple[int, int]]]:
    """The proposals of the preamble, each with the span it was read from: first those made by a
    paper (``Xét Tờ trình số ...``), then those of an agency (``Xét đề nghị của ...``)."""
    out: list[tuple[Proposal, tuple[int, int]]] = []
    m = prep.match
    read_to = body_from
    for pm in _papers_first(m, body_from, preamble_end):
        if pm.start() < read_to:
            continue  # a paper of the clause read before
        found, read_to = _by_papers(prep, reader, pm, preamble_end, end, province)
        out.extend(found)
    for pm in _by_agency_words(m, body_from, preamble_end):
        if pm.end() < len(m) and m[pm.end()].islower():
            continue  # "đề nghị của mình": not an agency
        out.extend(_by_agency(prep, pm.start(), pm.end(), preamble_end, end, province))
    return out


def _papers_first(m: str, start: int, end: int) -> list[re.Match[str]]:
    """The "Xét <paper>" and "Xét/Theo đề nghị tại <paper>" of the preamble in text order: at a clause's
    start, or in small letters after ";" or "," inside a sentence ("...; xét Tờ trình số ... của Sở Y tế")."""
    found = _by_report(m, start, end)
    if m.find(_AT_WORDS, start, end) >= 0 or m.find(_AT_WORDS.upper(), start, end) >= 0:
        opening, inside = _at_paper_res()
        found = sorted([*found, *opening.finditer(m, start, end)], key=lambda x: x.start())
        found = _with_small_letters(found, inside, _AT_WORDS, m, start, end)
    return _with_small_letters(found, _PAPERS_IN_SENTENCE_RE, unify_tones("xét"), m, start, end)


def _by_agency_words(m: str, start: int, end: int) -> list[re.Match[str]]:
    """The "Xét/Theo đề nghị của" of the preamble in text order: at a clause's start, or in small
    letters after ";" or "," inside a sentence ("...; xét đề nghị của Công an tỉnh tại ...")."""
    found = list(PROPOSAL_RE.finditer(m, start, end))
    return _with_small_letters(found, _IN_SENTENCE_RE, unify_tones("đề "), m, start, end)


def _with_small_letters(found: list[re.Match[str]], pattern: re.Pattern[str], needs: str, m: str, start: int,
                        end: int) -> list[re.Match[str]]:
    """``found`` and the matches of ``pattern`` that open a clause inside a sentence, in text order
    (``pattern`` is tried only where the words ``needs`` stand)."""
    if m.find(needs, start, end) < 0:
        return found
    inside = [im for im in pattern.finditer(m, start, end) if _opens_clause(m, im.start(), start)]
    return sorted([*found, *inside], key=lambda x: x.start()) if inside else found


def _opens_clause(m: str, pos: int, start: int) -> bool:
    """Whether the words at ``pos`` open a clause of their sentence: ";" stands before them, or "," or "và"
    outside a basis clause ("Căn cứ Luật ...; Nghị định ..., theo đề nghị ...": the basis clause runs on
    over the comma, its papers are read as bases)."""
    brk = _CLAUSE_BREAK_RE.search(m, max(start, pos - 8), pos)
    if brk is None:
        return False
    if m[brk.start()] == ";":
        return True  # a basis clause ends there too (see preamble.CLAUSE_START_RE)
    bases = list(BASIS_CLAUSE_RE.finditer(m, start, pos))
    return not bases or search_clause_start(m, bases[-1].end(), pos) is not None


def _by_report(m: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(PROPOSAL_BY_REPORT_RE.finditer(m, start, end))``, the same spans (a match sees no text past
    ``end``, so a range without "Tờ" or "tờ" holds matches of the first alternative only)."""
    paper = m.find(_TO, start, end) >= 0 or m.find(_TO_SMALL, start, end) >= 0
    pattern = PROPOSAL_BY_REPORT_RE if paper else _BY_REPORT_FIRST_RE
    return list(pattern.finditer(m, start, end))


def _by_papers(prep: PreparedText, reader: CitationReader, pm: re.Match[str], preamble_end: int, end: int,
               province: str | None) -> tuple[list[tuple[Proposal, tuple[int, int]]], int]:
    """The proposals of one "Xét <paper>; <paper> ..." clause and where its papers end. Each paper of the
    list is read ("Xét Báo cáo số ...; Tờ trình số ...", "Tờ trình số ... và Tờ trình số ..."); a paper
    that proposes (a Tờ trình, a Công văn) names a proposal, a report (``Báo cáo``, ``Báo cáo thẩm
    tra``) is only considered: it is left to the references. The list stops at the first piece that is
    not a paper ("ý kiến thảo luận của đại biểu ...")."""
    m = prep.match
    out: list[tuple[Proposal, tuple[int, int]]] = []
    start, pos = pm.start(), pm.end()
    while True:
        proposes = _paper_re().match(m, pos, end) is not None
        tm = TYPE_RE.match(m, pos, end)
        c = reader.read(tm, end) if tm else None
        if c is not None and c.number:
            if proposes:
                text, line = prep.cite(start, c.end)
                out.append((Proposal(agency=_issuer_agency(c.issuer), number=c.number, date=c.date, text=text,
                                     line=line), (start, c.end)))
            pos = c.end
        else:
            paper = _paper_re().match(m, pos, end)
            of = _OF_RE.match(m, paper.end(), end) if paper and not paper["number"] else None
            agencies, named, _ = _agencies(prep, of.end(), preamble_end, province) if of else ([], pos, pos)
            if not agencies:
                break
            text, line = prep.cite(start, named)
            out.append((Proposal(agency=" và ".join(agencies), text=text, line=line), (start, named)))
            pos = named
        nxt = _NEXT_PAPER_RE.match(m, pos, preamble_end)
        if nxt is None or TYPE_RE.match(m, nxt.end(), end) is None:
            break
        start = pos = nxt.end()
    return out, pos


def _issuer_agency(issuer: str | None) -> str | None:
    """The proposer a paper's issuer names, without the province of a department."""
    return issuer if not issuer or issuer.startswith(("UBND", "HĐND")) else _without_place(issuer)


def _by_agency(prep: PreparedText, start: int, pos: int, preamble_end: int, end: int,
               province: str | None) -> list[tuple[Proposal, tuple[int, int]]]:
    """The proposals of one "đề nghị của <agencies> [tại <paper> [và <paper>]] [và của <agency> ...]"."""
    m = prep.match
    out: list[tuple[Proposal, tuple[int, int]]] = []
    said_of = True
    while True:
        agencies, named, stop = _agencies(prep, pos, preamble_end, province)
        if not agencies:
            return out
        papers = _papers(prep, stop, end)
        if not (said_of or papers or _AT_RE.match(m, stop, end) is None):
            return out  # "... và Giám đốc Sở Tư pháp tại Báo cáo thẩm định số ...": an appraiser
        last = papers[-1][2] if papers else named
        text, line = prep.cite(start, last)
        if papers:
            agency = " và ".join(agencies)  # one paper of several agencies: "Tờ trình liên tịch"
            out.extend((Proposal(agency=agency, number=n, date=d, text=text, line=line), (start, last))
                       for n, d, _ in papers)
        else:
            out.extend((Proposal(agency=a, text=text, line=line), (start, last)) for a in agencies)
        more = _AND_OF_RE.match(m, last, preamble_end)
        said_of = more is not None
        if more is None:
            # "... và Giám đốc Sở Nội vụ tại Văn bản số ...": another office holder, "của" left out
            more = _AND_RE.match(m, last, preamble_end)
            if more is None or not _names_office(m, more.end(), preamble_end):
                return out
        start, pos = m.index("và", more.start()), more.end()  # the citing words open at "và"


def _names_office(m: str, pos: int, end: int) -> bool:
    """Whether an office holder or a body is named at ``pos`` ("Giám đốc Sở Nội vụ", "Sở Tư pháp"), not
    a paper ("Báo cáo thẩm định ...") nor words in small letters ("các sở, ngành liên quan")."""
    return (pos < end and m[pos].isupper() and TYPE_RE.match(m, pos, end) is None
            and _agency_start_re().match(m, pos, end) is not None)


def _papers(prep: PreparedText, pos: int, end: int) -> list[tuple[str, dt.date | None, int]]:
    """The numbered papers after "tại" at ``pos``: (number, date, end of its words) of each; another paper
    follows "và" or a comma ("…, Công văn số ..."; "Tờ trình số 421/TTr-STC ngày …, 501/TTr-STC ngày …"),
    an appraisal ("và báo cáo thẩm định ...") is none."""
    m = prep.match
    at = _AT_RE.match(m, pos, end)
    out: list[tuple[str, dt.date | None, int]] = []
    nxt = at.end() if at is not None else None
    while nxt is not None:
        paper = _paper_re().match(m, nxt, end)
        if paper is None or not paper["number"]:
            paper = _BARE_NUMBER_RE.match(m, nxt, end) if out else None
            if paper is None:
                break
        date = DATE_AFTER_RE.match(m, paper.end(), end)
        if out and OF_RE.match(m, date.end() if date else paper.end(), end):
            break  # "tại Tờ trình số …, Công văn số … của Sở Tư pháp": the next paper is another agency's
        number = clean_number(prep.text[paper.start("number"):paper.end("number")])
        when = parse_date(m[date.start("dated"):date.end("dated")]) if date else None
        out.append((number, when, date.end() if date else paper.end()))
        if _AND_OF_RE.match(m, out[-1][2], end):
            break
        sep = _NEXT_OWN_PAPER_RE.match(m, out[-1][2], end)
        nxt = sep.end() if sep is not None else None
    return out


def _agency_words_end(m: str, pos: int, limit: int) -> int:
    """Where the agency's words that start at ``pos`` end: at "tại", at the end of the clause, or at a
    line break that does not wrap the name ("Giám đốc Sở\nTư pháp" goes on)."""
    stop = pos
    limit = min(limit, pos + 300)
    while True:
        e = _AGENCY_END_RE.search(m, stop, limit)
        if e is None:
            return pos if limit == len(m.rstrip()) else limit  # the excerpt ends in the name: cut
        wrapped = m[e.start()] == "\n" and (
            _OPEN_END_RE.search(m, max(pos, e.start() - 20), e.start()) is not None
            or m[e.end():e.end() + 1].islower())
        if not wrapped:
            return e.start()
        stop = e.end()


def _agencies(prep: PreparedText, pos: int, limit: int, province: str | None) -> tuple[list[str], int, int]:
    """The agencies named from ``pos`` on, where their names end and where the words before the paper
    ("tại") or the end of the clause end. A list ("A, B") is split where
    a piece opens with a head's title or a body's name; other pieces go on with the name before
    ("Sở Văn hóa, Thể thao và Du lịch"); a piece with "của", a paper or the issuer's enacting words
    ("..., Bộ trưởng Bộ Tài chính ban hành Thông tư") ends the list."""
    stop = _agency_words_end(prep.match, pos, limit)
    names: list[str] = []
    sep, last, at = "", pos, pos
    for split in [*_LIST_SPLIT_RE.finditer(prep.match, pos, stop), None]:
        piece_end = split.start() if split else stop
        cut = _PIECE_END_RE.search(prep.match, at, piece_end)
        if cut is not None:
            piece_end = cut.start()
            if names and cut.group("enacts"):
                break  # "..., Bộ trưởng Bộ Tài chính ban hành Thông tư ...": the issuer, not a proposer
        words = " ".join(prep.text[at:piece_end].split())
        if words and not (names and TYPE_RE.match(prep.match, at, piece_end)):
            if names and not _agency_start_re().match(prep.match, at, piece_end):
                names[-1] += sep + words  # "Sở Văn hóa, Thể thao và Du lịch"
            else:
                names.append(words)
            last = piece_end
        if cut is not None or split is None or (names and TYPE_RE.match(prep.match, at, piece_end)):
            break
        sep, at = (" và " if "và" in split.group() else ", "), split.end()
    out = []
    for name in names:
        if fold(name) in _heads():
            continue  # "Bộ trưởng, Trưởng ban Ban Tổ chức ...": one person's titles, the body follows
        agency = expand_agency(_HEAD_OF_BOARD_RE.sub("Ban ", name), province)
        if not agency.startswith(("UBND", "HĐND")):
            agency = _without_place(agency)
        if len(agency.split()) >= 2 and agency not in out:
            out.append(agency)
    return out, last, stop
