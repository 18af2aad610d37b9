"""The legacy font encodings TCVN3 (ABC) and VNI, and Windows-1258: text shown through them converted to
Unicode and back (the tables live in ``graph/data/legacy_encodings.json``), with the capitals a TCVN3
font cannot tell apart put back where the text proves them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graph.datafiles import read_json
from graph.text import nfc


@lru_cache(maxsize=1)
def _tables() -> dict:
    return read_json("legacy_encodings.json")


@lru_cache(maxsize=1)
def _vni_re() -> re.Pattern:
    keys = sorted(_tables()["vni"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


_WORD = re.compile(r"[^\W\d_]{2,}")
_LINE = re.compile(r"[^\n]+")
_ANY_WORD = re.compile(r"[^\W\d_]+")


def _upper_toned(w: str) -> str:
    return "".join(c.upper() if ord(c) > 127 else c for c in w)


def _capitalise_word(m: re.Match) -> str:
    w = m.group()
    upper = sum(1 for c in w if c.isupper())
    if upper > len(w) - upper or (w[0].islower() and upper):
        return _upper_toned(w)
    return w


_ASCII_LETTER = re.compile("[A-Za-z]")  # str.isascii() and str.isalpha()
_ASCII_CAPITAL = re.compile("[A-Z]")
_ASCII_SMALL = re.compile("[a-z]")


def _capitalise(m: re.Match) -> str:
    line = m.group()
    letters = len(_ASCII_LETTER.findall(line))
    if letters >= 10 and len(_ASCII_CAPITAL.findall(line)) >= 0.9 * letters:
        return _upper_toned(line)
    return _WORD.sub(_capitalise_word, line)


_ITEM = re.compile(r"[ \t]*(?:[-+•*][ \t]+|\d{1,2}(?:\.\d{1,2})*[.)][ \t]+|[IVXLC]{1,5}\.[ \t]+)?")
_MID_SENTENCE = re.compile(r"([.!?][ \t]+)([^\x00-\x7f\W])")


def _capitalise_starts(text: str) -> str:
    """A toned letter opening a paragraph or a sentence is a capital the font drew ("Ủy ban",
    "1. Ứng dụng"); a line that goes on from the line before keeps its small letter."""
    lines = text.split("\n")
    prev = ""
    for i, line in enumerate(lines):
        stripped = prev.rstrip()
        starts = (not stripped or stripped[-1] in ".!?:;" or
                  (any(c.isalpha() for c in stripped) and not any(c.islower() for c in stripped)))
        if starts:
            j = _ITEM.match(line).end()
            first = line[j:j + 1]
            if first.islower() and not first.isascii() and line[j + 1:j + 2] not in (".", ")"):
                line = line[:j] + line[j].upper() + line[j + 1:]
        lines[i] = _MID_SENTENCE.sub(lambda m: m.group(1) + m.group(2).upper(), line)
        prev = line
    return "\n".join(lines)


def from_tcvn3(text: str) -> str:
    """Text in TCVN3 (as Windows-1252 characters) -> Unicode.

    TCVN3 writes capitals with toned letters through a capitals font, with lower-case codes:
    a word mostly in capitals ("TỉNH") is put wholly in capitals."""
    table = _tables()["tcvn3"]
    text = _LINE.sub(_capitalise, text.translate({ord(k): v for k, v in table.items()}))
    return _capitalise_among_capitals(_capitalise_starts(text))


def _capitalise_among_capitals(text: str) -> str:
    """A word whose only small letters are toned ones, between two words in capitals, is in capitals
    too ("TỈNH Cà MAU", "QUYẾT ĐỊNH Về VIỆC")."""
    words = list(_ANY_WORD.finditer(text))
    caps = [len(w.group()) > 1 and w.group().isupper() for w in words]
    out = []
    last = 0
    for k, w in enumerate(words):
        word = w.group()
        # in capitals, or holding a small ASCII letter (one search), or no small toned letter
        if caps[k] or _ASCII_SMALL.search(word) or not any(c.islower() and not c.isascii() for c in word):
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


def from_vni(text: str) -> str:
    """Text in VNI-Windows (as Windows-1252 characters) -> Unicode."""
    table = _tables()["vni"]
    return _vni_re().sub(lambda m: table[m.group()], text)


def to_legacy(text: str, encoding: str) -> bytes:
    """Unicode -> bytes in ``tcvn3``, ``vni`` or ``cp1258`` (the inverse maps; for tests and tools)."""
    text = nfc(text)
    if encoding == "cp1258":
        return _to_cp1258(text)
    table = _tables()[encoding]
    inverse = {v: k for k, v in table.items()}
    if encoding == "tcvn3":
        # upper-case toned letters share the lower-case codes
        out = "".join(inverse.get(c) or inverse.get(c.lower(), c) for c in text)
    else:
        out = "".join(inverse.get(c, c) for c in text)
    return out.encode("cp1252")


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _to_cp1258(text: str) -> bytes:
    out = []
    for c in text:
        try:
            out.append(c.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", c)
        base = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
        out.append((unicodedata.normalize("NFC", base) + tones).encode("cp1258"))
    return b"".join(out)


