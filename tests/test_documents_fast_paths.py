"""The cheap tests the document reader makes before a slow pattern (one that opens with a look-behind and
is tried at every position) never skip a match: a wrapped line's last word, the "ban hành" before a
citation without date, an abbreviation in a law's name; a pattern that opens at a line start is found
where it matches (the authority line and the first section under a title); a text without restored
spans has none to look up; the type words of a range are found in order; a type word in small letters
is turned down unread only where no number can follow it; and what is read once per distinct text (an
issuer block, a title put in sentence case, the codes of a number) is what reading it afresh gives."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest
from sample_texts import random_windows, sample_texts

from graph.reading.documents import (
    citations,
    header,
    issuer,
    names,
    numbering,
    paragraphs,
    signature,
    subjects,
    supersedes,
    title,
)
from graph.reading.documents.patterns import (
    ISSUED_ON_RE,
    NUMBER_RE,
    finditer_at_word_start,
    finditer_so,
    last_type_word,
    starts_word,
)
from graph.reading.text.prepared import PreparedText
from graph.text import nfc, unify_tones

EDGES = [
    "theo Quyết định số\n12/QĐ-UBND của \nỦy ban; ngày\t\n\nnăm  \nxcủa\nkèm\n\n",
    "QUYẾT ĐỊNH\nVỀ VIỆC X\n | ỦY BAN NHÂN DÂN TỈNH A\nCăn cứ Luật; (kèm theo\nCHÍNH PHỦ \n\nI. MỤC TIÊU"
    "\nĐiều 1. UBND\nCăn cứ\nSố: 12/QĐ-UBND xSố 3/KH Sở: 4/BC S :5/TB Số:\n 6/QĐ Số:   /QĐ-UBND",
    "Ngày 3/5/2012, Ủy ban nhân dân tỉnh ban hành Kế hoạch số 5/KH-UBND; ngày 4/6/2013, Sở A đã ban\thành"
    "   \nQuyết định số 6/QĐ-SXD; Ngày 1/1/2020 , UBND huyện ban hành  \n",
]


def _texts() -> list[str]:
    return sample_texts(EDGES)


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_a_dangling_word_is_found_as_the_pattern_finds_it(text: str) -> None:
    ends = [k for k, c in enumerate(text) if c == "\n"] + [len(text)]
    for nl in ends:
        for start in (max(0, nl - 12), max(0, nl - 5)):
            expected = paragraphs._DANGLING_RE.search(text, start, nl) is not None
            assert paragraphs._ends_dangling(text, start, nl) == expected


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_no_issued_on_sentence_is_skipped(text: str) -> None:
    rnd = random.Random(3)
    ends = [k for k in range(len(text)) if text.startswith(("Kế", "Quyết", "\n"), k)]
    ends += [rnd.randrange(len(text) + 1) for _ in range(200)]
    for end in ends:
        lo = max(0, end - 150)
        if ISSUED_ON_RE.search(text, lo, end) is not None:
            assert text.find(citations._HANH, max(lo, end - 8), end) >= 0


def test_the_issued_on_edge_cases_are_matched() -> None:
    text = unify_tones(nfc(EDGES[2]))
    found = [k for k in range(len(text) + 1) if ISSUED_ON_RE.search(text, max(0, k - 150), k)]
    assert found and all(text.find(citations._HANH, max(0, k - 8), k) >= 0 for k in found)


def test_a_text_without_restored_spans_has_none() -> None:
    text = _texts()[0]
    prep = PreparedText.identity("x.txt", text)
    assert not prep.restored
    assert not any(prep.was_restored(a, a + n) for a in range(0, len(text), 97) for n in (0, 1, 50))


def _windows(text: str, n: int = 80, seed: int = 9) -> list[tuple[int, int]]:
    breaks = [k for k, c in enumerate(text) if c == "\n"][:300]
    lines = [(k + 1, min(len(text), k + 900)) for k in breaks]
    return [*random_windows(text, random.Random(seed), n, (1, 10, 100, 800)), *lines]


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_a_line_start_pattern_is_found_where_it_matches(text: str) -> None:
    for search in (title.AUTHORITY, title._SECTION):
        for a, b in _windows(text):
            got, expected = search.search(text, a, b), search.pattern.search(text, a, b)
            assert (got and (got.span(), got.group())) == (expected and (expected.span(), expected.group()))


def test_abbreviations_are_spelled_as_the_patterns_spell_them() -> None:
    for text in _texts():
        for line in text.split("\n"):
            expected = line
            for _short, pattern, full in names._abbreviations():
                expected = pattern.sub(full, expected)
            assert names._spell_abbreviations(line) == expected


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_the_number_line_is_found_where_the_pattern_finds_it(text: str) -> None:
    for a, b in _windows(text):
        got = next(finditer_at_word_start(header._NUMBER_LINE_SCAN_RE, text, a, b), None)
        want = header.NUMBER_LINE_RE.search(text, a, b)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_a_paragraph_that_may_not_supersede_holds_no_sentence_that_does(text: str) -> None:
    """A paragraph without the words of any supersede phrase is passed over whole: then no range inside
    it holds them, nor a match of the pattern."""
    rnd = random.Random(11)
    text += "\nBãi bỏ Quyết định số 1/QĐ-UBND. Quyết định này THAY THẾ Kế hoạch số 2/KH-UBND; hết hiệu lực.\n"
    for a, b in _windows(text, 60, seed=13):
        if supersedes.may_supersede(text, a, b):
            continue
        for _ in range(20):
            lo = rnd.randint(a, b)
            hi = rnd.randint(lo, b)
            assert not supersedes.may_supersede(text, lo, hi)
            assert supersedes.SUPERSEDE_RE.search(text, lo, hi) is None


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_the_titles_of_signers_are_found_where_the_pattern_finds_them(text: str) -> None:
    """The signers' titles are looked for from the letters they open with, as the pattern finds them: in
    the text, in the text in capitals (titles inside titles, "PHÓ CHỦ TỊCH") and in fragments of it."""
    scan = signature._TITLE_FROM_SECOND_RE or signature._TITLE_RE
    for sample in (text, text.upper(), text.upper()[1:], "CHCHỦ TỊCH PHÓ PHÓ CHỦ TỊCH\nTHỦ TƯỚNG"):
        got = signature._finditer_from_letters(scan, signature._SCAN_LETTERS, sample)
        assert [m.span() for m in got] == [m.span() for m in scan.finditer(sample)]


def _mostly_upper_plain(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _capitals_run_plain(raw: str) -> str:
    end = 0
    for w in re.finditer(r"\S+", raw):
        letters = [c for c in w.group() if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) < 0.7 * len(letters):
            break
        end = w.end()
    return raw[:end]


#: letters without case or of a title-case pair (ǅ, ª, 中, ʰ), capitals and small letters that are no
#: letters (Ⓐ, ⓐ, Ⅻ)
_ODD = ["QUYẾT ĐỊNH ǅ", "KẾ HOẠCH ª", "中 VỀ", "ʰ", "ǅǅǅ ABC", "Ⓐ", "ⓐ", "Ⅻ", "ⓐ CĂN CỨ", "QĐ-UBND Ⅻ ǅx",
        "ĐỀ ÁN 中文 x", "A中中中 TỈNH", "Đªªª", "ỦY BAN Aʰʰʰ"]


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_capitals_are_counted_as_the_letters_say(text: str) -> None:
    """A line mostly in capitals, and where a run of capitals ends, whatever its letters (the shortcuts
    through ``str.isupper`` and ``str.islower`` give the count of the letters' answer)."""
    lines = text.split("\n")
    samples = [*lines, *(ln.upper() for ln in lines), *(ln.lower() for ln in lines), *_ODD,
               *(f"{a} {b}" for a in _ODD for b in _ODD)]
    for s in samples:
        assert title.mostly_upper(s) == _mostly_upper_plain(s), s
        assert title._capitals_run(s) == _capitals_run_plain(s), s


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_provinces_are_found_in_small_letters_where_the_pattern_finds_them(text: str) -> None:
    """Province names in a title put in small letters are found as the case-insensitive pattern finds
    them, also in a text that keeps capitals or holds letters that match others regardless of case."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    odd = ["tỉnh ſóc trăng", "ＨÀ NỘI và kiên giang", "tp. hồ chí minh, Kiên Giang", "thành phố hà nội ı",
           "bắc kạn-cao bằng", "tỉnh İ an giang", "05/2017/QĐ-UBND.HUẾ huế"]
    for sample in [*(ln.lower() for ln in lines), *lines, *odd]:
        got = [(m.span(), m.group("province")) for m in title._provinces_in(sample)]
        assert got == [(m.span(), m.group("province")) for m in title.PROVINCE_RE.finditer(sample)], sample


def _type_words_plain(reader: citations.CitationReader, start: int, end: int) -> list[re.Match[str]]:
    """The type words that may open a citation, as found before the shortcut (every one into a dict)."""
    text = reader.m
    found = {}
    for m in citations.CAPITALISED_TYPE_RE.finditer(text, start, end):
        if starts_word(text, m.start()):
            found[m.start()] = m
    for so in finditer_so(text, start, end):
        before = last_type_word(text, max(start, so.start() - 40), so.start())
        if before and not text[before.end():so.start()].strip():
            found.setdefault(before.start(), before)
        else:
            found.setdefault(so.start(), so)
    return [found[k] for k in sorted(found)]


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_the_type_words_of_a_range_are_found_in_order(text: str) -> None:
    reader = citations.CitationReader(text, text)
    for a, b in _windows(text):
        got = [(m.span(), m.re.pattern) for m in reader._type_words(a, b)]
        assert got == [(m.span(), m.re.pattern) for m in _type_words_plain(reader, a, b)]


def test_an_issuer_block_read_once_is_shared_safely() -> None:
    """An issuer block is read once per distinct text: the reading is the same as reading it afresh, and
    the issuer given is frozen, so no caller can change what the next one is given."""
    blocks = [text[:m.start()][-300:] for text in _texts() for m in header.iter_mottos(text)]
    assert blocks
    for block in blocks:
        assert issuer.issuer_from_block(block) == issuer.issuer_from_block.__wrapped__(block)
        found, _ = issuer.issuer_from_block(block)
        if found is not None:
            with pytest.raises(dataclasses.FrozenInstanceError):
                found.name = "x"  # type: ignore[misc]


#: type words in small letters, with and without "số" close enough for a number to follow
_SMALL_TYPE_WORDS = [
    "theo quyết định số 12/QĐ-UBND ngày 3/5/2012 của Ủy ban nhân dân tỉnh về việc x; kế hoạch số 7/KH-UBND",
    "quyết định\nsố 5/2020/NĐ-CP", "quyết định \n\n\nsố 5/2020/NĐ-CP", "kế hoạch    số 3/KH-UBND",
    "kế hoạch \t\nsố 3/KH-UBND",
    "nghị định Số 1/NĐ-CP về x", "thông tư SỐ 12/2020/TT-BTC", "chỉ thị\tsố:7/CT-TTg", "quyết định s",
    "quyết định", "quyết định số", "báo cáo sơ kết; luật đất đai số 45/2013/QH13", "công văn\t \tS",
    "hướng dẫn 12/HD-UBND và thông tư 01/2020/TT-BTC",
    "Nghị định số 1/2020/NĐ-CP quy định chi tiết luật số 2/QH14",
]
_READ_TEXTS = [*_texts(), *_SMALL_TYPE_WORDS]


@pytest.mark.parametrize("text", _READ_TEXTS, ids=range(len(_READ_TEXTS)))
def test_a_type_word_in_small_letters_is_read_as_without_the_shortcut(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A type word in small letters not followed by "s" (after at most three blanks) is turned down before
    its number is looked for: every type word of the text, read at the end of the text and of its line,
    gives the same citation (and the same unread ones) as when the shortcut lets every word through."""
    starts = [m.start() for m in citations.TYPE_RE.finditer(text)]
    limits = [(p, len(text)) for p in starts] + [(p, text.find("\n", p) % (len(text) + 1)) for p in starts]

    def read_all() -> tuple[list[str], dict[int, str]]:
        reader = citations.CitationReader(text, text)
        return [repr(reader.read_at(p, limit)) for p, limit in limits if limit > p], reader.unread

    fast = read_all()
    monkeypatch.setattr(citations, "_SO_AHEAD_RE", re.compile(""))  # matches everywhere: no shortcut
    assert fast == read_all()


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_what_is_read_once_per_distinct_text_is_what_reading_it_afresh_gives(text: str) -> None:
    """Titles put in sentence case, lines counted for capitals, the words before a document named in a
    subject and the codes of a number are read once per distinct text: the memo gives what the function
    itself gives, as a value no caller can change."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    for line in [*lines, *(ln.upper() for ln in lines), *_ODD]:
        for fn in (title.sentence_case, title.mostly_upper, title._capitals_run):
            assert fn(line) == fn.__wrapped__(line) == fn(line), (fn.__name__, line)
    for a, b in _windows(text, 40, seed=5):
        gap = text[max(a, b - 120):b]
        assert subjects.relation_of(gap) == subjects._relation_of_tail.__wrapped__(gap[-90:])
    numbers = [m.group("number") for m in NUMBER_RE.finditer(text)]
    for number in [*numbers, "12/2005/TTLT-BTC-BNV", "5-/QĐ", "x"]:
        codes = numbering.number_codes(number)
        assert isinstance(codes, tuple)
        assert list(codes) == [c for c in re.split(r"[-/]", number) if c and not c[0].isdigit()]
        assert numbering.type_from_number(number) == numbering.type_from_number.__wrapped__(number)
