"""The answers of ``agency`` (roles, projects, budgets, successors and handovers) and ``targets``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph.queries.result_refs import DocRef, Link, ProvinceScope, subgraph_of
from graph.subgraph import Subgraph, SubgraphNode

# --- agency -------------------------------------------------------------------------------------

class AgencyRef(BaseModel):
    key: str
    name: str
    province: str | None = None
    ended: str | None = Field(None, description="ISO date from which the unit no longer exists (2025)")
    successor: str | None = Field(None, description="The unit that carries on its work today")


class SourceAmount(BaseModel):
    """Money from one funding source ("ngân sách tỉnh", "doanh nghiệp, xã hội hóa" ...)."""

    source: str | None = Field(None, description="null: the plan does not say where the money comes from")
    kind: str = Field(..., description="public (state budget) | private | mixed | other | unknown")
    amount_dong: float


class ProjectRef(BaseModel):
    key: str
    name: str
    period: str | None = None
    budget: float | None = None
    budget_unit: str | None = None
    budget_dong: float | None = None
    funding: str | None = None
    funding_kind: str | None = Field(None, description="public | private | mixed | other; null: not said")
    shares: list[SourceAmount] = Field(default_factory=list, description="The money per funding source")


class AgencyRole(BaseModel):
    """An agency leading, coordinating, issuing or proposing something."""

    agency: AgencyRef
    role: str = Field(..., description="CHỦ_TRÌ, PHỐI_HỢP, BAN_HÀNH or ĐỀ_NGHỊ")
    document: DocRef | None = Field(None, description="The document (or the document listing the project)")
    project: ProjectRef | None = None
    task: str | None = None
    link: Link


class DocumentBudget(BaseModel):
    """An agency's projects in one plan; ``*_budget_dong`` is state budget only, private money and money
    of no stated source are apart."""

    document: DocRef | None
    period: str | None = Field(None, description="Years the plan's projects run ('2016-2020')")
    led_projects: int
    led_budget_dong: float = Field(..., description="State budget (every level) of the led projects")
    led_private_dong: float = 0.0
    led_unknown_dong: float = Field(0.0, description="Money whose source is not said (or not split)")
    led_by_source: list[SourceAmount] = Field(default_factory=list)
    coordinated_projects: int
    coordinated_budget_dong: float
    coordinated_private_dong: float = 0.0
    coordinated_unknown_dong: float = 0.0
    coordinated_by_source: list[SourceAmount] = Field(default_factory=list)


class SuccessionStep(BaseModel):
    """One ``KẾ_THỪA``: a unit's successor (for part of its functions when ``scope`` is set)."""

    former: AgencyRef
    successor: AgencyRef
    date: str
    date_exact: bool = Field(True, description="False: the national rule's date; each province set its own")
    legal_basis: list[str]
    scope: str | None = Field(None, description="Only these functions moved (else the unit as a whole)")
    status: str | None = None
    sources: list[str] = Field(default_factory=list)


class AgencySuccession(BaseModel):
    """What became of an agency: the chain of successions to the unit that carries on today."""

    agency: AgencyRef
    ended: str | None = Field(None, description="ISO date from which it no longer exists under this name")
    current: AgencyRef | None = Field(None, description="The unit that carries on its work today")
    steps: list[SuccessionStep]
    note: str | None = Field(None, description="district_level | successor_unknown, when that is all known")


class Handover(BaseModel):
    """An open task or project of an agency that ended: who carries it now."""

    role: AgencyRole
    deadline: int | None = Field(None, description="Last year of the project, else of the document's tasks")
    deadline_from: Literal["project", "document"] | None = None
    ended: str
    to: AgencyRef | None = Field(None, description="The unit that carries on (None: not known)")
    may_go_to: list[SuccessionStep] = Field(
        default_factory=list, description="Partial successors whose field the task text names (to check)")


class AgencyResult(BaseModel):
    query: str
    province: str | None = None
    province_scope: ProvinceScope | None = None
    agencies: list[AgencyRef]
    roles: list[AgencyRole]
    budgets: list[DocumentBudget] = Field(..., description="Budgets of projects, summed per document")
    total_led_budget_dong: float | None = Field(
        ..., description="State budget over all plans; null when plans overlap in time (not added)")
    total_coordinated_budget_dong: float | None
    total_led_private_dong: float | None = None
    total_led_unknown_dong: float | None = None
    overlapping: list[list[str]] = Field(
        default_factory=list, description="Keys of plans whose periods overlap: their budgets are not added")
    budget_note: list[str] = Field(default_factory=list, description="What the budget figures do not add")
    successions: list[AgencySuccession] = Field(default_factory=list)
    handovers: list[Handover] = Field(
        default_factory=list, description="Tasks and projects with a deadline on or after the unit ended")

    def to_subgraph(self) -> Subgraph:
        budget = {"budget_lines": _page_budget(self)} if self.budgets else {}
        extra = [SubgraphNode(key=a.key, labels=["Agency"],
                              properties={**a.model_dump(exclude={"key"}), **budget})
                 for a in self.agencies]
        extra += [SubgraphNode(key=r.project.key, labels=["Project"],
                               properties=r.project.model_dump(exclude={"key", "shares"}, exclude_none=True))
                  for r in self.roles if r.project]
        docs = [r.document for r in self.roles if r.document]
        links = [r.link for r in self.roles]
        links += [Link(source=r.document.key, target=r.project.key, type="GỒM")
                  for r in self.roles if r.document and r.project]
        return subgraph_of(f"Cơ quan: {self.query}", [a.key for a in self.agencies], docs, links, extra)


def _vnd(dong: float) -> str:
    """An amount the Vietnamese way, for the page: "1.257,1 tỷ đồng"."""
    value, unit = (dong / 1e9, "tỷ đồng") if dong >= 1e9 else (dong / 1e6, "triệu đồng")
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans({",": ".", ".": ","})) + " " + unit


def _named(b: DocumentBudget, kinds: tuple[str, ...]) -> str:
    named = ", ".join(f"{s.source} {_vnd(s.amount_dong)}" for s in b.led_by_source
                      if s.kind in kinds and s.source)
    return f" ({named})" if named else ""


def _page_budget(r: AgencyResult) -> list[str]:
    """The budget figures as the page shows them (in Vietnamese, as the page is): the same as the table."""
    lines = []
    for b in r.budgets:
        name = b.document.label if b.document else "—"
        parts = [f"{b.led_projects} dự án chủ trì",
                 f"ngân sách nhà nước {_vnd(b.led_budget_dong)}{_named(b, ('public',))}"]
        if b.led_private_dong:
            parts.append(f"ngoài ngân sách, không tính là ngân sách {_vnd(b.led_private_dong)}"
                         f"{_named(b, ('private',))}")
        if b.led_unknown_dong:
            unsaid = _named(b, ("mixed", "other", "unknown"))
            parts.append(f"chưa rõ nguồn {_vnd(b.led_unknown_dong)}{unsaid}")
        lines.append(f"▸ {name} ({b.period or '?'}): " + "; ".join(parts))
    if r.total_led_budget_dong is None:
        lines.append("▸ Tổng: không cộng — các kế hoạch trùng thời gian (" + ", ".join(
            b.document.label for b in r.budgets if b.document and b.document.key in
            {k for group in r.overlapping for k in group}) + ")")
    else:
        lines.append(f"▸ Tổng ngân sách nhà nước (chủ trì): {_vnd(r.total_led_budget_dong)}")
    return lines


# --- targets ------------------------------------------------------------------------------------

class TargetRow(BaseModel):
    document: DocRef
    key: str
    metric: str | None = None
    text: str = Field(..., description="The goal's words (as restored, when the input was damaged)")
    raw_text: str | None = Field(
        None, description="The goal's words as they stand in the damaged input, when they were restored")
    value: float | None = Field(None, description="The goal's figure; of a range ('15–16%'), the lower end")
    high: float | None = Field(None, description="The upper end of a range ('15–16%'), else null")
    unit: str | None = None
    deadline: int | None = None
    line: int | None = None


class TargetsResult(BaseModel):
    province: str | None = None
    province_scope: ProvinceScope | None = None
    metric: str | None = None
    rows: list[TargetRow] = Field(..., description="Sorted by metric, then document date, then deadline")
