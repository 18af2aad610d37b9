"""The shortcuts of the goal and assignment readers give exactly what the work they save gives, on the
sample corpus and on the edge cases of each: the counts of things of a line taken from one pass over the
document (a count running over a line break or a clause's end), "VT" found in the lower-cased copy, the
past markers and measure words found from their first letters, a year looked for before the date words,
and the noun or preposition before a verb or an agency looked for at the end of the text only."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from sample_texts import CORPUS, random_windows, sample_texts

from graph.model import Target
from graph.reading.tasks import assignments, tables, targets, targets_lines, targets_tables, verb_hits
from graph.reading.tasks.lowered import span_low
from graph.reading.tasks.outline import Outline
from graph.reading.tasks.tables import find_tables
from graph.reading.tasks.targets_patterns import _compiled, _low, finditer_after_marks, finditer_words
from graph.reading.text.prepared import PreparedText
from graph.text import nfc, unify_tones

EDGES = [
    "Phấn đấu có 12\nxã đạt chuẩn; đạt 5 trong số\n10 huyện. Có 3 trường: 4 bệnh viện\nvà 7 xã",
    "Có 15 xã, 20 huyện; 30% hồ sơ. Xây dựng 2 hệ thống\n\n9 cơ sở dữ liệu; İstanbul có 4 xã đạt",
    "Chỉ tiêu ĐVT Năm 2025 Năm 2030\nchỉ tiêu\nVT 2020 2021 CHỈ TIÊU vT 2022 Chỉ tiêu Vt 2023 KVT VVT",
    "tỷ lệ xtỷ lệ _tỷ lệ 1tỷ lệ tỷ lệch tỉ trọng; hiện nay đã đạt xđã đạt đã đạtx (hiện có) 9hiện tại",
    "Kế hoạch năm 2025\nSố: 12/KH-UBND ngày 3 tháng 5 năm 2024\nCăn cứ Luật năm 2015\nĐến năm 2030 đạt",
    "  CĂN CỨ Luật năm 2015\n\tSỐ 2016\n sở đến năm 2017\ncăn  cứ năm 2018\nsố\n Cần đến năm 2019"
    "\nĐến năm 2020",
    "Các đơn vị   phối hợp; ĐƠN VỊ\nphối hợp; công tác chủ trì; Sở A chủ trì, phối hợp với Sở B",
    "giao cho Sở A CỦA CÁC \nSở B; thuộc  Sở C\n; VỚI\tSở D; xcủa Sở E; của\u00a0Sở F, với các\n",
]


def _texts() -> list[str]:
    return sample_texts(EDGES)


def _windows(text: str, n: int = 30, seed: int = 5) -> list[tuple[int, int]]:
    return random_windows(text, random.Random(seed), n, (3, 12, 60, 400, 5000))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_counts_of_a_line_are_those_of_its_clauses(text: str) -> None:
    for low in (text.lower(), text):  # the document's lower-cased copy, or one that differs from the lines
        counts = targets_lines.SpanCounts(low)
        for pos, line in _lines(text):
            folded = _low(line)
            clauses = targets._clauses(line)
            expected = [targets_lines._counts(folded, a, b) for a, b in clauses]
            assert counts.of_line(pos, pos + len(line), folded, clauses) == expected


def test_counts_over_a_line_break_are_searched_again() -> None:
    text = "Đạt 5 trong số\n10 xã"  # one count over the break in the document: none in the line alone
    low = text.lower()
    line = text.split("\n")[1]
    at = text.index(line)
    clauses = targets._clauses(line)
    assert targets_lines.SpanCounts(low).matches[0].start() < at
    got = targets_lines.SpanCounts(low).of_line(at, at + len(line), _low(line), clauses)
    assert got == [targets_lines._counts(_low(line), a, b) for a, b in clauses] and got[0]


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_year_headers_found_in_the_lower_cased_copy(text: str) -> None:
    for a, b in _windows(text):
        low = text[a:b].lower()
        if len(low) == b - a:
            assert targets_tables.year_header_starts(text, a, b, low) == \
                targets_tables.year_header_starts(text, a, b)


@pytest.mark.parametrize("key", ["past", "measure"])
def test_words_are_found_where_the_pattern_with_a_word_boundary_finds_them(key: str) -> None:
    rx = _compiled()[key]
    bounded = re.compile(r"\b" + rx.pattern)
    for text in _texts():
        for _, line in _lines(text):
            low = _low(line)
            assert [m.span() for m in finditer_words(rx, low)] == [m.span() for m in bounded.finditer(low)]


def _title_year_before(prep: PreparedText, start: int, end: int) -> int | None:
    """The year of the first lines, read as before: the date words looked for first on each line."""
    for line in prep.text[start:min(end, start + 1500)].split("\n")[:14]:
        if targets._DATE_WORDS.search(line) or line.strip().lower().startswith(("căn cứ", "số")):
            continue
        year = targets._year_in(line)
        if year:
            return year
    return None


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_the_year_of_the_first_lines_is_that_read_before(text: str) -> None:
    prep = PreparedText.identity("x.txt", text)
    for a, b in _windows(text):
        assert targets._title_year(prep, a, b, None) == _title_year_before(prep, a, b)


def test_a_verb_after_its_noun_is_found_as_before() -> None:
    noun = assignments._vocab()["noun_before"]

    def verb_before(clause: str, rx: re.Pattern[str]) -> re.Match[str] | None:
        for m in rx.finditer(clause):
            if m.start() and clause[m.start() - 1].isalnum():
                continue
            if not noun.search(clause[:m.start()]):
                return m
        return None

    for text in _texts():
        for _, line in _lines(text):
            for clause in [line, *re.split(r"[;.]", line)]:
                for rx in (verb_hits.LEAD, verb_hits.COORD):
                    got, expected = assignments._verb(clause, rx), verb_before(clause, rx)
                    assert (got and got.span()) == (expected and expected.span())


@pytest.mark.parametrize("key", ["noun_before", "object_before"])
def test_words_at_the_end_are_found_as_the_pattern_finds_them(key: str) -> None:
    rx = assignments._vocab()[key]
    for text in _texts():
        step = 1 if text in {unify_tones(nfc(t)) for t in EDGES} else 29  # every prefix of the edge cases
        for _, line in _lines(text):
            for k in range(0, len(line) + 1, step):
                for piece in (line[:k], line[:k] + "\n", line[:k] + " \t"):
                    assert assignments._ends_with(key, piece) == (rx.search(piece) is not None)


#: new-style tone marks in every case (the prepared ``match`` places them otherwise), a letter whose lower
#: case is longer, shares and clause ends of every shape
EDGES_ROUND2 = [
    "Hoà bình; HOÀ BÌNH\nthuỷ lợi THUỶ Thuỷ hoÀ; khoẻ KHOẺ\nxoà\nhoà",
    "İstanbul hoà 12 xã\nHOÀ 5 huyện\nđạt 95% hồ sơ",
    "đạt 15–16%, ≥ 90 %, > 5% - 7 %, từ 10 đến 20%, 1.5% 2,5%; 101% 15%-16% 3 -4% 7%%",
    "a. b. C; d: e:f… G! (h) ? .; . ; x.  Y;z: w : - a.\t(b a? ,b a. ,b ;; a.;b . . :",
    "Sở A chủ trì, phối hợp với Sở B; phoi hop, PHỐI HỢP; PhốI hợP, phốihợp, ph ối h ợp, phi hp, "
    "xphối hợp, phối hợpx, phối\nhợp; phốiphối hợp; phOI HOP",
]


def _round2_texts() -> list[str]:
    raw = [nfc(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    return raw + [nfc(t) for t in EDGES_ROUND2 + EDGES]


@pytest.mark.parametrize("text", _round2_texts(), ids=range(len(_round2_texts())))
def test_agencies_told_to_coordinate_are_found_as_the_pattern_finds_them(text: str) -> None:
    prep = PreparedText.identity("x.txt", text)
    for a, b in _windows(text):
        expected = [m.start() for m in verb_hits.COORD.finditer(text, a, b)]
        low, lowered = span_low(prep, a, b)
        assert verb_hits.coord_starts(text, a, b, low, lowered) == expected
        assert verb_hits.coord_starts(text, a, b, text[a:b], False) == expected


@pytest.mark.parametrize("text", _round2_texts(), ids=range(len(_round2_texts())))
def test_a_line_lower_cased_is_taken_from_the_span(text: str) -> None:
    """Inside a span, a line between two line breaks reads in the span's lower-cased copy as alone."""
    prep = PreparedText.identity("x.txt", text)
    for a, b in _windows(text):
        low, lowered = span_low(prep, a, b)
        assert (low, lowered) == span_low(PreparedText.identity("y.txt", text), a, b)  # not a stale copy
        for pos, line in _lines(text):
            if a < pos and pos + len(line) < b:  # a line break on each side, inside the span
                assert targets_lines.line_low(low, lowered, pos - a, line, True) == _low(line)


@pytest.mark.parametrize("text", _round2_texts(), ids=range(len(_round2_texts())))
def test_shares_and_clause_ends_are_found_as_the_patterns_find_them(text: str) -> None:
    marks = [(targets._SENTENCE_END, targets._SENTENCE_MARKS, ".!?…"),
             (assignments._CLAUSE, assignments._CLAUSE_MARKS, ".!?")]
    for _, line in _lines(text):
        for rx, mark, after in marks:
            assert [m.span() for m in finditer_after_marks(rx, mark, after, line)] == \
                [m.span() for m in rx.finditer(line)]
        for a, b in [(0, len(line)), *targets._clauses(line)]:
            assert [m.groupdict() | {"at": m.span()} for m in targets._percents(line, a, b)] == \
                [m.groupdict() | {"at": m.span()} for m in targets._PERCENT.finditer(line, a, b)]


def _line_parts(text: str, seed: int) -> list[tuple[int, int]]:
    """Random parts of ``text`` from a line start to a line start, or to a line break."""
    rnd = random.Random(seed)
    cuts = sorted({0, len(text), *(pos for pos, _ in _lines(text) if rnd.random() < 0.2),
                   *(pos + len(line) for pos, line in _lines(text) if rnd.random() < 0.1)})
    return [(a, b) for a, b in itertools.pairwise(cuts) if rnd.random() < 0.6]


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_counts_of_a_line_inside_the_parts_searched_are_those_of_its_clauses(text: str) -> None:
    low = text.lower()
    for seed in range(3):
        parts = _line_parts(text, seed)
        counts = targets_lines.SpanCounts(low, parts)
        for pos, line in _lines(text):
            if any(a <= pos and pos + len(line) <= b for a, b in parts):
                folded = _low(line)
                clauses = targets._clauses(line)
                assert counts.of_line(pos, pos + len(line), folded, clauses) == \
                    [targets_lines._counts(folded, a, b) for a, b in clauses]


def test_the_parts_searched_leave_out_closed_sections_and_tables() -> None:
    text = ("I. MỤC TIÊU\nĐạt 12 xã.\nII. KẾT QUẢ ĐẠT ĐƯỢC\nĐã có 10 xã.\n1. Chi tiết\n5 huyện\n"
            "III. NHIỆM VỤ\nTT | Tên nhiệm vụ | Cơ quan chủ trì | Kinh phí\n1 | Xây dựng 3 xã | Sở A | 5\n"
            "Có 7 xã")
    outline = Outline(text, 0, len(text))
    spans = [(t.start, t.end) for t in find_tables(text, 0, len(text))]
    assert spans
    parts = targets_lines.open_parts(outline, targets_lines.closed_chains(outline), spans, 0, len(text))
    kept = "".join(text[a:b] for a, b in parts)
    assert "12 xã" in kept and "7 xã" in kept
    assert "10 xã" not in kept and "5 huyện" not in kept and "3 xã" not in kept


@pytest.mark.parametrize("text", _round2_texts(), ids=range(len(_round2_texts())))
def test_every_clause_with_a_verb_holds_a_verb_found_in_the_whole_text(text: str) -> None:
    prep = PreparedText.identity("x.txt", text)
    starts = verb_hits.lead_starts(text, 0, len(text)) + \
        verb_hits.coord_starts(text, 0, len(text), *span_low(prep, 0, len(text)))
    for pos, line in _lines(text):
        ends = finditer_after_marks(assignments._CLAUSE, assignments._CLAUSE_MARKS, ".!?", line)
        cuts = [0, *(x for m in ends for x in m.span()), len(line)]
        for a, b in zip(cuts[::2], cuts[1::2], strict=True):
            clause = line[a:b]
            if assignments._verb(clause, verb_hits.LEAD) or assignments._verb(clause, verb_hits.COORD):
                assert any(pos + a <= s < pos + b for s in starts)


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_a_chain_is_closed_when_one_of_its_headings_is(text: str) -> None:
    outline = Outline(text, 0, len(text))
    closed = targets_lines.closed_chains(outline)
    for h, chain in zip(outline.items, outline.chains, strict=True):
        assert closed[h.start] == any(targets_lines._closed_heading(x.text) for x in chain)
        assert chain == outline.chain(h.start)


LEAD_EDGES = ["chương trình chủ trì_ chủ trìx chủ trì1 chủ trì chủ trìnhx chủ trì\u0301 CHỦ TRÌNH Chủ Trì.",
              "ChỦ tRÌ CHU TRÌ chủTrì chuTRÌ; chủ  trì Chủ\ttrì ch trì chtrì cHtrì chỦtrì ChỦ TrÌ hoà",
              "chủ trì", "chủ trìn", "Chủ trì;chủ trìđ chủ trì\nchủ trì"]


@pytest.mark.parametrize("text", _round2_texts() + LEAD_EDGES, ids=range(len(_round2_texts() + LEAD_EDGES)))
def test_a_lead_is_found_where_the_pattern_finds_it(text: str) -> None:
    prep = PreparedText.identity("x.txt", text)
    for a, b in _windows(text) + [(0, k) for k in range(min(len(text), 80) + 1)]:
        expected = [m.start() for m in verb_hits.LEAD.finditer(text, a, b)]
        assert verb_hits.lead_starts(text, a, b) == expected
        low, lowered = span_low(prep, a, b)
        if lowered:
            assert verb_hits.lead_starts(text, a, b, low) == expected


def _split_row_before(line: str) -> list[str] | None:
    """The cells of a delimited row, read as before: the bars and the white space around them by a pattern."""
    if "\t" in line:
        cells = line.split("\t")
    elif " | " in line or line.startswith("| ") or line.endswith(" |"):
        cells = re.split(r"\s*\|\s*", line.strip())
        if cells and cells[0] == "" and line.lstrip().startswith("|"):
            cells = cells[1:]
        if cells and cells[-1] == "" and line.rstrip().endswith("|"):
            cells = cells[:-1]
    else:
        return None
    if "\u00a0" in line:
        cells = [c.strip().replace("\u00a0", " ").strip() for c in cells]
    else:
        cells = [c.strip() for c in cells]
    return cells if len(cells) >= 2 and any(cells) else None


ROW_EDGES = ["| a | b |", "a | b", "|a|b| c", " | | x | ", "a |\u00a0| b\u2003|  c", "| |", "a | b |\t",
             "x || y | z", "| a", "a |", " a | b\u00a0|", "\u00a0| a | b"]


@pytest.mark.parametrize("text", [*_round2_texts(), "\n".join(ROW_EDGES)],
                         ids=range(len(_round2_texts()) + 1))
def test_the_cells_of_a_row_are_those_read_before(text: str) -> None:
    for _, line in _lines(text):
        assert tables.split_row(line) == _split_row_before(line)


HEADER_EDGES = ["Chỉ tiêu | Đơn vị tính | Năm 2025\nmục tiêu\tchỉ số\nnội dung chính | x\nChỉ số | a\n"
                " | tiêu chí",
                "x | y\nnội dung\n\tchỉ tiêu\n| mục tiêu |\ntiêu chí | 2020"]


@pytest.mark.parametrize("text", _texts() + HEADER_EDGES, ids=range(len(_texts() + HEADER_EDGES)))
def test_the_rows_holding_a_header_word_are_found_from_the_rows(text: str) -> None:
    for a, b in _windows(text):
        for low in (text[a:b].lower(), text[a:b]):
            expected = [at for at in targets_tables._header_word_lines(text, a, b, low)
                        if "\t" in text[at:b].split("\n")[0] or " | " in text[at:b].split("\n")[0]]
            assert targets_tables._header_lines(text, a, b, low) == expected


def _duplicate_before(goals: targets._Goals, value: float, unit: str | None, year: int | None,
                      metric: str | None, text: str, section: int) -> bool:
    """A goal stated twice, told as before: each goal of the same value, unit and year in turn."""
    words = None
    for other_metric, sec, other in goals._by_key.get((value, unit, year), ()):
        if metric and other_metric == metric and sec != section:
            return True
        words = words if words is not None else targets._words_of_goal(text)
        if words and other and len(words & other) / len(words | other) >= 0.75:
            return True
    return False


def test_a_goal_stated_twice_is_told_as_before() -> None:
    rnd = random.Random(3)
    vocab = ["xã", "huyện", "hồ sơ", "dịch vụ công", "trực tuyến", "mức độ 4", "doanh nghiệp", "đạt", "năm",
             "tỷ lệ"]
    goals = targets._Goals()

    def draw() -> tuple[float, str | None, int | None, str | None, str, int]:
        words = " ".join(rnd.sample(vocab, rnd.randrange(0, 7)))
        return (rnd.choice((50.0, 100.0)), rnd.choice(("%", None)), rnd.choice((2025, None)),
                rnd.choice(("dvc_muc_4", None, "x")), words or rnd.choice(("", "- ;")), rnd.randrange(3))

    for _ in range(400):
        value, unit, year, metric, text, section = draw()
        assert goals.duplicate(value, unit, year, metric, text, section) == \
            _duplicate_before(goals, value, unit, year, metric, text, section)
        if rnd.random() < 0.5:
            goal = Target(text=text or "x", value=value, unit=unit, deadline=year, metric=metric)
            goals.add(goal, section, text)
