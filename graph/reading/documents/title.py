"""The title of a document: the subject under its type heading, or the ``V/v`` line of a letter.

``QUYẾT ĐỊNH / VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH ... / ỦY BAN NHÂN DÂN TỈNH ...``: the title is the run of
lines under the heading, up to the authority line, the first basis or the first section. A title in
capitals may go on in small letters (``NGHỊ QUYẾT / CỦA BAN THƯỜNG VỤ TỈNH ỦY / về ...``); a line
that only names the issuer (``CỦA BAN THƯỜNG VỤ ...``) is not part of the subject. A letter (Công văn)
has no heading: its subject follows ``V/v`` under the number.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.documents.capitals import restore_capitals
from graph.reading.documents.dates import DATE, DAY, MONTH, NUMERIC_DATE, YEAR
from graph.reading.documents.numbering import NUMBER
from graph.reading.documents.patterns import PROVINCE_AFTER_RE, LineStartSearch, finditer_at_word_start
from graph.reading.documents.refdata import Issuer, full_name, match_issuer, province_of, province_pattern
from graph.reading.text.folding import cached_fold as fold
from graph.text import unify_tones

_B = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"
#: past table bars and bullets of a flattened header
LINE_LEAD = r"[ \t|*]*"
#: the start of a line, past table bars and bullets of a flattened header
LINE_START = rf"(?:^|(?<=\n)){LINE_LEAD}"

#: a local people's committee or council ("ỦY BAN NHÂN DÂN TỈNH"), and the other authorities
_LOCAL_BODY = (r"(?:ỦY\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN)"
               r"\s+(?:TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN)")
_OTHER_AUTHORITIES = (r"CHỦ\s+TỊCH\s+ỦY\s+BAN|BỘ\s+TRƯỞNG\s+BỘ|THỦ\s+TƯỚNG\s+CHÍNH\s+PHỦ|CHÍNH\s+PHỦ[ \t|]*\n"
                      r"|GIÁM\s+ĐỐC\s+SỞ|BAN\s+THƯỜNG\s+VỤ|QUỐC\s+HỘI[ \t|]*\n"
                      r"|ỦY\s+BAN\s+THƯỜNG\s+VỤ\s+QUỐC\s+HỘI|TỔNG\s+CỤC\s+TRƯỞNG\s+TỔNG\s+CỤC|CỤC\s+TRƯỞNG\s+CỤC")
_BASIS_OR_CAPTION = r"Căn\s+cứ|\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo"
#: the authority line that follows the title of a decision, alone on its line; the first basis
AUTHORITY = LineStartSearch(
    unify_tones(rf"{LINE_LEAD}(?:(?:CHỦ\s+TỊCH\s+)?{_LOCAL_BODY}|{_OTHER_AUTHORITIES})"),
    unify_tones(_BASIS_OR_CAPTION))
AUTHORITY_RE = AUTHORITY.pattern
#: the same anywhere in a header flattened onto one line ("... ĐẾN NĂM 2025 CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"):
#: ``AUTHORITY_RE.pattern.replace(LINE_START, "", 1)`` with the optional "CHỦ TỊCH" spelled as two
#: alternatives, tried in the same order, so that every alternative opens with a letter or "(" and the
#: regex engine skips ahead to those (an optional first word makes it try every position)
FLAT_AUTHORITY_RE = re.compile(unify_tones(
    rf"(?:CHỦ\s+TỊCH\s+{_LOCAL_BODY}|{_LOCAL_BODY}|{_OTHER_AUTHORITIES})|{_BASIS_OR_CAPTION}"))
#: words that make a body's name part of the title ("VÀ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN TỈNH")
_JOINED_BODY_RE = re.compile(unify_tones(
    r"(?:CỦA|VÀ|CÁC|ĐẠI\s+BIỂU|THƯỜNG\s+TRỰC|THÀNH\s+VIÊN|CHO|VỚI|,)[ \t]*$"), re.IGNORECASE)
#: the first section of the body: "Điều 1.", "Chương I", "PHẦN I", "I. MỤC ĐÍCH", "A. HIỆN TRẠNG"
_SECTION = LineStartSearch(
    rf"{LINE_LEAD}(?:(?:Phần|PHẦN|Chương|CHƯƠNG|Điều|ĐIỀU)[ \t]+(?:[IVXLC]{{1,6}}|\d{{1,3}}|THỨ|thứ){_E}"
    r"|(?:[IVX]{1,4}|[A-H])[ \t]*[.:/)][ \t])"
)
SECTION_RE = _SECTION.pattern
PROVINCE_RE = re.compile(rf"{_B}(?P<province>{province_pattern()}){_E}", re.IGNORECASE)


def _by_first_letter(alternation: str) -> str:
    """An alternation of phrases opening with a letter (:func:`province_pattern`), the phrases grouped by
    that letter in their order ("a(?:n giang)|b(?:ắc kạn|ình dương)"): the same matches in a case-sensitive
    pattern, but a place tries only the phrases of its own letter."""
    phrases = re.split(r"(?<!\\)\|", alternation)
    if not all(p[:1].isalpha() for p in phrases):
        return alternation
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[0], []).append(phrase[1:])
    return "|".join(f"{re.escape(c)}(?:{'|'.join(g)})" for c, g in groups.items())


#: PROVINCE_RE for text in small letters: case-sensitive and opening with the names (no look-behind), so
#: the regex engine skips ahead to their first letters (it tries PROVINCE_RE at every place)
_PROVINCE_SMALL_RE = re.compile(rf"(?P<province>{_by_first_letter(province_pattern().lower())}){_E}")
_PROVINCE_LETTERS = sorted({c for c in province_pattern() if c.isalpha()})
_ALIKE: dict[str, bool] = {}  # character -> whether both patterns match it alike (found on first sight)
#: "V/v ...", the subject of a letter
SUBJECT_RE = re.compile(rf"{LINE_START}(?:V/[Vv]|Về\s+việc|VỀ\s+VIỆC)[ \t.:]*(?=\S)")
_SEPARATOR_RE = re.compile(r"^[\s\-–—_=*.|~]*$")
_SEPARATOR_IN_LINE_RE = re.compile(r"\s[\-–—_=*~]{2,}")
#: a sentence of the body ("... năm 2020. Trong những năm qua ...")
_SENTENCE_END_RE = re.compile(r"[.;:][ \t]+(?=[^\W\d_])")
_IDENTITY_RE = re.compile(rf"(?i)(?:SỐ|Số)[ \t]*:?[ \t]*{NUMBER}(?:[ \t,]+ngày[ \t]+{DATE})?[ \t,]*")
_AND_RE = re.compile(r"(?i)[ \t]*(?:,|-|–|và)[ \t]*")
#: a date of an old heading, in capitals or not ("22 THÁNG 3 NĂM 1996")
_HEADING_DATE = (rf"(?:{DAY}[ \t]{{1,3}}(?:THÁNG|[Tt]háng)[ \t]{{1,3}}{MONTH}[ \t]{{1,3}}(?:NĂM|[Nn]ăm)"
                 rf"[ \t]{{1,3}}{YEAR}|{NUMERIC_DATE})")
#: "ngày 01 tháng 11 năm 2000" right after a number on its line ("Số 172/2000/QĐ-BTC ngày ...")
DATE_AFTER_NUMBER_RE = re.compile(unify_tones(
    rf"[ \t]{{0,3}},?[ \t]{{1,3}}(?:NGÀY|[Nn]gày)[ \t]{{1,3}}(?P<date>{_HEADING_DATE})(?![\w/])"))
#: number and date in an old heading, "Số" sometimes left out: "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 168/TTg NGÀY
#: 22 THÁNG 3 NĂM 1996" (the two together prove the document's identity)
HEADING_IDENTITY_RE = re.compile(unify_tones(
    rf"(?:(?<![^\W\d_])(?:SỐ|Số)[ \t]{{0,3}}:?[ \t]{{0,3}})?(?<![\w/])(?P<number>{NUMBER})"
    rf"[ \t]{{0,3}},?[ \t]{{1,3}}(?:NGÀY|[Nn]gày)[ \t]{{1,3}}(?P<date>{_HEADING_DATE})(?![\w/])"))
_OF_LINE_RE = re.compile(r"[ \t|]*(?:CỦA|của|Của)[ \t]+")
#: "CỦA BAN THƯỜNG VỤ TỈNH ỦY về ...": the issuer named before the subject
_OF_ISSUER_RE = re.compile(r"(?i)^của\s+.{3,80}?\s(?=về\s)")

_DOC_NOUNS = ["Kế hoạch", "Quy hoạch", "Chiến lược", "Đề án", "Chương trình", "Quy chế", "Quy định",
              "Điều lệ", "Dự án", "Đề cương"]
_DOC_VERBS = ["phê duyệt", "ban hành", "thực hiện", "triển khai", "điều chỉnh", "sửa đổi", "bổ sung"]
#: a document number inside a title keeps its case: 05/2017/QĐ-TTg
_NUMBER_TOKEN_RE = re.compile(r"\S*\d\S*/\S+")


@lru_cache(maxsize=2048)  # the lines of a title are looked at more than once, and titles repeat
def mostly_upper(s: str) -> bool:
    """Whether at least 70% of the letters of ``s`` are capitals (and it has letters)."""
    if s.islower():  # not one capital (str methods, faster than counting the letters)
        return False
    if s.isupper() and not _uncased_letter(s):  # every letter a capital
        return any(map(str.isalpha, s))
    letters = list(filter(str.isalpha, s))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.7 * len(letters)


#: characters seen that are no letter without case (a small set: the characters of the texts read)
_CASED_OR_NO_LETTER: set[str] = set()


def _uncased_letter(s: str) -> bool:
    """Whether ``s`` holds a letter that is neither a capital nor a small letter (of a title-case pair, of
    a script without case): ``str.isupper()`` passes over such a letter, which is no capital."""
    if _CASED_OR_NO_LETTER.issuperset(s):  # every character seen before (no set built)
        return False
    new = set(s) - _CASED_OR_NO_LETTER
    if any(c.isalpha() and not (c.isupper() or c.islower()) for c in new):
        return True
    _CASED_OR_NO_LETTER.update(new)
    return False


_LEAD_RE = re.compile(r"^(?:(?:VỀ\s*VIỆC|[Vv]ề\s*việc|V/[Vv])[\s.:]*|(?:VỀ|[Vv]ề)\s+)")
_AFTER_QUOTE_RE = re.compile(r"([“\"]\s*)([^\W\d_])")
_VERB_NOUN_RE = re.compile(rf"{_B}({'|'.join(_DOC_VERBS)})\s+({'|'.join(n.lower() for n in _DOC_NOUNS)}){_E}")
_WORD_RE = re.compile(r"\S+")
_TTG_RE = re.compile(r"(?<=-)TTG(?![^\W\d_])")


@lru_cache(maxsize=1024)  # a title depends on its words alone, and headings repeat across a body's files
def sentence_case(title: str) -> str:
    """'VỀ VIỆC PHÊ DUYỆT ĐỀ ÁN ... TỈNH LONG AN' -> 'Phê duyệt Đề án ... tỉnh Long An'.

    Titles already in mixed case are only trimmed. Province names, names in quotes, document numbers,
    the document noun after its verb ('Phê duyệt Kế hoạch') and the names :func:`restore_capitals` knows
    ('Sở Tài nguyên và Môi trường', 'Luật Đất đai') keep their capitals.
    """
    title = " ".join(title.split()).strip(" .,;:")
    title = _LEAD_RE.sub("", title)
    if not mostly_upper(title):
        return title[:1].upper() + title[1:]
    low = title.lower()
    if len(low) == len(title) and "/" in title:  # document numbers as printed: 05/2017/QĐ-TTg
        for m in _NUMBER_TOKEN_RE.finditer(title):
            low = low[:m.start()] + _number_case(m.group()) + low[m.end():]
    unified = unify_tones(low)  # "THANH HOÁ", "KHÁNH HOÀ": the old placement of the tone mark
    for m in _provinces_in(unified if len(unified) == len(low) else low):
        name = province_of(m.group("province")) or m.group("province").title()
        name = full_name(name) if fold(full_name(name)) == fold(m.group()) else name  # Thành phố Hồ Chí Minh
        if fold(name) == fold(m.group()):
            low = low[:m.start()] + name + low[m.end():]
    low = restore_capitals(low)  # names of bodies, laws, offices, districts (Nghị định 30/2020/NĐ-CP)
    # a capital after an opening quote: “xây dựng nông thôn mới” -> “Xây dựng nông thôn mới”
    low = _AFTER_QUOTE_RE.sub(lambda m: m.group(1) + m.group(2).upper(), low)
    low = _VERB_NOUN_RE.sub(lambda m: f"{m.group(1)} {m.group(2)[:1].upper()}{m.group(2)[1:]}", low)
    return low[:1].upper() + low[1:]


def _provinces_in(text: str) -> list[re.Match[str]]:
    """``list(PROVINCE_RE.finditer(text))``, faster when each character of ``text`` is matched by a letter
    of the names without regard to case exactly where it equals that letter in small letters (a text in
    small letters, without such letters as "ſ", which matches "s" regardless of case)."""
    if all(_ALIKE[c] if c in _ALIKE else _alike(c) for c in set(text)):
        return list(finditer_at_word_start(_PROVINCE_SMALL_RE, text, 0, len(text)))
    return list(PROVINCE_RE.finditer(text))


def _alike(c: str) -> bool:
    """Whether PROVINCE_RE (any case) and _PROVINCE_SMALL_RE match ``c`` with the same letters."""
    alike = _ALIKE[c] = all(
        len(f.lower()) == 1 and (re.fullmatch(re.escape(f), c, re.IGNORECASE) is not None) == (f.lower() == c)
        for f in _PROVINCE_LETTERS)
    return alike


def _number_case(token: str) -> str:
    """'05/2017/QĐ-TTG' -> '05/2017/QĐ-TTg' (the one code written in mixed case by convention)."""
    return _TTG_RE.sub("TTg", token)


def _stop(match: str, pos: int, limit: int) -> int:
    """Where the title at ``pos`` ends at the latest: the authority line, the first basis or section."""
    stop = limit
    for pattern in (AUTHORITY, _SECTION):
        m = pattern.search(match, pos, min(limit, pos + 800))
        # "… NĂM 2020 CỦA / BỘ TRƯỞNG BỘ CÔNG AN QUY ĐỊNH …": a line the one before joins on is the title's
        while m is not None and pattern is AUTHORITY and _JOINED_BODY_RE.search(match, pos, m.start()):
            m = pattern.search(match, m.end(), min(limit, pos + 800))
        if m:
            stop = min(stop, m.start())
    # line breaks lost: the authority ends the last line before the body ("... NĂM 2025 CHÍNH PHỦ")
    line_from = max(pos, match.rfind("\n", pos, max(pos, stop - 1)) + 1)
    last = None
    for m in FLAT_AUTHORITY_RE.finditer(match, line_from, stop):
        last = m
    if (last is not None and last.start() > line_from and mostly_upper(match[last.start():stop])
            and not _JOINED_BODY_RE.search(match, line_from, last.start())):
        stop = last.start()
    return stop


def read_title(match: str, text: str, pos: int, limit: int, capitals_only: bool = False
               ) -> tuple[str | None, int | None]:
    """The title standing at ``text[pos:]`` and where it ends.

    With ``capitals_only`` (no type heading above it) only a run of lines in capitals is a title.
    """
    stop = _stop(match, pos, limit)
    upper: list[str] = []
    lower: list[str] = []
    end = None
    at = pos
    for raw in text[pos:stop].split("\n"):
        line_end = at + len(raw)
        at = line_end + 1
        line = raw.strip(" \t|")
        if not line or _SEPARATOR_RE.match(line):
            if not (upper or lower):
                continue
            if not line and not lower:
                continue  # a blank line inside a title in capitals (line-broken table cells)
            break
        first = next((c for c in line if c.isalpha()), "")
        if not (upper or lower) and _names_issuer_only(match, at - len(raw) - 1, line_end):
            continue  # "CỦA QUỐC HỘI" under the heading: who issued it, not the subject
        if not (upper or lower):
            capitals = mostly_upper(line)
            run = "" if capitals else _capitals_run(line)
            if not capitals and len(run.split()) >= 3:
                # capitals run on into the body on the same line (line breaks lost): the title ends there,
                # or goes on in small letters up to a separator or the end of the line
                upper.append(run)
                base = line_end - len(raw) + raw.index(line)
                end = base + len(run)
                rest = line[len(run):]
                cont = _SEPARATOR_IN_LINE_RE.split(rest, 1)[0].strip()
                if cont[:1].islower() and not _is_paragraph(cont):
                    lower.append(cont)
                    end = base + len(run) + rest.index(cont) + len(cont)
                break
            if capitals_only and (not capitals or line.endswith(":") or len(line.split()) < 3):
                return None, None
            if not capitals and _is_paragraph(line):
                return None, None  # a paragraph of the body: the title was lost
            (upper if capitals else lower).append(line)
        elif upper and not lower and mostly_upper(line):
            upper.append(line)
        elif first.islower():
            lower.append(line)
        else:
            break
        end = line_end - (len(raw) - len(raw.rstrip(" \t|")))  # the line holds more than blanks and bars
    if end is None:
        return None, None
    head = " ".join(" ".join(upper).split())
    if head and not lower:
        head = _capitals_run(head)
    tail = " ".join(" ".join(lower).split())
    joined = _without_identity(f"{head} {tail}".strip())
    if not tail:
        head = joined
    cut = _OF_ISSUER_RE.match(joined)
    if cut:
        rest = joined[cut.end():]
        head, tail = (rest, "") if mostly_upper(rest) else ("", rest)
    title = sentence_case(head) if head else ""
    if tail:
        title = f"{title} {tail}" if title else sentence_case(tail)
    if not title or _is_paragraph(title, _MAX_TITLE_IN_CAPITALS if head and not tail else _MAX_TITLE):
        return None, None
    return title.strip(" .,;:"), end


def _without_identity(title: str) -> str:
    """'SỐ 15-BTC/TT NGÀY 16-3-1991 CỦA BỘ TÀI CHÍNH QUY ĐỊNH ...' -> 'QUY ĐỊNH ...': an old heading
    repeats the document's number, date and issuer before its subject."""
    unified = unify_tones(title)
    m = _IDENTITY_RE.match(unified)
    if m is None or len(unified) != len(title):
        return title
    end = m.end()
    of = _OF_LINE_RE.match(unified, end)
    if of:
        found = match_issuer(unified, of.end(), len(unified))
        if found is None:
            return title
        end = found[0].end()
        while (more := _AND_RE.match(unified, end)) and (
                found := match_issuer(unified, more.end(), len(unified))):
            end = found[0].end()  # joint issuers: "CỦA BỘ TÀI CHÍNH VÀ BỘ NỘI VỤ"
    rest = title[end:].strip(" ,.:")
    return rest if len(rest.split()) >= 3 else title


def _issuer_at(match: str, pos: int, limit: int) -> tuple[int, Issuer, str | None] | None:
    """The issuing body named at ``pos`` and the province a local one is of when named after it ("ỦY BAN
    NHÂN DÂN TỈNH GIA LAI"): where its words end, the body, the province."""
    found = match_issuer(match, pos, limit)
    if found is None:
        return None
    end, province = found[0].end(), None
    place = PROVINCE_AFTER_RE.match(match, end, limit) if found[1].local else None
    if place is not None:
        end, province = place.end(), province_of(place.group("province"))
    return end, found[1], province


def _names_issuer_only(match: str, start: int, end: int) -> bool:
    """The line ``match[start:end]`` is ``CỦA <issuing body>`` and nothing else (its province may follow:
    "CỦA ỦY BAN NHÂN DÂN TỈNH GIA LAI", as documents before 2004 head their title)."""
    m = _OF_LINE_RE.match(match, start, end)
    if not m:
        return False
    found = _issuer_at(match, m.end(), end)
    if found is None:
        return False
    rest = match[found[0]:end].strip(" \t|.,")
    if not rest:
        return True
    identity = HEADING_IDENTITY_RE.match(rest)  # "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 168/TTg NGÀY ..."
    return identity is not None and not rest[identity.end():].strip(" \t|.,")


def issuer_under_heading(match: str, pos: int, limit: int) -> tuple[Issuer, str | None] | None:
    """The body named by a ``CỦA <body>`` line right under the type heading (``NGHỊ QUYẾT / CỦA BỘ
    CHÍNH TRỊ``, ``LUẬT CỦA QUỐC HỘI``, ``QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN TỈNH GIA LAI``: a blank line may
    come between), the subject following it in small letters or on the next line; and the province named
    after a local body."""
    m = _OF_LINE_RE.match(match, pos, limit)
    if m is None:
        after = match[pos:min(limit, pos + 8)]  # the rest of the heading's line, blank lines: "QUYẾT ĐỊNH |"
        skipped = len(after) - len(after.lstrip(" \t|\n"))
        m = _OF_LINE_RE.match(match, pos + skipped, limit) if "\n" in after[:skipped] else None
    if m is None:
        return None
    found = _issuer_at(match, m.end(), min(limit, m.end() + 120))
    if found is None:
        return None
    rest = match[found[0]:found[0] + 6].lstrip(" \t|.,")
    ends = not rest or rest.startswith("\n") or rest[:1].islower() or rest.startswith("VỀ")
    return (found[1], found[2]) if ends else None


#: an acronym after a ";" of a title is no new sentence ("… TẠI UBND HUYỆN …; UBND XÃ, PHƯỜNG …")
_ACRONYM_RE = re.compile(r"[A-ZĐ]{2,}(?![^\W\d_])")


#: the longest title in small letters; one printed in capitals may run longer: the title of a circular that
#: amends another names both, each with its own subject (~1,000 characters in 11 lines)
_MAX_TITLE = 600
_MAX_TITLE_IN_CAPITALS = 1500


def _is_paragraph(s: str, limit: int = _MAX_TITLE) -> bool:
    """Body text rather than a title: too long, a sentence ends inside, or it announces a list."""
    s = s.rstrip()
    return (len(s) > limit or s.endswith(":")
            or any(s[m.end()].isupper() and not _ACRONYM_RE.match(s, m.end())
                   for m in _SENTENCE_END_RE.finditer(s)))


@lru_cache(maxsize=2048)
def _capitals_run(raw: str) -> str:
    """A title in capitals ends where the capitals end ('... TỈNH X Căn cứ ...' -> '... TỈNH X')."""
    end = 0
    cased = not _uncased_letter(raw)  # then a word in capitals (str.isupper) has only capitals
    for w in _WORD_RE.finditer(raw):
        word = w.group()
        if not (cased and word.isupper()):
            letters = list(filter(str.isalpha, word))
            if letters and sum(map(str.isupper, letters)) < 0.7 * len(letters):  # letters, not mostly_upper
                break
        end = w.end()
    return raw[:end]


def read_subject(match: str, text: str, pos: int, limit: int) -> tuple[str | None, int | None]:
    """The ``V/v ...`` subject of a letter in ``text[pos:limit]``, and where it ends."""
    m = SUBJECT_RE.search(match, pos, limit)
    if not m:
        return None, None
    parts: list[str] = []
    at = m.end()
    end = at
    while at < limit:
        nl = text.find("\n", at, limit)
        line = text[at:nl if nl >= 0 else limit]
        piece = line.split("|")[0].strip()
        if parts and (not piece or not piece[0].islower()):
            break
        parts.append(piece)
        end = at + len(line.split("|")[0].rstrip())
        if "|" in line or nl < 0:
            break
        at = nl + 1
    subject = " ".join(" ".join(parts).split()).strip(" .,;:")
    if not subject:
        return None, None
    if mostly_upper(subject):  # "VỀ VIỆC XÂY DỰNG KẾ HOẠCH ..." under a lost heading
        return sentence_case(subject), end
    return subject[:1].upper() + subject[1:], end
