"""Decoding: every supported encoding round-trips real corpus text; what is not text is named."""

# ruff: noqa: E501  (corpus sentences are quoted whole)
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.reading.text.decode import decode
from graph.reading.text.legacy import from_tcvn3, from_vni, to_legacy

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
TEXT_002 = (CORPUS / "002_e2aa40ccf522044b.txt").read_text(encoding="utf-8")
SENTENCE = ("Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ về việc phê duyệt "
            "“Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”;")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_round_trip(encoding: str) -> None:
    text, _enc = decode(TEXT_002.encode(encoding), "002.txt")
    assert text == TEXT_002


def test_windows_1258_uses_combining_marks_and_comes_back_nfc() -> None:
    data = to_legacy(TEXT_002, "cp1258")
    assert b"\xec" in data  # the combining acute of Windows-1258: the file really is decomposed
    text, enc = decode(data, "002.txt")
    assert enc == "cp1258"
    assert text == TEXT_002
    assert unicodedata.is_normalized("NFC", text)


def test_vni_round_trip() -> None:
    data = to_legacy(TEXT_002, "vni")
    assert "Quyeát ñònh".encode("cp1252") in data
    text, enc = decode(data, "002.txt")
    assert enc == "vni"
    assert text == TEXT_002


def test_tcvn3_round_trip() -> None:
    data = to_legacy(SENTENCE, "tcvn3")
    assert "QuyÕt ®Þnh".encode("cp1252") in data
    text, enc = decode(data * 3, "x.txt")
    assert enc == "tcvn3"
    assert text == SENTENCE * 3


def test_tcvn3_whole_file_reads_as_vietnamese() -> None:
    text, enc = decode(to_legacy(TEXT_002, "tcvn3"), "002.txt")
    assert enc == "tcvn3"
    # TCVN3 has no codes for toned capitals (a capitals font draws them): capitals are guessed back
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" in text
    assert text.lower() == TEXT_002.lower()


def test_legacy_text_saved_as_utf8_is_converted() -> None:
    garbled = to_legacy(TEXT_002, "vni").decode("cp1252")
    text, enc = decode(garbled.encode("utf-8"), "002.txt")
    assert enc == "utf-8+vni"
    assert text == TEXT_002


def test_tables_are_inverse_of_each_other() -> None:
    assert from_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert from_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_decomposed_utf8_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", SENTENCE)
    text, _ = decode(nfd.encode("utf-8"), "x.txt")
    assert text == SENTENCE


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty file"),
        (b" \r\n\t\n", "empty file"),
        (codecs.BOM_UTF8 + b"\n\n", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "looks like a PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP archive (Word .docx"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\x00\x01\x02\x03garbage\x00\xff" * 50, "binary file"),
    ],
)
def test_not_text_is_named(data: bytes, says: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "scan.txt")
    assert str(err.value).startswith("scan.txt: ")
    assert says in str(err.value)


def test_pdf_says_what_to_do() -> None:
    with pytest.raises(InputError) as err:
        decode(b"%PDF-1.4\n", "qd.txt")
    assert "pdftotext" in (err.value.hint or "")


@pytest.mark.parametrize(("text", "encoding"), [
    ("Настоящий документ утверждает план развития информационных технологий. " * 10, "koi8-r"),
    ("本決定は情報技術の発展計画を承認するものである。" * 10, "shift_jis"),
])
def test_unknown_encoding_is_an_input_error(text: str, encoding: str) -> None:
    with pytest.raises(InputError, match="unknown text encoding") as err:
        decode(text.encode(encoding), "ru.txt")
    assert "iconv" in (err.value.hint or "")


def test_utf8_with_a_few_broken_bytes_is_still_utf8() -> None:
    data = TEXT_002.encode("utf-8")
    broken = data[:5000] + b"\xff" + data[5000:]
    text, enc = decode(broken, "002.txt")
    assert enc.startswith("utf-8") and "1 invalid bytes replaced" in enc
    assert text.replace("\ufffd", "") == TEXT_002


@pytest.mark.parametrize("legacy", ["cp1258", "vni", "tcvn3"])
def test_utf8_file_with_a_pasted_legacy_passage(legacy: str) -> None:
    cut = TEXT_002.index("Điều 1.")
    text, enc = decode(TEXT_002[:cut].encode("utf-8") + to_legacy(TEXT_002[cut:], legacy), "002.txt")
    assert enc == f"utf-8+{legacy}"
    assert text[:cut] == TEXT_002[:cut]
    assert text.lower() == TEXT_002.lower()


def test_utf16_cut_inside_its_last_character_is_read() -> None:
    text, enc = decode(TEXT_002.encode("utf-16")[:-1], "002.txt")
    assert enc == "utf-16" and text == TEXT_002[:-1]
