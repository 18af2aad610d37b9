"""The search: the likeliest sequence of vocabulary words whose skeletons spell a run of fragments.

A beam search over positions (Viterbi-like) under the syllable-pair model, pruned by each word's ceiling;
long runs are read piece by piece between anchors (words that can only be themselves), each piece once
per process.

The hot loops run compiled when the extension is built (:mod:`.compiled`), else in Python
(:func:`_decode_run_py`, :func:`_anchors_py`, :func:`_decode_chunked_py`); both give the same reading.
"""

from __future__ import annotations

import math
from array import array

from graph.reading.restore.compiled import native
from graph.reading.restore.damage import DamageModel, damage_model
from graph.reading.restore.index import (
    _CANDS_LIMIT,
    CEILING_MARGIN,
    MAX_FRAGMENTS,
    UNKNOWN_LOGP,
    _candidates,
    _Index,
    _index,
)
from graph.reading.restore.pairs import by_id, pair_table
from graph.reading.text.syllables import SyllableModel, model

BEAM = 12
INSERT_LOGP = math.log(0.2)
_CHUNK_CACHE: dict = {}  # pieces of phrases between anchors, with the word before them
_CHUNK_LIMIT = 200_000
_NEG_INF = -math.inf


_ARGS: list = [None, None, ()]  # the index, the model and their arguments for the compiled search


def _model_args(idx: _Index, lm: SyllableModel) -> tuple:
    """What the compiled search reads of the model and the index (made once per index and model): the
    model's word ids and its table of word pairs (:func:`.pairs.pair_table`, built once per process), the
    index's invisible words after a word and its ceilings by word id."""
    if _ARGS[0] is not idx or _ARGS[1] is not lm:
        ids, table = pair_table(lm)
        ceiling = array("d", by_id(ids, idx.ceiling, math.nan)).tobytes()
        invisible_after = by_id(ids, idx.invisible_after, None)
        _ARGS[:] = [idx, lm, (ids, table, invisible_after, idx.invisible_before, ceiling, BEAM, INSERT_LOGP,
                              CEILING_MARGIN)]
    return _ARGS[2]


def warm_up() -> None:
    """Build the candidate index and, when the compiled search runs, its word ids, table of word pairs and
    table of fragments now: once per process, before workers are forked (they inherit them), not on the
    first damaged file."""
    idx = _index()
    fast = native()
    if fast is not None:
        _model_args(idx, model())
        dm = damage_model()
        # the candidates of no fragment: the compiled core makes its table of the index's fragments
        fast.candidates([], {}, idx.by_skeleton, idx.intact, dm.orphan_letters, idx.heads, UNKNOWN_LOGP,
                        MAX_FRAGMENTS, _CANDS_LIMIT)


def _decode_run(frags: list[str], idx: _Index, lm: SyllableModel, dm: DamageModel,
                follow: str | None = None, prev: str | None = None,
                cands: list | None = None) -> list[tuple[int, str]]:
    """Best reading of a run of fragments after the word ``prev``: a list of (fragments, word).
    ``cands``: :func:`_candidates` of ``frags``, when the caller has them."""
    if cands is None:
        cands = _candidates(frags, idx, dm)
    fast = native()
    if fast is not None:
        return fast.decode_run(cands, prev, follow, *_model_args(idx, lm))
    return _decode_run_py(frags, idx, lm, dm, follow, prev, cands)


def _decode_run_py(frags: list[str], idx: _Index, lm: SyllableModel, dm: DamageModel,
                   follow: str | None = None, prev: str | None = None,
                   cands: list | None = None) -> list[tuple[int, str]]:
    """:func:`_decode_run` in Python: the reference the compiled version follows step by step."""
    n = len(frags)
    logp = lm.logp
    row_of = lm.row
    rows = lm._rows
    invisible_after = idx.invisible_after
    invisible_before = idx.invisible_before
    ceiling = idx.ceiling
    neg = _NEG_INF
    if cands is None:
        cands = _candidates(frags, idx, dm)
    # scores[i]: {last lower-case word: score}, back[i]: the same words' back pointers. Each beam is
    # extended state by state, in order of score, and each state by its candidates in order (k = 1, 2,
    # 3, then the bare fragment): the first of equal scores wins
    scores: list[dict] = [{} for _ in range(n + 1)]
    back: list[dict] = [{} for _ in range(n + 1)]
    scores[0][prev] = 0.0
    back[0][prev] = None
    for i in range(n):
        beam = scores[i]
        if not beam:
            continue
        groups, unknown = cands[i]
        targets = [(k, words, scores[i + k], back[i + k]) for k, words in groups]
        states = beam if len(beam) == 1 else sorted(beam, key=beam.__getitem__, reverse=True)[:BEAM]
        floor = None
        for prev in states:
            score = beam[prev]
            invisible = invisible_after.get(prev)
            if floor is not None and score < floor and not invisible:
                continue  # no candidate can score higher after this state than it already does
            row = (rows.get(prev) or row_of(prev)).get
            for k, words, nxt, nback in targets:
                get = nxt.get
                if not invisible:
                    for word, low in words:
                        s = score + (row(low) or logp(prev, low))
                        if s > get(low, neg):
                            nxt[low] = s
                            nback[low] = (i, prev, k, word)
                    continue
                for word, low in words:
                    s = score + (row(low) or logp(prev, low))
                    if s > get(low, neg):
                        nxt[low] = s
                        nback[low] = (i, prev, k, word)
                    # a word lost entirely ("đề" in "Xét đề nghị") between two attested pairs
                    before = invisible_before.get(low)
                    if not before:
                        continue
                    for gone in invisible:
                        if gone in before:
                            s2 = score + logp(prev, gone) + logp(gone, low) + INSERT_LOGP
                            if s2 > get(low, neg):
                                nxt[low] = s2
                                nback[low] = (i, prev, k, f"{gone} {word}")
            if unknown is not None:
                # the fragment as it stands scores the same after every state: only the best state
                # can write it, the others score no more
                word, low, base = unknown
                unknown = None
                nxt = scores[i + 1]
                s = score + base
                if s > nxt.get(low, neg):
                    nxt[low] = s
                    back[i + 1][low] = (i, prev, 1, word)
            if floor is None and len(beam) > 1:
                # later states score less: one whose score is below every candidate's current score
                # minus the most that candidate can gain after any word cannot change a thing
                floor = math.inf
                for _k, words, nxt, _b in targets:
                    for _w, low in words:
                        v = nxt[low] - ceiling[low]
                        if v < floor:
                            floor = v
                floor -= CEILING_MARGIN
    # back-track from the best end, counting what follows the run ("số" before a number)
    out: list[tuple[int, str]] = []
    last = scores[n]
    state = max(last, key=lambda w: last[w] + logp(w, follow)) if follow else max(last, key=last.__getitem__)
    pos = n
    while pos > 0:
        i, prev, k, word = back[pos][state]
        out.append((k, word))
        pos, state = i, prev
    out.reverse()
    return out


def _anchors(frags: list[str], idx: _Index, cands: list) -> list[int]:
    """Positions holding an intact word that can only be itself, no longer word reaching over it:
    the best reading passes through them, so the run can be read piece by piece."""
    fast = native()
    if fast is not None:
        return fast.anchors(frags, idx.sole, cands)
    return _anchors_py(frags, idx, cands)


def _anchors_py(frags: list[str], idx: _Index, cands: list) -> list[int]:
    """:func:`_anchors` in Python."""
    sole = idx.sole
    found = [i for i, f in enumerate(frags) if f in sole]
    if not found:
        return found
    covered = set()
    for a, (groups, _unknown) in enumerate(cands):
        if groups and groups[-1][0] > 1:  # groups come by number of fragments taken
            for k, _words in groups:
                if k > 1:
                    covered.update(range(a, a + k))
    return [i for i in found if i not in covered] if covered else found


def _decode_chunked(frags: list[str], idx: _Index, lm: SyllableModel, dm: DamageModel,
                    follow: str | None) -> list[tuple[int, str]]:
    """:func:`_decode_run`, piece by piece between anchors, each piece read once per process. No word
    reaches over an anchor, so a piece's candidates are those of the whole run at its positions."""
    cands = _candidates(frags, idx, dm)
    fast = native()
    if fast is not None:
        return fast.decode_chunked(frags, follow, cands, fast.anchors(frags, idx.sole, cands), _CHUNK_CACHE,
                                   _CHUNK_LIMIT, *_model_args(idx, lm))
    return _decode_chunked_py(frags, idx, lm, dm, follow, cands)


def _decode_chunked_py(frags: list[str], idx: _Index, lm: SyllableModel, dm: DamageModel,
                       follow: str | None, cands: list) -> list[tuple[int, str]]:
    """:func:`_decode_chunked` in Python, given the run's candidates."""
    n = len(frags)
    reading: list[tuple[int, str]] = []
    prev: str | None = None
    start = 0
    for end in [*_anchors_py(frags, idx, cands), n - 1]:
        if end < start:
            continue
        chunk = tuple(frags[start:end + 1])
        tail = follow if end == n - 1 else None
        key = (chunk, prev, tail)
        part = _CHUNK_CACHE.get(key)
        if part is None:
            part = _decode_run_py(list(chunk), idx, lm, dm, tail, prev, cands[start:end + 1])
            if len(_CHUNK_CACHE) > _CHUNK_LIMIT:
                _CHUNK_CACHE.clear()
            _CHUNK_CACHE[key] = part
        reading.extend(part)
        prev = part[-1][1].rsplit(" ", 1)[-1].lower()
        start = end + 1
    return reading
