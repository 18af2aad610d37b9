"""Benchmark: build the national graph, store it (SQLite), load it, and ingest into it as a user does.

Prints the graph build rate (documents/s, relationships/s), the store's size on disk, save and load
times (medians over ``--repeats``), peak memory, then -- as whole ``lineage ingest`` processes, CPU and
wall time (medians of ``--repeats``) and peak RSS -- adding one file (``--file``, default the 17 KB
sample ``003_a7a611ee86822b52.txt``) to a copy of the national store, and with ``--corpus`` ingesting
the whole national corpus (JSON lines) into a new store.

Example: python3 -m benchmarks.graph_build -n 160000 --repeats 3 --corpus
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from benchmarks.national_corpus import generate
from graph.lineage_graph import Graph, counts, new_graph, node_values
from graph.loaders.build import add_extraction
from graph.queries.bases import bases
from graph.queries.embedded_backend import EmbeddedBackend
from graph.stores.embedded import load_graph, save_graph

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FILE = ROOT / "graph" / "data" / "corpus" / "003_a7a611ee86822b52.txt"  # 17 KB


def _median(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        result = None  # never hold two national graphs at once
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(n: int, seed: int, trace: bool) -> tuple[Graph, float, float, float]:
    """Build the graph from the generator; returns it, the build seconds (wall, without generation),
    the build CPU seconds, and the seconds generating."""
    if trace:
        tracemalloc.start()
    g = new_graph()
    gen_s = build_s = build_cpu = 0.0
    it = generate(n, seed)
    while True:
        t0 = time.perf_counter()
        x = next(it, None)
        t1, c1 = time.perf_counter(), time.process_time()
        gen_s += t1 - t0
        if x is None:
            break
        add_extraction(g, x)
        build_s += time.perf_counter() - t1
        build_cpu += time.process_time() - c1
    return g, build_s, build_cpu, gen_s


def first_question_ms(g: Graph, n: int = 20, seed: int = 1) -> tuple[float, float]:
    """Median and worst milliseconds of ``bases`` (depth 6) on ``n`` random documents of a freshly
    loaded graph: each one builds the dicts it reads the first time."""
    keys = [k for k, labels in node_values(g, "labels") if "Document" in labels]
    picked = random.Random(seed).sample(sorted(keys), min(n, len(keys)))
    backend = EmbeddedBackend(g)
    times = []
    for key in picked:
        started = time.perf_counter()
        bases(backend, key)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def _current_rss_mb() -> float:
    """Resident memory now (Linux /proc), not the peak."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def load_only(path: Path, repeats: int, freeze: bool = False) -> None:
    """Load a saved store whole in this (fresh) process (what exports and push pay), time and memory.

    CPU seconds are printed next to wall seconds: on a shared machine the wall time mostly measures
    the other processes."""
    base = _current_rss_mb()
    print(f"store {path}: {path.stat().st_size / 1e6:.1f} MB on disk")
    g = None
    walls, cpus = [], []
    for _ in range(repeats):
        g = None
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        g = load_graph(path, freeze=freeze)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if freeze:
            gc.unfreeze()
    print(f"load whole: {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
          f"(medians of {repeats}; load average {os.getloadavg()[0]:.1f})")
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships; "
          f"resident {_current_rss_mb() - base:,.0f} MB; process peak {_rss_mb():,.0f} MB")


# Runs the command and prints its wait4 figures: a child forked from this (big) process would report
# this process's peak memory as its own (Linux keeps the higher-water mark across fork and exec).
_RUNNER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps([time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                  os.waitstatus_to_exitcode(status)]))
"""


def lineage_run(args: list[str]) -> tuple[float, float, float, int]:
    """Run ``lineage ARGS`` as a whole process: (wall s, CPU s, peak RSS MB, exit code)."""
    import json

    out = subprocess.run([sys.executable, "-c", _RUNNER, sys.executable, "-m", "graph.cli", *args], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    wall, cpu, peak, code = json.loads(out)
    return wall, cpu, peak, code


def ingest_one_file(store: Path, file: Path, repeats: int) -> None:
    """``lineage ingest FILE`` into a fresh copy of ``store``, ``repeats`` times (the copy untimed)."""
    walls, cpus, peaks = [], [], []
    with tempfile.TemporaryDirectory(dir=store.parent) as tmp:
        copy = Path(tmp) / "copy.db"
        for _ in range(repeats):
            shutil.copyfile(store, copy)
            wall, cpu, peak, code = lineage_run(["ingest", str(file), "--store", str(copy), "--workers", "1"])
            assert code in (0, 2), f"lineage ingest exited with {code}"
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
            for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
                leftover.unlink(missing_ok=True)
    print(f"ingest one file ({file.name}, {file.stat().st_size / 1e3:.0f} KB) into the national store: "
          f"{statistics.median(cpus):.2f} s CPU, {statistics.median(walls):.2f} s wall, peak RSS "
          f"{max(peaks):,.0f} MB (medians of {repeats}; load average {os.getloadavg()[0]:.1f})", flush=True)


def ingest_corpus(n: int, seed: int, folder: Path) -> None:
    """The whole national corpus (JSON lines) ingested into a new store as one ``lineage ingest``."""
    import json

    lines = folder / f"national-{n}-{seed}.jsonl"
    with lines.open("w", encoding="utf-8") as out:
        for x in generate(n, seed):
            out.write(json.dumps(x.model_dump(mode="json"), ensure_ascii=False) + "\n")
    store = folder / "corpus.db"
    wall, cpu, peak, code = lineage_run(["ingest", str(lines), "--store", str(store)])
    print(f"ingest the whole corpus ({lines.stat().st_size / 1e6:.0f} MB of JSON lines, exit {code}): "
          f"{cpu:.1f} s CPU, {wall:.1f} s wall, peak RSS {peak:,.0f} MB; store "
          f"{store.stat().st_size / 1e6:.0f} MB (load average {os.getloadavg()[0]:.1f})", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n")[-1])
    parser.add_argument("-n", "--documents", type=int, default=160_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="repeats for medians")
    parser.add_argument("--load", type=Path, metavar="STORE", help="only load this store (fresh process)")
    parser.add_argument("--keep", type=Path, metavar="STORE", help="keep the built store here")
    parser.add_argument("--file", type=Path, default=SAMPLE_FILE, help="the file ingested into the store")
    parser.add_argument("--corpus", action="store_true", help="also ingest the whole corpus as JSON lines")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="peak Python memory while building (slower)"
    )
    args = parser.parse_args(argv)
    if args.load:
        ingest_one_file(args.load, args.file, args.repeats)
        load_only(args.load, args.repeats)
        return

    g, build_s, build_cpu, gen_s = build(args.documents, args.seed, args.tracemalloc)
    peak = tracemalloc.get_traced_memory()[1] / 1e6 if args.tracemalloc else None
    tracemalloc.stop()
    n_docs, n_rels = counts(g)["nodes"].get("Document", 0), g.number_of_edges()
    print(f"documents generated: {args.documents} ({gen_s:.1f} s generating)")
    print(f"graph: {g.number_of_nodes()} nodes ({n_docs} documents), {n_rels} relationships")
    print(
        f"build: {build_s:.1f} s = {args.documents / build_s:,.0f} documents/s, "
        f"{n_rels / build_s:,.0f} relationships/s; {build_cpu:.1f} s CPU "
        f"(load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"peak RSS after build: {_rss_mb():,.0f} MB" + (f"; tracemalloc peak {peak:,.0f} MB" if peak else ""),
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "national.db"
        path.unlink(missing_ok=True)
        start, cpu = time.perf_counter(), time.process_time()
        save_graph(g, path)
        print(f"store: {path.stat().st_size / 1e6:.1f} MB on disk; save {time.perf_counter() - start:.1f} s "
              f"wall, {time.process_time() - cpu:.1f} s CPU", flush=True)
        del g
        gc.collect()
        load_s, g2 = _median(lambda: load_graph(path), args.repeats)
        print(f"load whole: {load_s:.2f} s (median of {args.repeats}); peak RSS {_rss_mb():,.0f} MB",
              flush=True)
        p50, worst = first_question_ms(g2)
        print(f"first bases question on it: {p50:.1f} ms median, {worst:.1f} ms worst (20 documents)")
        g2 = None
        gc.collect()
        ingest_one_file(path, args.file, args.repeats)
        if args.corpus:
            ingest_corpus(args.documents, args.seed, Path(tmp))
    print("targets: ingest of one file <= 2 s, whole-corpus ingest peak RSS <= 2048 MB")


if __name__ == "__main__":
    main()
