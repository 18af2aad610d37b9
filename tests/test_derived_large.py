"""``lineage derived`` of a much-cited document: a summary of the whole answer and its first rows.

On the SQLite store the page is walked and counted by row ids and only its rows are read whole
(:mod:`graph.queries.derived_sql`); its rows must be the whole answer's first rows, as the embedded
(networkx) path and the SQLite store's full answer give them, on the sample and dev documents ingested
for real and on a generated national store.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from derived_stores import ENV, LINEAGE, most_cited
from typer.testing import CliRunner

from graph.cli import app
from graph.cli.derived_view import write_json
from graph.i18n import format_number, set_language
from graph.queries import derived_sql
from graph.queries.derived import derived, derived_page, derived_whole
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.sqlite_backend import SQLiteBackend
from graph.stores.embedded import load_graph


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(app, list(args), env={**ENV, "LINEAGE_LANG": lang})


@cache
def embedded(store: Path) -> EmbeddedBackend:
    """The store loaded whole into networkx (what the demo and stores without SQL answer from)."""
    return EmbeddedBackend(load_graph(store))


def dumped(items) -> list[dict]:
    return [i.model_dump(mode="json") for i in items]


def check_page(store: Path, key: str, depth: int, province: str | None, limit: int) -> None:
    """The page on the SQLite store against the whole answer on the embedded graph and on SQLite."""
    sqlite = SQLiteBackend(store)
    try:
        page = derived_page(sqlite, key, depth, province, limit=limit)
        whole = derived(embedded(store), key, depth, province)
        assert dumped(derived(sqlite, key, depth, province).items) == dumped(whole.items)
    finally:
        sqlite.close()
    assert page.total == len(whole.items)
    assert dumped(page.result.items) == dumped(whole.items[:limit])
    assert page.by_depth == dict(sorted(Counter(i.depth for i in whole.items).items()))
    assert page.by_province == Counter(i.document.province for i in whole.items)
    reached = {lk.target for i in page.result.items for lk in i.via}
    shown = {page.result.document.key, *(i.document.key for i in page.result.items)}
    assert reached - shown <= set(page.names)
    labels = {i.document.key: i.document.number or i.document.label for i in whole.items}
    assert all(labels.get(k, name) == name for k, name in page.names.items())


@pytest.mark.parametrize(("depth", "limit"), [(1, 3), (3, 1), (6, 5), (6, 50)])
def test_the_rows_shown_are_the_whole_answers_first_on_the_samples(samples_store, depth, limit):
    for key in most_cited(samples_store, 3):
        check_page(samples_store, key, depth, None, limit)


@pytest.mark.parametrize(("depth", "limit", "by_province"),
                         [(1, 10, False), (2, 50, False), (6, 50, False), (6, 400, False), (6, 7, True)])
def test_the_rows_shown_are_the_whole_answers_first_on_a_national_store(national_store_10k, depth, limit,
                                                                         by_province):
    key = most_cited(national_store_10k)[0]
    province = None
    if by_province:  # the province with the most documents resting on it
        sqlite = SQLiteBackend(national_store_10k)
        counts = Counter(i.document.province for i in derived(sqlite, key, depth).items)
        sqlite.close()
        province = max((p for p in counts if p), key=lambda p: (counts[p], p))
    check_page(national_store_10k, key, depth, province, limit)


def test_the_page_reads_whole_only_the_first_provinces_documents(national_store_10k, monkeypatch):
    key = most_cited(national_store_10k)[0]
    read = Counter()
    docref_data = derived_sql.docref_data

    def counted(node):
        read[node.key] += 1
        return docref_data(node)

    monkeypatch.setattr(derived_sql, "docref_data", counted)
    monkeypatch.setattr(SQLiteBackend, "reach", lambda *a, **k: pytest.fail("the whole lineage was read"))
    sqlite = SQLiteBackend(national_store_10k)
    page = derived_page(sqlite, key, 6, None, limit=20)
    sqlite.close()
    assert len(page.result.items) == 20 and page.total > 1000
    first = page.result.items[0].document.province  # the documents of the first province read, not all
    assert sum(read.values()) < page.by_province[first] + 100 < page.total


def test_below_the_limit_the_table_is_todays(samples_store):
    key = most_cited(samples_store)[0]
    whole = run("derived", key, "--store", str(samples_store), "--limit", "0")
    assert whole.exit_code == 0, whole.output
    rows = len(derived(SQLiteBackend(samples_store), key).items)
    assert 1 < rows < 50
    for limit in ([], ["--limit", str(rows)], ["--limit", "50"]):
        result = run("derived", key, "--store", str(samples_store), *limit)
        assert result.exit_code == 0, result.output
        assert result.stdout == whole.stdout
    assert "not shown" not in whole.stdout


def test_a_long_answer_is_summed_up_then_cut_in_vietnamese(national_store_10k):
    key = most_cited(national_store_10k)[0]
    sqlite = SQLiteBackend(national_store_10k)
    whole = derived(sqlite, key)
    sqlite.close()
    result = run("derived", key, "--store", str(national_store_10k), "--limit", "5", lang="vi")
    assert result.exit_code == 0, result.output
    out = result.stdout
    set_language("vi")
    try:
        total, omitted = format_number(len(whole.items)), format_number(len(whole.items) - 5)
    finally:
        set_language(None)
    assert "." in total  # thousands, written the Vietnamese way
    lines = out.splitlines()
    assert lines[0].startswith(f"Tổng cộng {total} văn bản; theo bậc: bậc 1: ")
    largest = Counter(i.document.province for i in whole.items if i.document.province).most_common(1)[0]
    assert lines[1].startswith(f"Ở {len({i.document.province for i in whole.items} - {None})} tỉnh, "
                               f"thành phố, nhiều nhất: {largest[0]} {format_number(largest[1])}")
    assert lines[-1].startswith(f"Còn {omitted} văn bản không hiển thị")
    assert "--province" in lines[-1] and "--limit 0" in lines[-1] and "--json" in lines[-1]
    cells = [line.split("│")[2].strip() for line in lines if line.startswith("│")]
    assert [c for c in cells if c] == [i.document.label for i in whole.items[:5]]
    assert len(lines) < 60


def test_json_still_holds_every_document(national_store_10k):
    key = most_cited(national_store_10k)[0]
    result = run("derived", key, "--store", str(national_store_10k), "--json", "--limit", "5")
    assert result.exit_code == 0, result.output
    sqlite = SQLiteBackend(national_store_10k)
    whole = derived(sqlite, key)
    sqlite.close()
    assert result.stdout == whole.model_dump_json(indent=2) + "\n"  # what print_json writes, row by row
    assert len(json.loads(result.stdout)["items"]) == len(whole.items) > 1000


def test_json_of_an_answer_without_rows(samples_store):
    with sqlite3.connect(samples_store) as conn:
        sql = (f"SELECT key FROM nodes n WHERE label = 'Document' AND NOT EXISTS (SELECT 1 FROM edges "
               f"WHERE target = n.id AND type IN {LINEAGE}) ORDER BY key LIMIT 1")
        key, = conn.execute(sql).fetchone()
    result = run("derived", key, "--store", str(samples_store), "--json")
    assert result.exit_code == 1
    whole = derived(SQLiteBackend(samples_store), key)
    assert not whole.items and result.stdout == whole.model_dump_json(indent=2) + "\n"


def whole_json(backend, key: str, depth: int, province: str | None, capsys) -> str:
    """What ``derived --json`` writes, made row by row (:func:`derived_whole`)."""
    capsys.readouterr()
    with derived_whole(backend, key, depth, province) as (head, items, links):
        write_json(head, items, links)
    return capsys.readouterr().out


@pytest.mark.parametrize("depth", [1, 6])
def test_the_whole_answer_row_by_row_is_the_answer(samples_store, national_store_10k, depth, capsys):
    for store, keys in ((samples_store, most_cited(samples_store, 3)),
                        (national_store_10k, most_cited(national_store_10k, 2))):
        sqlite = SQLiteBackend(store)
        for key in keys:
            whole = derived(embedded(store), key, depth)
            provinces = Counter(i.document.province for i in whole.items if i.document.province)
            for province in (None, *(p for p, _ in provinces.most_common(1))):
                expected = derived(embedded(store), key, depth, province).model_dump_json(indent=2) + "\n"
                assert whole_json(sqlite, key, depth, province, capsys) == expected
                assert whole_json(embedded(store), key, depth, province, capsys) == expected
        sqlite.close()
