"""The citation reader: finds the citations in a range of text and reads each one.

A citation is read left to right from its type word::

    TYPE  [số]  NUMBER  [ngày DATE]  [của ISSUER]  [về (việc) | <opener>  SUBJECT]
    Luật NAME [số NUMBER] [ngày DATE]                       (laws are cited by name)
    Nghị quyết Đại hội / Đảng bộ ... NAME                    (party resolutions by name)

``Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 của Chính phủ về quản lý, kết nối và chia sẻ dữ
liệu số``. The subject runs
to the end of the clause (``;``, ``.``, ``:``, a closing bracket, the end of the paragraph) or to the
next coordinated citation (``... và Quyết định số ...``), which is a sibling. A citation met inside
a subject (``... sửa đổi, bổ sung một số điều của Nghị định số 15/2018/NĐ-CP ...``) is a *child*,
with the relation the subject's words give it (amends / guides / implements / mentions).

The grammar is one module per part: :mod:`~graph.reading.documents.numbering` (numbers),
:mod:`~graph.reading.documents.patterns` (type word, date, issuer), :mod:`~graph.reading.documents.names`
(names, laws and resolutions cited by name), :mod:`~graph.reading.documents.subjects` (the subject and
the citations inside it), :mod:`~graph.reading.documents.paragraphs` (hard-wrapped lines). The words
(types, codes, issuers, openers, relation words) are data in ``graph/data/``. Every repetition is
bounded, so reading is linear in the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph import problem_text as say
from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.cited import MAX_DEPTH, Cited
from graph.reading.documents.dates import parse_date
from graph.reading.documents.issuer import cited_subunit, in_province
from graph.reading.documents.names import BY_NAME_WHEN_PARTY, ISSUED_BY_RE, NameReader
from graph.reading.documents.numbering import (
    clean_number,
    issuer_from_number,
    joint_bodies,
    number_codes,
    type_from_number,
)
from graph.reading.documents.paragraphs import Paragraphs
from graph.reading.documents.patterns import (
    CAPITALISED_TYPE_RE,
    DATE_AFTER_RE,
    ISSUED_ON_RE,
    JOINT_ISSUER_SEP_RE,
    NUMBER_RE,
    OF_RE,
    PROVINCE_AFTER_RE,
    SAID_SO_RE,
    SO_RE,
    TYPE_RE,
    compile_pattern,
    finditer_so,
    last_type_word,
)
from graph.reading.documents.refdata import (
    Issuer,
    doc_types,
    grammar,
    issuer_forms,
    issuers,
    match_issuer,
    province_of,
    type_by_code,
    type_by_word,
    words_pattern,
)
from graph.reading.documents.subjects import AMENDED_BY_RE, AND_NEXT_RE, read_subject
from graph.text import fold, unify_tones

#: "số" followed by a digit that makes no number ("Nghị định số 51/1998/" cut off, "số 12/QĐ-" damaged),
#: or by nothing before the end of the paragraph (a citation cut off at the end of the text); a blank
#: number left for a draft ("số    /QĐ-UBND") is no failure
_UNREAD_SO_RE = compile_pattern(
    r"[ \t\n]{0,3}(?:số|Số|SỐ)\.?[ \t]{0,3}:?[ \t]{0,3}(?:\d[^\s;,]{0,20}|[ \t\n]*\Z)")


#: what must follow a type word in small letters for NUMBER_RE to match with "số" written (SAID_SO_RE)
_SO_AHEAD_RE = re.compile(r"[ \t\n]{0,3}[sS]")

_HANH = unify_tones("hành")  # the last word of ISSUED_ON_RE


@lru_cache(maxsize=512)
def _type_entry(word: str) -> dict:
    return type_by_word()[fold(word)]


@lru_cache(maxsize=1)
def _issuer_head_re() -> re.Pattern[str]:
    """The title of a body's head, or two joined by a comma ("của Bộ trưởng, Chủ nhiệm Văn phòng Chính
    phủ": a minister heading an agency of ministerial rank)."""
    heads = words_pattern(grammar()["issuer_heads"])
    return compile_pattern(rf"(?:{heads})(?:,[ \t\n]{{1,3}}(?:{heads}))?[ \t\n]{{1,3}}", re.IGNORECASE)


_SPACES_RE = re.compile(r"[ \t\n]+")


def _body_in_title(text: str, head: re.Match[str], limit: int) -> tuple[re.Match[str], Issuer] | None:
    """The body whose name the head's title ends with: "Tổng Thanh tra Chính phủ" (Thanh tra Chính
    phủ, not Chính phủ), "Tổng Kiểm toán Nhà nước"; the body must run on past the title."""
    for space in _SPACES_RE.finditer(text[head.start():head.end()].rstrip()):
        hit = match_issuer(text, head.start() + space.end(), limit)
        if hit and hit[0].end() > head.end():
            return hit
    return None


#: the term or session after a party body or a council ("… Trung ương Đảng khóa XII", "Hội nghị Tỉnh ủy lần
#: thứ 5 Khoá XX", "khóa XV"), before the subject of what it issued
_TERM_AFTER_BODY_RE = compile_pattern(
    r"(?=[ \t\n]+(?:Đảng|lần|[Kk]hóa|KHÓA))(?:[ \t\n]+Đảng)?(?:[ \t\n]+lần[ \t\n]+thứ[ \t\n]+[^\W_]+)?"
    r"(?:[ \t\n]+(?:[Kk]hóa|KHÓA)[ \t\n]+[IVXLC]{1,6}(?![^\W_]))?")

class CitationReader:
    """Reads citations from one prepared text (``match`` for patterns, ``text`` for display)."""

    def __init__(self, match: str, text: str, province: str | None = None) -> None:
        self.m = match
        self.t = text
        self.province = province
        self.paragraphs = Paragraphs(match)
        self.names = NameReader(match, text)
        #: citations left out because the text does not prove them: position -> what and why
        self.unread = self.names.unread

    # ------------------------------------------------------------------ finding citations
    def scan(self, start: int, end: int, by_line: bool = False) -> list[Cited]:
        """Every top-level citation in ``text[start:end]`` in order (children inside them); with
        ``by_line`` no citation runs past the end of its line."""
        out: list[Cited] = []
        pos = start
        for m in self._type_words(start, end):
            if m.start() < pos:
                continue
            limit = self.paragraphs.end_of(m.end(), end) if by_line else end
            cited = self.read(m, limit) if m.re is not SO_RE else self.read_bare(m, limit)
            if cited is None:
                pos = m.end()
                continue
            out.append(cited)
            pos = max(cited.end, m.end())
        return out

    def _type_words(self, start: int, end: int) -> list[re.Match[str]]:
        """Type words that may open a citation, in order: capitalised ones, and any type word
        just before "số <number>" (in lower case or capitals)."""
        text = self.m
        capitalised = [m for m in CAPITALISED_TYPE_RE.finditer(text, start, end)
                       if (at := m.start()) == 0 or not (text[at - 1].isalpha() or text[at - 1].isdigit())]
        numbers = finditer_so(text, start, end)
        if not numbers:  # the capitalised ones alone, already in order
            return capitalised
        found = {m.start(): m for m in capitalised}
        for so in numbers:
            before = last_type_word(text, max(start, so.start() - 40), so.start())
            if before and not self.m[before.end():so.start()].strip():
                found.setdefault(before.start(), before)
            else:  # "các Nghị định của Chính phủ: số ...; số ..." - the number alone names the type
                found.setdefault(so.start(), so)
        return [found[k] for k in sorted(found)]

    def read_at(self, pos: int, limit: int | None = None) -> Cited | None:
        """The citation starting exactly at ``pos``, if any."""
        m = TYPE_RE.match(self.m, pos, limit or len(self.m))
        return self.read(m, limit or len(self.m)) if m else None

    # ------------------------------------------------------------------ reading one citation
    def read_bare(self, so: re.Match[str], limit: int) -> Cited | None:
        """'số 27/2013/NĐ-CP ngày ...' without a type word: the type code inside the number says it."""
        num = NUMBER_RE.match(self.m, so.start(), limit)
        if not num:
            return None
        number = clean_number(self.t[num.start("number"):num.end("number")])
        codes = {c.upper() for c in number_codes(number)}
        if not codes & set(type_by_code()):
            return None  # only an issuer code: not enough to call it a citation
        cited = Cited(type_from_number(number), so.start(), num.end(), number=number)
        cited.spans["number"] = (num.start("number"), num.end("number"))
        return self._read_rest(cited, num.end(), limit, 0, {})

    def read(self, m: re.Match[str], limit: int, depth: int = 0) -> Cited | None:
        type_text = self.t[m.start("type"):m.end("type")]
        entry = _type_entry(type_text)
        pos = m.end()
        if not type_text[0].isupper() and not _SO_AHEAD_RE.match(self.m, pos, limit):
            return None  # a type word in small letters opens a citation only before "số <number>"
        num = NUMBER_RE.match(self.m, pos, limit)
        said_so = bool(num) and SAID_SO_RE.search(self.m, pos, num.start("number")) is not None
        if type_text.isupper() and len(type_text) > 3 and not said_so:
            return None  # a heading (QUYẾT ĐỊNH), not a citation
        cited: Cited | None
        if num and (type_text[0].isupper() or said_so):
            number = clean_number(self.t[num.start("number"):num.end("number")])
            doc_type = entry["name"]
            coded = type_from_number(number)
            if doc_type == doc_types()["letter_type"] or (coded and coded.startswith(doc_type + " ")):
                # a letter's type is its number's; "Thông tư số 03/2008/TTLT-BYT-BNV": Thông tư liên tịch
                doc_type = coded or doc_type
            cited = Cited(doc_type, m.start(), num.end(), number=number)
            cited.spans["number"] = (num.start("number"), num.end("number"))
            cited.spans["doc_type"] = (m.start("type"), m.end("type"))
            pos = num.end()
        elif entry.get("by_name") and type_text[0].isupper():
            cited = self.names.law(m, entry, limit, depth)
            if cited is None:
                return None
            pos = cited.end
        elif type_text[0].isupper() and entry["name"] in BY_NAME_WHEN_PARTY:
            cited = self.names.named_resolution(m, entry, limit, self.province)
            if cited is None:
                return None
            return cited
        else:
            if num is None and type_text[0].isupper():
                self._unread_number(m, limit)
            return None
        return self._read_rest(cited, pos, limit, depth, entry)

    def _unread_number(self, m: re.Match[str], limit: int) -> None:
        """A type word and "số" whose number cannot be read (cut off or damaged): said, not cited."""
        so = _UNREAD_SO_RE.match(self.m, m.end(), limit)
        if so is None:
            return
        words = " ".join(self.t[m.start():so.end()].split())
        why = say.NUMBER_CUT_OFF if any(c.isdigit() for c in so.group()) else say.ENDS_BEFORE_NUMBER
        self.unread.setdefault(m.start(), say.CITATION_NOT_READ.format(citation=words, why=why))

    def _read_rest(self, cited: Cited, pos: int, limit: int, depth: int, entry: dict) -> Cited:
        """Date, issuer and subject after the number or name."""
        by = ISSUED_BY_RE.match(self.m, pos, limit) if cited.by_name else None
        if by:  # "Pháp lệnh ... do Hội đồng Nhà nước ban hành ngày ..."
            cited.issuer = " ".join(self.t[by.start("body"):by.end("body")].split())
            cited.spans["issuer"] = (by.start("body"), by.end("body"))
            pos = by.end()
        pos = self._read_date(cited, pos, limit)
        pos = self._read_issuer(cited, pos, limit)
        if cited.number and cited.issuer is None:
            issuer, spelled = issuer_from_number(cited.number, self.province)
            if issuer:
                cited.issuer, cited.level = spelled, issuer.level
                cited.province = self.province if issuer.local else None
        if cited.issuer is None and entry.get("issuer"):
            cited.issuer, cited.level = entry["issuer"], "central"
        if cited.date is None and "issuer" in cited.spans:  # "Luật Đất đai của Quốc hội ngày ..."
            pos = self._read_date(cited, pos, limit)
        cited.end = pos
        if depth < MAX_DEPTH:
            if not cited.by_name:  # a law's name is its title; "về ..." after it is the citing text's
                read_subject(self.m, self.t, cited, pos, limit, wraps=self.paragraphs.wraps,
                             read_child=lambda tm: self.read(tm, limit, depth + 1))
            self._read_amended_by(cited, limit, depth)
        return cited

    def _read_amended_by(self, cited: Cited, limit: int, depth: int) -> None:
        """``... được sửa đổi, bổ sung bởi Luật số 87/2025/QH15 (và ...)``: the amending documents, as
        children related by "amended_by" (the child amends its parent). They amend the nearest document
        of their own type: this citation, or the one inside its subject ("Nghị định ... hướng dẫn Luật
        ... được sửa đổi bởi Nghị định ...");
        inside a subject (``depth`` > 0) only a document of this citation's type is taken, so that an
        amendment of the outer citation is left to it."""
        am = AMENDED_BY_RE.match(self.m, cited.end, limit)
        if not am:
            return
        at = am.end()
        found: list[Cited] = []
        while len(found) < 6:
            tm = TYPE_RE.match(self.m, at, limit)
            child = self.read(tm, limit, depth + 1) if tm else None
            if child is None or not (child.number or child.by_name):
                break
            found.append(child)
            at = child.end
            sep = AND_NEXT_RE.match(self.m, at, limit)
            if not sep or not TYPE_RE.match(self.m, sep.end(), limit):
                break
            at = sep.end()
        if not found or (depth and fold(found[0].doc_type) != fold(cited.doc_type)):
            return
        for child in found:
            target = cited
            if fold(child.doc_type) != fold(cited.doc_type):
                target = next((c for c, _ in reversed(cited.children)
                               if fold(c.doc_type) == fold(child.doc_type)), cited)
            target.children.append((child, "amended_by"))
        cited.end = max(cited.end, found[-1].end)

    def _read_date(self, cited: Cited, pos: int, limit: int) -> int:
        d = DATE_AFTER_RE.match(self.m, pos, limit)
        if not d:
            return pos
        cited.date = parse_date(self.m[d.start("dated"):d.end("dated")])
        if cited.date is None:
            written = " ".join(self.t[d.start("dated") + 4:d.end()].split())
            what = f"{cited.doc_type} {cited.number}" if cited.number else (cited.title or cited.doc_type)
            cited.problems.append(say.CITED_DATE_DOES_NOT_EXIST.format(cited=what, written=written))
        cited.spans["date"] = (d.start("dated"), d.end("dated"))
        return d.end()

    def _read_issuer(self, cited: Cited, pos: int, limit: int) -> int:
        of = OF_RE.match(self.m, pos, limit)
        if not of:
            return pos
        at = of.end()
        sub = cited_subunit(self.m, at, limit)
        if sub:  # "của Ủy ban nhân dân huyện Bình Chánh": a body below the province
            cited.issuer, cited.level = sub[0].name, sub[0].level
            cited.province = sub[1] or self.province
            cited.spans["issuer"] = (at, sub[2])
            return sub[2]
        hit = match_issuer(self.m, at, limit)
        if not hit:  # "của Bộ trưởng Bộ Tài chính": the body after its head's title
            head = _issuer_head_re().match(self.m, at, limit)
            if head:
                hit = _body_in_title(self.m, head, limit) or match_issuer(self.m, head.end(), limit)
        if hit:
            im, issuer = hit
            end = im.end()
            province = None
            if issuer.local:
                pm = PROVINCE_AFTER_RE.match(self.m, end, limit)
                if pm:
                    province = province_of(pm.group("province"))
                    end = pm.end()
                province = province or self.province
            term = _TERM_AFTER_BODY_RE.match(self.m, end, limit)
            if term is not None:  # "Ban Chấp hành Trung ương Đảng khóa XII về …": the subject follows
                end = term.end()
            cited.issuer, cited.level = issuer.spelled(province, cited.date), issuer.level
            cited.province = province if issuer.local else None
            if cited.number and not issuer.local and joint_bodies(cited.number):
                end = self._read_joint_issuers(cited, end, limit)
            cited.spans["issuer"] = (at, end)
            return end
        # a department or other body: "của Sở Thông tin và Truyền thông"
        words, end = self.names.words(at, limit, allow_lower_first=False)
        heads = issuers()["department_heads"]
        if words and any(" ".join(words).startswith(h) for h in heads):
            name = self.t[at:end]
            pm = re.search(r"\s+tỉnh\s+(.+)$", name)
            province = (province_of(pm.group(1)) if pm else None) or self.province
            if pm:
                name = name[:pm.start()]
            body = expand_agency(name, province)
            cited.issuer = in_province(body, province, cited.date)
            cited.level, cited.province = "provincial", province
            cited.spans["issuer"] = (at, end)
            return end
        return pos

    def _read_joint_issuers(self, cited: Cited, pos: int, limit: int) -> int:
        """The other bodies of a joint document, after the first ("của Bộ Tài chính và Bộ Tư pháp",
        "của Ủy ban Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch ..."): named as its number does."""
        names = [cited.issuer]
        while (sep := JOINT_ISSUER_SEP_RE.match(self.m, pos, limit)) is not None:
            hit = match_issuer(self.m, sep.end(), limit)
            if hit is None or hit[1].local:
                break
            names.append(hit[1].name)
            pos = hit[0].end()
        cited.issuer = " - ".join(dict.fromkeys(names))
        return pos

    def issued_on(self, cited: Cited, floor: int) -> None:
        """'Ngày 3/5/2012, Ủy ban nhân dân tỉnh ban hành Kế hoạch số ...': date and issuer from before."""
        lo = max(floor, cited.start - 150)
        # the pattern (tried at every position: it opens with a look-behind) ends with "hành", blanks
        # and the end (or a line break and the end): "hành" stands in the last eight characters
        if self.m.find(_HANH, max(lo, cited.start - 8), cited.start) < 0:
            return
        im = ISSUED_ON_RE.search(self.m, lo, cited.start)
        if not im:
            return
        date = parse_date(self.m[im.start("date"):im.end("date")])
        if date is None:
            return
        if cited.date is None:
            cited.date = date
            cited.spans["date"] = (im.start("date"), im.end("date"))
        if cited.issuer is None or cited.spans.get("issuer") is None:
            body = self.m[im.start("issuer"):im.end("issuer")]
            for pattern, issuer in issuer_forms():
                if pattern.match(body):
                    cited.issuer, cited.level = issuer.spelled(self.province), issuer.level
                    cited.province = self.province if issuer.local else None
                    break
        cited.start = im.start()
