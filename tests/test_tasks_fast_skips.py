"""The shortcuts of the task readers give what the work they save gives, on the sample corpus (many windows
of each text) and on edge cases of each: a span is split into lines for its tables only when one of its
lines passes the first test of a table's start, rows found from their bars, "vt" found by a literal search,
shares looked for up to the last '%', a document's tasks assigned only when found (or when they replace
others), the title's year read only for a goal without one, and a heading's agencies read once for the lines
under it and only for a clause without its own."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from sample_texts import CORPUS, random_windows, sample_texts

from graph.model import Target
from graph.reading.documents.documents import DocumentSpan, read_documents
from graph.reading.prepare import prepare
from graph.reading.tasks import assignments, tables, targets, targets_tables
from graph.reading.tasks.assignments import read_assignments
from graph.reading.tasks.money import patterns
from graph.reading.tasks.projects import read_projects
from graph.reading.tasks.read import read_tasks
from graph.reading.tasks.targets import read_targets
from graph.reading.text.folding import quick_fold as fold
from graph.reading.text.prepared import PreparedText

EDGES = [
    "STT\nTên nhiệm vụ\nĐơn vị chủ trì\nThời gian\n1\nXây dựng cổng\nSở A\n2021\n2\nNâng cấp\nSở B\n2022",
    "TT | Nội dung | Đơn vị chủ trì | Thời gian\n1 | Xây dựng | Sở A | 2021\n\nx\n| a | b |\nS.T.T",
    " tt \nSố TT\n1\n\u00a0\na|b\nx |\n| y\na\t\na||b\na | | b\nt t\nSố thứ tự\nTT.\n  stt",
    "Nội dung\n Số thứ tự \nTên nhiệm vụ\nĐơn vị chủ trì\nKinh phí\n1\nXây dựng cổng\nSở A\n100\n\nHết",
    "Số TT\tTên dự án\tĐơn vị chủ trì\tKinh phí\n1\tDự án A\tSở B\t100\nTỔNG CỘNG\t\t\t100",
    "ĐVT vt VT Đvt đvtvt vtvt v t\nchỉ tiêu ĐVT 2020 2021\nchỉ tiêu\nĐVT\n2022",
]


def _texts() -> list[str]:
    return sample_texts(EDGES)


def _windows(text: str, n: int = 40, seed: int = 17) -> list[tuple[int, int]]:
    return random_windows(text, random.Random(seed), n, (3, 12, 60, 400, 5000))


def _cases() -> list[tuple[str, int, int]]:
    return [(t, a, b) for t in _texts() for a, b in _windows(t)]


_INDEX_WORDS = {fold(w) for w in patterns()["table_columns"]["index"]}


def _first_test(line: str) -> bool:
    """Whether a table may start at a line, as the table reader tries each line of a span."""
    if not (len(line) < 12 or "|" in line or "\t" in line):
        return False
    cells = tables.split_row(line) if line and len(line) < 3000 else None
    if cells is not None and tables.is_header(cells):
        return True
    return cells is None and len(line) < 12 and fold(line.strip()).replace(".", "") in _INDEX_WORDS


def test_a_span_may_hold_a_table_where_one_of_its_lines_passes_the_first_test() -> None:
    cases = [*_cases(), ("", 0, 0), ("\n", 0, 1), ("TT\n", 0, 3), ("x\nTT", 0, 4), ("TT\nx", 1, 4)]
    found = 0
    for text, a, b in cases:
        expected = any(_first_test(line) for _, _, line in tables._lines(text, a, b))
        assert tables._may_hold_table(text, a, b) == expected
        found += expected
    assert found  # the edge cases hold tables


def _shape(found: list[tables.Table]) -> list[tuple]:
    return [(t.header, t.rows, t.start, t.end, t.caption, t.one_cell_per_line, t.roles) for t in found]


def test_the_tables_are_those_read_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _cases()
    tables._find_tables.cache_clear()
    fast = [_shape(tables.find_tables(text, a, b)) for text, a, b in cases]
    monkeypatch.setattr(tables, "_may_hold_table", lambda text, start, end: True)
    tables._find_tables.cache_clear()
    try:
        slow = [_shape(tables.find_tables(text, a, b)) for text, a, b in cases]
    finally:
        tables._find_tables.cache_clear()
    assert fast == slow and any(fast)


def _delimited_lines_before(text: str, start: int, end: int) -> list[int]:
    """The rows of a span as found before: each of "\\t" and " | " searched for with str.find."""
    out = set()
    for mark in ("\t", " | "):
        at = text.find(mark, start, end)
        while at >= 0:
            out.add(max(text.rfind("\n", start, at) + 1, start))
            nl = text.find("\n", at, end)
            if nl < 0:
                break
            at = text.find(mark, nl + 1, end)
    return sorted(out)


def test_rows_are_found_from_their_bars() -> None:
    edges = [("a | b", 1, 5), ("a | b", 0, 3), ("a | b", 2, 5), (" | ", 0, 3), ("|", 0, 1)]
    for text, a, b in [*_cases(), *edges]:
        assert targets_tables._delimited_lines(text, a, b) == _delimited_lines_before(text, a, b)


def test_vt_is_found_where_str_find_finds_it() -> None:
    for text, a, b in _cases():
        low = text[a:b].lower()
        vt = [at + a for at in targets_tables._find_all(low, "vt", 0, b - a)]
        assert targets_tables._vt_positions(text, a, b, low) == vt


PERCENT_EDGES = ["đạt 5% - 6% năm 2025", "15 – 16 %  2020 và 3", "≥ 9 % và 10%x 7", "50%% 12 đến 13%",
                 "> 100% 101% 2,5 %", "% 1 %", "1.000,5%", "từ 15 đến 16% (2020: 12%); 30"]


def test_shares_are_found_up_to_the_last_percent_sign() -> None:
    for text in PERCENT_EDGES:
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                assert [m.span() + tuple(m.groups()) for m in targets._percents(text, a, b)] == \
                    [m.span() + tuple(m.groups()) for m in targets._PERCENT.finditer(text, a, b)]


def _read_tasks_before(prep: PreparedText, span: DocumentSpan) -> None:
    """read_tasks as before: each field assigned, found or not."""
    doc = span.document
    doc.assignments = read_assignments(prep, span.start, span.end, doc.province)
    doc.projects = read_projects(prep, span.start, span.end, doc.province)
    doc.targets = read_targets(prep, span.start, span.end, doc.title, doc.date.year if doc.date else None)


def test_the_tasks_of_a_document_are_those_assigned_before() -> None:
    stale = Target(text="x", value=1.0)
    empty = 0
    for path in sorted(CORPUS.glob("*.txt")):
        prep = prepare(path.read_bytes(), path.name)
        for span in read_documents(prep):
            before = replace(span, document=span.document.model_copy(deep=True))
            _read_tasks_before(prep, before)
            read_tasks(prep, span)
            assert span.document.model_dump_json() == before.document.model_dump_json()
            empty += not span.document.targets
            span.document.targets = [stale]  # read again: what was there is replaced, found or not
            read_tasks(prep, span)
            assert span.document.model_dump_json() == before.document.model_dump_json()
    assert empty  # a document without goals was read again over one


TITLE_CASES = [  # (text, title, deadline, whether the title or the first lines are read for it)
    ("I. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến đạt 90% vào năm 2027.\n", "Kế hoạch năm 2025", 2027, False),
    ("I. MỤC TIÊU ĐẾN NĂM 2030\n- Tỷ lệ hồ sơ trực tuyến đạt 90%.\n", "Kế hoạch năm 2025", 2030, False),
    ("I. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến đạt 90%.\n", "Kế hoạch năm 2025", 2025, True),
    ("KẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến đạt 90%.\n", None, 2026, True),
]


def _spy(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple]:
    """The arguments of each call of ``module.name`` from now on."""
    calls: list[tuple] = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args: calls.append(args) or real(*args))
    return calls


def test_the_title_year_is_read_only_for_a_goal_without_a_year(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch, targets, "_title_year")
    for text, title, deadline, read in TITLE_CASES:
        calls.clear()
        found = read_targets(PreparedText.identity("t.txt", text), 0, len(text), title)
        assert [t.deadline for t in found] == [deadline] and len(calls) == read
    for text in _texts():  # once per document at most, however many goals need it
        calls.clear()
        read_targets(PreparedText.identity("t.txt", text), 0, len(text), None)
        assert len(calls) <= 1


def test_the_agencies_of_a_heading_are_those_read_for_each_line(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [(PreparedText.identity("t.txt", t), a, b) for t in _texts() for a, b in _windows(t, 10)]
    calls = _spy(monkeypatch, assignments, "_context")
    kept = [read_assignments(prep, a, b) for prep, a, b in cases]
    remembered = len(calls)
    monkeypatch.setattr(assignments, "_heading_context",  # each line reads the heading's agencies afresh
                        lambda _, chain, line, province: assignments._context(chain, line, province))
    calls.clear()
    assert [read_assignments(prep, a, b) for prep, a, b in cases] == kept and any(kept)
    assert remembered < len(calls)  # the lines under one heading share its agencies
