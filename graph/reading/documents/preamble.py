"""The preamble of a document: where it ends and its basis clauses (``Căn cứ ...``, or the lines of a
``CĂN CỨ PHÁP LÝ`` section); its proposals are read by :mod:`graph.reading.documents.proposals`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from graph.reading.documents.patterns import (
    TYPE_RE,
    case_variants,
    compile_pattern,
    finditer_at_line_start,
    finditer_at_word_start,
)
from graph.reading.documents.refdata import doc_types, grammar, words_by_first_letter, words_pattern

#: where the preamble ends: the operative heading, Điều 1, or the first section of a plan
OPERATIVE_RE = compile_pattern(
    r"(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ)\s*:|(?<![^\W\d_])Điều\s+1\s*[.:]"
    r"|(?m:^[ \t]*(?:[IVX]{1,4}\.[ \t]|PHẦN\s+I\b|Phần\s+I\b))"
)
#: OPERATIVE_RE cut into patterns that start with literals (the regex engine skips ahead to them; the
#: alternation, opening with a look-behind and a line start, tries every position): the operative
#: heading, Điều 1 (at a word start), a section at a line start (after its line break)
_OPERATIVE_HEADING_RES = [compile_pattern(r"QUYẾT\s+ĐỊNH\s*:|QUYẾT\s+NGHỊ\s*:"),
                          compile_pattern(r"CHỈ\s+THỊ\s*:")]
_ARTICLE_ONE_RE = compile_pattern(r"Điều\s+1\s*[.:]")
_SECTION_REST = r"[ \t]*(?:[IVX]{1,4}\.[ \t]|PHẦN\s+I\b|Phần\s+I\b)"
_SECTION_RE = compile_pattern(_SECTION_REST)
_SECTION_AFTER_BREAK_RE = compile_pattern(rf"\n{_SECTION_REST}")


def search_operative(match: str, pos: int, end: int) -> int | None:
    """Where ``OPERATIVE_RE.search(match, pos, end)`` starts, faster: its three alternatives start with
    different characters, so the first of their own searches is the alternation's match."""
    starts = [m.start() for p in _OPERATIVE_HEADING_RES if (m := p.search(match, pos, end)) is not None]
    article = next(finditer_at_word_start(_ARTICLE_ONE_RE, match, pos, end), None)
    if article is not None:
        starts.append(article.start())
    if (pos == 0 or match[pos - 1] == "\n") and _SECTION_RE.match(match, pos, end):
        starts.append(pos)
    else:
        section = _SECTION_AFTER_BREAK_RE.search(match, pos, end)
        if section is not None:
            starts.append(section.start() + 1)
    return min(starts) if starts else None


#: a basis clause of the preamble runs from "Căn cứ" to the next clause (at a word start: see
#: :func:`~graph.reading.documents.patterns.finditer_at_word_start`); "Căn cứ đề nghị của Sở ... tại Tờ
#: trình số ..." proposes (graph/reading/documents/proposals.py): its paper is no basis
BASIS_CLAUSE_RE = compile_pattern(r"(?:Căn\s+cứ|CĂN\s+CỨ)\s(?!\s*đề\s+(?:nghị|xuất)\s+của\s)")
#: and so does a clause that implements ("Thực hiện Quyết định ..."; "...; thực hiện chế độ báo cáo theo
#: Luật ..."): the documents it names are references, not bases; or that proposes ("...; xét đề nghị của",
#: "...; xét Tờ trình số ..."), or that considers ("Trên cơ sở đề nghị của ...", "Trên cơ sở Kế hoạch số ...":
#: what it names is no basis either), or that tells what the council did ("Sau khi xem xét Tờ trình số ...",
#: "Sau khi nghe báo cáo ...")
_CLAUSE_WORDS = (r"(?:Căn\s+cứ|CĂN\s+CỨ|Xét|XÉT|Theo\s+đề\s+(?:nghị|xuất)|Trên\s+cơ\s+sở|Thực\s+hiện"
                 r"|THỰC\s+HIỆN|Triển\s+khai|Thi\s+hành|Sau\s+khi)\s")
_AFTER_SEMICOLON = (r";\s{0,3}(?=(?:thực\s+hiện|triển\s+khai|thi\s+hành|(?:xét|theo)\s+đề\s+(?:nghị|xuất)"
                    r"|trên\s+cơ\s+sở|xét\s+(?:Tờ\s+trình|Báo\s+cáo|Công\s+văn))\s)")
CLAUSE_START_RE = compile_pattern(rf"(?<![^\W\d_]){_CLAUSE_WORDS}|{_AFTER_SEMICOLON}")
#: CLAUSE_START_RE cut in two patterns that start with literals (see :func:`search_operative`)
_CLAUSE_WORDS_RE = compile_pattern(_CLAUSE_WORDS)
_CLAUSE_AFTER_SEMICOLON_RE = compile_pattern(_AFTER_SEMICOLON)


def search_clause_start(match: str, pos: int, end: int) -> int | None:
    """Where ``CLAUSE_START_RE.search(match, pos, end)`` starts, faster: its two alternatives start with
    different characters, so the first of their own searches is the alternation's match. The second
    opens with ';': when the first is found, only the ';' before it are tried (a search for the second
    would run on to ``end`` from each clause of the preamble)."""
    words = None
    for found in finditer_at_word_start(_CLAUSE_WORDS_RE, match, pos, end):
        if not _named_type_before(match, found.start()):
            words = found
            break
    if words is None:
        semicolon = _CLAUSE_AFTER_SEMICOLON_RE.search(match, pos, end)
        return semicolon.start() if semicolon is not None else None
    at = match.find(";", pos, words.start())
    while at >= 0:
        if _CLAUSE_AFTER_SEMICOLON_RE.match(match, at, end):
            return at
        at = match.find(";", at + 1, words.start())
    return words.start()


#: a clause that implements: "Thực hiện Nghị quyết số 57-NQ/TW …; Quyết định số 142/QĐ-TTg …", "…; triển
#: khai Kế hoạch số …" (after the ";" of _AFTER_SEMICOLON, or at a word start)
_IMPLEMENTING_RE = compile_pattern(r";?\s{0,3}(?:thực\s+hiện|triển\s+khai|thi\s+hành)\s", re.IGNORECASE)


def implementing_spans(match: str, body_from: int, preamble_end: int) -> list[tuple[int, int]]:
    """The clauses of the preamble that implement ("Thực hiện A; B; C, UBND tỉnh ban hành Kế hoạch …"):
    from their opening words to the next clause. What they name is what the document implements, the
    foundation of a plan that states no "Căn cứ"."""
    spans: list[tuple[int, int]] = []
    pos = body_from
    while (start := search_clause_start(match, pos, preamble_end)) is not None:
        nxt = search_clause_start(match, start + 1, preamble_end)
        end = nxt if nxt is not None else preamble_end
        if _IMPLEMENTING_RE.match(match, start, end):
            spans.append((start, end))
        if nxt is None:
            break
        pos = nxt
    return spans


@lru_cache(maxsize=1)
def _named_type_end_re() -> re.Pattern[str]:
    """The type words of documents cited by name (Luật, Pháp lệnh …), ending where a clause word starts."""
    named = [w for t in doc_types()["types"] if t.get("by_name") for w in t["words"]]
    return re.compile(rf"(?<![^\W\d_])(?:{words_pattern(named)})[ \t]+$", re.IGNORECASE)


def _named_type_before(match: str, at: int) -> bool:
    """A clause word that is the first word of a law's name ("Luật Thực hiện dân chủ ở cơ sở", "Luật Thi
    hành án dân sự", "Pháp lệnh Thực hiện dân chủ ở xã, phường, thị trấn") opens no clause. The pattern
    ends on spaces (``$`` also before a last line break), so most clause words, at a line's start, are
    ruled out by the characters before them."""
    if at < 2:
        return False
    last = match[at - 1]
    if last not in " \t" and (last != "\n" or match[at - 2] not in " \t"):
        return False
    return _named_type_end_re().search(match, max(0, at - 16), at) is not None


#: a line of a dash list: "- Luật Công nghệ thông tin ngày 29/6/2006;"
DASH_LINE_RE = compile_pattern(r"(?m)^[ \t]{0,8}[-–+•][ \t]{0,3}(?=\S)")


def _basis_section_re() -> re.Pattern[str]:
    words = words_pattern(grammar()["basis_sections"])
    number = r"(?:(?P<roman>[IVX]{1,4})|(?P<digit>\d{1,2}))"
    numbered = rf"{number}\.[ \t]*(?:{words})[^\n]{{0,80}}"
    return compile_pattern(rf"(?m)^[ \t]*(?:{numbered}|(?:{words})[ \t]*:)[ \t]*$", re.IGNORECASE)


#: "I. CĂN CỨ PHÁP LÝ" / "II. CƠ SỞ PHÁP LÝ" / "1. Căn cứ pháp lý"; unnumbered only as a whole line
#: ending on a colon ("Căn cứ pháp lý:", "Căn cứ:"), whose section is the dash list after it
BASIS_SECTION_RE = _basis_section_re()
#: a sentence of the preamble closing on "căn cứ:" at the end of its line, over the dash list of its
#: bases ("Hội đồng nhân dân xã Gia Hanh căn cứ:"); case variants, so that the pattern opens with
#: literals (the word start is checked in code)
SENTENCE_BASIS_RE = compile_pattern(
    rf"(?:{words_by_first_letter(case_variants(grammar()['basis_sentence_ends']))})[ \t]*:[ \t]*(?=\n)")
_COLON_AT_LINE_END_RE = re.compile(r":[ \t]*\n")
NEXT_SECTION_RE = compile_pattern(r"(?m)^[ \t]*(?:[IVX]{1,4}\.|PHẦN|Phần|Chương|CHƯƠNG)[ \t]")
NEXT_SUBSECTION_RE = compile_pattern(r"(?m)^[ \t]*(?:[IVX]{1,4}|\d{1,2})\.[ \t]")


def end_of_preamble(match: str, body_from: int, end: int) -> int:
    """Where the preamble that starts at ``body_from`` ends (at most 4000 characters on)."""
    op = search_operative(match, body_from, end)
    return op if op is not None else min(end, body_from + 4000)


def basis_spans(match: str, body_from: int, preamble_end: int, end: int) -> list[tuple[int, int]]:
    """The spans to read bases from: each basis clause of the preamble, then each line of the first
    ``CĂN CỨ`` section of the document (up to the next section)."""
    spans = []
    for cm in finditer_at_word_start(BASIS_CLAUSE_RE, match, body_from, preamble_end):
        if _heads_a_list(match, cm.start(), end):
            continue  # "Căn cứ pháp lý:" over a dash list: read as a section below
        nxt = search_clause_start(match, cm.end(), preamble_end)
        spans.append((cm.start(), nxt if nxt is not None else preamble_end))
    spans += [s for s in _first_section(match, body_from, preamble_end, end) if not _inside(s, spans)]
    spans += _listed_bases(match, body_from, preamble_end, spans)
    return spans


def _first_section(match: str, body_from: int, preamble_end: int, end: int) -> list[tuple[int, int]]:
    """The lines of the first ``CĂN CỨ`` section: under a heading line (up to the next section, or its
    dash list), or the dash list under a sentence of the preamble that closes on "căn cứ:"."""
    heading_at, section = end, []
    for sec in finditer_at_line_start(BASIS_SECTION_RE, match, body_from, end):
        if sec.group("roman") or sec.group("digit"):
            after = NEXT_SECTION_RE if sec.group("roman") else NEXT_SUBSECTION_RE
            nxt = after.search(match, sec.end(), end)
            heading_at, section = sec.start(), list(_lines(match, sec.end() + 1, nxt.start() if nxt else end))
            break
        section = _dash_list_after(match, sec.end(), end)
        if section:
            heading_at = sec.start()
            break
    stop = min(preamble_end, heading_at)
    if _COLON_AT_LINE_END_RE.search(match, body_from, stop) is None:
        return section  # SENTENCE_BASIS_RE needs a colon at a line's end: most preambles have none
    for sm in finditer_at_word_start(SENTENCE_BASIS_RE, match, body_from, stop):
        listed = _dash_list_after(match, sm.end(), end)
        if listed:
            return listed
    return section


def _dash_list_after(match: str, pos: int, end: int) -> list[tuple[int, int]]:
    """The lines of the dash list of citations that starts on the line after ``pos``, if one does."""
    run = next(iter(_dash_runs(match, pos, end, 1)), [])
    return run if run and not match[pos:run[0][0]].strip() else []


def _heads_a_list(match: str, pos: int, end: int) -> bool:
    """Whether the basis words at ``pos`` are an unnumbered heading line with a dash list under it."""
    sec = BASIS_SECTION_RE.match(match, match.rfind("\n", 0, pos) + 1)
    if not sec or sec.group("roman") or sec.group("digit"):
        return False
    return bool(_dash_list_after(match, sec.end(), end))


def _listed_bases(match: str, body_from: int, preamble_end: int,
                  taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A dash list of citations in the preamble whose heading ("Căn cứ:") was lost: two or more
    lines in a row, each opening with a type word, not under a heading of their own (a line ending
    on ":") and not inside a basis clause already read."""
    out: list[tuple[int, int]] = []
    for run in _dash_runs(match, body_from, preamble_end, 2):
        if any(_inside(s, taken) for s in run):
            continue
        before = match[body_from:run[0][0]].rstrip()
        if before.endswith(":"):
            continue
        out += run
    return out


def _dash_runs(match: str, start: int, end: int, least: int) -> Iterator[list[tuple[int, int]]]:
    """Runs of at least ``least`` consecutive dash lines (blank lines between allowed) that each open
    with a capitalised type word, as the spans of their lines."""
    run: list[tuple[int, int]] = []
    for dm in finditer_at_line_start(DASH_LINE_RE, match, start, end):  # (?m)^ would try every position
        nl = match.find("\n", dm.end(), end)
        line_end = end if nl < 0 else nl
        tm = TYPE_RE.match(match, dm.end(), line_end)
        cited = bool(tm) and tm.group("type")[0].isupper() and not tm.group("type").isupper()
        if run and (not cited or match[run[-1][1]:dm.start()].strip()):
            if len(run) >= least:
                yield run
            run = []
        if cited:
            run.append((dm.start(), line_end))
    if len(run) >= least:
        yield run


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] < e for s, e in spans)


def _lines(match: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``."""
    pos = start
    while pos < end:
        nl = match.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1

