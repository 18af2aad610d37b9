"""The sample corpus as lineage graphs for the query tests.

- :func:`gold_graph`: the hand-checked gold extractions of the five corpus files
  (``tests/fixtures/gold``), built into a graph by the real builder (:mod:`graph.loaders.build`),
  so query tests do not depend on how well extraction does today.
- :func:`corpus_graph`: the corpus files through the whole pipeline (extraction, then the builder),
  what ``lineage ingest graph/data/corpus`` stores.
- :func:`sqlite_copy`: a graph written to a SQLite store file (``graph/stores/sqlite_schema.sql``),
  for :class:`graph.queries.sqlite_backend.SQLiteBackend`.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from graph.lineage_graph import Graph
from graph.loaders.build import build_graph
from graph.model import FileExtraction
from graph.queries import agency, bases, check, compare, derived, find, path, status, targets
from graph.queries.status_results import DocumentStatus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
CORPUS = ROOT / "graph" / "data" / "corpus"


@cache
def _gold() -> Graph:
    files = sorted(GOLD.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold extractions in {GOLD}")
    return build_graph(FileExtraction.model_validate(json.loads(p.read_text("utf-8"))) for p in files)


def gold_graph() -> Graph:
    """A fresh copy of the graph built from the gold extractions."""
    return _gold().copy()


@cache
def _corpus() -> Graph:
    from graph.reading.extract import extract_file

    return build_graph(extract_file(p) for p in sorted(CORPUS.glob("*.txt")))


def corpus_graph() -> Graph:
    """A fresh copy of the graph the real pipeline builds from the sample corpus."""
    return _corpus().copy()


def sqlite_copy(g: Graph, path: Path) -> Path:
    """``g`` saved as a new SQLite store file at ``path`` (what ``lineage ingest`` writes)."""
    from graph.stores.embedded import save_graph

    save_graph(g, path)
    return path


def recorded_queries(monkeypatch) -> tuple[list[str], list[str]]:
    """(statements, query plans) of every SQL statement an :class:`SQLiteBackend` runs from now on."""
    from graph.queries.sqlite_backend import SQLiteBackend

    statements: list[str] = []
    plans: list[str] = []
    query = SQLiteBackend._query

    def explained(self, sql, params=()):
        params = tuple(params)
        statements.append(sql)
        plans.extend(r[3] for r in self.db.execute("EXPLAIN QUERY PLAN " + sql, params))
        return query(self, sql, params)

    monkeypatch.setattr(SQLiteBackend, "_query", explained)
    return statements, plans


QUERIES = {
    "find title words": lambda b: find.find(b, "chuyen doi so kien giang"),
    "find number": lambda b: find.find(b, "1891"),
    "bases 2174": lambda b: bases.bases(b, "2174/QĐ-UBND"),
    "bases 1891 depth 3": lambda b: bases.bases(b, "1891/QĐ-UBND", 3),
    "bases 176 depth 1": lambda b: bases.bases(b, "176/KH-UBND", 1),
    "derived 64/2007": lambda b: derived.derived(b, "64/2007/NĐ-CP"),
    "derived 36-NQ/TW": lambda b: derived.derived(b, "36-NQ/TW", 2),
    "derived Tiền Giang": lambda b: derived.derived(b, "64/2007/NĐ-CP", province="Tiền Giang"),
    "status 1891": lambda b: status.status(b, "1891/QĐ-UBND"),
    "status 2174 depth 2": lambda b: status.status(b, "2174/QĐ-UBND", 2),
    "status 2174 as of 2025-04-01": lambda b: status.status(b, "2174/QĐ-UBND", as_of=dt.date(2025, 4, 1)),
    "document status of the 2025 laws": lambda b: StatusMap(statuses=status.document_status(
        b, ["VN:77/2015/QH13", "VN:65/2025/QH15", "VN:72/2025/QH15", "VN:11/2003/QH11"])),
    "agency": lambda b: agency.agency(b, "Sở Thông tin và Truyền thông", "Kiên Giang"),
    "targets": lambda b: targets.targets(b, "Kiên Giang"),
    "targets metric": lambda b: targets.targets(b, "Kiên Giang", "mức độ 4"),
    "path across provinces": lambda b: path.path(b, "176/KH-UBND", "605/QĐ-UBND"),
    "path to the Politburo": lambda b: path.path(b, "1578/QĐ-UBND", "52-NQ/TW"),
    "compare documents": lambda b: compare.compare(b, "176/KH-UBND", "2174"),
    "compare provinces": lambda b: compare.compare(b, "Kiên Giang", "Tiền Giang", provinces=True),
    "check": lambda b: check.check(b),
    "derived Đồng Tháp": lambda b: derived.derived(b, "64/2007/NĐ-CP", province="Đồng Tháp"),
    "agency in An Giang": lambda b: agency.agency(b, "Sở Thông tin và Truyền thông", "An Giang"),
    "targets An Giang": lambda b: targets.targets(b, "An Giang", "mức độ 4"),
    "find in An Giang": lambda b: find.find(b, "1891", "An Giang"),
    "compare merged provinces": lambda b: compare.compare(b, "An Giang", "Đồng Tháp", provinces=True),
}


class StatusMap(BaseModel):
    statuses: dict[str, DocumentStatus]
