"""A file's problems on screen in the user's language (graph/problem_text.py).

Every message the reading code writes, over the samples, the development set, the generated corpus and
inputs written here to reach each other message, is one of the templates; its Vietnamese rendering keeps
no English word of its templates and keeps the values (numbers, citations) as written; in English it is
the message itself. A real ``lineage extract`` prints Vietnamese or English bodies, its JSON unchanged.
"""

from __future__ import annotations

import ast
import codecs
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import problem_text
from graph.i18n import _, set_language
from graph.model import UNREAD_CITATION, FileExtraction
from graph.problem_text import (
    CODEC_REASONS,
    HINTED,
    PROBLEMS,
    SUB_MESSAGES,
    TEMPLATES,
    on_screen,
    template_of,
    without_hint,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "graph" / "data" / "corpus"
SHARED = Path(os.environ.get("LINEAGE_SHARED") or ROOT.parent / "shared")
#: the code that writes the problems: it formats the templates' constants, never writes their words again
WRITERS = sorted([*(ROOT / "graph" / "reading").rglob("*.py"), ROOT / "graph" / "ingest.py"])
#: a template's text between placeholders at least this long is its own words (shorter: "line ", "a PDF")
OWN_WORDS = 10
DEV = SHARED / "dev" / "docs"
#: words a Vietnamese rendering keeps as they are: names of formats, tools and codes
TECHNICAL = frozenset({"utf", "windows", "tcvn", "vni", "nul", "mb", "pdf", "zip", "word", "docx",
                       "xlsx", "odt", "microsoft", "office", "doc", "xls", "rtf", "png", "jpeg", "gif",
                       "tiff", "gzip", "rar", "ocr", "json", "txt", "pipe", "socket"})

# ------------------------------------------------------------------------------ inputs

HEADER = "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 12/2017/QĐ-UBND\nAn Giang, ngày {date} năm 2017\nQUYẾT ĐỊNH\n" \
         "Về việc ban hành quy chế quản lý chợ\n"
CLAUSE = ("Điều 1. Quy chế này quy định việc quản lý, sử dụng và phát triển chợ trên địa bàn tỉnh, "
          "bao gồm quy hoạch, đầu tư xây dựng, kinh doanh và khai thác chợ.\n")


def _decision(*bases: str, date: str = "05 tháng 3") -> str:
    return HEADER.format(date=date) + "".join(f"Căn cứ {b};\n" for b in bases) + CLAUSE


#: texts that reach each warning of the documents and of the mended numbers (one a file: a window of the
#: number patterns holds one number)
DOCUMENTS = {
    "date.txt": _decision("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", date="31 tháng 02"),
    "cited_date.txt": _decision("Nghị định số 20/2016/NĐ-CP ngày 30 tháng 02 năm 2016 của Chính phủ"),
    "cut.txt": _decision("Quyết định số 63/"),
    "ends.txt": _decision("Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015") + "Căn cứ Quyết định số",
    "small_letters.txt": _decision("Luật thuế nhà đất sửa đổi"),
    "damaged_name.txt": _decision("Luật Đầu tư côngg ngày 13 tháng 6 năm 2019"),
    "hyphen.txt": _decision("Nghị định số 15/2020/NĐ CP ngày 03 tháng 02 năm 2020 của Chính phủ"),
    "spaced_codes.txt": _decision("Thông tư số 10/2018/TT B T C của Bộ Tài chính"),
    "letter_spaced.txt": _decision("Quyết định số 112/TT g ngày 05 tháng 3 năm 1997"),
    "split_codes.txt": _decision("Quyết định số 45/2018/QĐ số CP của Thủ tướng"),
    "footnote.txt": _decision("Thông tư số 11/2016/TT-BTC2 ngày 01 tháng 3 năm 2016"),
    "lookalike.txt": _decision("Quyết định số 77/2016/QĐ-T\u0422g ngày 01 tháng 3 năm 2016"),
    "no_header.txt": "Xin chào các bạn, hôm nay trời đẹp.\nChúng tôi đi chơi công viên.\n",
    "after_signature.txt": (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 12/2017/QĐ-UBND | An Giang, ngày 05 tháng 3 năm 2017 |\nỦY BAN NHÂN DÂN TỈNH AN GIANG\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Theo đề nghị của Giám đốc Sở Công Thương,\nQUYẾT ĐỊNH:\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n| TM. ỦY BAN NHÂN DÂN |\n"
        "QUẢN LÝ VÀ PHÁT TRIỂN CHỢ TRÊN ĐỊA BÀN TỈNH AN GIANG\nChương I. Quy định chung\n"
        "Quy chế này quy định việc quản lý chợ.\n"),
    "type_not_number.txt": (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 55/2007/CT-UBND | Ninh Thuận, ngày 05 tháng 3 năm 2007 |\nQUYẾT ĐỊNH\n"
        "BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG VÌ SỰ TIẾN BỘ PHỤ NỮ\nỦY BAN NHÂN DÂN TỈNH NINH THUẬN\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành Kế hoạch.\n"),
    "number_not_read.txt": (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 1281/-UBND | Hà Tĩnh, ngày 13 tháng 05 năm 2014 |\nQUYẾT ĐỊNH\n"
        "VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Công bố.\n"),
    # the Kiên Giang sample without its "ă": letters lost that the restoration does not know
    "letters_lost.txt": next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8").replace("ă", " "),
}


def _bytes_inputs() -> dict[str, bytes]:
    """Contents that are no text, or a broken one."""
    from graph.reading.text.decode import _SIGNATURES

    text = "Quyết định về quản lý chợ".encode("utf-16-le")
    out = {
        "empty.txt": b" \n\r\n",
        "nul.txt": b"abc\x00\x00\x00def" * 100,
        "unknown.txt": bytes(range(128, 256)) * 50,
        "u16_surrogate.txt": codecs.BOM_UTF16_LE + text + b"\x00\xd8" + "abc".encode("utf-16-le"),
        "u16_end.txt": codecs.BOM_UTF16_LE + text + b"\x00\xd8",
        "u16_low.txt": codecs.BOM_UTF16_LE + text + b"\x00\xdc" + "abc".encode("utf-16-le"),
        "u32_range.txt": codecs.BOM_UTF32_LE + "Quyết".encode("utf-32-le") + b"\x00\x00\x11\x00",
        "u32_surrogate.txt": codecs.BOM_UTF32_LE + "Quyết".encode("utf-32-le") + b"\x00\xd8\x00\x00",
        "bad_utf8.txt": (HEADER.format(date="05 tháng 3") + CLAUSE * 10).encode().replace(
            b"Quy ch", b"Quy \xff ch", 1),
    }
    out.update((f"signature{k}.txt", magic + b" rest of the file")
               for k, (magic, _w, _h) in enumerate(_SIGNATURES))
    return out


def _die_on_crash(result: FileExtraction) -> FileExtraction:
    """A render that kills the worker reading ``crash.txt`` (as a crash in C code would)."""
    if result.source == "crash.txt" and os.getpid() != PARENT:
        os._exit(3)
    return result


PARENT = os.getpid()


def _edge_messages(tmp: Path) -> Iterator[str]:
    """The problems of the inputs written here, and of the failures no input reaches (a worker that
    dies or runs out of time or memory, a bug, a text nested too deeply), made happen."""
    from graph.reading import extract, pool

    for name, text in DOCUMENTS.items():
        (tmp / name).write_text(text, encoding="utf-8")
    for name, data in _bytes_inputs().items():
        (tmp / name).write_bytes(data)
    with (tmp / "large.txt").open("wb") as f:  # sparse: no disk used
        f.truncate(int(extract.MAX_FILE_MB * 1e6) + 1)
    (tmp / "folder").mkdir()
    (tmp / "folder" / "picture.png").write_bytes(b"\x89PNG\x00")
    files = [tmp / name for name in [*DOCUMENTS, *_bytes_inputs(), "large.txt"]]
    paths = [*files, tmp / "folder", tmp / "missing.txt"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp / "pipe.txt")
        paths.append(tmp / "pipe.txt")
    for p in paths:
        yield from (x.message for x in extract.extract_file(p).problems)
    for item in extract.expand_paths([tmp / "folder", tmp / "missing.txt"]):
        assert isinstance(item, FileExtraction)
        yield from (x.message for x in item.problems)
    with pytest.MonkeyPatch.context() as mp:
        for exc in (PermissionError(13, "Permission denied"), OSError(5, "Input/output error")):
            mp.setattr(Path, "read_bytes", lambda _self, exc=exc: (_ for _ in ()).throw(exc))
            yield from (x.message for x in extract.extract_file(files[0]).problems)
    with pytest.MonkeyPatch.context() as mp:
        for exc in (RecursionError(), None):
            mp.setattr(extract, "read_documents",
                       lambda _prep, exc=exc: (_ for _ in ()).throw(exc) if exc else [])
            yield from (x.message for x in extract.extract_text(DOCUMENTS["cut.txt"], "x").problems)
    with pytest.MonkeyPatch.context() as mp:
        for exc in (MemoryError(), ValueError("a bug")):
            mp.setattr(pool, "extract_file", lambda _p, exc=exc: (_ for _ in ()).throw(exc))
            yield from (x.message for x in pool._read_one(str(files[0]), 1000, lambda r: r).problems)
    slow, crash, fine = (tmp / n for n in ("slow.txt", "crash.txt", "fine.txt"))
    for p in (slow, crash, fine):
        p.write_text(DOCUMENTS["cut.txt"], encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pool, "_timeout", lambda p: 0.0 if p.name == "slow.txt" else 300.0)
        for _i, r in pool.iter_paths([slow, crash, fine], workers=1, render=_die_on_crash):
            yield from (x.message for x in r.problems)


def _ingest_messages(tmp: Path) -> Iterator[str]:
    """The problems of extraction JSON files that cannot be loaded (graph/ingest.py)."""
    from graph.ingest import iter_json

    bad = {"broken.json": "{", "deep.json": "[" * 100_000 + "]" * 100_000,
           "digits.json": '{"source": ' + "1" * 5000 + "}", "nan.json": '{"source": NaN}',
           "lines.jsonl": '{"source": "a.txt"}\n{"source": 1}\n'}
    for name, text in bad.items():
        (tmp / name).write_text(text, encoding="utf-8")
        for x in iter_json(tmp / name):
            yield from (p.message for p in x.problems)


def _corpus_messages() -> Iterator[str]:
    from graph.reading.extract import extract_file

    for folder in (SAMPLES, DEV):
        for path in sorted(folder.glob("*.txt")):
            yield from (p.message for p in extract_file(path).problems)


@pytest.fixture(scope="module")
def messages(tmp_path_factory) -> dict[str, list[str]]:
    """The problem messages written, by where they come from."""
    tmp = tmp_path_factory.mktemp("problems")
    return {"corpus": sorted(set(_corpus_messages())), "edges": sorted(set(_edge_messages(tmp))),
            "ingest": sorted(set(_ingest_messages(tmp)))}


# ------------------------------------------------------------------------------ helpers

def _words(text: str) -> set[str]:
    """The words of ``text`` (two letters or more, in small letters) but names of formats and tools,
    commands in backquotes, placeholders, identifiers and hexadecimal numbers."""
    text = re.sub(r"`[^`]*`|\{\w+\}|\w+_\w+|\b0x[0-9a-f]+", " ", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)} - TECHNICAL


def _templates_used(message: str) -> Iterator[str]:
    """The template of ``message`` and those of the values that are messages themselves."""
    found = template_of(message)
    if found is None:
        return
    template, values = found
    yield template
    for name in SUB_MESSAGES.intersection(values):
        yield from _templates_used(values[name])


def _kept_values(message: str) -> list[str]:
    """The values of ``message`` shown as written (numbers, citations ...)."""
    _template, values = template_of(message) or ("", {})
    out = [v for k, v in values.items() if k not in SUB_MESSAGES]
    for name in SUB_MESSAGES.intersection(values):
        out += _kept_values(values[name]) if template_of(values[name]) else [values[name]]
    return out


def _literals(source: str) -> Iterator[str]:
    """The string literals of ``source`` the code writes (the parts of an f-string; no docstring)."""
    tree = ast.parse(source)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)
                  and isinstance(n.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def _own_words(template: str) -> list[str]:
    """The texts of ``template`` between its placeholders (its hint left out) long enough to be its own."""
    text = template[:-len(HINTED)] if template.endswith(HINTED) else template
    return [part for part in re.split(r"\{\w+\}", text) if len(part.strip()) >= OWN_WORDS]


def _copies(source: str) -> list[tuple[str, str]]:
    """(literal, template) for each literal of ``source`` that writes a template's words again."""
    return [(lit, t) for lit in _literals(source) for t in TEMPLATES if any(w in lit for w in _own_words(t))]


# ------------------------------------------------------------------------------ tests

def test_the_corpora_are_there(messages):
    if not DEV.is_dir():
        pytest.skip(f"no development set at {DEV}")
    assert messages["corpus"]


@pytest.mark.parametrize("where", ["corpus", "edges", "ingest"])
def test_every_message_is_one_of_the_templates(messages, where):
    """A new message in the reading code (or a reason, a hint) without its template here fails."""
    unknown = [m for m in messages[where] if template_of(m) is None]
    assert not unknown, "no template in graph/problem_text.py for:\n" + "\n".join(unknown)
    if where != "ingest":  # the reasons a JSON file is refused are the json module's own words
        loose = [(m, v) for m in messages[where] for k, v in template_of(m)[1].items()
                 if k in SUB_MESSAGES and k != "error" and template_of(v) is None]
        assert not loose, f"reasons or hints without a template: {loose}"


def test_a_template_is_tried_only_where_the_message_starts_with_its_text(messages):
    """:func:`template_of` skips the templates whose text before the first placeholder the message does
    not start with: the same answer as trying every template's whole pattern in order."""
    every = [(t, PROBLEMS._pattern(t)) for t in TEMPLATES]

    def tried_all(message: str) -> tuple[str, dict[str, str]] | None:
        found = next(((t, m) for t, p in every if (m := p.fullmatch(message))), None)
        return (found[0], found[1].groupdict()) if found else None

    written = [m for ms in messages.values() for m in ms]
    variants = [w for m in written for w in (m, m[:-1], m + ".", " " + m)] + ["", "{n}", "line 1: "]
    assert [template_of(m) for m in variants] == [tried_all(m) for m in variants]


def test_every_template_is_written_by_the_code(messages):
    """No template for a message the code does not write (an input above reaches each one)."""
    used = {t for ms in messages.values() for m in ms for t in _templates_used(m)}
    assert set(TEMPLATES) - used == set()


def test_the_reading_code_writes_each_message_from_its_template():
    """A message exists once: the reading code formats the constants of graph/problem_text.py and holds
    no copy of a template's words, which could drift from it."""
    copies = {str(p.relative_to(ROOT)): c for p in WRITERS if (c := _copies(p.read_text(encoding="utf-8")))}
    assert copies == {}, f"write these messages from their template in graph/problem_text.py: {copies}"


def test_a_copy_of_a_templates_words_is_found():
    source = ('"""Says why: the extractor stopped unexpectedly on this file."""\n'
              'def f(n, r):\n    """no such file or folder"""\n'
              '    return f"document number {n!r} was cut between its codes; read as {r!r}"\n'
              'HINT = "nothing to extract; check the file was saved"\n'
              'OK = NO_SUCH_FILE, "line 1: ", "a PDF"\n')
    found = _copies(source)
    assert {lit for lit, _t in found} == {"document number ", " was cut between its codes; read as ",
                                          "nothing to extract; check the file was saved"}
    assert {problem_text.NUMBER_CUT_BETWEEN_CODES, problem_text.NOTHING_TO_EXTRACT} <= {t for _l, t in found}


def test_each_constant_of_a_template_is_used_by_the_reading_code():
    """The templates the code writes are named once and written by name (the reasons of Python's codecs
    are said by Python)."""
    named = {name for name, value in vars(problem_text).items() if name.isupper() and value in TEMPLATES}
    used = {node.attr for p in WRITERS for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute)}  # say.NO_SUCH_FILE ...
    assert named - used == set()
    assert set(TEMPLATES) == {getattr(problem_text, n) for n in named} | set(CODEC_REASONS)


def test_an_input_errors_message_and_hint_make_its_template():
    hinted = [t for t in TEMPLATES if t.endswith(HINTED)]
    assert len(hinted) == 4
    for template in hinted:
        assert without_hint(template) + HINTED == template
    with pytest.raises(ValueError):
        without_hint(problem_text.NOT_UTF16)


def test_the_reading_code_imports_no_gettext():
    """The messages are formatted where a problem is found; gettext is loaded only to show them."""
    code = ("import sys, graph.reading.pool, graph.problem_text; "
            "print(sorted(m for m in ('gettext', 'graph.i18n') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_vietnamese_keeps_no_english_word_and_every_value(messages, vietnamese):
    for m in [m for ms in messages.values() for m in ms]:
        shown = on_screen(m)
        kept = _kept_values(m)
        assert shown != m and all(v in shown for v in kept), (m, shown)
        english = set().union(*(_words(t) for t in _templates_used(m)))
        left = (english & _words(shown)) - set().union(set(), *(_words(v) for v in kept))
        assert not left, f"English left in {shown!r}: {sorted(left)}"


def test_every_template_has_a_vietnamese_translation_without_english(vietnamese):
    for template in TEMPLATES:
        vi = _(template)
        assert vi != template, template
        assert not _words(template) & _words(vi), (template, vi)


def test_english_shows_each_message_as_written(messages):
    set_language("en")
    assert all(on_screen(m) == m for ms in messages.values() for m in ms)


def test_an_unknown_message_comes_back_unchanged(vietnamese):
    for m in ["something new went wrong", "", "line x: no number", "could not read a citation: nothing"]:
        assert on_screen(m) == m


def test_values_stay_as_written_even_when_they_look_like_the_template(vietnamese):
    citation = "Quyết định số 63/ (bản sao) ' (x)"
    m = f"{UNREAD_CITATION}: '{citation}' (its number is cut off or damaged)"
    assert on_screen(m) == (f"không đọc được văn bản được dẫn chiếu: '{citation}' "
                            "(số hiệu bị cắt cụt hoặc hư hỏng)")
    m = "document number \"12/QĐ-UB'ND\" lost the hyphen between its codes; read as '12/QĐ-UBND'"
    shown = on_screen(m)
    assert shown.startswith("số hiệu văn bản \"12/QĐ-UB'ND\" ") and shown.endswith("'12/QĐ-UBND'")
    m = "the date of the cited Luật Đất đai, sửa đổi, 30 tháng 02 năm 2016, does not exist"
    assert on_screen(m) == ("ngày ban hành của Luật Đất đai, sửa đổi được dẫn chiếu, 30 tháng 02 năm 2016, "
                            "không tồn tại")


def test_the_unread_citation_template_opens_with_the_models_words():
    """``lineage check`` finds these warnings by graph.model.UNREAD_CITATION."""
    assert any(t.startswith(UNREAD_CITATION + ": ") for t in TEMPLATES)


def test_the_catalog_extraction_collects_the_marker():
    sys.path.insert(0, str(Path(__file__).parent))
    from test_i18n import messages_in

    source = 'A = (N_("no such file"), _("x"), N_(name), i18n.N_("y"))\n'
    assert messages_in(source) == ["no such file", "x", "y"]


def _cli(args: list[str], lang: str):
    from graph.cli import app

    env = {"COLUMNS": "300", "LINEAGE_LANG": lang, "LC_ALL": "", "LANG": "C.UTF-8"}
    return CliRunner().invoke(app, ["extract", *args], env=env)


def test_lineage_extract_prints_the_problems_in_the_users_language(tmp_path):
    for name in ("cut.txt", "hyphen.txt"):
        (tmp_path / name).write_text(DOCUMENTS[name], encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"\n")
    args = [str(tmp_path / n) for n in ("cut.txt", "hyphen.txt", "empty.txt", "missing.txt")]
    vi, en = _cli([*args, "--format", "json"], "vi"), _cli([*args, "--format", "json"], "en")
    assert vi.exit_code == en.exit_code == 2 and vi.stdout == en.stdout  # the JSON stays English
    problems = [(r["path"], p) for r in json.loads(en.stdout) for p in r["problems"]]
    english = [f"{'error' if p['severity'] == 'error' else 'warning'}: {path}"
               f"{':' + str(p['line']) if p['line'] else ''}: {p['message']}" for path, p in problems]
    assert en.stderr.splitlines() == english
    assert len(vi.stderr.splitlines()) == len(english)
    for said in ["không đọc được văn bản được dẫn chiếu: 'Quyết định số 63/' "
                 "(số hiệu bị cắt cụt hoặc hư hỏng)",
                 "số hiệu văn bản '15/2020/NĐ CP' mất dấu gạch nối giữa các phần ký hiệu; "
                 "đã đọc là '15/2020/NĐ-CP'",
                 "empty.txt: tệp rỗng (không có gì để trích xuất; hãy kiểm tra tệp đã được lưu chưa)",
                 "missing.txt: không có tệp hoặc thư mục này"]:
        assert said in vi.stderr, vi.stderr
    assert not {"could", "document", "file", "such", "number"} & _words(vi.stderr.replace(str(tmp_path), ""))
    table = _cli(args, "vi")
    assert table.exit_code == 2 and table.stderr == vi.stderr


def test_lineage_ingest_says_the_problems_in_the_users_language_and_keeps_its_json_english(tmp_path):
    from graph.cli import app

    (tmp_path / "cut.txt").write_text(DOCUMENTS["cut.txt"], encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    args = ["ingest", str(tmp_path / "cut.txt"), str(tmp_path / "broken.json"), "--store"]

    def ingest(lang: str, store: str):
        env = {"COLUMNS": "300", "LINEAGE_LANG": lang, "LC_ALL": "", "LANG": "C.UTF-8"}
        return CliRunner().invoke(app, [*args, str(tmp_path / store), "--json"], env=env)

    vi, en = ingest("vi", "vi.db"), ingest("en", "en.db")
    assert vi.stderr.splitlines() == [
        "lỗi: broken.json: không phải tệp JSON kết quả trích xuất (Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1))",
        "cảnh báo: cut.txt:6: không đọc được văn bản được dẫn chiếu: 'Quyết định số 63/' "
        "(số hiệu bị cắt cụt hoặc hư hỏng)"], vi.stderr
    assert en.stderr.splitlines() == [
        "error: broken.json: not an extraction JSON file (Expecting property name enclosed in double "
        "quotes: line 1 column 2 (char 1))",
        "warning: cut.txt:6: could not read a citation: 'Quyết định số 63/' "
        "(its number is cut off or damaged)"]
    said = [json.loads(r.stdout) for r in (vi, en)]
    for report in said:  # the JSON is for scripts: English whatever the screen's language
        assert report["warnings"] == ["cut.txt:6: could not read a citation: 'Quyết định số 63/' "
                                      "(its number is cut off or damaged)"]
        assert report["failed"][0]["error"].startswith("broken.json: not an extraction JSON file (Expecting")
        assert "problems" not in report
