"""The candidate index: vocabulary words by the fragments they leave once damaged (their skeletons).

Built once per process from the syllable model (:mod:`graph.reading.text.syllables`) and the damage
model; :func:`_candidates` gives the words that can stand at each position of a run of fragments.
:func:`_codes` lists the type and issuer codes of document numbers (QĐ, HĐND ...).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from graph.datafiles import read_json
from graph.reading.restore.compiled import native
from graph.reading.restore.damage import DamageModel, damage_model
from graph.reading.text.syllables import model

MAX_FRAGMENTS = 3  # a syllable leaves at most this many fragments ("nghiệp" -> "nghi", "p")
MAX_CANDIDATES = 16  # per skeleton, by frequency
UNKNOWN_LOGP = math.log(1e-9)
CEILING_MARGIN = 1e-9  # far above float rounding: bounds stay bounds
_CANDS_CACHE: dict = {}  # up to MAX_FRAGMENTS fragments -> the candidates at the first (vocabulary only)
_CANDS_LIMIT = 200_000


@dataclass
class _Index:
    by_skeleton: dict = field(default_factory=dict)  # fragments -> [(word as written, lower-case)]
    invisible: list = field(default_factory=list)  # words that leave no fragment at all ("để", "ở")
    invisible_after: dict = field(default_factory=dict)  # word -> invisible words seen after it
    invisible_before: dict = field(default_factory=dict)  # word -> invisible words seen before it
    intact: frozenset = frozenset()  # fragments that are a word as they stand ("và", "Sở")
    sole: frozenset = frozenset()  # fragments of 2+ letters that can only be that word
    heads: frozenset = frozenset()  # first fragments of the skeletons of several fragments
    ceiling: dict = field(default_factory=dict)  # word -> above its logp after any word


@lru_cache(maxsize=1)
def _index() -> _Index:
    dm = damage_model()
    lm = model()
    idx = _Index()
    for low in lm.unigrams:
        variants = [low, low[:1].upper() + low[1:], low.upper()]
        if low in lm.capitalised:
            variants[0], variants[1] = variants[1], variants[0]
        seen: set = set()
        if not dm.skeleton(low):
            idx.invisible.append(low)
        for v in variants:
            sk = dm.skeleton(v)
            if not sk or len(sk) > MAX_FRAGMENTS or (sk, low) in seen:
                continue
            seen.add((sk, low))
            idx.by_skeleton.setdefault(sk, []).append((v, low))
    for words in idx.by_skeleton.values():  # the likeliest words only
        words.sort(key=lambda vw: -lm.unigrams.get(vw[1], 0))
        del words[MAX_CANDIDATES:]
    idx.heads = frozenset(sk[0] for sk in idx.by_skeleton if len(sk) > 1)
    singles = {sk[0]: words for sk, words in idx.by_skeleton.items() if len(sk) == 1}
    idx.intact = frozenset(f for f, words in singles.items() if any(w == f for w, _l in words))
    idx.sole = frozenset(f for f, words in singles.items()
                         if len(f) > 1 and len(words) == 1 and words[0][0] == f)
    invisible = set(idx.invisible)
    for pair in lm.bigrams:
        a, _, b = pair.partition(" ")
        if b in invisible:
            idx.invisible_after.setdefault(a, []).append(b)
        if a in invisible:
            idx.invisible_before.setdefault(b, set()).add(a)
    # logp(prev, w) is highest after a word seen before w, else at most the unigram floor (logp(None, w))
    ceiling = {w: lm._logp(None, w) for w in lm.unigrams}
    for pair in lm.bigrams:
        a, _, b = pair.partition(" ")
        if b in ceiling:
            ceiling[b] = max(ceiling[b], lm._logp(a, b))
    idx.ceiling = {w: v + CEILING_MARGIN for w, v in ceiling.items()}
    return idx


@lru_cache(maxsize=1)
def _codes() -> list[str]:
    """Type and issuer codes of document numbers (QĐ, NĐ, HĐND ...), longest first."""
    codes: set = set()
    for name in ("doc_types.json", "issuers.json"):
        try:
            data = read_json(name)
        except FileNotFoundError:  # pragma: no cover - optional data
            continue
        stack = [data]
        while stack:
            obj = stack.pop()
            if isinstance(obj, dict):
                for k, v in obj.items():
                    if k == "codes" and isinstance(v, list):
                        codes.update(c for c in v if isinstance(c, str))
                    elif not k.startswith("_"):
                        stack.append(v)
            elif isinstance(obj, list):
                stack.extend(obj)
    codes.update(("QĐ", "NĐ", "HĐND", "UBND", "ĐA", "CĐ"))
    return sorted(codes, key=len, reverse=True)


def _candidates(frags: list[str], idx: _Index, dm: DamageModel) -> list[tuple[list, tuple | None]]:
    """The words that can stand at each position, whatever precedes them: ``[(k, [(word, lower-case)])]``
    by number of fragments taken, and the fragment itself with its score when it is not a word.
    Compiled when built (:mod:`.compiled`); :func:`_candidates_py` is the same in Python."""
    fast = native()
    if fast is not None:
        return fast.candidates(frags, _CANDS_CACHE, idx.by_skeleton, idx.intact, dm.orphan_letters, idx.heads,
                               UNKNOWN_LOGP, MAX_FRAGMENTS, _CANDS_LIMIT)
    return _candidates_py(frags, idx, dm)


def _candidates_py(frags: list[str], idx: _Index, dm: DamageModel) -> list[tuple[list, tuple | None]]:
    """:func:`_candidates` in Python."""
    by_skeleton = idx.by_skeleton
    intact = idx.intact
    memo = _CANDS_CACHE
    get = memo.get
    # the window of MAX_FRAGMENTS fragments at each position (shorter at the end of the run)
    n = len(frags)
    full = n - MAX_FRAGMENTS + 1
    windows = list(zip(*(frags[k:] for k in range(MAX_FRAGMENTS)), strict=False))  # stops at the shortest
    windows += (tuple(frags[i:]) for i in range(max(full, 0), n))
    cands = []
    add = cands.append
    for window in windows:
        c = get(window)
        if c is None:
            c = memo[window] = _window_candidates(window, by_skeleton, intact, dm)
        add(c)
    if len(memo) > _CANDS_LIMIT:
        memo.clear()
    return cands


def _window_candidates(window: tuple, by_skeleton: dict, intact: frozenset, dm: DamageModel) -> tuple:
    """:func:`_candidates` at the first fragment of ``window`` (it and the fragments after it)."""
    f = window[0]
    singles = by_skeleton.get((f,))
    groups = [(1, singles)] if singles else []
    for k in range(2, len(window) + 1):
        words = by_skeleton.get(window[:k])
        if words:
            groups.append((k, words))
    if f in intact:
        unknown = None
    else:
        low = f.lower()
        orphan = len(f) == 1 and low in dm.orphan_letters
        unknown = (f, low, UNKNOWN_LOGP * (2 if orphan else 1))
    return groups, unknown
