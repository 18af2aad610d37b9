"""The neighbourhood of one document, as a :class:`Subgraph`: what ``lineage show`` draws.

Up the chain of authority (the documents it rests on, their bases ...), down (documents resting on
it), or both; each direction is followed on its own, so "both" is not a zig-zag over the country.
The focus document also brings its agencies (issued, proposed, lead, coordinate), its projects and
their agencies, and optionally its targets. Units are drawn as they stood on ``as_of`` (default
today): a unit that had ended by then keeps ``ended`` and brings its successors (``KẾ_THỪA``); before
the change it is drawn as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from graph import i18n
from graph import vocabulary as v
from graph.errors import NotFoundError
from graph.lineage_graph import Graph
from graph.loaders.succession import ProvinceChange, province_change
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode

Direction = Literal["up", "down", "both"]
_DOC_RELS = frozenset(v.DOCUMENT_RELATIONS)
_AGENCY_RELS = frozenset((v.BAN_HANH, v.DE_NGHI, v.CHU_TRI, v.PHOI_HOP))


def _walk(g: Graph, start: str, depth: int, up: bool) -> set[str]:
    """Documents reached from ``start`` over document relations, following (up) or against (down) them."""
    seen, frontier = {start}, [start]
    for _ in range(depth):
        nxt = []
        for key in frontier:
            edges = g.out_edges(key, keys=True) if up else g.in_edges(key, keys=True)
            for a, b, rel in edges:
                other = b if up else a
                if rel in _DOC_RELS and other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return seen


def _successors(g: Graph, keys: set[str], as_of: str) -> set[str]:
    """The units that had taken over from the agencies among ``keys`` by ``as_of`` (chains of KẾ_THỪA)."""
    found: set[str] = set()
    frontier = [k for k in keys if v.AGENCY in g.nodes[k].get("labels", ())]
    while frontier:
        nxt = []
        for a in frontier:
            for _, b, rel, data in g.out_edges(a, keys=True, data=True):
                if rel == v.KE_THUA and str(data.get("date")) <= as_of and b not in found and b not in keys:
                    found.add(b)
                    nxt.append(b)
        frontier = nxt
    return found


_UNIT_LATER = ("ended", "ended_basis", "ended_exact", "successor", "succession_note")


def dated_as_of(node: SubgraphNode, as_of: str, changes: dict[str, ProvinceChange | None]) -> SubgraphNode:
    """The node as it stood on ``as_of``: a unit not yet ended, a document whose province was not merged.
    ``changes``: the province changes looked up so far, by name (a page of a central document holds
    thousands of documents of the same few provinces)."""
    p = node.properties
    if str(p.get("ended") or "9999") > as_of:
        for name in _UNIT_LATER:
            p.pop(name, None)
    change = None
    if "province_now" in p:
        province = p.get("province")
        if not isinstance(province, str):
            change = province_change(province)
        elif province in changes:
            change = changes[province]
        else:
            change = changes[province] = province_change(province)
    if change is not None and change.date > as_of:
        p.pop("province_now", None)
    return node


def _node(g: Graph, key: str) -> SubgraphNode:
    data: dict[str, Any] = g.nodes[key]
    props = {k: x for k, x in data.items() if k not in ("labels", "key")}
    return SubgraphNode(key=key, labels=list(data.get("labels", ())), properties=props)


def neighbourhood(
    g: Graph,
    key: str,
    *,
    depth: int = 3,
    direction: Direction = "both",
    targets: bool = False,
    title: str = "",
    as_of: str | None = None,
) -> Subgraph:
    """The documents within ``depth`` relations of ``key`` (up, down or both) and the focus's own details,
    with the units as they stood on ``as_of`` (ISO date; default today)."""
    as_of = as_of or dt.date.today().isoformat()
    if key not in g:
        raise NotFoundError(i18n._("{key}: no such document in the store").format(key=key),
                            hint=i18n._("find it with lineage find TEXT"))
    docs: set[str] = {key}
    if direction in ("up", "both"):
        docs |= _walk(g, key, depth, up=True)
    if direction in ("down", "both"):
        docs |= _walk(g, key, depth, up=False)
    keep = set(docs)
    # The focus's agencies, projects (with their agencies) and, on request, targets.
    for a, _, rel in g.in_edges(key, keys=True):
        if rel in _AGENCY_RELS:
            keep.add(a)
    for _, b, rel in g.out_edges(key, keys=True):
        if rel == v.GOM:
            keep.add(b)
            keep.update(a for a, _, r in g.in_edges(b, keys=True) if r in _AGENCY_RELS)
        elif rel == v.DE_RA and targets:
            keep.add(b)
    keep |= _successors(g, keep, as_of)
    ordered = sorted(keep, key=lambda k: (k != key, k))
    edges = [
        SubgraphEdge(source=a, target=b, type=rel, properties=dict(data))
        for a in keep
        for _, b, rel, data in g.out_edges(a, keys=True, data=True)  # what leaves each kept node: a graph
        if b in keep and (rel != v.KE_THUA or str(data.get("date")) <= as_of)  # read as touched reads no more
    ]
    for e in edges:
        e.properties.pop("type", None)
    edges.sort(key=lambda e: (e.source, e.target, e.type))
    changes: dict[str, ProvinceChange | None] = {}
    return Subgraph(
        title=title or f"Lineage of {g.nodes[key].get('number') or key}",
        focus=[key],
        nodes=[dated_as_of(_node(g, k), as_of, changes) for k in ordered],
        edges=edges,
    )
