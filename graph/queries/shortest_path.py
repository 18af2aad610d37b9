"""The canonical shortest path between two documents, the same whichever backend holds the graph.

A bidirectional breadth-first search a full layer at a time, then a greedy walk that takes the
smallest (neighbour key, type, backward) step still on a shortest path. The answer depends only on
the graph, never on the order neighbours come in nor on which side grows, so every backend gives the
same path. Nodes are whatever the backend names them by (keys in memory, row ids in SQLite): a
:class:`NeighbourCache` gives a node's (neighbour, type, forward) steps, fetched a whole layer at once,
and ``keys`` the keys of nodes for the tie-break.

A backend that reads neighbours from disk also gives ``degree`` (how many steps a set of nodes has)
and ``between`` (the relationships joining two sets): the search then grows the side with fewer steps
to read and, before reading more than :data:`PROBE_ABOVE` of them, asks whether the two frontiers
touch. When they do, only the meeting nodes of the last layer are kept: the walk never needs the
others (a node of the last layer is on a shortest path only if it is in the other ball too), so the
ten thousand citers of a much-cited document are never read. Nodes never expanded then give, as
their steps, the relationships to the nodes expanded and to those met, which hold every step the walk
can take from them (tests/test_shortest_path_probe.py checks the paths against a full search).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graph.queries.backend import MAX_DEPTH

N = TypeVar("N", int, str)  # how the backend names a node
Step = tuple[Any, str, bool]  # (neighbour, type, forward)
Fetch = Callable[[list[Any]], dict[Any, list[Step]]]
Keys = Callable[[list[Any]], dict[Any, str]]
#: (x, y, type, forward: the relationship points from x to y) for x in the first set, y in the second
Between = Callable[[list[Any], list[Any]], list[tuple[Any, Any, str, bool]]]
Degree = Callable[[list[Any]], int]
PROBE_ABOVE = 300  # a frontier with more steps than this is probed before being expanded
DEGREE_LIMIT = 200  # larger frontiers are not counted: their cost is estimated
STEPS_PER_NODE = 10  # the estimate: steps per node of a large frontier (documents cite about ten)


class NeighbourCache:
    """Neighbours of documents over document relationships (both directions), fetched once each,
    a layer a batch (``fetch`` takes the nodes and gives each one's steps); optionally ``between``
    and ``degree`` (see the module's docstring)."""

    def __init__(self, fetch: Fetch, between: Between | None = None, degree: Degree | None = None) -> None:
        self.fetch = fetch
        self.between = between
        self.degree = degree
        self.known: dict[Any, list[Step]] = {}  # every step of the nodes expanded
        self.met: dict[Any, list[Step]] = {}  # steps between the two frontiers that met (probed)
        self.partial: dict[Any, list[Step]] = {}  # nodes never expanded: steps the walk may take
        self.only_met: set[Any] = set()  # a's frontier when a probe met: the walk needs only steps met

    def load(self, keys: list[Any]) -> None:
        """Fetch the neighbours of every key not fetched yet, in one batch."""
        missing = [k for k in dict.fromkeys(keys) if k not in self.known]
        if missing:
            self.known.update(self.fetch(missing))

    def probe(self, front: list[Any], other: list[Any]) -> set[Any]:
        """The nodes of ``other`` joined to ``front`` (their steps kept for the walk)."""
        found = set()
        for x, y, rel_type, forward in self.between(front, other) if self.between else ():
            self.met.setdefault(x, []).append((y, rel_type, forward))
            self.met.setdefault(y, []).append((x, rel_type, not forward))
            found.add(y)
        return found

    def __call__(self, key: Any) -> list[Step]:
        if key in self.known:
            return self.known[key]
        if self.between is None:
            self.load([key])
            return self.known[key]
        if key in self.only_met:
            return self.met.get(key, [])
        if key not in self.partial:  # never expanded: its steps to the nodes expanded and to those met
            steps = [(y, t, f) for _, y, t, f in self.between([key], list(self.known))]
            self.partial[key] = steps + self.met.get(key, [])
        return self.partial[key]

    def cost(self, front: list[Any]) -> int:
        """What expanding the frontier reads: its steps when the backend counts them (estimated for a
        large frontier), else its size."""
        if self.degree is None:
            return len(front)
        return self.degree(front) if len(front) <= DEGREE_LIMIT else len(front) * STEPS_PER_NODE


def meet(near: NeighbourCache, a: N, b: N) -> tuple[dict[N, int], dict[N, int], int | None]:
    """Distances from a and from b and the shortest length (None beyond :data:`MAX_DEPTH`)."""
    dist_a, dist_b = {a: 0}, {b: 0}
    front_a, front_b = [a], [b]
    if a == b:
        return dist_a, dist_b, 0
    ra = rb = 0
    cost_a, cost_b = near.cost(front_a), near.cost(front_b)
    while front_a and front_b and ra + rb < MAX_DEPTH:
        grow_a = cost_a <= cost_b
        dist, other, front, facing = ((dist_a, dist_b, front_a, front_b) if grow_a
                                      else (dist_b, dist_a, front_b, front_a))
        level = (ra if grow_a else rb) + 1
        nxt: list[Any] = []
        if near.between is not None and min(cost_a, cost_b) > PROBE_ABOVE:
            meeting = near.probe(front, facing)
            if meeting:  # the last layer: its nodes that are in the other ball (every one of them)
                for v in meeting:
                    dist.setdefault(v, level)
                near.only_met = set(front_a)  # a's last layer: on_path and the walk need only steps met
                return (dist_a, dist_b, level + rb) if grow_a else (dist_a, dist_b, ra + level)
        near.load(front)
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
        if grow_a:
            cost_a = near.cost(nxt)
        else:
            cost_b = near.cost(nxt)
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
