"""The compiled restoration core (graph/reading/restore/_beam.c) reads damaged text exactly as the Python one.

Both versions run on the damaged sample (file 004) and on sentences damaged here with the damage model;
their edits, readings, candidates, anchors and changes must be equal, float for float and tie for tie.
Without the extension (an install without a C compiler) these comparisons skip, saying so; on CI (``CI=true``)
the extension must be built.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.reading.restore import compiled, edits, index, pairs, search
from graph.reading.restore.damage import damage_model
from graph.reading.restore.edits import _runs, edit_tuples
from graph.reading.text.syllables import NUMBER, model

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
needs_extension = pytest.mark.skipif(
    not compiled.available(), reason="the compiled restoration core (_beam) is not built: pip install -e .")

# General administrative Vietnamese, written for this test; restored when damaged
SENTENCES = [
    "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện nhiệm vụ phát triển kinh tế xã hội năm 2025.",
    "Xét đề nghị của Giám đốc Sở Kế hoạch và Đầu tư tại Tờ trình số 45/TTr-SKHĐT.",
    "Các sở, ban, ngành có trách nhiệm đảm bảo tiến độ và chất lượng các dự án đầu tư công.",
    "QUYẾT ĐỊNH PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN NGUỒN NHÂN LỰC GIAI ĐOẠN 2021 - 2025",
    "Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, kiểm tra việc thực hiện.",
    "Quyết định này có hiệu lực kể từ ngày ký; Chánh Văn phòng và Thủ trưởng các đơn vị chịu trách nhiệm"
    " thi hành.",
    "Căn cứ Luật Tổ chức chính quyền địa phương và Nghị định số 12 của Chính phủ về quản lý đầu tư.",
]


def damage(text: str) -> str:
    """What a PDF with the lost glyphs gives for ``text``: the damage model applied word by word."""
    dm = damage_model()
    return re.sub(r" +", " ", " ".join(" ".join(dm.skeleton(w)) for w in text.split(" ")))


def _forget() -> None:
    for cache in (edits._RUN_CACHE, search._CHUNK_CACHE, index._CANDS_CACHE):
        cache.clear()


@contextmanager
def _version(fast: bool) -> Iterator[None]:
    """Run the compiled core (``fast``) or the Python one, with empty restoration caches."""
    before = compiled.use_compiled(fast)
    _forget()
    try:
        yield
    finally:
        compiled.use_compiled(before)
        _forget()


def _both(fn: Callable[[], object]) -> tuple[object, object]:
    with _version(False):
        slow = fn()
    with _version(True):
        fast = fn()
    return slow, fast


def _damaged_sample() -> str:
    return next(CORPUS.glob("004_*.txt")).read_text(encoding="utf-8")


def test_compiled_core_is_built_on_ci() -> None:
    """CI installs with a compiler (pip install -e .): the extension must be there and used."""
    if os.environ.get("CI") != "true":
        pytest.skip("not on CI (CI=true): an install without a compiler may run the Python version")
    assert compiled.available(), "graph.reading.restore._beam was not built by pip install"


@needs_extension
def test_a_build_from_other_sources_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited _beam*.c not yet rebuilt: the old build would run old code, so the Python version runs."""
    assert compiled.TWIN.load() is compiled.extension()  # built from the sources beside it
    monkeypatch.setattr(compiled.TWIN, "sources_digest", lambda: "0" * 64)
    assert compiled.TWIN.load() is None


@needs_extension
def test_same_edits_on_the_damaged_sample() -> None:
    text = _damaged_sample()
    slow, fast = _both(lambda: edit_tuples(text))
    assert len(slow) > 200  # the sample is restored, not left alone
    assert fast == slow


@needs_extension
@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_edits_on_damaged_sentences(sentence: str) -> None:
    # enough damage to be detected: the sentence repeated as paragraphs
    text = "\n".join([damage(sentence)] * 3)
    slow, fast = _both(lambda: edit_tuples(text))
    assert slow, f"nothing restored in {damage(sentence)!r}"
    assert fast == slow


def _run_pieces(text: str) -> list[tuple[list[str], str | None]]:
    pieces = []
    for base, run in _runs(text):
        follow = NUMBER if edits._NUMBER_NEXT.match(text, base + len(run)) else None
        pieces.append((run.split(" "), follow))
    return pieces


@needs_extension
def test_same_readings_candidates_anchors_and_changes() -> None:
    """Piece by piece, each compiled function against its Python twin, on every run of the sample."""
    dm, idx, lm = damage_model(), index._index(), model()
    text = _damaged_sample() + "\n" + "\n".join(damage(s) for s in SENTENCES)
    pieces = _run_pieces(text)
    assert len(pieces) > 300

    def read() -> list:
        out = []
        for frags, follow in pieces:
            cands = index._candidates(frags, idx, dm)
            anchors = search._anchors(frags, idx, cands)
            reading = search._decode_chunked(frags, idx, lm, dm, follow)
            whole = search._decode_run(frags, idx, lm, dm, follow, "ngày")
            out.append((cands, anchors, reading, whole, edits._changes(frags, reading, dm)))
        return out

    slow, fast = _both(read)
    assert fast == slow
    assert any(anchors for _c, anchors, *_rest in slow)  # the runs are read piece by piece
    assert any(" " in word for *_a, reading, _w, _c in slow for _k, word in reading)  # a lost word put back


@needs_extension
def test_same_changes_whatever_the_case() -> None:
    """Readings of vocabulary words in every case (capitals among capitals or not, one-letter and longer
    fragments) of text damaged by the model: the compiled changes equal the Python ones."""
    dm, lm = damage_model(), model()
    rng = random.Random(17)
    vocabulary = sorted(w for w in lm.unigrams if dm.skeleton(w) and len(dm.skeleton(w)) <= 3)
    letters = [w for w in vocabulary if len(w) == 1]  # a one-letter neighbour is no capital context
    cases = (str.lower, str.upper, str.title, str.upper)
    for _ in range(3000):
        frags: list[str] = []
        reading: list[tuple[int, str]] = []
        for _w in range(rng.randint(1, 6)):
            word = rng.choice(letters if rng.random() < 0.25 else vocabulary)
            skeleton = dm.skeleton(rng.choice(cases)(word))  # the text's case and the reading's may differ
            if not skeleton:
                continue
            frags += skeleton
            reading.append((len(skeleton), rng.choice(cases)(word)))
        if reading:
            fast = compiled.extension().changes(frags, reading, dm.lost)
            assert fast == edits._changes_py(frags, reading, dm)


@needs_extension
def test_forcing_python_by_environment() -> None:
    code = ("from graph.reading.restore import compiled;"
            " print(compiled.native() is None, compiled.available())")
    env = {**os.environ, "LINEAGE_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]  # built, not used


@needs_extension
def test_compiled_core_rejects_malformed_candidates() -> None:
    """A caller's mistake is a Python exception, not a crash."""
    args = search._model_args(index._index(), model())
    with pytest.raises(TypeError):
        compiled.extension().decode_run([("x", None)], None, None, *args)
    with pytest.raises(ValueError):  # a word of two fragments in a run of one
        compiled.extension().decode_run([([(2, [("a", "a")])], None)], None, None, *args)


# Pieces that end, break or head runs of words: punctuation glued or not, numbers after a word, section
# and item heads, brackets and quotes, a comma after a space (a lost last letter), line ends
PIECES = ["II.", "c)", "IV", "số 12", ": 5", " : 7", "(", ")", "“", "”", "'", "…", "/", "\\", "-", ",", " ,",
          ".", " .", ";", "xx.@yy", "Q/", "\n", "\n", "  ", "\t", "1.", "2)", "²", "_", "a_b"]


def _tricky_texts(count: int, seed: int) -> list[str]:
    """Damaged sentences cut and glued with :data:`PIECES` at random places."""
    rng = random.Random(seed)
    words = " ".join(damage(s) for s in SENTENCES).split(" ")
    texts = []
    for _ in range(count):
        out: list[str] = []
        for _w in range(rng.randint(5, 40)):
            if rng.random() < 0.3:
                out.append(rng.choice(PIECES))
            out.append(rng.choice(words))
            out.append(rng.choice(("", " ", " ", " ", "\n")))
        texts.append("".join(out))
    return texts


@needs_extension
def test_same_runs_of_words() -> None:
    """The compiled runs of a text (read by the compiled run_edits) are edits._runs, on the sample and on
    text full of the pieces that end a run."""
    fast = compiled.extension()
    for text in [_damaged_sample(), *_tricky_texts(400, 5)]:
        assert fast.text_runs(text, edits._TEXT_RULES) == _runs(text)


@needs_extension
def test_same_run_edits_around_punctuation_and_taken_positions() -> None:
    """The compiled run_edits against edits._run_edits_py: sentence starts, a lost last letter before a
    comma, numbers after words, positions already taken by document-number codes."""
    dm, idx, lm = damage_model(), index._index(), model()
    fast = compiled.extension()
    rng = random.Random(11)
    texts = _tricky_texts(150, 7)
    found = 0
    for text in texts:
        taken = {rng.randrange(len(text)) for _ in range(rng.randint(0, 30))}
        _forget()
        slow = edits._run_edits_py(text, taken, idx, lm, dm)
        _forget()
        quick = fast.run_edits(text, taken, edits._RUN_CACHE, edits._RUN_LIMIT, NUMBER, edits._TEXT_RULES,
                               *edits._read_run_args(idx, lm, dm))
        assert quick == slow
        found += len(slow)
    _forget()
    assert found > 500
    assert any(e[2][:1].isupper() and e[3] for t in texts for e in edits._run_edits_py(t, set(), idx, lm, dm))


def _random_edits(rng: random.Random, text: str) -> list[tuple]:
    """Sorted, apart edits of ``text``: words longer or shorter than those they replace, one or several."""
    out = []
    pos = 0
    while pos < len(text) - 12:
        start = pos + rng.randint(0, 8)
        widths = [rng.randint(1, 4) for _ in range(rng.choice((1, 1, 2, 3)))]
        words, at, new = [], 0, []
        for width in widths:
            word = "x" * rng.randint(1, 6)
            words.append((at, at + width, word))
            new.append(word)
            at += width + 1
        end = start + at - 1 + rng.choice((0, 0, 1))
        if end > len(text):
            break
        out.append((start, end, " ".join(new), tuple(words) if len(words) > 1 else ()))
        pos = end
    return out


@needs_extension
def test_same_text_origin_and_spans_when_edits_are_applied() -> None:
    """The compiled apply_edits against apply._apply_py: the sample's own edits, and random edits that
    lengthen, shorten, join several words and leave damaged text after the last word."""
    from array import array

    from graph.reading.restore import apply

    fast = compiled.extension()
    text = _damaged_sample()
    cases = [(text, edit_tuples(text))]
    rng = random.Random(3)
    cases += [(text[:3000], _random_edits(rng, text[:3000])) for _ in range(200)]
    for body, found in cases:
        origin = array("l", range(5, 5 + 3 * len(body), 3))
        new_text, raw, spans = fast.apply_edits(body, origin, found)
        quick = array("l")
        quick.frombytes(raw)
        assert (new_text, quick, spans) == apply._apply_py(body, origin, found)
    assert apply.apply_edits(text, array("l", range(len(text))), cases[0][1])[0] != text


@needs_extension
def test_same_text_whatever_the_width_of_its_characters() -> None:
    """The compiled apply_edits writes the new text in the widest kind of its pieces and makes it a str of
    the narrowest one: text and words in ASCII, Latin-1, Vietnamese and beyond the BMP, the only wide
    characters replaced by narrow ones (an ASCII result) and the reverse; malformed edits are refused."""
    from array import array

    from graph.reading.restore import apply

    fast = compiled.extension()
    texts = ["Ke hoach so 12 cua UBND", "Kế hoạch số 12 của UBND", "Kê hoach số 12 cua UBND café",
             "K ho ch \U0001d400 s 12", "ạ b c", ""]
    words = ["x", "é", "hoạch", "\U0001d401", "", "KẾ HOẠCH", "ab cd"]
    rng = random.Random(11)
    cases = [("ạ b c", [(0, 1, "a", ())]), ("é b", [(0, 1, "e", ()), (2, 3, "ạ", ())]),
             ("K ho ch", [(0, 7, "Kế hoạch", ((0, 1, "Kế"), (2, 7, "hoạch")))])]
    for _ in range(300):
        text = rng.choice(texts)
        found, pos = [], 0
        while pos < len(text) and rng.random() < 0.7:
            start = rng.randint(pos, len(text))
            end = rng.randint(start, min(len(text), start + 4))
            found.append((start, end, rng.choice(words), ()))
            pos = end
        cases.append((text, found))
    for text, found in cases:
        origin = array("l", range(len(text)))
        new_text, raw, spans = fast.apply_edits(text, origin, found)
        quick = array("l")
        quick.frombytes(raw)
        plain = apply._apply_py(text, origin, found)
        assert (new_text, quick, spans) == plain
        assert new_text.isascii() == plain[0].isascii()
        assert max(map(ord, new_text), default=0) == max(map(ord, plain[0]), default=0)
    for bad in ([(3, 2, "x", ())], [(0, 2, "x", ()), (1, 3, "y", ())], [(0, 99, "x", ())], [(0, 1, 5, ())],
                [(0, 1, "x")]):
        with pytest.raises((ValueError, TypeError)):
            fast.apply_edits("abcdef", array("l", range(6)), bad)


@needs_extension
def test_same_logp_of_word_pairs_as_the_model() -> None:
    """The compiled table's builder computes each pair itself: the same float as SyllableModel._logp for
    every attested pair, random pairs, unknown words and the start of a run."""
    lm = model()
    pair_logp = compiled.extension().pair_logp
    counts = pairs.pair_counts(lm)
    words = sorted(lm.unigrams)
    rng = random.Random(23)
    checked = [tuple(p.split(" ")) for p in sorted(lm.bigrams)]
    checked += [(rng.choice(words), rng.choice(words)) for _ in range(5000)]
    checked += [(None, w) for w in words] + [(w, "qqx") for w in words[:50]]
    checked += [("qqx", w) for w in words[:50]]
    for prev, word in checked:
        assert pair_logp(prev, word, lm.unigrams, counts, lm.followers, lm.total) == lm._logp(prev, word)


@needs_extension
def test_pair_table_holds_the_models_logp_of_every_pair() -> None:
    """The compiled table of word pairs is the Python one byte for byte (``lm._logp`` of every pair of
    ids); the last id stands for the start of a run and every word the model does not hold."""
    lm = model()
    ids, table = pairs.pair_table(lm)
    assert table == pairs._pair_table_py(lm, ids).tobytes()
    side = len(ids) + 1
    values = memoryview(table).cast("d")
    for pair in sorted(lm.bigrams)[:300]:
        a, b = pair.split(" ")
        assert values[ids[a] * side + ids[b]] == lm.logp(a, b)
    word = next(iter(ids))
    assert values[len(ids) * side + ids[word]] == lm.logp(None, word) == lm.logp("qqx", word)
    assert values[ids[word] * side + len(ids)] == lm.logp(word, "qqx")
    assert pairs.pair_table(lm) is pairs.pair_table(lm)  # built once per process


@needs_extension
def test_pair_table_rejects_ids_it_cannot_read() -> None:
    """Ids out of order, or the absent word among them, are a Python exception, not a wrong table."""
    lm = model()
    build = compiled.extension().pair_table
    counts = pairs.pair_counts(lm)
    ids = pairs.word_ids(lm)
    with pytest.raises(ValueError):
        build({w: len(ids) - 1 - i for w, i in ids.items()}, pairs.ABSENT, lm.unigrams, counts, lm.followers,
              lm.total)
    with pytest.raises(ValueError):
        build({**ids, pairs.ABSENT: len(ids)}, pairs.ABSENT, lm.unigrams, counts, lm.followers, lm.total)
    with pytest.raises(ValueError):  # a word of a pair without an id would read as an absent word
        build({w: i for w, i in ids.items() if i < len(ids) - 1}, pairs.ABSENT, lm.unigrams, counts,
              lm.followers, lm.total)


@needs_extension
def test_same_reading_with_words_and_pairs_the_model_lacks() -> None:
    """Words the model has never seen (before the run, as fragments left as they stand, after the run)
    score in the compiled search exactly as ``lm.logp`` scores them in the Python one: the same reading,
    the same ties."""
    lm, idx, dm = model(), index._index(), damage_model()
    rng = random.Random(5)
    vocab = sorted(lm.unigrams)
    strange = ["qqx", "zzv", "xyq"]
    for _ in range(200):
        n = rng.randint(1, 6)
        cands = []
        for i in range(n):
            groups = []
            for k in range(1, min(3, n - i) + 1):
                if rng.random() < 0.7:
                    words = rng.sample(vocab, rng.randint(1, 4))
                    groups.append((k, [(w.capitalize() if rng.random() < 0.3 else w, w) for w in words]))
            low = rng.choice([*strange, *rng.sample(vocab, 2)])
            unknown = None if groups and rng.random() < 0.5 else (low.upper(), low, index.UNKNOWN_LOGP)
            cands.append((groups, unknown))
        prev = rng.choice([None, "qqx", *rng.sample(vocab, 3)])
        follow = rng.choice([None, "zzv", *rng.sample(vocab, 3)])
        frags = [f"f{i}" for i in range(n)]
        slow = search._decode_run_py(frags, idx, lm, dm, follow, prev, cands)
        fast = compiled.extension().decode_run(cands, prev, follow, *search._model_args(idx, lm))
        assert fast == slow


@needs_extension
def test_same_edits_with_an_empty_memo_of_word_pairs() -> None:
    """A fresh process has no word pair in the model's memo: the compiled search reads the same edits
    from its table of every pair, and leaves the memo empty (nothing to fill pair by pair)."""
    lm = model()
    text = _damaged_sample()
    lm._rows.clear()
    with _version(False):
        slow = edit_tuples(text)
    assert len(lm._rows) > 100  # the Python search fills the memo as it reads
    lm._rows.clear()
    with _version(True):
        fast = edit_tuples(text)
    assert fast == slow
    assert not lm._rows


@needs_extension
def test_same_lower_case_of_fragments_whatever_their_letters() -> None:
    """The compiled core lower-cases a fragment as str.lower does, for every character str.lower changes
    (capitals, title-case letters, U+0130, the final sigma) and for words already in lower case."""
    changed = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and chr(c).lower() != chr(c)]
    frags = [*changed, *(f"ngh{c}p" for c in changed), "nghiệp", "ĐỊNH", "Định", "quyết", "ΟΔΟΣ", "ǅa"]
    idx, dm = index._index(), damage_model()
    args = (idx.by_skeleton, idx.intact, dm.orphan_letters, idx.heads, index.UNKNOWN_LOGP,
            index.MAX_FRAGMENTS, index._CANDS_LIMIT)
    fast = compiled.extension().candidates(frags, {}, *args)
    lows = [unknown[1] for _groups, unknown in fast if unknown is not None]
    assert len(lows) > len(changed)
    with _version(False):
        assert fast == index._candidates_py(frags, idx, dm)
    assert [u[1] for _g, u in fast if u] == [u[0].lower() for _g, u in fast if u]


@needs_extension
def test_warm_up_builds_the_search_tables_before_the_first_damaged_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are forked after warm_up: they inherit the word ids and the pair table, not build them each."""
    from graph.reading.prepare import warm_up
    from graph.reading.restore import index, search

    monkeypatch.setattr(search, "_ARGS", [None, None, ()])
    warm_up()
    assert search._ARGS[0] is index._index() and search._ARGS[2], "warm_up left the tables to the first file"


def _index_runs(rng: random.Random, count: int) -> list[list[str]]:
    """Runs of fragments the index knows (the skeletons of its words, heads of longer skeletons among them),
    with fragments it does not know, orphan letters and words that can only be themselves."""
    idx, dm = index._index(), damage_model()
    skeletons = sorted(idx.by_skeleton)
    longer = [sk for sk in skeletons if len(sk) > 1]
    sole = sorted(idx.sole)
    strange = ["qqx", "Zzv", "x", "ß", "İ", "ΟΔΟΣ", sorted(dm.orphan_letters)[0].upper()]
    runs = []
    for _ in range(count):
        frags: list[str] = []
        for _w in range(rng.randint(1, 7)):
            pick = rng.random()
            if pick < 0.35:
                frags += rng.choice(longer)
            elif pick < 0.6:
                frags.append(rng.choice(sole))
            elif pick < 0.9:
                frags += rng.choice(skeletons)
            else:
                frags.append(rng.choice(strange))
        runs.append(frags)
    return runs


@needs_extension
def test_same_candidates_from_the_table_of_fragments() -> None:
    """The compiled candidates read the fragments the index knows from a table made once per index
    (_beam_frags.c): the same as index._candidates_py on every skeleton of the index as a run, on runs of
    known and unknown fragments, and by the generic path when the table cannot hold the index."""
    idx, dm = index._index(), damage_model()
    fast = compiled.extension()
    args = (idx.by_skeleton, idx.intact, dm.orphan_letters, idx.heads, index.UNKNOWN_LOGP,
            index.MAX_FRAGMENTS, index._CANDS_LIMIT)
    runs = [list(sk) for sk in sorted(idx.by_skeleton)] + _index_runs(random.Random(29), 3000)
    with _version(False):
        slow = [index._candidates_py(frags, idx, dm) for frags in runs]
    assert [fast.candidates(frags, {}, *args) for frags in runs] == slow
    assert sum(len(groups) > 1 for cands in slow for groups, _u in cands) > 1000  # longer skeletons met
    known = runs[0]
    assert fast.candidates(known, {}, *args)[0] is fast.candidates(known, {}, *args)[0]  # made once
    # a skeleton of four fragments, windows of four: the table cannot hold them, every fragment is read as
    # before (index._candidates_py)
    wider = {**idx.by_skeleton, ("a", "b", "c", "d"): [("abcd", "abcd")]}
    for most in (3, 4):
        generic = (wider, *args[1:5], most, index._CANDS_LIMIT)
        assert fast.candidates(["a", "b", "c", "d", *known], {}, *generic)[4:] == slow[0]
    assert fast.candidates(known, {}, *args) == slow[0]  # the index's own table again


@needs_extension
def test_same_candidates_with_skeletons_of_three_fragments() -> None:
    """Skeletons of three fragments (the stored index has none today: its words leave at most two): an
    index with some added reads the same candidates compiled (from the table) and in Python."""
    idx, dm = index._index(), damage_model()
    rng = random.Random(37)
    pairs_ = sorted(sk for sk in idx.by_skeleton if len(sk) == 2)
    singles = sorted(sk[0] for sk in idx.by_skeleton if len(sk) == 1)
    by_skeleton = dict(idx.by_skeleton)
    triples = []
    for a, b in rng.sample(pairs_, 40):
        sk = (a, b, rng.choice(singles))
        by_skeleton[sk] = [(f"{a}{b}{sk[2]}", f"{a}{b}{sk[2]}".lower())]
        triples.append(sk)
    by_skeleton[("zz", "yy", "xx")] = []  # an empty list is no group
    wide = index._Index(by_skeleton=by_skeleton, intact=idx.intact, sole=idx.sole,
                        heads=frozenset(sk[0] for sk in by_skeleton if len(sk) > 1))
    runs = [[*rng.choice(triples), *rng.choice(_index_runs(rng, 1)[0:1])] for _ in range(400)]
    runs += [[*run[:2], *rng.choice(triples), *run[2:]] for run in _index_runs(rng, 400)]
    runs.append(["zz", "yy", "xx"])
    _forget()
    slow = [index._candidates_py(frags, wide, dm) for frags in runs]
    _forget()
    args = (by_skeleton, wide.intact, dm.orphan_letters, wide.heads, index.UNKNOWN_LOGP, index.MAX_FRAGMENTS,
            index._CANDS_LIMIT)
    assert [compiled.extension().candidates(frags, {}, *args) for frags in runs] == slow
    assert sum(any(k == 3 for k, _w in groups) for cands in slow for groups, _u in cands) >= 400


@needs_extension
def test_same_readings_of_runs_read_piece_by_piece() -> None:
    """Runs full of words that can only be themselves, one after another (each such piece is read without
    a search), after words a lost word may follow ("duyệt [đề] án"): the compiled reading, anchors and
    edits are the Python ones."""
    idx, lm, dm = index._index(), model(), damage_model()
    rng = random.Random(31)
    runs = _index_runs(rng, 1500)
    # a word a lost word follows, then a word that can only be itself and a lost word precedes
    after = sorted(w for w in idx.invisible_after if dm.skeleton(w) and len(dm.skeleton(w)) == 1)
    before = sorted(f for f in idx.sole if idx.by_skeleton[(f,)][0][1] in idx.invisible_before)
    assert after and before
    for _ in range(300):
        run = rng.choice(runs)
        cut = rng.randrange(len(run) + 1)
        runs.append([*run[:cut], *dm.skeleton(rng.choice(after)), rng.choice(before), *run[cut:]])

    def read() -> list:
        out = []
        for frags in runs:
            cands = index._candidates(frags, idx, dm)
            for follow in (None, NUMBER):
                reading = search._decode_chunked(frags, idx, lm, dm, follow)
                out.append((search._anchors(frags, idx, cands), reading, edits._changes(frags, reading, dm)))
        return out

    slow, fast = _both(read)
    assert fast == slow
    assert sum(len(anchors) > 1 for anchors, _r, _c in slow) > 300
    assert any(" " in word for _a, reading, _c in slow for _k, word in reading)  # a lost word put back
    text = "\n".join(" ".join(frags) + "." for frags in runs[:400])
    for taken in (set(), {5, 40, 41, 900}, {5.0, 40}):  # a float position: looked up in the set itself
        _forget()
        want = edits._run_edits_py(text, set(taken), idx, lm, dm)
        _forget()
        got = compiled.extension().run_edits(text, set(taken), edits._RUN_CACHE, edits._RUN_LIMIT, NUMBER,
                                             edits._TEXT_RULES, *edits._read_run_args(idx, lm, dm))
        assert got == want
    _forget()


@needs_extension
def test_same_changes_of_words_spelled_as_their_fragments() -> None:
    """Words of several fragments that read as the fragments themselves, and a set of lost letters that is
    not a frozenset: the compiled changes equal the Python ones."""
    dm = damage_model()
    fast = compiled.extension()
    cases = [(["a", "b"], [(2, "a b")]), (["a", "b"], [(2, "ab")]), (["Quy", "t"], [(2, "Quyết")]),
             (["c", "a", "b"], [(1, "các"), (2, "a b")]), (["ĐỊNH"], [(1, "ĐỊNH")]), (["x"], [(1, "x")])]
    for frags, reading in cases:
        for lost in (dm.lost, set(dm.lost), frozenset([*dm.lost, 1])):
            want = edits._changes_py(frags, reading, type(dm)(frozenset(lost), dm.substituted,
                                                              dm.orphan_letters, dm.threshold))
            assert fast.changes(frags, reading, lost) == want


@needs_extension
@needs_extension
def test_same_run_edits_whatever_the_width_of_the_text() -> None:
    """The compiled run_edits takes the fragments of a run the index knows as its table's own strs, found by
    their characters: the same edits as edits._run_edits_py on damaged text stored one byte a character
    (ASCII, Latin-1), two (Vietnamese) and four (a character beyond the BMP), fragments the index lacks
    among them."""
    dm, idx, lm = damage_model(), index._index(), model()
    fast = compiled.extension()
    found = 0
    for sentence in SENTENCES:
        damaged = damage(sentence)
        narrow = " ".join(w for w in damaged.split(" ") if w.isascii())
        wide = "\U0001d400"
        for text in (damaged, narrow, f"{narrow} café qqz", f"{damaged} {wide} qqz", f"{narrow} {wide}"):
            _forget()
            slow = edits._run_edits_py(text, set(), idx, lm, dm)
            _forget()
            quick = fast.run_edits(text, set(), edits._RUN_CACHE, edits._RUN_LIMIT, NUMBER, edits._TEXT_RULES,
                                   *edits._read_run_args(idx, lm, dm))
            assert quick == slow, text
            found += len(slow)
    _forget()
    assert found > 50


def test_same_runs_whatever_the_letters() -> None:
    """The compiled runs take a character as a letter exactly as the pattern of edits._runs does, for every
    character of the BMP (the compiled core keeps their kinds in a table) and some beyond."""
    chars = [chr(c) for c in [*range(1, 0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x10400)]]
    text = " ".join(f"{c}a {c} a{c}" for c in chars)
    assert compiled.extension().text_runs(text, edits._TEXT_RULES) == _runs(text)
