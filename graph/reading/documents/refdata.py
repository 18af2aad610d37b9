"""Reference data of the extraction, read once from ``graph/data/*.json``.

Document types and their number codes (``doc_types.json``), issuing bodies with their number codes
and levels (``issuers.json``), provinces with the city names of their place lines
(``provinces.json``) and the words of the citation grammar (``citation_grammar.json``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from graph.datafiles import read_json
from graph.reading.text.folding import cached_fold
from graph.text import fold, unify_tones


def _load(name: str) -> dict:
    return read_json(name, nfc=True)


def words_pattern(words: list[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any run of whitespace."""
    alts = sorted({unify_tones(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in alts)


def words_by_first_letter(words: list[str], after: str = "") -> str:
    """:func:`words_pattern` grouped by first character ("N(?:ghị\\s+định|ghị\\s+quyết)|Q(?:uyết...)"): the
    same matches in a case-sensitive pattern (phrases of one group keep their order, and only one group
    can match at a place), but a place tries the words of its own first letter only. ``after`` (a word
    end) is appended to each group: every alternative then opens with a literal character, and a
    pattern made only of such alternatives lets the regex engine skip ahead to their first letters."""
    alts = sorted({unify_tones(w) for w in words}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for w in alts:
        first, *rest = w.split()
        pieces = [re.escape(first[1:]), *map(re.escape, rest)]
        groups.setdefault(first[0], []).append(r"\s+".join(pieces) if rest else pieces[0])
    return "|".join(f"{re.escape(c)}(?:{'|'.join(g)}){after}" for c, g in groups.items())


@lru_cache(maxsize=1)
def doc_types() -> dict:
    return _load("doc_types.json")


@lru_cache(maxsize=1)
def issuers() -> dict:
    return _load("issuers.json")


@lru_cache(maxsize=1)
def grammar() -> dict:
    return _load("citation_grammar.json")


@lru_cache(maxsize=1)
def _provinces() -> dict:
    return _load("provinces.json")


@lru_cache(maxsize=1)
def type_by_word() -> dict[str, dict]:
    """Folded introducing word ('nghi dinh', 'van ban') -> type entry."""
    return {fold(w): t for t in doc_types()["types"] for w in t["words"]}


@lru_cache(maxsize=1)
def type_by_code() -> dict[str, str]:
    """Number code ('QĐ', 'CTr') -> type name; compared upper-cased."""
    return {c.upper(): t["name"] for t in doc_types()["types"] for c in t["codes"]}


@dataclass(frozen=True)
class Issuer:
    """An issuing body: its name (a template with ``{province}`` for local bodies) and level."""

    name: str
    level: str
    local: bool = False

    def spelled(self, province: str | None, on: dt.date | None = None) -> str:
        """The name of the body of ``province`` (as it was named on the date ``on``, when given)."""
        if not self.local:
            return self.name
        city = city_of(province, on)
        if city:
            # a centrally run city: "UBND thành phố Hà Nội", "Thành ủy Hải Phòng"
            name = self.name.replace("Tỉnh ủy {province}", f"Thành ủy {city}")
            return name.replace("tỉnh {province}", city_name(city)).replace("{province}", full_name(city))
        if province:
            return self.name.replace("{province}", province)
        return re.sub(r"\s+(?:tỉnh\s+)?\{province\}", "", self.name)


@lru_cache(maxsize=1)
def issuer_by_code() -> dict[str, Issuer]:
    """Issuer code of a number ('TTg', 'UBND', 'TW', 'QH') -> issuer; compared upper-cased."""
    data = issuers()
    out: dict[str, Issuer] = {}
    for group in ("central", "party"):
        for body in data[group]:
            for code in body["codes"]:
                out.setdefault(code.upper(), Issuer(body["name"], body["level"]))
    for body in data["local"]:
        for code in body["codes"]:
            out.setdefault(code.upper(), Issuer(body["name"], body["level"], local=True))
    return out


@lru_cache(maxsize=1)
def issuer_forms() -> list[tuple[re.Pattern[str], Issuer]]:
    """Anchored patterns of the ways bodies are named in text, most specific first."""
    data = issuers()
    out: list[tuple[str, Issuer]] = []
    for group in ("central", "party"):
        for body in data[group]:
            for form in body["forms"]:
                out.append((words_pattern([form]), Issuer(body["name"], body["level"])))
    for body in data["local"]:
        for form in body["forms"]:
            out.append((unify_tones(form), Issuer(body["name"], body["level"], local=True)))
    out.sort(key=lambda fi: -len(fi[0]))
    return [(re.compile(rf"(?:{p})(?![^\W\d_])", re.IGNORECASE), i) for p, i in out]


@lru_cache(maxsize=1)
def _issuer_alternation() -> tuple[re.Pattern[str], list[Issuer]]:
    """The forms in one alternation; the empty group that closes each names the form that matched
    (a group wrapping each form, opening its alternative, makes every match about four times slower)."""
    forms = issuer_forms()
    body = "|".join(f"(?:{p.pattern})(?P<i{i}>)" for i, (p, _) in enumerate(forms))
    return re.compile(body, re.IGNORECASE), [i for _, i in forms]


def match_issuer(text: str, pos: int, limit: int) -> tuple[re.Match[str], Issuer] | None:
    """The body named at ``text[pos:]`` (most specific form first), in one regex step."""
    pattern, bodies = _issuer_alternation()
    m = pattern.match(text, pos, limit)
    if not m:
        return None
    return m, bodies[int(m.lastgroup[1:])]


def signer_titles() -> dict[str, str]:
    return issuers()["signer_titles"]


@lru_cache(maxsize=1)
def centrally_run() -> frozenset[str]:
    """The cities run by the centre (thành phố trực thuộc Trung ương) under the names of their provinces."""
    return frozenset(_provinces()["centrally_run"])


@lru_cache(maxsize=1)
def _became_cities() -> dict[str, tuple[str, dt.date]]:
    """Province -> the centrally run city it became, and from when (Thừa Thiên Huế -> Huế, 2025-01-01)."""
    return {c["province"]: (c["city"], dt.date.fromisoformat(c["from"]))
            for c in _provinces()["became_cities"]}


def city_of(province: str | None, on: dt.date | None = None) -> str | None:
    """The centrally run city that ``province`` is ('Hà Nội'), or was on the date ``on`` ('Huế' for
    Thừa Thiên Huế from 2025-01-01); None for a province ('tỉnh')."""
    if not province:
        return None
    if province in centrally_run():
        return province
    became = _became_cities().get(province)
    return became[0] if became and on is not None and on >= became[1] else None


def full_name(province: str) -> str:
    """The province's name in full: 'Thành phố Hồ Chí Minh', whose name holds the word; else itself."""
    return _provinces()["city_names"].get(province, province)


def city_name(city: str) -> str:
    """'thành phố Hà Nội'; 'Thành phố Hồ Chí Minh', whose name holds the word."""
    return _provinces()["city_names"].get(city) or f"thành phố {city}"


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """Folded province name or alias ('my tho', 'kien giang') -> province name."""
    out: dict[str, str] = {}
    for p in _provinces()["provinces"]:
        out[fold(p["name"])] = p["name"]
        for alias in p["aliases"]:
            out.setdefault(fold(alias), p["name"])
    return out


@lru_cache(maxsize=1)
def province_pattern() -> str:
    """Alternation of province names (not aliases): 'An Giang|Bà Rịa - Vũng Tàu|...'."""
    names = [p["name"] for p in _provinces()["provinces"]]
    names += [a for p in _provinces()["provinces"] for a in p["aliases"]]
    return words_pattern(names)


_PROVINCE_WORD_RE = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")


def province_of(name: str | None) -> str | None:
    """The province a place or province name designates ('Vinh' -> 'Nghệ An'), else None."""
    if not name:
        return None
    key = cached_fold(name)  # the same places are named again and again
    key = _PROVINCE_WORD_RE.sub("", key)
    return province_names().get(key)


@lru_cache(maxsize=1)
def _districts() -> dict[str, str]:
    return _load("districts.json")["units"]


def district_province(kind: str, name: str) -> str | None:
    """The province of a unit below it ('huyện', 'Phú Quốc' -> 'Kiên Giang') when that kind and name
    were unique in the country before 1 July 2025; None when several provinces had one so named."""
    return _districts().get(fold(f"{kind} {name}"))
