"""The faster forms of the text preparation read the same: patterns that open with the character they need
(not a look-behind), number windows skipped when they lack what a pattern needs, and the garbage collector
paused while a text is prepared."""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest

import graph.reading.prepare as prepare_module
from graph.reading.prepare import prepare_text
from graph.reading.restore.damage import damage_model
from graph.reading.restore.edits import _code_edits
from graph.reading.restore.numbers import code_edits, number_edits
from graph.reading.text.decode import decode
from tests.sample_texts import sample_texts

DAMAGED = "Quy t nh s 605/Q -UBND c a S Bưu chính, Vi n thông\n"


def test_collector_is_paused_while_a_text_is_prepared(monkeypatch):
    seen: list[bool] = []
    layout = prepare_module.repair_layout

    def watched(raw: str, *rest):
        seen.append(gc.isenabled())
        return layout(raw, *rest)

    monkeypatch.setattr(prepare_module, "repair_layout", watched)
    assert gc.isenabled()
    prepare_text(DAMAGED, "t.txt")
    assert seen == [False]
    assert gc.isenabled()


def test_collector_is_left_as_it_was_found(monkeypatch):
    gc.disable()
    try:
        prepare_text(DAMAGED, "t.txt")
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()

    def broken(raw: str, *rest):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(prepare_module, "repair_layout", broken)
    with pytest.raises(RuntimeError):
        prepare_text(DAMAGED, "t.txt")
    assert gc.isenabled()


@pytest.mark.parametrize(("text", "damaged", "code"), [
    ("Số: 605/Q -UBND", "Q -", "QĐ-"), ("27/2013/N -CP", "N -", "NĐ-"), ("845/Q - UBND", "Q - ", "QĐ-"),
    ("Nghị quyết 12/NQ-H ND ngày", "H ND", "HĐND"),
])
def test_damaged_codes_are_edited_from_their_first_letter(text, damaged, code):
    """The slash or hyphen before a code is matched, not looked behind at: the edit still starts at the
    code's first letter and leaves the slash or hyphen alone."""
    [(start, end, new, _words)] = _code_edits(text, damage_model())
    assert (text[start:end], new) == (damaged, code)


@pytest.mark.parametrize("glued", ["mã ABC17/NQCP", "x/17/NQCP", "x-17/NQCP", "mã ABC41/2016/QĐ-TTg2 ngày",
                                   "ab12/1998/NĐ  số  CP"])
def test_numbers_glued_after_a_word_slash_or_hyphen_are_left_alone(glued):
    assert number_edits(glued)[0] == []


@pytest.mark.parametrize(("text", "edit"), [
    ("17/NQCP", (3, 7, "NQ-CP", True)), ("41/2016/QĐ-TTg2 ngày", (14, 14, " ", True)),
    ("12/1998/NĐ  số  CP", (10, 16, "-", True)),
])
def test_numbers_standing_alone_are_mended(text, edit):
    assert number_edits(text)[0] == [edit]


DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "docs"
NUMBERS = [
    "Số: 12/2020/NĐCP ngày", "05-NQ/TW", "Nghị định 47/2020/NĐ CP", "số 47/2020/NĐ số CP", "QĐ-TTg2 ngày",
    "Thông tư số 886/1998/TTB T C ngày", "x 17/NQCP", "17/NQCP", "17/ TW_", "3/ QĐ - UBND", "41/2016/QĐ-TTg2",
    "12/1998/NĐ  số  CP", "45/QH13", "7/BTC\n", "9/UBND&", "10/2003/QH11 và 05/CP đ", "a/ b",
    "1/A b c d e f g",
]


def _number_texts() -> list[str]:
    """The samples, the development documents (when beside the repository), the numbers above, and random
    strings of the characters numbers are made of."""
    texts = sample_texts(NUMBERS)
    if DEV.is_dir():
        texts += [decode(p.read_bytes(), p.name)[0] for p in sorted(DEV.glob("*.txt"))]
    rnd = random.Random(3)
    codes = ["NĐ", "QĐ", "TT", "CP", "UBND", "TW", "NQ", "BTC", "QH", "TTg", "B", "T", "C", "Q", "Đ", "ab"]

    def number() -> str:
        head = rnd.choice(["", "x ", "a", "số ", "-", "/", "1"]) + rnd.choice(["12", "5", "123", "2"])
        year = rnd.choice(["", "/2020", " / 1998", "/20"])
        gap = rnd.choice(["", "-", " ", "  ", " số ", "\t", "/", " - "])
        tail = rnd.choice(["", "2", "13", " ", "/", "-", "_", "&", "\n", " ngày", " và", " b c", " T C"])
        slash = rnd.choice(["/", " / ", "/ ", "-"])
        return head + year + slash + rnd.choice(codes) + gap + rnd.choice(codes) + tail

    texts += [" ".join(number() for _ in range(rnd.randint(1, 4))) for _ in range(6000)]
    return texts


def test_number_windows_skipped_by_their_hints_would_not_have_changed():
    """A window is read with a number pattern only when it holds what a change needs: the same edits and
    notes as reading every window with every pattern."""
    changed = 0
    for text in _number_texts():
        fast = code_edits(text)
        assert fast == code_edits(text, hints=False), text
        changed += bool(fast[0])
    assert changed > 200
