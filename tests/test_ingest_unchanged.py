"""``lineage ingest`` leaves unread a text file whose bytes and reader are those of its last ingest.

Real CLI runs on copies of the sample texts (``graph/data/corpus``) and the dev documents in tmp folders;
what is read is seen by the report's counts and by a spy on the in-process extraction (``-j 1``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from g1_samples import CORPUS, ROOT
from typer.testing import CliRunner

import graph.reading.extract
import graph.reading.fingerprint
from graph.cli import app
from graph.stores import ingested_files, sqlite_store

runner = CliRunner()
DEV_DOCS = Path(os.environ.get("LINEAGE_SHARED") or ROOT.parent / "shared") / "dev" / "docs"


def ingest(*args: str) -> dict:
    """``lineage ingest ARGS --json -j 1``: the report."""
    result = runner.invoke(app, ["ingest", *args, "--json", "-j", "1"])
    assert result.exit_code in (0, 2), result.output
    return json.loads(result.stdout)


def dump(store: Path) -> list[str]:
    """Every row of the store, as SQL."""
    with contextlib.closing(sqlite3.connect(store)) as conn:
        return list(conn.iterdump())


def facts(store: Path) -> dict[str, set[tuple]]:
    """What the store says, by keys (a file read again gets new row ids and its properties come in
    another order: the order facts came in)."""
    def rows(sql: str) -> set[tuple]:
        return {(*r[:-1], json.dumps(json.loads(r[-1]), sort_keys=True)) for r in conn.execute(sql)}

    with contextlib.closing(sqlite3.connect(store)) as conn:
        return {
            "nodes": rows("SELECT key, label, labels, number, province, source, props FROM nodes"),
            "edges": rows("SELECT a.key, e.type, b.key, e.file, e.line, e.props FROM edges e "
                          "JOIN nodes a ON a.id = e.source JOIN nodes b ON b.id = e.target"),
            "search": set(conn.execute("SELECT n.key, s.folded FROM doc_search s "
                                       "JOIN nodes n ON n.id = s.rowid")),
            "meta": set(conn.execute("SELECT * FROM meta")),
        }


def records(store: Path) -> dict[str, tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(store)) as conn:
        return ingested_files.recorded(conn)


def edges(store: Path) -> set[tuple[str, str, str, str]]:
    """(from key, type, to key, file) of every relationship."""
    with contextlib.closing(sqlite3.connect(store)) as conn:
        return set(conn.execute("SELECT a.key, e.type, b.key, e.file FROM edges e "
                                "JOIN nodes a ON a.id = e.source JOIN nodes b ON b.id = e.target"))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "van-ban"
    docs.mkdir()
    for p in sorted(CORPUS.glob("*.txt")):
        shutil.copy(p, docs / p.name)
    return docs


@pytest.fixture()
def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the text files read (in this process: ``-j 1``)."""
    read: list[str] = []
    real = graph.reading.extract.extract_file

    def extract_file(path):
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(graph.reading.extract, "extract_file", extract_file)
    return read


def test_an_unchanged_folder_is_not_read_again_and_the_store_stays_as_it_was(folder, tmp_path, spy):
    store = tmp_path / "kho.db"
    first = ingest(str(folder), "--store", str(store))
    assert first["loaded"] == 5 and first["unchanged"] == 0 and len(spy) == 5
    assert set(records(store)) == {p.name for p in folder.iterdir()}
    before = dump(store)
    spy.clear()
    again = ingest(str(folder), "--store", str(store))
    assert spy == [] and again["unchanged"] == 5 and again["loaded"] == 0 and again["documents"] == 0
    assert (again["nodes"], again["relationships"]) == (first["nodes"], first["relationships"])
    assert dump(store) == before


def test_the_screen_says_how_many_were_left_in_vietnamese(folder, tmp_path):
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    result = runner.invoke(app, ["--lang", "vi", "ingest", str(folder), "--store", str(store)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "không có gì thay đổi: cả 5 tệp vẫn như lần nạp trước, không đọc lại" in said
    assert "không lưu được gì" not in said and "0/5" not in said
    text = sorted(folder.iterdir())[0].read_text(encoding="utf-8")
    (folder / "moi.txt").write_text(text.replace("Căn cứ", "Căn  cứ"), encoding="utf-8")  # a sixth, new file
    result = runner.invoke(app, ["--lang", "vi", "ingest", str(folder), "--store", str(store)])
    said = " ".join(result.stdout.split())
    assert "1/6 tệp" in said and "5 tệp không thay đổi từ lần nạp trước: không đọc lại" in said


def test_an_edited_file_is_read_again_and_its_old_facts_go(folder, tmp_path, spy):
    store, fresh = tmp_path / "kho.db", tmp_path / "moi.db"
    ingest(str(folder), "--store", str(store))
    edited = sorted(folder.iterdir())[0]
    text = edited.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("Căn cứ Nghị quyết số"))
    number = re.search(r"số (\S+)", line).group(1)
    assert any(number.lower() in to.lower() for _a, kind, to, f in edges(store)
               if kind == "CĂN_CỨ" and f == edited.name)
    edited.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    spy.clear()
    report = ingest(str(folder), "--store", str(store))
    assert spy == [edited.name] and report["loaded"] == 1 and report["unchanged"] == 4
    assert not any(number.lower() in to.lower() for _a, kind, to, f in edges(store)
                   if kind == "CĂN_CỨ" and f == edited.name)
    assert records(store)[edited.name][0] == ingested_files.file_digest(edited)
    ingest(str(folder), "--store", str(fresh))
    assert edges(store) == edges(fresh)  # as if the folder had been read from scratch


def test_a_changed_reader_reads_everything_again(folder, tmp_path, spy, monkeypatch):
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    before = facts(store)
    monkeypatch.setattr(graph.reading.fingerprint, "reader_fingerprint", lambda: "a new release")
    spy.clear()
    report = ingest(str(folder), "--store", str(store))
    assert len(spy) == 5 and report["loaded"] == 5 and report["unchanged"] == 0
    assert {r for _h, r in records(store).values()} == {"a new release"}
    assert facts(store) == before
    spy.clear()
    assert ingest(str(folder), "--store", str(store))["unchanged"] == 5 and spy == []


def test_reread_reads_everything(folder, tmp_path, spy):
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    before = facts(store), records(store)
    spy.clear()
    report = ingest(str(folder), "--store", str(store), "--reread")
    assert len(spy) == 5 and report["loaded"] == 5 and report["unchanged"] == 0
    assert (facts(store), records(store)) == before


def test_remove_then_ingest_reads_the_file_again(folder, tmp_path, spy):
    store = tmp_path / "kho.db"
    first = ingest(str(folder), "--store", str(store))
    name = sorted(p.name for p in folder.iterdir())[1]
    removed = runner.invoke(app, ["remove", name, "--store", str(store)])
    assert removed.exit_code == 0, removed.output
    assert name not in records(store)
    spy.clear()
    report = ingest(str(folder), "--store", str(store))
    assert spy == [name] and report["unchanged"] == 4
    assert (report["nodes"], report["relationships"]) == (first["nodes"], first["relationships"])


def test_a_file_without_a_document_is_recorded_and_can_be_removed(tmp_path, spy):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ghi-chu.txt").write_text("Ghi chú: họp giao ban sáng thứ Hai.\n", encoding="utf-8")
    store = tmp_path / "kho.db"
    ingest(str(docs), "--store", str(store))
    assert "ghi-chu.txt" in records(store)
    assert runner.invoke(app, ["remove", "ghi-chu.txt", "--store", str(store)]).exit_code == 0
    assert records(store) == {}


def test_an_interrupted_run_records_nothing(folder, tmp_path, monkeypatch):
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    for p in folder.iterdir():  # every file edited: all to read again
        p.write_text(p.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = dump(store)
    real, read = graph.reading.extract.extract_file, []

    def extract_file(path):
        read.append(path)
        if len(read) == 3:
            raise KeyboardInterrupt
        return real(path)

    monkeypatch.setattr(graph.reading.extract, "extract_file", extract_file)
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "-j", "1"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert dump(store) == before  # the old records stand, and do not match the edited files
    monkeypatch.setattr(graph.reading.extract, "extract_file", real)
    assert ingest(str(folder), "--store", str(store))["loaded"] == 5


def test_a_file_that_fails_loses_its_record_and_keeps_its_facts(folder, tmp_path, monkeypatch):
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    name = sorted(p.name for p in folder.iterdir())[2]
    facts = {e for e in edges(store) if e[3] == name}
    real = graph.reading.extract.extract_file
    monkeypatch.setattr(graph.reading.extract, "extract_file", lambda p: graph.reading.extract.failed(
        Path(p), "cannot be read") if Path(p).name == name else real(p))
    report = ingest(str(folder), "--store", str(store), "--reread")
    assert [f["file"] for f in report["failed"]] == [str(folder / name)]
    assert name not in records(store) and len(records(store)) == 4
    assert facts and facts <= edges(store)
    monkeypatch.setattr(graph.reading.extract, "extract_file", real)
    again = ingest(str(folder), "--store", str(store))
    assert again["loaded"] == 1 and again["unchanged"] == 4 and name in records(store)


def test_a_file_edited_while_it_is_read_is_not_recorded(folder, tmp_path, monkeypatch):
    store = tmp_path / "kho.db"
    real = graph.reading.extract.extract_file
    name = sorted(p.name for p in folder.iterdir())[0]

    def extract_file(path):
        got = real(path)
        if Path(path).name == name:  # the user saves a new version as the run reads the old one
            Path(path).write_text(Path(path).read_text(encoding="utf-8") + "\nPhụ lục\n", encoding="utf-8")
        return got

    monkeypatch.setattr(graph.reading.extract, "extract_file", extract_file)
    ingest(str(folder), "--store", str(store))
    assert name not in records(store) and len(records(store)) == 4
    monkeypatch.setattr(graph.reading.extract, "extract_file", real)
    assert ingest(str(folder), "--store", str(store))["loaded"] == 1


def test_two_files_of_one_name_are_both_read_every_time(tmp_path, spy):
    dev = sorted(DEV_DOCS.glob("*.txt"))[:3]
    one, two = tmp_path / "quy-1", tmp_path / "quy-2"
    one.mkdir()
    two.mkdir()
    for p in dev:
        shutil.copy(p, one / p.name)
    shutil.copy(dev[1], two / dev[0].name)  # another text under the first one's name
    store = tmp_path / "kho.db"
    ingest(str(one), str(two), "--store", str(store))
    assert set(records(store)) == {dev[1].name, dev[2].name}
    spy.clear()
    report = ingest(str(one), str(two), "--store", str(store))
    assert sorted(spy) == sorted([dev[0].name, dev[0].name]) and report["unchanged"] == 2


def test_extraction_json_is_not_concerned(tmp_path, spy):
    store = tmp_path / "kho.db"
    gold = ROOT / "tests" / "fixtures" / "gold"
    ingest(str(gold), "--store", str(store))
    again = ingest(str(gold), "--store", str(store))
    assert again["unchanged"] == 0 and again["loaded"] == again["files"] and records(store) == {}


def test_a_store_of_version_3_is_upgraded_and_read_whole_once(folder, tmp_path, spy):
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    with contextlib.closing(sqlite3.connect(store)) as conn:  # as version 3 wrote it
        conn.execute("DROP TABLE ingested_files")
        conn.execute("PRAGMA user_version = 3")
        conn.commit()
    spy.clear()
    report = ingest(str(folder), "--store", str(store))
    assert len(spy) == 5 and report["unchanged"] == 0
    with contextlib.closing(sqlite3.connect(store)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION == 4
    assert len(records(store)) == 5
    assert ingest(str(folder), "--store", str(store))["unchanged"] == 5


def test_the_fingerprint_covers_every_module_reading_and_loading_imports():
    """Reading a text and turning what it gives into nodes and relationships import, outside graph/reading
    and graph/loaders, only modules the fingerprint hashes."""
    code = ("import sys; from graph.reading import extract, pool; from graph.loaders import build; "
            f"build.build_graph([extract.extract_file({str(sorted(CORPUS.glob('*.txt'))[0])!r})]); "
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('graph') "
            "and getattr(m, '__file__', None)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    used = {Path(f).resolve() for f in out.stdout.split()}
    hashed = {p.resolve() for p in graph.reading.fingerprint.reader_files()}
    assert used - hashed == {p for p in used if p.suffix == ".so"}
    assert graph.reading.fingerprint.reader_fingerprint() == graph.reading.fingerprint.reader_fingerprint()


def test_extraction_json_of_an_unchanged_file_name_stores_both_as_before(folder, tmp_path, spy):
    """Facts under one name from a text left unread and from extraction JSON: the text is read after
    all, both are stored (as when both are read) and the name keeps no record."""
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    name = sorted(p.name for p in folder.iterdir())[0]
    text_facts = {e for e in edges(store) if e[3] == name}
    other = graph.reading.extract.extract_file(sorted(DEV_DOCS.glob("*.txt"))[0])
    other = other.model_copy(update={"source": name})
    (tmp_path / "them.json").write_text(other.model_dump_json(), encoding="utf-8")
    spy.clear()
    report = ingest(str(folder), str(tmp_path / "them.json"), "--store", str(store))
    assert spy == [name] and report["unchanged"] == 4 and not report["failed"]
    both = {e for e in edges(store) if e[3] == name}
    assert text_facts < both
    assert name not in records(store) and len(records(store)) == 4


def test_removing_one_document_of_a_file_drops_its_record(folder, tmp_path):
    store = tmp_path / "kho.db"
    ingest(str(folder), "--store", str(store))
    name = sorted(p.name for p in folder.iterdir())[0]
    with contextlib.closing(sqlite3.connect(store)) as conn:
        (key,) = conn.execute("SELECT key FROM nodes WHERE source = ? AND label = 'Document'",
                              (name,)).fetchone()
    result = runner.invoke(app, ["remove", key, "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert name not in records(store) and len(records(store)) == 4
    assert ingest(str(folder), "--store", str(store))["loaded"] == 1
