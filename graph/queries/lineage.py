"""Shared engine of ``bases`` and ``derived``: rows from a backend -> a :class:`LineageResult`.

Each relationship becomes one :class:`Link` shared by every path and "via" list it appears in
(pydantic keeps model instances as they are), which matters on the hot path of both questions.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from pydantic import TypeAdapter

from graph.queries.backend import DEFAULT_DEPTH, Backend, Edge, check_depth
from graph.queries.levels import group_rank
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import docref_data
from graph.queries.result_refs import DocRef, Link
from graph.queries.results import LineageItem, LineageResult
from graph.text import fold

LinkData = dict[str, Any]
# a list validated in one call of pydantic's core: cheaper than one constructor call per model
_LINKS = TypeAdapter(list[Link])
_ITEMS = TypeAdapter(list[LineageItem])


def link_data(e: Edge) -> LinkData:
    """A relationship as the fields of :class:`Link`."""
    line, raw, file = e.props.get("line"), e.props.get("text"), e.props.get("source")
    restored = e.props.get("text_restored")  # damaged input: the words as the reader restored them
    text = restored or raw
    return {"source": e.source, "target": e.target, "type": e.type,
            "text": None if text is None else str(text), "file": None if file is None else str(file),
            "line": int(line) if line is not None else None,
            "raw_text": str(raw) if restored and raw is not None else None}


def to_link(e: Edge) -> Link:
    return Link(**link_data(e))


def walk(root: str, links: list[Link], forward: bool) -> dict[str, list[Link]]:
    """Breadth-first from root over links (along them, or against them); a canonical path to each node."""
    adj: dict[str, list[tuple[str, str, Link]]] = {}
    for lk in links:
        a, b = (lk.source, lk.target) if forward else (lk.target, lk.source)
        adj.setdefault(a, []).append((b, lk.type, lk))
    for nbrs in adj.values():
        nbrs.sort(key=lambda x: (x[0], x[1]))
    paths: dict[str, list[Link]] = {root: []}
    queue = deque([root])
    while queue:
        u = queue.popleft()
        for v, _, lk in adj.get(u, ()):
            if v not in paths:
                paths[v] = [*paths[u], lk]
                queue.append(v)
    return paths


def _doc_order(d: dict[str, Any]) -> tuple:
    return (d["date"] or "9999", d["number"] or "", d["title"] or "", d["key"])


def lineage(backend: Backend, doc: DocRef, direction: str, depth: int = DEFAULT_DEPTH,
            province: str | None = None) -> LineageResult:
    """The documents under (bases) or over (derived) a document, each with its path and citing links."""
    check_depth(depth)
    forward = direction == "bases"
    nodes, edges = backend.reach(doc.key, "out" if forward else "in", depth)
    unique = {(e.source, e.target, e.type): e for e in edges}
    links = _LINKS.validate_python([link_data(unique[k]) for k in sorted(unique)])
    paths = walk(doc.key, links, forward)
    scope = province_scope(province) if province else None
    reaching: dict[str, list[Link]] = {}
    for lk in links:
        reaching.setdefault(lk.target if forward else lk.source, []).append(lk)
    items = []
    for key, node in nodes.items():
        if key == doc.key or key not in paths:
            continue
        ref = docref_data(node)
        if not in_scope(scope, ref["province"]):
            continue
        items.append((ref, len(paths[key]), paths[key], reaching.get(key, [])))
    if forward:
        items.sort(key=lambda i: (group_rank(i[0]["group"]), i[1], *_doc_order(i[0])))
    else:
        items.sort(key=lambda i: (fold(i[0]["province"]), group_rank(i[0]["group"]), *_doc_order(i[0])))
    shown = {doc.key} | {i[0]["key"] for i in items}
    links = [lk for lk in links if lk.source in shown and lk.target in shown]
    return LineageResult(
        direction="bases" if forward else "derived", document=doc, depth=depth, province=province,
        province_scope=scope,
        items=_ITEMS.validate_python(
            [{"document": ref, "depth": d, "path": p, "via": v} for ref, d, p, v in items]),
        links=links)
