"""Benchmark: bulk load of the synthetic national graph into a Bolt server, against the embedded build.

Builds the graph of ``-n`` synthetic documents (``benchmarks.national_corpus``), times the embedded
build and a load from disk, then starts ArcadeDB's Bolt server (as the tests do, ``tests/bolt_server.py``;
or uses ``--uri`` / ``NEO4J_URI``) and times ``graph.stores.neo4j_push.push`` for each batch size:

- ``first``: push into an empty database (range indexes built after the load, as a first push does);
- ``again``: push the same graph again (MERGE finds every node and relationship: the idempotent re-push).

Prints nodes/s and relationships/s (medians over ``--repeats``), the load average (the machine is shared:
read the figures with it), and the ratios to the embedded build and load; first what was measured: the
server (its version, and the JVM options ArcadeDB was started with), the driver (with or without its
Rust codec), and how the push writes (one session, one transaction per batch).

Example: python3 -m benchmarks.bolt_load -n 20000 --batch-sizes 5000,20000
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.national_corpus import generate
from graph.lineage_graph import Graph
from graph.loaders.build import build_graph
from graph.stores import neo4j_connection, neo4j_push, neo4j_store
from graph.stores.embedded import load_graph, save_graph

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from bolt_server import BoltServer, start_arcadedb


def _loadavg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def embedded_figures(n: int, seed: int) -> tuple[Graph, float, float]:
    """The graph, its build time (extractions -> networkx, generation excluded) and load-from-disk time."""
    extractions = list(generate(n, seed))
    started = time.perf_counter()
    g = build_graph(extractions)
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.graph"
        save_graph(g, path)
        started = time.perf_counter()
        load_graph(path)
        load_s = time.perf_counter() - started
    return g, build_s, load_s


def cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) a process has used so far; 0 when unknown (not Linux, not ours)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_push(conn: neo4j_connection.Neo4jConnection, g: Graph, batch_size: int,
               server_pid: int | None = None) -> dict[str, float]:
    """Push once; seconds spent on nodes (with labels) and on relationships, and the server's CPU
    seconds for the relationships (a figure the machine's other load does not inflate)."""
    marks: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def progress(phase: str, done: int, total: int) -> None:
        if done == total:
            marks[phase] = time.perf_counter()
            cpu[phase] = cpu_seconds(server_pid)

    started = time.perf_counter()
    neo4j_push.push(conn, g, batch_size=batch_size, progress=progress)
    end = time.perf_counter()  # includes building the range indexes after a load into an empty database
    nodes_end = max(marks.get("nodes", started), marks.get("labels", started))
    nodes_cpu = max(cpu.get("nodes", 0.0), cpu.get("labels", 0.0))
    rels_end = marks.get("relationships", end)  # total_s also counts building the indexes after
    return {"nodes_s": nodes_end - started, "rels_s": rels_end - nodes_end, "total_s": end - started,
            "rels_cpu_s": cpu.get("relationships", 0.0) - nodes_cpu}


def fresh_database(conn: neo4j_connection.Neo4jConnection) -> None:
    """Empty the database and drop the range indexes, as a first push finds it (constraints stay)."""
    neo4j_store.clear(conn)
    with conn.session() as session:
        for statement in neo4j_push.schema_statements("indexes"):
            name = re.match(r"CREATE INDEX (\w+)", statement)
            if name:
                session.run(f"DROP INDEX {name.group(1)} IF EXISTS").consume()


def describe(conn: neo4j_connection.Neo4jConnection, server: BoltServer) -> None:
    """What is measured: server and its settings, driver and codec, how the push writes."""
    import neo4j

    codec = "Rust codec (neo4j-rust-ext)" if importlib.util.find_spec("neo4j._rust") else "pure-Python codec"
    print(f"server: {conn.driver.get_server_info().agent} ({server.kind})"
          + (f"; started with {server.settings}" if server.settings else ""))
    print(f"driver: neo4j {neo4j.__version__}, {codec}; push: one session, one transaction per batch")


def run(server: BoltServer, g: Graph, batch_sizes: list[int], repeats: int, build_s: float,
        load_s: float) -> None:
    n_nodes, n_rels = g.number_of_nodes(), g.number_of_edges()
    modes = ["first", "again"]
    with neo4j_connection.connect(server.uri, server.user, server.password, retry_time=60) as conn:
        describe(conn, server)
        print(f"\n{'mode':<12} {'batch':>6} {'nodes/s':>9} {'rels/s':>9} {'rels/cpu-s':>10} {'total s':>8} "
              f"{'x build':>8} {'x load':>8}  load avg")
        print("(rels/cpu-s: relationships per CPU second of the server, what a machine to itself would "
              "approach)")
        warm = g.subgraph(list(g.nodes)[: max(1, n_nodes // 10)])  # JIT warm-up, not timed
        fresh_database(conn)
        timed_push(conn, warm, batch_sizes[0], server.pid)
        timed_push(conn, warm, batch_sizes[0], server.pid)
        for batch_size in batch_sizes:
            figures: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
            for _ in range(repeats):
                fresh_database(conn)
                figures["first"].append(timed_push(conn, g, batch_size, server.pid))
                figures["again"].append(timed_push(conn, g, batch_size, server.pid))
            counts = neo4j_store.counts(conn)
            assert sum(counts["relationships"].values()) == n_rels, counts
            for mode in modes:
                nodes_s = statistics.median(f["nodes_s"] for f in figures[mode])
                rels_s = statistics.median(f["rels_s"] for f in figures[mode])
                total_s = statistics.median(f["total_s"] for f in figures[mode])
                rels_cpu = statistics.median(f["rels_cpu_s"] for f in figures[mode])
                per_cpu = f"{n_rels / rels_cpu:>10,.0f}" if rels_cpu > 0 else f"{'n/a':>10}"
                print(f"{mode:<12} {batch_size:>6} {n_nodes / nodes_s:>9,.0f} {n_rels / rels_s:>9,.0f} "
                      f"{per_cpu} {total_s:>8.1f} {total_s / build_s:>8.1f} {total_s / load_s:>8.0f}  "
                      f"{_loadavg()}",
                      flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python3 -m benchmarks.bolt_load -n 20000")
    parser.add_argument("-n", "--documents", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-sizes", default="5000,20000", help="comma-separated rows per transaction")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--heap", default="2g", help="ArcadeDB's -Xmx")
    parser.add_argument("--index-compaction-pages", type=int, default=2,
                        help="ArcadeDB's arcadedb.indexCompactionMinPagesSchedule (its default: 10): mutable "
                             "pages an LSM index gathers before it is compacted; each key lookup searches "
                             "every mutable page, so fewer left after the node phase keep MATCH cheap")
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"),
                          help="use this Bolt server (NEO4J_USER / NEO4J_PASSWORD), not a new ArcadeDB; "
                             "its database is cleared")
    args = parser.parse_args(argv)
    batch_sizes = [int(x) for x in args.batch_sizes.split(",")]

    print(f"load average at start: {_loadavg()} ({os.cpu_count()} cores)")
    g, build_s, load_s = embedded_figures(args.documents, args.seed)
    print(f"graph: {args.documents} documents -> {g.number_of_nodes():,} nodes, "
          f"{g.number_of_edges():,} relationships")
    print(f"embedded: build {build_s:.2f} s ({g.number_of_edges() / build_s:,.0f} rels/s), "
          f"load from disk {load_s:.2f} s")
    if args.uri:
        server = BoltServer(uri=args.uri, user=os.environ.get("NEO4J_USER", "neo4j"),
                            password=os.environ.get("NEO4J_PASSWORD", ""), kind="env")
    else:
        started = time.perf_counter()
        option = f"-Darcadedb.indexCompactionMinPagesSchedule={args.index_compaction_pages}"
        server = start_arcadedb(heap=args.heap, options=[option])
        print(f"ArcadeDB (Bolt) started in {time.perf_counter() - started:.1f} s at {server.uri}")
    try:
        run(server, g, batch_sizes, args.repeats, build_s, load_s)
    finally:
        server.stop()
    print(f"load average at end: {_loadavg()}")


if __name__ == "__main__":
    main()
