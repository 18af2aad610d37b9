"""Public types: the extraction of one file, as validated pydantic models.

The fields named in the gold schema (``../shared/gold/SCHEMA.md``) are exactly those of the
JSON that ``lineage extract --format json`` prints; the others (``line``, ``restored``,
``warnings`` ...) are provenance and diagnostics, safe for scorers to ignore.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

Level = Literal["central", "provincial", "party"]
Role = Literal["lead", "coordinate"]
NestedRelation = Literal["amends", "guides", "implements", "mentions"]
Severity = Literal["error", "warning"]
#: how the warning about a citation the text does not prove begins (the graph keeps these on the document)
UNREAD_CITATION = "could not read a citation"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogate(value: Any) -> Any:
    """Text with lone surrogates (from a hand-made or damaged JSON) replaced by U+FFFD: they cannot be
    written as UTF-8, so one would break every later output (pages, exports, Neo4j)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [_no_surrogate(v) for v in value]
    return value


class _Model(BaseModel):
    """Every public model: no unknown fields, finite numbers only, text that is valid Unicode."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _text_is_unicode(cls, value: Any) -> Any:
        return _no_surrogate(value)


class _Sparse(_Model):
    """A model with fields added after the gold schema that are written only when they say something
    (``OMIT_WHEN_NONE``), so that what had none reads as before."""

    OMIT_WHEN_NONE: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _omit_empty(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name in self.OMIT_WHEN_NONE:
                if data.get(name) is None:
                    data.pop(name, None)
        return data


class Citation(_Sparse):
    """A document named in the text: a basis, a reference, the attached decision, a superseded one."""

    doc_type: str | None = None
    number: str | None = Field(None, description="As printed, whitespace removed, NFC; None for laws by name")
    date: dt.date | None = None
    issuer: str | None = Field(None, description="Issuing body, spelled out (no abbreviations)")
    title: str | None = Field(None, description="The subject as cited (the 'về ...' part)")
    text: str = Field(..., description="The citing words, copied from the input text")
    # provenance and resolution, beyond the gold schema
    line: int | None = Field(None, description="1-based line of the input file where the citation starts")
    province: str | None = Field(None, description="Province of a local document (issuer or citing doc)")
    level: Level | None = None
    restored: list[str] = Field(default_factory=list, description="Fields restored from damaged text")
    text_restored: str | None = Field(
        None, description="The citing words as restored from damaged text, when they differ from `text`")

    sentence: str | None = Field(
        None, description="Of a superseded document: the whole sentence that replaces or repeals it")

    OMIT_WHEN_NONE = ("text_restored", "sentence")  # written only for damaged text, for supersedes


class Nested(_Model):
    """A document named inside a basis, with the basis' relation to it (04/2008 *amends* 92/2006)."""

    doc: Citation
    relation: NestedRelation
    of: str = Field(..., description="Number (or name, for laws) of the basis it hangs on")


class Proposal(_Model):
    """'Xét đề nghị của <agency> tại Tờ trình số <number> ngày <date>'."""

    agency: str | None = None
    number: str | None = None
    date: dt.date | None = None
    text: str | None = None
    line: int | None = None


class Assignment(_Model):
    """An agency told to lead (chủ trì) or coordinate (phối hợp) a task."""

    agency: str
    role: Role
    task: str | None = None
    coordinators: list[str] = Field(
        default_factory=list,
        description="Of a lead: the agencies it is told to work with ('chủ trì, phối hợp với Sở B, Sở C'); "
                    "each coordinates the task")
    text: str | None = None
    line: int | None = None

    @model_serializer(mode="wrap")
    def _no_empty_coordinators(self, handler: Any) -> Any:
        """``coordinators`` is written only when there are some, so that other assignments read as before."""
        data = handler(self)
        if isinstance(data, dict) and not data.get("coordinators"):
            data.pop("coordinators", None)
        return data


FundingKind = Literal["public", "private", "mixed", "other"]


class FundingShare(_Model):
    """Part of a project's money and where it comes from (public: the state budget at any level)."""

    source: str = Field(..., description='"ngân sách tỉnh", "doanh nghiệp, xã hội hóa" (budget_rules.json)')
    kind: FundingKind
    amount: float | None = Field(None, description="In the project's budget_unit; None when not split")
    amount_dong: float | None = None


class Project(_Model):
    """A row of a project / task table."""

    name: str
    lead: str | None = None
    coordinators: list[str] = Field(default_factory=list)
    period: str | None = None
    budget: float | None = None
    budget_unit: str | None = Field(None, description='"tỷ đồng", "triệu đồng" or "đồng"')
    budget_dong: float | None = Field(None, description="The budget converted to đồng")
    funding: str | None = Field(None, description="Funding source (ngân sách tỉnh, trung ương ...)")
    funding_kind: FundingKind | None = Field(None, description="Whose money; None: the table does not say")
    shares: list[FundingShare] = Field(default_factory=list, description="The money per funding source")
    line: int | None = None


class Target(_Sparse):
    """A quantified goal: '95% văn bản ... đến năm 2020'."""

    text: str
    value: float = Field(..., description="The goal's figure; of a range ('15–16%'), the lower end")
    high: float | None = Field(None, description="The upper end of a range ('15–16%'); absent otherwise")
    unit: str | None = None
    deadline: int | None = None
    metric: str | None = Field(None, description="Normalised metric key, for comparing targets across plans")
    line: int | None = None
    text_restored: str | None = Field(
        None, description="The goal's words as the reader restored them, when the input was damaged")

    OMIT_WHEN_NONE = ("high", "text_restored")  # written only for a range, for damaged input


class Document(_Model):
    """One document found in a file: a decision and the plan it issues are two documents."""

    number: str | None = None
    doc_type: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    province: str | None = None
    level: Level | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    bases: list[Citation] = Field(default_factory=list)
    nested: list[Nested] = Field(default_factory=list)
    references: list[Citation] = Field(default_factory=list)
    attached_to: Citation | None = None
    proposals: list[Proposal] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    supersedes: list[Citation] = Field(default_factory=list)
    # provenance and diagnostics
    line_start: int | None = None
    line_end: int | None = None
    restored: list[str] = Field(default_factory=list, description="Header fields restored from damaged text")


class Problem(_Model):
    """Something wrong with an input file, said plainly: what and where."""

    source: str
    message: str
    severity: Severity = "error"
    line: int | None = None


class FileExtraction(_Model):
    """Everything read from one input file."""

    source: str = Field(..., description="The file name")
    path: str | None = Field(None, description="The path it was read from")
    encoding: str | None = None
    documents: list[Document] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)
