"""The syllable model's log-probabilities of word pairs as a dense table by integer word ids, for the
compiled search (:mod:`.compiled`).

Every word the model holds (its unigrams and the words of its pairs) gets an id, 0, 1, ... in order; every
other word, and ``None`` (the start of a run), takes the last id, ``len(ids)``. The table holds
``SyllableModel._logp(prev, word)`` for every pair of ids, row by row: what the model gives a word it has
never seen depends on nothing else, so one row and one column stand for all of them. The table is built
once per process (a few milliseconds compiled, about 6 MB for the stored model's ~820 words), where the
model's memo (``lm._rows``) fills pair by pair in every process and computes each pair the first time.
The Python search reads ``lm.logp`` itself: the table holds the same floats (tests/test_restore_compiled.py).
"""

from __future__ import annotations

from array import array

from graph.reading.restore.compiled import extension
from graph.reading.text.syllables import SyllableModel

ABSENT = "\x00"  # a word no model holds: the table's column of every word never seen
_TABLE: list = [None, None]  # the model and its (ids, table)


def pair_counts(lm: SyllableModel) -> dict:
    """The model's pair counts by first word, then second (``{"quyết": {"định": 12}}``): a pair's count
    in two look-ups of words the caller already holds, where ``lm.bigrams`` wants a new "a b" string."""
    out: dict = {}
    for pair, count in lm.bigrams.items():
        a, _, b = pair.partition(" ")
        out.setdefault(a, {})[b] = count
    return out


def word_ids(lm: SyllableModel) -> dict[str, int]:
    """The id of every word the model holds: its unigrams, then the words of its pairs not among them."""
    ids: dict[str, int] = {}
    for word in lm.unigrams:
        ids.setdefault(word, len(ids))
    for pair in lm.bigrams:
        a, _, b = pair.partition(" ")
        if " " in b:  # a pair of more than two words: the estimate by two words would not find it
            raise ValueError(f"the model's pair {pair!r} has more than two words")
        ids.setdefault(a, len(ids))
        ids.setdefault(b, len(ids))
    if ABSENT in ids:
        raise ValueError("the model holds the word standing for every absent word")
    return ids


def pair_table(lm: SyllableModel) -> tuple[dict[str, int], bytes]:
    """The word ids of ``lm`` and its table of log-probabilities (doubles, ``len(ids) + 1`` squared, row
    ``prev``, column ``word``), built once per model: compiled when the core is built, else in Python."""
    if _TABLE[0] is not lm:
        ids = word_ids(lm)
        core = extension()
        if core is not None:
            table = core.pair_table(ids, ABSENT, lm.unigrams, pair_counts(lm), lm.followers, lm.total)
        else:
            table = _pair_table_py(lm, ids).tobytes()
        _TABLE[:] = [lm, (ids, table)]
    return _TABLE[1]


def by_id(ids: dict[str, int], values: dict, default: object) -> list:
    """``values`` by word id, ``default`` for a word without a value and for the last id (the start of a
    run and every word the model does not hold); every key of ``values`` must have an id."""
    if any(word not in ids for word in values):
        raise ValueError("a word with a value has no id")
    return [*(values.get(word, default) for word in ids), default]


def _pair_table_py(lm: SyllableModel, ids: dict[str, int]) -> array:
    """:func:`pair_table` in Python: ``lm._logp`` of every pair, the reference the compiled one follows."""
    logp = lm._logp
    prevs = [*ids, None]
    words = [*ids, ABSENT]
    return array("d", [logp(prev, word) for prev in prevs for word in words])
