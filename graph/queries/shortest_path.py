"""The canonical shortest path between two documents, the same whichever backend holds the graph.

A bidirectional breadth-first search a full layer at a time on the smaller frontier, then a greedy
walk that takes the smallest (neighbour key, type, backward) step still on a shortest path. The answer
depends only on the graph, never on the order neighbours come in, so every backend gives the same path.
Nodes are whatever the backend names them by (keys in memory, row ids in SQLite): a
:class:`NeighbourCache` gives a node's (neighbour, type, forward) steps, fetched a whole layer at once,
and ``keys`` the keys of nodes for the tie-break.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graph.queries.backend import MAX_DEPTH

N = TypeVar("N", int, str)  # how the backend names a node
Step = tuple[Any, str, bool]  # (neighbour, type, forward)
Fetch = Callable[[list[Any]], dict[Any, list[Step]]]
Keys = Callable[[list[Any]], dict[Any, str]]


class NeighbourCache:
    """Neighbours of documents over document relationships (both directions), fetched once each,
    a layer a batch (``fetch`` takes the nodes and gives each one's steps)."""

    def __init__(self, fetch: Fetch) -> None:
        self.fetch = fetch
        self.known: dict[Any, list[Step]] = {}

    def load(self, keys: list[Any]) -> None:
        """Fetch the neighbours of every key not fetched yet, in one batch."""
        missing = [k for k in dict.fromkeys(keys) if k not in self.known]
        if missing:
            self.known.update(self.fetch(missing))

    def __call__(self, key: Any) -> list[Step]:
        if key not in self.known:
            self.load([key])
        return self.known[key]


def meet(near: NeighbourCache, a: N, b: N) -> tuple[dict[N, int], dict[N, int], int | None]:
    """Distances from a and from b and the shortest length (None beyond :data:`MAX_DEPTH`)."""
    dist_a, dist_b = {a: 0}, {b: 0}
    front_a, front_b = [a], [b]
    if a == b:
        return dist_a, dist_b, 0
    ra = rb = 0
    while front_a and front_b and ra + rb < MAX_DEPTH:
        grow_a = len(front_a) <= len(front_b)
        dist, other, front = (dist_a, dist_b, front_a) if grow_a else (dist_b, dist_a, front_b)
        level = (ra if grow_a else rb) + 1
        near.load(front)
        nxt = []
        for u in front:
            for v, _, _ in near(u):
                if v not in dist:
                    dist[v] = level
                    nxt.append(v)
        if grow_a:
            front_a, ra = nxt, level
        else:
            front_b, rb = nxt, level
        if any(v in other for v in nxt):
            return dist_a, dist_b, ra + rb
    return dist_a, dist_b, None


def canonical_path(near: NeighbourCache, keys: Keys, a: N, b: N) -> list[tuple[N, N, str]] | None:
    """The canonical shortest path from a to b as (source, target, type) in walking order; None if none.
    ``keys`` gives the keys of nodes (the walk takes the step with the smallest neighbour key)."""
    dist_a, dist_b, d = meet(near, a, b)
    if d is None:
        return None
    ra = d - max(dist_b.values())  # radius searched from a (layers complete up to it)
    memo: dict[Any, bool] = {}

    def on_path(v: Any) -> bool:
        """v (in a's ball, before the meeting layer) continues to b in d - dist_a(v) steps."""
        if v not in memo:
            i = dist_a[v]
            memo[v] = any(
                dist_a.get(w) == i + 1 and (dist_b.get(w) == d - i - 1 if i + 1 == ra else on_path(w))
                for w, _, _ in near(v))
        return memo[v]

    path: list[tuple[Any, Any, str]] = []
    cur, k = a, 0
    while cur != b:
        steps = [(v, t, not fwd) for v, t, fwd in near(cur)
                 if dist_b.get(v) == d - k - 1 or (k + 1 < ra and dist_a.get(v) == k + 1 and on_path(v))]
        key = keys(list({v for v, _, _ in steps}))
        _, t, backward, v = min((key[v], t, backward, v) for v, t, backward in steps)
        path.append((v, cur, t) if backward else (cur, v, t))
        cur, k = v, k + 1
    return path
