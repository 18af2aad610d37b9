"""The in-memory lineage graph: one ``networkx.MultiDiGraph`` shared by every store and query.

Conventions (the same in Neo4j, see ``cypher/``):

- A node's id is its ``key`` (a string, see :mod:`graph.loaders.keys`). Its attributes are the node's
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
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

Graph = nx.MultiDiGraph


def new_graph() -> Graph:
    """An empty lineage graph."""
    return nx.MultiDiGraph()


def merge_node(g: Graph, key: str, labels: Iterable[str], *, new: bool = False,
               **props: Any) -> None:
    """Create or fill in a node: labels are added, None values never overwrite known ones.

    ``new``: the caller knows there is no such node yet (spares a look-up: in the store's graph, looking
    up an absent node is a query)."""
    data = None if new else node_data(g, key)
    if data is None:
        data = {"key": key, "labels": tuple(sorted(set(labels)))}
        _add_absent_node(g, key, data)
    else:
        data["labels"] = tuple(sorted(set(data.get("labels", ())) | set(labels)))
    for name, value in props.items():
        if value is not None and value != [] and value != "":
            data[name] = value


def _add_absent_node(g: Graph, key: str, data: dict[str, Any]) -> None:
    """networkx's ``add_node`` for a node known to be absent, without asking again whether it is there."""
    g._succ[key] = g.adjlist_inner_dict_factory()
    g._pred[key] = g.adjlist_inner_dict_factory()
    g._node[key] = data
    nx._clear_cache(g)


def node_data(g: Graph, key: str) -> dict[str, Any] | None:
    """The attributes of node ``key``, None if there is no such node (one look-up)."""
    try:
        return g._node[key]
    except KeyError:
        return None


def edge_data(g: Graph, source: str, target: str, rel_type: str) -> dict[str, Any] | None:
    """The attributes of the relationship, None if there is none (one look-up of the pair)."""
    try:
        return g._succ[source][target].get(rel_type)
    except KeyError:
        return None


#: properties that belong to one provenance (file and line): never added to a relationship read elsewhere
PROVENANCE_BOUND = frozenset({"text_restored"})


def merge_edge(g: Graph, source: str, target: str, rel_type: str, /, **props: Any) -> None:
    """Create a relationship once per (source, target, type); the first provenance is kept."""
    data = edge_data(g, source, target, rel_type)
    if data is not None:
        same = (data.get("source"), data.get("line")) == (props.get("source"), props.get("line"))
        for name, value in props.items():
            if name not in data and value is not None and (same or name not in PROVENANCE_BOUND):
                data[name] = value
        return
    g.add_edge(source, target, key=rel_type, type=rel_type,
               **{k: v for k, v in props.items() if v is not None})


def node_values(g: Graph, name: str) -> Iterator[tuple[str, Any]]:
    """(key, value) of attribute ``name`` for every node that has it, in no set order.

    A graph loaded from the store reads the column without building every node's dict.
    """
    read = getattr(g, "column_node_values", None)
    values = read(name) if read is not None else None
    return values if values is not None else ((k, d[name]) for k, d in g._node.items() if name in d)


def edge_types(g: Graph) -> Iterator[str]:
    """The type of every relationship (a graph loaded from the store reads it from a column)."""
    read = getattr(g, "column_edge_types", None)
    types = read() if read is not None else None
    return types if types is not None else (k for _, _, k in g.edges(keys=True))


def edges_of_type(g: Graph, types: Iterable[str]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(source, target, type, attributes) of every relationship of the given types, in the graph's
    order (a graph loaded from the store finds them in its type column)."""
    wanted = set(types)
    read = getattr(g, "column_edges_of_type", None)
    edges = read(wanted) if read is not None else None
    return edges if edges is not None else (
        (u, v, t, d) for u, v, t, d in g.edges(keys=True, data=True) if t in wanted)


def counts(g: Graph) -> dict[str, dict[str, int]]:
    """Node counts by label and relationship counts by type (what ``lineage stats`` prints)."""
    labels: Counter[str] = Counter()
    for _, node_labels in node_values(g, "labels"):
        labels.update(node_labels)
    rels: Counter[str] = Counter(edge_types(g))
    return {"nodes": dict(sorted(labels.items())), "relationships": dict(sorted(rels.items()))}
