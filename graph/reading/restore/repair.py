"""Restore Vietnamese text whose diacritic letters were lost in PDF extraction.

A PDF whose font lost its glyphs for many Vietnamese letters gives "Quy t nh" for "Quyết định",
"318/Q -UBND" for "318/QĐ-UBND", "S Tài nguyên và Môi trư ng" for "Sở Tài nguyên và Môi trường". The
damage follows a model (``graph/data/damage.json``): each lost letter becomes a space and spaces
collapse, a few letters come out as another one. So every word has a *skeleton*, the fragments it
leaves ("Quyết" -> "Quy", "t"; "định" -> "nh"), and a damaged run of fragments is read back by
choosing the sequence of vocabulary words whose skeletons spell it, the most likely one under a
syllable-pair model of clean legal text (:mod:`graph.reading.text.syllables`, Viterbi search).

Damage is detected first (the rate of orphan one-letter fragments such as "c", "t", "s"); clean
text is returned untouched. Only words that are in the vocabulary are restored; anything else is
left as it stands. Restored spans are reported so that values read from them can be marked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from graph.datafiles import read_json
from graph.reading.text.syllables import NUMBER, SyllableModel, model

MAX_FRAGMENTS = 3  # a syllable leaves at most this many fragments ("nghiệp" -> "nghi", "p")
BEAM = 12
MAX_CANDIDATES = 16  # per skeleton, by frequency
UNKNOWN_LOGP = math.log(1e-9)
INSERT_LOGP = math.log(0.2)
CEILING_MARGIN = 1e-9  # far above float rounding: bounds stay bounds


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


_WORD = re.compile(r"[^\W\d_]+")


def damage_rate(text: str, dm: DamageModel | None = None) -> float:
    """Share of word tokens that are orphan consonants ("c", "t", "s"): ~0 in clean Vietnamese."""
    dm = dm or damage_model()
    if len(text) < 2:
        return 0.0
    words = text.count(" ") + text.count("\n") + 1
    return len(_orphan_re(dm.orphan_letters).findall(text)) / words


@lru_cache(maxsize=4)
def _orphan_re(letters: frozenset) -> re.Pattern:
    cls = "".join(sorted(letters | {c.upper() for c in letters}))
    return re.compile(f" [{cls}](?=[ ,])")


def is_damaged(text: str) -> bool:
    """Whether ``text`` shows the lost-letter damage."""
    dm = damage_model()
    return damage_rate(text, dm) >= dm.threshold


# ----------------------------------------------------------------------------------- the index

@dataclass
class _Index:
    by_skeleton: dict = field(default_factory=dict)  # fragments -> [(word as written, lower-case)]
    invisible: list = field(default_factory=list)  # words that leave no fragment at all ("để", "ở")
    invisible_after: dict = field(default_factory=dict)  # word -> invisible words seen after it
    invisible_before: dict = field(default_factory=dict)  # word -> invisible words seen before it
    intact: frozenset = frozenset()  # fragments that are a word as they stand ("và", "Sở")
    sole: frozenset = frozenset()  # fragments of 2+ letters that can only be that word
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


# ------------------------------------------------------------------------------------ restoring

class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``new``; ``words``: (start, end, word) of each restored word, offsets
    from ``start``, when ``new`` restores several neighbouring words (``new`` is then those words joined
    by spaces)."""

    start: int
    end: int
    new: str
    words: tuple = ()


# "318/Q -UBND", "27/2013/N -CP", "845/Q - UBND": a code whose last letter was lost
_NUMBER_CODE = re.compile(r"(?<=/)([A-Z][A-Za-z]{0,5}) ?(?: -|- | - )(?=[A-Z])")
# "-H ND" for "-HĐND" inside a number
_SPLIT_CODE = re.compile(r"(?<=[/-])([A-Z]{1,4}) ([A-Z]{1,5})\b")


def _code_edits(text: str, dm: DamageModel) -> list[Edit]:
    edits = []
    codes = _codes()
    skeletons = {}
    for c in codes:
        skeletons.setdefault(dm.skeleton(c), c)
    for m in _NUMBER_CODE.finditer(text):
        damaged = m.group(1)
        for c in codes:
            if len(c) > len(damaged) and c.startswith(damaged) and dm.skeleton(c) == (damaged,):
                edits.append(Edit(m.start(), m.end(), c + "-"))
                break
    for m in _SPLIT_CODE.finditer(text):
        c = skeletons.get((m.group(1), m.group(2)))
        if c and c != m.group(0):
            edits.append(Edit(m.start(), m.end(), c))
    return edits


_NUMBER_NEXT = re.compile(r" ?:? ?\d")
_ROMAN = re.compile(r"[IVXLC]{1,6}")
_OPENERS = "(\\[“\"‘'…"
_CLOSING = ")\\]”\"’',;:.!?…/"
_CLOSING_SET = frozenset(_CLOSING)
# words of letters only, one space apart, after a space or an opening bracket (linear: no look-ahead)
_RUN = re.compile(rf"(?<![^\s{_OPENERS}])[^\W\d_]+(?: [^\W\d_]+)*")


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


def _candidates(frags: list[str], idx: _Index, dm: DamageModel) -> list[tuple[list, tuple | None]]:
    """The words that can stand at each position, whatever precedes them: ``[(k, [(word, lower-case)])]``
    by number of fragments taken, and the fragment itself with its score when it is not a word."""
    by_skeleton = idx.by_skeleton
    intact = idx.intact
    memo = _CANDS_CACHE
    n = len(frags)
    cands = []
    for i in range(n):
        window = tuple(frags[i:i + MAX_FRAGMENTS])
        c = memo.get(window)
        if c is not None:
            cands.append(c)
            continue
        f = frags[i]
        singles = by_skeleton.get((f,))
        groups = [(1, singles)] if singles else []
        for k in range(2, min(MAX_FRAGMENTS, n - i) + 1):
            words = by_skeleton.get(tuple(frags[i:i + k]))
            if words:
                groups.append((k, words))
        if f in intact:
            unknown = None
        else:
            low = f.lower()
            orphan = len(f) == 1 and low in dm.orphan_letters
            unknown = (f, low, UNKNOWN_LOGP * (2 if orphan else 1))
        c = memo[window] = (groups, unknown)
        cands.append(c)
    if len(memo) > 200_000:
        memo.clear()
    return cands


def _decode_run(frags: list[str], idx: _Index, lm: SyllableModel, dm: DamageModel,
                follow: str | None = None, prev: str | None = None,
                cands: list | None = None) -> list[tuple[int, str]]:
    """Best reading of a run of fragments after the word ``prev``: a list of (fragments, word).
    ``cands``: :func:`_candidates` of ``frags``, when the caller has them."""
    n = len(frags)
    logp = lm.logp
    row_of = lm.row
    rows = lm._rows
    invisible_after = idx.invisible_after
    invisible_before = idx.invisible_before
    ceiling = idx.ceiling
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
        states = sorted(beam, key=beam.__getitem__, reverse=True)[:BEAM] if len(beam) > 1 else list(beam)
        groups, unknown = cands[i]
        floor = None
        for prev in states:
            score = beam[prev]
            invisible = invisible_after.get(prev)
            if floor is not None and score < floor and not invisible:
                continue  # no candidate can score higher after this state than it already does
            row = (rows.get(prev) or row_of(prev)).get
            for k, words in groups:
                nxt = scores[i + k]
                nback = back[i + k]
                get = nxt.get
                if not invisible:
                    for word, low in words:
                        s = score + (row(low) or logp(prev, low))
                        cur = get(low)
                        if cur is None or s > cur:
                            nxt[low] = s
                            nback[low] = (i, prev, k, word)
                    continue
                for word, low in words:
                    s = score + (row(low) or logp(prev, low))
                    cur = get(low)
                    if cur is None or s > cur:
                        nxt[low] = s
                        nback[low] = (i, prev, k, word)
                    # a word lost entirely ("đề" in "Xét đề nghị") between two attested pairs
                    before = invisible_before.get(low)
                    if not before:
                        continue
                    for gone in invisible:
                        if gone in before:
                            s2 = score + logp(prev, gone) + logp(gone, low) + INSERT_LOGP
                            cur = get(low)
                            if cur is None or s2 > cur:
                                nxt[low] = s2
                                nback[low] = (i, prev, k, f"{gone} {word}")
            if unknown is not None:
                # the fragment as it stands scores the same after every state: only the best state
                # can write it, the others score no more
                word, low, base = unknown
                unknown = None
                nxt = scores[i + 1]
                s = score + base
                cur = nxt.get(low)
                if cur is None or s > cur:
                    nxt[low] = s
                    back[i + 1][low] = (i, prev, 1, word)
            if floor is None and len(states) > 1:
                # later states score less: one whose score is below every candidate's current score
                # minus the most that candidate can gain after any word cannot change a thing
                floor = min((scores[i + k][low] - ceiling[low] for k, words in groups for _w, low in words),
                            default=math.inf) - CEILING_MARGIN
    # back-track from the best end, counting what follows the run ("số" before a number)
    out: list[tuple[int, str]] = []
    last = scores[n]
    if follow:
        state = max(last, key=lambda w: last[w] + lm.logp(w, follow))
    else:
        state = max(last, key=last.__getitem__)
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
    sole = idx.sole
    covered = set()
    for a, (groups, _unknown) in enumerate(cands):
        for k, _words in groups:
            if k > 1:
                covered.update(range(a, a + k))
    return [i for i, f in enumerate(frags) if f in sole and i not in covered]


def _decode_chunked(frags: list[str], idx: _Index, lm: SyllableModel, dm: DamageModel,
                    follow: str | None) -> list[tuple[int, str]]:
    """:func:`_decode_run`, piece by piece between anchors, each piece read once per process. No word
    reaches over an anchor, so a piece's candidates are those of the whole run at its positions."""
    n = len(frags)
    cands = _candidates(frags, idx, dm)
    reading: list[tuple[int, str]] = []
    prev: str | None = None
    start = 0
    for end in [*_anchors(frags, idx, cands), n - 1]:
        if end < start:
            continue
        chunk = tuple(frags[start:end + 1])
        tail = follow if end == n - 1 else None
        key = (chunk, prev, tail)
        part = _CHUNK_CACHE.get(key)
        if part is None:
            part = _decode_run(list(chunk), idx, lm, dm, tail, prev, cands[start:end + 1])
            if len(_CHUNK_CACHE) > 200_000:
                _CHUNK_CACHE.clear()
            _CHUNK_CACHE[key] = part
        reading.extend(part)
        prev = part[-1][1].rsplit(" ", 1)[-1].lower()
        start = end + 1
    return reading


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
    lost = dm.lost
    edits: list[tuple] = _code_edits(text, dm)
    taken = {i for e in edits for i in range(e[0], e[1])}
    number_next = _NUMBER_NEXT.match
    for base, run in _runs(text):
        follow = NUMBER if number_next(text, base + len(run)) else None
        key = (run, follow)
        changes = _RUN_CACHE.get(key)
        if changes is None:
            frags = run.split(" ")
            changes = _changes(frags, _decode_chunked(frags, idx, lm, dm, follow), dm)
            if len(_RUN_CACHE) > 50_000:
                _RUN_CACHE.clear()
            _RUN_CACHE[key] = changes
        for rel_start, rel_end, word, first_lost, lost_last, words in changes:
            start, end = base + rel_start, base + rel_end
            if first_lost and rel_start == 0 and _sentence_start(text, start):
                word = word[:1].upper() + word[1:]
                lost_last = word[-1] in lost
                if words and word != words[0][2] + word[len(words[0][2]):]:
                    words = ((words[0][0], words[0][1], word[:len(words[0][2])]), *words[1:])
            if lost_last and text[end:end + 1] == " " and text[end + 1:end + 2] in _CLOSERS:
                end += 1  # "sở , ngành": the space stood for the lost letter
            if taken and (start in taken or end - 1 in taken):
                continue
            edits.append((start, end, word, words))
    edits.sort()
    return edits


_CLOSERS = frozenset(",.;:)”")
_RUN_CACHE: dict = {}  # the same damaged phrase reads the same way: decode it once per process
_CHUNK_CACHE: dict = {}  # pieces of phrases between anchors, with the word before them
_CANDS_CACHE: dict = {}  # up to MAX_FRAGMENTS fragments -> the candidates at the first (vocabulary only)


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t(“\"'‘":
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def _changes(frags: list[str], reading: list[tuple[int, str]], dm: DamageModel) -> list[tuple]:
    """The words of a run's reading that differ from the fragments, neighbours merged: (start, end in
    the run, words, whether a capital depends on a sentence start, whether the last letter is a lost
    one, and when there are several words (start, end, word) of each, offsets from the start)."""
    out = []
    j = 0
    offsets = [0]
    for f in frags:
        offsets.append(offsets[-1] + len(f) + 1)
    last_end = -1
    for w, (k, word) in enumerate(reading):
        damaged = " ".join(frags[j:j + k])
        if word != damaged:
            word = _case(word, damaged, reading, w)
            start, end = offsets[j], offsets[j + k] - 1
            if out and last_end == start - 1:  # next to the previous restored word: one edit
                s0, _e0, w0, cap0, parts = out[-1]
                out[-1] = (s0, end, f"{w0} {word}", cap0, (*parts, (start, end, word)))
            else:
                cap = word[:1].islower() and word[0] in dm.lost
                out.append((start, end, word, cap, ((start, end, word),)))
            last_end = end
        j += k
    lost = dm.lost
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
