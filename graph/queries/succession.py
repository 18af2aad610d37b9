"""What became of agencies after the 2025 reorganisation, and who carries their open tasks now.

The chains of ``KẾ_THỪA`` come from the store (:meth:`Backend.successions`), so both stores answer
alike. A task is open when its deadline year (the project's period, else the last year the document's
tasks run to, ``horizon``) ends on or after the day its unit ended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.loaders.succession import period_end
from graph.queries.agency_results import AgencyRef, AgencyRole, AgencySuccession, Handover, SuccessionStep
from graph.queries.backend import Backend, Edge, Node
from graph.text import fold
from graph.vocabulary import CHU_TRI, PHOI_HOP

_TERMS = re.compile(r"[,;]")


def agency_ref(n: Node) -> AgencyRef:
    """An agency node as answers show it (with the end date and successor of a unit that ended)."""
    p = n.props
    return AgencyRef(
        key=n.key,
        name=p.get("name") or n.key,
        province=p.get("province"),
        ended=p.get("ended"),
        successor=p.get("successor"),
    )


def _step(e: Edge, refs: dict[str, AgencyRef]) -> SuccessionStep:
    p = e.props
    return SuccessionStep(
        former=refs[e.source],
        successor=refs[e.target],
        date=str(p.get("date") or ""),
        date_exact=bool(p.get("date_exact", True)),
        legal_basis=list(p.get("legal_basis") or []),
        scope=p.get("scope"),
        status=p.get("status"),
        sources=list(p.get("sources") or []),
    )


def agency_successions(backend: Backend, agencies: Iterable[AgencyRef]) -> list[AgencySuccession]:
    """For each agency that ended or whose fate is only partly known: its chain of successions."""
    agencies = list(agencies)
    nodes, edges = backend.successions([a.key for a in agencies])
    refs = {k: agency_ref(n) for k, n in nodes.items()} | {a.key: a for a in agencies}
    out_edges: dict[str, list[Edge]] = {}
    for e in sorted(edges, key=lambda e: (e.source, e.props.get("scope") is not None, e.target)):
        out_edges.setdefault(e.source, []).append(e)
    notes = {n.key: n.props.get("succession_note") for n in backend.all_agencies() if n.key in refs}
    result = []
    for a in agencies:
        steps, current, seen, frontier = [], None, {a.key}, [a.key]
        while frontier:
            nxt = []
            for u in frontier:
                for e in out_edges.get(u, []):
                    steps.append(_step(e, refs))
                    if e.target not in seen:
                        seen.add(e.target)
                        nxt.append(e.target)
            frontier = nxt
        k = a.key
        while (
            default := next((e for e in out_edges.get(k, []) if not e.props.get("scope")), None)
        ) is not None:
            k = default.target
        current = refs[k] if k != a.key else None
        if steps or a.ended or notes.get(a.key):
            result.append(
                AgencySuccession(
                    agency=a,
                    ended=a.ended,
                    current=current,
                    note=notes.get(a.key),
                    steps=sorted(steps, key=lambda s: (s.date, s.former.key, s.scope or "", s.successor.key)),
                )
            )
    return result


def _mentions(scope: str, text: str) -> bool:
    return any(len(t) >= 4 and t in text for t in (fold(x) for x in _TERMS.split(scope)))


def handovers(
    roles: list[AgencyRole], successions: list[AgencySuccession], horizons: dict[str, int | None]
) -> list[Handover]:
    """The lead and coordination roles of ended agencies whose deadline is on or after the end date."""
    by_agency = {s.agency.key: s for s in successions if s.ended}
    out = []
    for r in roles:
        s = by_agency.get(r.agency.key)
        if s is None or s.ended is None or r.role not in (CHU_TRI, PHOI_HOP):
            continue
        deadline, origin = (period_end(r.project.period), "project") if r.project else (None, None)
        if deadline is None and r.document is not None:
            deadline, origin = horizons.get(r.document.key), "document"
        if deadline is None or f"{deadline}-12-31" < s.ended:
            continue
        text = fold(" ".join(x for x in (r.task, r.project.name if r.project else None) if x))
        partial = [
            st for st in s.steps if st.scope and st.former.key == r.agency.key and _mentions(st.scope, text)
        ]
        out.append(
            Handover(
                role=r,
                deadline=int(deadline),
                deadline_from=origin,
                ended=s.ended,
                to=s.current,
                may_go_to=partial,
            )
        )
    return out
