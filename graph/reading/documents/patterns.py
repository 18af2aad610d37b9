"""The patterns of a citation's head (type word, ``số`` and number, date, ``của`` and issuer), and
the word edges, case variants and pattern compiler the other grammar modules share."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from graph.reading.documents.dates import DATED
from graph.reading.documents.numbering import NUMBER
from graph.reading.documents.refdata import doc_types, province_pattern, words_by_first_letter
from graph.text import unify_tones

#: not preceded / followed by a letter
WORD_START = r"(?<![^\W\d_])"
WORD_END = r"(?![^\W\d_])"
#: "số" before the number, optional ("Quyết định 2345/QĐ-UBND"); "s" where the page lost its "ố" ("Nghị
#: định s20/2008/NĐ-CP", "s 63/2010/NĐ-CP")
_SO = r"(?:[ \t\n]{0,3}(?:số|SỐ|Số|s(?=[ \t]?\d))\.?)?[ \t\n]{0,3}:?[ \t\n]{0,3}"


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(unify_tones(pattern), flags)


def type_words() -> list[str]:
    return [w for t in doc_types()["types"] for w in t["words"]]


def case_variants(words: list[str]) -> list[str]:
    """Each phrase as written in running text, lower case, capitals and every word capitalised
    ('Nghị định', 'nghị định', 'NGHỊ ĐỊNH', 'Nghị Định'): cheaper to match than IGNORECASE."""
    out: set[str] = set()
    for w in map(unify_tones, words):
        out |= {w, w.lower(), w.upper(), w[:1].upper() + w[1:].lower(), w[:1].lower() + w[1:],
                _each_word_capitalised(w)}
    return sorted(out)


def _each_word_capitalised(phrase: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in phrase.split(" "))


TYPE_RE = compile_pattern(
    rf"(?=[{''.join(sorted({re.escape(v[0]) for v in case_variants(type_words())}))}])"
    rf"{WORD_START}(?P<type>{words_by_first_letter(case_variants(type_words()))}){WORD_END}"
)
#: TYPE_RE without its opening checks: it starts with the type words, so the regex engine skips ahead to
#: their first letters; :func:`search_type_word` checks the word start
_TYPE_SCAN_RE = compile_pattern(rf"(?P<type>{words_by_first_letter(case_variants(type_words()))}){WORD_END}")
_LETTER_RE = re.compile(r"[^\W\d_]")


def finditer_at_word_start(pattern: re.Pattern[str], text: str, pos: int,
                           end: int) -> Iterator[re.Match[str]]:
    """``re.compile(WORD_START + pattern.pattern).finditer(text, pos, end)`` (``pattern`` matching no empty
    string), faster when ``pattern`` starts with literals: the regex engine skips ahead to them, and the
    word start is checked here (a pattern that starts with a look-behind tries every position)."""
    while (m := pattern.search(text, pos, end)) is not None:
        if m.start() == 0 or not _LETTER_RE.match(text, m.start() - 1):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def finditer_at_line_start(pattern: re.Pattern[str], text: str, pos: int,
                            end: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, end)`` for a pattern that opens with ``(?m)^`` and whose matches
    neither are empty nor end on a line break, faster: the line breaks are searched with the rest of the
    pattern (a literal first, which the regex engine skips ahead to; ``^`` tries every position)."""
    after_break = _after_break(pattern)
    if pos == 0 or text[pos - 1] == "\n":
        m = pattern.match(text, pos, end)
        if m is not None:
            yield m
            pos = m.end()
    while (b := after_break.search(text, pos, end)) is not None:
        m = pattern.match(text, b.start() + 1, end)  # the same pattern matched there: not None
        if m is not None:
            yield m
        pos = m.end() if m is not None else b.start() + 1


class LineStartSearch:
    """``re.compile(rf"(?:^|(?<=\\n)){body}|{elsewhere}")`` searched faster. That pattern opens with a
    look-behind, so the regex engine tries it at every position; here ``body`` (no ``|`` outside brackets)
    is tried where the range starts, if a line starts there, and after each line break found by one
    search for the break and ``body``; ``elsewhere`` (opening with literals) is searched alone. The first
    match wins, ``body``'s on a tie, as in the alternation: :meth:`search` gives the same span."""

    def __init__(self, body: str, elsewhere: str | None = None) -> None:
        alternative = f"|{elsewhere}" if elsewhere is not None else ""
        self.pattern = re.compile(rf"(?:^|(?<=\n)){body}{alternative}")
        self._body = re.compile(body)
        self._after_break = re.compile(f"\n(?:{body})")
        self._elsewhere = re.compile(elsewhere) if elsewhere is not None else None

    def search(self, text: str, pos: int, end: int) -> re.Match[str] | None:
        """``self.pattern.search(text, pos, end)``: a match of the same span."""
        found = self._body.match(text, pos, end) if pos == 0 or text[pos - 1] == "\n" else None
        if found is None:
            brk = self._after_break.search(text, pos, end)
            found = self._body.match(text, brk.start() + 1, end) if brk is not None else None
        if self._elsewhere is not None:
            other = self._elsewhere.search(text, pos, end)
            if other is not None and (found is None or other.start() < found.start()):
                found = other
        return found


@lru_cache(maxsize=64)
def _after_break(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (opening with ``(?m)^``) opening with a line break instead of ``^``."""
    if not pattern.pattern.startswith("(?m)^"):
        raise ValueError(f"not a pattern opening with (?m)^: {pattern.pattern[:40]}")
    return re.compile("(?m)\n" + pattern.pattern[len("(?m)^"):], pattern.flags)


def search_type_word(text: str, pos: int, end: int) -> re.Match[str] | None:
    """``TYPE_RE.search(text, pos, end)``, faster (the same match, with the same groups)."""
    return next(finditer_at_word_start(_TYPE_SCAN_RE, text, pos, end), None)


def last_type_word(text: str, pos: int, end: int) -> re.Match[str] | None:
    """The last match of ``TYPE_RE.finditer(text, pos, end)``."""
    last = None
    for m in finditer_at_word_start(_TYPE_SCAN_RE, text, pos, end):
        last = m
    return last


NUMBER_RE = compile_pattern(rf"{_SO}(?P<number>{NUMBER})")
#: the date after a citation, past a "(sửa đổi)" the name of a law of the 1990s carries ("Luật Tổ chức HĐND
#: và UBND (sửa đổi) ngày 21 tháng 6 năm 1994") and the words that say it was passed or issued that day
#: ("… ban hành ngày 21/6/1994", "… được Quốc hội thông qua ngày …", "… công bố ngày …")
_AMENDED_MARK = r"(?:\((?:sửa\s+đổi|sửa\s+đổi,\s+bổ\s+sung)\)[ \t\n]{0,3})?"
PASSED_WORDS = (r"(?:được[ \t\n]{1,3}(?:Quốc[ \t\n]+hội[^;\n]{0,60}?[ \t\n])?)?"
                r"(?:thông[ \t\n]+qua|ban[ \t\n]+hành|công[ \t\n]+bố)[ \t\n]{1,3}")
DATE_AFTER_RE = compile_pattern(
    rf"[ \t\n]{{0,3}}{_AMENDED_MARK}(?:{PASSED_WORDS}(?=[Nn]gày))?,?[ \t\n]{{0,3}}(?P<dated>{DATED})")
#: before the issuer: "của", "do"; "của liên Bộ A và Bộ B", "giữa Bộ A và Bộ B" (joint circulars of the
#: 2000s)
OF_RE = compile_pattern(r"[ \t\n]{0,3},?[ \t\n]{1,3}(?:(?:của|do)(?:[ \t\n]{1,3}liên(?=[ \t\n]{1,3}Bộ))?"
                        r"|giữa)[ \t\n]{1,3}")
#: between the bodies of a joint document: "của Bộ Tài chính và Bộ Tư pháp", "..., Chính phủ và ..."
JOINT_ISSUER_SEP_RE = compile_pattern(r"[ \t\n]{0,3}(?:,|[ \t\n]và|[ \t\n]-)[ \t\n]{1,3}")
PROVINCE_AFTER_RE = compile_pattern(rf"[ \t]{{1,3}}(?P<province>{province_pattern()}){WORD_END}",
                                    re.IGNORECASE)
#: an "s" between the type word and the number: "số" was written
SAID_SO_RE = re.compile(r"[sS]")

# Scanning patterns start with plain literals (the regex engine then skips ahead fast); the left
# word boundary of a type word is checked in code (:func:`starts_word`).
_WRITTEN_TYPES = sorted({w for w in map(unify_tones, type_words())}
                        | {w[:1].upper() + w[1:].lower() for w in map(unify_tones, type_words())}
                        | {_each_word_capitalised(w) for w in map(unify_tones, type_words())})
#: type words as they open a citation in running text ("Nghị định", "Luật")
CAPITALISED_TYPE_RE = re.compile(rf"(?P<type>{words_by_first_letter(_WRITTEN_TYPES)}){WORD_END}")
#: "số" before a number: finds citations whose type word is in lower case or capitals
#: ("Số 78/2025/NĐ-CP" opens an item of a list; "Số: 12/QĐ-UBND" is a header line)
#: (each alternative opens with a letter, so that the regex engine skips ahead to "s" and "S")
_SO_ALTERNATIVES = [("s", "ố", r"[ \t\n]{0,3}:?[ \t\n]{0,3}\d"), ("S", "Ố", r"[ \t\n]{0,3}:?[ \t\n]{0,3}\d"),
                    ("S", "ố", r"[ \t]{0,3}\d")]
SO_RE = compile_pattern("|".join(f"{first}{second}{rest}" for first, second, rest in _SO_ALTERNATIVES))
#: SO_RE matched from its second letter, the first checked behind it ("ố(?<=số)..."), one pattern per
#: second letter: "ố" is rarer than "s", and a pattern opening with one literal letter lets the regex
#: engine search for it as fast as str.find (a choice of letters is tried at every position)
_SO_FROM_SECOND_RES = [
    compile_pattern("|".join(f"{second}(?<={first}{second}){rest}"
                             for first, second, rest in _SO_ALTERNATIVES if second == letter))
    for letter in dict.fromkeys(second for _, second, _ in _SO_ALTERNATIVES)]


def finditer_so(text: str, pos: int, end: int) -> list[re.Match[str]]:
    """``list(SO_RE.finditer(text, pos, end))``, faster: SO_RE's matches in the whole text are found once
    per text, and those inside ``[pos, end)`` given. A match holds "số" (any case), blanks or a colon, then
    a digit, the first character after "số" that is neither: it ends there whatever the range, so a range
    holds the same matches as the whole text; and none starts inside another (it holds one "s"), so they
    end in the order they start: those of the range are one slice, found by bisection."""
    starts, ends, matches = _so_matches(text)
    first = bisect.bisect_left(starts, pos)
    return matches[first:max(first, bisect.bisect_right(ends, end))]


@lru_cache(maxsize=8)
def _so_matches(text: str) -> tuple[list[int], list[int], list[re.Match[str]]]:
    """SO_RE's matches in ``text``, where they start and end, found from the rarer second letter ("ố")."""
    found = []
    for second in _SO_FROM_SECOND_RES:
        for hit in second.finditer(text, 1):
            m = SO_RE.match(text, hit.start() - 1)
            if m is not None:
                found.append(m)
    found.sort(key=_start)
    return [m.start() for m in found], [m.end() for m in found], found


def _start(m: re.Match[str]) -> int:
    return m.start()


def starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalpha() or text[pos - 1].isdigit())


#: "Ngày 19/11/2001, Ủy ban nhân dân tỉnh ban hành" just before a citation without date
ISSUED_ON_RE = compile_pattern(
    rf"{WORD_START}[Nn]gày[ \t]{{1,3}}(?P<date>\S{{1,12}}?)[ \t]{{0,3}},[ \t]{{0,3}}"
    rf"(?P<issuer>[^,;.\n]{{3,80}}?)"
    rf"[ \t]{{1,3}}(?:đã[ \t]{{1,3}})?ban[ \t]hành[ \t]{{1,3}}$"
)
