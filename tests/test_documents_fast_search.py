"""The fast searches of the document reader give exactly the matches of the patterns they stand for,
on the sample corpus (many windows of each text) and on the edge cases of each shortcut: a word or line
start just before the window, a title inside a longer title, a letter glued before a word."""

from __future__ import annotations

import random
import re

import pytest
from sample_texts import random_windows, sample_texts

from graph.reading.documents import header, patterns, preamble, signature
from graph.reading.documents.patterns import WORD_START, compile_pattern

EDGES = [
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\nXCHỦ TỊCH Trần Bình\nTỔNG BÍ THƯ\nLê Văn Ba",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐẢNG CỘNG SẢN VIỆT NAM\nCỘNG SẢN",
    "Long An, ngày 15 tháng 3 năm 2018\nHà\nNội, Ngày 2 tháng 1 năm 2020, x, ngày 1",
    "5Quyết định số 12/QĐ-UBND; aLuật Đất đai; theo Nghị định số 3 và nghị định 4/2020/NĐ-CP",
    "Căn cứ Luật A;\nxCăn cứ B\nCĂN CỨ Luật C\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành\nxĐiều 1.",
    "I. CĂN CỨ PHÁP LÝ\nII. Phần I\n  PHẦN I\nCăn cứ pháp lý:\n1. Căn cứ xây dựng\nCHỈ THỊ :",
    "số 12 Số: 3 SỐ 4/QĐ số\n5 xsố 6 Số\n7 số:8 ố 9",
    "Xét đề nghị; thực hiện Luật A;thi hành x; xXét; Thực hiện\nTriển khai",
]


def _texts() -> list[str]:
    return sample_texts(EDGES)


def _windows(text: str, n: int = 60, seed: int = 7) -> list[tuple[int, int]]:
    rnd = random.Random(seed)
    out = random_windows(text, rnd, n, (5, 40, 400, 3000))
    # line starts and the places just after them
    breaks = [m.end() for m in re.finditer("\n", text)]
    for at in rnd.sample(breaks, min(20, len(breaks))):
        out += [(at, min(len(text), at + 2000)), (at + 1, min(len(text), at + 2000))]
    return out


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m is not None else None


def _assert_same(fast: re.Match[str] | None, slow: re.Match[str] | None) -> None:
    """The same match: span and every named group."""
    assert _span(fast) == _span(slow)
    if slow is not None:
        assert fast.groupdict() == slow.groupdict()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_motto_search(texts):
    for text in texts:
        mottos = [m.span() for m in header.MOTTO_RE.finditer(text)]
        assert [m.span() for m in header.iter_mottos(text)] == mottos
        for a, b in _windows(text):
            assert _span(header.search_motto(text, a, b)) == _span(header.MOTTO_RE.search(text, a, b))


def test_place_date_search(texts):
    for text in texts:
        for a, b in _windows(text):
            _assert_same(header._search_place_date(text, a, b), header.PLACE_DATE_RE.search(text, a, b))


def test_signer_search(texts):
    for text in texts:
        for a, b in _windows(text):
            _assert_same(signature.search_signer(text, a, b), signature.SIGNER_RE.search(text, a, b))


def test_type_word_search(texts):
    for text in texts:
        for a, b in _windows(text):
            slow = list(patterns.TYPE_RE.finditer(text, a, b))
            assert _span(patterns.search_type_word(text, a, b)) == _span(slow[0] if slow else None)
            assert _span(patterns.last_type_word(text, a, b)) == _span(slow[-1] if slow else None)


def test_so_iteration(texts):
    for text in texts:
        for a, b in _windows(text):
            assert [m.span() for m in patterns.finditer_so(text, a, b)] == [
                m.span() for m in patterns.SO_RE.finditer(text, a, b)]


def test_word_start_and_line_start_iteration(texts):
    clause = compile_pattern(WORD_START + preamble.BASIS_CLAUSE_RE.pattern)
    for text in texts:
        for a, b in _windows(text, n=30):
            fast = [m.span() for m in patterns.finditer_at_word_start(preamble.BASIS_CLAUSE_RE, text, a, b)]
            assert fast == [m.span() for m in clause.finditer(text, a, b)]
            fast_sections = list(patterns.finditer_at_line_start(preamble.BASIS_SECTION_RE, text, a, b))
            slow_sections = list(preamble.BASIS_SECTION_RE.finditer(text, a, b))
            assert [(m.span(), m.groupdict()) for m in fast_sections] == [
                (m.span(), m.groupdict()) for m in slow_sections]


def test_operative_search(texts):
    for text in texts:
        for a, b in _windows(text):
            slow = preamble.OPERATIVE_RE.search(text, a, b)
            assert preamble.search_operative(text, a, b) == (slow.start() if slow else None)


def test_clause_start_search(texts):
    for text in texts:
        for a, b in _windows(text):
            slow = preamble.CLAUSE_START_RE.search(text, a, b)
            assert preamble.search_clause_start(text, a, b) == (slow.start() if slow else None)


def test_line_start_iteration_wants_a_line_start_pattern():
    with pytest.raises(ValueError):
        list(patterns.finditer_at_line_start(re.compile("x"), "x", 0, 1))
