"""Benchmark: the commands a legal officer runs, timed as whole processes (the table of issue 15).

Each row runs ``python3 -m graph.cli …`` (what the ``lineage`` script runs) ``--runs`` times in a fresh
process and prints the medians of its CPU seconds (user + system, its child processes included) and
wall seconds, its peak resident memory, the goal and the ratio to the goal (CPU, or memory for the
memory rows; below 1 meets it). CPU is the figure to compare on a shared machine: wall time also
measures the other processes. Resources come from ``os.wait4`` on each process.

The store: ``--store PATH``, else the synthetic national corpus of ``-n`` documents written as JSON lines
and ingested by ``lineage ingest`` into a store of the default format (that ingest is a row: its peak
memory). The one-file ingest runs on a copy, so a given store is never changed.

Example: python3 -m benchmarks.cli_latency -n 160000 --runs 5
(``--wide``: also the questions about a province or the whole store.)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_FILE = ROOT / "graph" / "data" / "corpus" / "003_a7a611ee86822b52.txt"  # 17 KB, a real plan
MB = 2**20


@dataclass(frozen=True)
class Row:
    """One line of the table: what the officer runs and its goal (CPU seconds and/or peak MB)."""

    label: str
    args: tuple[str, ...]
    goal_s: float | None = None
    goal_mb: float | None = None
    exit_codes: tuple[int, ...] = (0,)


@dataclass
class Timing:
    """The runs of one row."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    failure: str | None = None

    def ratio(self, row: Row) -> float | None:
        """The worse of median CPU / goal and peak memory / goal (None without a goal or a run)."""
        ratios = []
        if row.goal_s and self.cpu:
            ratios.append(statistics.median(self.cpu) / row.goal_s)
        if row.goal_mb and self.rss_mb:
            ratios.append(max(self.rss_mb) / row.goal_mb)
        return max(ratios) if ratios else None


def environment(store: Path) -> dict[str, str]:
    """The officer's environment: this checkout, the store, no Neo4j, a wide terminal."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "LINEAGE_STORE": str(store), "NEO4J_URI": "",
            "COLUMNS": "160"}


def run_once(args: tuple[str, ...], env: dict[str, str]) -> tuple[int, float, float, float, str]:
    """Run ``lineage ARGS`` once: exit code, CPU seconds, wall seconds, peak RSS in MB, stderr tail."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "graph.cli", *args], cwd=ROOT, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-600:].decode("utf-8", "replace")
    return proc.returncode, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, tail


def measure(row: Row, runs: int, env: dict[str, str]) -> Timing:
    """``runs`` runs of the row (stops at the first unexpected exit code)."""
    timing = Timing()
    for _ in range(runs):
        code, cpu, wall, rss, tail = run_once(row.args, env)
        if code not in row.exit_codes:
            timing.failure = f"exit {code}: {tail.strip().splitlines()[-1] if tail.strip() else ''}"
            break
        timing.cpu.append(cpu)
        timing.wall.append(wall)
        timing.rss_mb.append(rss)
    return timing


def goal_text(row: Row) -> str:
    parts = [f"≤ {row.goal_s:g} s"] if row.goal_s else []
    if row.goal_mb:
        parts.append(f"≤ {row.goal_mb / 1024:g} GB" if row.goal_mb >= 1024 else f"≤ {row.goal_mb:g} MB")
    return ", ".join(parts)


def print_row(row: Row, t: Timing) -> None:
    if not t.cpu:
        print(f"{row.label:<58} FAILED ({t.failure})", flush=True)
        return
    ratio = t.ratio(row)
    verdict = "" if ratio is None else ("meets" if ratio <= 1 else "MISSES")
    shown = "" if ratio is None else f"{ratio:.2f}"
    print(f"{row.label:<58}{statistics.median(t.cpu):>8.2f}{statistics.median(t.wall):>8.2f}"
          f"{max(t.rss_mb):>9.0f}  {goal_text(row):<18}{shown:>6}  {verdict}"
          + (f"  (stopped: {t.failure})" if t.failure else ""), flush=True)


def header() -> None:
    print(f"{'what the officer runs':<58}{'CPU s':>8}{'wall s':>8}{'peak MB':>9}  {'goal':<18}{'ratio':>6}")


def build_store(n: int, seed: int, folder: Path, runs_env: dict[str, str]) -> tuple[Path, Row, Timing]:
    """Write the national corpus as JSON lines and ingest it with ``lineage ingest``; the store, the row
    and its timing (one run)."""
    corpus = folder / "corpus"
    corpus.mkdir()
    jsonl = corpus / f"national-{n}-{seed}.jsonl"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchmarks.national_corpus", "-n", str(n), "--seed", str(seed),
                    "--jsonl", str(jsonl)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    print(f"wrote {jsonl} ({jsonl.stat().st_size / MB:,.0f} MB) in {time.perf_counter() - started:.0f} s",
          flush=True)
    from graph.stores.location import STORE_FILE

    store = folder / STORE_FILE
    row = Row(f"lineage ingest (national corpus, {n:,} documents)", ("ingest", str(corpus), "--json"),
              goal_mb=2048)
    return store, row, measure(row, 1, environment(store))


def pick_document(number: str, env: dict[str, str]) -> tuple[str, str]:
    """The number to ask about, and what bases/derived are given: the number when it names one
    document in the store, else the key of the first match (else the first document of the store)."""
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "find", number, "--json", "--limit", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode == 0:
        data = json.loads(proc.stdout)
        return number, number if data.get("total") == 1 else data["matches"][0]["key"]
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "find", "quyet dinh", "--json", "--limit", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    match = json.loads(proc.stdout)["matches"][0]
    return match["number"] or match["key"], match["key"]


def copy_store(store: Path, folder: Path) -> Path:
    """A copy of the store file and its companions (``-wal``, ``-shm`` …) in ``folder``."""
    for path in store.parent.glob(store.name + "*"):
        if path.is_file():
            shutil.copy2(path, folder / path.name)
    return folder / store.name


def query_rows(number: str, doc: str) -> list[Row]:
    return [
        Row("lineage --help", ("--help",), goal_s=0.3),
        Row(f"lineage bases {doc}", ("bases", doc), goal_s=0.6, goal_mb=200, exit_codes=(0, 1)),
        Row(f"lineage derived {doc}", ("derived", doc), goal_s=0.6, goal_mb=200, exit_codes=(0, 1)),
        Row(f"lineage find {number}", ("find", number), goal_s=0.6, goal_mb=200),
        Row('lineage find "chuyen doi so"', ("find", "chuyen doi so"), goal_s=1.0, goal_mb=200),
        Row("lineage bases 9999/QĐ-ABC (a miss: did you mean)", ("bases", "9999/QĐ-ABC"), goal_s=1.0,
            goal_mb=200, exit_codes=(1, 2)),
    ]


def wide_rows(doc: str) -> list[Row]:
    """``--wide``: the questions about a province or the whole store (no goal yet: measured only)."""
    a, b = "Kiên Giang", "Tiền Giang"
    return [
        Row(f'lineage derived {doc} --province "{a}"', ("derived", doc, "--province", a), exit_codes=(0, 1)),
        Row(f'lineage compare "{a}" "{b}" --provinces', ("compare", a, b, "--provinces", "--json")),
        Row(f'lineage targets --province "{a}"', ("targets", "--province", a, "--json")),
        Row("lineage check --json", ("check", "--json")),
        Row("lineage stats", ("stats",)),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n")[-1])
    parser.add_argument("-n", "--documents", type=int, default=160_000, help="national corpus size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", type=Path, help="an existing store instead of building the national one")
    parser.add_argument("--keep", type=Path, metavar="FOLDER", help="build the store in this folder, keep it")
    parser.add_argument("--runs", type=int, default=5, help="runs per row (medians)")
    parser.add_argument("--doc", default="226/QĐ-UBND", help="the document of the bases/derived/find rows")
    parser.add_argument("--wide", action="store_true",
                        help="also the questions about a province or the whole store (compare --provinces, "
                        "targets --province, check ...)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cli-latency-") as tmp:
        work = Path(tmp)
        built: list[tuple[Row, Timing]] = []
        if args.store:
            store = args.store.resolve()
        else:
            folder = args.keep.resolve() if args.keep else work
            folder.mkdir(parents=True, exist_ok=True)
            store, row, timing = build_store(args.documents, args.seed, folder, environment(work))
            built.append((row, timing))
        env = environment(store)
        size = sum(p.stat().st_size for p in store.parent.glob(store.name + "*") if p.is_file())
        number, doc = pick_document(args.doc, env)
        print(f"store {store} ({size / MB:,.0f} MB); {args.runs} runs per row, medians; "
              f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} CPUs")
        if doc != number:
            print(f"{number} is not one document in this store: bases/derived ask about {doc}")
        header()
        for row, timing in built:
            print_row(row, timing)
        rows = query_rows(number, doc) + (wide_rows(doc) if args.wide else [])
        results: list[tuple[Row, Timing]] = []
        for row in rows:
            timing = measure(row, args.runs, env)
            print_row(row, timing)
            results.append((row, timing))
        (work / "copy").mkdir()
        copy = copy_store(store, work / "copy")
        one = Row(f"lineage ingest {ONE_FILE.name} (17 KB) into it", ("ingest", str(ONE_FILE), "--json"),
                  goal_s=2.0)
        print_row(one, measure(one, args.runs, environment(copy)))
        peaks = [max(t.rss_mb) for row, t in results if row.goal_mb and t.rss_mb]
        if peaks:
            print(f"{'a query process, peak RSS':<58}{'':>16}{max(peaks):>9.0f}  {'≤ 200 MB':<18}"
                  f"{max(peaks) / 200:>6.2f}  {'meets' if max(peaks) <= 200 else 'MISSES'}")


if __name__ == "__main__":
    main()
