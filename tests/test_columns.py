"""At 80 columns the tables never break a number, a date or a key in the middle ("749/QĐ-TT" / "g"), and
``find`` shows whole the very keys its ambiguity hint tells the user to type; prose wraps or is left out.
"""

from __future__ import annotations

import json

import pytest
from query_samples import corpus_graph
from rich.cells import cell_len
from rich.table import Table
from typer.testing import CliRunner

from graph.cli import app
from graph.cli.fit_table import fit
from graph.stores.embedded import save_graph

ENV = {"NEO4J_URI": "", "LINEAGE_STORE": "", "LINEAGE_LANG": "en"}
TABLE = "┏┃┡│├└"  # the first character of a table's lines
MAX_TOKEN = 40  # a key made of a whole name (70 characters and spaces) can only wrap between its words


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("columns") / "corpus.graph"
    save_graph(corpus_graph(), path)
    return path


def run(args: list[str], columns: int, lang: str = "en"):
    return CliRunner().invoke(app, ["--lang", lang, *args], env={**ENV, "COLUMNS": str(columns)})


def _values(data, names: tuple[str, ...]) -> set[str]:
    """Every string under one of ``names`` anywhere in the JSON answer."""
    out: set[str] = set()
    if isinstance(data, dict):
        for k, v in data.items():
            if k in names and isinstance(v, str):
                out.add(v)
            out |= _values(v, names)
    elif isinstance(data, list):
        for v in data:
            out |= _values(v, names)
    return out


COMMANDS = [
    ["find", "Kiên Giang"],
    ["bases", "2174/QĐ-UBND"],
    ["derived", "64/2007/NĐ-CP"],
    ["status", "1891/QĐ-UBND", "--as-of", "2024-01-01"],
    ["agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang"],
    ["targets", "--province", "Kiên Giang"],
    ["compare", "176/KH-UBND", "605/QĐ-UBND"],
    ["path", "176/KH-UBND", "605/QĐ-UBND"],
]


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_numbers_and_dates_stay_whole_at_80_columns(store, args, lang):
    wide = run([*args, "--store", str(store)], 250, lang)
    narrow = run([*args, "--store", str(store)], 80, lang)
    assert narrow.exit_code == wide.exit_code == 0, narrow.output
    rows = [line for line in narrow.stdout.splitlines() if line[:1] in TABLE]  # other lines soft-wrap
    assert rows and all(cell_len(line) <= 80 for line in rows), max(rows, key=cell_len)
    answer = json.loads(run([*args, "--store", str(store), "--json"], 80).stdout)
    tokens = {t for t in _values(answer, ("number", "date", "key", "as_of"))
              if t in wide.stdout and cell_len(t) <= MAX_TOKEN}
    assert tokens
    broken = [t for t in tokens if t not in narrow.stdout]
    assert not broken, f"broken at 80 columns: {broken}"


def test_find_shows_whole_keys_at_80_columns(store):
    answer = json.loads(run(["find", "Kiên Giang", "--store", str(store), "--json"], 80).stdout)
    keys = {m["key"] for m in answer["matches"] if len(m["key"]) <= 40}
    assert len(keys) > 5
    out = run(["find", "Kiên Giang", "--store", str(store), "--limit", "100"], 80).stdout
    shown = {line.strip("│ ").split("│")[-1].strip() for line in out.splitlines()}
    assert keys <= shown or all(k in out for k in keys)


def _headers(t: Table) -> list[str]:
    return [str(getattr(c.header, "plain", c.header)) for c in t.columns]


def test_prose_columns_are_left_out_before_a_key_breaks():
    t = Table("document", "title", "key")
    t.add_row("Quyết định 1891/QĐ-UBND", "Phê duyệt quy hoạch phát triển công nghệ thông tin " * 3,
              "Kiên Giang:1891/QĐ-UBND:2016")
    fit(t, 40, prose=(1,), words=(0,))
    assert _headers(t) == ["document", "key"]
    t = Table("document", "title", "key")
    t.add_row("Quyết định 1891/QĐ-UBND", "Phê duyệt quy hoạch", "Kiên Giang:1891/QĐ-UBND:2016")
    fit(t, 80, prose=(1,), words=(0,))
    assert _headers(t) == ["document", "title", "key"] and t.columns[2].no_wrap


def test_a_key_longer_than_the_screen_folds_and_the_dates_stay_whole():
    """A joint resolution's number and key (38 and 41 characters) beside dates at 80 columns: the key folds
    over two lines and every date stays whole; rich cut the dates to "20/0" and the key to "…ĐCTUBT"."""
    from io import StringIO

    from rich.console import Console

    number = "72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN"
    t = Table("document", "date", "key")
    t.add_row(f"Nghị quyết liên tịch {number}", "20/02/2025", f"VN:{number}")
    t.add_row("Luật 72/2025/QH15", "16/06/2025", "VN:72/2025/QH15")
    out = StringIO()
    Console(file=out, width=80, force_terminal=False).print(fit(t, 80, words=(0,)))
    text = out.getvalue()
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert "20/02/2025" in text and "16/06/2025" in text
    assert "".join(line.split("│")[3].strip() for line in text.splitlines()
                   if line.startswith("│") and "│" in line[1:])[:len(number) + 3] == f"VN:{number}"
