"""Text served with its line breaks as literal escapes ("\\r\\n" typed out) reads as the text itself.

Real documents (the sample corpus, a real fixture) are written the way a web page's JSON or an HTML
attribute serves them -- several lines on one physical line, joined by the two characters ``\\r\\n`` (or
``\\n``, with ``\\"`` for a quote) -- and must give what the documents themselves give, with every ``line``
pointing into the file as it is on disk. A backslash that is not such a text's layout is left alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.reading.extract import extract_text
from graph.reading.prepare import prepare
from graph.reading.text.escapes import unescape
from graph.reading.text.layout import repair_layout
from graph.text import nfc

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"
FIXTURES = Path(__file__).parent / "fixtures" / "texts"
KIEN_GIANG_PLAN = CORPUS / "002_e2aa40ccf522044b.txt"  # a decision with its plan: bases, targets
KIEN_GIANG_APPS = CORPUS / "004_ddc2434da970a981.txt"  # a decision and its attached plan
TIEN_GIANG_2009 = FIXTURES / "tiengiang-33-2009-qd-ubnd.txt"  # replaces an older decision (Điều 3)


def served(text: str, per_line: int, escape: str = "\\r\\n") -> str:
    """``text`` as a page with literal escapes serves it: each ``per_line`` lines on one physical line,
    joined by ``escape`` typed out."""
    lines = text.split("\n")
    return "\n".join(escape.join(lines[i:i + per_line]) for i in range(0, len(lines), per_line))


def served_as_json(text: str, per_line: int) -> str:
    """``text`` as a JSON string holds it (``\\n``, ``\\"``, ``\\\\``), each ``per_line`` lines on one
    physical line."""
    lines = text.split("\n")
    return "\n".join(json.dumps("\n".join(lines[i:i + per_line]), ensure_ascii=False)[1:-1]
                     for i in range(0, len(lines), per_line))


def on_disk(line: int | None, per_line: int) -> int | None:
    """The physical line of :func:`served`'s output holding line ``line`` of the text."""
    return None if line is None else (line - 1) // per_line + 1


_LINE_KEYS = ("line", "line_start", "line_end")


def _on_disk_everywhere(value: object, per_line: int) -> None:
    """Every line number in ``value`` (the JSON of documents) renumbered by :func:`on_disk`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _LINE_KEYS:
                value[key] = on_disk(item, per_line)
            else:
                _on_disk_everywhere(item, per_line)
    elif isinstance(value, list):
        for item in value:
            _on_disk_everywhere(item, per_line)


def _reading(text: str, per_line: int = 1) -> list[dict]:
    """What ``text`` gives, with its lines numbered as :func:`served` (``per_line``) puts them on disk."""
    docs = [d.model_dump(mode="json") for d in extract_text(text, "x.txt").documents]
    _on_disk_everywhere(docs, per_line)
    return docs


@pytest.mark.parametrize("path", [KIEN_GIANG_PLAN, KIEN_GIANG_APPS, TIEN_GIANG_2009], ids=lambda p: p.stem)
@pytest.mark.parametrize("per_line", [3, 8])
def test_a_document_served_with_escaped_line_breaks_reads_as_the_document(path: Path, per_line: int) -> None:
    text = path.read_text(encoding="utf-8")
    expected = _reading(text, per_line)
    assert expected and any(doc["bases"] for doc in expected)
    assert _reading(served(text, per_line)) == expected


def test_the_words_cited_read_with_real_line_breaks_and_lines_point_into_the_file_on_disk() -> None:
    per_line = 5
    disk = served(KIEN_GIANG_PLAN.read_text(encoding="utf-8"), per_line)
    disk_lines = disk.split("\n")
    (doc,) = [d for d in extract_text(disk, "x.txt").documents if d.number]
    assert doc.title and doc.bases and doc.targets
    for item in [*doc.bases, *doc.targets]:
        assert "\\" not in item.text
        assert item.line is not None and item.line <= len(disk_lines)
        first_words = item.text.split("\n")[0]
        assert first_words in disk_lines[item.line - 1]  # the user opens the file at that line and finds it
    assert doc.line_end == len(disk_lines) or doc.line_end == len(disk_lines) - 1


def test_a_document_served_as_a_json_string_reads_as_the_document_with_straight_quotes() -> None:
    per_line = 4
    # straight quotes, as some sites print them
    text = KIEN_GIANG_PLAN.read_text(encoding="utf-8").replace("“", '"').replace("”", '"')
    disk = served_as_json(text, per_line)
    assert '\\"' in disk and "\\n" in disk
    expected = _reading(text, per_line)
    assert any('"' in (basis["title"] or "") for doc in expected for basis in doc["bases"])
    assert _reading(disk) == expected


def test_a_superseding_sentence_is_read_from_the_lines_the_escapes_stand_for() -> None:
    text = TIEN_GIANG_2009.read_text(encoding="utf-8")
    (before,) = extract_text(text, "x.txt").documents
    (after,) = extract_text(served(text, 6), "x.txt").documents
    assert before.supersedes and before.supersedes[0].sentence
    assert [s.sentence for s in after.supersedes] == [s.sentence for s in before.supersedes]
    assert after.supersedes[0].line == on_disk(before.supersedes[0].line, 6)


def test_a_warning_of_the_repair_names_the_line_on_disk() -> None:
    text = KIEN_GIANG_PLAN.read_text(encoding="utf-8")
    at = text.index("NĐ-CP")
    text = text[:at] + "NÐ-CP" + text[at + len("NĐ-CP"):]  # U+00D0 for Đ, as some sites serve it
    (before,) = extract_text(text, "x.txt").problems
    (after,) = extract_text(served(text, 7), "x.txt").problems
    assert before.line and after.line == on_disk(before.line, 7)
    assert after.message == before.message


def test_escapes_are_read_as_a_json_string_reads_them() -> None:
    read = unescape('Căn cứ\\r\\nLuật \\"A\\"\\nđường dẫn C:\\\\new\\tB\\n\\u1EA0 a\\/b\\r')
    assert read is not None
    assert read.text == 'Căn cứ\nLuật "A"\nđường dẫn C:\\new\tB\n\\u1EA0 a\\/b\n'
    assert read.line_starts == [0]


def test_the_file_lines_are_kept_where_the_text_read_puts_them() -> None:
    read = unescape("a\\r\\nb\\r\\nc\nd\\ne\nf")
    assert read is not None
    assert read.text == "a\nb\nc\nd\ne\nf"
    assert read.line_starts == [0, 6, 10]  # "d" and "f" start the file's lines 2 and 3


def _middle_line_added(lines: list[str], line: str) -> list[str]:
    half = len(lines) // 2
    return [*lines[:half], line, *lines[half:]]


SAMPLE = KIEN_GIANG_PLAN.read_text(encoding="utf-8")
_BASIS = "Căn cứ Quyết định số 942/QĐ-TTg ngày 15 tháng 6 năm 2021"
_UNTOUCHED = {
    "a Windows path": SAMPLE.replace(_BASIS, _BASIS + " (tệp C:\\new\\ke-hoach.doc)"),
    "a path with several escape-like pieces": SAMPLE.replace(
        _BASIS, _BASIS + " (tệp D:\\Users\\nam\\reports\\new\\ke-hoach.doc)"),
    "one stray \\n among real lines": SAMPLE.replace(_BASIS, _BASIS + "\\n"),
    "three \\n quoted in a long document": "\n".join(_middle_line_added(
        CORPUS.joinpath("000_5ff91108e71e8f83.txt").read_text(encoding="utf-8").split("\n"),
        'Chuỗi ký tự "dòng 1\\ndòng 2\\ndòng 3\\n" được ghi trên một dòng.')),
}


@pytest.mark.parametrize("text", list(_UNTOUCHED.values()), ids=list(_UNTOUCHED))
def test_a_backslash_that_is_not_the_layout_is_left_alone(text: str) -> None:
    assert "\\" in text and (_BASIS in text or "Chuỗi" in text)
    assert unescape(text) is None
    prep = prepare(text, "x.txt")
    assert prep.raw == nfc(text) and not prep.unescaped
    assert "\\" in prep.text


def test_a_path_in_a_basis_is_cited_as_printed() -> None:
    (doc, *_) = extract_text(_UNTOUCHED["a Windows path"], "x.txt").documents
    (basis,) = [b for b in doc.bases if b.number == "942/QĐ-TTg"]
    assert "C:\\new\\ke-hoach.doc" in basis.text or basis.text.startswith("Quyết định số 942/QĐ-TTg")
    assert len(doc.bases) == len(extract_text(SAMPLE, "x.txt").documents[0].bases)


# lines of the samples holding ':' inside a sentence (003: a list of places; 001: a list of systems)
_GOES_ON = ["các địa điểm như: trường học, nhà văn hóa",
            "Phối hợp triển khai và sử dụng có hiệu quả các hệ thống thông tin, cơ sở dữ liệu cấp quốc gia "
            "trên địa bàn tỉnh: đấu thầu qua mạng; nộp thuế qua mạng"]


@pytest.mark.parametrize("line", _GOES_ON)
def test_a_line_broken_after_a_colon_goes_on_when_the_next_words_are_in_lower_case(line: str) -> None:
    """An escaped page breaks its lines anywhere, after a label ("- Đến năm 2030:") too: its words go on."""
    head, tail = line.split(": ", 1)
    assert repair_layout(f"{head}:\n{tail}")[0] == f"{head}: {tail}"


@pytest.mark.parametrize("text", [
    "7.1. Đánh giá các mục tiêu Kế hoạch năm 2019:\n- Kết nối liên thông phần mềm QLVB-HSCV",
    "2.1. Hạ tầng công nghệ thông tin:\n\nhạ tầng kỹ thuật được đầu tư",
    "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Quy hoạch phát triển Công nghệ thông tin",
])
def test_after_a_colon_a_list_a_blank_line_or_a_capital_opens_a_new_line(text: str) -> None:
    assert repair_layout(text)[0] == text.replace("\n\n", "\n")
