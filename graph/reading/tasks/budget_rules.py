"""What a project table's money means: whether a table lists the plan's tasks or reviews the past,
which rows are the same project, and whose money each amount is (``graph/data/budget_rules.json``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from graph.datafiles import read_json
from graph.model import FundingShare
from graph.reading.tasks.outline import Outline
from graph.reading.tasks.tables import Table
from graph.reading.text.folding import quick_fold as fold
from graph.text import nfc

_ALNUM = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"(?:\(\s*([A-ZĐ][A-ZĐ0-9&-]{2,})\s*\)|[-–—]\s*([A-ZĐ][A-ZĐ0-9&-]{2,}))\s*[.;]?\s*$")


@lru_cache(maxsize=1)
def rules() -> dict:
    """The vocabulary of ``graph/data/budget_rules.json``."""
    return read_json("budget_rules.json")


# A heading's own numbering ("I.", "2.1.", "a)") before its words.
_NUMBERING = r"(?:(?:[ivxlc]+|\d+(?:\.\d+)*|[a-z])[.)]\s*)?"


@lru_cache(maxsize=1)
def _review_words() -> tuple[re.Pattern, re.Pattern]:
    spec = rules()["review_sections"]

    def starts(words: list[str], unless: Sequence[str] = ()) -> re.Pattern:
        not_these = "".join(r"(?!" + re.escape(fold(w)) + r"(?![a-z]))" for w in unless)
        either = "|".join(re.escape(fold(w)) for w in words)
        return re.compile(r"^\W*" + _NUMBERING + not_these + r"(?:" + either + r")(?![a-z])")

    return (starts(spec["heading_starts"], spec.get("heading_not_starts", [])),
            starts(spec["appendix_starts"]))


def is_review(text: str, start: int, end: int, table: Table) -> bool:
    """Whether ``table`` reviews the past (under "KẾT QUẢ ...", "Đánh giá ...", "Tình hình thực hiện ..."):
    its rows are not the plan's tasks. An appendix caption ("PHỤ LỤC ...") starts a new context, so
    only its own lines count there."""
    review, appendix = _review_words()
    caption = [fold(line) for line in table.caption.splitlines()]
    opened = next((k for k, line in enumerate(caption) if appendix.search(line)), None)
    if opened is not None:
        return any(review.search(line) for line in caption[opened:])
    chain = Outline.of(text, start, end).chain(table.start)
    return any(review.search(fold(h.text)) for h in chain) or any(review.search(line) for line in caption)


@lru_cache(maxsize=1)
def _generic_codes() -> frozenset[str]:
    return frozenset(nfc(c).upper() for c in rules()["same_project"]["generic_codes"])


def identity(name: str) -> tuple[str, str | None]:
    """What makes two rows of one plan the same project: the name without case, diacritics and
    punctuation, and the system code the name ends with ("... – LGSP", "... (LGSP)"), if any."""
    words = " ".join(_ALNUM.findall(fold(name)))
    m = _CODE.search(name)
    code = (m.group(1) or m.group(2)).upper() if m else None
    return words, code if code not in _generic_codes() else None


@lru_cache(maxsize=1)
def _sources() -> list[tuple[str, str, re.Pattern]]:
    out = []
    for spec in rules()["funding_sources"]["sources"]:
        alt = "|".join(re.escape(nfc(w).lower()) for w in sorted(spec["words"], key=len, reverse=True))
        out.append((spec["name"], spec["kind"], re.compile(rf"(?<!\w)(?:{alt})(?!\w)")))
    return out


@lru_cache(maxsize=4096)
def sources_in(text: str) -> tuple[tuple[str, str], ...]:
    """The funding sources ``text`` names, as (name, kind), in the order of the data file; a more
    specific source hides the general words inside it ("ngân sách tỉnh" is not also "ngân sách")."""
    s = nfc(" ".join(text.split())).lower()
    found = []
    for name, kind, rx in _sources():
        if rx.search(s):
            found.append((name, kind))
            s = rx.sub(" ", s)
    return tuple(found)


def kind_of(kinds: list[str] | tuple[str, ...]) -> str | None:
    """One kind for several sources: the same kind, else "mixed" (public and private together)."""
    distinct = set(kinds)
    if not distinct:
        return None
    if len(distinct) == 1:
        return distinct.pop()
    return "mixed" if {"public", "private"} <= distinct else "other"


def single_share(funding: str | None, amount: float | None, amount_dong: float | None
                 ) -> list[FundingShare]:
    """The whole amount under the source(s) a row or caption names ("Sự nghiệp CNTT", "vốn đầu tư công")."""
    found = sources_in(funding) if funding else ()
    if not found or amount is None:
        return []
    if len(found) == 1:
        name, kind = found[0]
    else:
        name, kind = "; ".join(n for n, _ in found), kind_of([k for _, k in found]) or "other"
    return [FundingShare(source=name, kind=kind, amount=amount, amount_dong=amount_dong)]
