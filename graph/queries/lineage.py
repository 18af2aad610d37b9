"""Shared engine of ``bases`` and ``derived``: rows from a backend -> a :class:`LineageResult`.

Each relationship becomes one :class:`Link` shared by every path and "via" list it appears in
(pydantic keeps model instances as they are), which matters on the hot path of both questions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import TypeAdapter

from graph.queries.backend import DEFAULT_DEPTH, Backend, Edge, check_depth
from graph.queries.levels import group_rank
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import DOCREF_FIELDS, docref_data
from graph.queries.result_refs import DocRef, Link
from graph.queries.results import LineageItem, LineageResult
from graph.queries.status_results import DocumentStatus
from graph.text import fold

LinkData = dict[str, Any]
#: the statuses of documents by key, given their keys and the types each number was cited as
Statuses = Callable[[list[str], Mapping[str, list[str]]], Mapping[str, DocumentStatus]]
# a list validated in one call of pydantic's core: cheaper than one constructor call per model
LINKS = TypeAdapter(list[Link])
ITEMS = TypeAdapter(list[LineageItem])


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


EdgeKey = tuple[str, str, str]  # (source, target, type): one relationship


def walk(root: str, links: list[EdgeKey], forward: bool) -> dict[str, list[EdgeKey]]:
    """Breadth-first from root over links (along them, or against them); a canonical path to each node.

    ``links`` sorted, so that each node's neighbours come in (neighbour, type) order either way."""
    adj: dict[str, list[tuple[str, EdgeKey]]] = {}
    for lk in links:
        a, b = (lk[0], lk[1]) if forward else (lk[1], lk[0])
        adj.setdefault(a, []).append((b, lk))
    paths: dict[str, list[EdgeKey]] = {root: []}
    queue = deque([root])
    while queue:
        u = queue.popleft()
        for v, lk in adj.get(u, ()):
            if v not in paths:
                paths[v] = [*paths[u], lk]
                queue.append(v)
    return paths


def _bases_order(item: tuple) -> tuple:
    """Level group, depth, then date, number, title, key of an item (document data, depth, ...)."""
    d = item[0]
    return (group_rank(d["group"]), item[1], d["date"] or "9999", d["number"] or "", d["title"] or "",
            d["key"])


def derived_order(item: tuple) -> tuple:
    """Province, level group, then date, number, title, key."""
    d = item[0]
    return (fold(d["province"]), group_rank(d["group"]), d["date"] or "9999", d["number"] or "",
            d["title"] or "", d["key"])


def lineage(backend: Backend, doc: DocRef, direction: str, depth: int = DEFAULT_DEPTH,
            province: str | None = None, statuses: Statuses | None = None) -> LineageResult:
    """The documents under (bases) or over (derived) a document, each with its path and citing links,
    and with its status when ``statuses`` is given (the statuses of documents by key, asked once for
    all the documents of the answer in its order: each item is built with its status, not given it
    after)."""
    check_depth(depth)
    forward = direction == "bases"
    nodes, edges = backend.reach(doc.key, "out" if forward else "in", depth, DOCREF_FIELDS)
    unique = {(e.source, e.target, e.type): e for e in edges}
    order = sorted(unique)
    paths = walk(doc.key, order, forward)
    scope = province_scope(province) if province else None
    reaching: dict[str, list[EdgeKey]] = {}
    for lk in order:
        reaching.setdefault(lk[1] if forward else lk[0], []).append(lk)
    inside: dict[str | None, bool] = {}  # by province: within the scope (a country's few hundred names)
    items = []
    for key, node in nodes.items():
        if key == doc.key or key not in paths:
            continue
        its = _text(node.props.get("province"))
        if its not in inside:
            inside[its] = in_scope(scope, its)
        if inside[its]:
            items.append((docref_data(node), len(paths[key]), paths[key], reaching.get(key, [])))
    items.sort(key=_bases_order if forward else derived_order)
    shown = {doc.key} | {i[0]["key"] for i in items}
    kept = [lk for lk in order if lk[0] in shown and lk[1] in shown]
    # a Link only for what the answer shows (with --province, a few of the country's relationships)
    wanted = set(kept)
    for _, _, p, v in items:
        wanted.update(p)
        wanted.update(v)
    shows = order if len(wanted) == len(order) else [k for k in order if k in wanted]
    made = dict(zip(shows, LINKS.validate_python([link_data(unique[k]) for k in shows]), strict=True))
    found = statuses([i[0]["key"] for i in items], {i[0]["key"]: i[0]["cited_types"] for i in items}) \
        if statuses is not None else {}
    return LineageResult(
        direction="bases" if forward else "derived", document=doc, depth=depth, province=province,
        province_scope=scope,
        items=ITEMS.validate_python(
            [{"document": ref, "depth": d, "path": [made[k] for k in p], "via": [made[k] for k in v],
              "status": found.get(ref["key"])}
             for ref, d, p, v in items]),
        links=[made[k] for k in kept])


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
