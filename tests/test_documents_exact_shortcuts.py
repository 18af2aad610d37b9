"""Shortcuts that give what the plain computation gives: the issuer forms matched in one regex step name
the form that the forms tried one by one, most specific first, find at that place, with the same span;
a number's spaces are removed as ``\\s`` finds them; a heading's similarity to a subject that only goes
on from it is difflib's ratio."""

from __future__ import annotations

import difflib
import random
import re

import pytest
from sample_texts import texts_with_dev

from graph.reading.documents import refdata
from graph.reading.documents.attachment import similarity
from graph.reading.documents.numbering import clean_number, number_key
from graph.text import nfc, unify_tones

EDGES = [
    "của Ủy ban nhân dân tỉnh Bình Dương, của UBND TP. Hà Nội, của HĐND thành phố, THƯỜNG TRỰC HĐND TỈNH,"
    " Chủ tịch Ủy ban nhân dân tỉnh, VP UBND tỉnh, Văn phòng  Ủy ban nhân dân tỉnh; Ban Thường vụ Tỉnh ủy",
    "của Bộ Văn hóa, Thể thao và Du lịch; Bộ Lao động - Thương binh và Xã hội; Bộ TT&TT; BỘ TÀI CHÍNHX;"
    " Thủ tướng Chính phủ, Thủ tướngx, Chính phủ\n, Quốc hội, Quốc\nhội, Đại hội đại biểu Đảng bộ tỉnh lần",
    "Ban Chấp hành Trung ương Đảng, Trung ương, Bộ Chính trị, Ngân hàng Nhà nước Việt Nam, ủy ban dân tộc",
]


def _texts() -> list[str]:
    return texts_with_dev(EDGES)


def _first_form(text: str, pos: int, limit: int) -> tuple[tuple[int, int], refdata.Issuer] | None:
    """The forms tried one by one, most specific first: the first that matches at ``pos``."""
    for pattern, issuer in refdata.issuer_forms():
        m = pattern.match(text, pos, limit)
        if m is not None:
            return m.span(), issuer
    return None


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_an_issuer_is_matched_as_its_forms_tried_one_by_one_match_it(text: str) -> None:
    rnd = random.Random(7)
    # every place a word starts (a form opens with a letter), and some places inside words
    places = [k for k in range(len(text)) if text[k].isalpha() and (k == 0 or not text[k - 1].isalpha())]
    places += [rnd.randrange(len(text)) for _ in range(100)] if text else []
    found = 0
    for pos in places:
        for limit in (len(text), min(len(text), pos + rnd.randrange(3, 40))):
            hit = refdata.match_issuer(text, pos, limit)
            expected = _first_form(text, pos, limit)
            assert (None if hit is None else (hit[0].span(), hit[1])) == expected, (pos, limit)
            found += hit is not None
    if text in [unify_tones(nfc(e)) for e in EDGES]:
        assert found


def test_the_edge_cases_name_the_most_specific_form() -> None:
    text = unify_tones(nfc(EDGES[0]))
    im, issuer = refdata.match_issuer(text, text.index("Chủ tịch"), len(text))
    assert im.group() == unify_tones("Chủ tịch Ủy ban nhân dân tỉnh") and issuer.local
    text = unify_tones(nfc(EDGES[1]))
    assert refdata.match_issuer(text, text.index("BỘ TÀI CHÍNHX"), len(text)) is None
    im, issuer = refdata.match_issuer(text, text.index("Thủ tướng Chính"), len(text))
    assert im.group() == "Thủ tướng Chính phủ" and not issuer.local


_SPACES = ["", " ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "\u200b", "\ufeff", " \t\n "]


def test_a_number_loses_the_spaces_the_pattern_finds() -> None:
    """``str.split`` and ``\\s`` agree on every character: what is removed is what ``\\s+`` removes."""
    numbers = ["58 /KH-UBND", "47/2020/NĐ-CP", "318/QĐ – UBND", "12a/NQ-CP", "x"]
    for number in numbers:
        for space in _SPACES:
            raw = number.replace(" ", space) + space
            assert clean_number(raw) == re.sub(r"\s+", "", raw).replace("–", "-")
            assert number_key(raw) == re.sub(r"\s+", "", raw).replace("–", "-").lower()
    assert all(len(f"a{chr(c)}b".split()) == 1 + bool(re.fullmatch(r"\s", chr(c))) for c in range(0x3100))


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_a_similarity_is_difflibs_ratio(text: str) -> None:
    """Lines of the text against themselves, their extensions (the next line, cut as the reader cuts a
    subject), their prefixes and other lines; the shortcut is taken for some of them."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:60]
    rnd = random.Random(11)
    taken = 0
    for k, a in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        for b in (a, (a + " " + nxt)[:len(a) + 8], a[:len(a) // 2], nxt, rnd.choice(lines)):
            assert similarity(a, b) == difflib.SequenceMatcher(None, a, b).ratio(), (a, b)
            taken += b.startswith(a)
    assert taken or not lines


def test_a_similarity_is_difflibs_ratio_at_the_edges() -> None:
    """Empty strings, and texts past 200 characters, where difflib takes a frequent character for junk
    when it looks for a block: made only of frequent characters, or repeating themselves."""
    cases = [("", ""), ("", "a"), ("a", ""), ("ab", "ab"), ("ab", "abc"), ("abc", "ab")]
    for n in (190, 199, 200, 201, 250, 900):
        a = ("ke hoach ve " * 80)[:n - 8]
        cases += [(a, a + "x" * 8), (a, (a + "aaaaaaaa")[:n]), (a, a), (a[:n - 9], a), (a, a + a),
                  ("e" * n, "e" * (n + 5)), ("AB" + "e" * n, "AB" + "e" * n + "ABC"), (a + "q", a + "r")]
    for a, b in cases:
        assert similarity(a, b) == difflib.SequenceMatcher(None, a, b).ratio(), (len(a), len(b))
