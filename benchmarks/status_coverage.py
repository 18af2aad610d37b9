"""How many of the central documents cited as bases have a status with a source (issue 12's figure).

    python -m benchmarks.status_coverage [--docs ../shared/dev/docs] [--store PATH] [--missing]

Ingests the development set and the sample corpus into a store (a temporary one unless --store is
given), takes every distinct central document that some document cites as a basis (CĂN_CỨ), and asks
``graph.queries.status.document_status`` — the function behind ``lineage status`` and the pages —
for each. A status counts when it is not "no information": every such status names its source (a
page's URL and words, or an ingested text's file and line). --missing lists those without one.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

DEV_DOCS = Path(__file__).resolve().parent.parent.parent / "shared" / "dev" / "docs"


def coverage(store: Path, docs: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(status by key, label by key) of the distinct central documents cited as bases."""
    from graph.ingest import ingest
    from graph.queries.embedded_backend import EmbeddedBackend
    from graph.queries.status import document_status
    from graph.stores.embedded import load_graph
    from graph.vocabulary import CAN_CU, CENTRAL
    from visualizations.demo import sample_corpus

    ingest([*sorted(docs.glob("*.txt")), *sample_corpus()], store)
    g = load_graph(store, freeze=True)
    cited = sorted({b for _, b, k in g.edges(keys=True)
                    if k == CAN_CU and g.nodes[b].get("level") == CENTRAL})
    found = document_status(EmbeddedBackend(g), cited)
    labels = {k: " ".join(str(x) for x in (g.nodes[k].get("doc_type"), g.nodes[k].get("number")) if x) or k
              for k in cited}
    return {k: s.status for k, s in found.items()}, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.status_coverage", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=DEV_DOCS, help="the development set's text files")
    parser.add_argument("--store", type=Path, help="store to ingest into (default: a temporary one)")
    parser.add_argument("--missing", action="store_true", help="list the documents without a status")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        statuses, labels = coverage(args.store or Path(tmp) / "coverage.graph", args.docs)
    known = {k for k, s in statuses.items() if s != "no information"}
    print(f"central documents cited as bases: {len(statuses)}; with a status and its source: {len(known)} "
          f"({100 * len(known) / max(len(statuses), 1):.0f}%)")
    print("by status: " + ", ".join(f"{s} {n}" for s, n in Counter(statuses.values()).most_common()))
    if args.missing:
        for k in sorted(set(statuses) - known):
            print(f"  no information: {labels[k]} ({k})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
