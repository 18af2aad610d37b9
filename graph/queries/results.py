"""The answers of the lineage questions, as stable pydantic models (what ``--json`` prints).

Both stores build these models through the same code (:mod:`graph.queries`), from the same rows, so
the embedded store and Neo4j cannot drift apart. Every list is sorted deterministically.
Graph-shaped answers offer ``to_subgraph()`` for the HTML view.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from graph.vocabulary import DOCUMENT


class DocRef(BaseModel):
    """A document as legal staff identify it."""

    key: str
    number: str | None = None
    doc_type: str | None = None
    title: str | None = None
    date: str | None = Field(None, description="ISO date of issue, when known")
    issuer: str | None = None
    province: str | None = None
    province_now: str | None = Field(None, description="The province it belongs to today (after 2025-07-01)")
    level: str | None = Field(None, description="central | provincial | party")
    group: str = Field("", description="Level group: Đảng (Trung ương), Quốc hội, Chính phủ, Thủ tướng ...")
    ingested: bool = Field(False, description="True when the full text was read (not only cited)")

    @property
    def label(self) -> str:
        """'Quyết định 749/QĐ-TTg' (or the title when there is no number)."""
        name = " ".join(p for p in (self.doc_type, self.number) if p)
        if not self.number:
            name = self.title or name or self.key
        return name

    def node(self) -> SubgraphNode:
        props = self.model_dump(exclude={"key"}, exclude_none=True)
        return SubgraphNode(key=self.key, labels=[DOCUMENT], properties=props)


class Link(BaseModel):
    """One relationship with its provenance (file, line, citing words)."""

    source: str = Field(..., description="Key of the start node")
    target: str = Field(..., description="Key of the end node")
    type: str = Field(..., description="Relationship type (CĂN_CỨ, THỰC_HIỆN ...)")
    text: str | None = Field(None, description="The citing words")
    file: str | None = Field(None, description="File the relationship was read from")
    line: int | None = None

    def edge(self) -> SubgraphEdge:
        pairs = (("source", self.file), ("line", self.line), ("text", self.text))
        props = {k: v for k, v in pairs if v is not None}
        return SubgraphEdge(source=self.source, target=self.target, type=self.type, properties=props)

    def sort_key(self) -> tuple:
        return (self.source, self.target, self.type)


def _subgraph(title: str, focus: list[str], docs: list[DocRef], links: list[Link],
              extra: list[SubgraphNode] | None = None) -> Subgraph:
    seen: dict[str, SubgraphNode] = {}
    for d in docs:
        seen.setdefault(d.key, d.node())
    for n in extra or []:
        seen.setdefault(n.key, n)
    edges = {(lk.source, lk.target, lk.type): lk.edge() for lk in links
             if lk.source in seen and lk.target in seen}
    return Subgraph(title=title, focus=focus, nodes=list(seen.values()),
                    edges=[edges[k] for k in sorted(edges)])


# --- provinces and units across the 2025 reorganisation -----------------------------------------

class ProvinceChangeRef(BaseModel):
    """A former province and what it became (graph/data/reorg_2025.json)."""

    former: str
    successor: str
    date: str = Field(..., description="ISO date from which the successor operates")
    legal_basis: list[str]
    grade: str = Field(..., description="Evidence grade of the reference data, A (strongest) .. E")
    status: str = Field(..., description="confirmed | partially_confirmed")


class ProvinceScope(BaseModel):
    """What a --province filter means: the province asked for, and the former provinces it includes."""

    asked: str
    province: str = Field(..., description="The province as the graph names it")
    current: str = Field(..., description="The province it is, or is part of, today")
    members: list[str] = Field(..., description="Province names of the documents included")
    includes_former: list[ProvinceChangeRef] = Field(
        default_factory=list, description="Former provinces merged into it, whose documents are included")
    part_of: ProvinceChangeRef | None = Field(None, description="Set when it became part of another province")
    note: str = Field("", description="What the filter includes, in Vietnamese (shown above the answer)")


# --- find ---------------------------------------------------------------------------------------

class FindResult(BaseModel):
    query: str
    matches: list[DocRef]
    province_scope: ProvinceScope | None = None


# --- bases / derived ----------------------------------------------------------------------------

class LineageItem(BaseModel):
    """A document reached from the one asked about, and how."""

    document: DocRef
    depth: int = Field(..., description="Number of relationships on the shortest path")
    path: list[Link] = Field(..., description="A shortest path from the document asked about (canonical)")
    via: list[Link] = Field(..., description="Every relationship inside the lineage that reaches it")
    status: DocumentStatus | None = Field(None, description="Its status as `status` computes it")


class LineageResult(BaseModel):
    """Answer of ``bases`` (direction 'bases') or ``derived`` (direction 'derived')."""

    direction: Literal["bases", "derived"]
    document: DocRef
    depth: int
    province: str | None = Field(None, description="Filter of derived: only documents of this province")
    province_scope: ProvinceScope | None = None
    items: list[LineageItem]
    links: list[Link] = Field(..., description="All relationships among the documents of the answer")

    def to_subgraph(self) -> Subgraph:
        title = f"{'Căn cứ của' if self.direction == 'bases' else 'Văn bản dựa trên'} {self.document.label}"
        docs = [self.document, *(i.document for i in self.items)]
        return _subgraph(title, [self.document.key], docs, self.links)


# --- status -------------------------------------------------------------------------------------

StatusKind = Literal["replaced", "repealed", "expired", "partly expired", "amended", "in force",
                     "no information"]
EventKind = Literal["replaced", "repealed", "expired", "amended"]
Signing = Literal["before signing", "after signing", "unknown"]


class StatusSource(BaseModel):
    """Where a status fact is stated: a page (URL and the words that state it) or an ingested text
    (file, line and the citing words)."""

    name: str = Field(..., description="The page or file, in a few words")
    url: str | None = None
    quote: str | None = Field(None, description="The words that state it")
    file: str | None = None
    line: int | None = None


class StatusEvent(BaseModel):
    """Something that happened to a document: replaced, repealed, expired or amended (by another one)."""

    kind: EventKind
    by: DocRef | None = None
    date: str | None = Field(None, description="In effect from (ISO date), when a source gives it")
    in_effect: bool = Field(..., description="Already in effect on the as-of date")
    sources: list[StatusSource]
    evidence: str = Field(..., description="The sources in one line: file:line, catalog page")
    text: str | None = None
    link: Link | None = None


class StatusStatement(BaseModel):
    """A document's status as a page states it ("Tình trạng hiệu lực"), with the date it gives."""

    status: Literal["in force", "expired", "partly expired", "amended"]
    since: str | None = Field(None, description="The date the page gives for it; None: the page gives none")
    source: StatusSource


class DocumentStatus(BaseModel):
    """What is known of one document's status on a day, from the catalog and the ingested texts."""

    key: str
    status: StatusKind
    as_of: str = Field(..., description="The day the status is for (ISO)")
    since: str | None = Field(None, description="Since when (the event's or the statement's date)")
    events: list[StatusEvent]
    statement: StatusStatement | None = None
    chain: list[DocRef] = Field(
        default_factory=list,
        description="The documents that replaced it, in turn (77/2015 → 65/2025 → 72/2025)")
    current: DocRef | None = Field(None, description="The end of the chain: what stands in its place today")
    current_status: StatusKind | None = None
    summary: str = Field(..., description="The status in one Vietnamese sentence")

    @property
    def known(self) -> bool:
        return self.status != "no information"


class BasisStatus(DocumentStatus):
    """A basis of the document asked about, with its status and when, relative to the signing."""

    basis: DocRef
    depth: int
    signing: Signing | None = Field(
        None, description="Replaced / repealed / expired before or after the document was signed")
    amended_signing: Signing | None = Field(None, description="Amended before or after the signing")
    replaced_before_signing: bool = Field(
        False, description="Already replaced, repealed or expired on the day the document was signed")
    dated_after_document: bool = Field(
        False, description="The basis is dated after the document (a drafting or extraction error)")


class StatusResult(BaseModel):
    document: DocRef
    depth: int
    as_of: str
    bases: list[BasisStatus]

    @property
    def problems(self) -> list[BasisStatus]:
        return [b for b in self.bases if b.status != "no information" or b.dated_after_document]

    def to_subgraph(self) -> Subgraph:
        docs = [self.document] + [b.basis for b in self.bases]
        links = [e.link for b in self.bases for e in b.events if e.link]
        docs += [e.by for b in self.bases for e in b.events if e.by]
        return _subgraph(f"Tình trạng căn cứ của {self.document.label}", [self.document.key], docs, links)


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
        return _subgraph(f"Cơ quan: {self.query}", [a.key for a in self.agencies], docs, links, extra)


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


# --- path ---------------------------------------------------------------------------------------

class PathStep(BaseModel):
    link: Link
    forward: bool = Field(..., description="True when the relationship points from A's side towards B")


class PathResult(BaseModel):
    a: DocRef
    b: DocRef
    length: int
    documents: list[DocRef] = Field(..., description="The documents along the path, from A to B")
    steps: list[PathStep]

    def to_subgraph(self) -> Subgraph:
        return _subgraph(f"{self.a.label} — {self.b.label}", [self.a.key, self.b.key], self.documents,
                         [s.link for s in self.steps])


# --- compare ------------------------------------------------------------------------------------

class CompareSide(BaseModel):
    label: str
    province_scope: ProvinceScope | None = None
    documents: list[DocRef] = Field(..., description="The document, or the documents of the province")


class CompareResult(BaseModel):
    a: CompareSide
    b: CompareSide
    depth: int
    shared: list[DocRef]
    only_a: list[DocRef]
    only_b: list[DocRef]
    links: list[Link]

    def to_subgraph(self) -> Subgraph:
        docs = [*self.a.documents, *self.b.documents, *self.shared, *self.only_a, *self.only_b]
        focus = [d.key for d in (*self.a.documents, *self.b.documents)]
        return _subgraph(f"{self.a.label} ↔ {self.b.label}", focus, docs, self.links)


# --- check --------------------------------------------------------------------------------------

IssueKind = Literal["unresolved_citation", "conflicting_date", "conflicting_issuer", "basis_after_document",
                    "cycle", "inherited_tasks"]


class Issue(BaseModel):
    kind: IssueKind
    message: str
    documents: list[str] = Field(..., description="Keys of the documents concerned")
    evidence: list[Link] = Field(default_factory=list)


class CheckResult(BaseModel):
    documents: int
    relationships: int
    counts: dict[str, int] = Field(..., description="Number of issues by kind")
    issues: list[Issue]


def jsonable(value: Any) -> Any:
    """Property values from either store as JSON scalars (Neo4j dates become ISO strings)."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value
