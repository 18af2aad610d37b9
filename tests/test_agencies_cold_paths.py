"""The agency readers give, on a first call, what the slower reading they replace gives: a list cut by the
separator pattern led by its characters against ``re.split`` with the pattern led by ``\\s*``; the plain
words (UBND, VP, TP ...) looked for only when the lower-cased text holds one; the keys, words, upper-case
test and fixed patterns tried only where the literal they need is. Compared on every line of the samples
and dev documents, pieces of them from each agency's first word, and edge cases (case, diacritics,
look-alike letters)."""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from sample_texts import texts_with_dev

from graph.reading.documents import agencies
from graph.reading.text.folding import quick_fold
from graph.text import nfc

EDGES = [
    "Sở TT&TT, Sở KH&ĐT; VP.UBND tỉnh và UBND các huyện, TP.Cà Mau & Tỉnh đoàn",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG; ỦY BAN NHÂN DÂN TỈNH, HỘI ĐỒNG NHÂN DÂN TỈNH và BCĐ",
    "Uỷ ban nhân dân huyện, Ủy Ban Nhân Dân xã; ủy  ban\tnhân\u00a0dân tỉnh; Hội  đồng nhân dân",
    "HỘİ ĐỒNG NHÂN DÂN; hộı đồng nhân dân; ſở Tư pháp; ſỞ: Tư pháp, Tài chính; KCN và KKT (Kelvin)",
    "vp UBND, Tp Huế, tx. Sơn Tây, TT. Phong Điền, cntt, tt&tt, bcđ, BCD, Bql, pvhcc, xVP, VPx, _TP, TP_",
    "Giám đốc các Sở: Tư pháp, Tài chính; Chủ tịch UBND các huyện, thành phố; các Bộ Công an và Quốc phòng",
    "Sở Nội vụ,Sở Tài chính;Tỉnh đoàn&Công an tỉnh ,  và  Sở Y tế xvà Sở Xây dựng vàSở Du lịch ;; ,",
    "và Sở Y tế,à Sở Tài chính; Sở A &à Bộ B; ;à Sở C, vàà Sở D; Vvà Sở E; _và Sở F; 1và Sở G; .và Sở H",
    "Sở Thông tin và Truyền thông (TTTT); Sở Y tế (SYT; Trung tâm PVHCC (tỉnh); Báo (Đài) ( X )",
    "VP.Ủy ban nhân dân, A.B. C.D 1.2 x.1 Đ.Sở; UBND huyện, thành phố; UBND quận,; UBND thị xã, x",
    "ＶＰ ＵＢＮＤ; ＴＰ. Hà Nội; Ⓐ Ⓑ Ⓒ ⒹⒺ; Ⅻ SỞ; ǅ ǈ; ÀÁÂ sở; ß ẞ; K K",
]


def _names() -> list[str]:
    """Every line and clause, and the words from each agency's first word (a head title, a body's
    first word or an abbreviation) to the end of its clause, as written, upper-cased and lower-cased."""
    data = agencies._data()
    firsts = sorted({*data["starts"], *data["heads"], *data["words"]}, key=len, reverse=True)
    first_re = re.compile("|".join(map(re.escape, firsts)), re.IGNORECASE)
    out: set[str] = set()
    for text in texts_with_dev(EDGES):
        for line in text.split("\n"):
            pieces = [line, *re.split(r"[;:.]", line)]
            for m in first_re.finditer(line):
                rest = line[m.start():]
                pieces += [rest, re.split(r"[;:()]", rest)[0], " ".join(rest.split()[:12])]
            for piece in pieces:
                out.update((piece, piece.upper(), piece.lower()))
    return sorted(out)


@lru_cache(maxsize=1)
def _separator_before() -> re.Pattern:
    """The separator pattern as before, led by ``\\s*``."""
    data = agencies._data()
    alts = "|".join(re.escape(s) for s in sorted(data["starts"], key=len, reverse=True))
    heads = "|".join(re.escape(h) for h in sorted(data["heads"], key=len, reverse=True))
    return re.compile(rf"\s*;\s*|\s*(?:,|\bvà\b|&)\s*(?=(?:{heads}|{alts})(?![\w]))")


def _split_before(text: str) -> list[str]:
    """The list cut as before: ``re.split`` with the separator pattern led by ``\\s*``."""
    return _separator_before().split(text)


def _key_before(name: str) -> str:
    text = quick_fold(name).replace("&", " va ")
    text = re.sub(r"\buy ban nhan dan\b", "ubnd", text)
    text = re.sub(r"\bhoi dong nhan dan\b", "hdnd", text)
    return re.sub(r"[^a-z0-9]+", "", text)


def _words_before(name: str) -> str:
    data = agencies._data()["words"]
    pats = agencies._patterns()
    name = pats["dotted"].sub(lambda m: agencies._lookup_words(data, m.group(1)) + " ", name)
    plain = {k: v for k, v in data.items() if not k.endswith(".")}
    return pats["plain"].sub(lambda m: agencies._lookup_words(plain, m.group(0)), name)


def _is_upper_before(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def test_the_fast_pieces_read_every_name_as_before() -> None:
    names = _names()
    assert len(names) > 5000
    plain = agencies._patterns()["plain"]
    cut = held = 0
    for name in names:
        text = nfc(" ".join(name.split())).strip(agencies._STRIP)
        assert agencies._cut_list(text) == _split_before(text), text
        assert agencies._cut_list(name) == _split_before(name), name
        cut += len(agencies._cut_list(text)) > 1
        assert agencies.name_key.__wrapped__(name) == _key_before(name), name
        assert agencies._expand_words(name) == _words_before(name), name
        if plain.search(name):
            assert agencies._may_hold_plain(name), name
            held += 1
        assert agencies._is_upper(name) == _is_upper_before(name), name
        # the fixed patterns need the literal checked before them
        assert "(" in name or not agencies._BRACKET_RE.search(name)
        assert "." in name or not agencies._DOT_RE.search(name)
        assert name.startswith("UBND ") or not agencies._EVERY_DISTRICT_RE.search(name)
    assert cut > 100 and held > 100


def test_members_of_a_kind_are_those_read_before() -> None:
    for kind in ("Sở", "Bộ", "Ban", "Cục"):
        bodies = [b[len(kind) + 1:] for b in agencies._data()["bodies"] if b.startswith(kind + " ")]
        expected = sorted(((quick_fold(b), b) for b in bodies), key=lambda kb: len(kb[0]), reverse=True)
        assert agencies._members(kind) == expected


def test_edges_read_as_named() -> None:
    assert agencies.split_agencies("Sở Nội vụ,Sở Tài chính;Tỉnh đoàn&Công an tỉnh") == [
        "Sở Nội vụ", "Sở Tài chính", "Tỉnh đoàn", "Công an tỉnh"]
    assert agencies._cut_list("Sở A  xvà Sở B và  Sở C ; D") == ["Sở A  xvà Sở B", "Sở C", "D"]
    assert agencies.expand_agency.__wrapped__("VP.UBND tỉnh (VP)") == "Văn phòng UBND tỉnh"
    assert agencies.expand_agency.__wrapped__("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG") == "UBND tỉnh Kiên Giang"
    assert not agencies._may_hold_plain("Sở Tư pháp tỉnh Bắc Ninh")
    assert agencies._may_hold_plain("HỘİ ĐỒNG NHÂN DÂN") and agencies._may_hold_plain("KCN")


def test_lower_casing_reads_each_letter_of_the_plain_words_as_ignoring_case() -> None:
    """Every character lower-cased is the letter of the plain words it matches ignoring case (but those
    of ``_CASE_APART``, which are read by the pattern ignoring case), and keeps its \\s."""
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    by_lower: dict[str, set[str]] = {}
    for ch in chars:
        by_lower.setdefault(ch.lower(), set()).add(ch)
    apart = set(agencies._CASE_APART)
    letters = {ch for w in agencies._plain_words() for ch in w if not ch.isspace()}  # and &
    assert letters >= set("ỦyHộiđồngnhâdVPTXCBĐQLK&")
    for letter in letters:
        low = letter.lower()
        ignoring = {m.group() for m in re.finditer(re.escape(letter), chars, re.IGNORECASE)}
        assert ignoring - apart == by_lower[low] - apart, letter
    same_length = "".join(ch for ch in chars if len(ch.lower()) == 1)
    lowered = "".join(ch.lower() for ch in same_length)
    spaces = re.compile(r"\s")
    assert [m.start() for m in spaces.finditer(same_length)] == [m.start() for m in spaces.finditer(lowered)]
    assert [ch for ch in chars if len(ch.lower()) != 1] == ["İ"]
