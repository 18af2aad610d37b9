"""Latency of the lineage questions on the synthetic national corpus: in-memory graph, SQLite store, Bolt.

Prints p50 / p99 of ``bases``, ``derived`` (depth 6 by default) and ``path`` on the graph loaded in
memory (networkx), on the SQLite store read by SQL (:mod:`graph.queries.sqlite_backend`, what the CLI
answers from; ``--sqlite`` gives the file, else a copy of the graph is written next to the store once)
and over Bolt (ArcadeDB from ``tests/bolt_server.py``, or ``NEO4J_URI``), and the Bolt / embedded
ratio of the medians, in one run. Each timing is the whole query function of
:mod:`graph.queries` (reference by key, rows, shared result building), as the CLI runs it; on the
SQLite store (what the CLI answers from) inside the CLI's garbage-collector pace while answering
(:func:`graph.cli.backend_options.answering`). Every query
runs ``--repeat`` times (default 3) and keeps its best time, so that other processes on a shared
machine do not decide the figures; the single-run p50 (the first run of each query: on the embedded
store, on a freshly loaded graph that builds the nodes a query reads the first time) is printed too,
and for the embedded store the CPU time of the best run (``time.process_time``: unaffected by waiting
for a core when other processes share the machine).

The Neo4j side gets the document graph only (documents and the relationships between them: all that
``bases``, ``derived`` and ``path`` read), optionally limited with ``--bolt-documents`` to the first N
documents in date order; the script says which it used.

Example: python3 -m benchmarks.query_latency --samples 200 --bolt-samples 50
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from graph.cli.backend_options import answering
from graph.errors import LineageError
from graph.lineage_graph import Graph, node_values
from graph.queries.backend import Backend
from graph.queries.bases import bases
from graph.queries.derived import derived
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.neo4j_backend import Neo4jBackend
from graph.queries.path import path
from graph.queries.sqlite_backend import SQLiteBackend
from graph.vocabulary import CAN_CU, DOCUMENT

TESTS = Path(__file__).resolve().parent.parent / "tests"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float, float]:
    """Milliseconds: wall time of the first call, best wall time and best CPU time of ``repeat`` calls."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        with contextlib.suppress(LineageError):  # "no connection" is an answer too
            fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return times[0] * 1000, min(times) * 1000, min(cpu) * 1000


def pick(g: Graph, n: int, seed: int) -> dict[str, list]:
    """Sample inputs: provincial documents read in full (bases), cited documents (derived), pairs (path)."""
    rng = random.Random(seed)
    docs = [k for k, d in g.nodes(data=True) if DOCUMENT in d.get("labels", ())]
    provincial = sorted(k for k in docs if g.nodes[k].get("province") and g.nodes[k].get("source"))
    cited = sorted(k for k in docs if any(CAN_CU in keys for keys in g._pred[k].values()))
    return {
        "bases": rng.sample(provincial, min(n, len(provincial))),
        "derived": rng.sample(cited, min(n, len(cited))),
        "path": [(rng.choice(provincial), rng.choice(cited)) for _ in range(n)],
    }


def run_queries(backend: Backend, samples: dict[str, list], depth: int, limit: int | None = None,
                label: str = "", repeat: int = 3, cli: bool = False) -> tuple[dict[str, list[float]], ...]:
    """(first-run, best-of-repeat, best CPU) times per question, in milliseconds; with ``cli``, each
    question answered as a command answers it (inside :func:`graph.cli.backend_options.answering`)."""
    pace = answering if cli else contextlib.nullcontext

    def bases_of(k: str) -> object:
        with pace():
            return bases(backend, k, depth)

    def derived_of(k: str) -> object:
        with pace():
            return derived(backend, k, depth)

    def path_of(ab: tuple[str, str]) -> object:
        with pace():
            return path(backend, *ab)

    calls = {"bases": bases_of, "derived": derived_of, "path": path_of}
    first: dict[str, list[float]] = {}
    best: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for name, fn in calls.items():
        inputs = samples[name][:limit] if limit else samples[name]
        timed(lambda f=fn, x=inputs[0]: f(x))  # warm up caches / the connection
        runs = [timed(lambda f=fn, x=x: f(x), repeat) for x in inputs]
        first[name], best[name], cpu[name] = ([r[i] for r in runs] for i in range(3))
        p50 = {k: statistics.median(v[name]) for k, v in (("best", best), ("first", first), ("cpu", cpu))}
        print(f"  {label} {name}: {len(inputs)} queries, p50 {p50['best']:.2f} ms "
              f"(single run {p50['first']:.2f} ms, CPU {p50['cpu']:.2f} ms)", file=sys.stderr)
    return first, best, cpu


def sqlite_copy(g: Graph, path: Path) -> Path:
    """``g`` saved as a SQLite store at ``path`` (what ``lineage ingest`` writes), unless it exists."""
    if not path.exists():
        from graph.stores.embedded import save_graph

        save_graph(g, path)
    return path
    from graph.stores.sqlite_rows import edge_columns, is_document, node_columns
    from graph.stores.sqlite_store import open_writable
    from graph.text import search_text

    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = open_writable(tmp)
    ids = {key: i for i, key in enumerate(g, 1)}
    db.execute("BEGIN")
    db.executemany("INSERT INTO nodes (id, key, label, labels, number, number_folded, province, source, "
                   "props) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   ((ids[k], *node_columns(k, d)) for k, d in g.nodes(data=True)))
    db.executemany("INSERT INTO doc_search (rowid, folded) VALUES (?, ?)",
                   ((ids[k], search_text(d)) for k, d in g.nodes(data=True) if is_document(d)))
    db.executemany("INSERT INTO edges (source, type, target, file, line, props, seq) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   ((ids[u], t, ids[v], *edge_columns(d), i)
                    for i, (u, v, t, d) in enumerate(g.edges(keys=True, data=True))))
    db.execute("COMMIT")
    db.close()
    tmp.rename(path)
    return path


def is_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def document_graph(g: Graph, limit: int | None) -> Graph:
    """The documents and the relationships between them (optionally the first ``limit`` by date)."""
    docs = [k for k, d in g.nodes(data=True) if DOCUMENT in d.get("labels", ())]
    if limit:
        docs = sorted(docs, key=lambda k: (str(g.nodes[k].get("date") or "9999"), k))[:limit]
    return g.subgraph(docs).copy()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python3 -m benchmarks.query_latency --samples 200")
    parser.add_argument("-n", "--documents", type=int, default=160_000, help="national corpus size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", type=Path, help="an existing store instead of the national corpus")
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--samples", type=int, default=200, help="queries per question, embedded")
    parser.add_argument("--bolt-samples", type=int, default=50, help="queries per question over Bolt")
    parser.add_argument("--bolt-documents", type=int, help="push only the first N documents (by date)")
    parser.add_argument("--no-bolt", action="store_true", help="embedded store only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best is kept")
    parser.add_argument("--sqlite", type=Path, help="the SQLite store to time (default: the store when it "
                        "is one, else a copy of the graph written next to it once)")
    args = parser.parse_args(argv)

    from graph.stores.embedded import load_graph

    if args.store:
        store = args.store
    else:
        from benchmarks.national_corpus import national_store

        start = time.perf_counter()
        store = national_store(args.documents, args.seed)
        print(f"national store {store} ready in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    samples = pick(load_graph(store), args.samples, args.seed)  # on a copy: picking reads every node
    start = time.perf_counter()
    g = load_graph(store, freeze=True)  # fresh: the first run of a query builds what it reads
    n_docs = sum(1 for _, labels in node_values(g, "labels") if DOCUMENT in labels)
    print(f"loaded {g.number_of_nodes()} nodes ({n_docs} documents), {g.number_of_edges()} relationships "
          f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    embedded_first, embedded, embedded_cpu = run_queries(EmbeddedBackend(g), samples, args.depth,
                                                         label="embedded", repeat=args.repeat)
    db = args.sqlite or (store if is_sqlite(store) else store.with_suffix(".db"))
    start = time.perf_counter()
    sqlite_copy(g, db)
    print(f"SQLite store {db} ready in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    sqlite = SQLiteBackend(db)
    sqlite_first, sqlite_times, sqlite_cpu = run_queries(sqlite, samples, args.depth, label="sqlite",
                                                         repeat=args.repeat, cli=True)
    sqlite.close()
    bolt: dict[str, list[float]] = {}
    bolt_first: dict[str, list[float]] = {}
    same: dict[str, list[float]] = {}  # embedded, on exactly the graph and queries given to Bolt
    bolt_note = "not run"
    if not args.no_bolt:
        sys.path.insert(0, str(TESTS))
        from bolt_server import running_server
        from neo4j import GraphDatabase

        from graph.stores import neo4j_push

        sub = document_graph(g, args.bolt_documents)
        gc.freeze()  # as load_graph(freeze=True) does for the full graph
        bolt_samples = pick(sub, args.bolt_samples, args.seed)
        _, same, _ = run_queries(EmbeddedBackend(sub), bolt_samples, args.depth,
                                 label="embedded (Bolt's graph)", repeat=args.repeat)
        with running_server() as server, GraphDatabase.driver(
                server.uri, auth=(server.user, server.password)) as driver:
            neo4j_push.apply_schema(driver)
            start = time.perf_counter()
            pushed = neo4j_push.push(driver, sub)
            seconds = time.perf_counter() - start
            bolt_note = (f"{server.kind}: {pushed.nodes} documents, {pushed.relationships} relationships "
                         f"pushed in {seconds:.0f} s"
                         + (f" (first {args.bolt_documents} documents by date)" if args.bolt_documents
                            else " (every document of the corpus)"))
            print(bolt_note, file=sys.stderr)
            bolt_first, bolt, _ = run_queries(Neo4jBackend(driver), bolt_samples, args.depth, label="bolt",
                                           repeat=args.repeat)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values):>9.2f} {percentile(values, 99):>9.2f}"

    print(f"\nQuery latency (ms), depth {args.depth}, best of {args.repeat} runs per query "
          f"(single-run p50 in brackets)")
    print(f"national corpus ({n_docs} documents, {len(samples['bases'])} queries each):")
    print(f"  {'backend':<9} {'query':<8} {'p50':>9} {'p99':>9}  (single) {'CPU p50':>8}")
    for backend, (first_t, best_t, cpu_t) in (("embedded", (embedded_first, embedded, embedded_cpu)),
                                              ("sqlite", (sqlite_first, sqlite_times, sqlite_cpu))):
        for name in ("bases", "derived", "path"):
            print(f"  {backend:<9} {name:<8} {ms(best_t[name])}  ({statistics.median(first_t[name]):.2f}) "
                  f"{statistics.median(cpu_t[name]):>8.2f}")
    if bolt:
        print(f"same queries on the graph given to Bolt -- {bolt_note}:")
        print(f"  {'query':<8} {'embedded p50':>12} {'p99':>9} {'bolt p50':>9} {'p99':>9}  (single) "
              f"{'bolt/embedded p50':>18}")
        for name in ("bases", "derived", "path"):
            ratio = statistics.median(bolt[name]) / max(statistics.median(same[name]), 1e-6)
            print(f"  {name:<8} {ms(same[name]):>22} {ms(bolt[name])}  "
                  f"({statistics.median(bolt_first[name]):.2f}) {ratio:>17.1f}x")
    for backend, label, figures in (("embedded", "wall", embedded), ("embedded", "CPU", embedded_cpu),
                                    ("sqlite", "wall", sqlite_times), ("sqlite", "CPU", sqlite_cpu)):
        ok = all(statistics.median(figures[q]) <= 5.0 for q in ("bases", "derived", "path"))
        print(f"target {backend} p50 <= 5 ms for bases, derived and path at depth {args.depth} "
              f"({label} time): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
