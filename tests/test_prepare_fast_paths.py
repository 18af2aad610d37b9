"""The faster forms of the text preparation read the same: patterns that open with the character they need
(not a look-behind), and the garbage collector paused while a text is prepared."""

from __future__ import annotations

import gc

import pytest

import graph.reading.prepare as prepare_module
from graph.reading.prepare import prepare_text
from graph.reading.restore.damage import damage_model
from graph.reading.restore.edits import _code_edits
from graph.reading.restore.numbers import number_edits

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
