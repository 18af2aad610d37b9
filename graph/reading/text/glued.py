"""Glued words (\"Quyếtđịnh\", \"VỀVIỆC\", \"nhândân\", \"12/3/2018của\"): a token that cannot be one
Vietnamese syllable is cut where every piece is a known syllable."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.text.scan import native
from graph.reading.text.syllables import model
from graph.reading.text.words import MAX_SYLLABLE, MIN_PIECE_COUNT, known_word, one_syllable, syllable_count
from graph.text import unify_tones

Edit = tuple[int, int, str, bool]

_VOWELS = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_VOWELS += _VOWELS.upper()
_CONSONANT_LETTERS = "bcdđfghjklmnpqrstvwxzBCDĐFGHJKLMNPQRSTVWXZ"
# where glued words show (found in one fast pass, then read as whole tokens): a vowel, consonants and a
# vowel again, which no single syllable has ("nhândân", "VỀVIỆC", "củaBộ", "SMEngày"); letters glued
# to digits ("2018của", "ngày23")
_VCV = re.compile(rf"[{_VOWELS}][{_CONSONANT_LETTERS}]++[{_VOWELS}]")  # possessive: the classes are disjoint
_DIGIT_GLUE = re.compile(r"[0-9](?:(?=[^\W\d_]{2})|(?<=[^\W\d_]{2}[0-9]))")  # starts with a class: fast
_LETTERS_AROUND = re.compile(r"[^\W\d_]*")
_ASCII_UPPER = re.compile(r"[A-ZĐ]{2,}")


def _word_at(text: str, at: int) -> tuple[int, int]:
    """The run of letters holding ``text[at]``."""
    s = at
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    return s, _LETTERS_AROUND.match(text, at).end()


def glued_edits(text: str) -> list[Edit]:
    """Spaces put back between glued words: a token that cannot be one syllable and is wholly made of
    known syllables (at least one with a tone or a Vietnamese letter), or a code in capitals glued to a
    known lower-case word ("SMEngày")."""
    out: list[Edit] = []
    seen: dict[str, tuple[int, ...]] = _SPLIT_CACHE
    core = native()
    done = -1
    for at in core.glue_starts(text, _classes()) if core is not None else glue_starts(text):
        if at < done:
            continue
        s, e = _word_at(text, at)
        done = e
        w = text[s:e]
        if len(w) < 2:
            continue
        by_digit = (s and text[s - 1].isdigit()) or (e < len(text) and text[e].isdigit())
        if w.isascii() and not by_digit:
            continue
        cuts = seen.get(w)
        if cuts is None:
            cuts = seen[w] = _cuts(w)
            if len(seen) > 100_000:
                seen.clear()
        for c in cuts:
            out.append((s + c, s + c, " ", True))
        if by_digit and not cuts and not w.isascii() and syllable_count(w) >= MIN_PIECE_COUNT:
            if s and text[s - 1].isdigit():
                out.append((s, s, " ", True))
            if e < len(text) and text[e].isdigit():
                out.append((e, e, " ", True))
    out.sort()
    return out


def glue_starts(text: str) -> list[int]:
    """Where glued words may show, sorted: the starts of :data:`_VCV`'s matches, and for each digit glued
    to letters the letters after it, or before it (the compiled scan ``glue_starts`` is its twin)."""
    starts = {m.start() for m in _VCV.finditer(text)}
    for m in _DIGIT_GLUE.finditer(text):  # the letters after the digit, or before it
        starts.add(m.end() if text[m.end():m.end() + 1].isalpha() else m.start() - 1)
    return sorted(starts)


@lru_cache(maxsize=1)
def _classes() -> bytes:
    """The class of each code point for the compiled scan: 1 a vowel, 2 a consonant letter, 0 neither."""
    table = bytearray(max(map(ord, _VOWELS + _CONSONANT_LETTERS)) + 1)
    for c in _VOWELS:
        table[ord(c)] = 1
    for c in _CONSONANT_LETTERS:
        table[ord(c)] = 2
    return bytes(table)


_SPLIT_CACHE: dict[str, tuple[int, ...]] = {}


def _cuts(w: str) -> tuple[int, ...]:
    """Where to cut ``w`` into known syllables (offsets), or () when it is a word as it stands."""
    if len(w) < 4 or known_word(w) or one_syllable(w):
        return ()
    m = _ASCII_UPPER.match(w)
    if m and m.end() < len(w) and w[m.end()].islower():  # "SMEngày": a code, then a word
        rest = w[m.end():]
        if not rest.isascii() and syllable_count(rest) >= MIN_PIECE_COUNT:
            return (m.end(),)
        return ()
    best = _segment(w)
    return best or ()


def _segment(w: str) -> tuple[int, ...] | None:
    """The likeliest cut of ``w`` into 2-4 known syllables of one case pattern each, else None."""
    lm = model()
    n = len(w)
    # best[i]: (score, cuts, last lower-case syllable) for w[:i]
    best: list[tuple[float, tuple[int, ...], str | None] | None] = [None] * (n + 1)
    best[0] = (0.0, (), None)
    for i in range(n):
        cur = best[i]
        if cur is None or len(cur[1]) >= 4:
            continue
        score, cuts, prev = cur
        for j in range(i + 1, min(n, i + MAX_SYLLABLE) + 1):
            piece = w[i:j]
            if not _case_ok(piece):
                continue
            low = unify_tones(piece.lower())
            if lm.unigrams.get(low, 0) < MIN_PIECE_COUNT or not one_syllable(piece):
                continue
            s = score + lm.logp(prev, low)
            nxt = best[j]
            if nxt is None or s > nxt[0]:
                best[j] = (s, (*cuts, i) if i else cuts, low)
    end = best[n]
    if end is None or not end[1]:
        return None
    pieces = [w[a:b] for a, b in zip((0, *end[1]), (*end[1], n), strict=True)]
    if all(p.isascii() for p in pieces) or any(len(p) == 1 for p in pieces):
        return None
    return end[1]


def _case_ok(piece: str) -> bool:
    """A syllable is written lower case, capitalised or in capitals."""
    return piece.islower() or piece.isupper() or (piece[0].isupper() and piece[1:].islower())


# ------------------------------------------------------------------------------- spaced letters

# a letter of Unicode's Latin Extended Additional block, or "đ": the letters a PDF layer that loses
# glyphs loses (graph/data/damage.json); a line holding them is letter-spaced, not damaged that way
