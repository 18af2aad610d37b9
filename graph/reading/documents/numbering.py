"""Document numbers: how a number is written (``47/2020/NĐ-CP``, ``05-NQ/TW``, ``215 /KH-UBND``) and
what its letter codes say about the document (its type and who issued it)."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.refdata import Issuer, doc_types, issuer_by_code, type_by_code

#: "KH &ĐT": a web page's space before the "&" of a code (its tags split "KH&ĐT"); never after it. "TT.HĐND"
#: (Thường trực HĐND): a code of two joined by a dot, the second in capitals
_CODE_TAIL = r"(?:[ \t]&[A-ZĐ][A-Za-zĐđ]{0,6}|\.[A-ZĐ]{2,6}(?![a-zđ]))?"
#: a code inside a number: QĐ, NĐ, CP, TTg, CTr, BTTTT, QH13, HĐND, KH&ĐT, TT.HĐND
CODE = rf"[A-ZĐ][A-Za-zĐđ&]{{0,9}}{_CODE_TAIL}\d{{0,2}}"
_DASH = r"[ \t]{0,2}[-–][ \t]{0,2}"
_SLASH = r"[ \t]{0,2}/[ \t]{0,2}"
#: the one code of a number of the 1980s and early 1990s, after a dash: 196-HĐBT, 64-TTg, 25-CP
#: (capitals only, so that "3-Ban" is no number)
_OLD_CODE = r"(?:[A-ZĐ][A-ZĐ&]{1,8}|TTg)"
#: a code after a dash, where the issuers of a joint document are named, may be longer and spell
#: "Trung ương" with Ư: ĐCTUBTWMTTQVN (Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam), UBTƯMTTQVN
_ISSUER_CODE = rf"[A-ZĐ][A-Za-zĐđƯ&]{{0,14}}{_CODE_TAIL}\d{{0,2}}"
#: a page that glued "ngày" to the number ("156/2013/NĐ-CPngày 11 tháng 11 năm 2013"): the number ends there
_GLUED_DATE = r"(?=ngày(?![^\W\d_]))"
#: document numbers: 47/2020/NĐ-CP, 2345/QĐ-UBND, 05-NQ/TW, 12-CTr/TU, 2290/BTTTT-KHTC, 12a/NQ-CP,
#: 80/2015/QH13, 215 /KH-UBND, 318/QĐ - UBND; 196-HĐBT; joint documents, their issuers joined by
#: dashes: 04/1999/TTLT/BKH-BTC, 72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN, 01/2017/TTLT-VKSNDTC-TANDTC-BCA-BQP
NUMBER = (
    rf"\d{{1,5}}[a-zđ]?(?:{_SLASH}(?:19|20)\d{{2}})?"
    rf"(?:{_SLASH}{CODE}{_SLASH}{CODE}(?:{_DASH}{_ISSUER_CODE}){{0,5}}"
    rf"|{_SLASH}{CODE}(?:{_DASH}{_ISSUER_CODE}){{0,5}}"
    rf"|{_DASH}{CODE}{_SLASH}{CODE}|{_DASH}{_OLD_CODE})(?:(?![\w/])|{_GLUED_DATE})"
)


@lru_cache(maxsize=4096)
def number_key(number: str) -> str:
    return "".join(number.split()).replace("–", "-").lower()


def clean_number(raw: str) -> str:
    """As printed, whitespace removed: '58 /KH-UBND' -> '58/KH-UBND' (``str.split`` splits on what
    ``\\s`` matches)."""
    return "".join(raw.split()).replace("–", "-")


_CODE_SPLIT_RE = re.compile(r"[-/]")
#: the term after a code ("QH15", "UBTVQH15")
_TRAILING_DIGITS_RE = re.compile(r"\d+$")


@lru_cache(maxsize=4096)  # a number is cited again and again (type, issuer, joint issuers)
def number_codes(number: str) -> tuple[str, ...]:
    """The letter codes of a number: '47/2020/NĐ-CP' -> ('NĐ', 'CP'); '05-NQ/TW' -> ('NQ', 'TW')."""
    return tuple(c for c in _CODE_SPLIT_RE.split(number) if c and not c[0].isdigit())


@lru_cache(maxsize=1)
def _law_code_re() -> re.Pattern[str]:
    """A Quốc hội code, its term after it (QH13): any of ``law_codes`` followed by digits."""
    return re.compile(rf"(?:{'|'.join(f'(?:{c})' for c in doc_types()['law_codes'])})\d*")


@lru_cache(maxsize=4096)
def type_from_number(number: str) -> str | None:
    """Document type written in the number ('QĐ' -> Quyết định; a Quốc hội code -> Luật). The type code
    comes first ("2345/QĐ-UBND", "04/1999/TTLT/BKH-BTC"): in "628/BNN-TT" (a Công văn of the Bộ Nông
    nghiệp, its department "TT") the "TT" after the issuer is not Thông tư."""
    by_code = type_by_code()
    codes = number_codes(number)
    if codes and codes[0].upper() in by_code:
        return by_code[codes[0].upper()]
    if codes and _law_code_re().fullmatch(codes[-1]):
        return "Luật"
    if codes:
        return doc_types()["letter_type"]
    return None


def issuer_from_number(number: str, province: str | None) -> tuple[Issuer | None, str | None]:
    """Issuer written in the number ('QĐ-TTg' -> Thủ tướng Chính phủ; 'TTr-STTTT' -> a Sở of the
    province), and the spelled-out name; every body of a joint document ('TTLT-BTC-BNV' -> 'Bộ Tài chính -
    Bộ Nội vụ')."""
    joint = joint_bodies(number)
    if joint and all(not body.local for body in joint):
        return joint[0], " - ".join(body.name for body in joint)
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


@lru_cache(maxsize=4096)
def joint_bodies(number: str) -> tuple[Issuer, ...]:
    """The bodies a joint document's number names, when it names two or more and every issuer code
    is known ('12/2005/TTLT-BTC-BNV' -> Bộ Tài chính, Bộ Nội vụ); else ()."""
    codes = number_codes(number)
    if len(codes) < 2:  # one body at most
        return ()
    by_code, by_type = issuer_by_code(), type_by_code()
    bodies: list[Issuer] = []
    for code in codes:
        up = code.upper()
        if up in by_type and up not in by_code:
            continue
        body = by_code.get(up) or by_code.get(_TRAILING_DIGITS_RE.sub("", up))
        if body is None:
            return ()
        if body not in bodies:
            bodies.append(body)
    return tuple(bodies) if len(bodies) >= 2 else ()
