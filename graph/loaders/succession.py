"""Succession of units after Vietnam's 2025 reorganisation: ``KẾ_THỪA`` from a former unit to its successor.

The facts are in ``graph/data/reorg_2025.json`` (sourced: dates, legal bases, source URLs, a confidence
grade). When an agency first enters the graph, :func:`add_succession` adds what is known of its fate:

- a province (an Agency node ``tỉnh X`` per province seen): ``tỉnh Kiên Giang -> tỉnh An Giang`` from
  2025-07-01 (202/2025/QH15) when its name went; a province that kept its name continues as it is;
- a ministry: its default successor (``Bộ Thông tin và Truyền thông -> Bộ Khoa học và Công nghệ``) and
  the confirmed transfers of part of its functions (edge property ``scope``);
- a provincial department: the national rule of 45/2025/NĐ-CP in its own province (the exact date is set
  per province: ``date_exact`` false), then the body of the same name in the successor province when the
  province merged away: ``Sở Thông tin và Truyền thông (Kiên Giang) -> Sở Khoa học và Công nghệ
  (Kiên Giang) -> Sở Khoa học và Công nghệ (An Giang)``;
- a district-level body: ended on 2025-07-01 with no same-level successor (``succession_note``);
- any other body of a merged-away province: no edge, and a note that the successor is not in the data.

Nodes that ended carry ``ended`` (ISO date) and ``successor`` (the name of the unit that carries on
today). Successor nodes get the keys ingestion gives their own documents, so documents issued after the
change by the new units land on the same nodes. Documents keep their printed province; ``province_now``
(:func:`current_province`) is the province they belong to today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from graph.datafiles import read_json
from graph.loaders import keys
from graph.text import fold_memo as fold  # the same names recur in every document
from graph.vocabulary import AGENCY, DE_RA, GOM, KE_THUA

if TYPE_CHECKING:  # networkx is imported by the writers; a query reads only the reference data here
    from graph.lineage_graph import Graph

DATA_FILE = "reorg_2025.json"
MAX_CHAIN = 3  # the longest chain of successions (department, then province)

_DISTRICT = re.compile(
    r"^(?:uy ban nhan dan|hoi dong nhan dan|ubnd|hdnd)\s+(?:cac\s+)?(?:huyen|quan|thi xa|thanh pho)\b"
    r"|^(?:phong|van phong)\b.*\b(?:huyen|quan|thi xa)\b"
)
_UNIT_WORDS = re.compile(r"\s+(?:tỉnh|thành phố)$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@cache
def reorg() -> dict[str, Any]:
    """The reference data of ``graph/data/reorg_2025.json``."""
    return read_json(DATA_FILE, nfc=True)


@cache
def _provinces_by_fold() -> dict[str, str]:
    """The 63 provinces by folded name."""
    return {fold(p): p for p in keys.provinces()}


@lru_cache(maxsize=4096)
def graph_province(name: str) -> str:
    """The province as the graph names it ("Thành phố Hồ Chí Minh" -> "Hồ Chí Minh")."""
    known = _provinces_by_fold()
    bare = re.sub(r"^(?:tỉnh|thành phố|tp\.?)\s+", "", name, flags=re.IGNORECASE)
    return known.get(fold(name)) or known.get(fold(bare)) or name


@dataclass(frozen=True)
class ProvinceChange:
    """What became of one of the 63 former provinces (the successor may be itself)."""

    former: str
    successor: str
    former_kind: str
    successor_kind: str
    merged_with: tuple[str, ...]
    date: str
    legal_basis: tuple[str, ...]
    grade: str
    status: str
    sources: tuple[str, ...]

    @property
    def merged_away(self) -> bool:
        """The province's name went: it is now part of another (Kiên Giang -> An Giang)."""
        return self.successor != self.former


def _urls(ids: list[str]) -> tuple[str, ...]:
    sources = reorg()["sources"]
    return tuple(sources[i]["url"] for i in ids)


@cache
def province_changes() -> dict[str, ProvinceChange]:
    """The 63 former provinces by folded graph name."""
    out = {}
    for r in reorg()["provinces"]:
        change = ProvinceChange(
            former=graph_province(r["former"]),
            successor=graph_province(r["successor"]),
            former_kind=r["former_kind"],
            successor_kind=r["successor_kind"],
            merged_with=tuple(graph_province(m) for m in r["merged_with"]),
            date=r["date"],
            legal_basis=tuple(r["legal_basis"]),
            grade=r["grade"],
            status=r["status"],
            sources=_urls(r["sources"]),
        )
        out[fold(change.former)] = change
    return out


@lru_cache(maxsize=4096)
def province_change(name: str | None) -> ProvinceChange | None:
    """What became of a former province (None for a name that is not one of the 63)."""
    return province_changes().get(fold(graph_province(name))) if name else None


@cache
def current_provinces() -> dict[str, tuple[ProvinceChange, ...]]:
    """The 34 provinces of today by folded name, each with the former provinces it is made of."""
    out: dict[str, list[ProvinceChange]] = {}
    for change in province_changes().values():
        out.setdefault(fold(change.successor), []).append(change)
    return {k: tuple(sorted(v, key=lambda c: (c.former != c.successor, c.former))) for k, v in out.items()}


@lru_cache(maxsize=4096)
def current_province(name: str | None) -> str | None:
    """The province a document of ``name`` belongs to today (None when ``name`` is not a province)."""
    change = province_change(name)
    if change is not None:
        return change.successor
    members = current_provinces().get(fold(name)) if name else None
    return members[0].successor if members else None


def unit_name(name: str, kind: str, province: str) -> str:
    """ "Sở Khoa học và Công nghệ" of tỉnh An Giang -> "Sở Khoa học và Công nghệ tỉnh An Giang"."""
    return f"{_UNIT_WORDS.sub('', name)} {kind} {province}"


def _base(name: str) -> str:
    return fold(_UNIT_WORDS.sub("", name))


# --- the rules, as data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One succession row: the former body's successor, from when, on what legal basis."""

    successor: str
    date: str
    legal_basis: tuple[str, ...]
    status: str
    sources: tuple[str, ...]
    change: str
    scope: str | None = None
    date_exact: bool = True


def _rules(section: str) -> dict[str, list[Rule]]:
    """Rows of ``ministries`` / ``departments`` usable as edges: the default successor (scope null, no
    condition) and confirmed transfers of part of the functions. Kept names and conditional rows (the
    successor depends on the province) give none."""
    out: dict[str, list[Rule]] = {}
    for r in reorg()[section]:
        if r.get("condition") or r["kind"] in ("kept", "merged_name_kept", "resubordinated"):
            continue
        if r["scope"] is not None and r["status"] != "confirmed":
            continue
        rule = Rule(
            successor=r["successor"],
            date=r["date"],
            legal_basis=tuple(r["legal_basis"]),
            status=r["status"],
            sources=_urls(r["sources"]),
            change=r["kind"],
            scope=r["scope"],
            date_exact=section != "departments",
        )
        out.setdefault(_base(r["former"]), []).append(rule)
    for rules in out.values():
        rules.sort(key=lambda x: (x.scope is not None, x.scope or ""))
    return out


@cache
def ministry_rules() -> dict[str, list[Rule]]:
    return _rules("ministries")


@cache
def department_rules() -> dict[str, list[Rule]]:
    return _rules("departments")


@cache
def retained() -> frozenset[str]:
    """Folded base names of the provincial bodies that keep their name (head bodies, uniform Sở)."""
    r = reorg()["retained_bodies"]
    return frozenset(_base(n) for n in (*r["head_bodies"], *r["departments"]))


def is_district_level(name: str) -> bool:
    """A body of the district level (UBND huyện, quận, thị xã, thành phố thuộc tỉnh; their offices)."""
    return bool(_DISTRICT.search(fold(name)))


def district_level() -> dict[str, Any]:
    return reorg()["district_level"]


# --- the graph ------------------------------------------------------------------------------------


def _unit(g: Graph, name: str, province: str | None, **props: Any) -> str:
    """The agency node of ``name`` (of ``province``), as :func:`graph.loaders.agencies.agency` makes it."""
    from graph.loaders.context import merge_node_interned

    ref = keys.agency_ref(name, province)
    local = ref.scope not in (keys.CENTRAL_SCOPE, keys.PARTY_CENTRAL_SCOPE, keys.UNKNOWN_SCOPE)
    merge_node_interned(
        g,
        ref.key,
        (AGENCY,),
        name=ref.name if ref.key not in g else None,
        province=ref.scope if local else None,
        scope=ref.scope,
        **props,
    )
    return ref.key


def _edge(g: Graph, a: str, b: str, rule: Rule) -> None:
    """``a -[KẾ_THỪA]-> b`` with its facts (ISO date, legal basis, scope) and provenance: the data file
    and the first source page. No sentence is stored: the reference data quotes no text, and each screen
    words the facts in its reader's language (``visualizations.render``)."""
    from graph.lineage_graph import merge_edge

    merge_edge(
        g,
        a,
        b,
        KE_THUA,
        date=rule.date,
        date_exact=rule.date_exact,
        legal_basis=list(rule.legal_basis),
        scope=rule.scope,
        change=rule.change,
        status=rule.status,
        sources=list(rule.sources),
        source=DATA_FILE,
        url=rule.sources[0] if rule.sources else None,
    )


def _province_rule(change: ProvinceChange) -> Rule:
    return Rule(
        successor=change.successor,
        date=change.date,
        legal_basis=change.legal_basis,
        status=change.status,
        sources=change.sources,
        change="merged",
    )


def province_unit(g: Graph, province: str) -> str | None:
    """The node of the province itself (``tỉnh Kiên Giang``) and its succession; None if not a province."""
    change = province_change(province)
    if change is None:
        return None
    key = keys.agency_ref(f"{change.former_kind} {change.former}", change.former).key
    if key in g:
        return key
    _unit(
        g,
        f"{change.former_kind} {change.former}",
        change.former,
        unit_kind="province",
        formed_from=None if change.merged_away else _formed_from(change.successor),
    )
    if change.merged_away:
        target = _unit(
            g,
            f"{change.successor_kind} {change.successor}",
            change.successor,
            unit_kind="province",
            formed_from=_formed_from(change.successor),
        )
        _edge(g, key, target, _province_rule(change))
        _mark_ended(g, key, _province_rule(change), g.nodes[target]["name"])
    return key


def _formed_from(successor: str) -> list[str] | None:
    """The former provinces merged into ``successor`` under other names (An Giang: ["Kiên Giang"])."""
    return [c.former for c in current_provinces()[fold(successor)] if c.former != successor] or None


def _mark_ended(g: Graph, key: str, rule: Rule, successor: str | None) -> None:
    """The unit ended on the rule's date (``ended_exact`` false: the province set the day)."""
    data = g.nodes[key]
    data["ended"] = rule.date
    data["ended_basis"] = list(rule.legal_basis)
    if not rule.date_exact:
        data["ended_exact"] = False
    if successor:
        data["successor"] = successor


def add_succession(g: Graph, key: str, depth: int = MAX_CHAIN) -> str | None:
    """Add what is known of the fate of the agency ``key`` (and of its successors, in turn).

    Returns the name of the unit that carries on today (None when it still exists, or is unknown).
    """
    data = g.nodes[key]
    _, scope, name = key.split(":", 2) if key.count(":") >= 2 else ("", "", "")
    if depth <= 0 or not name or data.get("unit_kind") == "province":
        return None
    if scope == keys.CENTRAL_SCOPE:
        return _follow(g, key, ministry_rules().get(_base(name), []), None, depth)
    province = data.get("province")
    change = province_change(province)
    if change is None:
        return None
    province_unit(g, change.former)
    if is_district_level(name):
        district = district_level()
        data["ended"] = district["ended"]
        data["ended_basis"] = list(district["legal_basis"])
        data["succession_note"] = "district_level"
        return None
    rules = department_rules().get(_base(name), [])
    if rules:
        return _follow(g, key, rules, change.former, depth)
    if not change.merged_away:
        return None
    if _base(name) not in retained():
        data["succession_note"] = "successor_unknown"
        return None
    same_name = replace(_province_rule(change), successor=name)
    return _follow(g, key, [same_name], change.successor, depth, kind=change.successor_kind)


def _follow(
    g: Graph, key: str, rules: list[Rule], province: str | None, depth: int, kind: str | None = None
) -> str | None:
    """Edges from ``key`` to each rule's successor (of ``province``), then the successors' own fate."""
    current = None
    for rule in rules:
        if province is None:
            name = rule.successor
        else:
            change = province_change(province)
            unit_kind = kind or (change.former_kind if change else "tỉnh")
            name = unit_name(rule.successor, unit_kind, province)
        target = keys.agency_ref(name, province).key
        if target == key:
            continue
        fresh = target not in g
        _unit(g, name, province)
        _edge(g, key, target, rule)
        onward = add_succession(g, target, depth - 1) if fresh else g.nodes[target].get("successor")
        if rule.scope is None:
            current = onward or g.nodes[target]["name"]
            _mark_ended(g, key, rule, current)
    return current


# --- documents: the province today and the horizon of their tasks ---------------------------------


def set_province_now(g: Graph, key: str) -> None:
    """Give a document the province it belongs to today (its printed ``province`` is kept)."""
    data = g.nodes[key]
    now = current_province(data.get("province"))
    if now:
        data["province_now"] = now


def set_horizon(g: Graph, key: str) -> None:
    """The last year a document's tasks run to (``horizon``): its targets' deadlines, its projects'
    periods and the years of its title ("giai đoạn 2022-2025, định hướng đến năm 2030") not before it."""
    data = g.nodes[key]
    start = int(str(data.get("date") or "0")[:4] or 0)
    years = [int(y) for y in _YEAR.findall(str(data.get("title") or ""))]
    for _, target, rel in g.out_edges(key, keys=True):
        node = g.nodes[target]
        if rel == DE_RA and isinstance(node.get("deadline"), int):
            years.append(node["deadline"])
        elif rel == GOM and (end := period_end(node.get("period"))):
            years.append(end)
    years = [y for y in years if start <= y <= start + 30]
    if years:
        data["horizon"] = max(years)


def period_end(period: Any) -> int | None:
    """The last year of a period ("2016-2020" -> 2020, "2020" -> 2020)."""
    years = [int(y) for y in _YEAR.findall(str(period or ""))]
    return max(years) if years else None
