"""Keep the nearest part of a big subgraph: breadth-first from the focus, as citation networks are capped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graph.subgraph import Subgraph


@dataclass(frozen=True)
class NearestPart:
    """What is drawn, and what was left out of the drawing (not counting the query's own omissions)."""

    subgraph: Subgraph
    omitted: int
    degrees: int  # when capped: every node within this many steps of the focus is drawn
    partial: bool  # some (not all) nodes at ``degrees + 1`` steps are drawn too


def nearest_keys(order: dict[str, int], start: list[str], around: Callable[[list[str]], Iterable[str]],
                 max_nodes: int) -> tuple[list[str], int, bool]:
    """The rule of :func:`nearest_part` on keys alone: those kept (at most ``max_nodes``), the degrees
    drawn in full, and whether the next one is drawn in part. ``order``: each key's place in the query's
    order; ``around(keys)``: their neighbours (asked only of the degrees drawn in full)."""
    max_nodes = max(1, max_nodes)
    kept: list[str] = []
    seen = set(start)
    frontier = sorted(start, key=order.__getitem__)
    degrees, partial = -1, False
    while frontier:
        room = max_nodes - len(kept)
        if len(frontier) > room:
            kept.extend(frontier[:room])
            partial = room > 0
            break
        kept.extend(frontier)
        degrees += 1
        nxt = {n for n in around(frontier) if n not in seen}
        seen |= nxt
        frontier = sorted(nxt, key=order.__getitem__)
    return kept, max(degrees, 0), partial


def nearest_part(subgraph: Subgraph, max_nodes: int) -> NearestPart:
    """The at most ``max_nodes`` nodes nearest the focus (ignoring edge direction) and the edges among them.

    Nodes are taken degree by degree; the last degree that does not fit entirely is filled in the
    order the query listed its nodes. Without a focus in the subgraph, the best-connected node is used.
    """
    keys = [n.key for n in subgraph.nodes]
    if len(keys) <= max_nodes:
        return NearestPart(subgraph, 0, 0, False)
    order = {k: i for i, k in enumerate(keys)}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in subgraph.edges:
        if e.source in order and e.target in order:
            neighbours[e.source].add(e.target)
            neighbours[e.target].add(e.source)
    start = [k for k in dict.fromkeys(subgraph.focus) if k in order]
    if not start:
        start = [max(keys, key=lambda k: (len(neighbours[k]), -order[k]))]
    kept, degrees, partial = nearest_keys(
        order, start, lambda frontier: (n for k in frontier for n in neighbours[k]), max_nodes)
    keep = set(kept)
    part = subgraph.model_copy(
        update={
            "nodes": [n for n in subgraph.nodes if n.key in keep],
            "edges": [e for e in subgraph.edges if e.source in keep and e.target in keep],
            "focus": [k for k in subgraph.focus if k in keep],
        }
    )
    return NearestPart(part, len(keys) - len(kept), degrees, partial)
