"""Small text utilities shared by loaders and queries: NFC, tone-mark placement, folding."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# New-style tone placement on the second vowel (hoà, uỷ, thuý) -> old style used by most
# government text (hòa, ủy, thúy). Keys and values are NFC and of equal length.
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_PAIRS = ("oa", "oe", "uy")


def _build_tone_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for a, b in _PAIRS:
        for mark in _TONES:
            for up_a, up_b in ((a, b), (a.upper(), b.upper()), (a.upper(), b), (a, b.upper())):
                new = unicodedata.normalize("NFC", up_a + up_b + mark)
                old = unicodedata.normalize("NFC", up_a + mark + up_b)
                if len(new) == len(old) == 2:
                    mapping[new] = old
    return mapping


_TONE_MAP = _build_tone_map()
# only when the pair ends the syllable (hoà -> hòa, but not hoàn / thuỷền). One class per letter of the
# pair instead of an alternation of the pairs (twice as fast); a pair of the two classes that is no key
# stays as it is, and its second letter never starts a key, so no key is skipped.
_TONE_RE = re.compile("[" + "".join(sorted({k[0] for k in _TONE_MAP})) + "]["
                      + "".join(sorted({k[1] for k in _TONE_MAP})) + r"](?![^\W\d_])")


def nfc(text: str) -> str:
    """NFC-normalise."""
    return unicodedata.normalize("NFC", text)


def unify_tones(text: str) -> str:
    """Place tone marks one way (``uỷ`` -> ``ủy``, ``hoà`` -> ``hòa``); the length is unchanged."""
    return _TONE_RE.sub(_retone, text)


def _retone(m: re.Match[str]) -> str:
    pair = m.group()
    return _TONE_MAP.get(pair, pair)


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ -> d), collapse spaces: for matching, never for display."""
    if not text:
        return ""
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))  # Vietnamese marks: one C pass
    if stripped and max(stripped) >= "\u0370":  # other scripts: drop every nonspacing mark
        stripped = "".join(c for c in stripped if unicodedata.category(c) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D").replace("Ð", "D").lower()
    return _SPACES.sub(" ", stripped).strip()


#: :func:`fold` memoised, for the graph's loaders and writers: the same names, titles and numbers recur
#: in every document (a law cited by a thousand files)
fold_memo = lru_cache(maxsize=16384)(fold)

_COMBINING = re.compile("[\u0300-\u036f]")  # the combining diacritical marks block (all category Mn)
_SPACES = re.compile(r"\s+")


SEARCH_FIELDS = ("doc_type", "number", "title", "name", "issuer", "province", "date")


def search_text(props: dict[str, object]) -> str:
    """The folded text a document is found by: type, number, title, issuer, province, date."""
    return fold(" ".join(str(p) for p in (props.get(k) for k in SEARCH_FIELDS) if p))
