"""Document numbers the text layer garbled, read back where the shape of a number proves it.

Edits ``(start, end, new, restored)`` on laid-out text, and notes ``(position, message)`` for a warning:

- look-alike or invisible characters inside a number (zero-width spaces and joiners, soft hyphens, BOMs,
  bidi marks, non-breaking hyphens and minus signs, fullwidth, division and fraction slashes, fullwidth
  digits and letters, Cyrillic and Greek capitals that look like Latin ones): written the usual way, not
  marked restored (the number reads the same), but noted;
- a hyphen lost between two codes ("NĐCP", "TTBNV", letter-spaced "TTB T C", "NĐ CP", "NĐ số CP"): the
  hyphen is put back where the letters split into a type code and an issuer code of the code tables
  (``doc_types.json``, ``issuers.json``); restored and noted;
- a footnote marker glued to the last code ("QĐ-TTg2"): cut off (a space), unless the code takes digits
  (Quốc hội's "QH13"); restored and noted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph import problem_text as say
from graph.datafiles import read_json
from graph.reading.text.scan import find_first, table_of

Edit = tuple[int, int, str, bool]
Note = tuple[int, str]

_INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2066\u2067\u2068\u2069\u061c")
_LOOKALIKE = {
    **{c: "-" for c in "\u2010\u2011\u2012\u2212\u2043\ufe63\uff0d"},
    **{c: "/" for c in "\uff0f\u2215\u2044\u29f8"},
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    # Cyrillic and Greek letters drawn like Latin ones
    **dict(zip("АВЕКМНОРСТХУІЅЈ", "ABEKMHOPCTXYISJ", strict=True)),
    **dict(zip("аеорсухіј", "aeopcyxij", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    "\u00d0": "Đ",  # Icelandic eth
}
_SUSPECT = re.compile("[" + re.escape(_INVISIBLE + "".join(_LOOKALIKE)) + "]")
_TABLE = {ord(c): v for c, v in _LOOKALIKE.items()} | dict.fromkeys(map(ord, _INVISIBLE))
_TOKEN_CHARS = frozenset("/-–&") | frozenset(_INVISIBLE) | frozenset(_LOOKALIKE)
#: a number once normalised: 47/2020/NĐ-CP, 05-NQ/TW, 2345/QĐ-UBND
_SHAPE = re.compile(r"\d{1,5}[a-zđ]?(?:/\d{4})?(?:[/-][A-ZĐ][A-Za-zĐđ&]{0,9}\d{0,2}){1,4}")
MAX_TOKEN = 60


def _token(text: str, at: int) -> tuple[int, int]:
    """The span of the non-blank token around ``text[at]``."""
    s = at
    lo = max(0, at - MAX_TOKEN)
    while s > lo and (text[s - 1].isalnum() or text[s - 1] in _TOKEN_CHARS):
        s -= 1
    e = at + 1
    hi = min(len(text), at + MAX_TOKEN)
    while e < hi and (text[e].isalnum() or text[e] in _TOKEN_CHARS):
        e += 1
    return s, e


def lookalike_number_edits(text: str) -> tuple[list[Edit], list[Note]]:
    """Look-alike and invisible characters inside document numbers, written the usual way."""
    edits: list[Edit] = []
    notes: list[Note] = []
    table = _suspect_table()
    at = find_first(text, _SUSPECT, table)
    done = -1
    while at >= 0:
        if at >= done:
            s, e = _token(text, at)
            done = e
            token = text[s:e]
            fixed = token.translate(_TABLE)
            if fixed != token and _SHAPE.search(fixed):
                odd = dict.fromkeys(c for c in token if ord(c) in _TABLE)
                shown = ", ".join(f"U+{ord(c):04X}" for c in odd)
                for k, c in enumerate(token):
                    if ord(c) in _TABLE:
                        edits.append((s + k, s + k + 1, _TABLE[ord(c)] or "", False))
                notes.append((s, say.NUMBER_LOOK_ALIKE.format(number=repr(fixed), characters=shown)))
        at = find_first(text, _SUSPECT, table, max(at + 1, done))
    return edits, notes


@lru_cache(maxsize=1)
def _suspect_table() -> bytes:
    """_SUSPECT's characters, for :func:`find_first`."""
    return table_of(_INVISIBLE + "".join(_LOOKALIKE))


@lru_cache(maxsize=1)
def _code_sets() -> tuple[frozenset, frozenset, frozenset]:
    """Type codes (QĐ, NĐ, TT ...), issuer codes (CP, UBND, BTC ...), codes followed by the Quốc hội's term
    (QH13, UBTVQH14), upper-cased."""
    types = read_json("doc_types.json")
    type_codes = {c.upper() for t in types["types"] for c in t["codes"]}
    issuers = read_json("issuers.json")
    issuer_codes = {c.upper() for group in ("central", "party", "local") for body in issuers[group]
                    for c in body["codes"]}
    return frozenset(type_codes), frozenset(issuer_codes - type_codes), frozenset(types["term_codes"])


def _split_codes(letters: str) -> str | None:
    """"NĐCP" -> "NĐ-CP": the one cut into a type code and an issuer code (both in the tables)."""
    type_codes, issuer_codes, _law = _code_sets()
    up = letters.upper()
    if up in type_codes or up in issuer_codes:
        return None
    cuts = [k for k in range(1, len(up)) if up[:k] in type_codes and up[k:] in issuer_codes]
    if len(cuts) != 1:
        return None
    return letters[:cuts[0]] + "-" + letters[cuts[0]:]


# a number not glued to a word, a slash or a hyphen before it (the digit first: the engine finds digits
# fast, where a pattern opening with a look-behind is tried at every position)
_HEAD = r"\d(?<![\w/-]\d)\d{0,4}[a-zđ]?(?:[ \t]{0,2}/[ \t]{0,2}(?:19|20)\d{2})?[ \t]{0,2}/[ \t]{0,2}"
# codes glued ("NĐCP") or letter-spaced ("TTB T C"), after the number's last slash
_GLUED_CODES = re.compile(_HEAD + r"(?P<codes>[A-ZĐ][A-Za-zĐ]{1,12}(?: [A-Za-zĐđ]{1,3}(?![\w/-]))*)")
# a type code, then (across a displaced "số") an issuer code: "NĐ CP", "NĐ số CP"
_SPLIT_CODES = re.compile(_HEAD + r"(?P<type>[A-ZĐ][A-Za-zĐ]{1,3})(?P<gap>[ \t]{1,3}(?:số[ \t]{1,3})?)"
                          r"(?P<issuer>[A-ZĐ][A-Za-zĐ]{1,6})(?![\w/-])")
# a last code with digits after it: "QĐ-TTg2", "NĐ-CP1"
_FOOTNOTE = re.compile(r"\d(?<![\w/-]\d)\d{0,4}[a-zđ]?(?:/(?:19|20)\d{2})?(?:[/-][A-ZĐ][A-Za-zĐđ&]{0,9})*"
                       r"[/-](?P<code>[A-ZĐ][A-Za-zĐđ&]{0,9})(?P<mark>\d{1,2})(?![\w/-])")


# what a window must hold for each pattern to change it (one search, where a pattern's matches are read one by
# one): any match of _SPLIT_CODES, of _FOOTNOTE; a match of _GLUED_CODES that is not cut off by what follows
# it (its codes, then no "-", "/" or letter or digit)
_SPLIT_HINT = re.compile(r"/[ \t]{0,2}[A-ZĐ][A-Za-zĐ]{1,3}[ \t]")
_FOOTNOTE_HINT = re.compile(r"[/-][A-ZĐ][A-Za-zĐđ&]{0,9}\d")
_GLUED_HINT = re.compile(r"/[ \t]{0,2}[A-ZĐ][A-Za-zĐ]{1,12}(?: [A-Za-zĐđ]{1,3}(?![\w/-]))*(?![-/]|[^\W_])")


def code_edits(text: str, *, hints: bool = True) -> tuple[list[Edit], list[Note]]:
    """Hyphens lost between the codes of a number, and footnote markers glued to its last code. ``hints``:
    skip the patterns in windows that lack what they need (the same edits)."""
    edits: list[Edit] = []
    notes: list[Note] = []
    windows = _windows(text)
    if windows:
        codes = _code_sets()
        for a, b in windows:
            _window_edits(text, a, b, edits, notes, codes, hints)
    return edits, notes


_SLASH_CODE = re.compile(r"/[ \t]{0,2}[A-ZĐ]")
WINDOW_BEFORE, WINDOW_AFTER = 24, 48  # around a "/" before a capital: where one number can reach


def _windows(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` around each "/" followed by a capital (every number with a code has one), merged:
    the number patterns run there only (a scan of the whole text with them costs ten times more)."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in _SLASH_CODE.finditer(text):
        a, b = max(0, m.start() - WINDOW_BEFORE), min(n, m.end() + WINDOW_AFTER)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _window_edits(text: str, a: int, b: int, edits: list[Edit], notes: list[Note],
                  codes: tuple[frozenset, frozenset, frozenset], hints: bool = True) -> None:
    """The edits and notes of the numbers in ``text[a:b]`` (a match must end before ``b``, unless the
    window ends the text). ``codes``: :func:`_code_sets`; ``hints``: see :func:`code_edits`."""
    type_codes, issuer_codes, term_codes = codes
    end = len(text) + 1 if b == len(text) else b  # a match ends before it

    for m in _GLUED_CODES.finditer(text, a, b) if not hints or _GLUED_HINT.search(text, a, b) else ():
        if m.end() >= end:
            continue
        pieces = m.group("codes").split(" ")
        if text[m.end():m.end() + 1] in ("-", "/") or text[m.end():m.end() + 1].isalnum():
            continue
        for k in range(len(pieces), 0, -1):  # the longest run of pieces that makes codes
            letters = "".join(pieces[:k])
            if k > 1 and letters.upper() in type_codes | issuer_codes:
                fixed = letters
            else:
                fixed = _split_codes(letters)
            if fixed:
                codes_end = m.start("codes") + len(" ".join(pieces[:k]))
                edits.append((m.start("codes"), codes_end, fixed, True))
                said = say.NUMBER_LOST_HYPHEN if "-" in fixed else say.NUMBER_LETTER_SPACED
                notes.append((m.start(), said.format(number=repr(text[m.start():codes_end]),
                                                     read=repr(text[m.start():m.start("codes")] + fixed))))
                break
    for m in _SPLIT_CODES.finditer(text, a, b) if not hints or _SPLIT_HINT.search(text, a, b) else ():
        if m.end() >= end:
            continue
        t, i = m.group("type"), m.group("issuer")
        if t.upper() in type_codes and i.upper() in issuer_codes:
            edits.append((m.end("type"), m.start("issuer"), "-", True))
            notes.append((m.start(), say.NUMBER_CUT_BETWEEN_CODES.format(
                number=repr(m.group()), read=repr(text[m.start():m.end("type")] + "-" + i))))
    for m in _FOOTNOTE.finditer(text, a, b) if not hints or _FOOTNOTE_HINT.search(text, a, b) else ():
        if m.end() >= end:
            continue
        code = m.group("code")
        if code.upper() in term_codes or code.upper() + m.group("mark") in issuer_codes:
            continue
        if code.upper() not in issuer_codes and code.upper() not in type_codes:
            continue
        edits.append((m.start("mark"), m.start("mark"), " ", True))
        notes.append((m.start(), say.NUMBER_FOOTNOTE_MARKER.format(
            number=repr(m.group()), read=repr(text[m.start():m.start("mark")]))))


def number_edits(text: str) -> tuple[list[Edit], list[Note]]:
    """All the number edits of ``text``, sorted and not overlapping, and their notes."""
    e1, n1 = lookalike_number_edits(text)
    e2, n2 = code_edits(text)
    edits = sorted(e1 + e2)
    out: list[Edit] = []
    last = -1
    for e in edits:
        if e[0] < last:
            continue
        out.append(e)
        last = max(last, e[1])
    notes = {}
    for pos, message in sorted(n1 + n2):
        notes.setdefault(pos, message)  # one warning for a number two patterns mended
    return out, sorted(notes.items())
