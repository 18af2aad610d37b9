"""Graph keys: the same document, agency, project or target gets the same key wherever it appears.

Document keys combine issuer scope, number and year (the year inside the number when there is one,
else the year of the date) -- ``VN:64/2007/NĐ-CP``, ``VN:1255/QĐ-TTg:2011``,
``Kiên Giang:1891/QĐ-UBND:2016``, ``TW:36-NQ/TW:2014`` -- because numbers restart every year and
every issuer. Scope is ``VN`` for central state bodies, ``TW`` for the central Party, and the
province for local documents (state or Party). Laws cited by name resolve to their number through
:mod:`graph.loaders.catalog`; unresolved they keep a name key (``VN:Luật Công nghệ thông tin:2006``).
Agencies: ``agency:<province or VN>:<name>``. Projects and targets: the document key plus a
stable hash of their normalised text.

Numbers keep their printed case for display; :func:`fold_key` compares keys case-insensitively.
Reference data (issuer codes, central bodies, provinces, abbreviations) lives in
``graph/data/key_rules.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from graph.datafiles import read_json
from graph.text import fold, nfc, unify_tones
from graph.vocabulary import CENTRAL, PARTY, PROVINCIAL

CENTRAL_SCOPE = "VN"
PARTY_CENTRAL_SCOPE = "TW"
UNKNOWN_SCOPE = "?"
ATTACHED_SUFFIX = "#kèm-theo"

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]")
_SPACES = re.compile(r"\s+")
_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")


@cache
def rules() -> dict[str, Any]:
    """The reference data of ``graph/data/key_rules.json``."""
    return read_json("key_rules.json")


def normalize_text(text: str) -> str:
    """NFC, one tone-mark style, ``Ð`` (eth) -> ``Đ``, dashes unified, spaces collapsed."""
    text = unify_tones(nfc(text)).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    return _SPACES.sub(" ", _DASHES.sub("-", text)).strip()


@lru_cache(maxsize=65536)
def normalize_number(number: str) -> str:
    """A document number as printed, cleaned: no whitespace, one dash, NFC, ``Ð`` -> ``Đ``; case kept."""
    return _SPACES.sub("", normalize_text(number))


def number_year(number: str | None) -> int | None:
    """The year written inside a number (``64/2007/NĐ-CP`` -> 2007), else None."""
    if not number:
        return None
    m = _YEAR_IN_NUMBER.search(normalize_number(number) + "/")
    return int(m.group(1)) if m else None


@lru_cache(maxsize=65536)
def issuer_code(number: str | None) -> str | None:
    """The issuer's code inside a number: ``NĐ-CP`` -> ``CP``, ``TT-BKH`` -> ``BKH``,
    ``1178/BTTTT-THH`` -> ``BTTTT``, ``36-NQ/TW`` -> ``TW``, ``64-CTr/TU`` -> ``TU``."""
    if not number:
        return None
    parts = [p for p in normalize_number(number).split("/")[1:] if not p.isdigit()]
    if not parts:
        return None
    last = parts[-1]
    pieces = last.split("-")
    if len(pieces) == 1:
        return pieces[0]
    # "NĐ-CP", "QĐ-UBND": type then issuer; "BTTTT-THH": issuer then unit (issuer codes of
    # ministries start with B, of departments with S)
    first, second = pieces[0], pieces[-1]
    if (_matches(first, "central_codes") or _matches(first, "local_codes")) and not _is_type_code(first):
        return first
    return second


_TYPE_CODES = {"QĐ", "NĐ", "NQ", "TT", "CT", "KH", "CV", "TTr", "BC", "ĐA", "CTr", "QC", "TB", "HD"}


def _is_type_code(code: str) -> bool:
    return code in _TYPE_CODES or code.upper() in {c.upper() for c in _TYPE_CODES}


@cache
def _code_patterns(name: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in rules()[name]))


def _matches(code: str, name: str) -> bool:
    return bool(_code_patterns(name).fullmatch(code))


@cache
def _folded_rule(name: str) -> tuple[str, ...]:
    return tuple(fold(n) for n in rules()[name])


@lru_cache(maxsize=65536)
def _starts_with_rule(text: str, name: str) -> bool:
    folded = fold(text)
    return any(folded == n or folded.startswith(n + " ") for n in _folded_rule(name))


@cache
def provinces() -> tuple[str, ...]:
    """The 63 provinces and centrally-run cities, longest name first (for matching)."""
    return tuple(sorted(rules()["provinces"], key=len, reverse=True))


def province_of(text: str | None) -> str | None:
    """The province named in an issuer or agency (``UBND tỉnh Kiên Giang`` -> ``Kiên Giang``)."""
    if not text:
        return None
    return _province_of(text)


@cache
def _folded_provinces() -> tuple[tuple[str, str], ...]:
    return tuple((f" {_casefold(name)} ", name) for name in provinces())


@lru_cache(maxsize=65536)
def _province_of(text: str) -> str | None:
    folded = f" {_casefold(text)} "
    for pattern, name in _folded_provinces():
        if pattern in folded:
            return name
    return None


def _casefold(text: str) -> str:
    return re.sub(r"[\s,.;:()]+", " ", normalize_text(text).casefold())


@lru_cache(maxsize=65536)
def level_of(issuer: str | None, number: str | None, given: str | None = None) -> str | None:
    """``central``, ``provincial`` or ``party`` from what is known (an explicit level wins)."""
    if given:
        return given
    if issuer:
        if any(_starts_with_rule(issuer, r) for r in ("party_central_issuers", "local_party_issuers")):
            return PARTY
        if province_of(issuer):
            return PROVINCIAL
        if _starts_with_rule(issuer, "central_issuers"):
            return CENTRAL
    code = issuer_code(number)
    if code:
        if _matches(code, "party_central_codes") or code.upper() in {"TU", "TƯ"}:
            return PARTY
        if _matches(code, "central_codes"):
            return CENTRAL
        if _matches(code, "local_codes"):
            return PROVINCIAL
    return None


def is_central_party(issuer: str | None, number: str | None) -> bool:
    if issuer and _starts_with_rule(issuer, "party_central_issuers"):
        return True
    code = issuer_code(number)
    return bool(code and _matches(code, "party_central_codes") and not province_of(issuer))


def scope_of(level: str | None, issuer: str | None, number: str | None, province: str | None) -> str:
    """``VN`` (central state), ``TW`` (central Party) or the province of a local document."""
    if level == CENTRAL:
        return CENTRAL_SCOPE
    if level == PARTY and is_central_party(issuer, number):
        return PARTY_CENTRAL_SCOPE
    return province_of(issuer) or province or UNKNOWN_SCOPE


def _year(number: str | None, date: dt.date | str | None) -> int | None:
    year = number_year(number)
    if year is None and date:
        year = date.year if isinstance(date, dt.date) else int(str(date)[:4])
    return year


def document_key(scope: str, number: str, year: int | None) -> str:
    """``<scope>:<number>`` when the number holds its year, else ``<scope>:<number>:<year>``."""
    number = normalize_number(number)
    if number_year(number) is not None or year is None:
        return f"{scope}:{number}"
    return f"{scope}:{number}:{year}"


def name_key(scope: str, name: str, year: int | None) -> str:
    """Key of a document known only by its name (a law cited without number)."""
    name = canonical_name(name)
    if len(name) > 120:
        name = f"{name[:80]}…{stable_hash(name)}"
    return f"{scope}:{name}" + (f":{year}" if year else "")


#: a date or number written after a name ("Luật Đất đai ngày 29/11/2013", "… số 45/2013/QH13"): not part of
#: it. Only before a digit: "một số điều", "Luật Chuyển đổi số" keep their "số"
_DATE_TAIL = re.compile(r"\s+(?:ngày|số)\s*:?\s*\d.*$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def canonical_name(name: str) -> str:
    """A name as a key part: normalised, abbreviations spelt out, trailing 'ngày …' dropped."""
    text = _DATE_TAIL.sub("", normalize_text(name)).strip(" .;,:")
    for pattern, full in _name_words():
        text = pattern.sub(full, text)
    return text[:1].upper() + text[1:]


@cache
def _name_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The abbreviations of ``name_words`` as whole-word patterns, with what they stand for."""
    return tuple((re.compile(rf"(?<!\w){re.escape(short)}(?!\w)"), full)
                 for short, full in rules()["name_words"].items())


def stable_hash(text: str, length: int = 10) -> str:
    """A short hash of folded text: the same words give the same hash across runs and machines."""
    return hashlib.blake2b(fold(normalize_text(text)).encode("utf-8"), digest_size=16).hexdigest()[:length]


def item_key(document: str, kind: str, text: str) -> str:
    """Key of a project or target of a document: ``<document key>#<kind>:<hash of its text>``."""
    return f"{document}#{kind}:{stable_hash(text)}"


@lru_cache(maxsize=65536)
def fold_key(key: str) -> str:
    """Case-insensitive form of a key, for comparing (``64/2007/NĐ-CP`` == ``64/2007/Nđ-CP``)."""
    return normalize_text(key).casefold()


# --- agencies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyRef:
    """An agency with its scope: the key and the name to show."""

    key: str
    name: str
    scope: str


@lru_cache(maxsize=65536)
def agency_ref(name: str, province: str | None) -> AgencyRef:
    """The agency called ``name``; a local body belongs to ``province`` (or the province it names).

    Central bodies (Chính phủ, Thủ tướng Chính phủ, Bộ …, Quốc hội, Bộ Chính trị) are national.
    """
    name = normalize_text(name)
    named = province_of(name)
    if _starts_with_rule(name, "central_issuers") and not named:
        scope = CENTRAL_SCOPE
    elif _starts_with_rule(name, "party_central_issuers"):
        scope = PARTY_CENTRAL_SCOPE
    else:
        scope = named or province or UNKNOWN_SCOPE
    canonical = canonical_name(name)
    if named and scope == named:  # "Sở TT&TT tỉnh Cà Mau" -> "Sở Thông tin và Truyền thông"
        stripped = _strip_province(canonical, named)
        canonical = stripped or canonical
    return AgencyRef(key=f"agency:{scope}:{canonical}", name=name, scope=scope)


def _strip_province(name: str, province: str) -> str:
    stripped = _province_tail(province).sub("", name).strip(" ,-")
    # the head body keeps its level word: "Ủy ban nhân dân tỉnh", "Tỉnh ủy"
    if stripped and stripped.split()[-1].lower() in {"nhân", "dân"}:
        stripped += " tỉnh"
    return stripped


@lru_cache(maxsize=256)
def _province_tail(province: str) -> re.Pattern[str]:
    """``[tỉnh|thành phố …] <province>`` at the end of a name (made once per province)."""
    prefixes = "|".join(re.escape(p) for p in rules()["province_prefixes"])
    return re.compile(rf"\s*(?:(?:{prefixes})\s+)?{re.escape(province)}\s*$", re.IGNORECASE)
