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
from tests.sample_texts import sample_texts, texts_with_dev

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


def _random_spans(rnd: random.Random, length: int, overlapping: bool) -> list[tuple[int, int]]:
    """Sorted spans inside ``length`` characters: apart (as restoration gives them) or overlapping."""
    spans = []
    pos = 0
    while pos < length:
        start = pos + rnd.randint(0, 6)
        end = min(length, start + rnd.randint(0, 9))
        spans.append((start, end))
        pos = start + rnd.randint(0, 3) if overlapping else end + 1
    return sorted(spans)


def _move_spans_by_lists(spans: list[tuple[int, int]], moved: dict[int, int]) -> list[tuple[int, int]]:
    """_move_spans as it was written first, bisecting lists of the starts and ends: the reference."""
    import bisect

    lo, hi = min(moved), max(moved) + 1
    starts = [s for s, _e in spans]

    def was(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and spans[k][0] <= i < spans[k][1]

    k1 = bisect.bisect_left([e for _s, e in spans], lo + 1)
    k2 = bisect.bisect_left(starts, hi)
    out = list(spans[:k1])
    for s, e in spans[k1:k2]:
        if s < lo:
            out.append((s, lo))
        if e > hi:
            out.append((hi, e))
    run = None
    for i in range(lo, hi):
        if was(moved.get(i, i)):
            run = i if run is None else run
        elif run is not None:
            out.append((run, i))
            run = None
    if run is not None:
        out.append((run, hi))
    out.extend(spans[k2:])
    out.sort()
    return out


def test_spans_carried_through_moved_characters_as_with_lists_of_their_ends():
    """_move_spans bisects the spans by their starts and ends: the same spans as bisecting lists of them,
    on spans apart and overlapping, characters moved anywhere (the motto put back in order)."""
    rnd = random.Random(5)
    for _ in range(400):
        spans = _random_spans(rnd, 300, overlapping=rnd.random() < 0.3)
        lo = rnd.randrange(300)
        region = list(range(lo, min(300, lo + rnd.randint(1, 40))))
        shuffled = rnd.sample(region, len(region))
        moved = {new: old for new, old in zip(region, shuffled, strict=True) if new != old} or {lo: lo}
        assert prepare_module._move_spans(spans, moved) == _move_spans_by_lists(spans, moved)


def test_restored_text_is_found_as_by_looking_at_every_span():
    """PreparedText.was_restored (bisected starts, running maximum of the ends) against every span looked
    at, on spans apart, overlapping, nested and empty."""
    from array import array

    from graph.reading.text.prepared import PreparedText

    rnd = random.Random(8)
    text = "x" * 300
    for _ in range(200):
        spans = _random_spans(rnd, 300, overlapping=rnd.random() < 0.5)
        if spans and rnd.random() < 0.3:
            spans.append((spans[0][0], 300))  # one span over all the others
        prep = PreparedText(source="t", raw=text, text=text, match=text, origin=array("l", range(300)),
                            restored=spans)
        for _q in range(50):
            start = rnd.randrange(301)
            end = min(300, start + rnd.randint(0, 20))
            assert prep.was_restored(start, end) == any(s < end and e > start for s, e in spans)


def test_run_on_cuts_as_with_the_two_look_behinds_apart():
    """The run-on split's pre-check reads "./. " and "--- " before a space in one look-behind: the same cuts
    as the two look-behinds written apart, on the samples and dev documents made one line each and on edges
    around both marks."""
    import re

    from graph.reading.text import runon

    merged = r"(?<=\./\. |--- )"
    assert merged in runon._SPLIT_BEFORE.pattern
    apart = re.compile(runon._SPLIT_BEFORE.pattern.replace(merged, r"(?<=\./\. )|(?<=--- )"))
    texts = [t.replace("\n", " ") for t in texts_with_dev([])]
    marks = ["./.", "---", "----", "-- -", "./", "a./.", "1.", "x)"]
    nexts = ["X", "x", "-", "1", "(", "Căn cứ", "Điều 2.", "a)", " ", "•"]
    rnd = random.Random(2)
    texts += [" ".join(rnd.choice(marks + nexts) for _ in range(60)) for _ in range(300)]
    cuts = 0
    for text in texts:
        found = [m.start() for m in runon._SPLIT_BEFORE.finditer(text)]
        assert found == [m.start() for m in apart.finditer(text)]
        cuts += len(found)
    assert cuts > 500
