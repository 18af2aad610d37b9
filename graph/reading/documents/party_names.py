"""Party resolutions cited by name (``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ
2025 - 2030``): where the name ends, which body issued it, and which congress it names, so that one
congress resolution named several ways in a text ("Nghị quyết Đại hội Đảng bộ lần thứ XV", "... Đảng
bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020 - 2025") is one document."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from graph.reading.documents.cited import Cited
from graph.reading.documents.patterns import PROVINCE_AFTER_RE, TYPE_RE, compile_pattern
from graph.reading.documents.refdata import centrally_run, grammar, issuer_forms, province_of
from graph.text import fold, unify_tones

_CLAUSE_END_RE = re.compile(r"[;()\n:]|\.(?=\s|$)")
#: a congress resolution's name ends on its term ("..., nhiệm kỳ 2020 - 2025")
_TERM_END_RE = compile_pattern(
    r"nhiệm[ \t]kỳ[ \t]{1,3}(?:19|20)\d{2}[ \t]{0,3}[-–][ \t]{0,3}(?:19|20)\d{2}(?!\d)")
#: "," or "và" before the next citation ("... lần thứ XV và Chương trình hành động số 01-CT/TU ...")
_AND_NEXT_RE = compile_pattern(r"(?:[ \t]{0,3},|[ \t]{1,3}và)[ \t]{1,3}(?=[^\W\d_])")
#: "số" before a number: a numbered citation follows, the name has ended
_NUMBER_NEXT_RE = compile_pattern(r"[ \t]{1,3}số[ \t]{0,3}:?[ \t]{0,3}\d")
#: what the body is named up to (the ordinal, the term, the party session)
_BODY_END_RE = re.compile(r",|\s(?:lần|nhiệm kỳ|khóa|khoá)\s")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_WORD_RE = re.compile(r"[^\W_]+")
#: (folded) words in small letters that may follow a congress' ordinal in its name: the term ("nhiệm
#: kỳ"), the session ("khóa"), the party body ("của Đảng", "Đảng bộ thành phố", "đại biểu toàn quốc")
_AFTER_ORDINAL = frozenset({"nhiem", "ky", "khoa", "cua", "dang", "bo", "tinh", "thanh", "pho", "dai",
                            "bieu", "toan", "quoc", "cong", "san", "viet", "nam"})
#: (folded) words after which a congress' name says no more about the congress: its term, its subject,
#: its owner ("của Đảng")
_NAME_TAIL = frozenset({"nhiem", "ve", "cua"})


@lru_cache(maxsize=1)
def _bodies() -> list[str]:
    return [fold(b) for b in grammar()["named_resolution_bodies"]]


def name_end(match: str, start: int, limit: int) -> int:
    """End of a resolution's name that starts at ``start``: the end of the clause, or the end of its
    term ("nhiệm kỳ 2025 - 2030"), or past a congress' ordinal the first word that is not its name's
    (:func:`_congress_end`), or before the next citation ("và" or "," and a capitalised type word, "số"
    and a number), whichever comes first."""
    stop = _CLAUSE_END_RE.search(match, start, min(limit, start + 200))
    end = stop.start() if stop else min(limit, start + 200)
    term = _TERM_END_RE.search(match, start, end)
    end = term.end() if term else end
    end = _congress_end(match, start, end)
    for sep in _AND_NEXT_RE.finditer(match, start, end):
        if match[sep.end()].isupper() and TYPE_RE.match(match, sep.end(), limit):
            return sep.start()
    number = _NUMBER_NEXT_RE.search(match, start, end)
    return number.start() if number else end


def _congress_end(match: str, start: int, end: int) -> int:
    """End of a congress' name ("Đại hội ... lần thứ XV"): past its ordinal, a word in small letters
    other than those of a term, a session or a party body ends it ("... lần thứ XIX và các quan
    điểm", "... Đại hội XIII của Đảng đã xác định")."""
    words = list(_WORD_RE.finditer(match, start, end))
    if [fold(w.group()) for w in words[:2]] != ["dai", "hoi"]:
        return end
    ordinal = False
    before = ""
    for prev, word in pairwise(words):
        written, folded = word.group(), fold(word.group())
        if ordinal and written[0].islower() and folded not in _AFTER_ORDINAL:
            return prev.end()
        if _ordinal(folded) is not None and (before in ("thu", "khoa") or written.isupper()):
            ordinal = True
        before = folded
    return end


def _ordinal(word: str) -> int | None:
    """``XV`` -> 15, ``15`` -> 15 (folded words); None for any other word."""
    if word.isdigit():
        return int(word)
    if not word or any(ch not in _ROMAN for ch in word):
        return None
    values = [_ROMAN[ch] for ch in word]
    return sum(-v if nxt > v else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def congress_key(doc_type: str, name: str, province: str | None) -> tuple | None:
    """Which congress a resolution named ``name`` ("Đại hội ... lần thứ XV ...") comes from: its type,
    the party body (a province's Đảng bộ, written with or without "tỉnh" and the province's name, or the
    whole party) and the congress' ordinal ("lần thứ XV", "XIII", "khóa XX"; before or after the body:
    "Đại hội đại biểu lần thứ I Đảng bộ thành phố"). None when the name gives no ordinal or is not a
    congress'."""
    words = fold(name).replace(",", " ").split()
    if words[:2] != ["dai", "hoi"]:
        return None
    words = words[2:]
    if words[:2] == ["dai", "bieu"]:
        words = words[2:]
    body: list[str] = []
    number: int | None = None
    i = 0
    while i < len(words) and words[i] not in _NAME_TAIL:
        word = words[i]
        if word in ("lan", "khoa") and i + 1 < len(words) and number is None:
            at = i + 2 if word == "lan" and words[i + 1] == "thu" else i + 1
            if at < len(words) and (number := _ordinal(words[at])) is not None:
                i = at + 1
                continue
        if number is None and not word.isdigit() and (number := _ordinal(word)) is not None:
            i += 1
            continue
        body.append(word)
        i += 1
    if number is None:
        return None
    owner = words[i + 1:] if i < len(words) and words[i] == "cua" else []
    return (fold(doc_type), *_party_body(body, owner, province), number)


def _party_body(body: list[str], owner: list[str], province: str | None) -> tuple:
    """The body of a congress: ("tỉnh", province) for a province's Đảng bộ ("Đảng bộ", "Đảng bộ tỉnh",
    "Đảng bộ tỉnh Quảng Ninh"; "Đảng bộ thành phố" in a centrally-run city), ("toàn quốc",) for the
    party's national congress ("Đại hội XIII của Đảng", "Đại hội đại biểu toàn quốc lần thứ XIII"),
    else the body's own (folded) words."""
    if body in (["toan", "quoc"], ["dang"]) or (not body and owner[:1] == ["dang"]):
        return ("toan quoc",)
    if body[:2] != ["dang", "bo"]:
        return ("", *body)
    rest = body[2:]
    if rest[:1] == ["tinh"]:
        rest = rest[1:]
    elif rest[:2] == ["thanh", "pho"]:
        named = province_of(" ".join(rest[2:])) if rest[2:] else province
        if named not in centrally_run():
            return ("", *body)  # a provincial city's Đảng bộ
        rest = rest[2:]
    if not rest:
        return ("tinh", province)
    named = province_of(" ".join(rest))
    return ("tinh", named) if named else ("", *body)


class ResolutionNames:
    """Reads resolutions cited by name from one prepared text; remembers the congresses read."""

    def __init__(self, match: str, text: str) -> None:
        self.m = match
        self.t = text
        #: congress -> its first mention in the text
        self._congresses: dict[tuple, Cited] = {}

    def read(self, m: re.Match[str], entry: dict, limit: int, province: str | None) -> Cited | None:
        """``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X, nhiệm kỳ 2015 - 2020``. A congress
        named before is given the title and issuer of its first mention."""
        rest = fold(self.m[m.end():m.end() + 30]).strip()
        if not any(rest.startswith(b) for b in _bodies()):
            return None
        end = name_end(self.m, m.end(), limit)
        name = " ".join(self.t[m.end():end].split()).rstrip(" ,")
        cited = Cited(entry["name"], m.start(), m.start() + len(self.t[m.start():end].rstrip(" ,")),
                      title=f"{entry['name']} {name}", by_name=True, level="party")
        cited.spans["title"] = (m.start(), end)
        body = _BODY_END_RE.split(name)[0].strip()
        for pattern, issuer in issuer_forms():
            im = pattern.match(unify_tones(body))
            if im and issuer.local:
                pm = PROVINCE_AFTER_RE.match(unify_tones(body), im.end())
                province = province_of(pm.group("province")) if pm else province
                cited.issuer, cited.province = issuer.spelled(province), province
                break
        key = congress_key(entry["name"], name, cited.province or province)
        first = self._congresses.setdefault(key, cited) if key else cited
        if first is not cited:
            cited.title = first.title
            if first.issuer:
                cited.issuer, cited.province = first.issuer, first.province
        return cited
