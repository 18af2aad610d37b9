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


class ProjectRef(BaseModel):
    key: str
    name: str
    period: str | None = None
    budget: float | None = None
    budget_unit: str | None = None
    budget_dong: float | None = None
    funding: str | None = None


class AgencyRole(BaseModel):
    """An agency leading, coordinating, issuing or proposing something."""

    agency: AgencyRef
    role: str = Field(..., description="CHỦ_TRÌ, PHỐI_HỢP, BAN_HÀNH or ĐỀ_NGHỊ")
    document: DocRef | None = Field(None, description="The document (or the document listing the project)")
    project: ProjectRef | None = None
    task: str | None = None
    link: Link


class DocumentBudget(BaseModel):
    document: DocRef | None
    led_projects: int
    led_budget_dong: float
    coordinated_projects: int
    coordinated_budget_dong: float


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
    total_led_budget_dong: float
    total_coordinated_budget_dong: float
    successions: list[AgencySuccession] = Field(default_factory=list)
    handovers: list[Handover] = Field(
        default_factory=list, description="Tasks and projects with a deadline on or after the unit ended")

    def to_subgraph(self) -> Subgraph:
        extra = [SubgraphNode(key=a.key, labels=["Agency"], properties=a.model_dump(exclude={"key"}))
                 for a in self.agencies]
        extra += [SubgraphNode(key=r.project.key, labels=["Project"],
                               properties=r.project.model_dump(exclude={"key"}, exclude_none=True))
                  for r in self.roles if r.project]
        docs = [r.document for r in self.roles if r.document]
        links = [r.link for r in self.roles]
        links += [Link(source=r.document.key, target=r.project.key, type="GỒM")
                  for r in self.roles if r.document and r.project]
        return subgraph_of(f"Cơ quan: {self.query}", [a.key for a in self.agencies], docs, links, extra)


# --- targets ------------------------------------------------------------------------------------

class TargetRow(BaseModel):
    document: DocRef
    key: str
    metric: str | None = None
    text: str
    value: float | None = None
    unit: str | None = None
    deadline: int | None = None
    line: int | None = None


class TargetsResult(BaseModel):
    province: str | None = None
    province_scope: ProvinceScope | None = None
    metric: str | None = None
    rows: list[TargetRow] = Field(..., description="Sorted by metric, then document date, then deadline")
