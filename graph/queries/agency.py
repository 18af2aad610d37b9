"""``agency``: what an agency leads and coordinates (documents, tasks, projects), with budgets."""

from __future__ import annotations

import difflib

from graph.errors import NotFoundError
from graph.queries.agency_results import AgencyRef, AgencyResult, AgencyRole, DocumentBudget, ProjectRef
from graph.queries.backend import Backend, Node
from graph.queries.lineage import to_link
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import doc_sort_key, to_docref
from graph.queries.result_refs import DocRef, ProvinceScope
from graph.queries.succession import agency_ref, agency_successions, handovers
from graph.text import fold
from graph.vocabulary import CHU_TRI, DOCUMENT, GOM, PHOI_HOP, PROJECT

_ROLE_ORDER = {CHU_TRI: 0, PHOI_HOP: 1}


def _project_ref(n: Node) -> ProjectRef:
    p = n.props
    return ProjectRef(key=n.key, name=p.get("name") or n.key, period=p.get("period"), budget=p.get("budget"),
                      budget_unit=p.get("budget_unit"), budget_dong=p.get("budget_dong"),
                      funding=p.get("funding"))


def match_agencies(backend: Backend, name: str,
                   province: str | ProvinceScope | None = None) -> list[AgencyRef]:
    """Agencies named so (insensitive to diacritics and case; whole name first, then part of it); a
    province of today includes the agencies of the former provinces merged into it."""
    agencies = [agency_ref(n) for n in backend.all_agencies()]
    if province:
        scope = province if isinstance(province, ProvinceScope) else province_scope(province)
        province = scope.asked
        agencies = [a for a in agencies if in_scope(scope, a.province)]
    q = fold(name)
    found = [a for a in agencies if fold(a.name) == q] or [a for a in agencies if q and q in fold(a.name)]
    if not found:
        names = sorted({a.name for a in agencies})
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
        where = f" in {province}" if province else ""
        hint = ("did you mean " + " or ".join(close) + "?") if close else (
            "run lineage ingest first" if not agencies else "check the spelling, or drop --province")
        raise NotFoundError(f"no agency named {name!r}{where}", hint=hint)
    return sorted(found, key=lambda a: (fold(a.province), fold(a.name), a.key))


def agency(backend: Backend, name: str, province: str | None = None) -> AgencyResult:
    """Roles of the agency with documents and projects, budgets summed per document and overall; for a
    unit that ended in the 2025 reorganisation, its successors and the open tasks that passed to them."""
    scope = province_scope(province) if province else None
    agencies = match_agencies(backend, name, scope)
    by_key = {a.key: a for a in agencies}
    nodes, edges = backend.agency_roles(list(by_key))
    containers: dict[str, list[str]] = {}
    for e in edges:
        if e.type == GOM:
            containers.setdefault(e.target, []).append(e.source)
    roles: list[AgencyRole] = []
    for e in edges:
        if e.type == GOM or e.source not in by_key:
            continue
        x = nodes[e.target]
        tasks = e.props.get("tasks") or []
        task = "; ".join(tasks) if isinstance(tasks, list) else str(tasks)
        link = to_link(e)
        if PROJECT in x.labels:
            project = _project_ref(x)
            docs = sorted(set(containers.get(x.key, []))) or [None]
            for d in docs:
                roles.append(AgencyRole(agency=by_key[e.source], role=e.type, project=project,
                                        task=task or None, document=to_docref(nodes[d]) if d else None,
                                        link=link))
        elif DOCUMENT in x.labels:
            roles.append(AgencyRole(agency=by_key[e.source], role=e.type, document=to_docref(x),
                                    task=task or None, link=link))

    def order(r: AgencyRole) -> tuple:
        d = doc_sort_key(r.document) if r.document else ("",)
        return (_ROLE_ORDER.get(r.role, 2), r.role, *d, r.project.name if r.project else "", r.agency.key)

    roles.sort(key=order)
    budgets: dict[str, dict] = {}
    for r in roles:
        if not r.project or r.role not in _ROLE_ORDER:
            continue
        k = r.document.key if r.document else ""
        b = budgets.setdefault(k, {"document": r.document, "led_projects": 0, "led_budget_dong": 0.0,
                                   "coordinated_projects": 0, "coordinated_budget_dong": 0.0})
        side = "led" if r.role == CHU_TRI else "coordinated"
        b[f"{side}_projects"] += 1
        b[f"{side}_budget_dong"] += r.project.budget_dong or 0.0
    ordered = sorted(budgets.values(), key=lambda b: _doc_order(b["document"]))
    rows = [DocumentBudget(**b) for b in ordered]
    successions = agency_successions(backend, agencies)
    horizons = {k: n.props.get("horizon") for k, n in nodes.items() if DOCUMENT in n.labels}
    return AgencyResult(query=name, province=province, province_scope=scope, agencies=agencies, roles=roles,
                        budgets=rows, total_led_budget_dong=sum(b.led_budget_dong for b in rows),
                        total_coordinated_budget_dong=sum(b.coordinated_budget_dong for b in rows),
                        successions=successions, handovers=handovers(roles, successions, horizons))


def _doc_order(d: DocRef | None) -> tuple:
    return doc_sort_key(d) if d else ("9999",)
