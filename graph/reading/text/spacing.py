"""Letter-spaced headings (\"Q U Y Ế T  Đ Ị N H\", \"NG À Y\"): the letters of one word read across their
spaces, where the result is known words."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from graph.reading.text.folding import keep_fold
from graph.reading.text.scan import native
from graph.reading.text.syllables import model
from graph.reading.text.words import known_word, one_syllable, with_horn
from graph.text import unify_tones

Edit = tuple[int, int, str, bool]

_TONED_LETTER = re.compile("[\u1ea0-\u1ef1\u1ef4-\u1ef9đĐ]")
TONED_SHARE = 0.01  # Vietnamese text has many more (about one character in ten)
_LONE_LETTER = re.compile(r" [^\W\d_](?= )")
_TOKEN = re.compile(r"[^ \t]+")
MIN_LONE_LETTERS = 3  # a line is letter-spaced when it has at least this many lone letters ...
LONE_SHARE = 0.2  # ... and they are at least this share of its tokens
MAX_GROUP = 7  # tokens (and letters) of one word read across its spaces
UNKNOWN_COST = -14.0  # a token left as it stands that is no known word


def _has_toned_letters(sample: str) -> bool:
    """Whether at least TONED_SHARE of ``sample`` are toned letters (``_TONED_LETTER``): one match of a
    pattern that stops at the letter that reaches the share, instead of a list of them all."""
    return _nth_toned(math.ceil(TONED_SHARE * len(sample))).match(sample) is not None


@lru_cache(maxsize=8)
def _nth_toned(n: int) -> re.Pattern:
    """Matches the text up to its ``n``-th toned letter."""
    toned = _TONED_LETTER.pattern[1:-1]
    return re.compile(rf"(?:[^{toned}]*+[{toned}]){{{n}}}")



def spaced_edits(text: str, horn: bool = False, spans: list | None = None) -> list[Edit]:
    """Words printed letter-spaced ("Q U Y Ế T  Đ Ị N H", "THÁN G", "N Ă M 1 99 6") read back together:
    on lines with several lone letters, neighbouring tokens are joined where together they make a known
    word (a year's digits after "năm" too). ``horn``: TCVN3 text that lost its "ư". ``spans``: gets the
    ``(start, end)`` of each word joined."""
    out: list[Edit] = []
    toned: bool | None = None  # whether the text has its toned letters (counted once, if needed)
    # the compiled twin of the pattern, or the pattern read lazily (a damaged text has lone letters
    # everywhere, and stops at its first letter-spaced line)
    core = native()
    hits = iter(core.lone_letters(text)) if core else (m.start() for m in _LONE_LETTER.finditer(text))
    at = next(hits, None)
    while at is not None:  # the lines holding lone letters, each once
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        count = 0
        while at is not None and at < end:
            count += 1
            at = next(hits, None)
        if count < MIN_LONE_LETTERS:
            continue
        if toned is None:  # the first line that may be letter-spaced: is the whole text undamaged?
            toned = _has_toned_letters(text[:20_000])
            if not toned:
                return out  # the letters a damaged PDF layer loses are missing: damage, not spacing
        line = text[start:end]
        if _TONED_LETTER.search(line):
            tokens = [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(line)]
            if count >= LONE_SHARE * len(tokens):
                letters = [c for c in line if c.isalpha()]
                caps = sum(c.isupper() for c in letters) >= 0.6 * len(letters)
                out += _join_line(text, tokens, horn, caps, spans)
    return out


def _join_line(text: str, tokens: list[tuple[int, int, str]], horn: bool, line_caps: bool,
               spans: list | None = None, prune: bool = True) -> list[Edit]:
    """The likeliest grouping of a line's tokens into words (a Viterbi pass); edits joining each group.
    ``prune``: stop a group at letters that begin no known word (:func:`_word_starts`; the same result)."""
    lm = model()
    n = len(tokens)
    starts = _word_starts() if prune else None
    folds = [keep_fold(t[2].lower()) for t in tokens] if starts is not None else []
    best: list[tuple[float, int, str | None] | None] = [None] * (n + 1)  # score, group start, last word
    best[0] = (0.0, 0, None)
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        score, _start, prev = cur
        letters = folded = ""
        for j in range(i, min(n, i + MAX_GROUP)):
            tok = tokens[j][2]
            if j > i and tokens[j][0] - tokens[j - 1][1] > 2:
                break
            letters += tok
            if j > i and len(letters) > MAX_GROUP + 4:
                break
            if j > i and not (letters.isalpha() or _year_digits(letters, prev)):
                break
            # letters that begin no known word (nor one that lost its "ư"): this group is no word, nor
            # is any longer one (all the letters so far are letters: ``folded`` holds them all)
            hopeless = bool(folds) and letters.isalpha() and (folded := folded + folds[j]) not in starts
            if hopeless:
                if j > i:
                    break
                s, word = score + UNKNOWN_COST, None
            else:
                low = unify_tones(letters.lower())
                known = low in lm.unigrams and (j == i or one_syllable(letters))
                if known or (j > i and _year_digits(letters, prev)):
                    s = score + (lm.logp(prev, low) if low in lm.unigrams else -2.0)
                    word = low
                elif horn and letters.isalpha() and (fixed := with_horn(letters)):
                    word = unify_tones(fixed.lower())
                    s = score + lm.logp(prev, word)
                elif j == i:
                    s, word = score + UNKNOWN_COST, None
                else:
                    continue
            nxt = best[j + 1]
            if nxt is None or s > nxt[0]:
                best[j + 1] = (s, i, word)
            if hopeless:
                break
    groups = []
    k = n
    while k > 0:
        start = best[k][1]
        groups.append((start, k))
        k = start
    out: list[Edit] = []
    for a, b in reversed(groups):
        if b - a < 2:
            continue
        letters = "".join(t[2] for t in tokens[a:b])
        if spans is not None:
            spans.append((tokens[a][0], tokens[b - 1][1]))
        caps = line_caps or sum(c.isupper() for c in letters) * 2 > sum(c.isalpha() for c in letters)
        for k in range(a, b):
            s, _e, tok = tokens[k]
            if k > a:
                out.append((tokens[k - 1][1], s, "", True))
            if caps:
                for x, c in enumerate(tok):
                    if c.islower():
                        out.append((s + x, s + x + 1, c.upper(), True))
        if horn and letters.isalpha() and not known_word(letters):
            fixed = with_horn(letters)
            if fixed:
                k = next((x for x in range(len(letters)) if fixed[x] != letters[x]), len(letters))
                at = _offset(tokens[a:b], k)
                new = fixed[k].upper() if caps else fixed[k]
                out.append((at, at, new, True))
    out.sort()
    return out


@lru_cache(maxsize=1)
def _word_starts() -> frozenset[str] | None:
    """Every beginning of a known syllable, folded (:func:`keep_fold`), and of one that lost its "ư" (the
    folding with one "u" left out): letters whose folding (lower case first) is none of these begin no
    word :func:`_join_line` can read. None (no pruning) if the vocabulary has a Greek sigma, the one letter
    whose lower case depends on its neighbours (a group's letters are folded token by token)."""
    out: set[str] = set()
    for word in model().unigrams:
        if "σ" in word or "ς" in word:
            return None
        f = keep_fold(word)
        for form in (f, *(f[:k] + f[k + 1:] for k, c in enumerate(f) if c == "u")):
            out.update(form[:k] for k in range(1, len(form) + 1))
    return frozenset(out)


def _offset(tokens: list[tuple[int, int, str]], k: int) -> int:
    """The text position of letter ``k`` of the joined tokens (an insertion there goes before it)."""
    for s, _e, tok in tokens:
        if k < len(tok):
            return s + k
        k -= len(tok)
    return tokens[-1][1]


def _year_digits(letters: str, prev: str | None) -> bool:
    return prev == "năm" and letters.isdigit() and len(letters) <= 4 and letters[:1] in "12"


