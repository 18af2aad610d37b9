"""Letters a text layer drew with the wrong glyph, lost or glued together, put back where the language
proves it.

Each finder gives edits ``(start, end, new, restored)`` on laid-out text (``restored``: the edit puts back
something the layer lost or changed, as opposed to a look-alike written the usual way):

- look-alike letters: "Ð" (U+00D0, Icelandic eth) for "Đ" everywhere;
- a font that draws "đ"/"Đ" as "ñ"/"ð" ("ñã ñược sửa ñổi", "ðiều 1"): only when several such words read
  as known syllables once mended;
- TCVN3 text whose "ư" (its byte is a soft hyphen) was lost ("Bộ trởng", "nớc ngoài", "đầu t"): a word that
  is no syllable, or a lone consonant cluster, becomes a known word with "ư" put back;
- glued words ("Quyếtđịnh", "VỀVIỆC", "nhândân", "12/3/2018của", "SMEngày"): a token that cannot be one
  Vietnamese syllable is cut where every piece is a known syllable.

Glued words: :mod:`.glued`; letter-spaced headings: :mod:`.spacing`; word shapes: :mod:`.words`.
Vocabulary: :mod:`graph.reading.text.syllables`. Never a guess: a word is changed only into known words.
"""

from __future__ import annotations

import re

from graph.reading.text.glued import glued_edits
from graph.reading.text.interleave import interleave_edits
from graph.reading.text.spacing import spaced_edits
from graph.reading.text.words import BEFORE_HORN, consonants_only, known_word, one_syllable, with_horn

Edit = tuple[int, int, str, bool]

_ETH = "\u00d0"


def lookalike_edits(text: str) -> list[Edit]:
    """"Ð" (U+00D0) -> "Đ": the same glyph, the wrong letter (never Vietnamese)."""
    out = []
    at = text.find(_ETH)
    while at >= 0:
        if not _in_number(text, at):  # numbers are mended, with a warning, by graph.reading.restore.numbers
            out.append((at, at + 1, "Đ", False))
        at = text.find(_ETH, at + 1)
    return out


def _in_number(text: str, at: int) -> bool:
    """Whether ``text[at]`` stands in a token holding a digit and a slash (a document number)."""
    s = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    e = min(x for x in (text.find(" ", at), text.find("\n", at), len(text)) if x >= 0)
    token = text[s:e]
    return "/" in token and any(c.isdigit() for c in token)


_FONT_WORD = re.compile(r"[^\W\d_]*[ñð][^\W\d_]*")
MIN_FONT_WORDS = 2  # words that read as known syllables once mended


def font_edits(text: str) -> list[Edit]:
    """"ñ"/"ð" drawn for "đ"/"Đ" by a font: mended when at least two such words (and most of them) are
    then known syllables; "ð" or "ñ" opening a line or a sentence, or before a capital, is "Đ"."""
    if "ñ" not in text and "ð" not in text:
        return []
    words = list(_FONT_WORD.finditer(text))
    good = [m for m in words if known_word(m.group().replace("ñ", "đ").replace("ð", "đ"))]
    if len(good) < MIN_FONT_WORDS or len(good) < 0.6 * len(words):
        return []
    out = []
    for m in words:
        w = m.group()
        if not known_word(w.replace("ñ", "đ").replace("ð", "đ")) and not one_syllable(w.replace("ñ", "đ")):
            continue
        for k, c in enumerate(w):
            if c not in "ñð":
                continue
            at = m.start() + k
            nxt = text[at + 1:at + 2]
            capital = nxt.isupper() or (k == 0 and _opens_sentence(text, at)) if c == "ð" else nxt.isupper()
            out.append((at, at + 1, "Đ" if capital else "đ", True))
    return out


def _opens_sentence(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;"


# ------------------------------------------------------------------------------- TCVN3 lost "ư"

# a run of letters (each match a whole one: a search goes on after the run it found); a pattern that opens
# with a class is found fast, where one that opens with a look-behind is tried at every position
_WORD = re.compile(r"[^\W\d_]+")


def lost_u_edits(text: str) -> list[Edit]:
    """TCVN3 text that lost its "ư" byte: "trởng" -> "trưởng", "nớc" -> "nước", "t cách" -> "tư cách".
    A word changes only when it is no syllable as it stands (or a lone consonant cluster) and the word
    with "ư" is a known one."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if consonants_only(w):
            if (len(w) > 3 or known_word(w) or w.lower() == "đ"
                    or not _between_words(text, m.start(), m.end())):
                continue
            new, at = w + ("Ư" if w.isupper() and len(w) > 1 else "ư"), m.end()
        else:
            before = BEFORE_HORN.match(w)
            if before is None or known_word(w):
                continue
            k = before.end()
            horn = "Ư" if w[k].isupper() else "ư"
            new, at = w[:k] + horn + w[k:], m.start() + k
        if not known_word(new):
            continue
        out.append((at, at, new[at - m.start()], True))
    return out


def _between_words(text: str, start: int, end: int) -> bool:
    """Whether the words on both sides of ``text[start:end]`` are known words of two letters or more
    (a lone consonant among words lost its vowel; one among lone letters is letter-spacing)."""
    before = text[max(0, start - 12):start].split()
    after = text[end:end + 12].split()
    around = (before[-1:] or ["-"]) + (after[:1] or ["-"])
    words = [w.strip(",.;:()") for w in around]
    return all(len(w) > 1 and (known_word(w) or with_horn(w)) for w in words)


# ---------------------------------------------------------------------------------- glued words


def glyph_edits(text: str, encoding: str | None = None) -> list[Edit]:
    """All the edits of this module, sorted, none overlapping (the first of two that touch wins)."""
    horn = bool(encoding and "tcvn3" in encoding)
    joined: list[tuple[int, int]] = []
    edits = lookalike_edits(text) + font_edits(text) + spaced_edits(text, horn, joined)
    if horn:
        edits += [e for e in lost_u_edits(text) if not any(a <= e[0] <= b for a, b in joined)]
    edits += glued_edits(text) + interleave_edits(text)
    edits.sort()
    out: list[Edit] = []
    last = -1
    for e in edits:
        if e[0] < last or (out and e[0] == out[-1][0] and e[1] == e[0] == out[-1][1]):
            continue
        out.append(e)
        last = max(e[1], last)
    return out
