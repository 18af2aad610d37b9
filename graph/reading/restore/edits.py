"""Restoration edits: damaged text -> the edits that put its lost letters back.

Clean text gets none. Document-number codes are restored first ("318/Q -UBND" -> "318/QĐ-UBND"); then
each run of word fragments is read by :mod:`.search`, and the words that differ from the fragments become
edits, with the case of the text around them. Only vocabulary words are restored.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from graph.reading.restore.compiled import native
from graph.reading.restore.damage import DamageModel, damage_model, damage_rate
from graph.reading.restore.index import (
    _CANDS_CACHE,
    _CANDS_LIMIT,
    MAX_FRAGMENTS,
    UNKNOWN_LOGP,
    _codes,
    _Index,
    _index,
)
from graph.reading.restore.search import _CHUNK_CACHE, _CHUNK_LIMIT, _decode_chunked, _model_args
from graph.reading.text.syllables import NUMBER, SyllableModel, model


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``new``; ``words``: (start, end, word) of each restored word, offsets
    from ``start``, when ``new`` restores several neighbouring words (``new`` is then those words joined
    by spaces)."""

    start: int
    end: int
    new: str
    words: tuple = ()


# "318/Q -UBND", "27/2013/N -CP", "845/Q - UBND": a code whose last letter was lost (group 1 onwards;
# the slash is matched, not looked behind at, so that the engine only tries where there is one)
_NUMBER_CODE = re.compile(r"/([A-Z][A-Za-z]{0,5}) ?(?: -|- | - )(?=[A-Z])")
# "-H ND" for "-HĐND" inside a number (group 1 onwards)
_SPLIT_CODE = re.compile(r"[/-]([A-Z]{1,4}) ([A-Z]{1,5})\b")


def _code_edits(text: str, dm: DamageModel) -> list[Edit]:
    edits = []
    codes = _codes()
    skeletons, completed = _code_tables(codes, dm)
    for m in _NUMBER_CODE.finditer(text):
        damaged = m.group(1)
        if damaged not in completed:
            completed[damaged] = next((c for c in codes if len(c) > len(damaged) and c.startswith(damaged)
                                       and dm.skeleton(c) == (damaged,)), None)
        c = completed[damaged]
        if c is not None:
            edits.append(Edit(m.start(1), m.end(), c + "-"))
    for m in _SPLIT_CODE.finditer(text):
        c = skeletons.get((m.group(1), m.group(2)))
        if c and c != text[m.start(1):m.end()]:
            edits.append(Edit(m.start(1), m.end(), c))
    return edits


_TABLES: list = []  # [codes, damage model, skeleton -> code, damaged code -> whole code]


def _code_tables(codes: list[str], dm: DamageModel) -> tuple[dict, dict]:
    """The code tables :func:`_code_edits` reads, built once for these codes and this damage model."""
    if not _TABLES or _TABLES[0] is not codes or _TABLES[1] is not dm:
        skeletons: dict = {}
        for c in codes:
            skeletons.setdefault(dm.skeleton(c), c)
        _TABLES[:] = [codes, dm, skeletons, {}]
    return _TABLES[2], _TABLES[3]


_NUMBER_NEXT = re.compile(r" ?:? ?\d")
_ROMAN_LETTERS, _ROMAN_MAX = "IVXLC", 6  # "II." heads a section
_ROMAN = re.compile(f"[{_ROMAN_LETTERS}]{{1,{_ROMAN_MAX}}}")
_OPENERS = "([“\"‘'…"
_CLOSING = ")\\]”\"’',;:.!?…/"
_CLOSING_SET = frozenset(_CLOSING)
# words of letters only, one space apart, after a space or an opening bracket (linear: no look-ahead)
_RUN = re.compile(rf"(?<![^\s{re.escape(_OPENERS)}])[^\W\d_]+(?: [^\W\d_]+)*")


def _runs(text: str) -> list[tuple[int, str]]:
    """Runs of word fragments as (start, "frag frag ..."), broken at punctuation, numbers and line ends."""
    runs: list[tuple[int, str]] = []
    n = len(text)
    for m in _RUN.finditer(text):
        run = m.group()
        end = m.end()
        i = end
        while i < n and text[i] in _CLOSING_SET:
            i += 1
        if i < n and not text[i].isspace():
            # the last word is glued to something else ("xxx.@tiengiang", "Q/..."): not a word
            cut = run.rfind(" ")
            run = run[:cut] if cut > 0 else ""
            end = m.start() + len(run)
        elif text[end:end + 1] in (".", ")"):
            # "II." / "c)" head a section or an item: not a damaged word
            cut = run.rfind(" ") + 1
            last = run[cut:]
            if _ROMAN.fullmatch(last) or (len(last) == 1 and text[end] == ")"):
                run = run[:max(cut - 1, 0)]
        if run:
            runs.append((m.start(), run))
    return runs


def restoration_edits(text: str) -> list[Edit]:
    """The edits that restore damaged ``text`` (none when it is not damaged)."""
    return [Edit._make(e) for e in edit_tuples(text)]


def edit_tuples(text: str) -> list[tuple]:
    """:func:`restoration_edits` as plain ``(start, end, new, words)`` tuples (cheaper to make)."""
    dm = damage_model()
    if damage_rate(text, dm) < dm.threshold:
        return []
    idx = _index()
    lm = model()
    edits: list[tuple] = _code_edits(text, dm)
    taken = {i for e in edits for i in range(e[0], e[1])}
    fast = native()
    if fast is not None:  # the same, in one call
        edits += fast.run_edits(text, taken, _RUN_CACHE, _RUN_LIMIT, NUMBER, _TEXT_RULES,
                                *_read_run_args(idx, lm, dm))
    else:
        edits += _run_edits_py(text, taken, idx, lm, dm)
    edits.sort()
    return edits


def _run_edits_py(text: str, taken: set, idx: _Index, lm: SyllableModel, dm: DamageModel) -> list[tuple]:
    """The edits of the runs of word fragments of damaged ``text`` (not touching the positions ``taken``),
    each run read once per process; the compiled ``run_edits`` is the same in C."""
    edits: list[tuple] = []
    lost = dm.lost
    number_next = _NUMBER_NEXT.match
    for base, run in _runs(text):
        follow = NUMBER if number_next(text, base + len(run)) else None
        key = (run, follow)
        changes = _RUN_CACHE.get(key)
        if changes is None:
            frags = run.split(" ")
            changes = _changes(frags, _decode_chunked(frags, idx, lm, dm, follow), dm)
            if len(_RUN_CACHE) > _RUN_LIMIT:
                _RUN_CACHE.clear()
            _RUN_CACHE[key] = changes
        for rel_start, rel_end, word, first_lost, lost_last, words in changes:
            start, end = base + rel_start, base + rel_end
            if first_lost and rel_start == 0 and _sentence_start(text, start):
                word = word[:1].upper() + word[1:]
                lost_last = word[-1] in lost
                if words and word != words[0][2] + word[len(words[0][2]):]:
                    words = ((words[0][0], words[0][1], word[:len(words[0][2])]), *words[1:])
            if lost_last and text[end:end + 1] == " " and text[end + 1:end + 2] in _CLOSER_SET:
                end += 1  # "sở , ngành": the space stood for the lost letter
            if taken and (start in taken or end - 1 in taken):
                continue
            edits.append((start, end, word, words))
    return edits


def _read_run_args(idx: _Index, lm: SyllableModel, dm: DamageModel) -> tuple:
    """What the compiled ``read_run`` reads besides a run: the arguments of the compiled
    :func:`~.index._candidates`, :func:`~.search._anchors`, :func:`~.search._decode_chunked` and
    :func:`_changes`, with their caches."""
    return (_CANDS_CACHE, idx.by_skeleton, idx.intact, dm.orphan_letters, idx.heads, UNKNOWN_LOGP,
            MAX_FRAGMENTS, _CANDS_LIMIT, idx.sole, _CHUNK_CACHE, _CHUNK_LIMIT, *_model_args(idx, lm),
            dm.lost)


_CLOSERS = ",.;:)”"  # after "sở ": the space stood for a lost letter
_CLOSER_SET = frozenset(_CLOSERS)
_BEFORE_SENTENCE = " \t(“\"'‘"  # may stand between a sentence's end and its first word
_SENTENCE_ENDS = ".!?:\n"
_RUN_CACHE: dict = {}  # the same damaged phrase reads the same way: decode it once per process
_RUN_LIMIT = 50_000
# what the compiled run_edits reads of the rules above
_TEXT_RULES = (_OPENERS, _CLOSING, _ROMAN_LETTERS, _ROMAN_MAX, _CLOSERS, _BEFORE_SENTENCE, _SENTENCE_ENDS)


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _BEFORE_SENTENCE:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def _changes(frags: list[str], reading: list[tuple[int, str]], dm: DamageModel) -> list[tuple]:
    """The words of a run's reading that differ from the fragments, neighbours merged: (start, end in
    the run, words, whether a capital depends on a sentence start, whether the last letter is a lost
    one, and when there are several words (start, end, word) of each, offsets from the start).
    Compiled when built (:mod:`.compiled`); :func:`_changes_py` is the same in Python."""
    fast = native()
    if fast is not None:
        return fast.changes(frags, reading, dm.lost)
    return _changes_py(frags, reading, dm)


def _changes_py(frags: list[str], reading: list[tuple[int, str]], dm: DamageModel) -> list[tuple]:
    """:func:`_changes` in Python."""
    out = []
    j = 0
    at = 0  # where frags[j] starts in the run
    last_end = -1
    lost = dm.lost
    for w, (k, word) in enumerate(reading):
        damaged = frags[j] if k == 1 else " ".join(frags[j:j + k])
        width = len(damaged)
        if word != damaged:
            if not damaged.islower():  # a lower-case fragment keeps the word's own case
                word = _case(word, damaged, reading, w)
            start, end = at, at + width
            if out and last_end == start - 1:  # next to the previous restored word: one edit
                s0, _e0, w0, cap0, parts = out[-1]
                out[-1] = (s0, end, f"{w0} {word}", cap0, (*parts, (start, end, word)))
            else:
                cap = word[:1].islower() and word[0] in lost
                out.append((start, end, word, cap, ((start, end, word),)))
            last_end = end
        at += width + 1
        j += k
    return [(s, e, w, cap, w[-1] in lost,
             tuple((a - s, b - s, x) for a, b, x in parts) if len(parts) > 1 else ())
            for s, e, w, cap, parts in out]


def _case(word: str, damaged: str, reading: list[tuple[int, str]], w: int) -> str:
    """Case of a restored word: capitals among capitals ("BAN HÀNH K HO CH")."""
    letters = [c for c in damaged if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        neighbours = [reading[x][1] for x in (w - 1, w + 1) if 0 <= x < len(reading)]
        if len(letters) > 1 or (neighbours and all(len(n) > 1 and n.isupper() for n in neighbours)):
            return word.upper()
    return word
