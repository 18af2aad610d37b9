"""The answers of the lineage questions, as stable pydantic models (what ``--json`` prints).

Both stores build these models through the same code (:mod:`graph.queries`), from the same rows, so
the embedded store and Neo4j cannot drift apart. Every list is sorted deterministically.
Graph-shaped answers offer ``to_subgraph()`` for the HTML view.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.queries.result_refs import DocRef, Link, ProvinceScope, subgraph_of
from graph.queries.status_results import DocumentStatus
from graph.subgraph import Subgraph

# --- find ---------------------------------------------------------------------------------------

class FindResult(BaseModel):
    query: str
    matches: list[DocRef]
    province_scope: ProvinceScope | None = None
    suggestions: list[str] = Field(default_factory=list, description="Close documents, when nothing matches")


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
        return subgraph_of(title, [self.document.key], docs, self.links)


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
        return subgraph_of(f"{self.a.label} — {self.b.label}", [self.a.key, self.b.key], self.documents,
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
        return subgraph_of(f"{self.a.label} ↔ {self.b.label}", focus, docs, self.links)


# --- check --------------------------------------------------------------------------------------

IssueKind = Literal["unresolved_citation", "conflicting_date", "conflicting_issuer", "conflicting_type",
                    "basis_after_document", "cycle", "inherited_tasks", "unread_citation"]


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
