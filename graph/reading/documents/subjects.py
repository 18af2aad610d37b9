"""The subject of a citation (``về việc ...``, or an opener such as ``quy định ...``): where it starts
and ends, the documents named inside it (children, related as its words say: amends / guides /
implements / mentions) and the coordinated sibling (``... và Quyết định số ...``) that cuts it short."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from graph.reading.documents.cited import Cited
from graph.reading.documents.patterns import (
    TYPE_RE,
    WORD_END,
    case_variants,
    compile_pattern,
    starts_word,
    type_words,
)
from graph.reading.documents.refdata import grammar, match_issuer, words_by_first_letter, words_pattern
from graph.text import fold


def _subject_start_re() -> re.Pattern[str]:
    g = grammar()
    markers = words_pattern(g["subject_markers"])
    openers = words_pattern(g["subject_openers"])
    return compile_pattern(
        rf"[ \t\n]{{0,3}},?[ \t\n]{{0,3}}(?:(?P<marker>{markers})[ \t\n]{{1,3}}|(?=(?:{openers}){WORD_END}))",
        re.IGNORECASE,
    )


SUBJECT_START_RE = _subject_start_re()
_AND_NUMBER = r"[ \t]*(?:và|hoặc)[ \t]+(?=số[ \t]{0,3}\d)"
_AMENDED = r"[ \t]*(?=(?:đã[ \t]+)?được[ \t]+(?:sửa[ \t]đổi|bổ[ \t]sung))"
#: what ends or interrupts a subject: a punctuation mark, "và số ...", "được sửa đổi", a type word. Every
#: alternative opens with a literal character (" " and "\t" spelled out, a type word's word end after
#: each first-letter group), so the regex engine skips ahead to those characters.
SUBJECT_STOP_RE = compile_pattern(
    rf";|:|\(|\)|\n|\.(?=\s|$)|,[ \t]+(?=[^\W\d_])| {_AND_NUMBER}|\t{_AND_NUMBER}| {_AMENDED}|\t{_AMENDED}"
    rf"|{words_by_first_letter(case_variants(type_words()), after=WORD_END)}"
)
#: "(đã) được sửa đổi, bổ sung (một số điều) bởi / theo / tại" before the documents that amend a citation
AMENDED_BY_RE = compile_pattern(
    r"[ \t\n]{0,3}[,(]?[ \t\n]{0,3}(?:đã[ \t\n]{1,3})?được[ \t\n]{1,3}(?:sửa[ \t\n]đổi|bổ[ \t\n]sung)"
    r"(?:,?[ \t\n]{1,3}(?:bổ[ \t\n]sung|sửa[ \t\n]đổi))?(?:[ \t\n]{1,3}một[ \t\n]số[ \t\n]điều)?"
    r"[ \t\n]{1,3}(?:bởi|theo|tại)[ \t\n]{1,3}(?:các[ \t\n]{1,3})?"
)
#: "," or "và" between two documents of a list
AND_NEXT_RE = compile_pattern(r"[ \t\n]{0,3}(?:,|và|,[ \t]và)[ \t\n]{1,3}")
#: a coordinated sibling starts after these
SIBLING_BEFORE_RE = compile_pattern(r"(?:,|\s(?:và|hoặc|cùng))\s{0,3}$")
_BARE_NUMBER_RE = compile_pattern(r"số[ \t]{0,3}:?[ \t]{0,3}\d")

_SUBJECT_LIMIT = 600


#: what may stand between two relation words of one phrase ("hướng dẫn thi hành", "sửa đổi, bổ sung",
#: "quy định chi tiết và hướng dẫn việc thực hiện"), folded
_SAME_PHRASE_RE = re.compile(r"(?:[\s,]|\bva\b|\bviec\b)*")


@lru_cache(maxsize=1)
def _relation_words() -> list[tuple[str, str, re.Pattern[str]]]:
    """Each relation word, folded, and as a pattern (compiled once): a pattern is tried only on a tail
    that holds its word."""
    return [(relation, fold(w), re.compile(rf"\b{re.escape(fold(w))}\b"))
            for relation, words in grammar()["relations"] for w in words]


def relation_of(gap: str) -> str:
    """How a basis relates to a document its subject names, from the words just before it."""
    return _relation_of_tail(gap[-90:])


@lru_cache(maxsize=1024)  # the words before a document named in a subject repeat ("sửa đổi, bổ sung ... của")
def _relation_of_tail(tail: str) -> str:
    """:func:`relation_of` for the last 90 characters before the document: the relation word nearest
    the document governs it ("sửa đổi ... Chương trình hành động ... thực hiện Nghị quyết số ..." implements
    the resolution); a phrase of relation words is ruled by its first word ("hướng dẫn thi hành": guides)."""
    tail = fold(tail)
    found = [(m.start(), m.end(), relation)
             for relation, literal, word in _relation_words() if literal in tail for m in word.finditer(tail)]
    if not found:
        return "mentions"
    start, _, relation = max(found, key=_nearest)
    # back over the relation words joined to this one: the first of the phrase rules it
    while joined := [f for f in found if f[1] <= start and _SAME_PHRASE_RE.fullmatch(tail, f[1], start)]:
        start, _, relation = max(joined, key=_nearest)
    return relation


def _nearest(word: tuple[int, int, str]) -> tuple[int, int]:
    """Order of relation words (start, end, relation): the one ending last, and of those the longest."""
    return word[1], -word[0]


def _coordinated_child(cited: Cited, child: Cited) -> bool:
    """'... hướng dẫn thi hành Nghị định số A ... và Nghị định số B ...': after a numbered child, a
    document of the child's type joined by "và" / "," is another child, not a sibling of ``cited``; so is
    a law named without number or date after a law so named ("… thi hành Luật Phòng cháy và chữa cháy và
    Luật sửa đổi, bổ sung một số điều của Luật Phòng cháy và chữa cháy")."""
    if not cited.children:
        return False
    last = cited.children[-1][0]
    if fold(last.doc_type) != fold(child.doc_type):
        return False
    if last.number and child.number:
        return True
    return (last.by_name and child.by_name and not (last.number or last.date)
            and not (child.number or child.date))


def read_subject(m: str, t: str, cited: Cited, pos: int, limit: int, *,
                 read_child: Callable[[re.Match[str]], Cited | None], wraps: Callable[[int], bool]) -> None:
    """The subject of ``cited`` from ``pos`` (``m`` for patterns, ``t`` for display): its title, span
    and children. ``read_child`` reads the citation a type word opens; ``wraps`` tells a line break that
    only wraps a sentence."""
    sm = SUBJECT_START_RE.match(m, pos, limit)
    if not sm:
        return
    start = sm.end()
    bound = min(limit, start + _SUBJECT_LIMIT)
    at = start
    seg = start
    parens = 0
    end = bound
    while at < bound:
        stop = SUBJECT_STOP_RE.search(m, at, bound)
        if not stop:
            end = bound
            break
        ch = stop.group()
        if len(ch) > 1 and ch[0] not in ", \t" and not starts_word(m, stop.start()):
            at = stop.end()
            continue
        if ch[0] in ", \t":
            # ", Ủy ban nhân dân tỉnh ban hành ...": a body opens the next clause;
            # ", số 27/2013/NĐ-CP ..." / "và số ...": the next document of a list
            if parens == 0 and (ch[0] != "," or match_issuer(m, stop.end(), bound)
                                or _BARE_NUMBER_RE.match(m, stop.end(), bound)):
                end = stop.start()
                break
        elif ch == "(":
            parens += 1
        elif ch == ")":
            if parens == 0:
                end = stop.start()
                break
            parens -= 1
        elif ch == "\n" and wraps(stop.start()):
            pass
        elif len(ch) == 1 and ch in ";:\n.":
            end = stop.start()
            break
        else:  # a type word: a child, or a coordinated sibling that ends this subject
            before = m[max(start, stop.start() - 12):stop.start()]
            tm = TYPE_RE.match(m, stop.start(), bound)
            child = read_child(tm) if tm else None
            if child is None:
                at = stop.end()
                continue
            relation = relation_of(m[seg:child.start])
            if SIBLING_BEFORE_RE.search(before) and (child.number or child.by_name):
                if not _coordinated_child(cited, child):
                    sib = SIBLING_BEFORE_RE.search(m, max(start, stop.start() - 12), stop.start())
                    end = sib.start() if sib else stop.start()
                    break
                relation = cited.children[-1][1]
            cited.children.append((child, relation))
            at = seg = max(child.end, stop.end())
            continue
        at = stop.end()
    title_end = end
    while title_end > start and m[title_end - 1] in " \t,":
        title_end -= 1
    if title_end > start:
        cited.title = " ".join(t[start:title_end].split())
        cited.spans["title"] = (start, title_end)
        cited.end = max(cited.end, title_end)
    # children past the end of the subject (a sibling cut it short) are not children
    if cited.children:
        cited.children = [(c, r) for c, r in cited.children if c.start < title_end]
