"""Names in citations: the words of a name (an issuer's, a law's), laws cited by name (``Luật Đất
đai``, ``Luật Sửa đổi, bổ sung ... của Luật A và Luật B``) and party resolutions cited by name
(``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X``)."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.documents.cited import MAX_DEPTH, Cited
from graph.reading.documents.numbering import clean_number
from graph.reading.documents.patterns import (
    NUMBER_RE,
    PROVINCE_AFTER_RE,
    SAID_SO_RE,
    TYPE_RE,
    WORD_END,
    WORD_START,
    compile_pattern,
)
from graph.reading.documents.refdata import grammar, issuer_forms, province_of, type_by_word, words_pattern
from graph.text import fold, unify_tones

#: the next word of a name and the separator before it
WORD_RE = compile_pattern(r"(?P<sep>[ \t]{1,3}|,[ \t]{1,3}|[ \t]{1,3}-[ \t]{1,3})(?P<word>[^\W_][\w&]*)")
_FIRST_WORD_RE = re.compile(r"[ \t]{0,3}(?P<word>[^\W_][\w&]*)")
_NEXT_WORD_RE = re.compile(r"[ \t]{1,3}([^\W_][\w&]*)")
#: "Luật Sửa đổi, bổ sung một số điều của Luật ..." (the laws it amends follow)
_AMENDING_LAW_RE = compile_pattern(
    r"[ \t]{1,3}(?:[Ss]ửa[ \t]đổi(?:,?[ \t]{1,3}bổ[ \t]sung)?|[Bb]ổ[ \t]sung)"
    r"(?:[ \t]{1,3}một[ \t]số[ \t]điều)?(?:[ \t]{1,3}của)?[ \t]{1,3}"
)
#: types a party body issues that are cited by name ("Nghị quyết Đại hội Đảng bộ tỉnh ...")
BY_NAME_WHEN_PARTY = ("Nghị quyết", "Chỉ thị", "Kết luận")
_AND_RE = compile_pattern(r"[ \t]{0,3}(?:,|và)[ \t]{1,3}")
_CLAUSE_END_RE = re.compile(r"[;()\n:]|\.(?=\s|$)")

_NAME_WORDS = 16


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _spell_abbreviations(name: str) -> str:
    for short, full in grammar()["abbreviations"].items():
        name = re.sub(rf"{WORD_START}{re.escape(short)}{WORD_END}", full, name)
    return name


@lru_cache(maxsize=1)
def _name_grammar() -> tuple[frozenset[str], re.Pattern[str], list[str]]:
    """Words that end a name, phrases that end it, and the bodies of resolutions cited by name."""
    g = grammar()
    stops = frozenset(unify_tones(w.lower()) for w in g["name_stops"] if " " not in w)
    phrases = re.compile(rf"(?:{words_pattern([w for w in g['name_stops'] if ' ' in w])}){WORD_END}",
                         re.IGNORECASE)
    return stops, phrases, [fold(b) for b in g["named_resolution_bodies"]]


class NameReader:
    """Reads names from one prepared text (``match`` for patterns, ``text`` for display)."""

    def __init__(self, match: str, text: str) -> None:
        self.m = match
        self.t = text
        self._stops, self._stop_phrases, self._bodies = _name_grammar()

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

    def law(self, m: re.Match[str], entry: dict, limit: int, depth: int) -> Cited | None:
        """``Luật Đất đai``, ``Luật Sửa đổi, bổ sung ... của Luật A và Luật B``."""
        pos = m.end()
        cited = Cited(entry["name"], m.start(), pos, by_name=True)
        amend = _AMENDING_LAW_RE.match(self.m, pos, limit)
        if amend:
            at = amend.end()
            while depth < MAX_DEPTH:
                tm = TYPE_RE.match(self.m, at, limit)
                child_entry = type_by_word()[fold(tm.group("type"))] if tm else None
                if not child_entry or not child_entry.get("by_name"):
                    break
                child = self.law(tm, child_entry, limit, depth + 1)
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
            words, end = self.words(pos, limit, allow_lower_first=False)
            if not words:
                return None
            name = " ".join(self.t[pos:end].split())
            sm = NUMBER_RE.match(self.m, end, limit)
            if sm and SAID_SO_RE.search(self.m, end, sm.start("number")):
                cited.number = clean_number(self.t[sm.start("number"):sm.end("number")])
                cited.spans["number"] = (sm.start("number"), sm.end("number"))
                end = sm.end()
        cited.title = f"{entry['name']} {_cap_first(_spell_abbreviations(' '.join(name.split())))}"
        cited.spans["doc_type"] = (m.start("type"), m.end("type"))
        cited.spans["title"] = (pos, end)
        cited.end = end
        return cited

    def named_resolution(self, m: re.Match[str], entry: dict, limit: int,
                         province: str | None) -> Cited | None:
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
                province = province_of(pm.group("province")) if pm else province
                cited.issuer, cited.province = issuer.spelled(province), province
                break
        return cited
