"""Document numbers: how a number is written (``47/2020/NĐ-CP``, ``05-NQ/TW``, ``215 /KH-UBND``) and
what its letter codes say about the document (its type and who issued it)."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.refdata import Issuer, doc_types, issuer_by_code, type_by_code

#: a code inside a number: QĐ, NĐ, CP, TTg, CTr, BTTTT, QH13, HĐND, KH&ĐT
CODE = r"[A-ZĐ][A-Za-zĐđ&]{0,9}\d{0,2}"
_DASH = r"[ \t]{0,2}[-–][ \t]{0,2}"
_SLASH = r"[ \t]{0,2}/[ \t]{0,2}"
#: the one code of a number of the 1980s and early 1990s, after a dash: 196-HĐBT, 64-TTg, 25-CP
#: (capitals only, so that "3-Ban" is no number)
_OLD_CODE = r"(?:[A-ZĐ][A-ZĐ&]{1,8}|TTg)"
#: document numbers: 47/2020/NĐ-CP, 2345/QĐ-UBND, 05-NQ/TW, 12-CTr/TU, 2290/BTTTT-KHTC, 12a/NQ-CP,
#: 80/2015/QH13, 215 /KH-UBND, 318/QĐ - UBND; joint circulars 04/1999/TTLT/BKH-BTC; 196-HĐBT
NUMBER = (
    rf"\d{{1,5}}[a-zđ]?(?:{_SLASH}(?:19|20)\d{{2}})?"
    rf"(?:{_SLASH}{CODE}{_SLASH}{CODE}(?:{_DASH}{CODE}){{1,3}}|{_SLASH}{CODE}(?:{_DASH}{CODE}){{0,2}}"
    rf"|{_DASH}{CODE}{_SLASH}{CODE}|{_DASH}{_OLD_CODE})(?![\w/])"
)


@lru_cache(maxsize=4096)
def number_key(number: str) -> str:
    return "".join(number.split()).replace("–", "-").lower()


def clean_number(raw: str) -> str:
    """As printed, whitespace removed: '58 /KH-UBND' -> '58/KH-UBND' (``str.split`` splits on what
    ``\\s`` matches)."""
    return "".join(raw.split()).replace("–", "-")


_CODE_SPLIT_RE = re.compile(r"[-/]")


@lru_cache(maxsize=4096)  # a number is cited again and again (type, issuer, joint issuers)
def number_codes(number: str) -> tuple[str, ...]:
    """The letter codes of a number: '47/2020/NĐ-CP' -> ('NĐ', 'CP'); '05-NQ/TW' -> ('NQ', 'TW')."""
    return tuple(c for c in _CODE_SPLIT_RE.split(number) if c and not c[0].isdigit())


@lru_cache(maxsize=4096)
def type_from_number(number: str) -> str | None:
    """Document type written in the number ('QĐ' -> Quyết định; a Quốc hội code -> Luật)."""
    by_code = type_by_code()
    codes = number_codes(number)
    for code in codes:
        if code.upper() in by_code:
            return by_code[code.upper()]
    law_codes = doc_types()["law_codes"]
    if codes and any(re.fullmatch(rf"{c}\d*", codes[-1]) for c in law_codes):
        return "Luật"
    if codes:
        return doc_types()["letter_type"]
    return None


def issuer_from_number(number: str, province: str | None) -> tuple[Issuer | None, str | None]:
    """Issuer written in the number ('QĐ-TTg' -> Thủ tướng Chính phủ; 'TTr-STTTT' -> a Sở of the
    province), and the spelled-out name."""
    by_code = issuer_by_code()
    by_type = type_by_code()
    for code in number_codes(number):
        up = code.upper()
        if up in by_type and up not in by_code:
            continue
        base = re.sub(r"\d+$", "", up)
        hit = by_code.get(up) or by_code.get(base)
        if hit:
            return hit, hit.spelled(province)
        if up.startswith("S") and len(up) >= 3:
            dept = expand_agency(code, province)
            if dept.startswith("Sở "):
                spelled = f"{dept} tỉnh {province}" if province else dept
                return Issuer(dept + " {province}", "provincial", local=True), spelled
    return None, None
