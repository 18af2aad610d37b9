"""Re-ingest of a folder as legal staff do it every week: what a file left as it was costs.

``lineage ingest DIR --store S --json`` run as a user runs it (a new process, its workers included) on a
copy (in a temporary folder) of ``benchmarks/data/real-copies``, median of ``runs`` runs, CPU time of the
command and its workers (rusage of the children) and wall time, for:

- the first ingest (a new store);
- a re-ingest with nothing changed (every file left unread);
- a re-ingest with one file changed (a citation line removed: that file is read again, its old facts go);
- a re-ingest with ``--reread`` (every file read again: what each re-ingest cost before; minutes
  while re-reading a file retracts its facts at a cost that grows with the store).

    python3 -m benchmarks.ingest_unchanged            # or: from benchmarks.ingest_unchanged import figures
    python3 -m benchmarks.ingest_unchanged --runs 1 --no-reread
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_COPIES = ROOT / "benchmarks" / "data" / "real-copies"


def _run(args: list[str]) -> tuple[float, float, dict]:
    """(CPU seconds, wall seconds, JSON report) of one ``lineage ingest`` in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graph.cli", "ingest", *args, "--json"], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 2):
        raise RuntimeError(done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, json.loads(done.stdout)


def _edit(path: Path) -> None:
    """Remove the file's first citation line ("Căn cứ ..."), or its last line when it has none."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cited = next((i for i, line in enumerate(lines) if line.startswith("Căn cứ")), len(lines) - 1)
    path.write_text("".join(lines[:cited] + lines[cited + 1:]), encoding="utf-8")


def figures(copies: Path = REAL_COPIES, runs: int = 3, workers: int | None = None,
            reread: bool = True) -> dict[str, dict]:
    """Median CPU and wall seconds (and the last run's report counts) of each case, by name
    (``reread=False``: without the ``--reread`` case, the longest)."""
    extra = ["-j", str(workers)] if workers else []
    cases: dict[str, list[tuple[float, float, dict]]] = {}
    with tempfile.TemporaryDirectory(prefix="lineage-reingest-") as tmp:
        folder, store = Path(tmp) / "van-ban", Path(tmp) / "kho.db"
        into = ["--store", str(store), *extra]
        shutil.copytree(copies, folder)
        files = sorted(folder.glob("*.txt"))
        for _ in range(runs):
            for stale in Path(tmp).glob("kho.db*"):
                stale.unlink()
            cases.setdefault("first ingest", []).append(_run([str(folder), *into]))
        for _ in range(runs):
            cases.setdefault("unchanged", []).append(_run([str(folder), *into]))
        for k in range(runs):
            _edit(files[k * len(files) // runs])
            cases.setdefault("one file changed", []).append(_run([str(folder), *into]))
        for _ in range(runs if reread else 0):
            cases.setdefault("--reread (before)", []).append(_run([str(folder), *into, "--reread"]))
    return {name: {"cpu": statistics.median(c for c, _w, _r in got),
                   "wall": statistics.median(w for _c, w, _r in got),
                   "files": got[-1][2]["files"], "read": got[-1][2]["loaded"],
                   "unchanged": got[-1][2]["unchanged"]} for name, got in cases.items()}


def print_figures(copies: Path = REAL_COPIES, runs: int = 3, workers: int | None = None,
                  reread: bool = True) -> dict[str, dict]:
    """:func:`figures`, printed as a table."""
    got = figures(copies, runs, workers, reread)
    mb = sum(p.stat().st_size for p in copies.glob("*.txt")) / 1e6
    print(f"lineage ingest of {copies.name} ({len(list(copies.glob('*.txt')))} files, {mb:.1f} MB), "
          f"median of {runs}")
    print(f"{'case':<20} {'CPU s':>7} {'wall s':>7} {'read':>6} {'unchanged':>10}")
    for name, f in got.items():
        print(f"{name:<20} {f['cpu']:7.2f} {f['wall']:7.2f} {f['read']:6d} {f['unchanged']:10d}")
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=Path, default=REAL_COPIES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", "-j", type=int)
    parser.add_argument("--no-reread", action="store_true", help="leave out the --reread case (minutes)")
    args = parser.parse_args()
    print_figures(args.copies, args.runs, args.workers, reread=not args.no_reread)


if __name__ == "__main__":
    main()
