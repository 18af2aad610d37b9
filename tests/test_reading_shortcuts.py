"""The reader's cheap checks before its patterns give what the plain forms they stand for give: the first
words of the list of law names before that list's long pattern, the spaces before a clause word before
the named-type pattern, a colon at a line's end before the "căn cứ:" sentence search, a joint number's
codes read without a pattern per code, a number's type looked at before the title is searched, and a
relation word's pattern tried only on the words before a document that hold it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from graph.reading.documents import header, law_names, numbering, preamble, subjects
from graph.reading.documents.header import LINE_HEADING, _heading_type
from graph.reading.documents.numbering import NUMBER, clean_number, number_codes, type_from_number
from graph.reading.documents.patterns import TYPE_RE, compile_pattern
from graph.reading.documents.refdata import doc_types, grammar, issuer_by_code, type_by_code
from graph.reading.prepare import prepare
from graph.text import fold

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"

LAW_EDGES = ("Căn cứ Luật Chuyển đổi số ngày 11/12/2025; LUẬT  ĐẦU TƯ THEO PHƯƠNG THỨC ĐỐI TÁC CÔNG TƯ; "
             "luật phòng chống tác hại của thuốc lá; Pháp lệnh\tDân số; Luật Đất đai; Luật Phòng, chống "
             "tác hại của rượu, bia; Luật Tần; Luật\n Chuyển đổi số; Luật Dân số.")
CLAUSE_EDGES = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở;\nCăn cứ Luật \nThi hành án dân sự;\nLuật\tTriển khai;"
                "\nPháp lệnh Thực hiện dân chủ;\nThực hiện Nghị quyết; LuậtThực hiện; Luật \t\nThực hiện")
SENTENCE_EDGES = ("Hội đồng nhân dân xã Gia Hanh căn cứ:\n- Luật Tổ chức chính quyền địa phương;\n"
                  "Căn cứ vào các văn bản sau đây :  \n- Nghị định số 1/2020/NĐ-CP;\ncăn cứ: x\n")
NUMBER_EDGES = ["72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN", "01/2017/TTLT-VKSNDTC-TANDTC-BCA-BQP",
                "12/2005/TTLT-BTC-BNV", "80/2015/QH13", "47/2020/NĐ-CP", "05-NQ/TW", "2290/BTTTT-KHTC",
                "12/UBTVQH15", "3/QH", "7/ABC", "15", "9/XYZ-QH14", "4/KH-UBND-VP"]


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    texts = [prepare(p.read_bytes(), p.name).match for p in sorted(CORPUS.glob("*.txt"))]
    return (*texts, LAW_EDGES, CLAUSE_EDGES, SENTENCE_EDGES)


def test_law_name_starts_rule_out_only_places_where_no_listed_name_is():
    full, tried, ruled_out = law_names.known_law_names(), 0, 0
    for text in _texts():
        for at in [m.start() for m in TYPE_RE.finditer(text)] + list(range(0, len(text), 7)):
            for limit in (len(text), min(len(text), at + 12)):
                plain = full.match(text, at, limit) is not None
                tried += 1
                ruled_out += not law_names.may_open_known_law_name(text, at, limit)
                assert plain <= law_names.may_open_known_law_name(text, at, limit), text[at:at + 60]
    assert ruled_out > tried // 2  # the check does rule out places
    assert law_names.may_open_known_law_name("Luật Chuyển đổi số", 0, 18)
    assert not law_names.may_open_known_law_name("Luật Đất đai", 0, 12)


def test_named_type_before_a_clause_word_is_what_the_pattern_says():
    plain_re, seen = preamble._named_type_end_re(), set()
    for text in _texts():
        for at in range(len(text) + 1):
            plain = plain_re.search(text, max(0, at - 16), at) is not None
            assert preamble._named_type_before(text, at) == plain, text[max(0, at - 20):at + 10]
            seen.add(plain)
    assert seen == {True, False}


def test_the_basis_sentence_is_searched_only_where_a_colon_ends_a_line():
    found = 0
    for text in _texts():
        for pos in range(0, len(text), 11):
            for stop in (len(text), min(len(text), pos + 300)):
                if preamble.SENTENCE_BASIS_RE.search(text, pos, stop) is not None:
                    found += 1
                    assert preamble._COLON_AT_LINE_END_RE.search(text, pos, stop) is not None
    assert found


def _plain_joint_bodies(number: str) -> tuple:
    by_code, by_type = issuer_by_code(), type_by_code()
    bodies: list = []
    for code in number_codes(number):
        up = code.upper()
        if up in by_type and up not in by_code:
            continue
        body = by_code.get(up) or by_code.get(re.sub(r"\d+$", "", up))
        if body is None:
            return ()
        if body not in bodies:
            bodies.append(body)
    return tuple(bodies) if len(bodies) >= 2 else ()


def _plain_type_from_number(number: str) -> str | None:
    by_code, codes = type_by_code(), number_codes(number)
    for code in codes:
        if code.upper() in by_code:
            return by_code[code.upper()]
    if codes and any(re.fullmatch(rf"{c}\d*", codes[-1]) for c in doc_types()["law_codes"]):
        return "Luật"
    return doc_types()["letter_type"] if codes else None


def _numbers() -> list[str]:
    found = {clean_number(m.group()) for t in _texts() for m in compile_pattern(NUMBER).finditer(t)}
    return sorted(found | set(NUMBER_EDGES))


def test_joint_bodies_and_type_from_number_are_their_plain_forms():
    numbers = _numbers()
    assert len(numbers) > 50
    joint = 0
    for number in numbers:
        assert numbering.joint_bodies.__wrapped__(number) == _plain_joint_bodies(number), number
        assert type_from_number.__wrapped__(number) == _plain_type_from_number(number), number
        joint += bool(_plain_joint_bodies(number))
    assert joint >= 3


def _plain_names_another(match: str, pos: int, at: int, number: str | None) -> bool:
    if not number:
        return False
    pos = min(pos, at)
    own = LINE_HEADING.search(match, pos, at)
    if own is None and not match[max(pos, match.rfind("\n", pos, at) + 1):at].strip(" \t|"):
        return False
    named = None
    for word in header._TYPE_WORD_RE.finditer(match, max(own.end() if own else pos, at - 300), at):
        named = word
    by_number = type_from_number(clean_number(number))
    if named is None or by_number in (None, doc_types()["letter_type"]):
        return False
    if by_number in (_heading_type(named.group()), _heading_type("Luật")):
        return True
    return own is not None and by_number != _heading_type(own.group("heading"))


@pytest.mark.parametrize("extra", ["", "KẾ HOẠCH\nTriển khai thi hành Luật Đất đai số 31/2024/QH15\n"
                                       "(Kèm theo Quyết định Số 12/QĐ-UBND)\n"])
def test_names_another_looks_at_the_number_first_and_says_the_same(extra):
    seen = set()
    for text in _texts():
        text = extra + text
        for m in re.finditer(r"(?i)số[ \t:]{0,3}(?P<number>" + NUMBER + ")", text):
            for pos in (0, max(0, m.start() - 200)):
                got = header.names_another(text, pos, m.start(), m.group("number"))
                assert got == _plain_names_another(text, pos, m.start(), m.group("number")), m.group()
                seen.add(got)
    assert True in seen or not extra


def _plain_relation_of_tail(tail: str) -> str:
    tail = fold(tail)
    found = [(m.start(), m.end(), relation)
             for relation, words in grammar()["relations"] for w in words
             for m in re.finditer(rf"\b{re.escape(fold(w))}\b", tail)]
    if not found:
        return "mentions"
    start, _, relation = max(found, key=subjects._nearest)
    same_phrase = subjects._SAME_PHRASE_RE
    while joined := [f for f in found if f[1] <= start and same_phrase.fullmatch(tail, f[1], start)]:
        start, _, relation = max(joined, key=subjects._nearest)
    return relation


def test_relation_words_are_tried_only_on_tails_that_hold_them():
    edges = "Căn cứ Thông tư hướng dẫn thi hành Nghị định; sửa đổi, bổ sung một số điều và quy định chi tiết "
    seen = set()
    for text in (*_texts(), edges * 3):
        for b in range(0, len(text), 5):
            tail = text[max(0, b - 90):b]
            got = subjects._relation_of_tail.__wrapped__(tail)
            assert got == _plain_relation_of_tail(tail), tail
            seen.add(got)
    assert len(seen) >= 3
