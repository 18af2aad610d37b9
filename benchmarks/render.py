"""How fast lineage pages draw in headless Chromium, and whether a 2,000-node page stays responsive.

Builds a lineage graph from the synthetic national corpus (``benchmarks/national_corpus.py``), takes
the documents derived from its most-cited central document, keeps the nearest 500 and 2,000 nodes,
renders each page, and measures in headless Chromium (network blocked), median of ``--runs`` loads:

- drawn: navigation start → first vis ``afterDrawing`` (positions are fixed, physics off, so the
  first drawing is the final one; "still" is checked: no node moves and no redraw happens after it);
- select: selecting a node (panel filled, view focused) → the next drawing is done;
- filter: hiding the most numerous kind of node with its checkbox → the next drawing is done.

Run: ``python3 -m benchmarks.render`` (``--documents 10000 --runs 5``). Target: drawn ≤ 2 s at 500 nodes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import Browser

from benchmarks.national_corpus import generate
from graph.loaders.build import build_graph
from graph.queries.nearest import nearest_part
from graph.queries.neighbourhood import neighbourhood
from visualizations.render import render_subgraph

SELECT_JS = """
var done = arguments[arguments.length - 1], id = arguments[0], t0 = performance.now();
lineage.network.once('afterDrawing', function () { done(performance.now() - t0); });
lineage.select(id); lineage.network.redraw();
"""
FILTER_JS = """
var done = arguments[arguments.length - 1], t0 = performance.now();
lineage.network.once('afterDrawing', function () { done(performance.now() - t0); });
var counts = {};  // hide the most numerous kind of node: the most work for the filter
lineage.nodes.forEach(function (n) { counts[n.kind] = (counts[n.kind] || 0) + 1; });
var kind = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
document.querySelector('input[data-kind="' + kind + '"]').click();
lineage.network.redraw();
"""
STILL_JS = """
var done = arguments[arguments.length - 1], draws = lineage.state.draws;
var before = lineage.network.getPositions();
setTimeout(function () {
  var after = lineage.network.getPositions(), moved = 0;
  Object.keys(before).forEach(function (k) {
    if (Math.abs(before[k].x - after[k].x) > 0.5 || Math.abs(before[k].y - after[k].y) > 0.5) { moved += 1; }
  });
  done({moved: moved, redraws: lineage.state.draws - draws});
}, 1000);
"""


def lineage_pages(n_documents: int, sizes: list[int], folder: Path) -> list[tuple[int, Path, float]]:
    """(nodes drawn, page, seconds to render it in Python) for each size, from the synthetic corpus."""
    t = time.perf_counter()
    g = build_graph(generate(n_documents, seed=1))
    print(
        f"corpus: {n_documents} documents -> {g.number_of_nodes()} nodes, {g.number_of_edges()} "
        f"relationships ({time.perf_counter() - t:.1f} s)"
    )
    docs = [k for k, d in g.nodes(data=True) if "Document" in d.get("labels", ())]
    top = max(docs, key=lambda k: (g.in_degree(k), k))
    sub = neighbourhood(g, top, depth=3, direction="down")
    print(f"focus: {g.nodes[top].get('number') or top}: {len(sub.nodes)} nodes derived within 3 relations")
    pages = []
    for size in sizes:
        part = nearest_part(sub, size).subgraph
        path = folder / f"lineage-{size}.html"
        t = time.perf_counter()
        info = render_subgraph(part, path, max_nodes=size)
        pages.append((info.nodes, path, time.perf_counter() - t))
    t = time.perf_counter()
    capped = render_subgraph(sub, folder / "lineage-capped.html")
    print(
        f"default cap: {len(sub.nodes)} nodes -> {capped.nodes} drawn, {capped.omitted} omitted "
        f"({time.perf_counter() - t:.2f} s)"
    )
    return pages


def measure(b: Browser, path: Path, runs: int) -> dict[str, float]:
    drawn, select, filt = [], [], []
    still = {}
    for _ in range(runs):
        log = b.open(path, wait_drawn=120)
        assert log.outside_requests(path.resolve().as_uri()) == [], log.requests
        assert log.errors() == [], log.errors()
        drawn.append(b.js("return lineage.state.drawnAt"))
        still = b.driver.execute_async_script(STILL_JS)
        ids = b.js(
            "return lineage.nodes.getIds().slice(0, 400).filter(function (_, i) { return i % 40 === 0; })"
        )
        select += [b.driver.execute_async_script(SELECT_JS, i) for i in ids]
        filt.append(b.driver.execute_async_script(FILTER_JS))
    return {
        "drawn_ms": statistics.median(drawn),
        "select_ms": statistics.median(select),
        "filter_ms": statistics.median(filt),
        "moved": still.get("moved", -1),
        "redraws": still.get("redraws", -1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="synthetic corpus size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000], help="nodes per page")
    parser.add_argument("--runs", type=int, default=5, help="page loads per size (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lineage-render-") as tmp:
        pages = lineage_pages(args.documents, args.sizes, Path(tmp))
        b = Browser()
        try:
            rows = [(n, path.stat().st_size, py, measure(b, path, args.runs)) for n, path, py in pages]
        finally:
            b.close()
    print(
        f"\n{'nodes':>6} {'page KB':>8} {'python s':>9} {'drawn ms':>9} {'select ms':>10} {'filter ms':>10} "
        f"{'moved':>6} {'redraws':>8}"
    )
    for n, size, py, m in rows:
        print(
            f"{n:>6} {size / 1024:>8.0f} {py:>9.2f} {m['drawn_ms']:>9.0f} {m['select_ms']:>10.1f} "
            f"{m['filter_ms']:>10.1f} {m['moved']:>6} {m['redraws']:>8}"
        )
    if len(rows) >= 2:
        (n0, _, _, a), (n1, _, _, z) = rows[0], rows[-1]
        print(
            f"\nratios {n1}/{n0} nodes: drawn x{z['drawn_ms'] / a['drawn_ms']:.2f}, "
            f"select x{z['select_ms'] / a['select_ms']:.2f}, filter x{z['filter_ms'] / a['filter_ms']:.2f}"
        )
    first = rows[0][3]["drawn_ms"]
    print(
        f"target: {rows[0][0]} nodes drawn and still in <= 2000 ms: {'met' if first <= 2000 else 'NOT met'} "
        f"({first:.0f} ms)"
    )


if __name__ == "__main__":
    main()
