"""Shortcuts of the document readers give what the plain code gives: the proposals made by a
paper are found where PROPOSAL_BY_REPORT_RE finds them (its second alternative only searched where "Tờ"
stands), the dash lines where DASH_LINE_RE finds them (from the line breaks), what a decision issues where
ISSUED_RE finds it (its word start checked in code), an old heading's number and date where
HEADING_IDENTITY_RE finds them (behind a look-ahead at their first letter), a type heading where
LINE_HEADING_RE finds it (from the line breaks), an authority in a flattened header where the authority
pattern without its line start finds it, and citations named twice
are completed as when every mention is compared (a text naming each document once has nothing to
complete). Read on the samples, the development documents (when beside the repository) and edge cases."""

from __future__ import annotations

import copy
import random
import re

import pytest
from sample_texts import random_windows, texts_with_dev

from graph.reading.documents import attachment, completion, header, preamble, proposals, title
from graph.reading.documents.citations import CitationReader
from graph.reading.documents.completion import _group, same_document
from graph.reading.documents.patterns import finditer_at_line_start, finditer_at_word_start
from graph.text import unify_tones

#: a document named twice in the bases, its date given once and its subject once
NAMED_TWICE = (
    "Căn cứ Nghị định số 1/2020/NĐ-CP ngày 1/1/2020 của Chính phủ về quản lý x và Nghị định số 2/2021/NĐ-CP "
    "sửa đổi, bổ sung một số điều của Nghị định số 1/2020/NĐ-CP; Căn cứ Luật Đất đai ngày 29/11/2013; "
    "Căn cứ Luật Đất đai số 45/2013/QH13; Căn cứ Thông tư số 3/TT-BTC về y; Căn cứ Thông tư số 3/TT-BTC "
    "ngày 2/2/2019"
)
EDGES = [
    "thảo luận Tờ trình của Ban Thường vụ Tỉnh ủy; xem xét  Tờ\ntrình số 5/TTr-UBND; Xét Báo cáo số 3/BC-SNV",
    "XÉT Công văn số 7/CV-STC; xem xét Tờ", "thảo luận\nTờ trình", "thảo luận Tờtrình; Xét\tTờ trình",
    "Sau khi xem xét tờ trình số 40/TTr.UB; Trên cơ sở xem xét Đề án kèm theo Tờ trình số 3/TTr-UBND; "
    "xem xét tờ",
    "Căn cứ:\n- Luật Đất đai ngày 29/11/2013;\n\n  – Nghị định số 43/2014/NĐ-CP;\n-\n•Quyết định số 1/QĐ-UBND"
    "\n-",
    "- Nghị định số 1/2020/NĐ-CP\n+ Thông tư số 2/2020/TT-BTC\n\t-  Luật Đầu tư\n-x\n",
    NAMED_TWICE,
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cổng thông tin điện tử;\nxban hành Quy chế "
    "abcdefghijkl;\nBAN HÀNH QUY CHẾ QUẢN LÝ HOẠT ĐỘNG;\nđề nghị phê duyệt “Đề án chuyển đổi số tỉnh”\n"
    "ban hành Quy định x\nban hành Quy chế ngắn",
    "QUYẾT ĐỊNH\nCỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 168/TTg NGÀY 22 THÁNG 3 NĂM 1996\nSố: 12/QĐ-UBND ngày 3/5/2012;"
    " xSỐ 5/CP NGÀY 1/1/1999; a12/QĐ ngày 1/1/2001; Số ٣/QĐ-UBND ngày 3/5/2012; 7/KH-UBND , ngày 9/9/2019",
    "KẾ HOẠCH\n | QUYẾT ĐỊNH:\n\t*LUẬT\nxQUYẾT ĐỊNH\n  QUYẾT ĐỊNH QUY CHẾ x\nQUY CHẾ\n| | * NGHỊ QUYẾTx"
    "\nCHỈ THỊ",
    "ĐẾN NĂM 2025 CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X; CHỦ TỊCH ỦY BAN NHÂN; CHỦ TỊCH HỘI ĐỒNG NHÂN DÂN XÃ Y; "
    "HỘI ĐỒNG NHÂN DÂN THỊ TRẤN Z CHÍNH PHỦ |\nBỘ TRƯỞNG BỘ X GIÁM ĐỐC SỞ BAN THƯỜNG VỤ QUỐC HỘI\n"
    "THỦ TƯỚNG CHÍNH PHỦ Căn cứ ( Ban hành kèm theo (Kèm theo CHỦ TỊCH CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN",
]


TEXTS = texts_with_dev(EDGES)


def _windows(text: str, seed: int) -> list[tuple[int, int]]:
    """Random ranges, each line to 900 characters on, and ranges ending just inside and after each "Tờ"."""
    to, small = unify_tones("Tờ"), unify_tones("tờ")
    breaks = [k for k, c in enumerate(text) if c == "\n"][:200]
    tos = [k for k in range(len(text)) if text.startswith((to, small), k)][:50]
    return [*random_windows(text, random.Random(seed), 40, (1, 10, 100, 800)),
            *((k + 1, min(len(text), k + 900)) for k in breaks),
            *((max(0, k - 30), min(len(text), k + n)) for k in tos for n in (1, 2, 12))]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_proposals_by_a_paper_are_found_where_the_pattern_finds_them(text: str) -> None:
    for a, b in _windows(text, 4):
        got = [(m.span(), m.group()) for m in proposals._by_report(text, a, b)]
        assert got == [(m.span(), m.group()) for m in proposals.PROPOSAL_BY_REPORT_RE.finditer(text, a, b)]


def test_the_paper_word_is_written_as_the_pattern_writes_it() -> None:
    assert proposals._TO in proposals.PROPOSAL_BY_REPORT_RE.pattern
    assert proposals._TO_SMALL in proposals.PROPOSAL_BY_REPORT_RE.pattern
    found = [m.group() for m in proposals._by_report(unify_tones(EDGES[0]), 0, len(EDGES[0]))]
    assert [f.split()[0] for f in found] == ["thảo", "xem", "Xét"]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_dash_lines_are_found_where_the_pattern_finds_them(text: str) -> None:
    for a, b in _windows(text, 6):
        got = [m.span() for m in finditer_at_line_start(preamble.DASH_LINE_RE, text, a, b)]
        assert got == [m.span() for m in preamble.DASH_LINE_RE.finditer(text, a, b)]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_what_a_decision_issues_is_found_where_the_pattern_finds_it(text: str) -> None:
    for a, b in _windows(text, 8):
        got = [(m.span(), m.group("type"), m.group("subject"))
               for m in finditer_at_word_start(attachment._ISSUED_SCAN_RE, text, a, b)]
        assert got == [(m.span(), m.group("type"), m.group("subject"))
                       for m in attachment.ISSUED_RE.finditer(text, a, b)]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_a_heading_identity_is_found_where_the_pattern_finds_it(text: str) -> None:
    def found(m):
        return m and (m.span(), m.group("number"), m.group("date"))

    for a, b in _windows(text, 10):
        got = found(header._HEADING_IDENTITY_SCAN_RE.search(text, a, b))
        assert got == found(title.HEADING_IDENTITY_RE.search(text, a, b))


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_a_type_heading_is_found_where_the_pattern_finds_it(text: str) -> None:
    for a, b in _windows(text, 12):
        got, expected = header.LINE_HEADING.search(text, a, b), header.LINE_HEADING_RE.search(text, a, b)
        assert (got and (got.span(), got["heading"])) == (expected and (expected.span(), expected["heading"]))


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_an_authority_in_a_flattened_header_is_found_where_the_pattern_finds_it(text: str) -> None:
    plain = re.compile(title.AUTHORITY_RE.pattern.replace(title.LINE_START, "", 1))
    for a, b in _windows(text, 14):
        got = [m.span() for m in title.FLAT_AUTHORITY_RE.finditer(text, a, b)]
        assert got == [m.span() for m in plain.finditer(text, a, b)]


def _complete_plain(cited: list) -> None:
    """complete_from_mentions as written before its shortcut: every mention looked at."""
    mentions = [m for c in cited for m in c.walk()]
    groups: dict[tuple, list] = {}
    for c in mentions:
        groups.setdefault(_group(c), []).append(c)
    titled = {key: sum(1 for c in group if c.title) for key, group in groups.items()}
    dated = {key: sum(1 for c in group if c.date) for key, group in groups.items()}
    stated = {key: sum(1 for c in group if c.spans.get("issuer")) for key, group in groups.items()}
    for c in mentions:
        key = _group(c)
        wants_issuer = bool(stated[key]) and not c.spans.get("issuer")
        if (c.title or not titled[key]) and (c.date or not dated[key]) and not wants_issuer:
            continue
        for other in groups[key]:
            if other is not c and same_document(c, other):
                c.title = c.title or other.title
                c.date = c.date or other.date
                if wants_issuer and other.spans.get("issuer"):
                    c.issuer, c.level, c.province = other.issuer, other.level, other.province
                    wants_issuer = False
                if c.title and c.date and not wants_issuer:
                    break


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_mentions_are_completed_as_when_every_mention_is_compared(text: str) -> None:
    reader = CitationReader(text, text)
    rnd = random.Random(2)
    lists = [reader.scan(a, b) for a, b in random_windows(text, rnd, 30, (200, 2000, 20000))]
    for cited in lists:
        fast, plain = copy.deepcopy(cited), copy.deepcopy(cited)
        completion.complete_from_mentions(fast)
        _complete_plain(plain)
        assert repr(fast) == repr(plain)


def test_a_document_named_twice_is_completed() -> None:
    text = unify_tones(NAMED_TWICE)
    cited = CitationReader(text, text).scan(0, len(text))
    completion.complete_from_mentions(cited)
    inner = cited[0].children[0][0] if cited[0].children else None
    numbered = [m for c in cited for m in c.walk() if m.number == "1/2020/NĐ-CP"]
    assert len(numbered) >= 2 and all(m.date and m.title for m in numbered), (inner, numbered)
