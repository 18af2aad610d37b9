"""The citation grammar: how Vietnamese legal text names another document.

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

Patterns are named building blocks below; the words (types, codes, issuers, openers, relation
words) are data in ``graph/data/``. Every repetition is bounded, so reading is linear in the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.reading.documents.agencies import expand_agency
from graph.reading.documents.dates import DATED, parse_date
from graph.reading.documents.refdata import (
    Issuer,
    doc_types,
    grammar,
    issuer_by_code,
    issuer_forms,
    issuers,
    match_issuer,
    province_of,
    province_pattern,
    type_by_code,
    type_by_word,
    words_pattern,
)
from graph.text import fold, unify_tones

# ----------------------------------------------------------------------------- building blocks

#: not preceded / followed by a letter
_B = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"
#: a code inside a number: QĐ, NĐ, CP, TTg, CTr, BTTTT, QH13, HĐND, KH&ĐT
CODE = r"[A-ZĐ][A-Za-zĐđ&]{0,9}\d{0,2}"
_DASH = r"[ \t]{0,2}[-–][ \t]{0,2}"
_SLASH = r"[ \t]{0,2}/[ \t]{0,2}"
#: document numbers: 47/2020/NĐ-CP, 2345/QĐ-UBND, 05-NQ/TW, 12-CTr/TU, 2290/BTTTT-KHTC, 12a/NQ-CP,
#: 80/2015/QH13, 215 /KH-UBND, 318/QĐ - UBND
NUMBER = (
    rf"\d{{1,5}}[a-zđ]?(?:{_SLASH}(?:19|20)\d{{2}})?"
    rf"(?:{_SLASH}{CODE}(?:{_DASH}{CODE}){{0,2}}|{_DASH}{CODE}{_SLASH}{CODE})(?![\w/])"
)
#: "số" before the number, optional ("Quyết định 2345/QĐ-UBND")
_SO = r"(?:[ \t\n]{0,3}(?:số|SỐ|Số)\.?)?[ \t\n]{0,3}:?[ \t\n]{0,3}"


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(unify_tones(pattern), flags)


def _type_words() -> list[str]:
    return [w for t in doc_types()["types"] for w in t["words"]]


def _case_variants(words: list[str]) -> list[str]:
    """Each phrase as written in running text, lower case and capitals ('Nghị định', 'nghị định',
    'NGHỊ ĐỊNH'): cheaper to match than IGNORECASE."""
    out: set[str] = set()
    for w in map(unify_tones, words):
        out |= {w, w.lower(), w.upper(), w[:1].upper() + w[1:].lower(), w[:1].lower() + w[1:]}
    return sorted(out)


TYPE_RE = _compile(rf"(?=[{''.join(sorted({re.escape(v[0]) for v in _case_variants(_type_words())}))}])"
                   rf"{_B}(?P<type>{words_pattern(_case_variants(_type_words()))}){_E}")
NUMBER_RE = _compile(rf"{_SO}(?P<number>{NUMBER})")
DATE_AFTER_RE = _compile(rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}(?P<dated>{DATED})")
OF_RE = _compile(r"[ \t\n]{0,3},?[ \t\n]{1,3}(?:của|do)[ \t\n]{1,3}")
PROVINCE_AFTER_RE = _compile(rf"[ \t]{{1,3}}(?P<province>{province_pattern()}){_E}", re.IGNORECASE)
WORD_RE = _compile(r"(?P<sep>[ \t]{1,3}|,[ \t]{1,3}|[ \t]{1,3}-[ \t]{1,3})(?P<word>[^\W_][\w&]*)")


def _subject_start_re() -> re.Pattern[str]:
    g = grammar()
    markers = words_pattern(g["subject_markers"])
    openers = words_pattern(g["subject_openers"])
    return _compile(
        rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}(?:(?P<marker>{markers})[ \t\n]{{1,3}}|(?=(?:{openers}){_E}))",
        re.IGNORECASE,
    )


SUBJECT_START_RE = _subject_start_re()
#: what ends or interrupts a subject
# Scanning patterns start with plain literals (the regex engine then skips ahead fast); the left
# word boundary of a type word is checked in code (:func:`_starts_word`).
_WRITTEN_TYPES = sorted({w for w in map(unify_tones, _type_words())}
                        | {w[:1].upper() + w[1:].lower() for w in map(unify_tones, _type_words())})
#: type words as they open a citation in running text ("Nghị định", "Luật")
CAPITALISED_TYPE_RE = re.compile(rf"(?P<type>{words_pattern(_WRITTEN_TYPES)}){_E}")
#: "số" before a number: finds citations whose type word is in lower case or capitals
SO_RE = _compile(r"(?:số|SỐ)[ \t\n]{0,3}:?[ \t\n]{0,3}\d")
SUBJECT_STOP_RE = _compile(
    rf"[;:()\n]|\.(?=\s|$)|,[ \t]+(?=[^\W\d_])|[ \t]+(?:và|hoặc)[ \t]+(?=số[ \t]{{0,3}}\d)"
    rf"|(?:{words_pattern(_case_variants(_type_words()))}){_E}"
)


def _starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalpha() or text[pos - 1].isdigit())
#: a coordinated sibling starts after these
SIBLING_BEFORE_RE = _compile(r"(?:,|\s(?:và|hoặc|cùng))\s{0,3}$")
#: "Ngày 19/11/2001, Ủy ban nhân dân tỉnh ban hành" just before a citation without date
ISSUED_ON_RE = _compile(
    rf"{_B}[Nn]gày[ \t]{{1,3}}(?P<date>\S{{1,12}}?)[ \t]{{0,3}},[ \t]{{0,3}}(?P<issuer>[^,;.\n]{{3,80}}?)"
    rf"[ \t]{{1,3}}(?:đã[ \t]{{1,3}})?ban[ \t]hành[ \t]{{1,3}}$"
)

#: the start of the line after a break: lower case or a number/date goes on with the sentence
_NEXT_LINE_RE = re.compile(r"[ \t]{0,8}(?:(?P<number>\d{1,5}[a-zđ]?[ \t]{0,2}/)|(?P<first>\S))")
#: words a wrapped line may end on ("... ngày 22/9/2010 của" / "Tờ trình số")
_DANGLING_RE = _compile(r"(?<![^\W\d_])(?:của|số|ngày|và|về|việc|tại|theo|tháng|năm|kèm)[ \t]*$")

_FIRST_WORD_RE = re.compile(r"[ \t]{0,3}(?P<word>[^\W_][\w&]*)")
_NEXT_WORD_RE = re.compile(r"[ \t]{1,3}([^\W_][\w&]*)")
#: "Luật Sửa đổi, bổ sung một số điều của Luật ..." (the laws it amends follow)
_AMENDING_LAW_RE = _compile(
    r"[ \t]{1,3}(?:[Ss]ửa[ \t]đổi(?:,?[ \t]{1,3}bổ[ \t]sung)?|[Bb]ổ[ \t]sung)"
    r"(?:[ \t]{1,3}một[ \t]số[ \t]điều)?(?:[ \t]{1,3}của)?[ \t]{1,3}"
)
_SAID_SO_RE = re.compile(r"[sS]")
_BARE_NUMBER_RE = _compile(r"số[ \t]{0,3}:?[ \t]{0,3}\d")
#: types a party body issues that are cited by name ("Nghị quyết Đại hội Đảng bộ tỉnh ...")
_BY_NAME_WHEN_PARTY = ("Nghị quyết", "Chỉ thị", "Kết luận")
_AND_RE = _compile(r"[ \t]{0,3}(?:,|và)[ \t]{1,3}")
_CLAUSE_END_RE = re.compile(r"[;()\n:]|\.(?=\s|$)")

_SUBJECT_LIMIT = 600
_NAME_WORDS = 16
_MAX_DEPTH = 3


@dataclass
class Cited:
    """A citation read from the text, with its span and the documents named inside its subject."""

    doc_type: str | None
    start: int
    end: int
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    title: str | None = None
    by_name: bool = False
    children: list[tuple[Cited, str]] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        """What a nested entry's ``of`` says about this document: its number, else its title."""
        return self.number or self.title

    def key(self) -> tuple:
        """Identity for de-duplication: number and year, or type and folded name."""
        year = self.date.year if self.date else None
        if self.number:
            return ("n", number_key(self.number), year)
        return ("t", fold(self.doc_type), fold(self.title))

    def walk(self):
        """This citation and every citation inside it, depth first."""
        yield self
        for child, _ in self.children:
            yield from child.walk()


@lru_cache(maxsize=512)
def _type_entry(word: str) -> dict:
    return type_by_word()[fold(word)]


@lru_cache(maxsize=4096)
def number_key(number: str) -> str:
    return re.sub(r"\s+", "", number).replace("–", "-").lower()


def clean_number(raw: str) -> str:
    """As printed, whitespace removed: '58 /KH-UBND' -> '58/KH-UBND'."""
    return re.sub(r"\s+", "", raw).replace("–", "-")


def number_codes(number: str) -> list[str]:
    """The letter codes of a number: '47/2020/NĐ-CP' -> ['NĐ', 'CP']; '05-NQ/TW' -> ['NQ', 'TW']."""
    return [c for c in re.split(r"[-/]", number) if c and not c[0].isdigit()]


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


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _spell_abbreviations(name: str) -> str:
    for short, full in grammar()["abbreviations"].items():
        name = re.sub(rf"{_B}{re.escape(short)}{_E}", full, name)
    return name


def relation_of(gap: str) -> str:
    """How a basis relates to a document its subject names, from the words just before it."""
    tail = fold(gap[-90:])
    for relation, words in grammar()["relations"]:
        if any(re.search(rf"\b{re.escape(fold(w))}\b", tail) for w in words):
            return relation
    return "mentions"


@lru_cache(maxsize=1)
def _name_grammar() -> tuple[frozenset[str], re.Pattern[str], list[str]]:
    """Words that end a name, phrases that end it, and the bodies of resolutions cited by name."""
    g = grammar()
    stops = frozenset(unify_tones(w.lower()) for w in g["name_stops"] if " " not in w)
    phrases = re.compile(rf"(?:{words_pattern([w for w in g['name_stops'] if ' ' in w])}){_E}", re.IGNORECASE)
    return stops, phrases, [fold(b) for b in g["named_resolution_bodies"]]


_NEWLINE_RE = re.compile("\n")


class CitationReader:
    """Reads citations from one prepared text (``match`` for patterns, ``text`` for display)."""

    def __init__(self, match: str, text: str, province: str | None = None) -> None:
        self.m = match
        self.t = text
        self.province = province
        self._stops, self._stop_phrases, self._bodies = _name_grammar()
        # paragraph bounds found so far, by the first line break looked at (and the bound given)
        self._para_end: dict[tuple[int, int], int] = {}
        self._para_start: dict[tuple[int, int], int] = {}
        self._nl: list[int] | None = None  # positions of the line breaks, found on first use

    # ------------------------------------------------------------------ public
    def scan(self, start: int, end: int, by_line: bool = False) -> list[Cited]:
        """Every top-level citation in ``text[start:end]`` in order (children inside them); with
        ``by_line`` no citation runs past the end of its line."""
        out: list[Cited] = []
        pos = start
        for m in self._type_words(start, end):
            if m.start() < pos:
                continue
            limit = self.paragraph_end(m.end(), end) if by_line else end
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
        found = {m.start(): m for m in CAPITALISED_TYPE_RE.finditer(self.m, start, end)
                 if _starts_word(self.m, m.start())}
        for so in SO_RE.finditer(self.m, start, end):
            before = None
            for tm in TYPE_RE.finditer(self.m, max(start, so.start() - 40), so.start()):
                before = tm
            if before and not self.m[before.end():so.start()].strip():
                found.setdefault(before.start(), before)
            else:  # "các Nghị định của Chính phủ: số ...; số ..." - the number alone names the type
                found.setdefault(so.start(), so)
        return [found[k] for k in sorted(found)]

    def paragraph_end(self, pos: int, end: int) -> int:
        """End of the paragraph holding ``pos``: the first line break that does not merely wrap a
        sentence (hard-wrapped text: the next line goes on in lower case, with a number or a date,
        or the line ends on a word that needs a continuation such as 'của', 'số', 'ngày')."""
        nl = self._next_newline(pos, end)
        passed = []
        while True:
            if nl < 0:
                found = end
                break
            known = self._para_end.get((nl, end))
            if known is not None:
                found = known
                break
            passed.append(nl)
            if not self.wraps(nl):
                found = nl
                break
            nl = self._next_newline(nl + 1, end)
        for at in passed:  # every line break passed on the way ends in the same place: linear time
            self._para_end[(at, end)] = found
        return found

    def _next_newline(self, pos: int, end: int) -> int:
        """``self.m.find("\\n", pos, end)`` by bisection (a long paragraph is not scanned per citation)."""
        nls = self._newlines()
        k = bisect.bisect_left(nls, pos)
        return nls[k] if k < len(nls) and nls[k] < end else -1

    def _previous_newline(self, floor: int, pos: int) -> int:
        """``self.m.rfind("\\n", floor, pos)`` by bisection."""
        nls = self._newlines()
        k = bisect.bisect_left(nls, pos) - 1
        return nls[k] if k >= 0 and nls[k] >= floor else -1

    def _newlines(self) -> list[int]:
        if self._nl is None:
            self._nl = [m.start() for m in _NEWLINE_RE.finditer(self.m)]
        return self._nl

    def paragraph_start(self, pos: int, floor: int = 0) -> int:
        """Start of the paragraph holding ``pos`` (line breaks that only wrap are skipped)."""
        nl = self._previous_newline(floor, pos)
        passed = []
        while True:
            if nl < 0:
                found = floor
                break
            known = self._para_start.get((nl, floor))
            if known is not None:
                found = known
                break
            passed.append(nl)
            if not self.wraps(nl):
                found = nl + 1
                break
            nl = self._previous_newline(floor, nl)
        for at in passed:
            self._para_start[(at, floor)] = found
        return found

    def wraps(self, nl: int) -> bool:
        """Whether the line break at ``nl`` only wraps a sentence."""
        nxt = _NEXT_LINE_RE.match(self.m, nl + 1)
        if nxt is None:
            return False
        first = nxt.group("first")
        if nxt.group("number") or (first.isalpha() and first.islower()):
            return True
        return bool(_DANGLING_RE.search(self.m, max(0, nl - 12), nl))

    def read_at(self, pos: int, limit: int | None = None) -> Cited | None:
        """The citation starting exactly at ``pos``, if any."""
        m = TYPE_RE.match(self.m, pos, limit or len(self.m))
        return self.read(m, limit or len(self.m)) if m else None

    # ------------------------------------------------------------------ grammar
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
        num = NUMBER_RE.match(self.m, pos, limit)
        said_so = bool(num) and _SAID_SO_RE.search(self.m, pos, num.start("number")) is not None
        if type_text.isupper() and len(type_text) > 3 and not said_so:
            return None  # a heading (QUYẾT ĐỊNH), not a citation
        cited: Cited
        if num and (type_text[0].isupper() or said_so):
            number = clean_number(self.t[num.start("number"):num.end("number")])
            doc_type = entry["name"]
            if doc_type == doc_types()["letter_type"]:
                doc_type = type_from_number(number) or doc_type
            cited = Cited(doc_type, m.start(), num.end(), number=number)
            cited.spans["number"] = (num.start("number"), num.end("number"))
            cited.spans["doc_type"] = (m.start("type"), m.end("type"))
            pos = num.end()
        elif entry.get("by_name") and type_text[0].isupper():
            cited = self._read_law(m, entry, limit, depth)
            if cited is None:
                return None
            pos = cited.end
        elif type_text[0].isupper() and entry["name"] in _BY_NAME_WHEN_PARTY:
            cited = self._read_named_resolution(m, entry, limit)
            if cited is None:
                return None
            return cited
        else:
            return None
        return self._read_rest(cited, pos, limit, depth, entry)

    def _read_rest(self, cited: Cited, pos: int, limit: int, depth: int, entry: dict) -> Cited:
        """Date, issuer and subject after the number or name."""
        pos = self._read_date(cited, pos, limit)
        pos = self._read_issuer(cited, pos, limit)
        if cited.number and cited.issuer is None:
            issuer, spelled = issuer_from_number(cited.number, self.province)
            if issuer:
                cited.issuer, cited.level = spelled, issuer.level
                cited.province = self.province if issuer.local else None
        if cited.issuer is None and entry.get("issuer"):
            cited.issuer, cited.level = entry["issuer"], "central"
        cited.end = pos
        if depth < _MAX_DEPTH:
            self._read_subject(cited, pos, limit, depth)
        return cited

    def _read_date(self, cited: Cited, pos: int, limit: int) -> int:
        d = DATE_AFTER_RE.match(self.m, pos, limit)
        if not d:
            return pos
        cited.date = parse_date(self.m[d.start("dated"):d.end("dated")])
        if cited.date is None:
            written = " ".join(self.t[d.start("dated") + 4:d.end()].split())
            what = f"{cited.doc_type} {cited.number}" if cited.number else (cited.title or cited.doc_type)
            cited.problems.append(f"the date of the cited {what}, {written}, does not exist")
        cited.spans["date"] = (d.start("dated"), d.end("dated"))
        return d.end()

    def _read_issuer(self, cited: Cited, pos: int, limit: int) -> int:
        of = OF_RE.match(self.m, pos, limit)
        if not of:
            return pos
        at = of.end()
        hit = match_issuer(self.m, at, limit)
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
            cited.issuer, cited.level = issuer.spelled(province), issuer.level
            cited.province = province if issuer.local else None
            cited.spans["issuer"] = (at, end)
            return end
        # a department or other body: "của Sở Thông tin và Truyền thông"
        words, end = self._read_words(at, limit, allow_lower_first=False)
        heads = issuers()["department_heads"]
        if words and any(" ".join(words).startswith(h) for h in heads):
            name = self.t[at:end]
            pm = re.search(r"\s+tỉnh\s+(.+)$", name)
            province = (province_of(pm.group(1)) if pm else None) or self.province
            if pm:
                name = name[:pm.start()]
            body = expand_agency(name, province)
            cited.issuer = f"{body} tỉnh {province}" if province and "tỉnh" not in body else body
            cited.level, cited.province = "provincial", province
            cited.spans["issuer"] = (at, end)
            return end
        return pos

    def _read_words(self, pos: int, limit: int, allow_lower_first: bool = True,
                    max_words: int = _NAME_WORDS) -> tuple[list[str], int]:
        """Words of a name from ``pos`` until a stop word, punctuation or a type word."""
        words: list[str] = []
        end = pos
        at = pos
        first = _FIRST_WORD_RE
        while len(words) < max_words:
            wm = (first if not words else WORD_RE).match(self.m, at, limit)
            if not wm:
                break
            word = wm.group("word")
            sep = wm.groupdict().get("sep") or ""
            if not words:
                if not allow_lower_first and not word[0].isupper():
                    break
            else:
                lw = word.lower()
                if lw in self._stops and not (lw == "và" and self._continues_after_and(wm.end())):
                    break
                if self._stop_phrases.match(self.m, wm.start("word")):
                    break
                if word[0].isupper() and TYPE_RE.match(self.m, wm.start("word"), limit):
                    break
                if "," in sep and not (word[0].isupper() or len(words) == 1):
                    break
                if "-" in sep and not word[0].isupper():
                    break
            words.append(word)
            end = wm.end()
            at = wm.end()
        return words, end

    def _continues_after_and(self, pos: int) -> bool:
        """'HĐND và UBND' continues a name; 'và Luật ...', 'và các ...' do not."""
        nxt = _NEXT_WORD_RE.match(self.m, pos)
        if not nxt:
            return False
        return nxt.group(1)[0].isupper() and not TYPE_RE.match(self.m, nxt.start(1))

    def _read_law(self, m: re.Match[str], entry: dict, limit: int, depth: int) -> Cited | None:
        """``Luật Đất đai``, ``Luật Sửa đổi, bổ sung ... của Luật A và Luật B``."""
        pos = m.end()
        cited = Cited(entry["name"], m.start(), pos, by_name=True)
        amend = _AMENDING_LAW_RE.match(self.m, pos, limit)
        if amend:
            at = amend.end()
            while depth < _MAX_DEPTH:
                tm = TYPE_RE.match(self.m, at, limit)
                child_entry = type_by_word()[fold(tm.group("type"))] if tm else None
                if not child_entry or not child_entry.get("by_name"):
                    break
                child = self._read_law(tm, child_entry, limit, depth + 1)
                if child is None:
                    break
                child.issuer, child.level = child_entry.get("issuer"), "central"
                cited.children.append((child, "amends"))
                at = child.end
                sep = _AND_RE.match(self.m, at, limit)
                if not sep or not TYPE_RE.match(self.m, sep.end(), limit):
                    break
                at = sep.end()
            if not cited.children:
                return None
            end = cited.children[-1][0].end
            name = self.t[pos:end].strip()
        else:
            words, end = self._read_words(pos, limit, allow_lower_first=False)
            if not words:
                return None
            name = " ".join(self.t[pos:end].split())
            sm = NUMBER_RE.match(self.m, end, limit)
            if sm and _SAID_SO_RE.search(self.m, end, sm.start("number")):
                cited.number = clean_number(self.t[sm.start("number"):sm.end("number")])
                cited.spans["number"] = (sm.start("number"), sm.end("number"))
                end = sm.end()
        cited.title = f"{entry['name']} {_cap_first(_spell_abbreviations(' '.join(name.split())))}"
        cited.spans["doc_type"] = (m.start("type"), m.end("type"))
        cited.spans["title"] = (pos, end)
        cited.end = end
        return cited

    def _read_named_resolution(self, m: re.Match[str], entry: dict, limit: int) -> Cited | None:
        """``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X, nhiệm kỳ 2015 - 2020``."""
        rest = fold(self.m[m.end():m.end() + 30]).strip()
        if not any(rest.startswith(b) for b in self._bodies):
            return None
        stop = _CLAUSE_END_RE.search(self.m, m.end(), min(limit, m.end() + 200))
        end = stop.start() if stop else min(limit, m.end() + 200)
        name = " ".join(self.t[m.end():end].split()).rstrip(" ,")
        cited = Cited(entry["name"], m.start(), m.start() + len(self.t[m.start():end].rstrip(" ,")),
                      title=f"{entry['name']} {name}", by_name=True, level="party")
        cited.spans["title"] = (m.start(), end)
        body = re.split(r",|\s(?:lần|nhiệm kỳ|khóa|khoá)\s", name)[0].strip()
        for pattern, issuer in issuer_forms():
            im = pattern.match(unify_tones(body))
            if im and issuer.local:
                pm = PROVINCE_AFTER_RE.match(unify_tones(body), im.end())
                province = province_of(pm.group("province")) if pm else self.province
                cited.issuer, cited.province = issuer.spelled(province), province
                break
        return cited

    def _read_subject(self, cited: Cited, pos: int, limit: int, depth: int) -> None:
        sm = SUBJECT_START_RE.match(self.m, pos, limit)
        if not sm:
            return
        start = sm.end()
        bound = min(limit, start + _SUBJECT_LIMIT)
        at = start
        seg = start
        parens = 0
        end = bound
        while at < bound:
            stop = SUBJECT_STOP_RE.search(self.m, at, bound)
            if not stop:
                end = bound
                break
            ch = stop.group()
            if len(ch) > 1 and ch[0] not in ", \t" and not _starts_word(self.m, stop.start()):
                at = stop.end()
                continue
            if ch[0] in ", \t":
                # ", Ủy ban nhân dân tỉnh ban hành ...": a body opens the next clause;
                # ", số 27/2013/NĐ-CP ..." / "và số ...": the next document of a list
                if parens == 0 and (ch[0] != "," or match_issuer(self.m, stop.end(), bound)
                                    or _BARE_NUMBER_RE.match(self.m, stop.end(), bound)):
                    end = stop.start()
                    break
            elif ch == "(":
                parens += 1
            elif ch == ")":
                if parens == 0:
                    end = stop.start()
                    break
                parens -= 1
            elif ch == "\n" and self.wraps(stop.start()):
                pass
            elif len(ch) == 1 and ch in ";:\n.":
                end = stop.start()
                break
            else:  # a type word: a child, or a coordinated sibling that ends this subject
                before = self.m[max(start, stop.start() - 12):stop.start()]
                tm = TYPE_RE.match(self.m, stop.start(), bound)
                child = self.read(tm, limit, depth + 1) if tm else None
                if child is None:
                    at = stop.end()
                    continue
                if SIBLING_BEFORE_RE.search(before) and (child.number or child.by_name):
                    sib = SIBLING_BEFORE_RE.search(self.m, max(start, stop.start() - 12), stop.start())
                    end = sib.start() if sib else stop.start()
                    break
                cited.children.append((child, relation_of(self.m[seg:child.start])))
                at = seg = max(child.end, stop.end())
                continue
            at = stop.end()
        title_end = end
        while title_end > start and self.m[title_end - 1] in " \t,":
            title_end -= 1
        if title_end > start:
            cited.title = " ".join(self.t[start:title_end].split())
            cited.spans["title"] = (start, title_end)
            cited.end = max(cited.end, title_end)
        # children past the end of the subject (a sibling cut it short) are not children
        cited.children = [(c, r) for c, r in cited.children if c.start < title_end]

    def issued_on(self, cited: Cited, floor: int) -> None:
        """'Ngày 3/5/2012, Ủy ban nhân dân tỉnh ban hành Kế hoạch số ...': date and issuer from before."""
        lo = max(floor, cited.start - 150)
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
