"""Benchmark: build the national graph, save it, load it; compare on-disk formats.

Prints the graph build rate (documents/s, relationships/s), store size on disk, save and load times
(medians over ``--repeats``), peak memory, and -- with ``--formats`` -- the candidates for the store
format (the columns of format 3, pickle protocol 5 raw / zlib-1 / lzma as format 2 was, marshal, JSON
node-link) so the choice is measured.

Loads are timed three ways: read-only (what every question pays: format 3 builds dicts only when they
are touched), then the first ``bases`` question on it (what building on touch costs), and writable
(every dict built: what ``lineage ingest`` pays before adding to a store).

Example: python3 -m benchmarks.graph_build -n 160000 --repeats 3 --formats
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import lzma
import marshal
import os
import pickle
import random
import resource
import statistics
import tempfile
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

from benchmarks.national_corpus import generate
from graph.lineage_graph import Graph, counts, new_graph, node_values
from graph.loaders.build import add_extraction
from graph.queries.bases import bases
from graph.queries.embedded_backend import EmbeddedBackend
from graph.stores import column_file, columns
from graph.stores.column_graph import ColumnGraph
from graph.stores.embedded import load_graph, save_graph
from graph.stores.exports import node_link
from graph.stores.graph_file import gc_paused


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


def _columns_dump(g: Graph) -> bytes:
    return b"".join(column_file.to_bytes(columns.encode(g)))


def _columns_load(data: bytes) -> Graph:
    return ColumnGraph.from_columns(column_file.from_buffer(memoryview(data)))


def formats(g: Graph, repeats: int) -> None:
    """Candidate on-disk formats, each timed with the GC paused (as the store does) unless noted."""
    candidates: dict[str, tuple[Callable[[], bytes], Callable[[bytes], object], bool]] = {
        "columns (format 3)": (lambda: _columns_dump(g), _columns_load, True),
        "columns, writable": (lambda: _columns_dump(g), lambda b: _columns_load(b).thaw(), True),
        "pickle-5 raw (format 2)": (lambda: pickle.dumps(g, protocol=5), pickle.loads, True),
        "pickle-5 zlib-1": (
            lambda: zlib.compress(pickle.dumps(g, protocol=5), 1),
            lambda b: pickle.loads(zlib.decompress(b)),
            True,
        ),
        "pickle-5 zlib-1, GC on": (
            lambda: zlib.compress(pickle.dumps(g, protocol=5), 1),
            lambda b: pickle.loads(zlib.decompress(b)),
            False,
        ),
        "pickle-5 lzma-0": (
            lambda: lzma.compress(pickle.dumps(g, protocol=5), preset=0),
            lambda b: pickle.loads(lzma.decompress(b)),
            True,
        ),
        "marshal internals": (
            lambda: marshal.dumps((g.graph, g._node, g._succ, g._pred), 4),
            marshal.loads,
            True,
        ),
        "json node-link": (
            lambda: json.dumps(node_link(g), ensure_ascii=False).encode(),
            json.loads,
            True,
        ),
    }
    print(f"{'format':<26}{'size MB':>10}{'save s':>9}{'load s':>9}")
    for name, (dump, load, pause) in candidates.items():
        with gc_paused() if pause else contextlib.nullcontext():
            save_s, data = _median(dump, repeats)
            load_s, _ = _median(lambda d=data, f=load: f(d), repeats)
        note = {"json node-link": " (parse only: building the graph from it comes on top)",
                "columns (format 3)": " (read-only; dicts built when touched)",
                "columns, writable": " (every dict built, as ingest needs)"}.get(name, "")
        print(f"{name:<26}{len(data) / 1e6:>10.1f}{save_s:>9.2f}{load_s:>9.2f}{note}", flush=True)
        del data
        gc.collect()


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
    """Load a saved store in this (fresh) process: what a user's question pays in time and memory.

    CPU seconds are printed next to wall seconds: on a shared machine the wall time mostly measures
    the other processes."""
    base = _current_rss_mb()
    print(f"store {path}: {path.stat().st_size / 1e6:.1f} MB on disk")
    g = None
    for label, writable in (("read-only", False), ("writable", True)):
        walls, cpus = [], []
        for _ in range(repeats):
            g = None
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            g = load_graph(path, freeze=freeze, writable=writable)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            if freeze:
                gc.unfreeze()
        print(
            f"load {label}: {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
            f"(medians of {repeats}; load average {os.getloadavg()[0]:.1f})"
        )
        if not writable:
            print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships; "
                  f"resident {_current_rss_mb() - base:,.0f} MB after a read-only load")
            p50, worst = first_question_ms(g)
            print(f"first bases question on it: {p50:.1f} ms median, {worst:.1f} ms worst (20 documents)")
    print(f"memory: graph {_current_rss_mb() - base:,.0f} MB resident (writable); "
          f"process peak {_rss_mb():,.0f} MB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n")[-1])
    parser.add_argument("-n", "--documents", type=int, default=160_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="repeats for save/load medians")
    parser.add_argument("--formats", action="store_true", help="also compare on-disk formats")
    parser.add_argument("--load", type=Path, metavar="STORE", help="only load this store (fresh process)")
    parser.add_argument("--keep", type=Path, metavar="STORE", help="save the built store here too")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="peak Python memory while building (slower)"
    )
    args = parser.parse_args(argv)
    if args.load:
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
        path = args.keep or Path(tmp) / "national.graph"
        graphs = [g]
        del g
        save_s, size = _median(lambda: save_graph(graphs[0], path), args.repeats)
        print(
            f"store: {size / 1e6:.1f} MB on disk; save {save_s:.2f} s (median of {args.repeats})", flush=True
        )
        graphs.clear()
        gc.collect()
        load_s, g2 = _median(lambda: load_graph(path), args.repeats)
        print(f"load read-only: {load_s:.2f} s (median of {args.repeats}); peak RSS {_rss_mb():,.0f} MB",
              flush=True)
        p50, worst = first_question_ms(g2)
        print(f"first bases question on it: {p50:.1f} ms median, {worst:.1f} ms worst (20 documents)")
        writable_s, _ = _median(lambda: load_graph(path, writable=True), args.repeats)
        print(f"load writable (as ingest does): {writable_s:.2f} s (median of {args.repeats}); "
              f"peak RSS {_rss_mb():,.0f} MB", flush=True)
        if args.formats:
            g2 = None
            formats(load_graph(path, writable=True), max(1, args.repeats))
    print("targets: build <= 300 s, load <= 3 s (read-only), memory <= 2048 MB")


if __name__ == "__main__":
    main()
