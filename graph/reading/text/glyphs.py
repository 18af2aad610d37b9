"""Letters a text layer drew with the wrong glyph, lost or glued together, put back where the language
proves it.

Each finder gives edits ``(start, end, new, restored)`` on laid-out text (``restored``: the edit puts back
something the layer lost or changed, as opposed to a look-alike written the usual way):

- look-alike letters: "Ð" (U+00D0, Icelandic eth) for "Đ" everywhere;
- a font that draws "đ"/"Đ" as "ñ"/"ð" ("ñã ñược sửa ñổi", "ðiều 1"): only when several such words read
  as known syllables once mended;
- TCVN3 text whose "ư" (its byte is a soft hyphen) was lost ("Bộ trởng", "nớc ngoài", "đầu t"): a word that
  is no syllable, or a lone consonant cluster, becomes a known word with "ư" put back;
- glued words ("Quyếtđịnh", "VỀVIỆC", "nhândân", "12/3/2018của", "SMEngày"): a token that cannot be one
  Vietnamese syllable is cut where every piece is a known syllable.

Vocabulary: :mod:`graph.reading.text.syllables`. Never a guess: a word is changed only into known words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from graph.reading.text.folding import keep_fold
from graph.reading.text.interleave import interleave_edits
from graph.reading.text.syllables import model
from graph.text import unify_tones

Edit = tuple[int, int, str, bool]

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
#: one Vietnamese syllable, folded (no marks, đ -> d): initial, vowels, final
_SYLLABLE_SHAPE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnptuio])?"
)
MAX_SYLLABLE = 7  # letters ("nghiêng")
MIN_PIECE_COUNT = 3  # a piece of a glued word is a syllable the model has seen at least this often


@lru_cache(maxsize=1)
def _toned() -> frozenset:
    out = set()
    for code in range(0xC0, 0x1EFA):
        c = chr(code)
        if c.isalpha() and _TONE_MARKS & set(unicodedata.normalize("NFD", c)):
            out.add(c)
    return frozenset(out)


def _known(word: str) -> bool:
    return unify_tones(word.lower()) in model().unigrams


def _count(word: str) -> int:
    return model().unigrams.get(unify_tones(word.lower()), 0)


def one_syllable(word: str) -> bool:
    """Whether ``word`` can be one Vietnamese syllable (shape, and at most one tone mark)."""
    if sum(1 for c in word if c in _toned()) > 1:
        return False
    return _SYLLABLE_SHAPE.fullmatch(keep_fold(word)) is not None


# ------------------------------------------------------------------------------------ look-alikes

_ETH = "\u00d0"


def lookalike_edits(text: str) -> list[Edit]:
    """"Ð" (U+00D0) -> "Đ": the same glyph, the wrong letter (never Vietnamese)."""
    out = []
    at = text.find(_ETH)
    while at >= 0:
        if not _in_number(text, at):  # numbers are mended, with a warning, by graph.reading.restore.numbers
            out.append((at, at + 1, "Đ", False))
        at = text.find(_ETH, at + 1)
    return out


def _in_number(text: str, at: int) -> bool:
    """Whether ``text[at]`` stands in a token holding a digit and a slash (a document number)."""
    s = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    e = min(x for x in (text.find(" ", at), text.find("\n", at), len(text)) if x >= 0)
    token = text[s:e]
    return "/" in token and any(c.isdigit() for c in token)


_FONT_WORD = re.compile(r"[^\W\d_]*[ñð][^\W\d_]*")
MIN_FONT_WORDS = 2  # words that read as known syllables once mended


def font_edits(text: str) -> list[Edit]:
    """"ñ"/"ð" drawn for "đ"/"Đ" by a font: mended when at least two such words (and most of them) are
    then known syllables; "ð" or "ñ" opening a line or a sentence, or before a capital, is "Đ"."""
    if "ñ" not in text and "ð" not in text:
        return []
    words = list(_FONT_WORD.finditer(text))
    good = [m for m in words if _known(m.group().replace("ñ", "đ").replace("ð", "đ"))]
    if len(good) < MIN_FONT_WORDS or len(good) < 0.6 * len(words):
        return []
    out = []
    for m in words:
        w = m.group()
        if not _known(w.replace("ñ", "đ").replace("ð", "đ")) and not one_syllable(w.replace("ñ", "đ")):
            continue
        for k, c in enumerate(w):
            if c not in "ñð":
                continue
            at = m.start() + k
            nxt = text[at + 1:at + 2]
            capital = nxt.isupper() or (k == 0 and _opens_sentence(text, at)) if c == "ð" else nxt.isupper()
            out.append((at, at + 1, "Đ" if capital else "đ", True))
    return out


def _opens_sentence(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;"


# ------------------------------------------------------------------------------- TCVN3 lost "ư"

_HORN_O = "ơờớởỡợƠỜỚỞỠỢ"
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?![^\W\d_])")
_CONSONANTS = frozenset("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX")


def lost_u_edits(text: str) -> list[Edit]:
    """TCVN3 text that lost its "ư" byte: "trởng" -> "trưởng", "nớc" -> "nước", "t cách" -> "tư cách".
    A word changes only when it is no syllable as it stands (or a lone consonant cluster) and the word
    with "ư" is a known one."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if all(c in _CONSONANTS for c in w):
            if len(w) > 3 or _known(w) or w.lower() == "đ" or not _between_words(text, m.start(), m.end()):
                continue
            new, at = w + ("Ư" if w.isupper() and len(w) > 1 else "ư"), m.end()
        else:
            k = next((i for i, c in enumerate(w) if c in _HORN_O), -1)
            if k <= 0 or not all(c in _CONSONANTS for c in w[:k]) or _known(w):
                continue
            horn = "Ư" if w[k].isupper() else "ư"
            new, at = w[:k] + horn + w[k:], m.start() + k
        if not _known(new):
            continue
        out.append((at, at, new[at - m.start()], True))
    return out


def _between_words(text: str, start: int, end: int) -> bool:
    """Whether the words on both sides of ``text[start:end]`` are known words of two letters or more
    (a lone consonant among words lost its vowel; one among lone letters is letter-spacing)."""
    before = text[max(0, start - 12):start].split()
    after = text[end:end + 12].split()
    around = (before[-1:] or ["-"]) + (after[:1] or ["-"])
    return all(len(w) > 1 and (_known(w.strip(",.;:()")) or _with_horn(w.strip(",.;:()"))) for w in around)


# ---------------------------------------------------------------------------------- glued words

_VOWELS = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_VOWELS += _VOWELS.upper()
_CONSONANT_LETTERS = "bcdđfghjklmnpqrstvwxzBCDĐFGHJKLMNPQRSTVWXZ"
# where glued words show (found in one fast pass, then read as whole tokens): a vowel, consonants and a
# vowel again, which no single syllable has ("nhândân", "VỀVIỆC", "củaBộ", "SMEngày"); letters glued
# to digits ("2018của", "ngày23")
_VCV = re.compile(rf"[{_VOWELS}][{_CONSONANT_LETTERS}]+[{_VOWELS}]")
_DIGIT_GLUE = re.compile(r"[0-9](?:(?=[^\W\d_]{2})|(?<=[^\W\d_]{2}[0-9]))")  # starts with a class: fast
_LETTERS_AROUND = re.compile(r"[^\W\d_]*")
_ASCII_UPPER = re.compile(r"[A-ZĐ]{2,}")


def _word_at(text: str, at: int) -> tuple[int, int]:
    """The run of letters holding ``text[at]``."""
    s = at
    while s > 0 and text[s - 1].isalpha():
        s -= 1
    return s, _LETTERS_AROUND.match(text, at).end()


def glued_edits(text: str) -> list[Edit]:
    """Spaces put back between glued words: a token that cannot be one syllable and is wholly made of
    known syllables (at least one with a tone or a Vietnamese letter), or a code in capitals glued to a
    known lower-case word ("SMEngày")."""
    out: list[Edit] = []
    seen: dict[str, tuple[int, ...]] = _SPLIT_CACHE
    starts = {m.start() for m in _VCV.finditer(text)}
    for m in _DIGIT_GLUE.finditer(text):  # the letters after the digit, or before it
        starts.add(m.end() if text[m.end():m.end() + 1].isalpha() else m.start() - 1)
    done = -1
    for at in sorted(starts):
        if at < done:
            continue
        s, e = _word_at(text, at)
        done = e
        w = text[s:e]
        if len(w) < 2:
            continue
        by_digit = (s and text[s - 1].isdigit()) or (e < len(text) and text[e].isdigit())
        if w.isascii() and not by_digit:
            continue
        cuts = seen.get(w)
        if cuts is None:
            cuts = seen[w] = _cuts(w)
            if len(seen) > 100_000:
                seen.clear()
        for c in cuts:
            out.append((s + c, s + c, " ", True))
        if by_digit and not cuts and not w.isascii() and _count(w) >= MIN_PIECE_COUNT:
            if s and text[s - 1].isdigit():
                out.append((s, s, " ", True))
            if e < len(text) and text[e].isdigit():
                out.append((e, e, " ", True))
    out.sort()
    return out


_SPLIT_CACHE: dict[str, tuple[int, ...]] = {}


def _cuts(w: str) -> tuple[int, ...]:
    """Where to cut ``w`` into known syllables (offsets), or () when it is a word as it stands."""
    if len(w) < 4 or _known(w) or one_syllable(w):
        return ()
    m = _ASCII_UPPER.match(w)
    if m and m.end() < len(w) and w[m.end()].islower():  # "SMEngày": a code, then a word
        rest = w[m.end():]
        if not rest.isascii() and _count(rest) >= MIN_PIECE_COUNT:
            return (m.end(),)
        return ()
    best = _segment(w)
    return best or ()


def _segment(w: str) -> tuple[int, ...] | None:
    """The likeliest cut of ``w`` into 2-4 known syllables of one case pattern each, else None."""
    lm = model()
    n = len(w)
    # best[i]: (score, cuts, last lower-case syllable) for w[:i]
    best: list[tuple[float, tuple[int, ...], str | None] | None] = [None] * (n + 1)
    best[0] = (0.0, (), None)
    for i in range(n):
        cur = best[i]
        if cur is None or len(cur[1]) >= 4:
            continue
        score, cuts, prev = cur
        for j in range(i + 1, min(n, i + MAX_SYLLABLE) + 1):
            piece = w[i:j]
            if not _case_ok(piece):
                continue
            low = unify_tones(piece.lower())
            if lm.unigrams.get(low, 0) < MIN_PIECE_COUNT or not one_syllable(piece):
                continue
            s = score + lm.logp(prev, low)
            nxt = best[j]
            if nxt is None or s > nxt[0]:
                best[j] = (s, (*cuts, i) if i else cuts, low)
    end = best[n]
    if end is None or not end[1]:
        return None
    pieces = [w[a:b] for a, b in zip((0, *end[1]), (*end[1], n), strict=True)]
    if all(p.isascii() for p in pieces) or any(len(p) == 1 for p in pieces):
        return None
    return end[1]


def _case_ok(piece: str) -> bool:
    """A syllable is written lower case, capitalised or in capitals."""
    return piece.islower() or piece.isupper() or (piece[0].isupper() and piece[1:].islower())


# ------------------------------------------------------------------------------- spaced letters

# a letter of Unicode's Latin Extended Additional block, or "đ": the letters a PDF layer that loses
# glyphs loses (graph/data/damage.json); a line holding them is letter-spaced, not damaged that way
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


def _with_horn(w: str) -> str | None:
    """``w`` with the "ư" TCVN3 lost put back, when that makes a known word."""
    if all(c in _CONSONANTS for c in w):
        new = w + ("Ư" if w.isupper() and len(w) > 1 else "ư")
    else:
        k = next((i for i, c in enumerate(w) if c in _HORN_O), -1)
        if k <= 0 or not all(c in _CONSONANTS for c in w[:k]):
            return None
        new = w[:k] + ("Ư" if w[k].isupper() else "ư") + w[k:]
    return new if _known(new) else None


def spaced_edits(text: str, horn: bool = False, spans: list | None = None) -> list[Edit]:
    """Words printed letter-spaced ("Q U Y Ế T  Đ Ị N H", "THÁN G", "N Ă M 1 99 6") read back together:
    on lines with several lone letters, neighbouring tokens are joined where together they make a known
    word (a year's digits after "năm" too). ``horn``: TCVN3 text that lost its "ư". ``spans``: gets the
    ``(start, end)`` of each word joined."""
    out: list[Edit] = []
    toned: bool | None = None  # whether the text has its toned letters (counted once, if needed)
    hits = _LONE_LETTER.finditer(text)  # read lazily: a damaged text has lone letters everywhere
    hit = next(hits, None)
    while hit is not None:  # the lines holding lone letters, each once
        at = hit.start()
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        count = 0
        while hit is not None and hit.start() < end:
            count += 1
            hit = next(hits, None)
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
               spans: list | None = None) -> list[Edit]:
    """The likeliest grouping of a line's tokens into words (a Viterbi pass); edits joining each group."""
    lm = model()
    n = len(tokens)
    best: list[tuple[float, int, str | None] | None] = [None] * (n + 1)  # score, group start, last word
    best[0] = (0.0, 0, None)
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        score, _start, prev = cur
        letters = ""
        for j in range(i, min(n, i + MAX_GROUP)):
            tok = tokens[j][2]
            if j > i and tokens[j][0] - tokens[j - 1][1] > 2:
                break
            letters += tok
            if j > i and len(letters) > MAX_GROUP + 4:
                break
            if j > i and not (letters.isalpha() or _year_digits(letters, prev)):
                break
            low = unify_tones(letters.lower())
            known = low in lm.unigrams and (j == i or one_syllable(letters))
            if known or (j > i and _year_digits(letters, prev)):
                s = score + (lm.logp(prev, low) if low in lm.unigrams else -2.0)
                word = low
            elif horn and letters.isalpha() and _with_horn(letters):
                word = unify_tones(_with_horn(letters).lower())
                s = score + lm.logp(prev, word)
            elif j == i:
                s, word = score + UNKNOWN_COST, None
            else:
                continue
            nxt = best[j + 1]
            if nxt is None or s > nxt[0]:
                best[j + 1] = (s, i, word if word is not None else None)
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
        if horn and letters.isalpha() and not _known(letters):
            fixed = _with_horn(letters)
            if fixed:
                k = next((x for x in range(len(letters)) if fixed[x] != letters[x]), len(letters))
                at = _offset(tokens[a:b], k)
                new = fixed[k].upper() if caps else fixed[k]
                out.append((at, at, new, True))
    out.sort()
    return out


def _offset(tokens: list[tuple[int, int, str]], k: int) -> int:
    """The text position of letter ``k`` of the joined tokens (an insertion there goes before it)."""
    for s, _e, tok in tokens:
        if k < len(tok):
            return s + k
        k -= len(tok)
    return tokens[-1][1]


def _year_digits(letters: str, prev: str | None) -> bool:
    return prev == "năm" and letters.isdigit() and len(letters) <= 4 and letters[:1] in "12"


def glyph_edits(text: str, encoding: str | None = None) -> list[Edit]:
    """All the edits of this module, sorted, none overlapping (the first of two that touch wins)."""
    horn = bool(encoding and "tcvn3" in encoding)
    joined: list[tuple[int, int]] = []
    edits = lookalike_edits(text) + font_edits(text) + spaced_edits(text, horn, joined)
    if horn:
        edits += [e for e in lost_u_edits(text) if not any(a <= e[0] <= b for a, b in joined)]
    edits += glued_edits(text) + interleave_edits(text)
    edits.sort()
    out: list[Edit] = []
    last = -1
    for e in edits:
        if e[0] < last or (out and e[0] == out[-1][0] and e[1] == e[0] == out[-1][1]):
            continue
        out.append(e)
        last = max(e[1], last)
    return out
