"""The patterns of a citation's head (type word, ``số`` and number, date, ``của`` and issuer), and
the word edges, case variants and pattern compiler the other grammar modules share."""

from __future__ import annotations

import re

from graph.reading.documents.dates import DATED
from graph.reading.documents.numbering import NUMBER
from graph.reading.documents.refdata import doc_types, province_pattern, words_by_first_letter
from graph.text import unify_tones

#: not preceded / followed by a letter
WORD_START = r"(?<![^\W\d_])"
WORD_END = r"(?![^\W\d_])"
#: "số" before the number, optional ("Quyết định 2345/QĐ-UBND")
_SO = r"(?:[ \t\n]{0,3}(?:số|SỐ|Số)\.?)?[ \t\n]{0,3}:?[ \t\n]{0,3}"


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
NUMBER_RE = compile_pattern(rf"{_SO}(?P<number>{NUMBER})")
DATE_AFTER_RE = compile_pattern(rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}(?P<dated>{DATED})")
OF_RE = compile_pattern(r"[ \t\n]{0,3},?[ \t\n]{1,3}(?:của|do)[ \t\n]{1,3}")
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
SO_RE = compile_pattern(r"(?:số|SỐ)[ \t\n]{0,3}:?[ \t\n]{0,3}\d|Số[ \t]{0,3}\d")


def starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalpha() or text[pos - 1].isdigit())


#: "Ngày 19/11/2001, Ủy ban nhân dân tỉnh ban hành" just before a citation without date
ISSUED_ON_RE = compile_pattern(
    rf"{WORD_START}[Nn]gày[ \t]{{1,3}}(?P<date>\S{{1,12}}?)[ \t]{{0,3}},[ \t]{{0,3}}"
    rf"(?P<issuer>[^,;.\n]{{3,80}}?)"
    rf"[ \t]{{1,3}}(?:đã[ \t]{{1,3}})?ban[ \t]hành[ \t]{{1,3}}$"
)
