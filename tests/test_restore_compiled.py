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

from graph.reading.restore import compiled, edits, index, search
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
    assert compiled._load() is compiled.extension()  # built from the sources beside it
    monkeypatch.setattr(compiled, "_sources_digest", lambda: "0" * 64)
    assert compiled._load() is None


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
    env = {**os.environ, "LINEAGE_RESTORE_PYTHON": "1"}
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
