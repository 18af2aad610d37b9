"""The stores the tests of ``derived`` on large answers share (tests/test_derived_large.py,
tests/test_derived_page_large.py): the sample and dev documents ingested for real, a generated national
store of 10,000 documents (built once a session: see the fixtures in conftest.py), and how to pick a
much-cited document in one."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LINEAGE_SHARED") or ROOT.parent / "shared")
ENV = {"COLUMNS": "200", "NEO4J_URI": "", "LINEAGE_STORE": ""}
#: the relationship types a lineage answer follows, as SQL
LINEAGE = "('CĂN_CỨ', 'THỰC_HIỆN', 'HƯỚNG_DẪN', 'SỬA_ĐỔI')"


def ingest_samples(folder: Path) -> Path:
    """The sample corpus and the dev documents, copied to ``folder`` and ingested for real beside it."""
    from graph.cli import app

    for f in [*(SHARED / "corpus").glob("*.txt"), *(SHARED / "dev" / "docs").glob("*.txt")]:
        shutil.copy(f, folder / f.name)
    store = folder.parent / "samples.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", str(store), "--json", "-j", "1"],
                                env=ENV)
    assert result.exit_code in (0, 2), result.output
    return store


def national_10k(folder: Path) -> Path:
    """A generated national store of 10,000 documents in ``folder``."""
    from benchmarks.national_corpus import national_store

    return national_store(10_000, 1, path=folder / "national.db", rebuild=True)


def most_cited(store: Path, n: int = 1) -> list[str]:
    """The keys of the ``n`` documents most lineage relationships enter."""
    with sqlite3.connect(store) as conn:
        return [k for k, in conn.execute(
            f"SELECT n.key FROM edges e JOIN nodes n ON n.id = e.target WHERE e.type IN {LINEAGE} "
            f"GROUP BY e.target ORDER BY count(*) DESC, n.key LIMIT ?", (n,))]
