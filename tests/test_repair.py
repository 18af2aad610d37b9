"""Damaged text (letters lost in PDF extraction, file 004) is detected and restored; clean text is not touched."""

# ruff: noqa: E501  (corpus sentences are quoted whole)
from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path

import pytest

from graph.reading.prepare import prepare
from graph.reading.restore.damage import damage_model, damage_rate, is_damaged
from graph.reading.restore.edits import restoration_edits
from graph.reading.text.prepared import PreparedText
from graph.text import fold

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
PLAN_TITLE = ("Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước tỉnh Tiền Giang giai đoạn"
              " 2007 - 2010")


@cache
def prepared(prefix: str) -> PreparedText:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return prepare(path.read_bytes(), path.name)


def damage(text: str) -> str:
    """What a PDF with the lost glyphs gives for ``text``: the damage model applied word by word."""
    dm = damage_model()
    return re.sub(r" +", " ", " ".join(" ".join(dm.skeleton(w)) for w in text.split(" ")))


def test_skeletons() -> None:
    dm = damage_model()
    assert dm.skeleton("Quyết") == ("Quy", "t")
    assert dm.skeleton("định") == ("nh",)
    assert dm.skeleton("ĐỊNH") == ("NNH",)
    assert dm.skeleton("chuẩn") == ("chuNn",)
    assert damage("Quyết định số 605/QĐ-UBND của Sở Bưu chính, Viễn thông") == (
        "Quy t nh s 605/Q -UBND c a S Bưu chính, Vi n thông")


def test_004_header_lines_are_restored() -> None:
    lines = prepared("004").text.split("\n")
    for line in [
        "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 605/QĐ-UBND",
        "Mỹ Tho, ngày 07 tháng 3 năm 2008",
        "QUYẾT ĐỊNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
        "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về ứng dụng công nghệ thông tin trong"
        " hoạt động của cơ quan nhà nước;",
        "Xét đề nghị của Giám đốc Sở Bưu chính, Viễn thông tại Tờ trình số 03/TTr-SBCVT ngày 27/02/2008,",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Phòng",
        "KẾ HOẠCH",
        "(Ban hành kèm theo Quyết định số 605/QĐ-UBND ngày 07 tháng 3 năm 2008 của Chủ tịch Ủy ban nhân dân tỉnh"
        " Tiền Giang)",
        "I. CĂN CỨ LẬP KẾ HOẠCH",
    ]:
        assert line in lines


def test_004_plan_title_reads_close_to_the_gold_title() -> None:
    lines = prepared("004").text.split("\n")
    title = lines[lines.index("KẾ HOẠCH") + 1]
    ratio = difflib.SequenceMatcher(None, fold(title), fold(PLAN_TITLE)).ratio()
    assert ratio >= 0.95


def test_004_numbers_and_type_codes_restored() -> None:
    text = prepared("004").text
    for number in ("605/QĐ-UBND", "64/2007/NĐ-CP", "246/2005/QĐ-TTg", "972/QĐ-UBND", "1448/BBCVT-KHTC"):
        assert number in text
    assert "/Q -" not in text and "/N -" not in text


def test_restored_spans_are_marked_and_cite_the_damaged_input() -> None:
    p = prepared("004")
    i = p.text.index("Số: 605/QĐ-UBND")
    j = i + len("Số: 605/")
    assert p.was_restored(j, j + 2)  # QĐ
    words, line = p.cite(i, i + len("Số: 605/QĐ-UBND"))
    assert words == "S : 605/Q -UBND"
    assert line == 23
    k = p.text.index("Nguyễn Văn Phòng")
    assert p.was_restored(k, k + 6)
    assert p.cite(k, k + len("Nguyễn Văn Phòng"))[0] == "Nguy n Văn Phòng"
    assert not p.was_restored(k + 7, k + 10)  # "Văn" was intact


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_clean_text_is_not_touched(prefix: str) -> None:
    p = prepared(prefix)
    assert not is_damaged(p.text)
    assert damage_rate(p.text) < 0.005
    assert restoration_edits(p.text) == []
    assert p.restored == []


@pytest.mark.parametrize("sentence", [
    # sentences of the clean files, damaged as a PDF with the lost glyphs would damage them
    "Căn cứ Quyết định số 1819/QĐ-TTg ngày 26/10/2015 của Thủ tướng Chính phủ phê duyệt chương trình quốc gia"
    " về ứng dụng công nghệ thông tin trong hoạt động cơ quan nhà nước giai đoạn 2016 - 2020;",
    "Xét đề nghị của Sở Thông tin và Truyền thông tại Tờ trình số 77/TTr-STTTT ngày 18/10/2013,",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các"
    " huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này.",
])
def test_damaged_sentence_is_read_back(sentence: str) -> None:
    damaged = damage(sentence)
    assert damaged != sentence
    noise = " ".join([damage("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")] * 5)
    text = noise + "\n" + damaged
    out = text
    for e in reversed(restoration_edits(text)):
        out = out[:e.start] + e.new + out[e.end:]
    restored = out.split("\n")[1]
    words, gold = restored.split(), sentence.split()
    same = sum(1 for a, b in zip(words, gold, strict=False) if a == b)
    assert len(words) == len(gold)
    assert same >= 0.9 * len(gold)
