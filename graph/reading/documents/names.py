"""Names in citations: the words of a name (an issuer's, a law's), laws cited by name (``Luật Đất
đai``, ``Luật Sửa đổi, bổ sung ... của Luật A và Luật B``) and party resolutions cited by name
(``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X``)."""

from __future__ import annotations

import re
from functools import lru_cache

from graph import problem_text as say
from graph.reading.documents.cited import MAX_DEPTH, Cited
from graph.reading.documents.law_names import (
    AFTER_YEAR_RE,
    LAW_YEAR_RE,
    OF_AFTER_RE,
    PASSED_IN_YEAR_RE,
    SO_OF_NUMBER_RE,
    YEAR_WORD_RE,
    known_law_names,
    may_open_known_law_name,
)
from graph.reading.documents.numbering import clean_number, type_from_number
from graph.reading.documents.party_names import ResolutionNames
from graph.reading.documents.patterns import (
    DATE_AFTER_RE,
    NUMBER_RE,
    SAID_SO_RE,
    TYPE_RE,
    WORD_END,
    WORD_START,
    compile_pattern,
)
from graph.reading.documents.refdata import grammar, type_by_word, words_pattern
from graph.reading.text.folding import cached_fold
from graph.reading.text.words import one_syllable
from graph.text import fold, unify_tones

#: the next word of a name and the separator before it
WORD_RE = compile_pattern(r"(?P<sep>[ \t]{1,3}|,[ \t]{1,3}|[ \t]{1,3}-[ \t]{1,3})(?P<word>[^\W_][\w&]*)")
_FIRST_WORD_RE = re.compile(r"[ \t]{0,3}(?P<word>[^\W_][\w&]*)")
_NEXT_WORD_RE = re.compile(r"[ \t]{1,3}([^\W_][\w&]*)")
#: "Luật Sửa đổi, bổ sung một số điều của Luật ..." (the laws it amends follow)
_AMENDING_LAW_RE = compile_pattern(
    r"[ \t]{1,3}(?:[Ss]ửa[ \t]đổi(?:,?[ \t]{1,3}bổ[ \t]sung)?|[Bb]ổ[ \t]sung)"
    r"(?:[ \t]{1,3}một[ \t]?số[ \t]điều)?(?:[ \t]{1,3}của)?[ \t]{1,3}"
)
#: the laws an amending law amends named together: "… của 37 luật có liên quan đến quy hoạch", "… của các
#: luật liên quan đến đầu tư xây dựng cơ bản" (the subject in small letters, up to the date, number or end)
_AMENDED_TOGETHER_RE = compile_pattern(
    r"(?:các|\d{1,3})[ \t\n]+[Ll]uật(?:[ \t\n]+có)?[ \t\n]+liên[ \t\n]+quan[ \t\n]+(?:đến|tới)"
    r"(?:[ \t\n]+(?!ngày|số|năm|của)[^\W\d_]+){1,10}?(?=[ \t\n]*(?:[;,.]|$|ngày|số|năm|của))"
)
#: types a party body issues that are cited by name ("Nghị quyết Đại hội Đảng bộ tỉnh ...")
BY_NAME_WHEN_PARTY = ("Nghị quyết", "Chỉ thị", "Kết luận")
_AND_RE = compile_pattern(r"[ \t]{0,3}(?:,|và)[ \t]{1,3}")

_NAME_WORDS = 24  # "Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân": 18
#: "do Hội đồng Nhà nước ban hành ngày 20-5-1988": who issued a document cited by name, and when
ISSUED_BY_RE = compile_pattern(
    r"[ \t]{1,3}do[ \t]{1,3}(?P<body>[^\W\d_][^\n;,.()]{2,60}?)[ \t]{1,3}ban[ \t]hành(?=[ \t]{1,3}ngày[ \t])")
#: types whose name may end on a year ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992")
_NAMED_WITH_YEAR = ("Hiến pháp",)
_YEAR_RE = compile_pattern(r"[ \t]{1,3}năm[ \t]{1,3}(?:19|20)\d{2}(?!\d)")
#: "của" before the bodies a law is about ("Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân")
_OF_BODY_RE = compile_pattern(
    r"[ \t]{1,3}của[ \t]{1,3}(?=(?:Quốc[ \t]hội|Hội[ \t]đồng[ \t]nhân[ \t]dân|Ủy[ \t]ban[ \t]nhân[ \t]dân"
    r"|HĐND|UBND|Tòa[ \t]án|Viện[ \t]kiểm[ \t]sát|Mặt[ \t]trận)(?![^\W\d_]))"
)
#: "của Quốc hội" alone after a law's name is its issuer, not part of the name
_ISSUER_ONLY_RE = compile_pattern(r"Quốc[ \t]hội(?![ \t]{1,3}và[ \t]|,[ \t]{1,3}[^\W\d_])")


@lru_cache(maxsize=4096)  # a law is named again and again
def _broken_word(name: str) -> str | None:
    """The first word of a name, in small letters, that cannot be one Vietnamese syllable ("t", "ớcngày"):
    letters lost or glued by a damaged text layer. Words in capitals (names, "HĐND") are not judged."""
    for token in name.split():
        word = ""
        for ch in token + " ":  # "chứcHĐND": a word glued to an abbreviation ends where the capitals start
            if ch.isalpha() and not (ch.isupper() and word[-1:].islower()):
                word += ch
                continue
            if word[:1].islower() and not one_syllable(word):
                return word
            word = ch if ch.isalpha() else ""
    return None


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@lru_cache(maxsize=1)
def _abbreviations() -> list[tuple[str, re.Pattern[str], str]]:
    """Each abbreviation, as a pattern (compiled once), and what it stands for."""
    return [(short, re.compile(rf"{WORD_START}{re.escape(short)}{WORD_END}"), full)
            for short, full in grammar()["abbreviations"].items()]


def _spell_abbreviations(name: str) -> str:
    for short, pattern, full in _abbreviations():
        if short in name:  # the pattern, opening with a look-behind, is tried at every position
            name = pattern.sub(full, name)
    return name


@lru_cache(maxsize=1)
def _name_grammar() -> tuple[frozenset[str], re.Pattern[str]]:
    """Words that end a name and phrases that end it."""
    g = grammar()
    stops = frozenset(unify_tones(w.lower()) for w in g["name_stops"] if " " not in w)
    phrases = re.compile(rf"(?:{words_pattern([w for w in g['name_stops'] if ' ' in w])}){WORD_END}",
                         re.IGNORECASE)
    return stops, phrases


@lru_cache(maxsize=1)
def _after_place() -> tuple[frozenset[str], re.Pattern[str]]:
    """The last syllables of the place words ("tỉnh", "thành phố") and the openers of a subject ("thực
    hiện", "ban hành"): in small letters after a place word, an opener ends a body's name ("của Ban Chấp
    hành Đảng bộ tỉnh thực hiện Nghị quyết ..."), where the place's own name would be capitalised."""
    g = grammar()
    places = frozenset(unify_tones(w.split()[-1]) for w in g["name_place_words"])
    return places, re.compile(rf"(?:{words_pattern(g['subject_openers'])}){WORD_END}")


@lru_cache(maxsize=1)
def _and_breaks() -> re.Pattern[str]:
    """Words after "và" that do not continue a name ('Luật Đất đai và pháp luật có liên quan')."""
    return re.compile(rf"(?:{words_pattern(grammar()['name_and_breaks'])}){WORD_END}", re.IGNORECASE)


class NameReader:
    """Reads names from one prepared text (``match`` for patterns, ``text`` for display)."""

    def __init__(self, match: str, text: str) -> None:
        self.m = match
        self.t = text
        self._stops, self._stop_phrases = _name_grammar()
        self._resolutions = ResolutionNames(match, text)
        #: citations left out because the text does not prove them: position -> what and why
        self.unread: dict[int, str] = {}
        #: names of laws read so far (folded): a name proved once by its number or date is proved
        self._read_names: set[str] = set()
        self._and_breaks = _and_breaks()

    def words(self, pos: int, limit: int, allow_lower_first: bool = True,
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
            sep = wm.group("sep") if words else ""  # the first word's pattern has no separator
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
                if self._opens_subject_after_place(words[-1], word, wm.start("word")):
                    break
            words.append(word)
            end = wm.end()
            at = wm.end()
        return words, end

    def _opens_subject_after_place(self, last: str, word: str, pos: int) -> bool:
        """Whether ``word`` (at ``pos``), after the name's ``last`` word, opens the subject: a place
        word ("tỉnh") then an opener in small letters ("thực hiện")."""
        places, openers = _after_place()
        return word[0].islower() and last.lower() in places and bool(openers.match(self.m, pos))

    def _continues_after_and(self, pos: int, lower: bool = False) -> bool:
        """'HĐND và UBND' continues a name; 'và Luật ...', 'và các ...' do not. With ``lower`` a word
        in lower case continues it too ('Bảo vệ và phát triển rừng'), unless it is a stop, a type word
        or a word that names a kind of text ('và pháp luật ...', 'và điều lệ')."""
        nxt = _NEXT_WORD_RE.match(self.m, pos)
        if not nxt:
            return False
        word = nxt.group(1)
        if TYPE_RE.match(self.m, nxt.start(1)):
            return False
        if word[0].isupper():
            return True
        at = nxt.start(1)
        return (lower and word.lower() not in self._stops and not self._stop_phrases.match(self.m, at)
                and not self._and_breaks.match(self.m, at))

    def law(self, m: re.Match[str], entry: dict, limit: int, depth: int,
            listed: bool = False) -> Cited | None:
        """``Luật Đất đai``, ``Luật Sửa đổi, bổ sung ... của Luật A và Luật B``. A law ``listed`` among
        the laws an amending law names takes no number: the number after the list is the amending law's."""
        pos = m.end()
        cited = Cited(entry["name"], m.start(), pos, by_name=True)
        amend = _AMENDING_LAW_RE.match(self.m, pos, limit)
        if amend:
            end = self._amended_laws(cited, amend.end(), limit, depth)
            if end is None:  # "… của 37 luật có liên quan đến quy hoạch": a name, no law listed
                together = _AMENDED_TOGETHER_RE.match(self.m, amend.end(), limit)
                if together is None:
                    return None
                end = together.end()
            name = self.t[pos:end].strip()
        else:
            end = self.law_name(pos, limit, with_year=entry["name"] in _NAMED_WITH_YEAR, entry=entry,
                                type_start=m.start())
            if end is None:
                return None
            name = " ".join(self.t[pos:end].split())
        self._read_names.add(self._name_key(pos, end))
        if not listed:
            sm = NUMBER_RE.match(self.m, end, limit)
            if sm and self._own_number(sm, end, entry):
                cited.number = clean_number(self.t[sm.start("number"):sm.end("number")])
                cited.spans["number"] = (sm.start("number"), sm.end("number"))
                end = sm.end()
        if cited.number is None and not listed and entry["name"] not in _NAMED_WITH_YEAR:
            end = self._read_year(cited, end, limit)
        if cited.number is None and not listed and (bad := _broken_word(name)):
            said = " ".join(self.t[m.start():end].split())
            self.unread.setdefault(m.start(), say.CITATION_NOT_READ.format(
                citation=said, why=say.DAMAGED_NAME.format(word=bad)))
            return None
        title = _spell_abbreviations(" ".join(name.split()))
        title = title if entry["name"] in _NAMED_WITH_YEAR else _cap_first(title)
        cited.title = f"{entry['name']} {title}" if title else entry["name"]
        cited.spans["doc_type"] = (m.start("type"), m.end("type"))
        cited.spans["title"] = (pos, end)
        cited.end = end
        return cited

    def _read_year(self, cited: Cited, pos: int, limit: int) -> int:
        """The year right after a law's name ("Luật Đất đai năm 2013"), that tells it from the laws of the
        same name, where the clause ends after it or goes on about the law ("và", "được", "của Quốc hội");
        not a year the sentence goes on with ("... năm 2025 trên địa bàn tỉnh", "năm 2013 của tỉnh": a
        plan's or a report's year). Returns where the citation now ends."""
        ym = LAW_YEAR_RE.match(self.m, pos, limit)
        if ym is None:
            return pos
        of = OF_AFTER_RE.match(self.m, ym.end(), limit)
        if of is not None and not _ISSUER_ONLY_RE.match(self.m, of.end(), limit):
            return pos
        if of is None and not AFTER_YEAR_RE.match(self.m, ym.end(), limit):
            return pos
        cited.year = int(ym.group("year"))
        cited.spans["year"] = (ym.start("year"), ym.end("year"))
        return ym.end()

    def _amended_laws(self, cited: Cited, at: int, limit: int, depth: int) -> int | None:
        """The laws an amending law names (``... của Luật A, Luật B và Luật C``) become its children;
        returns where the list ends."""
        while depth < MAX_DEPTH:
            tm = TYPE_RE.match(self.m, at, limit)
            child_entry = type_by_word()[fold(tm.group("type"))] if tm else None
            if not child_entry or not child_entry.get("by_name"):
                break
            child = self.law(tm, child_entry, limit, depth + 1, listed=True)
            if child is None:
                break
            child.issuer, child.level = child_entry.get("issuer"), "central"
            cited.children.append((child, "amends"))
            at = child.end
            sep = _AND_RE.match(self.m, at, limit)
            if not sep or not TYPE_RE.match(self.m, sep.end(), limit):
                break
            at = sep.end()
        return cited.children[-1][0].end if cited.children else None

    def law_name(self, pos: int, limit: int, with_year: bool = False, entry: dict | None = None,
                 type_start: int | None = None) -> int | None:
        """End of the name of a law (or code, ordinance, constitution) that starts at ``pos``, or None.

        A law's name capitalises its first word only, so inside it a comma followed by a lower-case
        word goes on ("Luật Cán bộ, công chức") and one followed by a capital starts something else
        ("Luật Quản lý thuế, Điều 24"); "và" goes on before a word that is not a type word or a stop
        ("Luật Bảo vệ và phát triển rừng"); "của" goes on before the bodies a law is about ("... của
        Hội đồng nhân dân, Ủy ban nhân dân"), but not before "Quốc hội" alone, the issuer. A name whose
        first word is in lower case ("Luật tổ chức HĐND và UBND") is taken only when a date or a number
        follows it, or when the text named the same law before with one. ``with_year``: "năm 1992"
        belongs to the name (Hiến pháp ... năm 1992). A name of ``law_names.json`` that the text starts
        with is read whole first ("Luật Đầu tư theo phương thức đối tác công tư"), the rest as above."""
        count = 0
        end = at = pos
        ends: list[int] = []
        lower_first = False
        bodies = False  # inside "của <body>, <body> và <body>"
        known = (known_law_names().match(self.m, type_start, limit)
                 if type_start is not None and may_open_known_law_name(self.m, type_start, limit) else None)
        if known and known.end() > pos:  # a name of the list: read whole, the usual reading goes on after it
            count, end, at, ends = 1, known.end(), known.end(), [known.end()]
            lower_first = self.m[pos:known.end()].strip()[:1].islower()
        while count < _NAME_WORDS:
            if with_year:
                ym = _YEAR_RE.match(self.m, at, limit)
                if ym:
                    end = ym.end()
                    break
            if count and not bodies:
                of = _OF_BODY_RE.match(self.m, at, limit)
                if of and not _ISSUER_ONLY_RE.match(self.m, of.end(), limit):
                    at, bodies = of.end(), True
                    continue
            first_word = not count or at != end
            wm = (_FIRST_WORD_RE if first_word else WORD_RE).match(self.m, at, limit)
            if not wm:
                break
            word = wm.group("word")
            sep = "" if first_word else wm.group("sep")  # the first word's pattern has no separator
            lw = word.lower()
            if not count:
                if not word[0].isupper():
                    if lw in self._stops:
                        return None
                    lower_first = True
            elif at != end:  # the first word after "của"
                if not word[0].isupper():
                    break
            elif word[0].isdigit() and NUMBER_RE.match(self.m, wm.start("word"), limit):
                break  # "Luật thuế Thu nhập doanh nghiệp 03/1997/QH9": the number, not the name
            elif not self._law_word_goes_on(word, sep, wm, limit, bodies):
                break
            count += 1
            end = at = wm.end()
            ends.append(end)
        if not count and not (with_year and end > pos):
            return None
        if lower_first and not with_year and not self._dated_or_numbered(end, limit, entry):
            named = next((e for e in reversed(ends) if self._name_key(pos, e) in self._read_names), None)
            if named is None and len(ends) >= 2:
                self._unread_name(pos if type_start is None else type_start, end)
            return named
        return end

    def _unread_name(self, start: int, end: int) -> None:
        """A law's name in small letters with no number or date after it: said, not cited."""
        words = " ".join(self.t[start:end].split())
        self.unread.setdefault(start, say.CITATION_NOT_READ.format(citation=words,
                                                                   why=say.NAME_IN_SMALL_LETTERS))

    def _name_key(self, start: int, end: int) -> str:
        return cached_fold(" ".join(self.m[start:end].split()))  # a law is named again and again

    def _law_word_goes_on(self, word: str, sep: str, wm: re.Match[str], limit: int, bodies: bool) -> bool:
        lw = word.lower()
        if lw == "và":
            return self._continues_after_and(wm.end(), lower=not bodies)
        if lw == "số" and not SO_OF_NUMBER_RE.match(self.m, wm.start("word"), limit):
            return self._ends_name(wm.end(), limit)  # "Luật Chuyển đổi số ngày ...": "digital"
        if word[0].isdigit() and YEAR_WORD_RE.fullmatch(word):
            return False  # "Luật Đất đai 2024": the year it was passed, read after the name
        if lw in self._stops or self._stop_phrases.match(self.m, wm.start("word")):
            return False
        if word[0].isupper() and TYPE_RE.match(self.m, wm.start("word"), limit):
            return not sep.strip() and self._title_case_goes_on(wm.start("word"), limit)
        if "," in sep:
            if word[0].isupper():
                return bodies
            return not TYPE_RE.match(self.m, wm.start("word"), limit)
        if "-" in sep:  # "Pháp lệnh kế toán - thống kê"
            return not TYPE_RE.match(self.m, wm.start("word"), limit)
        return True

    def _ends_name(self, pos: int, limit: int) -> bool:
        """Whether the name ends at ``pos`` anyway: punctuation or the end of the line, a stop word, a type
        word or a year follows. "số" that is not before a number is the name's last word ("Luật Chuyển đổi
        số") only there; before another word it is the noun of the sentence ("... số liệu", "số lượng")."""
        nxt = _NEXT_WORD_RE.match(self.m, pos, limit)
        if nxt is None:
            return True
        word, at = nxt.group(1), nxt.start(1)
        return (word.lower() in self._stops or bool(self._stop_phrases.match(self.m, at))
                or bool(TYPE_RE.match(self.m, at, limit)) or bool(YEAR_WORD_RE.fullmatch(word)))

    def _title_case_goes_on(self, pos: int, limit: int) -> bool:
        """A capitalised type word inside a name written in title case ("Luật Ban hành Văn bản Quy phạm
        pháp luật"): it opens no citation of its own (no number after it, not a type cited by name) and
        the next word is capitalised too, not a type word."""
        tm = TYPE_RE.match(self.m, pos, limit)
        if tm is None or type_by_word()[fold(tm.group("type"))].get("by_name"):
            return False
        if NUMBER_RE.match(self.m, tm.end(), limit):
            return False
        nxt = _NEXT_WORD_RE.match(self.m, tm.end(), limit)
        return bool(nxt) and nxt.group(1)[0].isupper() and not TYPE_RE.match(self.m, nxt.start(1), limit)

    def _dated_or_numbered(self, pos: int, limit: int, entry: dict | None = None) -> bool:
        if (DATE_AFTER_RE.match(self.m, pos, limit) or ISSUED_BY_RE.match(self.m, pos, limit)
                or PASSED_IN_YEAR_RE.match(self.m, pos, limit)):
            return True
        sm = NUMBER_RE.match(self.m, pos, limit)
        return bool(sm and self._own_number(sm, pos, entry))

    def _own_number(self, sm: re.Match[str], pos: int, entry: dict | None) -> bool:
        """The number after a name is the named document's: "số" was written before it, or its codes
        say the named type ("Luật ... 03/1997/QH9": a Quốc hội code is a law's)."""
        if SAID_SO_RE.search(self.m, pos, sm.start("number")):
            return True
        if not entry:
            return False
        said = type_from_number(clean_number(self.t[sm.start("number"):sm.end("number")]))
        return said == entry["name"] or (said == "Luật" and entry.get("issuer") == "Quốc hội")

    def named_resolution(self, m: re.Match[str], entry: dict, limit: int,
                         province: str | None) -> Cited | None:
        """``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X, nhiệm kỳ 2015 - 2020``: see
        :class:`~graph.reading.documents.party_names.ResolutionNames`."""
        return self._resolutions.read(m, entry, limit, province)
