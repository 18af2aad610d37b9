"""``targets``: quantified targets across documents over time (one goal's evolution is one table)."""

from __future__ import annotations

from graph.queries.agency_results import TargetRow, TargetsResult
from graph.queries.backend import Backend
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import to_docref
from graph.text import fold


def targets(backend: Backend, province: str | None = None, metric: str | None = None) -> TargetsResult:
    """Targets, optionally of one province's documents and whose metric or text contains ``metric``."""
    nodes, edges = backend.targets()
    scope = province_scope(province) if province else None
    want_m = fold(metric)
    rows = []
    for e in edges:
        doc, t = to_docref(nodes[e.source]), nodes[e.target].props
        if not in_scope(scope, doc.province):
            continue
        if want_m and want_m not in fold(t.get("metric")) and want_m not in fold(t.get("text")):
            continue
        line = t.get("line")
        rows.append(TargetRow(document=doc, key=e.target, metric=t.get("metric"), text=t.get("text") or "",
                              value=t.get("value"), unit=t.get("unit"), deadline=t.get("deadline"),
                              line=int(line) if line is not None else None))
    rows.sort(key=lambda r: (r.metric is None, r.metric or "", r.document.date or "9999", r.document.key,
                             r.deadline or 0, r.line or 0, r.text))
    return TargetsResult(province=province, province_scope=scope, metric=metric, rows=rows)
