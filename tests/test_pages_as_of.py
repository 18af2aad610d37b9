"""``--as-of`` reaches the HTML page: each drawn document's status is the one on that day, as the table.

``bases``, ``status``, ``derived`` and ``show`` take ``--as-of``; their tables gave each basis its status on
that day while the page beside them said today's. Checked on the samples and dev documents ingested for
real: Luật 77/2015/QH13 (cited by the Kiên Giang plan) was replaced in 2025 and was in its first year in
2016.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from derived_stores import ENV
from typer.testing import CliRunner

from graph.cli import app

LAW = "VN:77/2015/QH13"
DAY, SHOWN_DAY = "2016-01-01", "01/01/2016"
PAGE_DATA = re.compile(r'<script id="lineage-data" type="application/json">(.*?)</script>', re.S)


def page_nodes(store: Path, tmp_path: Path, *args: str) -> dict[str, dict]:
    """The document nodes of the page a command writes, by key."""
    page = tmp_path / f"{args[0]}-{len(args)}.html"
    result = CliRunner().invoke(app, [*args, "--store", str(store), "--html", str(page)],
                                env={**ENV, "LINEAGE_LANG": "vi"})
    assert result.exit_code == 0, result.output
    data = json.loads(PAGE_DATA.search(page.read_text("utf-8")).group(1))
    return {n["id"]: n for n in data["nodes"] if n.get("as_of")}


@pytest.mark.parametrize("command", [["bases", "1891/QĐ-UBND"], ["status", "1891/QĐ-UBND"],
                                     ["derived", "77/2015/QH13"], ["show", "1891/QĐ-UBND"]])
def test_the_page_says_the_status_on_the_day_asked(samples_store, tmp_path, command):
    today = page_nodes(samples_store, tmp_path, *command)
    then = page_nodes(samples_store, tmp_path, *command, "--as-of", DAY)
    assert LAW in today and LAW in then
    assert today[LAW]["status"] == "replaced"
    assert then[LAW]["status"] != "replaced"
    assert "65/2025/QH15" in today[LAW]["status_text"]
    assert then.keys() == today.keys()
    assert {n["as_of"] for n in then.values()} == {SHOWN_DAY}
    assert SHOWN_DAY not in {n["as_of"] for n in today.values()}
