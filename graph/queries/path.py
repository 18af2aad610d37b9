"""``path``: how two documents are connected, relationship by relationship (shortest, any direction)."""

from __future__ import annotations

from graph.errors import LineageError, NotFoundError
from graph.i18n import _
from graph.queries.backend import MAX_DEPTH, Backend, Edge
from graph.queries.lineage import to_link
from graph.queries.resolve import resolve, to_docref
from graph.queries.results import PathResult, PathStep


def _steps(a: str, edges: list[Edge]) -> list[tuple[str, str, bool]]:
    """(next document, type, forward) along the walk from a: the canonical order of paths."""
    out, cur = [], a
    for e in edges:
        forward = e.source == cur
        cur = e.target if forward else e.source
        out.append((cur, e.type, not forward))
    return out


def path(backend: Backend, a_ref: str, b_ref: str) -> PathResult:
    """The canonical shortest path between two documents (smallest sequence of steps among the shortest)."""
    a, b = resolve(backend, a_ref), resolve(backend, b_ref)
    if a.key == b.key:
        raise LineageError(_("{a} and {b} are the same document").format(a=repr(a_ref), b=repr(b_ref)),
                           hint=_("give two different documents"))
    candidates = backend.shortest_paths(a.key, b.key)
    if not candidates:
        raise NotFoundError(_("no connection between {a} and {b} within {n} relationships").format(
            a=a.label, b=b.label, n=MAX_DEPTH))
    length = min(len(c) for c in candidates)
    best = min((c for c in candidates if len(c) == length), key=lambda c: _steps(a.key, c))
    keys = [a.key] + [s[0] for s in _steps(a.key, best)]
    nodes = backend.documents_by_key(keys)
    steps, cur = [], a.key
    for e in best:
        forward = e.source == cur
        cur = e.target if forward else e.source
        steps.append(PathStep(link=to_link(e), forward=forward))
    return PathResult(a=a, b=b, length=length, documents=[to_docref(nodes[k]) for k in keys], steps=steps)
