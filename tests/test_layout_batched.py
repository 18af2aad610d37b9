"""The layout repair writes its steps in batches (the lines of running text between two lines with gaps,
table rows as the steps that write them, ``MappedBuilder.insert_copies``): it gives what the plain form
gives, one builder call per step, line by line."""

from __future__ import annotations

import random
from array import array
from pathlib import Path

import pytest

from graph.reading.text.decode import decode
from graph.reading.text.layout import _DOUBLE_SPACE, _copy_gapped, repair_layout, should_join
from graph.reading.text.layout_lines import (
    BLANK,
    DROP,
    NBSP,
    PIPE,
    SEP,
    SPACED,
    TAB,
    drop_page_numbers,
    drop_page_prefixes,
    drop_web_frame,
    rules,
    split_lines,
)
from graph.reading.text.layout_tables import cell_table, delimited_table, emit_row, split_columns
from graph.reading.text.textmap import MappedBuilder

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"


def _repair_plain(raw: str) -> tuple[str, array]:
    """The layout repair as it was written before the batches: every step one builder call."""
    r = rules()
    lines = split_lines(raw, r)
    drop_web_frame(lines, r)
    drop_page_prefixes(lines, raw)
    drop_page_numbers(lines)
    lines = split_columns(lines, raw)
    out = MappedBuilder(raw)
    spaces, tabs = _DOUBLE_SPACE.search(raw) is not None, "\t" in raw
    i, n = 0, len(lines)
    open_par, prev_text, blank_since = False, None, False
    while i < n:
        ln = lines[i]
        k = ln.kind
        if k in (BLANK, NBSP):
            blank_since = True
            i += 1
            continue
        if k in (SEP, DROP):
            open_par, prev_text, blank_since = False, None, True
            i += 1
            continue
        table = None
        if k in (TAB, PIPE, SPACED):
            table = delimited_table(lines, i, raw, k)
        elif r.is_first_header(ln.text):
            table = cell_table(lines, i, r)
        if table:
            rows, i = table
            for row in rows:
                if len(out):
                    out.insert("\n", ln.start)
                emit_row(out, row)
            open_par, prev_text, blank_since = False, None, False
            continue
        text = ln.text
        if open_par and prev_text is not None and should_join(prev_text, text, blank_since, r):
            sep = " "
        else:
            sep = "\n" if len(out) else ""
            open_par = True
        if (spaces and "  " in text) or (tabs and "\t" in text):
            _copy_gapped(out, ln, sep)
        else:
            out.insert(sep, ln.start)
            out.copy(ln.start, ln.end)
        prev_text, blank_since = text, False
        i += 1
    return out.text(), out.origin


_MIXED = [
    "STT\n\nTên nhiệm vụ\n\nĐơn vị\n\n1\n\nXây dựng cổng thông tin\n\nSở Nội vụ\n\n"
    "2\n\nNâng cấp mạng\n\nSở Tài chính\n",
    "Căn cứ Luật Tổ chức\nchính quyền địa phương;\n\n"
    "TT\tNội dung\tĐơn vị\n1\tXây dựng\tSở\n\n2\tCổng\tSở Nội vụ\n",
    "| TT | Nội dung |\n| 1 | Cổng |\n\nĐiều 1. Phê duyệt  kế hoạch   ứng dụng\ncông nghệ thông tin",
    "Tên cơ quan          Tên nhiệm vụ          Năm\n"
    "Sở Nội vụ          Cổng          2020\nSở Y tế          Mạng          2021\n",
    "\n\n  \xa0\n---\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH\n\nkế hoạch năm 2020,\ncủa tỉnh\t\tgiai đoạn",
    "x", "", "\n", "STT\n\n\n|\n",
]


@pytest.mark.parametrize("raw", [
    *(decode(p.read_bytes())[0] for p in sorted(CORPUS.glob("*.txt"))),
    *_MIXED,
])
def test_repair_in_batches_is_the_plain_repair(raw: str) -> None:
    text, origin = repair_layout(raw)
    assert (text, origin) == _repair_plain(raw)


def test_repair_in_batches_is_the_plain_repair_on_shuffled_pieces() -> None:
    """Lines of the samples and the mixed texts, shuffled: tables, gaps and paragraphs side by side."""
    pool = [ln for raw in _MIXED for ln in raw.split("\n")]
    for p in sorted(CORPUS.glob("*.txt"))[:4]:
        pool += decode(p.read_bytes())[0].split("\n")[:300]
    rnd = random.Random(17)
    for _ in range(150):
        raw = "\n".join(rnd.choice(pool) for _ in range(rnd.randint(1, 40)))
        assert repair_layout(raw) == _repair_plain(raw), raw


@pytest.mark.parametrize("raw", [
    "Điều 1.\nPhê duyệt | kế hoạch\n\n  ứng dụng công nghệ\tthông tin\n",
    "Dieu 1.\nPhe duyet | ke hoach\n\n  ung dung\tthong tin\n",  # one byte a character
    "Điều 1. \U0001d400 kế hoạch\n\nứng dụng",  # four bytes a character
])
def test_insert_copies_is_insert_copy_step_by_step(raw: str) -> None:
    """Steps written in one call and one by one; separators that the input holds right there, separators
    wider than the input's characters, empty copies."""
    rnd = random.Random(5)
    for _ in range(300):
        steps = []
        for _ in range(rnd.randint(0, 12)):
            start = rnd.randrange(len(raw) + 1)
            end = min(len(raw), start + rnd.randint(-2, 9))
            sep = rnd.choice(["", "\n", " ", " | ", "\n\n", "–", "\U0001d401"])
            at = rnd.choice([start - len(sep), start, max(0, start - 1), rnd.randrange(len(raw))])
            steps.append((sep, at, start, end))
        cut = rnd.randint(0, len(steps))
        batched, plain = MappedBuilder(raw), MappedBuilder(raw)
        for step in steps[:cut]:  # a builder part-written already
            batched.insert_copy(*step)
        batched.insert_copies(steps[cut:])
        for step in steps:
            plain.insert_copy(*step)
        assert len(batched) == len(plain)
        assert batched.text() == plain.text() and batched.origin == plain.origin, steps
