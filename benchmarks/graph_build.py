"""Benchmark: build the national graph, save it, load it; compare on-disk formats.

Prints the graph build rate (documents/s, relationships/s), store size on disk, save and load times
(medians over ``--repeats``), peak memory, and -- with ``--formats`` -- the candidates for the store
format (pickle protocol 5 raw / zlib-1 / lzma, JSON node-link) so the choice is measured.

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
import resource
import statistics
import tempfile
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

from benchmarks.national_corpus import generate
from graph.exports import node_link
from graph.lineage_graph import Graph, counts, new_graph
from graph.loaders.to_graph import add_extraction
from graph.stores.embedded import load_graph, save_graph
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


def formats(g: Graph, repeats: int) -> None:
    """Candidate on-disk formats, each timed with the GC paused (as the store does) unless noted."""
    candidates: dict[str, tuple[Callable[[], bytes], Callable[[bytes], object], bool]] = {
        "pickle-5 raw": (lambda: pickle.dumps(g, protocol=5), pickle.loads, True),
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
    print(f"{'format':<24}{'size MB':>10}{'save s':>9}{'load s':>9}")
    for name, (dump, load, pause) in candidates.items():
        with gc_paused() if pause else contextlib.nullcontext():
            save_s, data = _median(dump, repeats)
            load_s, _ = _median(lambda d=data, f=load: f(d), repeats)
        note = " (parse only: building the graph from it comes on top)" if name.startswith("json") else ""
        print(f"{name:<24}{len(data) / 1e6:>10.1f}{save_s:>9.2f}{load_s:>9.2f}{note}", flush=True)
        del data
        gc.collect()


def _current_rss_mb() -> float:
    """Resident memory now (Linux /proc), not the peak."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def load_only(path: Path, repeats: int, freeze: bool = False) -> None:
    """Load a saved store in this (fresh) process: what a user's query pays in time and memory.

    CPU seconds are printed next to wall seconds: on a shared machine the wall time mostly measures
    the other processes."""
    base = _current_rss_mb()
    walls, cpus, g = [], [], None
    for _ in range(repeats):
        g = None
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        g = load_graph(path, freeze=freeze)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if freeze:
            gc.unfreeze()
    print(f"store {path}: {path.stat().st_size / 1e6:.1f} MB on disk")
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships")
    print(
        f"load: {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
        f"(medians of {repeats}; load average {os.getloadavg()[0]:.1f})"
    )
    print(f"memory: graph {_current_rss_mb() - base:,.0f} MB resident; process peak {_rss_mb():,.0f} MB")


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
        print(f"load: {load_s:.2f} s (median of {args.repeats}); peak RSS {_rss_mb():,.0f} MB", flush=True)
        if args.formats:
            formats(g2, max(1, args.repeats))
    print("targets: build <= 300 s, load <= 3 s, memory <= 2048 MB")


if __name__ == "__main__":
    main()
