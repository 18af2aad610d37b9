"""Extraction -> lineage graph: documents, agencies, projects, targets and their relationships.

``add_extraction(g, extraction)`` merges one file's extraction into ``g``; ``build_graph`` builds a
graph from many. Conventions are those of :mod:`graph.lineage_graph`; keys come from
:mod:`graph.loaders.keys`; laws cited by name resolve through :mod:`graph.loaders.catalog`.

Merging rules:
- A document read in full (``source`` set) fills in the node of the same key that citations made;
  its properties win over cited ones. A cited value that disagrees with the known one (another
  date, type or number spelling) is kept in ``cited_as`` ("date=2014-07-07 @ file:line") for
  ``lineage check``. Catalog values (central documents) come before cited ones.
- Relationships exist once per (source, target, type) and keep their first provenance; re-ingesting
  the same file changes nothing.
- ``THỰC_HIỆN`` (implements): a cited document the citing document's title says it implements
  ("Kế hoạch thực hiện Đề án …", "… thực hiện Nghị quyết số 36-NQ/TW"), or a citation whose citing
  words begin with "Thực hiện …"; added next to ``CĂN_CỨ`` / instead of ``DẪN_CHIẾU``.
- Nested documents hang on the basis named in ``of``: basis -> nested, with the type of
  ``vocabulary.NESTED_RELATION_TYPES`` (04/2008/NĐ-CP ``SỬA_ĐỔI`` 92/2006/NĐ-CP).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import networkx as nx

from graph.datafiles import read_json
from graph.lineage_graph import Graph, merge_edge, merge_node, new_graph
from graph.loaders import keys
from graph.loaders.catalog import CATALOG_FILE, load_catalog
from graph.model import Citation, Document, FileExtraction
from graph.reading.documents.agencies import split_agencies
from graph.reading.tasks.money import to_dong
from graph.text import fold as _fold_text
from graph.vocabulary import (
    AGENCY,
    BAN_HANH,
    BAN_HANH_KEM_THEO,
    CAN_CU,
    CENTRAL,
    CHU_TRI,
    DAN_CHIEU,
    DE_NGHI,
    DE_RA,
    DOCUMENT,
    GOM,
    LEGAL_BASIS,
    NESTED_RELATION_TYPES,
    PARTY,
    PHOI_HOP,
    PROJECT,
    PROVINCIAL,
    SUPERSEDES,
    TARGET,
    THUC_HIEN,
)

# Properties compared between what a document says of itself and how others cite it
_CHECKED = ("date", "doc_type", "number")


fold = lru_cache(maxsize=16384)(_fold_text)


@cache
def _rules() -> dict[str, Any]:
    return read_json("graph_rules.json")


@dataclass
class _Context:
    """What is known of the citing document, to resolve what its citations leave out."""

    source: str
    province: str | None
    date: dt.date | None
    key: str


# --- the yearless-number index: "129/QĐ-UBND" without a date resolves to the one node it can be ---

_INDEXES: weakref.WeakKeyDictionary[Graph, dict[str, set[str]]] = weakref.WeakKeyDictionary()


def _stem(key: str) -> str:
    """``Kiên Giang:1891/QĐ-UBND:2016`` -> ``kiên giang:1891/qđ-ubnd`` (scope and number, folded)."""
    parts = key.split(":")
    if len(parts) >= 3 and parts[-1].isdigit():
        parts = parts[:-1]
    return keys.fold_key(":".join(parts))


def _index(g: Graph) -> dict[str, set[str]]:
    index = _INDEXES.get(g)
    if index is None:
        index = {}
        for node, data in g.nodes(data=True):
            if data.get("number"):
                index.setdefault(_stem(node), set()).add(node)
        _INDEXES[g] = index
    return index


def _known_key(g: Graph, key: str) -> str:
    """The existing node a freshly computed key stands for: same key up to case, or the one dated
    node of a number cited without year (and the reverse)."""
    if key in g:
        return key
    index = _index(g)
    candidates = index.get(_stem(key), set())
    folded = keys.fold_key(key)
    for cand in candidates:
        if keys.fold_key(cand) == folded:
            return cand
    parts = key.split(":")
    dated = len(parts) >= 3 and parts[-1].isdigit()
    yearless = not dated and keys.number_year(parts[-1]) is None
    if yearless and len(candidates) == 1:
        return next(iter(candidates))
    if dated and len(candidates) == 1:
        (only,) = candidates
        # only a node made by citations: a document read in full keeps its own key (its citation of
        # itself with a date would otherwise move it under the citing document's feet)
        if keys.fold_key(only) == keys.fold_key(":".join(parts[:-1])) and not g.nodes[only].get("source"):
            # the number was so far cited without a year: that node is this document; give it its key
            nx.relabel_nodes(g, {only: key}, copy=False)
            g.nodes[key]["key"] = key
            candidates.discard(only)
            candidates.add(key)
            return key
    return key


def _register(g: Graph, key: str) -> None:
    index = _INDEXES.get(g)
    if index is not None and g.nodes[key].get("number"):
        index.setdefault(_stem(key), set()).add(key)


# --- keys of citations and documents ------------------------------------------------------------


def citation_key(c: Citation, ctx: _Context | None = None) -> tuple[str, dict[str, Any]]:
    """The key of a cited document and the properties the citation (and the catalog) give it."""
    number = keys.normalize_number(c.number) if c.number else None
    level = keys.level_of(c.issuer, number, c.level)
    is_law = (c.doc_type or "").startswith("Luật") or (
        not number and fold(c.title or c.text).startswith("luat ")
    )
    if level is None:
        level = CENTRAL if is_law else PROVINCIAL
    local_province = c.province or (ctx.province if ctx else None)
    province = keys.province_of(c.issuer) or (local_province if level in (PROVINCIAL, PARTY) else None)
    scope = keys.scope_of(level, c.issuer, number, province)
    if scope in (keys.CENTRAL_SCOPE, keys.PARTY_CENTRAL_SCOPE):
        province = None
    catalog = load_catalog()
    props: dict[str, Any] = {
        "number": number,
        "doc_type": c.doc_type,
        "date": _iso(c.date),
        "issuer": c.issuer,
        "title": c.title,
        "level": level,
        "province": province,
    }
    entry = None
    if number:
        year = keys.number_year(number) or (c.date.year if c.date else None)
        if scope in (keys.CENTRAL_SCOPE, keys.PARTY_CENTRAL_SCOPE):
            entry = catalog.lookup(number, year)
        key = entry.key if entry else keys.document_key(scope, number, year)
    elif is_law:
        name = c.title or c.text
        entry = catalog.lookup_by_name(name, c.date, as_of=ctx.date if ctx else None)
        key = entry.key if entry else keys.name_key(keys.CENTRAL_SCOPE, name, c.date.year if c.date else None)
        props["name"] = keys.canonical_name(name)
    else:
        key = keys.name_key(scope, c.title or c.text, c.date.year if c.date else None)
    if entry is not None:
        props = {**props, **{k: v for k, v in entry.props().items() if v is not None}, "cited": props}
    return key, props


def document_key(doc: Document, attached_key: str | None = None) -> str:
    """The key of a document read in full (a plan without number: ``<decision key>#kèm-theo``)."""
    number = keys.normalize_number(doc.number) if doc.number else None
    level = keys.level_of(doc.issuer, number, doc.level)
    province = doc.province or keys.province_of(doc.issuer)
    scope = keys.scope_of(level, doc.issuer, number, province)
    if number:
        return keys.document_key(
            scope, number, keys.number_year(number) or (doc.date.year if doc.date else None)
        )
    if attached_key:
        return attached_key + keys.ATTACHED_SUFFIX
    title = f"{doc.doc_type or ''} {doc.title or ''}"
    return f"{scope}:{doc.doc_type or 'Văn bản'}:{_iso(doc.date) or '?'}:{keys.stable_hash(title)}"


# --- merging ------------------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _merge_cited(g: Graph, key: str, props: dict[str, Any], where: str, labels: tuple[str, ...]) -> str:
    """Create or complete a cited document: only missing properties are filled in."""
    key = _known_key(g, key)
    cited = props.pop("cited", None) or props
    fresh = key not in g
    _merge_node(g, key, (DOCUMENT, *labels))
    data = g.nodes[key]
    for name, value in props.items():
        if value is not None and name not in data:
            data[name] = _intern(value)
    data.setdefault("cited_at", where)
    _note_conflicts(data, cited, where)
    if fresh:
        _register(g, key)
    return key


def _note_conflicts(data: dict[str, Any], cited: dict[str, Any], where: str) -> None:
    notes = set(data.get("cited_as", ()))
    for name in _CHECKED:
        value = cited.get(name)
        known = data.get(name)
        if value is None or known is None or value == known:
            continue
        notes.add(f"{name}={value} @ {where}")
    if notes:
        data["cited_as"] = sorted(notes)


def _merge_ingested(g: Graph, key: str, doc: Document, source: str) -> str:
    """Create or fill in the node of a document read in full: its own properties win."""
    key = _known_key(g, key)
    number = keys.normalize_number(doc.number) if doc.number else None
    level = keys.level_of(doc.issuer, number, doc.level)
    props = {
        "number": number,
        "doc_type": doc.doc_type,
        "date": _iso(doc.date),
        "issuer": doc.issuer,
        "province": doc.province or keys.province_of(doc.issuer),
        "level": level,
        "title": doc.title,
        "signer": doc.signer,
        "signer_title": doc.signer_title,
        "source": source,
        "line": doc.line_start,
    }
    fresh = key not in g
    if not fresh:
        data = g.nodes[key]
        if not data.get("source"):  # so far only cited: what it was cited as may disagree
            where = data.get("cited_at", "citation")
            notes = set(data.get("cited_as", ()))
            notes.update(
                f"{k}={data[k]} @ {where}"
                for k in _CHECKED
                if data.get(k) is not None and props.get(k) is not None and data[k] != props[k]
            )
            if notes:
                data["cited_as"] = sorted(notes)
    _merge_node(g, key, (DOCUMENT,), **_interned(props))
    if fresh:
        _register(g, key)
    return key


def _add_catalog_relations(g: Graph, key: str) -> None:
    """What the catalog knows replaced or amended this document (and, in turn, its replacements):
    ``new -[SUPERSEDES|SỬA_ĐỔI]-> old`` with ``source`` = the catalog file, ``text`` = where to check
    it, ``effective`` = the date it took effect. Lets every store answer ``lineage status`` alike."""
    catalog = load_catalog()
    todo, seen = [key], set()
    while todo:
        old = todo.pop()
        if old in seen:
            continue
        seen.add(old)
        for rep in catalog.replacements(old):
            facts = {"effective": _iso(rep.date), "catalog_source": rep.source, "note": rep.note}
            if g.has_edge(rep.new, old, rep.type):  # read from a text already: keep that provenance
                data = g.edges[rep.new, old, rep.type]
                for name, value in facts.items():
                    if value is not None:
                        data.setdefault(name, value)
                continue
            entry = catalog.get(rep.new)
            props = entry.props() if entry else {}
            new = _merge_cited(g, rep.new, props, CATALOG_FILE, ())
            merge_edge(g, new, old, rep.type, source=CATALOG_FILE, text=rep.source, **facts)
            todo.append(new)


def _text_edge(g: Graph, start: str, end: str, rel: str, /, **prov: Any) -> None:
    """A relationship read from text; its provenance replaces the catalog's if the catalog came first."""
    if g.has_edge(start, end, rel):
        data = g.edges[start, end, rel]
        if data.get("source") == CATALOG_FILE:
            data.pop("line", None)
            data.update({k: v for k, v in prov.items() if v is not None})
            return
    merge_edge(g, start, end, rel, **prov)


def _agency(g: Graph, name: str, province: str | None) -> str:
    ref = keys.agency_ref(name, province)
    _merge_node(
        g,
        ref.key,
        (AGENCY,),
        name=ref.name if ref.key not in g else None,
        province=None
        if ref.scope in (keys.CENTRAL_SCOPE, keys.PARTY_CENTRAL_SCOPE, keys.UNKNOWN_SCOPE)
        else ref.scope,
        scope=ref.scope,
    )
    return ref.key


def _implements(title: str | None, c: Citation, props: dict[str, Any]) -> bool:
    """Does a document titled ``title`` implement the cited document (or do the citing words say so)?"""
    words = _rules()["implements_words"]
    text = fold(c.text)
    if any(text.startswith(fold(w) + " ") for w in words):
        return True
    if not title:
        return False
    folded = fold(title)
    for word in words:
        pos = folded.find(fold(word) + " ")
        if pos < 0:
            continue
        obj = folded[pos + len(fold(word)) + 1 :]
        number = props.get("number")
        if number and fold(number) in obj:
            return True
        cited_title = fold(props.get("title") or c.title or "")
        for verb in _rules()["approval_words"]:
            if cited_title.startswith(fold(verb) + " "):
                cited_title = cited_title[len(fold(verb)) + 1 :]
                break
        if any(cited_title.startswith(fold(w) + " ") for w in words):
            continue  # a plan implementing the same thing (the attached plan), not the thing itself
        core = _quoted(cited_title) or cited_title
        if len(core) >= 20 and (core in obj or (_quoted(obj) and _quoted(obj) == core)):
            return True
    return False


_QUOTED = re.compile(r"[“\"](.+?)[”\"]")


def _quoted(text: str) -> str | None:
    m = _QUOTED.search(text)
    return m.group(1).strip() if m else None


def _tasks_edge(g: Graph, agency: str, target: str, rel: str, task: str | None, **prov: Any) -> None:
    merge_edge(g, agency, target, rel, **prov)
    if task:
        data = g.edges[agency, target, rel]
        tasks = list(data.get("tasks", ()))
        if task not in tasks:
            data["tasks"] = [*tasks, task]


def add_extraction(g: Graph, extraction: FileExtraction) -> list[str]:
    """Merge one file's extraction into ``g``; returns the keys of the documents it holds."""
    source = extraction.source
    added: list[str] = []
    decision_keys: dict[str, str] = {}  # number (folded) -> key, for plans attached to a decision in the file
    for doc in extraction.documents:
        province = doc.province or keys.province_of(doc.issuer)
        attached_key = None
        if doc.attached_to is not None:
            tmp = _Context(source, province, doc.date, "")
            number = doc.attached_to.number
            attached_key = decision_keys.get(fold(number)) if number else None
            if attached_key is None:
                attached_key = _known_key(g, citation_key(doc.attached_to, tmp)[0])
        key = _merge_ingested(g, document_key(doc, attached_key), doc, source)
        _add_catalog_relations(g, key)
        if doc.number:
            decision_keys[fold(doc.number)] = key
        added.append(key)
        ctx = _Context(source, province, doc.date, key)
        _add_document_relations(g, doc, ctx, attached_key)
    return added


def _prov(ctx: _Context, line: int | None, text: str | None) -> dict[str, Any]:
    return {"source": ctx.source, "line": line, "text": _intern(text)}


_LABELS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _merge_node(g: Graph, key: str, labels: Iterable[str], **props: Any) -> None:
    """:func:`merge_node`, with one shared ``labels`` tuple per combination (half a million fewer
    objects in the national graph, in memory and in the store)."""
    merge_node(g, key, labels, **props)
    data = g.nodes[key]
    data["labels"] = _LABELS.setdefault(data["labels"], data["labels"])


def _intern(value: Any) -> Any:
    """One shared object per distinct string: the same citing words, issuers, types ... recur across
    thousands of documents; sharing them saves memory and pickle (the store) stores each once."""
    return sys.intern(value) if type(value) is str else value


def _interned(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _intern(v) for k, v in props.items()}


def _cite(g: Graph, c: Citation, ctx: _Context, labels: tuple[str, ...] = ()) -> tuple[str, dict[str, Any]]:
    key, props = citation_key(c, ctx)
    where = f"{ctx.source}:{c.line}" if c.line else ctx.source
    key = _merge_cited(g, key, dict(props), where, labels)
    if "catalog_source" in props:
        _add_catalog_relations(g, key)
    if c.issuer:
        agency = _agency(g, c.issuer, props.get("province"))
        merge_edge(g, agency, key, BAN_HANH, **_prov(ctx, c.line, c.text))
    return key, props


def _add_document_relations(g: Graph, doc: Document, ctx: _Context, attached_key: str | None) -> None:
    key = ctx.key
    if doc.issuer:
        merge_edge(
            g, _agency(g, doc.issuer, ctx.province), key, BAN_HANH, **_prov(ctx, doc.line_start, doc.issuer)
        )
    basis_keys: dict[str, str] = {}
    for c in doc.bases:
        basis, props = _cite(g, c, ctx, (LEGAL_BASIS,))
        merge_edge(g, key, basis, CAN_CU, **_prov(ctx, c.line, c.text))
        if _implements(doc.title, c, props):
            merge_edge(g, key, basis, THUC_HIEN, **_prov(ctx, c.line, c.text))
        for name in (c.number, c.title, c.text, props.get("name")):
            if name:
                basis_keys[fold(keys.canonical_name(name))] = basis
    for n in doc.nested:
        nested, _ = _cite(g, n.doc, ctx)
        parent = basis_keys.get(fold(keys.canonical_name(n.of)))
        if parent is None:
            parent, _ = _cite(
                g,
                Citation(
                    number=n.of if re.search(r"\d", n.of) else None,
                    title=None if re.search(r"\d", n.of) else n.of,
                    text=n.of,
                    line=n.doc.line,
                ),
                ctx,
            )
        _text_edge(g, parent, nested, NESTED_RELATION_TYPES[n.relation], **_prov(ctx, n.doc.line, n.doc.text))
    for c in doc.references:
        ref, props = _cite(g, c, ctx)
        if ref == key:
            continue
        rel = THUC_HIEN if _implements(doc.title, c, props) else DAN_CHIEU
        merge_edge(g, key, ref, rel, **_prov(ctx, c.line, c.text))
    for c in doc.supersedes:
        old, _ = _cite(g, c, ctx)
        _text_edge(g, key, old, SUPERSEDES, **_prov(ctx, c.line, c.text))
    if attached_key is not None and doc.attached_to is not None:
        c = doc.attached_to
        decision, _ = _cite(g, c, ctx)
        merge_edge(g, decision, key, BAN_HANH_KEM_THEO, **_prov(ctx, c.line, c.text))
    for p in doc.proposals:
        if not p.agency:
            continue
        merge_edge(
            g,
            _agency(g, p.agency, ctx.province),
            key,
            DE_NGHI,
            number=p.number,
            date=_iso(p.date),
            **_prov(ctx, p.line, p.text),
        )
    for a in doc.assignments:
        rel = CHU_TRI if a.role == "lead" else PHOI_HOP
        _tasks_edge(g, _agency(g, a.agency, ctx.province), key, rel, a.task, **_prov(ctx, a.line, a.text))
    for p in doc.projects:
        pkey = keys.item_key(key, "project", p.name)
        _merge_node(
            g,
            pkey,
            (PROJECT,),
            name=p.name,
            period=_intern(p.period),
            budget=p.budget,
            budget_unit=_intern(p.budget_unit),
            budget_dong=p.budget_dong if p.budget_dong is not None else to_dong(p.budget, p.budget_unit),
            funding=_intern(p.funding),
            document=key,
            source=ctx.source,
            line=p.line,
        )
        merge_edge(g, key, pkey, GOM, **_prov(ctx, p.line, p.name))
        # a cell may name several agencies ("Sở Tài nguyên và Môi trường, Sở Xây dựng"): each leads
        for rel, cells in ((CHU_TRI, [p.lead] if p.lead else []), (PHOI_HOP, p.coordinators)):
            for name in (n for cell in cells for n in split_agencies(cell, ctx.province)):
                agency = _agency(g, name, ctx.province)
                _tasks_edge(g, agency, pkey, rel, p.name, **_prov(ctx, p.line, p.name))
    for t in doc.targets:
        tkey = keys.item_key(key, "target", t.text)
        _merge_node(
            g,
            tkey,
            (TARGET,),
            text=t.text,
            value=t.value,
            unit=_intern(t.unit),
            deadline=t.deadline,
            metric=_intern(t.metric),
            document=key,
            source=ctx.source,
            line=t.line,
        )
        merge_edge(g, key, tkey, DE_RA, **_prov(ctx, t.line, t.text))


def build_graph(extractions: Iterable[FileExtraction]) -> Graph:
    """A new graph from many extractions (in order; later full texts fill in earlier citations)."""
    g = new_graph()
    for extraction in extractions:
        add_extraction(g, extraction)
    return g
