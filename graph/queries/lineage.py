"""Shared engine of ``bases`` and ``derived``: rows from a backend -> a :class:`LineageResult`."""

from __future__ import annotations

from collections import deque

from graph.queries.backend import DEFAULT_DEPTH, Backend, Edge, check_depth
from graph.queries.levels import group_rank
from graph.queries.resolve import doc_sort_key, to_docref
from graph.queries.results import DocRef, LineageItem, LineageResult, Link
from graph.text import fold


def to_link(e: Edge) -> Link:
    line, text, file = e.props.get("line"), e.props.get("text"), e.props.get("source")
    return Link(source=e.source, target=e.target, type=e.type, text=None if text is None else str(text),
                file=None if file is None else str(file), line=int(line) if line is not None else None)


def walk(root: str, links: list[Link], forward: bool) -> dict[str, list[Link]]:
    """Breadth-first from root over links (along them, or against them); a canonical path to each node."""
    adj: dict[str, list[tuple[str, Link]]] = {}
    for lk in sorted(links, key=lambda x: (x.type, x.source, x.target)):
        a, b = (lk.source, lk.target) if forward else (lk.target, lk.source)
        adj.setdefault(a, []).append((b, lk))
    for nbrs in adj.values():
        nbrs.sort(key=lambda x: (x[0], x[1].type))
    paths: dict[str, list[Link]] = {root: []}
    queue = deque([root])
    while queue:
        u = queue.popleft()
        for v, lk in adj.get(u, ()):
            if v not in paths:
                paths[v] = [*paths[u], lk]
                queue.append(v)
    return paths


def lineage(backend: Backend, doc: DocRef, direction: str, depth: int = DEFAULT_DEPTH,
            province: str | None = None) -> LineageResult:
    """The documents under (bases) or over (derived) a document, each with its path and citing links."""
    check_depth(depth)
    forward = direction == "bases"
    nodes, edges = backend.reach(doc.key, "out" if forward else "in", depth)
    links = sorted({(e.source, e.target, e.type): to_link(e) for e in edges}.values(), key=Link.sort_key)
    paths = walk(doc.key, links, forward)
    wanted = fold(province) if province else None
    reaching: dict[str, list[Link]] = {}
    for lk in links:
        reaching.setdefault(lk.target if forward else lk.source, []).append(lk)
    items = []
    for key, node in nodes.items():
        if key == doc.key or key not in paths:
            continue
        ref = to_docref(node)
        if wanted and fold(ref.province) != wanted:
            continue
        items.append(LineageItem(document=ref, depth=len(paths[key]), path=paths[key],
                                 via=reaching.get(key, [])))
    if forward:
        items.sort(key=lambda i: (group_rank(i.document.group), i.depth, *doc_sort_key(i.document)))
    else:
        items.sort(key=lambda i: (fold(i.document.province), group_rank(i.document.group),
                                  *doc_sort_key(i.document)))
    shown = {doc.key} | {i.document.key for i in items}
    links = [lk for lk in links if lk.source in shown and lk.target in shown]
    return LineageResult(direction="bases" if forward else "derived", document=doc, depth=depth,
                         province=province, items=items, links=links)
