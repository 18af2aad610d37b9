"""Who issued a document, as its issuer block (above the motto) or its authority line says.

The block names units from the top down (``UBND TỈNH BẾN TRE / SỞ TƯ PHÁP``); the lowest one issued
the document. A unit below the province (``ỦY BAN NHÂN DÂN / HUYỆN BÌNH CHÁNH``, ``UBND THỊ XÃ ...``,
``UBND XÃ ...``) is named as such (``UBND huyện Bình Chánh``); its province is the one the block or
the text names, or the province of a city that bears the unit's name (``THÀNH PHỐ VINH``), or the one
province that had a unit of that kind and name before 1 July 2025 (``graph/data/districts.json``). A city
run by the centre (``THÀNH PHỐ HỒ CHÍ MINH``, ``TP. HÀ NỘI``; Huế from 2025) is the province itself, named
bare ("Hồ Chí Minh"); its bodies are the city's ("Ban Chấp hành Đảng bộ Thành phố" -> "... Thành phố Hồ Chí
Minh"), never "tỉnh <city>". A joint document (``12/2005/TTLT-BTC-BNV``) is issued by every body its number
names.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.numbering import joint_bodies
from graph.reading.documents.refdata import (
    Issuer,
    centrally_run,
    city_name,
    city_of,
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


#: a body named by the word of its unit without the unit's name: "Ban Chấp hành Đảng bộ Thành phố",
#: "Ban Kinh tế - Ngân sách HĐND tỉnh", "Ban Tuyên giáo Thành ủy"
_UNIT_WORD_END_RE = re.compile(unify_tones(
    r"\s(?:(?P<province>tỉnh)|(?P<city>thành\s+phố|TP\.?)|(?P<party>tỉnh\s+ủy|thành\s+ủy))$"), re.IGNORECASE)
#: a unit's word and name inside a body's name ("Sở Tư pháp tỉnh Bến Tre", "Phòng Y tế thành phố Vinh")
_UNIT_NAMED_RE = re.compile(unify_tones(r"(?<![^\W\d_])(?:tỉnh|thành\s+phố|TP\.?)\s+[^\W\d_]"), re.IGNORECASE)


#: a committee or council below the province named in a citation, its unit's name in capitals (or a
#: number): "của Ủy ban nhân dân huyện Bình Chánh", "của UBND thành phố Thủ Dầu Một", "của UBND Quận 1"
_CITED_SUBUNIT_RE = re.compile(unify_tones(
    r"(?:Ủy\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND)[ \t]+"
    r"(?:huyện|quận|thị\s+xã|thành\s+phố|TP\.?|xã|phường|thị\s+trấn|đặc\s+khu)"
    r"(?P<name>(?:[ \t]+[^\W_]+){1,4})"), re.IGNORECASE)
_NAME_WORD_RE = re.compile(r"[ \t]+([^\W_]+)")


def cited_subunit(match: str, pos: int, limit: int) -> tuple[Issuer, str | None, int | None] | None:
    """The committee or council of a unit below the province that a citation names at ``pos``, the
    province its name proves (else None) and where the name ends; None for a province or a centrally run
    city ("của Ủy ban nhân dân Thành phố Hồ Chí Minh") and for a unit without name ("của UBND huyện về")."""
    m = _CITED_SUBUNIT_RE.match(match, pos, limit)
    if m is None:
        return None
    end = None
    for word in _NAME_WORD_RE.finditer(match, m.start("name"), m.end("name")):
        w = word.group(1)
        if not (w[0].isupper() or w.isdigit()):
            break
        end = word.end()
    sub = subunit(match[m.start():end]) if end is not None else None
    return (sub[0], sub[1], end) if sub else None


def in_province(body: str, province: str | None, on: dt.date | None = None) -> str:
    """The name of ``body``, a body of ``province`` that a citation names without its place, with the
    place: "Sở Tư pháp" -> "Sở Tư pháp tỉnh Bến Tre" / "Sở Tư pháp thành phố Hà Nội"; "Ban Chấp hành Đảng bộ
    Thành phố" -> "... Thành phố Hồ Chí Minh"; "Ban Tuyên giáo Thành ủy" -> "... Thành ủy Cần Thơ".
    A body whose name already holds its place, or whose unit word is not the province's ("thành phố"
    in a province: one of its cities), is left as it is (``on``: the date of the cited document)."""
    if not province:
        return body
    city = city_of(province, on)
    end = _UNIT_WORD_END_RE.search(unify_tones(body))
    if end:
        if end.group("party"):
            return f"{body} {city or province}"
        if end.group("city") and city:
            return body[:end.start("city")] + city_name(city)
        if end.group("province") and not city:
            return f"{body} {province}"
        return body
    if _UNIT_NAMED_RE.search(unify_tones(body)):
        return body
    return f"{body} {city_name(city)}" if city else f"{body} tỉnh {province}"


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


_CENTRAL_UNIT_RE = re.compile(r"(?P<kind>TỔNG\s+CỤC|Tổng\s+cục|CỤC|Cục)\s+(?P<name>[^\W\d_].*)$")


def _central_unit(line: str) -> Issuer | None:
    """A Tổng cục or Cục of a ministry, on its line under the ministry's ("TỔNG CỤC THUẾ" -> Tổng cục Thuế:
    the kind, then the name with its first word capitalised, as Nghị định 30/2020/NĐ-CP writes names)."""
    m = _CENTRAL_UNIT_RE.match(" ".join(line.split()))
    if m is None:
        return None
    kind = "Tổng cục" if m.group("kind")[0] in "Tt" else "Cục"
    name = m.group("name")
    if name.isupper():
        name = name[:1] + name[1:].lower()
    return Issuer(f"{kind} {name}", "central")


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
    province: str | None = None
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
        if len(lines) > 1 and (central_unit := _central_unit(line)) is not None:
            return central_unit, province  # "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ": the Tổng cục issues
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
