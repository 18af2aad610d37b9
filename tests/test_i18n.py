"""The screen speaks the user's language: every message has a Vietnamese translation, the compiled
catalogs match their sources, Vietnamese numbers use Vietnamese separators, and --lang / LINEAGE_LANG /
the locale choose the language of a real command's output.

Run as a script (``python3 tests/test_i18n.py``) to add new messages to the catalogs (untranslated)
and compile them: the tests then name what is left to translate.
"""

from __future__ import annotations

import ast
import gettext
import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

if __name__ == "__main__":  # run as a script: the project's code, wherever it is installed from
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.i18n import (
    LIBRARY_DOMAIN,
    _,
    format_date,
    format_decimal,
    format_number,
    language,
    set_language,
)

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "graph" / "locale"
SOURCES = ("graph", "visualizations")
LANGS = ("vi", "en")
HEADER = ("Project-Id-Version: policy-lineage\nLanguage: {lang}\nMIME-Version: 1.0\n"
          "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
          "Plural-Forms: {plural}\n")
PLURALS = {"vi": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
#: between the singular and the plural of a message with plural forms (msgid_plural), and between its
#: translated forms (msgstr[0], msgstr[1] …), as a .mo file keeps them
PLURAL = "\0"


# --- the messages of the code ------------------------------------------------------------------------

def messages_in(source: str) -> list[str]:
    """Literal first arguments of ``_("…")`` / ``N_("…")`` (or ``i18n._("…")``) calls in ``source``, and
    of ``ngettext("…", "…", n)`` as "singular\\0plural" (the key a .mo gives a message with plural forms)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", "")
            texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                     for a in node.args[:2]]
            if name in ("_", "N_") and texts[0] is not None:
                found.append(texts[0])
            elif name == "ngettext" and len(texts) == 2 and None not in texts:
                found.append(PLURAL.join(texts))
    return found


def code_messages() -> dict[str, list[str]]:
    """Every message of the project's code -> the files it occurs in."""
    out: dict[str, list[str]] = {}
    for pkg in SOURCES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for msg in messages_in(path.read_text(encoding="utf-8")):
                out.setdefault(msg, []).append(str(path.relative_to(ROOT)))
    return out


def library_messages() -> dict[str, list[str]]:
    """Every message typer passes to gettext itself (its usage errors' frame, its --help words) -> the
    files of typer it occurs in: the catalog of gettext's default domain (graph/i18n.py) says them."""
    import typer

    root = Path(typer.__file__).resolve().parent
    out: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        for msg in messages_in(path.read_text(encoding="utf-8")):
            out.setdefault(msg, []).append(f"typer/{path.relative_to(root)}")
    return out


def help_messages() -> dict[str, list[str]]:
    """Every help text of the ``lineage`` commands and their options -> where it is shown."""
    import typer

    from graph.cli import app
    from graph.cli.app import help_texts

    out: dict[str, list[str]] = {}
    for obj, text in help_texts(typer.main.get_command(app)):
        out.setdefault(text, []).append(f"--help of {getattr(obj, 'name', '')}")
    return out


# --- .po and .mo -------------------------------------------------------------------------------------

def _unquote(s: str) -> str:
    return ast.literal_eval(s)


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (header under ""); fuzzy entries count as untranslated."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    field = None
    fuzzy = False

    def flush() -> None:
        if msgid is not None:  # a message whose forms are all empty is untranslated too
            untranslated = (fuzzy and msgid) or not (msgstr or "").replace(PLURAL, "")
            entries[msgid] = "" if untranslated else msgstr

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            flush()
            msgid = msgstr = field = None
            fuzzy = False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            msgid, field = _unquote(line[6:]), "id"
        elif line.startswith("msgid_plural "):
            msgid, field = msgid + PLURAL + _unquote(line[13:]), "id"
        elif line.startswith("msgstr"):  # msgstr "…", or msgstr[n] "…": the forms joined as a .mo joins them
            text = _unquote(line.partition(" ")[2])
            msgstr = text if msgstr is None else msgstr + PLURAL + text
            field = "str"
        elif line.startswith('"'):
            if field == "id":
                msgid += _unquote(line)
            else:
                msgstr = (msgstr or "") + _unquote(line)
    return entries


def _quote(text: str) -> str:
    s = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{s}"'


def write_po(path: Path, entries: dict[str, str], where: dict[str, list[str]]) -> None:
    lines = []
    for msgid, msgstr in entries.items():
        if msgid:
            lines += [f"#: {f}" for f in sorted(set(where.get(msgid, [])))]
        if PLURAL in msgid:
            singular, plural = msgid.split(PLURAL)
            nplurals = int(re.search(r"nplurals=(\d+)", entries.get("", "nplurals=2")).group(1))
            forms = msgstr.split(PLURAL) if msgstr else [""] * nplurals
            lines += [f"msgid {_quote(singular)}", f"msgid_plural {_quote(plural)}",
                      *(f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(forms)), ""]
        else:
            lines += [f"msgid {_quote(msgid)}", f"msgstr {_quote(msgstr)}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def as_catalog(entries: dict[str, str]) -> dict[object, str]:
    """The translated entries as gettext keeps them once read: a message with plural forms under
    (singular, form number) for each form."""
    out: dict[object, str] = {}
    for msgid, msgstr in entries.items():
        if not (msgid and msgstr):
            continue
        if PLURAL in msgid:
            out.update(((msgid.split(PLURAL)[0], i), form) for i, form in enumerate(msgstr.split(PLURAL)))
        else:
            out[msgid] = msgstr
    return out


def mo_bytes(entries: dict[str, str]) -> bytes:
    """A GNU .mo file of the translated entries (what msgfmt writes)."""
    items = sorted((k.encode(), v.encode()) for k, v in entries.items() if v)
    ids = b"".join(k + b"\0" for k, _ in items)
    strs = b"".join(v + b"\0" for _, v in items)
    n = len(items)
    start = 7 * 4 + 16 * n
    offsets, pos_id, pos_str = [], start, start + len(ids)
    table_ids, table_strs = [], []
    for k, v in items:
        table_ids += [len(k), pos_id]
        table_strs += [len(v), pos_str]
        pos_id += len(k) + 1
        pos_str += len(v) + 1
    del offsets
    header = struct.pack("<7I", 0x950412DE, 0, n, 28, 28 + 8 * n, 0, 0)
    return header + struct.pack(f"<{4 * n}I", *table_ids, *table_strs) + ids + strs


def po_path(lang: str, domain: str = "lineage") -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


#: the catalogs: (language, gettext domain); typer's own messages are only translated into Vietnamese
CATALOGS = [*((lang, "lineage") for lang in LANGS), ("vi", LIBRARY_DOMAIN)]


def update_catalogs() -> None:
    """Add the code's new messages to each .po (untranslated; English needs none), drop those the code
    no longer has, and compile it."""
    where = {**help_messages(), **code_messages()}
    for lang in LANGS:
        path = po_path(lang)
        old = read_po(path) if path.exists() else {}
        entries = {"": HEADER.format(lang=lang, plural=PLURALS[lang])}
        entries.update((k, v) for k, v in old.items() if k in where)
        for msg in where:
            entries.setdefault(msg, "")
        write_po(path, entries, where)
        path.with_suffix(".mo").write_bytes(mo_bytes(entries))
    library = library_messages()
    path = po_path("vi", LIBRARY_DOMAIN)
    old = read_po(path) if path.exists() else {}
    entries = {"": HEADER.format(lang="vi", plural=PLURALS["vi"])}
    entries.update((k, old.get(k, "")) for k in library)
    write_po(path, entries, library)
    path.with_suffix(".mo").write_bytes(mo_bytes(entries))


# --- tests -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_each_compiled_catalog_matches_its_source(lang, domain):
    """The shipped .mo says what the .po says (run ``python3 tests/test_i18n.py`` after editing a .po)."""
    po = as_catalog(read_po(po_path(lang, domain)))
    with po_path(lang, domain).with_suffix(".mo").open("rb") as f:
        mo = {k: v for k, v in gettext.GNUTranslations(f)._catalog.items() if k}  # type: ignore[attr-defined]
    assert mo == po, "the .mo differs from its .po: run python3 tests/test_i18n.py"


def test_every_message_has_a_vietnamese_translation():
    vi = read_po(po_path("vi"))
    missing = {m: f for m, f in code_messages().items() if not vi.get(m)}
    listed = "\n".join(f"  {m!r} ({', '.join(sorted(set(f)))})" for m, f in missing.items())
    assert not missing, f"no Vietnamese translation in graph/locale/vi/LC_MESSAGES/lineage.po for:\n{listed}"


def test_every_help_text_has_a_vietnamese_translation():
    vi = read_po(po_path("vi"))
    missing = sorted(m for m in help_messages() if not vi.get(m))
    assert not missing, "no Vietnamese translation of the --help text:\n" + "\n".join(map(repr, missing))


def test_help_speaks_vietnamese_with_lang_vi():
    from graph.cli import app

    en = CliRunner().invoke(app, ["bases", "--help"], env={"COLUMNS": "200", "LINEAGE_LANG": "en"}).output
    vi = CliRunner().invoke(app, ["--lang", "vi", "bases", "--help"], env={"COLUMNS": "200"}).output
    by_env = CliRunner().invoke(app, ["bases", "--help"], env={"COLUMNS": "200", "LINEAGE_LANG": "vi"}).output
    assert "Which documents underpin this one" in en and "Relationships to follow" in en
    assert "Which documents underpin this one" not in vi and "Relationships to follow" not in vi
    assert vi == by_env and "lineage bases 2174/QĐ-UBND --depth 3" in vi
    top = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200", "LINEAGE_LANG": "vi"}).output
    assert "Lineage graph of Vietnamese policy documents" not in top and "Sơ đồ quan hệ" in top


def test_typers_own_words_on_a_help_screen_follow_the_language():
    """Panel titles, "Usage:", the --help option and [default: …] are typer's words, not ours."""
    from graph.cli import app

    def help_of(*args: str, lang: str) -> str:
        return CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "200", "LINEAGE_LANG": lang}).output

    for args in [("bases",), ()]:
        vi, en = help_of(*args, lang="vi"), help_of(*args, lang="en")
        assert "Cách dùng: lineage" in vi and "Tùy chọn" in vi and "In phần hướng dẫn này rồi thoát." in vi
        assert "Usage:" not in vi and "Show this message and exit." not in vi and "─ Options ─" not in vi
        assert "Usage: lineage" in en and "─ Options ─" in en and "Show this message and exit." in en
    vi = help_of("bases", lang="vi")
    assert "[mặc định: 6]" in vi and "[bắt buộc]" in vi and "[biến môi trường: NEO4J_URI]" in vi
    assert "[default: 6]" in help_of("bases", lang="en")


@pytest.mark.parametrize("domain", ["lineage", LIBRARY_DOMAIN])
def test_translations_keep_the_placeholders(domain):
    """A translation that drops or renames "{n}" would raise or lose data at .format()."""
    import string

    def fields(s: str) -> list[tuple[str, str | None]]:
        return sorted((f, c) for _, f, _, c in string.Formatter().parse(s) if f is not None)

    wrong = [m for m, t in read_po(po_path("vi", domain)).items() if m and t
             if any(fields(m.split(PLURAL)[0]) != fields(form) for form in t.split(PLURAL))]
    assert not wrong, wrong


def test_every_message_typer_translates_has_a_vietnamese_translation():
    """typer words its usage errors' frame and --help words through gettext: a typer that adds one
    fails here (``python3 tests/test_i18n.py`` adds it to messages.po, to translate)."""
    vi = read_po(po_path("vi", LIBRARY_DOMAIN))
    missing = sorted(m for m in library_messages() if not vi.get(m))
    assert library_messages() and not missing, f"no Vietnamese in messages.po for: {missing}"


def _cli(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    """``lineage`` in a process of its own (typer reads its words when it first draws an error)."""
    env = {**os.environ, "LINEAGE_LANG": lang, "COLUMNS": "100", "LINEAGE_STORE": ""}
    env.pop("LANGUAGE", None)
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)


def test_typers_usage_errors_follow_the_language():
    """An unknown command: typer's words ("No such command", the "Error" panel, "Try … for help") are
    Vietnamese on a Vietnamese screen and stay English on an English one; the exit code is 2."""
    vi, en = _cli("bogus", lang="vi"), _cli("bogus", lang="en")
    assert vi.returncode == en.returncode == 2
    assert "Không có lệnh 'bogus'." in vi.stderr and "─ Lỗi ─" in vi.stderr and "Xem hướng dẫn:" in vi.stderr
    assert not {"No such command", "Error", "Try"} & set(re.findall(r"[A-Z][a-z]+(?: such command)?",
                                                                    vi.stderr))
    assert "No such command 'bogus'." in en.stderr and "─ Error ─" in en.stderr and "Try '" in en.stderr
    assert _cli("--lang", "en", "bogus", lang="vi").stderr == en.stderr  # --lang outranks the environment
    assert _cli("--lang", "vi", "bogus", lang="en").stderr == vi.stderr
    # a wrong option: its frame and click's own sentence follow the language (graph/cli/usage_words.py;
    # tests/test_usage_errors_vi.py has every kind)
    vi, en = _cli("bases", "--foo", lang="vi"), _cli("bases", "--foo", lang="en")
    assert vi.returncode == en.returncode == 2
    assert "─ Lỗi ─" in vi.stderr and "Xem hướng dẫn:" in vi.stderr
    assert "Không có tùy chọn --foo." in vi.stderr
    assert "─ Error ─" in en.stderr and "Try '" in en.stderr and "No such option: --foo" in en.stderr


def test_the_extraction_finds_calls_and_ignores_other_strings():
    src = ('x = _("Bases of {d}")\ny = i18n._("hint:")\nz = f(_(name))\nw = "not a message"\n'
           'v = ngettext("{n} file", "{n} files", n)\n')
    assert sorted(messages_in(src)) == ["Bases of {d}", "hint:", "{n} file\0{n} files"]




def test_the_compiled_catalogs_are_package_data():
    """``pip install .`` ships the .mo files (no msgfmt needed on the user's machine)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["graph"]
    for lang, domain in CATALOGS:
        mo = po_path(lang, domain).with_suffix(".mo").relative_to(ROOT / "graph")
        assert any(mo.match(g) for g in globs), f"{mo} is not in [tool.setuptools.package-data] graph"

# --- language choice, numbers, a real command -------------------------------------------------------

@pytest.fixture
def clean_env(monkeypatch):
    for var in ("LINEAGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    set_language(None)
    yield monkeypatch
    set_language(None)


def test_language_comes_from_option_then_env_then_locale(clean_env):
    assert language() == "vi"  # the users' language when nothing says otherwise
    clean_env.setenv("LANG", "C.UTF-8")  # a machine's default locale names no language
    assert language() == "vi"
    clean_env.setenv("LANG", "fr_FR.UTF-8")  # another language: English
    assert language() == "en"
    clean_env.setenv("LANG", "vi_VN.UTF-8")
    assert language() == "vi" and _("document") == "văn bản"
    clean_env.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL outranks LANG
    assert language() == "en" and _("document") == "document"
    clean_env.setenv("LINEAGE_LANG", "vi")
    assert language() == "vi"
    set_language("en")
    assert language() == "en" and _("Bases of {document}") == "Bases of {document}"


def test_vietnamese_dates_and_decimals(clean_env):
    set_language("en")
    assert (format_date("2022-08-26"), format_decimal(15.5)) == ("2022-08-26", "15.5")
    set_language("vi")
    assert (format_date("2022-08-26"), format_decimal(15.5)) == ("26/08/2022", "15,5")
    assert format_decimal(16.0) == "16"
    assert (format_date("2022"), format_date(None)) == ("2022", "")  # a year alone stays as it is


def test_messages_with_plural_forms_are_translated(clean_env):
    """ngettext's messages are in the catalogs (one form in Vietnamese; English keeps its two)."""
    from graph.i18n import ngettext

    set_language("vi")
    assert [ngettext("{total} document", "{total} documents", n) for n in (1, 5)] == ["{total} văn bản"] * 2
    set_language("en")
    assert [ngettext("{total} document", "{total} documents", n) for n in (1, 5)] == [
        "{total} document", "{total} documents"]


def test_vietnamese_numbers_use_vietnamese_separators(clean_env):
    set_language("en")
    assert format_number(1356.66, 2) == "1,356.66" and format_number(2_500_000_000) == "2,500,000,000"
    set_language("vi")
    assert format_number(1356.66, 2) == "1.356,66" and format_number(2_500_000_000) == "2.500.000.000"
    assert format_number(-1234.5, 1) == "-1.234,5"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from query_samples import corpus_graph

    from graph.stores.embedded import save_graph

    path = tmp_path_factory.mktemp("i18n") / "corpus.graph"
    save_graph(corpus_graph(), path)
    return path


def _run(args: list[str], **env: str):
    from graph.cli import app

    base = {"COLUMNS": "200", "NEO4J_URI": "", "LINEAGE_STORE": "", "LINEAGE_LANG": "", "LC_ALL": "",
            "LC_MESSAGES": "", "LANG": "C.UTF-8"}
    return CliRunner().invoke(app, args, env={**base, **env})


def test_bases_speaks_vietnamese_unless_english_is_asked_for(store):
    args = ["bases", "2174/QĐ-UBND", "--depth", "1", "--store", str(store)]
    en = _run(["--lang", "en", *args])
    vi = _run(["--lang", "vi", *args])
    assert en.exit_code == vi.exit_code == 0, vi.output
    assert "Bases of Quyết định 2174/QĐ-UBND" in en.stdout and "up to 1 hops" in en.stdout
    assert "Căn cứ của Quyết định 2174/QĐ-UBND" in vi.stdout and "tối đa 1 bậc" in vi.stdout
    # dates as each language writes them, in the title and the table
    assert "(26/08/2022, UBND tỉnh Kiên Giang)" in vi.stdout and "27/09/2019" in vi.stdout
    assert "(2022-08-26, UBND tỉnh Kiên Giang)" in en.stdout and "2019-09-27" in en.stdout
    assert "2019-09-27" not in vi.stdout
    assert "Bases of" not in vi.stdout and "citing words" not in vi.stdout
    assert _run(args).stdout == vi.stdout  # LANG=C.UTF-8, no LINEAGE_LANG: Vietnamese
    assert _run(args, LINEAGE_LANG="vi").stdout == vi.stdout
    assert _run(args, LANG="vi_VN.UTF-8").stdout == vi.stdout
    assert _run(args, LANG="en_US.UTF-8").stdout == en.stdout
    assert _run(args, LINEAGE_LANG="en").stdout == en.stdout
    assert _run(["--lang", "en", *args], LINEAGE_LANG="vi").stdout == en.stdout


def _shape(data):
    """The JSON with its texts left out: field names, numbers, booleans, nulls."""
    if isinstance(data, dict):
        return {k: _shape(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_shape(v) for v in data]
    return "text" if isinstance(data, str) else data


@pytest.mark.parametrize("args", [
    ["agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang"],
    ["bases", "2174/QĐ-UBND"],
])
def test_json_field_names_and_numbers_stay_the_same_in_both_languages(store, args):
    args = [*args, "--store", str(store), "--json"]
    en, vi = json.loads(_run(["--lang", "en", *args]).stdout), json.loads(_run(args).stdout)
    assert _shape(en) == _shape(vi)


def test_errors_and_hints_speak_vietnamese(store):
    result = _run(["--lang", "vi", "bases", "không có văn bản này", "--store", str(store)])
    assert result.exit_code == 1
    assert result.stderr.startswith("lỗi: không tìm thấy văn bản nào khớp với") and "gợi ý:" in result.stderr


def test_store_errors_speak_vietnamese(tmp_path):
    """The store's own errors (a folder, a file that is not a store) are translated, with their hints."""
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("không phải kho dữ liệu\n", encoding="utf-8")
    for store, vietnamese, english in [
        (tmp_path, "là thư mục, không phải tệp kho dữ liệu", "is a folder, not a store file"),
        (not_a_store, "không phải kho dữ liệu của policy-lineage (không phải cơ sở dữ liệu SQLite",
         "not a policy-lineage store (not a SQLite database"),
    ]:
        args = ["bases", "2174/QĐ-UBND", "--store", str(store)]
        vi, en = _run(args, LINEAGE_LANG="vi"), _run(args, LINEAGE_LANG="en")
        assert vi.exit_code == en.exit_code == 2, vi.output
        assert vi.stderr.startswith(f"lỗi: {store}: {vietnamese}"), vi.stderr
        assert en.stderr.startswith(f"error: {store}: {english}"), en.stderr
        assert "store" not in vi.stderr.replace(str(store), "").replace("--store", "")


def test_agency_budgets_in_vietnamese_use_vietnamese_separators(store):
    args = ["agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang", "--store", str(store)]
    answer = json.loads(_run([*args, "--json"]).stdout)
    budgets = [v for row in answer["budgets"] for k, v in row.items()
               if k.endswith("_dong") and (v or 0) >= 1e12]
    assert budgets, "the sample has a plan with a thousand tỷ or more"
    vi, en = _run(args, COLUMNS="250").stdout, _run(["--lang", "en", *args], COLUMNS="250").stdout
    for dong in budgets:
        ty = dong / 1e9
        vietnamese = format_en(ty).replace(",", "#").replace(".", ",").replace("#", ".")
        assert format_en(ty) in en and vietnamese in vi and vietnamese not in en


def format_en(ty: float) -> str:
    shown = len(f"{ty:.3f}".rstrip("0").partition(".")[2])
    return f"{ty:,.{shown}f} tỷ đồng"


if __name__ == "__main__":
    update_catalogs()
    print(f"updated {', '.join(str(po_path(*c).relative_to(ROOT)) for c in CATALOGS)} and their .mo",
          file=sys.stderr)


def test_a_page_that_cannot_be_written_is_said_in_vietnamese(store, tmp_path):
    """`--html` into a folder that is a file: the page's own error speaks the user's language."""
    blocker = tmp_path / "tệp"
    blocker.write_text("x", encoding="utf-8")
    page = blocker / "trang.html"  # a file cannot hold a folder
    args = ["bases", "2174/QĐ-UBND", "--depth", "1", "--store", str(store), "--html", str(page)]
    vi, en = _run(args, LINEAGE_LANG="vi"), _run(args, LINEAGE_LANG="en")
    assert vi.exit_code == en.exit_code == 2, vi.output
    assert vi.stderr.startswith(f"lỗi: {page}: không ghi được trang HTML"), vi.stderr
    assert en.stderr.startswith(f"error: {page}: cannot write the HTML page"), en.stderr
    assert not page.exists()
