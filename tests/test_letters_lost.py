"""Letters lost that the restoration does not put back are said, not passed over in silence.

The restoration knows the letters a damaged PDF extraction usually loses (graph/data/damage.json) and runs
when orphan fragments pass its threshold. A text that lost another kind of letter — only "ă", say: "C n cứ
Luật …", "n m 2016" — stays below it: nothing is restored and the "Căn cứ" clauses are not read. Such a text
shows many pairs of orphan fragments side by side; the file then gets a warning naming one of them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from graph.reading.extract import extract_text
from graph.reading.restore.damage import damage_model, damage_rate, lost_unrestored

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"


@cache
def sample(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def lost_warnings(text: str) -> list[tuple[str, int | None]]:
    return [(p.message, p.line) for p in extract_text(text, "t.txt").problems
            if "letters seem lost" in p.message]


def test_a_text_that_lost_one_letter_gets_a_warning():
    """The Kiên Giang sample without its "ă": no basis is read (every "Căn cứ" is "C n cứ"), and the file
    says why, with the line of the first place."""
    clean = sample("000")
    damaged = clean.replace("ă", " ")
    assert damage_rate(damaged, damage_model()) < damage_model().threshold  # the restoration does not run
    (doc, *_) = extract_text(damaged, "t.txt").documents
    assert doc.bases == []
    ((warning, line),) = lost_warnings(damaged)
    example = warning.split("'")[1]
    assert example in damaged.splitlines()[line - 1]  # the line of the file where it stands
    assert lost_warnings(clean) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_clean_samples_have_no_lost_letters(prefix):
    assert lost_unrestored(sample(prefix)) is None


def test_restored_text_and_a_few_lone_letters_are_no_loss():
    """The damaged sample is restored (no such warning); a list "b c d" or initials are not lost letters."""
    assert lost_warnings(sample("004")) == []
    assert lost_unrestored("Các mục b c d và Phụ lục x y của Kế hoạch; ông N. V. Tùng " * 3) is None
