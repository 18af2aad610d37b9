"""Signatures: a signer's title in capitals (``KT. CHỦ TỊCH / PHÓ CHỦ TỊCH``) and the name under it.

The titles are looked for once per text (:func:`search_signer` then only tries the places found), since
a file is searched for signatures both when it is split into documents and when each document's
signer is read.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from graph.reading.documents.refdata import signer_titles, words_by_first_letter
from graph.text import unify_tones

_B = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"


def _signer_re() -> re.Pattern[str]:
    titles = words_by_first_letter(list(signer_titles()))  # a place tries the titles of its letter only
    first = "".join(sorted({re.escape(t[0]) for t in signer_titles()}))
    return re.compile(unify_tones(
        rf"(?=[{first}]){_B}(?P<title>{titles}){_E}[ \t]*\n?[ \t\n]{{0,6}}"
        rf"(?P<name>[^\W\d_]+(?:[ \t]{{1,2}}[^\W\d_]+){{1,5}})"
    ))


SIGNER_RE = _signer_re()
#: SIGNER_RE without its opening checks, tried at the places where a title starts a word
_SIGNER_AT_RE = re.compile(SIGNER_RE.pattern.split(_B, 1)[1])
#: a title alone: it starts with the titles, so the engine skips ahead to their first letters
_TITLE_RE = re.compile(unify_tones(rf"(?:{words_by_first_letter(list(signer_titles()))}){_E}"))
_LETTER_RE = re.compile(r"[^\W\d_]")


def _title_from_second_re() -> re.Pattern[str] | None:
    """The titles matched from their second letter, the first checked behind it ("H(?<=CH)Ủ\\s+TỊCH"): a
    capital after a capital is rarer than a capital, so the regex engine stops at fewer places. None when
    a title's first word is a single letter."""
    titles = sorted({unify_tones(t) for t in signer_titles()}, key=len, reverse=True)
    alts = []
    for title in titles:
        first, *rest = title.split()
        if len(first) < 2:
            return None
        body = r"\s+".join([re.escape(first[2:]), *map(re.escape, rest)])
        alts.append(f"{re.escape(first[1])}(?<={re.escape(first[:2])}){body}")
    return re.compile(f"(?:{'|'.join(alts)}){_E}")


#: the titles' matches start here, one letter after the title (or None: :data:`_TITLE_RE`, at the title)
_TITLE_FROM_SECOND_RE = _title_from_second_re()
#: the letters a match of the pattern scanned for titles opens with
_SCAN_LETTERS = sorted({unify_tones(t)[0 if _TITLE_FROM_SECOND_RE is None else 1] for t in signer_titles()})


def _finditer_from_letters(pattern: re.Pattern[str], letters: list[str], text: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a pattern whose matches are never empty and open with one of
    ``letters``, faster: the letters are found with ``str.find`` (the regex engine tests a set of letters
    at every place) and the pattern tried there only, in order, past the end of the match before."""
    places = []
    for letter in letters:
        at = text.find(letter)
        while at >= 0:
            places.append(at)
            at = text.find(letter, at + 1)
    places.sort()
    out = []
    after = 0
    for at in places:
        if at >= after and (m := pattern.match(text, at)) is not None:
            out.append(m)
            after = m.end()
    return out


@lru_cache(maxsize=1)  # every document of a file reads the same text
def _title_starts(match: str) -> list[int]:
    """Where a title starts a word in ``match`` (not to be changed: shared by the readers of one text).
    Every place where SIGNER_RE matches, whatever the bounds of the search, is among them."""
    found = []
    scan, shift = (_TITLE_RE, 0) if _TITLE_FROM_SECOND_RE is None else (_TITLE_FROM_SECOND_RE, 1)
    for m in _finditer_from_letters(scan, _SCAN_LETTERS, match):
        at = m.start() - shift
        found.append(at)
        # a title inside the one found: "PHÓ CHỦ TỊCH" holds "CHỦ TỊCH"
        found += [q for q in range(at + 1, m.end()) if match[q - 1].isspace() and _TITLE_RE.match(match, q)]
    return [p for p in found if p == 0 or not _LETTER_RE.match(match, p - 1)]


def search_signer(match: str, pos: int, end: int) -> re.Match[str] | None:
    """``SIGNER_RE.search(match, pos, end)``, faster: only the places where a title starts are tried."""
    starts = _title_starts(match)
    for k in range(bisect.bisect_left(starts, pos), len(starts)):
        if starts[k] >= end:
            return None
        m = _SIGNER_AT_RE.match(match, starts[k], end)
        if m is not None:
            return m
    return None


def _is_name_word(w: str) -> bool:
    return len(w) > 1 and w[0].isupper() and w[1:].islower()


def signer_name(words: list[str]) -> list[str]:
    """The leading words of ``words`` that make a person's name ("Nguyễn Văn An KẾ HOẠCH" -> 3)."""
    name = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if not _is_name_word(w) or (len(nxt) > 1 and nxt.isupper()):
            break  # "Trần Văn An KẾ HOẠCH ..." / "... An Kế HOẠCH": the next heading
        name.append(w)
    return name


def signature_ends(match: str, start: int, end: int) -> list[int]:
    """Where each signature (title in capitals, then a name) of ``match[start:end]`` ends."""
    out = []
    pos = start
    while True:
        m = search_signer(match, pos, end)
        if not m:
            return out
        pos = m.end("title")
        words = match[m.start("name"):m.end("name")].split()
        name = signer_name(words)
        if len(name) >= 2:
            out.append(match.index(name[-1], m.start("name")) + len(name[-1]))
