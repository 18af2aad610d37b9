"""The in-memory lineage graph: one ``networkx.MultiDiGraph`` shared by every store and query.

Conventions (the same in Neo4j, see ``cypher/``):

- A node's id is its ``key`` (a string, see :mod:`graph.keys`). Its attributes are the node's
  properties plus ``labels``: a sorted tuple such as ``("Document", "LegalBasis")``.
- An edge's networkx key is its relationship type (``"CĂN_CỨ"`` ...), so there is at most one
  relationship of a type between two nodes. Its attributes are the relationship's properties;
  relationships read from text carry provenance: ``source`` (file name), ``line`` and ``text``
  (the citing words).
- Property values are JSON scalars or lists of them (dates as ISO strings), so they round-trip
  through Neo4j, GraphML and JSON unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

Graph = nx.MultiDiGraph


def new_graph() -> Graph:
    """An empty lineage graph."""
    return nx.MultiDiGraph()


def merge_node(g: Graph, key: str, labels: Iterable[str], **props: Any) -> None:
    """Create or fill in a node: labels are added, None values never overwrite known ones."""
    data = g.nodes[key] if key in g else None
    if data is None:
        g.add_node(key, key=key, labels=tuple(sorted(set(labels))))
        data = g.nodes[key]
    else:
        data["labels"] = tuple(sorted(set(data.get("labels", ())) | set(labels)))
    for name, value in props.items():
        if value is not None and value != [] and value != "":
            data[name] = value


def merge_edge(g: Graph, source: str, target: str, rel_type: str, /, **props: Any) -> None:
    """Create a relationship once per (source, target, type); the first provenance is kept."""
    if g.has_edge(source, target, key=rel_type):
        data = g.edges[source, target, rel_type]
        for name, value in props.items():
            if name not in data and value is not None:
                data[name] = value
        return
    g.add_edge(source, target, key=rel_type, type=rel_type,
               **{k: v for k, v in props.items() if v is not None})


def counts(g: Graph) -> dict[str, dict[str, int]]:
    """Node counts by label and relationship counts by type (what ``lineage stats`` prints)."""
    labels: Counter[str] = Counter()
    for _, data in g.nodes(data=True):
        labels.update(data.get("labels", ()))
    rels: Counter[str] = Counter(k for _, _, k in g.edges(keys=True))
    return {"nodes": dict(sorted(labels.items())), "relationships": dict(sorted(rels.items()))}
