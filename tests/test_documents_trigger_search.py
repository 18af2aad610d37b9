"""The document reader's shortcuts that look at a text once, or skip a pattern, give what the patterns
they stand for give: the "số <number>" places found once per text, and the supersede words looked for
with string methods before the case-insensitive pattern runs."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from graph.reading.documents import patterns, split, supersedes
from graph.text import nfc, unify_tones

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"

SO_EDGES = [
    "số 12 Số: 3 SỐ 4/QĐ số\n5 xsố 6 Số\n7 số:8 ố 9 Số:\n\n 10",
    "sốsố 1 Số  : 22/2020/NĐ-CP; SỐ\t:\t3 và số",
]
SUPERSEDE_EDGES = [
    "Quyết định này THAY THẾ Quyết định số 12/QĐ-UBND. Bãi Bỏ Chỉ thị số 3; xthay thế; thay thếx",
    "bÃi bỎ Kế hoạch số 4; Hết\nhiệu   lực thi hành. KHÔNG CÒN HIỆU LỰC; hủy bỏ; huỷ bỏ; thay\tthế",
    "İ thay thế; thay thế İ; hết hiệu; còn hiệu lực; không còn; THAY; thế",
]


def _texts() -> list[str]:
    return [unify_tones(nfc(p.read_text(encoding="utf-8"))) for p in sorted(CORPUS.glob("*.txt"))]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.mark.parametrize("edge", SO_EDGES)
def test_so_places_of_every_range(edge):
    """Every range of a short text, including those that end inside a number or just before its digit."""
    text = unify_tones(nfc(edge))
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert [m.span() for m in patterns.finditer_so(text, a, b)] == [
                m.span() for m in patterns.SO_RE.finditer(text, a, b)], (a, b)


def test_so_places_found_once_per_text(texts):
    for text in texts:
        whole = [m.span() for m in patterns.SO_RE.finditer(text)]
        assert [m.span() for m in patterns.finditer_so(text, 0, len(text))] == whole
        # the same text again: the places found before, ranges cut from them
        for a in range(0, len(text), 997):
            b = min(len(text), a + 3001)
            assert [m.span() for m in patterns.finditer_so(text, a, b)] == [
                m.span() for m in patterns.SO_RE.finditer(text, a, b)]


def _sentences(text: str) -> list[tuple[int, int]]:
    cuts = [0, *(m.start() for m in re.finditer(r"\. |;|\n", text)), len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def test_supersede_words_never_missed(texts):
    edges = [unify_tones(nfc(e)) for e in SUPERSEDE_EDGES]
    checked = skipped = 0
    for text in texts + edges:
        spans = _sentences(text)
        spans += [(a, b) for a, _ in spans[::7] for b in (min(len(text), a + 400),)]
        for a, b in spans:
            found = supersedes.SUPERSEDE_RE.search(text, a, b) is not None
            maybe = supersedes.may_supersede(text, a, b)
            assert maybe or not found, text[a:b]
            checked += 1
            skipped += not maybe
    # the shortcut is worth having: most sentences of real text are settled without the pattern
    assert skipped > checked // 2


def test_supersede_words_in_any_case():
    """Phrases in capitals, mixed case, old tone marks and wrapped lines are kept for the pattern."""
    for edge in SUPERSEDE_EDGES[:2]:
        text = unify_tones(nfc(edge))
        for a, b in _sentences(text):
            if supersedes.SUPERSEDE_RE.search(text, a, b) is not None:
                assert supersedes.may_supersede(text, a, b), text[a:b]
    # words of a phrase alone are no phrase; a letter whose case takes two letters leaves it open
    for alone in ("còn hiệu lực", "không còn", "THAY", "thế", "hết hiệu", "bãi"):
        assert not supersedes.may_supersede(alone, 0, len(alone))
    assert supersedes.may_supersede("İ khác", 0, 6)


CAPTION_EDGES = [
    "Ban hành kèm theo Quyết định số 1\n  Được ban hành kèm theo X\n(Ban hành kèm theo Y)\n((kèm theo Z)",
    "( \nban hành theo Quyết định 5) (được ban hành theo Nghị định) xBan hành kèm theo\n",
    "\tBan hành kèm theo W",
    "\n\n(Kèm theo Kế hoạch)\nBanh\n( Được ban hành kèm theo Q)(ban hành theo Thông tư)",
]


def test_attached_captions_tried_where_they_may_open(texts):
    for text in texts + [unify_tones(nfc(e)) for e in CAPTION_EDGES]:
        assert [m.span() for m in split._attached_captions(text)] == [
            m.span() for m in split.ATTACHED_CAPTION_RE.finditer(text)]
