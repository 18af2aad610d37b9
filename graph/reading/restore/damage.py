"""The damage model: which letters a damaged PDF extraction loses, and whether a text shows the damage.

A lost letter becomes a space and spaces collapse; a few letters come out as another one (the model is
``graph/data/damage.json``). Damage shows as orphan one-letter fragments ("c", "t", "s"), rare in clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.datafiles import read_json
from graph.reading.text.scan import native


@dataclass(frozen=True)
class DamageModel:
    """Which letters a damaged extraction loses (-> space) or turns into another letter."""

    lost: frozenset
    substituted: dict
    orphan_letters: frozenset
    threshold: float

    def skeleton(self, word: str) -> tuple[str, ...]:
        """The fragments ``word`` leaves once damaged ("Quyết" -> ("Quy", "t"))."""
        out = []
        for ch in word:
            sub = self.substituted.get(ch)
            if sub is not None:
                out.append(sub)
            elif ch in self.lost:
                out.append(" ")
            else:
                out.append(ch)
        return tuple("".join(out).split())


@lru_cache(maxsize=1)
def damage_model() -> DamageModel:
    data = read_json("damage.json")
    lost = set(data["lost_chars"])
    for a, b in data["lost_ranges"]:
        lost.update(chr(c) for c in range(ord(a), ord(b) + 1))
    lost -= set(data.get("kept", ""))
    return DamageModel(lost=frozenset(lost), substituted=dict(data["substituted"]),
                       orphan_letters=frozenset(data["orphan_letters"]), threshold=data["damage_threshold"])



def damage_rate(text: str, dm: DamageModel | None = None) -> float:
    """Share of word tokens that are orphan consonants ("c", "t", "s"): ~0 in clean Vietnamese."""
    dm = dm or damage_model()
    if len(text) < 2:
        return 0.0
    orphans, blanks = orphan_count(text, dm.orphan_letters)
    return orphans / (blanks + 1)


def orphan_count(text: str, letters: frozenset) -> tuple[int, int]:
    """How many times a space, one of ``letters`` (either case) and a space or a comma follow each other
    (:func:`_orphan_re`'s matches), and how many spaces and line breaks ``text`` has (a word follows
    each): the compiled scan (their twin) when the letters are ASCII."""
    core = native()
    both = _both_cases(letters)
    if core is not None and both.isascii():
        return core.orphan_count(text, both)
    return len(_orphan_re(letters).findall(text)), text.count(" ") + text.count("\n")


@lru_cache(maxsize=4)
def _both_cases(letters: frozenset) -> str:
    return "".join(sorted(letters | {c.upper() for c in letters}))


@lru_cache(maxsize=4)
def _orphan_re(letters: frozenset) -> re.Pattern:
    return re.compile(f" [{_both_cases(letters)}](?=[ ,])")


def is_damaged(text: str) -> bool:
    """Whether ``text`` shows the lost-letter damage."""
    dm = damage_model()
    return damage_rate(text, dm) >= dm.threshold
