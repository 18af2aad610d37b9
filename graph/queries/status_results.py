"""The answer of ``status``: each basis's status on a day, with its events, chain and sources."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph.queries.result_refs import DocRef, Link, subgraph_of
from graph.subgraph import Subgraph

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
    effective: str | None = Field(None, description="The day the document took effect, if a source says")
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
        return subgraph_of(f"Tình trạng căn cứ của {self.document.label}", [self.document.key], docs, links)
