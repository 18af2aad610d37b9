"""The page of ``lineage show`` on the embedded store, read in proportion to what it draws.

The same neighbourhood as :func:`graph.queries.neighbourhood.neighbourhood` and the same cut as
:func:`graph.queries.nearest.nearest_part`, but the walk, the units' successions and the relationships
among the documents met are read in SQL by row ids (a central decree of a national store meets a hundred
thousand documents); only the nodes the cut keeps are read whole. The caller gives the statuses of
those alone (:func:`graph.queries.status.annotate`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from graph import i18n
from graph import vocabulary as v
from graph.errors import NotFoundError
from graph.loaders.succession import ProvinceChange
from graph.queries.nearest import NearestPart, nearest_keys
from graph.queries.neighbourhood import Direction, dated_as_of
from graph.queries.sqlite_sql import EACH, id_list, marks
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode

_DOC_TYPES = tuple(v.DOCUMENT_RELATIONS)
_AGENCY_TYPES = (v.BAN_HANH, v.DE_NGHI, v.CHU_TRI, v.PHOI_HOP)


def _ids(ids: Iterable[int]) -> str:
    return id_list(sorted(ids))


class _Reader:
    """The store's rows, by id."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def column(self, sql: str, params: Iterable[Any]) -> list[Any]:
        return [r[0] for r in self.conn.execute(sql, list(params))]

    def walk(self, start: int, depth: int, up: bool) -> set[int]:
        """Documents within ``depth`` document relations of ``start``, following (up) or against them."""
        near, far = ("source", "target") if up else ("target", "source")
        sql = f"SELECT {far} FROM edges WHERE {near} IN {EACH} AND type IN ({marks(len(_DOC_TYPES))})"
        seen, frontier = {start}, {start}
        for _ in range(depth):
            if not frontier:
                break
            frontier = set(self.column(sql, [_ids(frontier), *_DOC_TYPES])) - seen
            seen |= frontier
        return seen

    def agencies_into(self, ids: Iterable[int]) -> set[int]:
        sql = f"SELECT source FROM edges WHERE target IN {EACH} AND type IN ({marks(len(_AGENCY_TYPES))})"
        return set(self.column(sql, [_ids(ids), *_AGENCY_TYPES]))

    def out(self, ids: Iterable[int], rel: str) -> list[tuple[int, int, str]]:
        """(source, target, props) of the relationships of type ``rel`` leaving ``ids``."""
        sql = f"SELECT source, target, props FROM edges WHERE source IN {EACH} AND type = ?"
        return self.conn.execute(sql, [_ids(ids), rel]).fetchall()

    def successors(self, keep: set[int], as_of: str) -> set[int]:
        """The units that had taken over from the agencies among ``keep`` by ``as_of`` (chains of KẾ_THỪA)."""
        edges = self.out(keep, v.KE_THUA)
        sources = {a for a, _, _ in edges}
        agencies = {i for i, props in self.nodes(sources) if v.AGENCY in props.get("labels", ())}
        found: set[int] = set()
        while edges:
            nxt = set()
            for a, b, props in edges:
                if a in agencies and _dated(props, as_of) and b not in found and b not in keep:
                    found.add(b)
                    nxt.add(b)
            agencies = nxt
            edges = self.out(nxt, v.KE_THUA) if nxt else []
        return found

    def nodes(self, ids: Iterable[int]) -> list[tuple[int, dict[str, Any]]]:
        return [(i, json.loads(props)) for i, props in
                self.conn.execute(f"SELECT id, props FROM nodes WHERE id IN {EACH}", [_ids(ids)])]

    def keys(self, ids: Iterable[int]) -> dict[int, str]:
        return dict(self.conn.execute(f"SELECT id, key FROM nodes WHERE id IN {EACH}", [_ids(ids)]))

    def between(self, ids: set[int], as_of: str) -> list[tuple[int, int, str, dict[str, Any]]]:
        """The relationships among ``ids`` as the page draws them (a succession not yet made is not)."""
        listed = _ids(ids)
        sql = f"SELECT source, target, type, props FROM edges WHERE source IN {EACH} AND target IN {EACH}"
        return [(a, b, rel, json.loads(data)) for a, b, rel, data in self.conn.execute(sql, [listed, listed])
                if rel != v.KE_THUA or _dated(data, as_of)]

    def around(self, ids: list[int], keep: set[int], as_of: str) -> set[int]:
        """The neighbours among ``keep`` of ``ids``, either way over the relationships the page draws."""
        sql = (f"SELECT target, type, CASE WHEN type = ? THEN props END FROM edges WHERE source IN {EACH} "
               f"UNION ALL SELECT source, type, CASE WHEN type = ? THEN props END FROM edges "
               f"WHERE target IN {EACH}")
        listed = _ids(ids)
        return {other for other, rel, data in self.conn.execute(sql, [v.KE_THUA, listed, v.KE_THUA, listed])
                if other in keep and (rel != v.KE_THUA or _dated(data, as_of))}


def _dated(props: str, as_of: str) -> bool:
    """Whether a succession had been made by ``as_of``."""
    return str(json.loads(props).get("date")) <= as_of


def _node(key: str, data: dict[str, Any]) -> SubgraphNode:
    props = {k: x for k, x in data.items() if k not in ("labels", "key")}
    return SubgraphNode(key=key, labels=list(data.get("labels", ())), properties=props)


def shown_neighbourhood(conn: sqlite3.Connection, key: str, *, depth: int, direction: Direction,
                        targets: bool, title: str, as_of: str, max_nodes: int) -> NearestPart:
    """What ``render_subgraph(neighbourhood(...), max_nodes=...)`` draws of ``key``'s neighbourhood, and
    what it leaves out, without reading the nodes it leaves out."""
    store = _Reader(conn)
    row = conn.execute("SELECT id FROM nodes WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise NotFoundError(i18n._("{key}: no such document in the store").format(key=key),
                            hint=i18n._("find it with lineage find TEXT"))
    focus = row[0]
    keep = {focus}
    if direction in ("up", "both"):
        keep |= store.walk(focus, depth, up=True)
    if direction in ("down", "both"):
        keep |= store.walk(focus, depth, up=False)
    # The focus's agencies, projects (with their agencies) and, on request, targets.
    keep |= store.agencies_into([focus])
    projects = {b for _, b, _ in store.out([focus], v.GOM)}
    keep |= projects | store.agencies_into(projects)
    if targets:
        keep |= {b for _, b, _ in store.out([focus], v.DE_RA)}
    keep |= store.successors(keep, as_of)
    keys = store.keys(keep)
    ordered = sorted(keys.values(), key=lambda k: (k != key, k))
    if len(ordered) <= max_nodes:
        kept, degrees, partial = ordered, 0, False
    else:
        ids_of = {k: i for i, k in keys.items()}
        kept, degrees, partial = nearest_keys(
            {k: i for i, k in enumerate(ordered)}, [key],
            lambda frontier: (keys[i] for i in store.around([ids_of[k] for k in frontier], keep, as_of)),
            max_nodes)
    shown = set(kept)
    ids = {i for i, k in keys.items() if k in shown}
    read = dict(store.nodes(ids))
    by_key = {keys[i]: data for i, data in read.items()}
    changes: dict[str, ProvinceChange | None] = {}
    nodes = [dated_as_of(_node(k, by_key[k]), as_of, changes) for k in ordered if k in by_key]
    edges = []
    for a, b, rel, data in store.between(ids, as_of):
        data.pop("type", None)
        edges.append(SubgraphEdge(source=keys[a], target=keys[b], type=rel, properties=data))
    edges.sort(key=lambda e: (e.source, e.target, e.type))
    sub = Subgraph(title=title or f"Lineage of {read[focus].get('number') or key}", focus=[key],
                   nodes=nodes, edges=edges)
    return NearestPart(sub, len(ordered) - len(kept), degrees, partial)
