"""An agency's budgets: per plan, split by funding source, and a total across plans only when their
periods do not overlap (a 2016–2020 plan and the 2020 plan carrying on its projects are not added).

State budget (``public``: ngân sách trung ương, tỉnh, huyện …) is the budget; private money
(doanh nghiệp, xã hội hóa) and money whose source the plan does not say are kept apart and said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.i18n import _
from graph.queries.agency_results import AgencyRole, DocumentBudget, SourceAmount
from graph.queries.result_refs import DocRef
from graph.vocabulary import CHU_TRI, PHOI_HOP

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_SIDES = {CHU_TRI: "led", PHOI_HOP: "coordinated"}


def project_shares(props: dict[str, Any]) -> list[SourceAmount]:
    """A project node's money per funding source; the whole budget as ``unknown`` when the plan does
    not say (or the store predates funding sources)."""
    sources, kinds = props.get("funding_sources") or [], props.get("funding_kinds") or []
    amounts = props.get("funding_amounts_dong") or []
    if sources and len(sources) == len(kinds) == len(amounts):
        return [SourceAmount(source=s, kind=k, amount_dong=float(a))
                for s, k, a in zip(sources, kinds, amounts, strict=True)]
    budget = props.get("budget_dong")
    if not budget:
        return []
    return [SourceAmount(source=props.get("funding"), kind="unknown", amount_dong=float(budget))]


@dataclass
class _Side:
    projects: set[str] = field(default_factory=set)
    public: float = 0.0
    private: float = 0.0
    unknown: float = 0.0
    by_source: dict[tuple[str | None, str], float] = field(default_factory=dict)

    def add(self, key: str, shares: list[SourceAmount]) -> None:
        if key in self.projects:  # one project, one count (listed twice, or led by two matched agencies)
            return
        self.projects.add(key)
        for s in shares:
            kind = s.kind if s.kind in ("public", "private") else "unknown"
            setattr(self, kind, getattr(self, kind) + s.amount_dong)
            k = (s.source, s.kind)
            self.by_source[k] = self.by_source.get(k, 0.0) + s.amount_dong

    def sources(self) -> list[SourceAmount]:
        order = {"public": 0, "private": 1}
        rows = [SourceAmount(source=s, kind=k, amount_dong=a) for (s, k), a in self.by_source.items()]
        return sorted(rows, key=lambda r: (order.get(r.kind, 2), -r.amount_dong, r.source or ""))


@dataclass
class Budgets:
    """Per-plan rows, the totals (None when plans overlap), the overlapping plans and what to say."""

    rows: list[DocumentBudget]
    total_led: float | None
    total_coordinated: float | None
    total_led_private: float | None
    total_led_unknown: float | None
    overlapping: list[list[str]]
    notes: list[str]


def _years(period: str | None) -> list[int]:
    return [int(y) for y in _YEAR.findall(period or "")]


def _plan_period(doc: DocRef | None, periods: list[str | None],
                 horizon: int | None) -> tuple[int, int] | None:
    """The years a plan's projects run; else from its date to the year its tasks run to."""
    years = [y for p in periods for y in _years(p)]
    if not years and doc and doc.date:
        years = [int(doc.date[:4])] + ([horizon] if horizon else [])
    return (min(years), max(years)) if years else None


def _overlaps(spans: dict[str, tuple[int, int]]) -> list[list[str]]:
    """Groups of plans whose year spans overlap (chained: A with B and B with C is one group)."""
    groups: list[tuple[int, list[str]]] = []
    for key, (lo, hi) in sorted(spans.items(), key=lambda kv: kv[1]):
        if groups and lo <= groups[-1][0]:
            groups[-1] = (max(groups[-1][0], hi), groups[-1][1] + [key])
        else:
            groups.append((hi, [key]))
    return [keys for _end, keys in groups if len(keys) > 1]


def plan_budgets(roles: list[AgencyRole], horizons: dict[str, int | None],
                 order: Any) -> Budgets:
    """Sum the projects of ``roles`` per plan and side (led, coordinated); ``order`` sorts the plans."""
    sides: dict[str, dict[str, _Side]] = {}
    docs: dict[str, DocRef | None] = {}
    periods: dict[str, list[str | None]] = {}
    for r in roles:
        if not r.project or r.role not in _SIDES:
            continue
        k = r.document.key if r.document else ""
        docs[k] = r.document
        periods.setdefault(k, []).append(r.project.period)
        side = sides.setdefault(k, {"led": _Side(), "coordinated": _Side()})[_SIDES[r.role]]
        side.add(r.project.key, r.project.shares)
    spans: dict[str, tuple[int, int]] = {}
    rows = []
    for k in sorted(docs, key=lambda d: order(docs[d])):
        span = _plan_period(docs[k], periods[k], horizons.get(k))
        if span and k:
            spans[k] = span
        led, co = sides[k]["led"], sides[k]["coordinated"]
        rows.append(DocumentBudget(
            document=docs[k], period=(f"{span[0]}-{span[1]}" if span[0] != span[1] else str(span[0])) if span
            else None,
            led_projects=len(led.projects), led_budget_dong=led.public, led_private_dong=led.private,
            led_unknown_dong=led.unknown, led_by_source=led.sources(),
            coordinated_projects=len(co.projects), coordinated_budget_dong=co.public,
            coordinated_private_dong=co.private, coordinated_unknown_dong=co.unknown,
            coordinated_by_source=co.sources()))
    overlapping = _overlaps(spans)
    notes = _notes(rows, overlapping, docs)
    add = not overlapping

    def total(name: str) -> float | None:
        return sum(getattr(b, name) for b in rows) if add else None

    return Budgets(rows, total("led_budget_dong"), total("coordinated_budget_dong"),
                   total("led_private_dong"), total("led_unknown_dong"), overlapping, notes)


def _notes(rows: list[DocumentBudget], overlapping: list[list[str]],
           docs: dict[str, DocRef | None]) -> list[str]:
    notes = []
    if any(b.led_private_dong or b.coordinated_private_dong or b.led_unknown_dong
           or b.coordinated_unknown_dong for b in rows):
        notes.append(_("Budget counts the state budget only (ngân sách trung ương, tỉnh, huyện …); "
                       "private money (doanh nghiệp, xã hội hóa) and money whose source the plan does not "
                       "say are shown apart."))
    for keys in overlapping:
        names = ", ".join(d.label if (d := docs.get(k)) else k for k in keys)
        notes.append(_("The plans {plans} overlap in time: their projects may be the same ones, so their "
                       "budgets are not added; read each plan's figures on its own.").format(plans=names))
    return notes
