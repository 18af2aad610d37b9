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
    lost_pairs_min: int = 5  # (damage.json) orphan pairs that show letters lost and not restored
    lost_pairs_per_word: float = 0.002

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
                       orphan_letters=frozenset(data["orphan_letters"]), threshold=data["damage_threshold"],
                       lost_pairs_min=data["lost_pairs_min"], lost_pairs_per_word=data["lost_pairs_per_word"])


@lru_cache(maxsize=4)
def _pair_re(letters: frozenset) -> re.Pattern[str]:
    both = "".join(sorted(letters | {c.upper() for c in letters}))
    return re.compile(rf"(?<!\S)[{re.escape(both)}] [{re.escape(both)}](?!\S)(?: \S+)?")


def lost_unrestored(text: str, dm: DamageModel | None = None) -> tuple[int, int, str] | None:
    """When ``text`` shows letters lost that no restoration put back: how many pairs of orphan fragments it
    holds ("C n cứ": "Căn cứ" without its "ă"), where the first stands and its words; else None."""
    dm = dm or damage_model()
    orphans, _blanks = orphan_count(text, dm.orphan_letters)  # the compiled scan: most texts stop here
    if orphans < 2 * dm.lost_pairs_min:
        return None
    pairs = list(_pair_re(dm.orphan_letters).finditer(text))
    if len(pairs) < dm.lost_pairs_min or len(pairs) < dm.lost_pairs_per_word * (text.count(" ") + 1):
        return None
    return len(pairs), pairs[0].start(), pairs[0].group()



def damage_rate(text: str, dm: DamageModel | None = None) -> float:
    """Share of word tokens that are orphan consonants ("c", "t", "s"): ~0 in clean Vietnamese."""
    dm = dm or damage_model()
    if len(text) < 2:
        return 0.0
    orphans, blanks = orphan_count(text, dm.orphan_letters)
    return orphans / (blanks + 1)


@lru_cache(maxsize=2)  # asked twice of one text: whether to restore it, then whether letters were lost
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
