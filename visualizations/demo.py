"""The product in one command: ingest the bundled sample corpus, then write a lineage page per document.

The pages sit next to a small index page listing the ingested documents, newest first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graph import vocabulary as v
from graph.lineage_graph import Graph
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.neighbourhood import neighbourhood
from graph.queries.status import annotate
from graph.stores.location import STORE_FILE
from graph.text import fold
from visualizations.index_page import write_index
from visualizations.render import DEFAULT_MAX_NODES, RenderInfo, render_subgraph

DEMO_STORE = STORE_FILE  # the demo's own store, next to its pages


class DemoPage(BaseModel):
    key: str
    number: str | None = None
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    page: RenderInfo


class DemoResult(BaseModel):
    store: str
    index: str
    pages: list[DemoPage]
    failed: list[str] = []


def sample_corpus() -> list[Path]:
    """The sample corpus files shipped in the package (``graph/data/corpus``)."""
    folder = resources.files("graph").joinpath("data/corpus")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def ingest_sample(store: Path, progress: Callable[[int, int, str], None] | None = None) -> tuple[Graph, Any]:
    """Ingest the sample corpus into a new store at ``store`` (a file there is replaced, never opened:
    a store from elsewhere could be crafted); the graph and G1's ingest report."""
    from graph.ingest import ingest
    from graph.stores.embedded import load_graph

    report = ingest(sample_corpus(), store, progress=progress, fresh=True)
    return load_graph(store), report


def ingested_documents(g: Graph) -> list[str]:
    """Keys of the documents read in full (not only cited), newest first."""
    keys = [k for k, d in g.nodes(data=True) if v.DOCUMENT in d.get("labels", ()) and d.get("source")]
    return sorted(keys, key=lambda k: (str(g.nodes[k].get("date") or ""), k), reverse=True)


def page_name(g: Graph, key: str) -> str:
    """A file name for a document's page: its number and year, in plain ASCII."""
    data = g.nodes[key]
    stem = " ".join(
        str(x)
        for x in (data.get("number") or data.get("doc_type") or "document", str(data.get("date") or "")[:4])
        if x
    )
    return re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-") + ".html"


def write_demo(
    g: Graph, output: Path, store: Path, *, depth: int = 3, max_nodes: int = DEFAULT_MAX_NODES
) -> DemoResult:
    """Write the lineage page of every ingested document next to ``output``, and ``output`` as their index."""
    pages = []
    used: set[str] = set()
    backend = EmbeddedBackend(g)
    for key in ingested_documents(g):
        name = page_name(g, key)
        while name in used:
            name = name.removesuffix(".html") + "-1.html"
        used.add(name)
        data = g.nodes[key]
        label = " ".join(str(x) for x in (data.get("doc_type"), data.get("number")) if x) or key
        sub = neighbourhood(g, key, depth=depth, direction="both", title=f"Sơ đồ quan hệ của {label}")
        annotate(sub, backend)  # each document's status, as `lineage status` says it
        info = render_subgraph(sub, output.parent / name, max_nodes=max_nodes)
        pages.append(
            DemoPage(
                key=key,
                page=info,
                **{f: data.get(f) for f in ("number", "doc_type", "date", "issuer", "title")},
            )
        )
    write_index(output, pages)
    return DemoResult(store=str(store), index=str(output), pages=pages)
