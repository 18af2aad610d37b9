"""Laws named in full: the list of names that hold a word which ends names elsewhere (``law_names.json``),
and what may follow a law's name: "số" as a word of it or before its number, the year it was passed."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.datafiles import read_json
from graph.reading.documents.patterns import WORD_END, compile_pattern
from graph.text import unify_tones

#: "số" that says a number follows (a number, "số:", "số hiệu", a blank left for it: "số …/QĐ", the end of
#: the text); any other "số" at the end of a name is a word of it ("Luật Chuyển đổi số ngày ...")
SO_OF_NUMBER_RE = compile_pattern(
    r"(?:số|Số|SỐ)(?:\.?[ \t\n]{0,3}(?::|\d|[.…_][.…_ \t]{0,20}/)|[ \t\n]{0,3}\Z|[ \t]{1,3}hiệu(?![^\W\d_]))")
_YEAR = r"(?:194[5-9]|19[5-9]\d|20\d\d|2100)(?![\w/]|[.,]\d|[ \t]{0,3}[-–][ \t]{0,3}\d)"
#: a year right after a law's name: the year it was passed ("Luật Đất đai năm 2013", "Luật Đất đai 2024")
_PASSED_IN = r"(?:ban[ \t]+hành|thông[ \t]+qua|công[ \t]+bố)[ \t]{1,3}năm[ \t]{1,3}"
LAW_YEAR_RE = compile_pattern(rf"[ \t]{{1,3}}(?:{_PASSED_IN}|(?:năm[ \t]{{1,3}})?)(?P<year>{_YEAR})")
#: "Luật tổ chức HĐND và UBND ban hành năm 2003": the year it was passed proves a name in small letters
PASSED_IN_YEAR_RE = compile_pattern(rf"[ \t]{{1,3}}{_PASSED_IN}{_YEAR}")
YEAR_WORD_RE = re.compile(_YEAR)
OF_AFTER_RE = compile_pattern(r"[ \t\n]{0,3},?[ \t\n]{1,3}của[ \t\n]{1,3}")
#: what may follow a law's year: the end of the clause or the line, or a word that goes on about the law
AFTER_YEAR_RE = compile_pattern(r"[ \t]{0,3}(?:[;,.:()\n]|\Z|(?:và|hoặc|đã|được|cùng)(?![^\W\d_]))")


@lru_cache(maxsize=1)
def known_law_names() -> re.Pattern[str]:
    """The names of ``law_names.json``, type word first, longest first, each ending at a word end; a comma
    of a name may be left out ("Luật Phòng chống tác hại của thuốc lá")."""
    names = sorted(read_json("law_names.json", nfc=True)["names"], key=len, reverse=True)
    spaced = (r"[ \t]{1,3}".join(map(re.escape, n.split())) for n in names)
    alternatives = "|".join(p.replace(r",[ \t]{1,3}", r"[ \t]{0,3},?[ \t]{1,3}") for p in spaced)
    return compile_pattern(rf"(?:{alternatives}){WORD_END}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known_law_name_starts() -> re.Pattern[str] | None:
    """What every name of :func:`known_law_names` opens with: its first word, the spaces after it and its
    second word (a comma after it left out); None when a name does not open so (one word, a comma after
    the first). A cheap check that rules out most places before the long alternation is tried."""
    names = [unify_tones(n).split() for n in read_json("law_names.json", nfc=True)["names"]]
    if any(len(words) < 2 or words[0].endswith(",") for words in names):
        return None
    firsts = sorted({re.escape(words[0]) for words in names}, key=len, reverse=True)
    seconds = sorted({re.escape(words[1].rstrip(",")) for words in names}, key=len, reverse=True)
    return compile_pattern(rf"(?:{'|'.join(firsts)})[ \t]{{1,3}}(?:{'|'.join(seconds)})", re.IGNORECASE)


def may_open_known_law_name(text: str, pos: int, limit: int) -> bool:
    """False where ``known_law_names().match(text, pos, limit)`` cannot match (most places: the names'
    first word and the first letter of their second rule them out), cheaply; True elsewhere."""
    starts = _known_law_name_starts()
    return starts is None or starts.match(text, pos, limit) is not None
