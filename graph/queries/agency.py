"""``agency``: what an agency leads and coordinates (documents, tasks, projects), with budgets."""

from __future__ import annotations

from graph.errors import AmbiguousError, LineageError, NotFoundError
from graph.i18n import _
from graph.queries.agency_results import AgencyRef, AgencyResult, AgencyRole, ProjectRef
from graph.queries.backend import Backend, Node
from graph.queries.budgets import plan_budgets, project_shares
from graph.queries.known_names import closest
from graph.queries.lineage import to_link
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import MAX_LISTED, doc_sort_key, to_docref
from graph.queries.result_refs import DocRef, ProvinceScope
from graph.queries.succession import agency_ref, agency_successions, handovers
from graph.text import fold
from graph.vocabulary import CHU_TRI, DOCUMENT, GOM, PHOI_HOP, PROJECT

_ROLE_ORDER = {CHU_TRI: 0, PHOI_HOP: 1}


def _project_ref(n: Node) -> ProjectRef:
    p = n.props
    return ProjectRef(key=n.key, name=p.get("name") or n.key, period=p.get("period"), budget=p.get("budget"),
                      budget_unit=p.get("budget_unit"), budget_dong=p.get("budget_dong"),
                      funding=p.get("funding"), funding_kind=p.get("funding_kind"), shares=project_shares(p))


def match_agencies(backend: Backend, name: str,
                   province: str | ProvinceScope | None = None) -> list[AgencyRef]:
    """Agencies named so: the name as written or abbreviated ("Sở TT&TT", "Sở TTTT", through
    ``graph/data/agency_aliases.json``; insensitive to diacritics, case, spacing and "&"), whole name
    first, then part of it; a province of today includes the agencies of the former provinces merged
    into it. An unknown name is a usage error naming the nearest agencies; without a province, a name
    that fits agencies of several provinces lists them with the command to type."""
    every = [agency_ref(n) for n in backend.all_agencies()]
    if not every:
        raise NotFoundError(_("no agency named {name}: the store has no agencies").format(name=repr(name)),
                            hint=_("run lineage ingest first (or point --store / --neo4j at your store)"))
    scope = None
    if province:
        scope = province if isinstance(province, ProvinceScope) else province_scope(province)
    agencies = [a for a in every if in_scope(scope, a.province)]
    found = _named(agencies, name)
    if not found:
        _unknown_agency(name, scope, agencies, _named(every, name))
    found = sorted(found, key=lambda a: (fold(a.province), fold(a.name), a.key))
    if scope is None and len({a.province for a in found}) > 1:
        _several_provinces(name, found)
    return found


def _keys(text: str) -> set[str]:
    """Matching keys of a name as written and as the alias table spells it out."""
    from graph.reading.documents.agencies import name_key  # the reader's alias table, only when asked

    return {name_key(text), name_key(_expand(text))} - {""}


def _stored_keys(a: AgencyRef) -> set[str]:
    """Matching keys of a stored agency (its names are spelt out when the store is built)."""
    from graph.reading.documents.agencies import name_key

    return {name_key(a.name), name_key(_key_name(a))}


def _expand(name: str) -> str:
    """'Sở TT&TT' -> 'Sở Thông tin và Truyền thông' (``graph/data/agency_aliases.json``)."""
    from graph.reading.documents.agencies import expand_agency

    return expand_agency(name)


def _key_name(a: AgencyRef) -> str:
    """The name in the agency's key (its canonical name without the province)."""
    return a.key.split(":", 2)[-1]


def _named(agencies: list[AgencyRef], name: str) -> list[AgencyRef]:
    from graph.loaders.keys import agency_ref as agency_key  # the key the loader gives the name

    wanted = _keys(name)
    key = agency_key(_expand(name), None).key  # "Sở TTTT tỉnh Kiên Giang": that province's department
    exact = [a for a in agencies if a.key == key or wanted & _stored_keys(a)]
    if exact:
        return exact
    q = fold(_expand(name)) or fold(name)
    return [a for a in agencies if q and (q in fold(a.name) or q in fold(_key_name(a)))]


def _unknown_agency(name: str, scope: ProvinceScope | None, agencies: list[AgencyRef],
                    elsewhere: list[AgencyRef]) -> None:
    where = _(" in {province}").format(province=scope.asked) if scope else ""
    message = _("no agency named {name}{where}").format(name=repr(name), where=where)
    if elsewhere:
        provinces = ", ".join(sorted({a.province or _("central") for a in elsewhere}, key=fold))
        raise LineageError(message, hint=_("it is an agency of {provinces}: drop --province or name one of "
                                           "them").format(provinces=provinces))
    names = sorted({a.name for a in agencies} | {_key_name(a) for a in agencies})
    close = closest(_expand(name), names) or closest(name, names)
    hint = (_("nearest: {names}").format(names="; ".join(close)) if close
            else _("check the spelling, or drop --province") if scope else _("check the spelling"))
    raise LineageError(message, hint=hint)


def _several_provinces(name: str, found: list[AgencyRef]) -> None:
    """The agencies of each province the name fits, with the command that asks for one of them."""
    listed = "; ".join(f"{a.name} ({a.province or _('central')})" for a in found[:MAX_LISTED])
    more = _(" and {n} more").format(n=len(found) - MAX_LISTED) if len(found) > MAX_LISTED else ""
    commands = dict.fromkeys(f'lineage agency "{_key_name(a)}"' + (f' --province "{a.province}"' if a.province
                                                                  else "") for a in found[:MAX_LISTED])
    raise AmbiguousError(
        _("{name} names agencies of {n} provinces: {listed}{more}").format(
            name=repr(name), n=len({a.province for a in found}), listed=listed, more=more),
        hint=_("ask about one of them: {commands}").format(commands=_(" or ").join(commands)))


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
    successions = agency_successions(backend, agencies)
    horizons = {k: n.props.get("horizon") for k, n in nodes.items() if DOCUMENT in n.labels}
    money = plan_budgets(roles, horizons, _doc_order)
    return AgencyResult(query=name, province=province, province_scope=scope, agencies=agencies, roles=roles,
                        budgets=money.rows, total_led_budget_dong=money.total_led,
                        total_coordinated_budget_dong=money.total_coordinated,
                        total_led_private_dong=money.total_led_private,
                        total_led_unknown_dong=money.total_led_unknown,
                        overlapping=money.overlapping, budget_note=money.notes,
                        successions=successions, handovers=handovers(roles, successions, horizons))


def _doc_order(d: DocRef | None) -> tuple:
    return doc_sort_key(d) if d else ("9999",)
