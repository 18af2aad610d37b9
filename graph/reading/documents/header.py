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
from dataclasses import dataclass, field

from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.dates import DATE, parse_date
from graph.reading.documents.numbering import NUMBER, clean_number, issuer_from_number, type_from_number
from graph.reading.documents.refdata import (
    Issuer,
    doc_types,
    issuer_by_code,
    issuer_forms,
    province_of,
    province_pattern,
    signer_titles,
    words_pattern,
)
from graph.reading.text.folding import cached_fold as fold
from graph.text import unify_tones

_B = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"

MOTTO_RE = re.compile(
    unify_tones(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
)
# "Số:" (its tone mark may be lost or mangled in extracted PDF text: "S :", "Sở:")
NUMBER_LINE_RE = re.compile(unify_tones(
    rf"{_B}(?:Số|SỐ|S[^\W\d_]?[ \t]{{0,2}}(?=:))[ \t]{{0,3}}:?[ \t]{{0,3}}(?P<number>{NUMBER})"
))
PLACE_DATE_RE = re.compile(
    unify_tones(rf"(?P<place>[^\W\d_][^\W\d_ \t]*(?:[ \t.]{{1,2}}[^\W\d_]+){{0,4}})[ \t]{{0,3}},"
                rf"[ \t\n]{{0,3}}ngày[ \t\n]{{1,3}}(?P<date>{DATE})")
)


def _heading_words() -> list[str]:
    return [w.upper() for t in doc_types()["types"] for w in t["words"] if len(w) > 4]


#: a type heading in capitals (QUYẾT ĐỊNH, KẾ HOẠCH), not the operative "QUYẾT ĐỊNH:"
HEADING_RE = re.compile(unify_tones(rf"{_B}(?P<heading>{words_pattern(_heading_words())}){_E}(?![ \t]*:)"))
#: the same, tolerating a first word whose case was lost ("Kế HOẠCH" in restored PDF text)
LOOSE_HEADING_RE = re.compile(HEADING_RE.pattern, re.IGNORECASE)
#: the authority line that follows the title of a decision
AUTHORITY_RE = re.compile(unify_tones(
    r"(?:CHỦ\s+TỊCH\s+)?(?:ỦY\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN)\s+(?:TỈNH|THÀNH\s+PHỐ)"
    r"|CHỦ\s+TỊCH\s+ỦY\s+BAN|BỘ\s+TRƯỞNG\s+BỘ|THỦ\s+TƯỚNG\s+CHÍNH\s+PHỦ|CHÍNH\s+PHỦ(?=\s*\n)"
    r"|GIÁM\s+ĐỐC\s+SỞ|BAN\s+THƯỜNG\s+VỤ|Căn\s+cứ|\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo"
))
SECTION_RE = re.compile(r"(?:^|(?<=\s))(?:[IVX]{1,4}|Phần|PHẦN|Chương|CHƯƠNG|Điều)[ \t]*[.:]?[ \t]")
PROVINCE_RE = re.compile(rf"{_B}(?P<province>{province_pattern()}){_E}", re.IGNORECASE)


def _signer_re() -> re.Pattern[str]:
    titles = words_pattern(list(signer_titles()))
    first = "".join(sorted({re.escape(t[0]) for t in signer_titles()}))
    return re.compile(unify_tones(
        rf"(?=[{first}]){_B}(?P<title>{titles}){_E}[ \t]*\n?[ \t\n]{{0,6}}"
        rf"(?P<name>[^\W\d_]+(?:[ \t]{{1,2}}[^\W\d_]+){{1,5}})"
    ))


SIGNER_RE = _signer_re()

# words kept capitalised when a title in capitals is put in sentence case
_KEEP_CAP = ["Việt Nam", "Chính phủ", "Đảng", "Quốc hội", "Trung ương"]
_DOC_NOUNS = ["Kế hoạch", "Quy hoạch", "Chiến lược", "Đề án", "Chương trình", "Quy chế", "Quy định",
              "Điều lệ", "Dự án", "Đề cương"]
_DOC_VERBS = ["phê duyệt", "ban hành", "thực hiện", "triển khai", "điều chỉnh", "sửa đổi", "bổ sung"]


#: a line of the issuer block that names a new unit (not the wrapped end of the previous one)
_UNIT_START_RE = re.compile(unify_tones(
    r"(?:UBND|ỦY\s+BAN|SỞ|BỘ|TỈNH\s+ỦY|THÀNH\s+ỦY|HỘI\s+ĐỒNG|BAN|VĂN\s+PHÒNG|CHÍNH\s+PHỦ|THỦ\s+TƯỚNG"
    r"|QUỐC\s+HỘI|ĐẢNG|CỤC|TỔNG\s+CỤC|TRUNG\s+TÂM|UBND)(?![^\W\d_])"),
    re.IGNORECASE,
)


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


def sentence_case(title: str) -> str:
    """'VỀ VIỆC PHÊ DUYỆT ĐỀ ÁN ... TỈNH LONG AN' -> 'Phê duyệt Đề án ... tỉnh Long An'.

    Titles already in mixed case are only trimmed. Province names, names in quotes and the document
    noun after its verb ('Phê duyệt Kế hoạch') keep a capital.
    """
    title = " ".join(title.split()).strip(" .,;:")
    title = re.sub(r"^(?:VỀ\s+VIỆC|V/v|về\s+việc|Về\s+việc|VỀ)\s+", "", title)
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return title[:1].upper() + title[1:]
    low = title.lower()
    for m in PROVINCE_RE.finditer(low):
        name = province_of(m.group("province")) or m.group("province").title()
        if fold(name) == fold(m.group()):
            low = low[:m.start()] + name + low[m.end():]
    for phrase in _KEEP_CAP:
        low = re.sub(rf"{_B}{re.escape(phrase.lower())}{_E}", phrase, low)
    # a capital after an opening quote: “xây dựng nông thôn mới” -> “Xây dựng nông thôn mới”
    low = re.sub(r"([“\"]\s*)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), low)
    verbs = "|".join(_DOC_VERBS)
    nouns = "|".join(n.lower() for n in _DOC_NOUNS)
    low = re.sub(rf"{_B}({verbs})\s+({nouns}){_E}",
                 lambda m: f"{m.group(1)} {m.group(2)[:1].upper()}{m.group(2)[1:]}", low)
    return low[:1].upper() + low[1:]


def _issuer_from_block(block: str) -> tuple[Issuer | None, str | None]:
    """Issuer and province named by the issuer block above the motto (its lowest unit wins)."""
    lines: list[str] = []
    for ln in (ln.strip() for ln in block.splitlines()):
        if not re.search(r"[^\W\d_]{2}", ln):
            continue
        if lines and not _UNIT_START_RE.match(unify_tones(ln)):
            lines[-1] += " " + ln  # a unit's name wrapped over two lines ("SỞ THÔNG TIN VÀ / TRUYỀN THÔNG")
        else:
            lines.append(ln)
    pm = PROVINCE_RE.search(block)
    province = province_of(pm.group("province")) if pm else None
    for line in reversed(lines):
        key = fold(line)
        dept_at = re.search(r"(?i)(?<![^\W\d_])sở(?![^\W\d_])", line)
        if dept_at:
            dept = expand_agency(line[dept_at.start():], province)
            if fold(dept).startswith("so "):
                return Issuer(f"{dept} tỉnh {{province}}", "provincial", local=True), province
        for pattern, issuer in issuer_forms():
            if pattern.search(unify_tones(line)):
                return issuer, province
        if "uy ban nhan dan" in key or key.startswith("ubnd"):
            return issuer_by_code()["UBND"], province
    return None, province


def read_header(match: str, text: str, start: int, end: int, province_hint: str | None = None) -> Header:
    """Read the header and signature of the document in ``text[start:end]`` (``match`` is its
    tone-unified twin, searched by the patterns)."""
    h = Header()
    zone_end = min(end, start + 2500)
    motto = MOTTO_RE.search(match, start, zone_end)
    body_from = start
    block_issuer: Issuer | None = None
    if motto:
        block_issuer, h.province = _issuer_from_block(text[start:motto.start()])
        body_from = motto.end()
    # the number stands under the issuer block: after the motto, or before it in party documents
    num = NUMBER_LINE_RE.search(match, start, min(zone_end, body_from + 600))
    if num:
        h.number = clean_number(text[num.start("number"):num.end("number")])
        h.spans["number"] = (num.start("number"), num.end("number"))
        body_from = max(body_from, num.end())
    pd = PLACE_DATE_RE.search(match, body_from, min(zone_end, body_from + 400))
    if pd:
        h.date = parse_date(match[pd.start("date"):pd.end("date")])
        if h.date is None:
            written = " ".join(text[pd.start("date"):pd.end()].split())
            h.problems.append(f"the date of the document, {written}, does not exist")
        h.spans["date"] = (pd.start("date"), pd.end("date"))
        h.province = h.province or province_of(pd.group("place"))
        body_from = pd.end()
    heading = HEADING_RE.search(match, body_from, min(zone_end, body_from + 400))
    if heading:
        word = fold(heading.group("heading"))
        h.doc_type = next((t["name"] for t in doc_types()["types"] if fold(t["words"][0]) == word
                           or word in (fold(w) for w in t["words"])), None)
        h.spans["doc_type"] = (heading.start(), heading.end())
        _read_title(h, match, text, heading.end(), zone_end)
        if h.title_end:
            h.spans["title"] = (heading.end(), h.title_end)
    if h.number and not h.doc_type:
        h.doc_type = type_from_number(h.number)
    if block_issuer is not None:
        if block_issuer.local and h.province is None:
            h.province = province_hint
        h.issuer, h.level = block_issuer.spelled(h.province), block_issuer.level
    elif h.number:
        issuer, spelled = issuer_from_number(h.number, h.province or province_hint)
        if issuer:
            h.issuer, h.level = spelled, issuer.level
    if h.province is None and h.level in ("provincial", "party"):
        h.province = province_hint
    if h.level == "central":
        h.province = None  # "Hà Nội, ngày ..." is where a central body sits, not a local document
    _read_signer(h, match, text, start, end)
    return h


def _read_title(h: Header, match: str, text: str, pos: int, limit: int) -> None:
    """The title: the lines after the type heading, up to the authority line, the bases or a section."""
    stop = limit
    for pattern in (AUTHORITY_RE, SECTION_RE):
        m = pattern.search(match, pos, min(limit, pos + 600))
        if m:
            stop = min(stop, m.start())
    lines = [ln for ln in text[pos:stop].split("\n") if ln.strip(" \t|-")]
    if not lines:
        return
    picked = [lines[0]]
    upper = _mostly_upper(lines[0])
    for ln in lines[1:]:
        if upper and _mostly_upper(ln):
            picked.append(ln)
        else:
            break
    raw = " ".join(" ".join(picked).split())
    if upper:  # a title in capitals ends where the capitals end
        words = raw.split(" ")
        keep = []
        for w in words:
            if any(c.isalpha() for c in w) and not _mostly_upper(w):
                break
            keep.append(w)
        raw = " ".join(keep)
    if raw:
        h.title = sentence_case(raw)
        h.title_end = pos + text[pos:stop].find(picked[-1]) + len(picked[-1])


def _mostly_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _is_name_word(w: str) -> bool:
    return len(w) > 1 and w[0].isupper() and w[1:].islower()


def _signer_name(words: list[str]) -> list[str]:
    """The leading words of ``words`` that make a person's name ("Nguyễn Văn An KẾ HOẠCH" -> 3)."""
    name = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if not _is_name_word(w) or (len(nxt) > 1 and nxt.isupper()):
            break  # "Trần Văn An KẾ HOẠCH ..." / "... An Kế HOẠCH": the next heading
        name.append(w)
    return name


def signature_ends(match: str, start: int, end: int) -> list[int]:
    """Where each signature (title in capitals, then a name) of ``match[start:end]`` ends."""
    out = []
    pos = start
    while True:
        m = SIGNER_RE.search(match, pos, end)
        if not m:
            return out
        pos = m.end("title")
        words = match[m.start("name"):m.end("name")].split()
        name = _signer_name(words)
        if len(name) >= 2:
            out.append(match.index(name[-1], m.start("name")) + len(name[-1]))


def _read_signer(h: Header, match: str, text: str, start: int, end: int) -> None:
    """The last signature of the document: title in capitals, then the signer's name."""
    found = None
    # the signature stands by the list of recipients ("Nơi nhận"), when there is one
    recipients = match.rfind("Nơi nhận", start, end)
    pos = max(start, recipients - 400) if recipients >= 0 else start
    while True:
        m = SIGNER_RE.search(match, pos, end)
        if not m:
            break
        pos = m.end("title")
        words = text[m.start("name"):m.end("name")].split()
        name = _signer_name(words)
        if len(name) >= 2:
            found = (m, " ".join(name))
    if found:
        m, name = found
        title = " ".join(text[m.start("title"):m.end("title")].split())
        h.signer = name
        h.signer_title = signer_titles().get(unify_tones(title).upper(), title.capitalize())
        h.spans["signer"] = (m.start("name"), m.end("name"))
