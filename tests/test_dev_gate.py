"""The regression gate: extraction scored against the hand annotations of real documents.

``../shared/dev`` (60 real documents from other provinces, ministries and decades) and the samples
(``../shared/corpus`` against ``../shared/gold/seeds``) are extracted by the real CLI and scored by the
project's own scorer (``../shared/tools/score.py``). A field that drops below the figure reached fails the
test, so later work cannot quietly undo it. Raise a floor when extraction gets better; never lower one
to make a change pass. The dev set is a ruler, not a fixture: nothing of it is in the code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "dev"
SCORE = SHARED / "tools" / "score.py"

#: the figures reached (F1 for citation fields, accuracy for header fields); the gate fails below them
FLOORS: dict[str, dict[str, float]] = {
    "dev": {
        "documents_found": 1.0,
        "bases": 0.992, "nested": 0.967, "references": 0.948, "attached_to": 1.0, "proposals": 1.0,
        "supersedes": 1.0, "assignments": 0.769, "targets": 0.923,
        "number": 0.97, "doc_type": 0.955, "date": 0.985, "issuer": 0.97, "province": 0.97,
        "title": 0.926, "signer": 1.0,
    },
    "damaged": {
        "bases": 0.937, "references": 0.875, "number": 0.846, "issuer": 0.923,
    },
    "samples": {
        "documents_found": 1.0,
        "bases": 1.0, "nested": 1.0, "references": 1.0, "attached_to": 1.0, "proposals": 1.0,
        # projects: 0.92 -> 0.81 on purpose. The sample gold (seeds/001_…, lines 436-548) lists as projects
        # the 15 rows of the review table under "I. KẾT QUẢ … / 8. Đánh giá đầu tư"; issue 14 says they are
        # not the plan's tasks, so they are no longer read as projects (precision stays 1.0)
        "assignments": 1.0, "targets": 1.0, "projects": 0.81,
        "number": 1.0, "doc_type": 1.0, "date": 1.0, "issuer": 1.0, "province": 1.0, "title": 1.0,
        "signer": 1.0,
    },
}


def _need_shared() -> None:
    if DEV.is_dir() and SCORE.is_file():
        return
    reason = f"the development set is not beside the repository ({SHARED} has no dev/ or tools/score.py)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _extract(files: list[Path], out: Path) -> Path:
    command = [sys.executable, "-m", "graph.cli", "extract", *map(str, files), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=900)
    # 1: warnings (a date that does not exist …); never a crash, and one extraction per file
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert len(json.loads(done.stdout)) == len(files)
    out.write_text(done.stdout, encoding="utf-8")
    return out


def _score(pred: Path, gold: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, str(SCORE), "--pred", str(pred), "--gold", str(gold), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=True)
    report = json.loads(done.stdout)
    found, total = (int(x) for x in report["documents_found"].split("/"))
    figures = {"documents_found": found / total}
    figures.update(report["header_accuracy"])
    figures.update({name: field["f1"] for name, field in report["fields"].items()})
    return figures


def _below(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [f"{name}: {figures.get(name)} < {floor}" for name, floor in floors.items()
            if figures.get(name) is None or figures[name] < floor - 1e-9]


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    _need_shared()
    tmp = tmp_path_factory.mktemp("dev-gate")
    docs = sorted((DEV / "docs").glob("*.txt"))
    pred = _extract(docs, tmp / "dev.json")
    damaged = {line.strip() for line in (DEV / "damaged.txt").read_text("utf-8").splitlines() if line.strip()}
    damaged_gold = tmp / "damaged-gold"
    damaged_gold.mkdir()
    for name in damaged:
        shutil.copy(DEV / "gold" / (Path(name).stem + ".json"), damaged_gold)
    samples = _extract(sorted((SHARED / "corpus").glob("*.txt")), tmp / "samples.json")
    return {
        "dev": _score(pred, DEV / "gold"),
        "damaged": _score(pred, damaged_gold),
        "samples": _score(samples, SHARED / "gold" / "seeds"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("ruler", sorted(FLOORS))
def test_extraction_does_not_fall_below_the_figures_reached(dev_scores, ruler: str) -> None:
    assert _below(dev_scores[ruler], FLOORS[ruler]) == [], json.dumps(dev_scores[ruler], indent=1)


def test_the_gate_fails_when_a_field_drops() -> None:
    floors = {"bases": 0.9, "title": 0.5}
    assert _below({"bases": 0.95, "title": 0.5}, floors) == []
    assert _below({"bases": 0.89, "title": 0.7}, floors) == ["bases: 0.89 < 0.9"]
    assert _below({"title": 0.7}, floors) == ["bases: None < 0.9"]
