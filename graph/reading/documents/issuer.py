"""Who issued a document, as its issuer block (above the motto) or its authority line says.

The block names units from the top down (``UBND TỈNH BẾN TRE / SỞ TƯ PHÁP``); the lowest one issued
the document. A unit below the province (``ỦY BAN NHÂN DÂN / HUYỆN BÌNH CHÁNH``, ``UBND THỊ XÃ ...``,
``UBND XÃ ...``) is named as such (``UBND huyện Bình Chánh``); its province is the one the block or
the text names, or the province of a city that bears the unit's name (``THÀNH PHỐ VINH``), or the one
province that had a unit of that kind and name before 1 July 2025 (``graph/data/districts.json``). A joint
document (``12/2005/TTLT-BTC-BNV``) is issued by every body its number names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.numbering import joint_bodies
from graph.reading.documents.refdata import (
    Issuer,
    centrally_run,
    district_province,
    issuer_by_code,
    issuer_forms,
    province_of,
)
from graph.reading.documents.title import PROVINCE_RE
from graph.reading.text.folding import cached_fold as fold
from graph.text import unify_tones

#: a line of the issuer block that names a new unit (not the wrapped end of the previous one)
_UNIT_START_RE = re.compile(unify_tones(
    r"(?:UBND|ỦY\s+BAN|SỞ|BỘ|TỈNH\s+ỦY|THÀNH\s+ỦY|HỘI\s+ĐỒNG|BAN|VĂN\s+PHÒNG|CHÍNH\s+PHỦ|THỦ\s+TƯỚNG"
    r"|QUỐC\s+HỘI|ĐẢNG|CỤC|TỔNG\s+CỤC|TRUNG\s+TÂM|UBND)(?![^\W\d_])"),
    re.IGNORECASE,
)
#: a people's committee or council below the province: "ỦY BAN NHÂN DÂN HUYỆN BÌNH CHÁNH"
_SUBUNIT_RE = re.compile(unify_tones(
    r"(?:CHỦ\s+TỊCH\s+)?(?P<body>ỦY\s+BAN\s+NHÂN\s+DÂN|UBND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|HĐND)\s+"
    r"(?P<kind>HUYỆN|QUẬN|THỊ\s+XÃ|THÀNH\s+PHỐ|TP\.?|XÃ|PHƯỜNG|THỊ\s+TRẤN|ĐẶC\s+KHU)\s+"
    r"(?P<name>[^\W_][^\W_]*(?:[ \t]+[^\W_]+){0,3})[ \t|.,]*$"),
    re.IGNORECASE,
)
_KIND = {"huyen": "huyện", "quan": "quận", "thi xa": "thị xã", "thanh pho": "thành phố", "tp": "thành phố",
         "tp.": "thành phố", "xa": "xã", "phuong": "phường", "thi tran": "thị trấn", "dac khu": "đặc khu"}


def _recase(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def subunit(line: str) -> tuple[Issuer, str | None] | None:
    """The committee or council of a unit below the province named by ``line``, with the province
    its name designates (``THÀNH PHỐ VINH`` -> Nghệ An). A city run by the centre is no such unit."""
    m = _SUBUNIT_RE.search(unify_tones(" ".join(line.split())))
    if not m:
        return None
    kind = _KIND.get(fold(m.group("kind")).replace("  ", " "), m.group("kind").lower())
    name = m.group("name")
    province = province_of(name)
    if kind == "thành phố" and province in centrally_run():
        return None  # a city run by the centre: "THÀNH PHỐ ĐÀ NẴNG"
    province = province or district_province(kind, name)
    body = "UBND" if fold(m.group("body")) in ("uy ban nhan dan", "ubnd") else "HĐND"
    return Issuer(f"{body} {kind} {_recase(name)}", "provincial", local=True), province


@lru_cache(maxsize=1024)
def issuer_from_block(block: str) -> tuple[Issuer | None, str | None]:
    """Issuer and province named by the issuer block above the motto (its lowest unit wins).

    Read once per distinct block: the reading depends on the block's text alone (and the reference
    data), and a body's documents repeat its block word for word."""
    lines: list[str] = []
    for ln in (ln.strip(" \t|") for ln in block.splitlines()):
        if not re.search(r"[^\W\d_]{2}", ln):
            continue
        if lines and not _UNIT_START_RE.match(unify_tones(ln)):
            lines[-1] += " " + ln  # a unit's name wrapped over two lines ("SỞ THÔNG TIN VÀ / TRUYỀN THÔNG")
        else:
            lines.append(ln)
    province = None
    for line in lines:
        if subunit(line) is None:
            pm = PROVINCE_RE.search(line)
            province = province or (province_of(pm.group("province")) if pm else None)
    for line in reversed(lines):
        key = fold(line)
        dept_at = re.search(r"(?i)(?<![^\W\d_])sở(?![^\W\d_])", line)
        if dept_at:
            dept = expand_agency(line[dept_at.start():], province)
            if fold(dept).startswith("so "):
                return Issuer(f"{dept} tỉnh {{province}}", "provincial", local=True), province
        sub = subunit(line)
        if sub:
            return sub[0], province or sub[1]
        unified = unify_tones(line)
        for pattern, issuer in issuer_forms():
            if pattern.search(unified):
                return issuer, province
        if "uy ban nhan dan" in key or key.startswith("ubnd"):
            return issuer_by_code()["UBND"], province
    return None, province


def joint_issuer(number: str) -> str | None:
    """'Bộ Tài chính - Bộ Nội vụ' for a joint document numbered '12/2005/TTLT-BTC-BNV', else None."""
    bodies = joint_bodies(number)
    if not bodies or any(body.local or body.level != "central" for body in bodies):
        return None
    return " - ".join(body.name for body in bodies)
