"""Vietnamese words by shape and by the syllable model: what the glyph mending of a text layer may turn a
token into (a known syllable, a word of known syllables).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graph.reading.text.folding import keep_fold
from graph.reading.text.syllables import model
from graph.text import unify_tones

Edit = tuple[int, int, str, bool]

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
#: one Vietnamese syllable, folded (no marks, đ -> d): initial, vowels, final
_SYLLABLE_SHAPE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnptuio])?"
)
MAX_SYLLABLE = 7  # letters ("nghiêng")
MIN_PIECE_COUNT = 3  # a piece of a glued word is a syllable the model has seen at least this often


@lru_cache(maxsize=1)
def _toned() -> frozenset:
    out = set()
    for code in range(0xC0, 0x1EFA):
        c = chr(code)
        if c.isalpha() and _TONE_MARKS & set(unicodedata.normalize("NFD", c)):
            out.add(c)
    return frozenset(out)


def known_word(word: str) -> bool:
    return unify_tones(word.lower()) in model().unigrams


def syllable_count(word: str) -> int:
    return model().unigrams.get(unify_tones(word.lower()), 0)


def one_syllable(word: str) -> bool:
    """Whether ``word`` can be one Vietnamese syllable (shape, and at most one tone mark)."""
    if sum(1 for c in word if c in _toned()) > 1:
        return False
    return _SYLLABLE_SHAPE.fullmatch(keep_fold(word)) is not None


# ------------------------------------------------------------------------------------ look-alikes


HORN_O = "ơờớởỡợƠỜỚỞỠỢ"
CONSONANTS = frozenset("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX")


_CONSONANT_CHARS = "".join(sorted(CONSONANTS))
#: consonants, then an "ơ": the first "ơ" of a word that only consonants stand before (where "ư" was lost)
BEFORE_HORN = re.compile(f"[{_CONSONANT_CHARS}]+(?=[{HORN_O}])")


def consonants_only(w: str) -> bool:
    """Whether every character of ``w`` is a consonant letter (one C call: strip them all, nothing left)."""
    return not w.strip(_CONSONANT_CHARS)


def with_horn(w: str) -> str | None:
    """``w`` with the "ư" TCVN3 lost put back, when that makes a known word."""
    if consonants_only(w):
        new = w + ("Ư" if w.isupper() and len(w) > 1 else "ư")
    else:
        before = BEFORE_HORN.match(w)
        if before is None:
            return None
        k = before.end()
        new = w[:k] + ("Ư" if w[k].isupper() else "ư") + w[k:]
    return new if known_word(new) else None

