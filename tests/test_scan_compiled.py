"""The compiled whole-text scans (graph/reading/text/_scan.c) find what their Python twins find.

Glued-word starts (glued._VCV, glued._DIGIT_GLUE), lone letters (spacing._LONE_LETTER), orphan consonants
(damage._orphan_re), the longest line (runon) and the first character of a class, on the samples and on
random strings of the characters that matter (vowels with and without marks, consonants, digits, "_", "²",
spaces, commas, line breaks, a character beyond the BMP).
Without the extension (an install without a C compiler) these comparisons skip, saying so; on CI
(``CI=true``) the extension must be built.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from graph.reading import prepare as prepare_module
from graph.reading.restore import damage, numbers
from graph.reading.text import decode as decode_module
from graph.reading.text import glued, scan, spacing

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
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
def test_longest_line_is_that_of_the_lines():
    for text in _texts():
        assert scan.extension().longest_line(text) == max(map(len, text.split("\n"))), text


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
