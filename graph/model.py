"""Public types: the extraction of one file, as validated pydantic models.

The fields named in the gold schema (``../shared/gold/SCHEMA.md``) are exactly those of the
JSON that ``lineage extract --format json`` prints; the others (``line``, ``restored``,
``warnings`` ...) are provenance and diagnostics, safe for scorers to ignore.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetPydanticSchema
from pydantic_core import CoreSchema, core_schema

Level = Literal["central", "provincial", "party"]
Role = Literal["lead", "coordinate"]
#: the basis' relation to a document named inside it; "amended_by": "Luật số 64/2025/QH15 được sửa đổi, bổ
#: sung bởi Luật số 87/2025/QH15" (the named document amends the basis)
NestedRelation = Literal["amends", "amended_by", "guides", "implements", "mentions"]
Severity = Literal["error", "warning"]
#: how the warning about a citation the text does not prove begins (the graph keeps these on the document)
UNREAD_CITATION = "could not read a citation"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogate(value: str) -> str:
    """Text with lone surrogates (from a hand-made or damaged JSON) replaced by U+FFFD: they cannot be
    written as UTF-8, so one would break every later output (pages, exports, Neo4j)."""
    return _SURROGATE.sub("\ufffd", value)


def _text_schema(_source: Any, _handler: GetCoreSchemaHandler) -> CoreSchema:
    """Text: a string the validator itself proves valid Unicode (any length constraint makes it read the
    string as UTF-8, which fails on a lone surrogate), else the same string through :func:`_no_surrogate`.
    So clean text, nearly all of it, is checked without calling Python; a wrong type still gives the one
    ``string_type`` error a plain ``str`` gives."""
    return core_schema.union_schema(
        [core_schema.str_schema(min_length=0),
         core_schema.no_info_after_validator_function(_no_surrogate, core_schema.str_schema())],
        mode="left_to_right", custom_error_type="string_type",
        serialization=core_schema.simple_ser_schema("str"))  # written as any string: no union to try


#: every text field of the public models (alone, optional or in a list): valid Unicode. The check is
#: on the type, so that pydantic makes it for text only, not for each number, date, None or model; its
#: JSON schema is a plain string's
Text = Annotated[str, GetPydanticSchema(_text_schema, lambda _schema, _handler: {"type": "string"})]


def _new_list() -> list[Any]:
    """``default_factory`` of every list field: a new empty list. A Python function, not ``list`` itself:
    pydantic reads each factory's signature as it builds the classes, and ``inspect`` reads a builtin's
    from text with :mod:`tokenize`, whose patterns it compiles first (~4 ms of every run's start)."""
    return []


class _Model(BaseModel):
    """Every public model: no unknown fields, finite numbers only, text that is valid Unicode
    (:data:`Text`; a field that holds text must be typed with it: tests/test_model_fast_checks.py)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


def _none(value: Any) -> bool:
    """``exclude_if`` of a field added after the gold schema: written only when it says something, so
    that what had none reads as before (a field test, cheaper than a model serializer)."""
    return value is None


def _empty(value: Any) -> bool:
    """``exclude_if`` of a list added after the gold schema: written only when not empty."""
    return not value


class Citation(_Model):
    """A document named in the text: a basis, a reference, the attached decision, a superseded one."""

    doc_type: Text | None = None
    number: Text | None = Field(None, description=(
        "As printed, whitespace removed, NFC; None for laws by name"))
    date: dt.date | None = None
    issuer: Text | None = Field(None, description="Issuing body, spelled out (no abbreviations)")
    title: Text | None = Field(None, description="The subject as cited (the 'về ...' part)")
    text: Text = Field(..., description="The citing words, copied from the input text")
    # provenance and resolution, beyond the gold schema
    line: int | None = Field(None, description="1-based line of the input file where the citation starts")
    province: Text | None = Field(None, description="Province of a local document (issuer or citing doc)")
    level: Level | None = None
    restored: list[Text] = Field(default_factory=_new_list, description="Fields restored from damaged text")
    text_restored: Text | None = Field(None, exclude_if=_none, description=(
        "The citing words as restored from damaged text, when they differ from `text`"))

    sentence: Text | None = Field(None, exclude_if=_none, description=(
        "Of a superseded document: the whole sentence that replaces or repeals it"))
    year: int | None = Field(None, exclude_if=_none, description=(
        "Of a law cited by name and year ('Luật Đất đai năm 2013'): the year it was passed"))
    implements: bool | None = Field(None, exclude_if=_none, description=(
        "Of a reference: named in a 'Thực hiện …' clause of the preamble (the document implements it)"))


class Nested(_Model):
    """A document named inside a basis, with the basis' relation to it (04/2008 *amends* 92/2006)."""

    doc: Citation
    relation: NestedRelation
    of: Text = Field(..., description="Number (or name, for laws) of the basis it hangs on")


class Proposal(_Model):
    """'Xét đề nghị của <agency> tại Tờ trình số <number> ngày <date>'."""

    agency: Text | None = None
    number: Text | None = None
    date: dt.date | None = None
    text: Text | None = None
    line: int | None = None


class Assignment(_Model):
    """An agency told to lead (chủ trì) or coordinate (phối hợp) a task."""

    agency: Text
    role: Role
    task: Text | None = None
    coordinators: list[Text] = Field(
        default_factory=_new_list, exclude_if=_empty,
        description="Of a lead: the agencies it is told to work with ('chủ trì, phối hợp với Sở B, Sở C'); "
                    "each coordinates the task")
    text: Text | None = None
    line: int | None = None


FundingKind = Literal["public", "private", "mixed", "other"]


class FundingShare(_Model):
    """Part of a project's money and where it comes from (public: the state budget at any level)."""

    source: Text = Field(..., description='"ngân sách tỉnh", "doanh nghiệp, xã hội hóa" (budget_rules.json)')
    kind: FundingKind
    amount: float | None = Field(None, description="In the project's budget_unit; None when not split")
    amount_dong: float | None = None


class Project(_Model):
    """A row of a project / task table."""

    name: Text
    lead: Text | None = None
    coordinators: list[Text] = Field(default_factory=_new_list)
    period: Text | None = None
    budget: float | None = None
    budget_unit: Text | None = Field(None, description='"tỷ đồng", "triệu đồng" or "đồng"')
    budget_dong: float | None = Field(None, description="The budget converted to đồng")
    funding: Text | None = Field(None, description="Funding source (ngân sách tỉnh, trung ương ...)")
    funding_kind: FundingKind | None = Field(None, description="Whose money; None: the table does not say")
    shares: list[FundingShare] = Field(default_factory=_new_list, description="The money per funding source")
    line: int | None = None


class Target(_Model):
    """A quantified goal: '95% văn bản ... đến năm 2020'."""

    text: Text
    value: float = Field(..., description="The goal's figure; of a range ('15–16%'), the lower end")
    high: float | None = Field(None, exclude_if=_none, description=(
        "The upper end of a range ('15–16%'); absent otherwise"))
    unit: Text | None = None
    deadline: int | None = None
    metric: Text | None = Field(None, description="Normalised metric key, for comparing targets across plans")
    line: int | None = None
    text_restored: Text | None = Field(None, exclude_if=_none, description=(
        "The goal's words as the reader restored them, when the input was damaged"))


class Document(_Model):
    """One document found in a file: a decision and the plan it issues are two documents."""

    number: Text | None = None
    doc_type: Text | None = None
    date: dt.date | None = None
    issuer: Text | None = None
    province: Text | None = None
    level: Level | None = None
    title: Text | None = None
    signer: Text | None = None
    signer_title: Text | None = None
    bases: list[Citation] = Field(default_factory=_new_list)
    nested: list[Nested] = Field(default_factory=_new_list)
    references: list[Citation] = Field(default_factory=_new_list)
    attached_to: Citation | None = None
    proposals: list[Proposal] = Field(default_factory=_new_list)
    assignments: list[Assignment] = Field(default_factory=_new_list)
    projects: list[Project] = Field(default_factory=_new_list)
    targets: list[Target] = Field(default_factory=_new_list)
    supersedes: list[Citation] = Field(default_factory=_new_list)
    # provenance and diagnostics
    line_start: int | None = None
    line_end: int | None = None
    restored: list[Text] = Field(default_factory=_new_list,
                                 description="Header fields restored from damaged text")


class Problem(_Model):
    """Something wrong with an input file, said plainly: what and where."""

    source: Text
    message: Text
    severity: Severity = "error"
    line: int | None = None


class FileExtraction(_Model):
    """Everything read from one input file."""

    source: Text = Field(..., description="The file name")
    path: Text | None = Field(None, description="The path it was read from")
    encoding: Text | None = None
    documents: list[Document] = Field(default_factory=_new_list)
    problems: list[Problem] = Field(default_factory=_new_list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def json_bytes(self) -> bytes:
        """The indented JSON ``lineage extract --format json`` prints for this file, as UTF-8 bytes:
        ``model_dump_json(indent=2).encode()`` without decoding the serializer's bytes and encoding again."""
        return self.__pydantic_serializer__.to_json(self, indent=2)
