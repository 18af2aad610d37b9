"""Re-ingesting a folder: each file read again is retracted and settled looking only at what it said
and touched, and the store comes out exactly as it did when retraction looked at everything in memory.

The folder is the samples, twice with their numbers and dates varied so that files cite the same laws
(or the samples and the development documents, when these are beside the repository); the edited folder has a
citation taken out of one file, a document's year changed in another, a project dropped from a
third (real text, where the extraction says those facts are) and a file renamed.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from benchmarks.ingest import dump, edited_folder
from benchmarks.make_corpus import _provinces, vary
from graph import ingest as ingest_module
from graph.ingest import ingest, remove
from graph.reading.extract import extract_file
from graph.reading.restore.damage import is_damaged
from graph.stores.sqlite_graph import StoreGraph
from graph.stores.sqlite_numbers import Numbered
from tests.sample_texts import CORPUS, DEV

COPIES = 1 if DEV.is_dir() else 2  # files enough that several cite the same laws, and a quick test


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The folder and its edited copy as extraction JSON (read once), and the store of the first."""
    tmp = tmp_path_factory.mktemp("reingest")
    sources = sorted(CORPUS.glob("*.txt")) + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])
    rng, provinces = random.Random(7), _provinces()
    texts = tmp / "texts"
    texts.mkdir()
    files = []
    for k in range(COPIES):
        for p in sources:
            f = texts / f"{k}_{p.name}"
            text = p.read_text(encoding="utf-8")
            f.write_text(vary(text, rng, rng.choice(provinces), is_damaged(text)), encoding="utf-8")
            files.append(f)
    edits, renamed = edited_folder(files, tmp / "edited", changed=5)
    assert set(edits.values()) == {"change_year", "drop_citation", "drop_project"}
    out = {"edits": edits, "renamed": renamed, "files": [f.name for f in files]}
    for name, folder in (("base", texts), ("edited", tmp / "edited")):
        extractions = [json.loads(extract_file(f).model_dump_json()) for f in sorted(folder.glob("*.txt"))]
        out[name] = tmp / f"{name}.json"
        out[name].write_text(json.dumps(extractions, ensure_ascii=False), encoding="utf-8")
    out["first"] = tmp / "first.db"
    ingest([out["base"]], store=out["first"], workers=1)
    return out


def _old_ways(m: pytest.MonkeyPatch) -> None:
    """Retraction as it was: iterating over everything in memory, the numbered nodes gathered anew."""
    scoped = StoreGraph.scoped
    m.setattr(StoreGraph, "scoped", lambda self, keys=None: scoped(self))
    update = Numbered.update

    def update_all(self: Numbered, *args: Any) -> Any:
        self.dirty = None
        return update(self, *args)
    m.setattr(Numbered, "update", update_all)


def _again(folders: dict[str, Any], tmp: Path, name: str, what: str | Path = "edited") -> Path:
    """A copy of the first store with the folder ``what`` (or that JSON file) ingested again into it."""
    store = tmp / f"{name}.db"
    shutil.copy(folders["first"], store)
    ingest([folders[what] if isinstance(what, str) else what], store=store, workers=1)
    return store


def _props(text: str) -> str:
    return json.dumps(json.loads(text), sort_keys=True)


def content(store: Path) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """Nodes (key, properties) and relationships (keys, type, properties): what the store says,
    whatever the row ids, ``seq`` and order of properties."""
    conn = sqlite3.connect(store)
    keys = dict(conn.execute("SELECT id, key FROM nodes"))
    nodes = {(k, _props(p)) for k, p in conn.execute("SELECT key, props FROM nodes")}
    rels = {(keys[s], t, keys[d], _props(p))
            for s, t, d, p in conn.execute("SELECT source, type, target, props FROM edges")}
    conn.close()
    return nodes, rels


def _dated(nodes: set[tuple[Any, ...]], source: str | None = None) -> set[tuple[str, str | None]]:
    """(key, date) of the nodes (of those read from ``source``)."""
    read = [(key, json.loads(p)) for key, p in nodes]
    return {(key, d.get("date")) for key, d in read if source is None or d.get("source") == source}


@pytest.mark.parametrize("what", ["edited", "base"])
def test_the_same_store_as_retracting_over_everything(folders: dict[str, Any], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, what: str) -> None:
    new = _again(folders, tmp_path, "new", what)
    with monkeypatch.context() as m:
        _old_ways(m)
        old = _again(folders, tmp_path, "old", what)
    assert dump(new) == dump(old)  # every row: ids, seq, properties, the retracted log
    assert dump(new) != dump(folders["first"])


def test_remove_leaves_the_same_store(folders: dict[str, Any], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    stores = {}
    for way in ("new", "old"):
        stores[way] = tmp_path / f"{way}.db"
        shutil.copy(folders["first"], stores[way])
        with monkeypatch.context() as m:
            if way == "old":
                _old_ways(m)
            report = remove(folders["files"][1], store=stores[way])
        assert report.relationships_removed > 0
    assert dump(stores["new"]) == dump(stores["old"])


def test_unchanged_files_read_again_change_nothing(folders: dict[str, Any], tmp_path: Path) -> None:
    assert content(_again(folders, tmp_path, "again", "base")) == content(folders["first"])


def test_an_edited_file_loses_its_old_facts_and_the_others_keep_theirs(folders: dict[str, Any],
                                                                        tmp_path: Path) -> None:
    before, after = content(folders["first"]), content(_again(folders, tmp_path, "edited"))
    said = {(f, n): {r for r in facts[1] if json.loads(r[3]).get("source") == f}
            for f in folders["files"] for n, facts in (("before", before), ("after", after))}
    edits = folders["edits"]
    for f in folders["files"]:
        if f not in edits:  # the others (the renamed one's old name too: not read again) keep what they said
            assert said[f, "before"] <= said[f, "after"], f
    for f, how in edits.items():
        related = {n: {r[:3] for r in said[f, n]} for n in ("before", "after")}
        gone = related["before"] - related["after"]  # (lines after the edit moved: the rest is said again)
        if how == "drop_citation":
            assert gone, f
        if how == "drop_project":
            dropped = {r[2] for r in gone if r[1] == "GỒM"}
            assert dropped and not dropped & {key for key, _ in after[0]}, f
        if how == "change_year":  # the document's date (and its key, when the key has the year) changed
            old = _dated(before[0], f) - _dated(after[0], f)
            assert old and not old & _dated(after[0]), f


def test_what_a_file_costs_does_not_grow_with_the_files_read_before_it(
        folders: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The nodes retraction and settling look at for the last file are the same whether the whole
    folder is read again or that file alone."""
    looked: list[tuple[str, int]] = []
    reach = ingest_module.reach

    def counted(g: Any, sources: set[str], near: Any) -> set[str]:
        found = reach(g, sources, near)
        looked.append((min(sources), len(found)))
        return found
    monkeypatch.setattr(ingest_module, "reach", counted)
    _again(folders, tmp_path, "all", "base")
    last = json.loads(folders["base"].read_text(encoding="utf-8"))[-1]
    alone = tmp_path / "alone.json"
    alone.write_text(json.dumps([last], ensure_ascii=False), encoding="utf-8")
    in_folder = [n for s, n in looked if s == last["source"]]
    looked.clear()
    _again(folders, tmp_path, "one", alone)
    assert in_folder == [n for _, n in looked] and len(in_folder) == 2
    assert max(in_folder) < len(content(folders["first"])[0]) / 4
