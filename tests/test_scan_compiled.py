"""The compiled whole-text scans (graph/reading/text/_scan*.c) find what their Python twins find.

Glued-word starts (glued._VCV, glued._DIGIT_GLUE), lone letters (spacing._LONE_LETTER), orphan consonants
(damage._orphan_re), the long lines (runon), the first character of a class, the vowel pairs whose tone
mark graph.text.unify_tones moves, the steps of a layout repair (textmap.MappedBuilder.insert_copies) and
the lines of a text with their kinds (layout_lines.split_lines),
on the samples and on random strings of the characters that matter (vowels with and without marks,
consonants, digits, "_", "²", spaces, commas, line breaks, a character beyond the BMP).
Without the extension (an install without a C compiler) these comparisons skip, saying so; on CI
(``CI=true``) the extension must be built.
"""

from __future__ import annotations

import dataclasses
import os
import random
from pathlib import Path

import pytest

from graph.reading import prepare as prepare_module
from graph.reading.restore import damage, numbers
from graph.reading.text import decode as decode_module
from graph.reading.text import glued, layout_lines, runon, scan, spacing
from graph.reading.text.decode import decode
from graph.reading.text.layout import repair_layout
from graph.reading.text.textmap import MappedBuilder
from graph.text import _TONE_RE, unify_tones

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "docs"  # when the dev set is beside
needs_extension = pytest.mark.skipif(
    not scan.available(), reason="the compiled scans (_scan) are not built: pip install -e .")


def _texts() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rnd = random.Random(11)
    alphabets = (" ,aêơbcđạTnghĐỪxXé0129_²\n-\u0301", " ,abc09_é²", " ,aơcĐ1\U0001d400")
    for alphabet in alphabets:
        texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(3000)]
    return texts


def test_the_build_is_required_on_ci():
    if os.environ.get("CI") == "true":
        assert scan.available(), "CI builds the extension: pip install -e ."


@needs_extension
def test_glue_starts_are_those_of_the_patterns():
    core = scan.native() or scan.extension()
    for text in _texts():
        assert core.glue_starts(text, glued._classes()) == glued.glue_starts(text), text


@needs_extension
def test_lone_letters_are_those_of_the_pattern():
    core = scan.extension()
    for text in _texts():
        assert core.lone_letters(text) == [m.start() for m in spacing._LONE_LETTER.finditer(text)], text


@needs_extension
def test_orphan_count_is_that_of_the_pattern():
    letters = damage.damage_model().orphan_letters
    pattern = damage._orphan_re(letters)
    for text in _texts():
        want = len(pattern.findall(text)), text.count(" ") + text.count("\n")
        assert scan.extension().orphan_count(text, damage._both_cases(letters)) == want, text


@needs_extension
@pytest.mark.parametrize("limit", [0, 3, 20, runon.LONG_LINE])
def test_long_lines_are_those_of_the_lines(limit):
    long_texts = ["x" * 601, "a\n" + "b" * 700 + "\n", "\n" * 3 + "c" * 601, "d" * 600 + "\n" + "e" * 599]
    for text in _texts() + long_texts:
        before = scan.use_compiled(False)
        try:
            plain = runon.long_lines(text, limit)
        finally:
            scan.use_compiled(before)
        assert scan.extension().long_lines(text, limit) == plain, text
        assert [text[s:e] for s, e in plain] == [line for line in text.split("\n") if len(line) > limit]


@needs_extension
def test_both_ways_prepare_the_samples_alike():
    for path in sorted(CORPUS.glob("*.txt")):
        data = path.read_bytes()
        before = scan.use_compiled(False)
        try:
            plain = prepare_module.prepare(data, path.name)
        finally:
            scan.use_compiled(before)
        scan.use_compiled(True)
        try:
            fast = prepare_module.prepare(data, path.name)
        finally:
            scan.use_compiled(before)
        assert (fast.text, fast.origin, fast.restored, fast.warnings) == (
            plain.text, plain.origin, plain.restored, plain.warnings)


@needs_extension
def test_a_build_of_another_source_is_not_run(monkeypatch):
    assert scan.TWIN.load() is not None
    monkeypatch.setattr(scan.TWIN, "sources_digest", lambda: "0" * 64)
    assert scan.TWIN.load() is None


@needs_extension
@pytest.mark.parametrize("pattern, table", [
    (decode_module._GARBLE, decode_module._garble_table()),
    (numbers._SUSPECT, numbers._suspect_table()),
])
def test_the_first_character_of_a_class_is_the_patterns_first_match(pattern, table):
    rnd = random.Random(23)
    chars = sorted({chr(i) for i in range(len(table)) if table[i]})
    alphabet = "aé ơ\n1ñ" + "".join(rnd.sample(chars, min(6, len(chars))))
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        start, end = rnd.randint(-2, len(text) + 2), rnd.choice([len(text), rnd.randint(-2, len(text) + 2)])
        m = pattern.search(text, max(start, 0), end)
        found = scan.extension().find_in(text, table, start, end)
        assert found == (m.start() if m else -1), (text, start, end)
    assert all(pattern.match(c) for c in chars)  # the table marks the class, no more
    assert not any(pattern.match(chr(i)) for i in range(len(table) + 300) if i >= len(table) or not table[i])


def _built(source: str, steps: list[list[tuple[str, int, int, int]]], compiled: bool) -> tuple:
    """A builder given ``steps`` (each a call of insert_copies, a plain insert and copy between them), the
    compiled steps or their twin: what it wrote and what it holds pending."""
    before = scan.use_compiled(compiled)
    try:
        out = MappedBuilder(source)
        for k, pieces in enumerate(steps):
            out.insert_copies(pieces)
            if k % 3 == 1:
                out.insert("¶", k)
                out.copy(k, k + 2)
        state = (len(out), out._pend_start, out._pend_end)
        return (*state, out.text(), out.origin)
    finally:
        scan.use_compiled(before)


def _random_steps(source: str, rnd: random.Random) -> list[list[tuple[str, int, int, int]]]:
    """Pieces of every shape: separators the input holds where the copy ends (the copy goes on) or not,
    empty ones, spans that follow the copy, skip back, are empty or reversed."""
    n = len(source)
    steps = []
    for _ in range(rnd.randint(0, 5)):
        pieces = []
        pos = rnd.randint(0, n)
        for _ in range(rnd.randint(0, 12)):
            width = rnd.choice([0, 1, 2])
            text = rnd.choice(["", " ", "\n", " | ", source[pos:pos + width] or "x"])
            at = rnd.choice([pos + len(text), pos, rnd.randint(0, n)])
            start = rnd.choice([at, pos, rnd.randint(0, n)])
            end = min(n, start + rnd.choice([0, 1, 5, -1]))
            pieces.append((text, at, start, end))
            pos = max(0, min(n, end))
        steps.append(pieces)
    return steps


@needs_extension
def test_steps_of_a_layout_repair_write_what_their_twin_writes():
    rnd = random.Random(5)
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += ["a\nb c\n\nd", "", "x", "ab\n cd | ef\t\tgh\n\n\nij\U0001d400k\n"]
    for source in texts:
        for _ in range(300 if len(source) < 100 else 60):
            steps = _random_steps(source, rnd)
            assert _built(source, steps, True) == _built(source, steps, False), (source[:40], steps)
    for source in texts:
        before = scan.use_compiled(True)
        try:
            fast = repair_layout(source)
        finally:
            scan.use_compiled(False)
        try:
            plain = repair_layout(source)
        finally:
            scan.use_compiled(before)
        assert fast == plain


def _tone_texts() -> list[str]:
    rnd = random.Random(7)
    alphabet = "oOuUaàÀáýỳỸẹ y_2 \n\u0301ơ\U0001d400"
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += ["hoà", "thuỷ", "Hoà.", "HOÀ", "hoàn", "thuỷền", "oà_", "oà2", "uỳ", "oàoà", "", "o", "à", "oÀ"]
    return texts + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(5000)]


@needs_extension
def test_tone_pairs_are_the_matches_of_the_pattern_and_unify_alike():
    changed = 0
    for text in _tone_texts():
        assert scan.extension().tone_pairs(text, scan._tone_classes()) == [
            m.start() for m in _TONE_RE.finditer(text)], text
        before = scan.use_compiled(True)
        try:
            fast = scan.unify_text_tones(text)
        finally:
            scan.use_compiled(before)
        assert fast == unify_tones(text), text
        changed += fast != text
    assert changed > 200


def _line_texts() -> list[str]:
    """Samples, dev documents (when there) and random lines of blanks, separators, cells and text."""
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    if DEV.is_dir():
        texts += [decode(p.read_bytes(), p.name)[0] for p in sorted(DEV.glob("*.txt"))]
    texts += ["", "\n", "a", " \xa0 \n\t\xa0\r\n\xa0\xa0\n\ufeff", "a\u2028b\u2029\nc",
              "Trang 3\n- 2 -\n---\n| |\n", "x\U0001d400 | y\n",
              "a | b\n\ta\tb\t\n|x|\n\t|\t\n•••\n. . .\nHệ thống pháp luật\n" + "x" * 130]
    rnd = random.Random(3)
    alphabet = " \t\r\n|-.=•\xa0\u2028\u2029\ufeff\u2003aTSĐ1\U0001d400"
    return texts + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]


@needs_extension
def test_lines_are_those_of_their_twin():
    core, r, lines = scan.extension(), layout_lines.rules(), layout_lines
    for text in _line_texts():
        fast_starts: list[int] = []
        plain_starts: list[int] = []
        args = (lines.Line, lines.WS, r.boilerplate.match, lines.BOILERPLATE_MAX, r.separator.match,
                lines._SEP_FIRST_CHARS)
        fast = core.split_lines(text, *args, fast_starts)
        assert fast == lines.plain_split_lines(text, r, plain_starts), text[:80]
        assert fast_starts == plain_starts, text[:80]
        assert core.split_lines(text, *args, None) == fast


@dataclasses.dataclass(slots=True)
class _Marked(layout_lines.Line):
    """A line class with one more field: the compiled split_lines calls it instead of filling its slots."""

    marked: bool = True


@needs_extension
def test_lines_are_made_by_calling_the_class_given():
    r = layout_lines.rules()
    text = "Điều 1. Phạm vi\n\n a | b \n---\nHệ thống pháp luật\n\tx\ty"
    args = (layout_lines.WS, r.boilerplate.match, layout_lines.BOILERPLATE_MAX, r.separator.match,
            layout_lines._SEP_FIRST_CHARS, None)
    marked = scan.extension().split_lines(text, _Marked, *args)
    assert all(type(ln) is _Marked and ln.marked for ln in marked)
    fields = [dataclasses.astuple(ln)[:6] for ln in marked]
    assert fields == [dataclasses.astuple(ln) for ln in layout_lines.plain_split_lines(text, r)]
