"""The words and patterns goals are read with, and the metric a goal measures.

Words and metric patterns live in ``graph/data/task_patterns.json``; :func:`_compiled` compiles them once
per process. :func:`metric_of` names what a goal measures ("80% dịch vụ công mức độ 4" -> "dvc_muc_4").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from graph.reading.tasks.money import patterns
from graph.reading.text.folding import keep_fold
from graph.text import unify_tones

_YEAR = r"(?:19|20)\d{2}"


def _keep_fold(text: str) -> str:
    """Lower-case, no diacritics, đ -> d, **same length** as ``text`` (so offsets carry over)."""
    return keep_fold(text)


def _low(text: str) -> str:
    """Lower case with tone marks placed one way; same length as ``text``."""
    low = unify_tones(text.lower())
    return low if len(low) == len(text) else text


def _words(key: str) -> list[str]:
    return sorted((_low(w) for w in patterns()[key]), key=len, reverse=True)


@lru_cache(maxsize=1)
def _compiled() -> dict:
    p = patterns()
    alt = lambda ws: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws)  # noqa: E731
    return {
        "past_heading": re.compile(rf"\b(?:{alt(_words_of(p['target_sections']['past']))})\b"),
        # a heading over figures that are no goals (the past, money, legal bases), read by finditer_words
        "closed_heading": re.compile(rf"(?:{alt(_opening_with_letters(_words_of(_closing_words(p))))})\b"),
        # the patterns read by finditer_words: no leading \b (a pattern opening with letters is skipped
        # ahead to them; one opening with \b is tried at every position)
        "past": re.compile(rf"(?:{alt(_opening_with_letters(_words('past_markers')))})\b"),
        # a count of things: "12 xã", "1.200 hộ". It opens with a digit (the engine then skips to the
        # digits; the look-behind after it says no digit, '.', ',' or '/' stands before the number)
        "noun": re.compile(
            rf"(?P<n>\d(?<![\d.,/]\d)(?:\d{{0,2}}(?:\.\d{{3}})+|\d{{0,4}}))\s+(?:trong\s+số\s+\d+\s+)?"
            rf"(?P<noun>{alt(_words('count_nouns'))})(?!\w)"),
        "cue": re.compile(rf"(?:^|\b)(?:{alt(_words('count_cues'))})\s*(?:\S+\s+){{0,2}}$"),
        "not_before": re.compile(rf"(?:^|\b)(?:{alt(_words('not_count_before'))})\s*$"),
        "continuation": re.compile(rf"\s*(?:{alt(_words('clause_continuations'))})\b"),
        "new_predicate": re.compile(rf",\s*(?:{alt(_words('new_predicate_verbs'))})\b"),
        "past_exception": re.compile(rf"(?:{alt(_words('past_exceptions'))})"),
        "measure": re.compile(r"(?:tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng)\b"),
        "cue_words": re.compile(rf"\b(?:{alt(_words('count_cues') + _words('lower_bound_words'))}|được)\b"),
        "allocation": re.compile(rf"\b(?:{alt(_words('allocation_verbs'))})\s+(?:\S+\s+){{0,2}}\S*%"),
        "money_share": re.compile(rf"\s*(?:{alt(_words('money_share_words'))})\b"),
        "metrics": [(k, re.compile(v)) for k, v in p["metrics"].items() if not k.startswith("_")],
    }


_WORD_CHAR = re.compile(r"\w")


def _opening_with_letters(words: list[str]) -> list[str]:
    """``words``, each of which must open with a letter or digit (read by :func:`finditer_words`)."""
    bad = [w for w in words if not _WORD_CHAR.match(w)]
    if bad:
        raise ValueError(f"task_patterns.json: these words must open with a letter: {bad}")
    return words


def finditer_words(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""``re.compile(r"\b" + rx.pattern).finditer(text)`` for a pattern whose matches open with a letter
    or digit, faster: the regex engine skips ahead to the first letters, and the word start (no letter,
    digit or '_' before) is checked here."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        at = m.start()
        if at == 0 or _WORD_CHAR.match(text, at - 1) is None:
            yield m
            pos = m.end()
        else:
            pos = at + 1


def finditer_after_marks(rx: re.Pattern[str], marks: re.Pattern[str], after: str,
                         text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern each of whose matches starts at a character ``marks`` finds,
    or just after one of those that are in ``after`` (a pattern opening with a look-behind, which the
    engine would try at every position): ``rx`` is tried only there, and after a match where it ends."""
    pos = 0
    for c in marks.finditer(text):
        at = c.start()
        if text[at] in after:
            at += 1
        if at < pos:
            continue
        m = rx.match(text, at)
        if m is not None:
            yield m
            pos = m.end()


def _closing_words(p: dict) -> list[str]:
    """The words of a heading over figures that are no goals: the past, money, legal bases."""
    return [w for kind in ("past", "money", "legal") for w in p["target_sections"][kind]]


def _words_of(words: list[str]) -> list[str]:
    return sorted((_low(w) for w in words), key=len, reverse=True)


@lru_cache(maxsize=8192)
def metric_of(text: str) -> str | None:
    """The metric key of a goal ("80% dịch vụ công mức độ 4" -> "dvc_muc_4"), or None."""
    f = _keep_fold(" ".join(text.split()))
    return next((k for k, rx in _compiled()["metrics"] if rx.search(f)), None)
