"""What an ingested document says happened to the documents it names, and from when.

The reader marks the citations whose sentence replaces or repeals them (``Document.supersedes``, with
that sentence in ``Citation.sentence``); this module reads the sentence to tell
replaced ("thay thế"), repealed ("bãi bỏ", "hủy bỏ") and expired ("hết hiệu lực") apart, and to find
the day it takes effect ("có hiệu lực kể từ ngày ký", "sau 10 ngày kể từ ngày ký", "từ ngày 01/12/2019").
A document whose title says it amends another ("sửa đổi, bổ sung … Nghị định số X") amends it.
Words are data: ``graph/data/status_words.json``. Without the sentence (extraction JSON written before
it was kept), the citing words alone decide.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from graph.datafiles import read_json
from graph.text import fold_memo as fold  # the same names recur in every document


@cache
def _words() -> dict[str, Any]:
    return read_json("status_words.json")


def event_kind(words: str) -> str:
    """replaced | repealed | expired, as the words say it (default: replaced)."""
    folded = fold(words)
    return next((kind for w, kind in _words()["events"] if w in folded), "replaced")


def effective_date(words: str, signed: dt.date | None) -> dt.date | None:
    """The day the words say the document takes effect (from its signing ``signed``), or None."""
    folded = fold(" ".join(words.split()))
    rules = _words()
    m = re.search(rules["from_date"], folded)
    if m:
        d, mth, y = (int(x) for x in m.groups())
        try:
            return dt.date(y, mth, d)
        except ValueError:
            return None
    if signed is None:
        return None
    m = re.search(rules["days_after_signing"], folded)
    if m:
        return signed + dt.timedelta(days=int(m.group(1)))
    if any(w in folded for w in rules["from_signing"]):
        return signed
    return None


def supersede_facts(words: str, signed: dt.date | None) -> dict[str, Any]:
    """Relationship properties for a replaced / repealed / expired document: ``event``, ``words`` (the
    sentence that says so) and ``effective_text`` (ISO day it takes effect, if stated)."""
    day = effective_date(words, signed)
    return {"event": event_kind(words), "words": words, "effective_text": day.isoformat() if day else None}


def amends(title: str | None, number: str | None) -> bool:
    """Whether a document titled ``title`` amends the document numbered ``number``."""
    if not title or not number:
        return False
    folded = fold(title)
    pos = min((folded.find(w) for w in _words()["amend_title"] if w in folded), default=-1)
    return pos >= 0 and fold(number) in folded[pos:]
