"""What every answer refers to: documents (:class:`DocRef`), relationships (:class:`Link`), the province
scope of a question across the 2025 reorganisation, and the subgraph an answer draws."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from graph.i18n import _
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from graph.vocabulary import DOCUMENT

UNRESOLVED_MARK = "(?)"
#: the head of a loader note that a citation gave another type of document (graph/loaders/documents.py)
TYPE_NOTE = "doc_type="


def unresolved(props: dict) -> bool:
    """Whether a document node is a citation not identified: no number, not read in full (no source
    file), not matched in the catalog of central documents."""
    return not (props.get("number") or props.get("source") or props.get("catalog_source"))


def cited_types(props: dict) -> list[str]:
    """The types of document a number was cited as, when citations disagree (the node's own type first,
    then the others as the loader noted them, ``doc_type=Nghị quyết @ file:line``); [] when they agree.
    The National Assembly numbers its laws and its resolutions apart, with the same suffix: such a node
    may stand for two documents."""
    notes = props.get("cited_as")
    if not notes:
        return []
    others = [str(n).partition(" @ ")[0][len(TYPE_NOTE):]
              for n in (notes if isinstance(notes, list) else [notes]) if str(n).startswith(TYPE_NOTE)]
    own = props.get("doc_type")
    if not others or not own:
        return []
    return list(dict.fromkeys([str(own), *(t.strip() for t in others)]))


#: the number of types in words, for the Vietnamese sentence of :func:`uncertain_vi`
_COUNTS = {2: "hai", 3: "ba", 4: "bốn", 5: "năm"}


def uncertain_vi(types: list[str]) -> str:
    """'số hiệu này được dẫn chiếu cho hai loại văn bản: Luật, Nghị quyết — có thể là hai văn bản khác
    nhau' (what the status summary and the page say, in Vietnamese as they are)."""
    n = _COUNTS.get(len(types), str(len(types)))
    return (f"số hiệu này được dẫn chiếu cho {n} loại văn bản: {', '.join(types)} — có thể là {n} văn bản "
            "khác nhau")


def uncertain_note(d: DocRef) -> str:
    """What an answer says of a document whose number was cited as several types, in the user's
    language ('' for any other document)."""
    if len(d.cited_types) < 2:
        return ""
    types = ", ".join(d.cited_types)
    if len(d.cited_types) == 2:
        return _("this number is cited as two types of document: {types} — they may be two different "
                 "documents").format(types=types)
    return _("this number is cited as {n} types of document: {types} — they may be different "
             "documents").format(n=len(d.cited_types), types=types)


def uncertain_legend(docs: Iterable[DocRef | None]) -> list[str]:
    """One line for each shown document whose number was cited as several types."""
    seen = {d.key: d for d in docs if d is not None and len(d.cited_types) > 1}
    return [f"{d.label}: {uncertain_note(d)}" for d in seen.values()]


def unresolved_legend(docs: Iterable[DocRef | None]) -> str:
    """The legend line of :data:`UNRESOLVED_MARK` when one of ``docs`` is unresolved, else ''."""
    if not any(d is not None and not d.resolved for d in docs):
        return ""
    return _("{mark} unresolved citation: no number, not found in the catalog or the store; its name, type "
             "and level are as the citing words wrote them, unverified").format(mark=UNRESOLVED_MARK)


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
    resolved: bool = Field(True, description="False for a citation not identified: no number, not read, not "
                                             "in the catalog; its type, title and level are as the citing "
                                             "words wrote them, unverified")
    cited_types: list[str] = Field(
        default_factory=list,
        description="The types of document this number was cited as when citations disagree (Luật, Nghị "
                    "quyết): the node may stand for two different documents; empty when they agree")

    @property
    def label(self) -> str:
        """'Quyết định 749/QĐ-TTg' (or the title when there is no number); an unresolved citation is
        marked with :data:`UNRESOLVED_MARK`; a number cited as several types names them all ('Luật /
        Nghị quyết 18/2008/QH12')."""
        kind = " / ".join(self.cited_types) if len(self.cited_types) > 1 else self.doc_type
        name = " ".join(p for p in (kind, self.number) if p)
        if not self.number:
            name = self.title or name or self.key
        return name if self.resolved else f"{name} {UNRESOLVED_MARK}"

    def node(self) -> SubgraphNode:
        props = self.model_dump(exclude={"key"}, exclude_none=True)
        return SubgraphNode(key=self.key, labels=[DOCUMENT], properties=props)


class Link(BaseModel):
    """One relationship with its provenance (file, line, citing words)."""

    source: str = Field(..., description="Key of the start node")
    target: str = Field(..., description="Key of the end node")
    type: str = Field(..., description="Relationship type (CĂN_CỨ, THỰC_HIỆN ...)")
    text: str | None = Field(None, description="The citing words (as restored, when the input was damaged)")
    file: str | None = Field(None, description="File the relationship was read from")
    line: int | None = None
    raw_text: str | None = Field(
        None, description="The citing words as they stand in the damaged input, when they were restored")

    def edge(self) -> SubgraphEdge:
        pairs = (("source", self.file), ("line", self.line), ("text", self.text), ("raw_text", self.raw_text))
        props = {k: v for k, v in pairs if v is not None}
        return SubgraphEdge(source=self.source, target=self.target, type=self.type, properties=props)

    def sort_key(self) -> tuple:
        return (self.source, self.target, self.type)


def subgraph_of(title: str, focus: list[str], docs: list[DocRef], links: list[Link],
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
