"""The capitals of the names in a title printed in capitals, once it is put in small letters.

The rules of writing capitals in administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục II) give
them back: bodies ("Sở Tài nguyên và Môi trường", "Trung tâm Phục vụ hành chính công", "Quốc hội"),
laws ("Luật Tổ chức chính quyền địa phương"), documents named by number ("Nghị định số …"), offices
before a body ("Chủ tịch Ủy ban nhân dân"), districts ("huyện Bá Thước") and abbreviations ("PTNT").
Only what the reference data knows, or what a number proves, gets a capital (``graph/data/capitals.json``
and the agency, issuer, law and district data): a wrong capital is worse than a missing one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from graph.datafiles import read_json
from graph.reading.documents.patterns import finditer_at_word_start
from graph.reading.documents.refdata import doc_types, issuers, words_by_first_letter
from graph.reading.text.folding import keep_fold
from graph.text import fold, unify_tones

_E = r"(?![^\W\d_])"
#: a word of consonants only (in folded letters): no Vietnamese syllable, an abbreviation (ptnt, cntt)
_NO_VOWEL_RE = re.compile(r"(?<!\w)[bcdfghjklmnpqrstvwxz]{2,}(?!\w)")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
#: a Roman numeral up to 89 in small letters (terms of office, sessions)
_ROMAN = r"(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})"
_DISTRICT_KINDS = ["huyện", "quận", "thị xã", "thành phố"]


@dataclass(frozen=True)
class _Tables:
    """The patterns (over text in small letters, tones placed one way) and the names as written."""

    names: re.Pattern[str]  # a known name, or a kind of body followed by a known function
    written: dict[str, str]  # such a name in small letters -> as written
    kinds: frozenset[str]  # the first words of kinds of bodies and law types, in small letters
    common_words: frozenset[str]  # "cơ sở", "cán bộ", "pháp luật": no body, no law
    generic_names: frozenset[str]  # "ngân hàng thương mại": a kind and a function, a common term
    offices: re.Pattern[str]
    office_written: dict[str, str]
    laws: re.Pattern[str]  # a law, code or ordinance followed by its number
    numbered: re.Pattern[str]  # a document type followed by its number
    abbreviations: re.Pattern[str]
    roman: re.Pattern[str]  # a Roman numeral after its word ("khóa xvi")
    districts: re.Pattern[str]
    district_names: frozenset[str]  # folded "huyen ba thuoc"


def _load(name: str) -> dict:
    return read_json(name, nfc=True)


def _small(phrase: str) -> str:
    return unify_tones(" ".join(phrase.lower().split()))


def _body_names(place_words: list[str]) -> list[str]:
    """The names of the bodies the agency and issuer data know, without a trailing place word."""
    agencies = _load("agency_aliases.json")
    found = [*agencies["bodies"], *agencies["aliases"].values()]
    data = issuers()
    found += [b["name"] for group in ("central", "party") for b in data[group]]
    trailing = re.compile(rf"\s+(?:{'|'.join(map(re.escape, place_words))})$")
    return [trailing.sub("", name) for name in found]


def _law_names(law_types: list[str]) -> list[str]:
    """The names of the laws, codes and ordinances of the catalog, written with their own capital."""
    names = []
    for doc in read_json("central_catalog.json")["documents"]:  # a large file: NFC on the names only
        name = unicodedata.normalize("NFC", doc.get("name") or "")
        kind = next((t for t in law_types if name.startswith(t + " ")), None)
        rest = name[len(kind) + 1:] if kind else ""
        if rest[:1].isupper() and not re.search(r"[\d()]", rest):
            names.append(name)
    return names


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = _load("capitals.json")
    place_words = _load("agency_aliases.json")["place_words"]
    types = doc_types()["types"]
    law_types = [t["name"] for t in types if t.get("by_name")]
    kinds = sorted(data["body_kinds"], key=len, reverse=True)
    names = list(data["names"]) + _law_names(law_types)
    functions = set()
    for name in _body_names(place_words):
        kind = next((k for k in kinds if name.startswith(k + " ")), None)
        rest = name[len(kind) + 1:] if kind else ""
        if rest[:1].isupper():
            functions.add(rest)
        elif not kind and sum(w[:1].isupper() for w in name.split()) >= 2:
            names.append(name)
    written = {_small(n): n for n in [*names, *(f"{k} {f}" for k in kinds for f in functions)]}
    kind_alt = words_by_first_letter([_small(k) for k in kinds])
    function_alt = words_by_first_letter([_small(f) for f in functions])
    name_alt = words_by_first_letter([_small(n) for n in names])
    offices = {_small(o): o for o in [*data["offices"], *issuers()["signer_titles"].values()]}
    abbreviations = {a.lower(): a for a in data["abbreviations"]}
    law_alt = words_by_first_letter([_small(t) for t in law_types])
    districts = _load("districts.json")  # the ambiguous names left out there are names all the same
    # a name of lower-case words after the type word, none opening another law or clause
    law_name = r"(?:\s(?!luật|của|sửa|bổ\s)[^\W\d_]+){1,12}?"
    return _Tables(
        names=re.compile(rf"(?:(?:{kind_alt})\s(?:{function_alt})|{name_alt}){_E}"),
        written=written,
        kinds=frozenset(_small(k).split()[0] for k in [*kinds, *law_types]),
        common_words=frozenset(_small(w) for w in data["common_words"]),
        generic_names=frozenset(_small(w) for w in data["generic_names"]),
        offices=re.compile(rf"(?:{words_by_first_letter(list(offices))})\s"),
        office_written=offices,
        laws=re.compile(rf"(?:{law_alt})(?P<name>{law_name})?\ssố\s\d"),
        numbered=re.compile(rf"(?:{words_by_first_letter([_small(t['name']) for t in types])})\ssố\s\d"),
        abbreviations=re.compile(rf"(?:{words_by_first_letter(list(abbreviations))}){_E}"),
        roman=re.compile(rf"(?:{words_by_first_letter([_small(w) for w in data['numbered_by_roman']])})"
                         rf"\s(?P<numeral>{_ROMAN}){_E}"),
        districts=re.compile(rf"(?:{words_by_first_letter(_DISTRICT_KINDS)})\s"),
        district_names=frozenset([*districts["units"], *districts["_left_out"]]),
    )


def restore_capitals(text: str) -> str:
    """``text`` (a title put in small letters) with the capitals of the names it holds given back."""
    t = _tables()
    chars = list(text)
    unified = unify_tones(text)
    if len(unified) != len(text):
        return text
    body_starts = set()
    for m in finditer_at_word_start(t.names, unified, 0, len(unified)):
        if m.group().split()[0] in t.kinds and _in_common_word(unified, m.start(), t.common_words):
            continue  # "cơ sở y tế", "cán bộ tài chính": a common word, no body
        if " ".join(m.group().split()) in t.generic_names:
            continue
        _write(chars, m.start(), t.written[" ".join(m.group().split())])
        body_starts.add(m.start())
    for m in finditer_at_word_start(t.offices, unified, 0, len(unified)):
        # "chủ tịch Ủy ban nhân dân", "giám đốc Sở Y tế", "chánh Văn phòng UBND" (the body in the office)
        if any(m.start() < start <= m.end() for start in body_starts):
            _write(chars, m.start(), t.office_written[" ".join(m.group().split())])
    for m in finditer_at_word_start(t.laws, unified, 0, len(unified)):
        if not _in_common_word(unified, m.start(), t.common_words):  # not "pháp luật số", "kỷ luật số"
            _capitalize(chars, m.start())
            if m.group("name"):
                _capitalize(chars, m.start("name") + 1)
    for m in finditer_at_word_start(t.numbered, unified, 0, len(unified)):
        if not _in_common_word(unified, m.start(), t.common_words):  # "nghị định số 120/2020/NĐ-CP"
            _capitalize(chars, m.start())
    for m in finditer_at_word_start(t.districts, unified, 0, len(unified)):
        _district(chars, unified, m.start(), m.end(), t.district_names)
    folded = keep_fold(text)
    for m in _NO_VOWEL_RE.finditer(folded):
        if text[m.start():m.end()].islower() and not text[:m.start()].rstrip()[-1:].isdigit():
            _upper(chars, m.start(), m.end())  # "ptnt", not the unit of "110 kv"
    for m in finditer_at_word_start(t.abbreviations, unified, 0, len(unified)):
        _upper(chars, m.start(), m.end())
    for m in finditer_at_word_start(t.roman, unified, 0, len(unified)):
        _upper(chars, m.start("numeral"), m.end("numeral"))
    return "".join(chars)


def _in_common_word(text: str, pos: int, common_words: frozenset[str]) -> bool:
    """Whether the word at ``pos`` ends a common word with the word before it ("cơ sở", "pháp luật")."""
    before = text[max(0, pos - 12):pos].split()
    first = _LETTERS_RE.match(text, pos)
    return bool(before and first) and f"{before[-1]} {first.group()}" in common_words


def _write(chars: list[str], pos: int, written: str) -> None:
    """Give the words from ``pos`` on the capitals of the words of ``written``."""
    at = pos
    for word in written.split():
        while chars[at].isspace():
            at += 1
        if word.isupper() and len(word) > 1:
            _upper(chars, at, at + len(word))
        elif word[:1].isupper():
            _capitalize(chars, at)
        at += len(word)


def _district(chars: list[str], unified: str, kind_start: int, name_start: int,
              names: frozenset[str]) -> None:
    """Capitals for the name after a district's kind word ("huyện bá thước") when the data knows it."""
    words: list[re.Match[str]] = []
    for w in _LETTERS_RE.finditer(unified, name_start, min(len(unified), name_start + 40)):
        if len(words) == 4 or w.start() != (words[-1].end() + 1 if words else name_start):
            break  # the name goes on over single spaces only
        words.append(w)
    for n in range(len(words), 0, -1):
        if fold(unified[kind_start:words[n - 1].end()]) in names:
            for w in words[:n]:
                _capitalize(chars, w.start())
            return


def _capitalize(chars: list[str], pos: int) -> None:
    upper = chars[pos].upper()
    if len(upper) == 1:
        chars[pos] = upper


def _upper(chars: list[str], start: int, end: int) -> None:
    for pos in range(start, end):
        _capitalize(chars, pos)
