"""The faster forms of the text preparation's scans read the same as their plain forms: on the samples, the
development documents (when they are beside the repository) and edge cases of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.reading.text import glyphs, legacy, spacing, words
from graph.reading.text.decode import decode
from graph.reading.text.layout import repair_layout
from graph.reading.text.words import CONSONANTS, HORN_O, known_word
from tests.sample_texts import sample_texts

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "docs"

SPACED = [
    "Q U Y Ế T  Đ Ị N H", "CỦA THỦ T ỚN G CHÍNH P HỦ NG À Y 22 THÁN G 3 N Ă M 1 99 6",
    "VỀ VI ỆC SẮP XẾP CÁC ĐƠN V Ị S Ự NGHI Ệ P TR ỰC THUỘC", "Thông t c ủa B ộ T ài h í n h S ố 886/1998",
    "Bộ tr ởng B ộ T ài ch ính quy ết đị nh", "n ớc ngoài đầu t t cách ng ời", "Ủ Y B A N  N H Â N  D Â N",
    "hoà thuỷ Hoà THUỶ ho à thu ỷ", "Σ Α Σ σς İ i̇ ß ẞ", "a b c d e g h i k l m n o p q r s t u v x y",
    "N Ă M 2 0 1 9 năm 1 9 9 6 năm 19 96 năm 3 0 0 0", "đ Đ ñ ð ư Ư ơ Ơ tr ng ng nh",
]


def _texts() -> list[str]:
    texts = sample_texts(SPACED)
    if DEV.is_dir():
        texts += [decode(p.read_bytes(), p.name)[0] for p in sorted(DEV.glob("*.txt"))]
    return texts


def _lines(text: str) -> list[list[tuple[int, int, str]]]:
    """Each line's tokens, as :func:`spacing.spaced_edits` gives them to ``_join_line``."""
    out = []
    start = 0
    for line in text.split("\n"):
        tokens = [(m.start() + start, m.end() + start, m.group()) for m in spacing._TOKEN.finditer(line)]
        if tokens:
            out.append(tokens)
        start += len(line) + 1
    return out


@pytest.mark.parametrize("horn", [False, True])
def test_letter_spaced_words_are_read_alike_with_and_without_pruning(horn):
    """Every line of every text (letter-spaced or not), the groups stopped at letters that begin no word
    or read to their end: the same edits and joined spans."""
    assert spacing._word_starts() is not None
    checked = 0
    for text in _texts():
        laid_out, _origin = repair_layout(text)
        for tokens in _lines(laid_out):
            for caps in (False, True):
                fast: list = []
                plain: list = []
                assert (spacing._join_line(laid_out, tokens, horn, caps, fast)
                        == spacing._join_line(laid_out, tokens, horn, caps, plain, prune=False)), tokens
                assert fast == plain
                checked += 1
    assert checked > 100


def test_word_starts_hold_every_known_word_and_its_form_without_u():
    starts = spacing._word_starts()
    assert {"nguyen", "ngu", "ngyen", "ngh"} <= starts  # "nguyên", and with its "ư"/"u" left out
    assert "qz" not in starts


def _horn_plain(w: str) -> str | None:
    """:func:`words.with_horn` letter by letter."""
    if all(c in CONSONANTS for c in w):
        new = w + ("Ư" if w.isupper() and len(w) > 1 else "ư")
    else:
        k = next((i for i, c in enumerate(w) if c in HORN_O), -1)
        if k <= 0 or not all(c in CONSONANTS for c in w[:k]):
            return None
        new = w[:k] + ("Ư" if w[k].isupper() else "ư") + w[k:]
    return new if known_word(new) else None


def _lost_u_plain(text: str) -> list:
    """:func:`glyphs.lost_u_edits` with the whole-word pattern and the letter-by-letter tests."""
    out = []
    for m in re.finditer(r"(?<![^\W\d_])[^\W\d_]+(?![^\W\d_])", text):
        w = m.group()
        if all(c in CONSONANTS for c in w):
            if (len(w) > 3 or known_word(w) or w.lower() == "đ"
                    or not glyphs._between_words(text, m.start(), m.end())):
                continue
            new, at = w + ("Ư" if w.isupper() and len(w) > 1 else "ư"), m.end()
        else:
            k = next((i for i, c in enumerate(w) if c in HORN_O), -1)
            if k <= 0 or not all(c in CONSONANTS for c in w[:k]) or known_word(w):
                continue
            new, at = w[:k] + ("Ư" if w[k].isupper() else "ư") + w[k:], m.start() + k
        if known_word(new):
            out.append((at, at, new[at - m.start()], True))
    return out


LOST_U = ["Bộ trởng Bộ Tài chính", "n ớc ngoài, đầu t t cách", "TR ỞNG PHÒNG, NGỜI KÝ", "ơ ờ Ơn trơ_ng 1nớc",
          "", "t", "Đ đ ng nh tr ớc", "x2ởng ởng bcdđghklmnpqrstvx"]


def _tcvn3_like() -> list[str]:
    """The texts, and the texts with their "ư" lost (as TCVN3 files lose it)."""
    texts = _texts() + LOST_U
    return texts + [t.replace("ư", "").replace("Ư", "") for t in texts]


def test_lost_u_is_found_alike_by_the_run_of_letters_and_the_whole_word_pattern():
    found = 0
    for text in _tcvn3_like():
        edits = glyphs.lost_u_edits(text)
        assert edits == _lost_u_plain(text)
        found += len(edits)
    assert found > 50


def test_horn_is_put_back_alike_by_the_patterns_and_letter_by_letter():
    tokens = {w for text in _tcvn3_like() for w in re.findall(r"\S+", text)}
    tokens |= {"", "t", "T", "tr", "TR", "ởng", "trởng", "TRởNG", "Trởng", "ngời", "bcd", "xơ1", "q_ơ"}
    assert sum(words.with_horn(w) is not None for w in tokens) > 20
    for w in tokens:
        assert words.with_horn(w) == _horn_plain(w), w
        assert words.consonants_only(w) == all(c in CONSONANTS for c in w), w


def _capitalise_plain(m: re.Match) -> str:
    """:func:`legacy._capitalise` letter by letter."""
    line = m.group()
    ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 10 and sum(1 for c in ascii_letters if c.isupper()) >= 0.9 * len(ascii_letters):
        return legacy._upper_toned(line)
    return legacy._WORD.sub(legacy._capitalise_word, line)


def _among_capitals_plain(text: str) -> str:
    """:func:`legacy._capitalise_among_capitals` letter by letter."""
    words = list(legacy._ANY_WORD.finditer(text))
    caps = [len(w.group()) > 1 and w.group().isupper() for w in words]
    out = []
    last = 0
    for k, w in enumerate(words):
        word = w.group()
        if caps[k] or not any(c.islower() and not c.isascii() for c in word):
            continue
        if any(c.islower() and c.isascii() for c in word):
            continue
        same_line = [j for j in (k - 1, k + 1) if 0 <= j < len(words) and "\n" not in
                     text[min(words[j].end(), w.end()):max(words[j].start(), w.start())]]
        both = 0 < k < len(words) - 1 and caps[k - 1] and caps[k + 1]
        same_line = [j for j in same_line
                     if text[min(words[j].end(), w.end()):max(words[j].start(), w.start())].isspace()]
        beside = bool(same_line) and all(caps[j] for j in same_line) and any(
            not words[j].group().isascii() for j in same_line)
        if both or beside:
            out.append(text[last:w.start()])
            out.append(word.upper())
            last = w.end()
    out.append(text[last:])
    return "".join(out)


TCVN3_EDGES = ["TØNH Cµ MAU", "QUYÕT §ÞNH VÒ VIÖC", "Tỉnh cà MAU x", "ABCDEFGHIJ klm",
               "ABCDEFGHIJKLMNOPQRSTu", "Ủy ban NHÂN dân", "TỈNH\nCà MAU", "ΣΑΣ ἀβγ ǅ ª ß", "a1Ỉb2 ỈỈ", "",
               "TỈNH Ìàz MAU", "ZZZZZZZZZZ tà"]


def _shown_in_tcvn3(text: str) -> str:
    """``text`` as a TCVN3 file shows in Windows-1252 (its lines TCVN3 cannot write left out)."""
    lines = []
    for line in text.split("\n"):
        try:
            lines.append(legacy.to_legacy(line, "tcvn3").decode("cp1252"))
        except UnicodeEncodeError:
            continue
    return "\n".join(lines)


def test_tcvn3_capitals_are_put_back_alike_by_the_patterns_and_letter_by_letter():
    texts = _texts() + TCVN3_EDGES
    texts += [_shown_in_tcvn3(t) for t in sample_texts([], as_read=True)]
    converted = 0
    for text in texts:
        table = legacy._tables()["tcvn3"]
        for shown in (text, text.translate({ord(k): v for k, v in table.items()})):
            assert legacy._LINE.sub(legacy._capitalise, shown) == legacy._LINE.sub(_capitalise_plain, shown)
            fast = legacy._capitalise_among_capitals(shown)
            assert fast == _among_capitals_plain(shown)
            converted += fast != shown
    assert converted > 3
