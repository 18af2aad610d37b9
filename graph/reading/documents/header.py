"""The header of one document: number, type, date, issuer, province, level, title, signer.

A Vietnamese administrative document opens with the issuer block (``ỦY BAN NHÂN DÂN / TỈNH LONG
AN``, or ``UBND TỈNH BẾN TRE / SỞ TƯ PHÁP``), the national motto, ``Số: 2345/QĐ-UBND``,
the place-and-date line (``Long An, ngày 15 tháng 3 năm 2018``), the type heading (``QUYẾT ĐỊNH``)
and its title (``VỀ VIỆC PHÊ DUYỆT ...``), and closes with the signature (``KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
/ <name>``). Each reader below takes one of these and tolerates their absence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from graph import problem_text as say
from graph.reading.documents.dates import BLANK_DATE, DATE, parse_date
from graph.reading.documents.issuer import issuer_from_block, joint_issuer, subunit
from graph.reading.documents.numbering import NUMBER, clean_number, issuer_from_number, type_from_number
from graph.reading.documents.patterns import LineStartSearch, finditer_at_word_start
from graph.reading.documents.refdata import (
    Issuer,
    doc_types,
    province_of,
    signer_titles,
    words_pattern,
)
from graph.reading.documents.signature import search_signer, signer_name
from graph.reading.documents.title import (
    AUTHORITY,
    DATE_AFTER_NUMBER_RE,
    HEADING_IDENTITY_RE,
    LINE_LEAD,
    LINE_START,
    PROVINCE_RE,
    issuer_under_heading,
    mostly_upper,
    read_subject,
    read_title,
)
from graph.reading.text.folding import cached_fold as fold
from graph.text import unify_tones

__all__ = ["HEADING_RE", "LOOSE_HEADING_RE", "MOTTO_RE", "NUMBER_LINE_RE", "Header", "iter_mottos",
           "read_header"]

_B = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"

MOTTO_RE = re.compile(
    unify_tones(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
)
#: each motto alone: it starts with a literal, which the regex engine skips ahead to (the alternation
#: tries every capital C and Đ of the text)
_MOTTO_PARTS = [re.compile(p) for p in MOTTO_RE.pattern.split("|")]


def search_motto(match: str, pos: int = 0, end: int | None = None) -> re.Match[str] | None:
    """``MOTTO_RE.search(match, pos, end)``, faster: the two mottos start with different letters and
    neither holds the other, so the first of their own searches is the alternation's match."""
    end = len(match) if end is None else end
    found = [m for p in _MOTTO_PARTS if (m := p.search(match, pos, end)) is not None]
    return min(found, key=lambda m: m.start()) if found else None


def iter_mottos(match: str) -> Iterator[re.Match[str]]:
    """``MOTTO_RE.finditer(match)``, faster: the next match of each motto is kept, and searched again only
    when the one taken overlaps it."""
    pos = 0
    ahead = [p.search(match) for p in _MOTTO_PARTS]
    while found := [m for m in ahead if m is not None]:
        m = min(found, key=lambda m: m.start())
        yield m
        pos = m.end()
        ahead = [a if a is None or a.start() >= pos else p.search(match, pos)
                 for p, a in zip(_MOTTO_PARTS, ahead, strict=True)]


# "Số:" (its tone mark may be lost or mangled in extracted PDF text: "S :", "Sở:"); "Nghị quyết số:" as the
# Quốc hội's standing committee heads its resolutions (the colon required); the number may stand on the
# next line ("Số:" / "35/2022/QĐ-UBND"); a draft leaves it blank ("Số:   /QĐ-UBND")
_NUMBER_LINE_SCAN_RE = re.compile(unify_tones(
    rf"(?:Số|SỐ|S[^\W\d_]?[ \t]{{0,2}}(?=:)|số(?=[ \t]{{0,2}}:))"
    rf"[ \t]{{0,3}}:?[ \t]{{0,3}}(?:\n[ \t|]{{0,3}})?"
    rf"(?:(?P<number>{NUMBER})|[ \t.…_]{{0,20}}(?P<blank>/))"
))
NUMBER_LINE_RE = re.compile(_B + _NUMBER_LINE_SCAN_RE.pattern)
#: a "Số:" line whose number cannot be read ("Số: 1281/-UBND": its type code lost), to be said
_UNREAD_NUMBER_LINE_RE = re.compile(unify_tones(
    r"(?:Số|SỐ)[ \t]{0,3}:[ \t]{0,3}(?P<written>\d{1,5}[^\s|]{0,40})"))
_PLACE_GAP = r"(?:[ \t.]{1,2}|[ \t]{0,2}\n[ \t]{0,2})"
# the place may be broken over two lines ("Hà" / "Nội, ngày ..."), "Ngày" written with a capital
PLACE_DATE_RE = re.compile(
    unify_tones(rf"(?P<place>[^\W\d_][^\W\d_ \t]*(?:{_PLACE_GAP}[^\W\d_]+){{0,4}})[ \t]{{0,3}},"
                rf"[ \t\n]{{0,3}}[Nn]gày[ \t\n]{{1,3}}(?P<date>{DATE})")
)
#: the comma and "ngày" after a place: a place holds no comma, so a place-and-date line starts after the
#: comma before the first of these
_PLACE_DATE_TAIL_RE = re.compile(unify_tones(r",[ \t\n]{0,3}[Nn]gày"))
#: a date line without place ("Ngày 25 tháng 12 năm 2001" under the number of a law), not a sentence
#: that opens with a date ("Ngày 16 tháng 6 năm 2025, tại kỳ họp thứ 9, Quốc hội ...")
BARE_DATE_RE = re.compile(rf"{LINE_START}[Nn]gày[ \t\n]{{1,3}}(?P<date>{DATE})(?=[ \t|.]*(?:\n|$))")
#: the place-and-date line of a draft: "Hà Nội, ngày    tháng    năm 2025"
BLANK_DATE_RE = re.compile(rf",[ \t\n]{{0,3}}{BLANK_DATE}")


def _heading_words() -> list[str]:
    return [w.upper() for t in doc_types()["types"] for w in t["words"] if len(w) > 4]


#: a type heading in capitals (QUYẾT ĐỊNH, KẾ HOẠCH), not the operative "QUYẾT ĐỊNH:"
HEADING_RE = re.compile(unify_tones(rf"{_B}(?P<heading>{words_pattern(_heading_words())}){_E}(?![ \t]*:)"))
#: the same, tolerating a first word whose case was lost ("Kế HOẠCH" in restored PDF text)
LOOSE_HEADING_RE = re.compile(HEADING_RE.pattern, re.IGNORECASE)
#: the type heading of a header, at the start of its line (there also the short LUẬT), searched from the
#: line breaks (LINE_HEADING_RE, opening with a look-behind, makes the regex engine try every position)
LINE_HEADING = LineStartSearch(unify_tones(
    rf"{LINE_LEAD}(?P<heading>{words_pattern([*_heading_words(), 'LUẬT'])}){_E}(?![ \t]*:)"))
LINE_HEADING_RE = LINE_HEADING.pattern


_WORD_RE = re.compile(r"[^\W\d_]{2}")
#: HEADING_IDENTITY_RE behind a look-ahead at its first letter: a match opens with "S" (SỐ, Số) or with
#: the number's first digit, and the engine, which tries the pattern at every position (it opens with
#: look-behinds), turns every other position down at once
_HEADING_IDENTITY_SCAN_RE = re.compile(rf"(?=[S\d]){HEADING_IDENTITY_RE.pattern}", HEADING_IDENTITY_RE.flags)

@dataclass
class Header:
    """What the opening and closing lines of a document say."""

    number: str | None = None
    doc_type: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    province: str | None = None
    level: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    title_end: int | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_header(match: str, text: str, start: int, end: int, province_hint: str | None = None) -> Header:
    """Read the header and signature of the document in ``text[start:end]`` (``match`` is its
    tone-unified twin, searched by the patterns)."""
    h = Header()
    zone_end = min(end, start + 2500)
    motto = search_motto(match, start, zone_end)
    body_from = start
    issuer: Issuer | None = None
    if motto:
        issuer, h.province = issuer_from_block(text[start:motto.start()])
        body_from = motto.end()
    # the number stands under the issuer block: after the motto, or before it in party documents
    # NUMBER_LINE_RE searched from each "S" (a pattern opening with a look-behind tries every position)
    num_end = min(zone_end, body_from + 600)
    num = next((n for n in finditer_at_word_start(_NUMBER_LINE_SCAN_RE, match, start, num_end)
                if not names_another(match, body_from, n.start(), n.group("number"))), None)
    # an old heading without motto dates its number on its line, under the type heading ("QUYẾT ĐỊNH /
    # CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 168/TTg NGÀY 22 THÁNG 3 NĂM 1996"): the heading is read from the top
    identity = None
    if num is None or (motto is None and num.group("number")):
        identity = _heading_identity(match, start, min(zone_end, start + 800))
        if identity and ((num and identity.start("number") != num.start("number"))
                         or names_another(match, body_from, identity.start(), identity.group("number"))):
            identity = None
    if num and not identity:
        if num.group("number"):
            h.number = clean_number(text[num.start("number"):num.end("number")])
            h.spans["number"] = (num.start("number"), num.end("number"))
        body_from = max(body_from, num.end())
    if num is None and identity is None:
        unread = _UNREAD_NUMBER_LINE_RE.search(match, start, num_end)
        if unread is not None:
            written = text[unread.start("written"):unread.end("written")]
            h.problems.append(say.NUMBER_NOT_READ.format(written=written))
    if identity:
        h.number = clean_number(text[identity.start("number"):identity.end("number")])
        h.spans["number"] = (identity.start("number"), identity.end("number"))
        h.date = parse_date(match[identity.start("date"):identity.end("date")].lower())
    else:
        _read_date(h, match, text, body_from, zone_end)
        if h.date is None and "date" not in h.spans and num and num.group("number"):
            _read_date_after_number(h, match, num.end(), zone_end)
        if "date" not in h.spans and "place" not in h.spans and num:
            # the place-and-date line printed above the "Số:" line (a PDF's text: "Hà Nội, ngày 10 tháng 8
            # năm 2012" / "Số: 2313/QĐ-BTP")
            _read_date(h, match, text, start, num.start())
    after_date = h.spans.get("date", (body_from, body_from))[1]
    body_from = max(body_from, h.spans.pop("place", (body_from, after_date))[1])
    _read_type_and_title(h, match, text, body_from, zone_end, num.end() if num else start)
    if identity and h.date:
        h.spans["date"] = (identity.start("date"), identity.end("date"))
    if "doc_type" in h.spans and (issuer is None or not issuer.local):
        under = issuer_under_heading(match, h.spans["doc_type"][1], zone_end)
        if under is not None:
            issuer, h.province = under[0], h.province or under[1]
    unit, unit_province = _authority_unit(match, text, h.title_end or body_from, zone_end)
    if unit is not None and (issuer is None or (issuer.local and "{province}" in issuer.name
                                                and h.province is None)):
        issuer = unit
    h.province = h.province or unit_province
    joint = joint_issuer(h.number) if h.number else None
    if joint:
        h.issuer, h.level = joint, "central"
    elif issuer is not None:
        if issuer.local and h.province is None:
            h.province = province_hint
        h.issuer, h.level = issuer.spelled(h.province, h.date), issuer.level
    elif h.number:
        by_number, spelled = issuer_from_number(h.number, h.province or province_hint)
        if by_number and by_number.local and "tỉnh {province}" in by_number.name:
            spelled = by_number.spelled(h.province or province_hint, h.date)  # as named on its date
        if by_number:
            h.issuer, h.level = spelled, by_number.level
    if h.province is None and h.level in ("provincial", "party"):
        h.province = province_hint
    if h.level == "central":
        h.province = None  # "Hà Nội, ngày ..." is where a central body sits, not a local document
    _read_signer(h, match, text, start, end)
    return h


#: a type word in a title, in any case ("LUẬT", "Nghị quyết")
_TYPE_WORD_RE = re.compile(unify_tones(rf"{_B}(?:{words_pattern([*_heading_words(), 'LUẬT'])}){_E}"),
                           re.IGNORECASE)


def names_another(match: str, pos: int, at: int, number: str | None) -> bool:
    """Whether the number at ``at`` (its "Số" included) belongs to another document that the title names
    ("KẾ HOẠCH / TRIỂN KHAI THI HÀNH LUẬT ... SỐ 72/2025/QH15", "(Kèm theo Quyết định Số ...)"): a type
    word stands before it, under this document's heading if there is one (``pos``: where the heading
    may start), and the number's codes say it is that type's, or a Quốc hội number, or another type than
    the heading's. A "Số:" line above the heading is the document's own."""
    if not number:
        return False
    by_number = type_from_number(clean_number(number))  # first: a letter's number ends it unsearched
    if by_number in (None, doc_types()["letter_type"]):
        return False
    pos = min(pos, at)
    own = LINE_HEADING.search(match, pos, at)
    if own is None and not match[max(pos, match.rfind("\n", pos, at) + 1):at].strip(" \t|"):
        return False
    named = None  # the last type word before the number
    for word in _TYPE_WORD_RE.finditer(match, max(own.end() if own else pos, at - 300), at):
        named = word
    if named is None:
        return False
    # a Quốc hội number (a law's or a resolution's) is never the number of the document that names it
    if by_number in (_heading_type(named.group()), _heading_type("Luật")):
        return True
    return own is not None and by_number != _heading_type(own.group("heading"))


def _heading_identity(match: str, start: int, end: int) -> re.Match[str] | None:
    """Number and date in a heading line in capitals, when no "Số:" line gives the number (old
    headings: "QUYẾT ĐỊNH / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 168/TTg NGÀY 22 THÁNG 3 NĂM 1996")."""
    m = _HEADING_IDENTITY_SCAN_RE.search(match, start, end)
    if m is None:
        return None
    bol = match.rfind("\n", start, m.start()) + 1
    eol = match.find("\n", m.end(), end)
    rest = match[bol:m.start()] + " " + match[m.end():eol if eol >= 0 else end]
    return m if mostly_upper(rest) else None


def _read_date_after_number(h: Header, match: str, pos: int, zone_end: int) -> None:
    """A header without place-and-date line that dates the number on its line ("Số 12/QĐ-UBND ngày ...")."""
    dm = DATE_AFTER_NUMBER_RE.match(match, pos, zone_end)
    if dm:
        h.date = parse_date(match[dm.start("date"):dm.end("date")].lower())
        h.spans["date"] = (dm.start("date"), dm.end("date"))


def _read_date(h: Header, match: str, text: str, pos: int, zone_end: int) -> None:
    """The place-and-date line (a draft's blank date only moves the reading on)."""
    limit = min(zone_end, pos + 400)
    pd = _search_place_date(match, pos, limit) or BARE_DATE_RE.search(match, pos, min(limit, pos + 120))
    if pd is None:
        blank = BLANK_DATE_RE.search(match, pos, limit)
        if blank:
            h.spans["place"] = (blank.start(), blank.end())
        return
    h.date = parse_date(match[pd.start("date"):pd.end("date")])
    if h.date is None:
        written = " ".join(text[pd.start("date"):pd.end()].split())
        h.problems.append(say.DATE_DOES_NOT_EXIST.format(written=written))
    h.spans["date"] = (pd.start("date"), pd.end("date"))
    h.spans["place"] = (pd.start(), pd.end())
    if "place" in pd.groupdict():
        h.province = h.province or _place_province(pd.group("place"))


def _search_place_date(match: str, pos: int, limit: int) -> re.Match[str] | None:
    """``PLACE_DATE_RE.search(match, pos, limit)``, faster: the place cannot start before the comma that
    precedes the first ``, ngày`` (a place holds no comma), so the search starts after it."""
    tail = _PLACE_DATE_TAIL_RE.search(match, pos, limit)
    if tail is None:
        return None
    return PLACE_DATE_RE.search(match, max(pos, match.rfind(",", pos, tail.start()) + 1), limit)


def _place_province(place: str) -> str | None:
    """The province of a place line ('Mỹ Tho' -> Tiền Giang), also when stray text precedes it."""
    place = " ".join(place.split())
    found = province_of(place)
    if found:
        return found
    last = None
    for m in PROVINCE_RE.finditer(place):
        last = m
    if last is not None and last.end() == len(place) and last.start() > 0 and place[last.start() - 1] == " ":
        return province_of(last.group("province"))
    return None


def _heading_type(word: str) -> str | None:
    return _type_by_folded_word().get(fold(word))


@lru_cache(maxsize=1)
def _type_by_folded_word() -> dict[str, str]:
    """Folded type word -> the name of the first type that has it."""
    out: dict[str, str] = {}
    for t in doc_types()["types"]:
        for w in t["words"]:
            out.setdefault(fold(w), t["name"])
    return out


def _read_type_and_title(h: Header, match: str, text: str, pos: int, zone_end: int, number_end: int) -> None:
    """The type heading among the first lines after the date, and the title under it; without a
    heading the ``V/v`` subject of a letter or a run of capitals, the type then from the number."""
    heading = LINE_HEADING.search(match, pos, min(zone_end, pos + 400))
    if heading is None:  # a header flattened onto one line: the heading right after the date
        lead = match[pos:pos + 40]
        heading = HEADING_RE.match(match, pos + len(lead) - len(lead.lstrip(" \t|")))
    if heading and sum(1 for ln in match[pos:heading.start()].split("\n") if _WORD_RE.search(ln)) > 2:
        heading = None  # a type word far below the date opens no heading
    by_number = type_from_number(h.number) if h.number else None
    if by_number == doc_types()["letter_type"]:
        by_number = None  # an issuer code only: the number does not say the type
    title_from = None
    if heading:
        h.doc_type = _heading_type(heading.group("heading"))
        eol = match.find("\n", heading.end(), zone_end)
        rest = match[heading.end():eol if eol >= 0 else zone_end].strip(" \t|")
        if rest and by_number and by_number != h.doc_type:
            h.doc_type = by_number  # "QUY ĐỊNH MỨC CHI ..." opens the title of a Nghị quyết
            title_from = heading.start("heading")
        else:
            h.spans["doc_type"] = (heading.start("heading"), heading.end())
            title_from = heading.end()
            if by_number and by_number != h.doc_type and by_number not in doc_types()["shared_number_types"]:
                h.problems.append(say.TYPE_NOT_THE_NUMBERS.format(heading=h.doc_type, number=h.number,
                                                                  by_number=by_number))
        h.title, h.title_end = read_title(match, text, title_from, zone_end)
    else:
        h.title, h.title_end = read_subject(match, text, number_end, min(zone_end, pos + 300))
        if h.title is None and (h.number or h.date):  # capitals under a header, not a page's headline
            title_from = pos
            h.title, h.title_end = read_title(match, text, pos, zone_end, capitals_only=True)
    if h.title_end and title_from is not None:
        h.spans["title"] = (title_from, h.title_end)
    if h.number and not h.doc_type:
        h.doc_type = type_from_number(h.number)


def _authority_unit(match: str, text: str, pos: int, zone_end: int) -> tuple[Issuer | None, str | None]:
    """The unit and province that the authority line under the title names ("ỦY BAN NHÂN DÂN HUYỆN X")."""
    auth = AUTHORITY.search(match, pos, min(zone_end, pos + 300))
    if auth is None or not auth.group().lstrip(" \t|*").isupper():
        return None, None
    eol = text.find("\n", auth.start(), zone_end)
    line = text[auth.start():eol if eol >= 0 else zone_end].strip(" \t|*")
    sub = subunit(line)
    if sub:
        return sub
    pm = PROVINCE_RE.search(line)
    return None, (province_of(pm.group("province")) if pm else None)


def _read_signer(h: Header, match: str, text: str, start: int, end: int) -> None:
    """The last signature of the document: title in capitals, then the signer's name."""
    found = None
    # the signature stands by the list of recipients ("Nơi nhận"), when there is one
    recipients = match.rfind("Nơi nhận", start, end)
    pos = max(start, recipients - 400) if recipients >= 0 else start
    while True:
        m = search_signer(match, pos, end)
        if not m:
            break
        pos = m.end("title")
        words = text[m.start("name"):m.end("name")].split()
        name = signer_name(words)
        if len(name) >= 2:
            found = (m, " ".join(name))
    if found:
        m, signer = found
        title = " ".join(text[m.start("title"):m.end("title")].split())
        h.signer = signer
        h.signer_title = signer_titles().get(unify_tones(title).upper(), title.capitalize())
        h.spans["signer"] = (m.start("name"), m.end("name"))
