"""What a document cites: legal bases, references, nested, replaced and attaching documents.

Each citation becomes a document node (:mod:`.documents`) and a relationship from the citing one:
``CĂN_CỨ`` (legal basis), ``THỰC_HIỆN`` (implements), ``DẪN_CHIẾU`` (refers to), ``SUPERSEDES``,
``BAN_HÀNH_KÈM_THEO`` (decision -> attached plan), and ``HƯỚNG_DẪN`` / ``SỬA_ĐỔI`` (basis -> nested).
The catalog adds what it knows replaced or amended the documents (:func:`add_catalog_relations`).

- ``THỰC_HIỆN``: a cited document the citing document's title says it implements
  ("Kế hoạch thực hiện Đề án …", "… thực hiện Nghị quyết số 36-NQ/TW"), a citation whose citing
  words begin with "Thực hiện …", or one named in a "Thực hiện …" clause of the preamble
  (``Citation.implements``); added next to ``CĂN_CỨ`` / instead of ``DẪN_CHIẾU``.
- Nested documents hang on the basis named in ``of``: basis -> nested, with the type of
  ``vocabulary.NESTED_RELATION_TYPES`` (04/2008/NĐ-CP ``SỬA_ĐỔI`` 92/2006/NĐ-CP); nested -> basis for
  "amended_by" (64/2025/QH15 "được sửa đổi, bổ sung bởi" 87/2025/QH15: 87/2025 ``SỬA_ĐỔI`` 64/2025).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from graph.datafiles import read_json
from graph.lineage_graph import Graph, edge_data, merge_edge
from graph.loaders import events, keys
from graph.loaders.agencies import agency
from graph.loaders.catalog import CATALOG_FILE, load_catalog, unlisted_props
from graph.loaders.context import Context, iso, prov
from graph.loaders.documents import citation_key, merge_cited
from graph.model import Citation, Document
from graph.text import fold_memo as fold  # the same names recur in every document
from graph.vocabulary import (
    BAN_HANH,
    BAN_HANH_KEM_THEO,
    CAN_CU,
    DAN_CHIEU,
    LEGAL_BASIS,
    NESTED_FROM_NAMED,
    NESTED_RELATION_TYPES,
    SUA_DOI,
    SUPERSEDES,
    THUC_HIEN,
)


@cache
def _rules() -> dict[str, Any]:
    return read_json("graph_rules.json")


def add_catalog_relations(g: Graph, key: str) -> None:
    """What the catalog knows replaced, repealed, ended or amended this document (and, in turn, its
    replacements): ``new -[SUPERSEDES|SỬA_ĐỔI]-> old`` with ``source`` = the catalog file, ``text`` = the
    words of the page that states it, ``url`` = that page, ``event`` = replaced | repealed | expired |
    amended, ``effective`` = the date it took effect. What the pages draw; ``lineage status`` reads the
    catalog itself, so a store built with an older catalog still answers with the current one."""
    catalog = load_catalog()
    todo, seen = [key], set()
    while todo:
        old = todo.pop()
        if old in seen:
            continue
        seen.add(old)
        for rep in catalog.replacements(old):
            facts = {"effective": iso(rep.date), "catalog_source": rep.source, "note": rep.note,
                     "url": rep.source_url, "event": rep.event}
            data = edge_data(g, rep.new, old, rep.type)
            if data is not None:  # read from a text already: keep that provenance
                for name, value in facts.items():
                    if value is not None:
                        data.setdefault(name, value)
                continue
            entry = catalog.get(rep.new)
            props = entry.props() if entry else unlisted_props(rep.new)  # named by the catalog, not listed
            new = merge_cited(g, rep.new, props, CATALOG_FILE, ())
            words = rep.source_quote or rep.source
            merge_edge(g, new, old, rep.type, source=CATALOG_FILE, text=words, **facts)
            todo.append(new)


def _text_edge(g: Graph, start: str, end: str, rel: str, /, **provenance: Any) -> None:
    """A relationship read from text; its provenance replaces the catalog's if the catalog came first."""
    data = edge_data(g, start, end, rel)
    if data is not None and data.get("source") == CATALOG_FILE:
        data.pop("line", None)
        data.update({k: v for k, v in provenance.items() if v is not None})
        return
    merge_edge(g, start, end, rel, **provenance)


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


def _cite(g: Graph, c: Citation, ctx: Context, labels: tuple[str, ...] = ()) -> tuple[str, dict[str, Any]]:
    """The node of a cited document (with its catalog relations and ``issuer -[BAN_HÀNH]->`` it)."""
    key, props = citation_key(c, ctx)
    where = f"{ctx.source}:{c.line}" if c.line else ctx.source
    key = merge_cited(g, key, dict(props), where, labels)
    if "catalog_source" in props:
        add_catalog_relations(g, key)
    if c.issuer:
        issuer = agency(g, c.issuer, props.get("province"))
        merge_edge(g, issuer, key, BAN_HANH, **prov(ctx, c.line, c.text, c.text_restored))
    return key, props


def add_citations(g: Graph, doc: Document, ctx: Context, attached_key: str | None) -> None:
    """The documents ``doc`` cites and its relationships to them (``attached_key``: the decision it
    is attached to, if resolved)."""
    key = ctx.key
    basis_names: list[tuple[tuple[str | None, ...], str]] = []  # (names of a basis, its key)
    for c in doc.bases:
        basis, props = _cite(g, c, ctx, (LEGAL_BASIS,))
        merge_edge(g, key, basis, CAN_CU, **prov(ctx, c.line, c.text, c.text_restored))
        if _implements(doc.title, c, props):
            merge_edge(g, key, basis, THUC_HIEN, **prov(ctx, c.line, c.text, c.text_restored))
        basis_names.append(((c.number, c.title, c.text, props.get("name")), basis))
    # the bases by name, for the nested documents (made only when there are some)
    basis_keys = {fold(keys.canonical_name(name)): basis for names, basis in basis_names
                  for name in names if name} if doc.nested else {}
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
        source, target = (nested, parent) if n.relation in NESTED_FROM_NAMED else (parent, nested)
        _text_edge(g, source, target, NESTED_RELATION_TYPES[n.relation],
                   **prov(ctx, n.doc.line, n.doc.text, n.doc.text_restored))
    for c in doc.references:
        ref, props = _cite(g, c, ctx)
        if ref == key:
            continue
        rel = THUC_HIEN if c.implements or _implements(doc.title, c, props) else DAN_CHIEU
        merge_edge(g, key, ref, rel, **prov(ctx, c.line, c.text, c.text_restored))
    for c in doc.supersedes:
        old, _ = _cite(g, c, ctx)
        facts = events.supersede_facts(c.sentence or c.text, ctx.date)
        _text_edge(g, key, old, SUPERSEDES, **prov(ctx, c.line, c.text, c.text_restored), **facts)
    for c in [*doc.references, *doc.bases]:
        if events.amends(doc.title, c.number):  # "Nghị định sửa đổi, bổ sung … Nghị định số X"
            amended, _ = _cite(g, c, ctx)
            if amended != key:
                _text_edge(g, key, amended, SUA_DOI, **prov(ctx, c.line, c.text, c.text_restored),
                           words=doc.title)
    if attached_key is not None and doc.attached_to is not None:
        c = doc.attached_to
        decision, _ = _cite(g, c, ctx)
        merge_edge(g, decision, key, BAN_HANH_KEM_THEO, **prov(ctx, c.line, c.text, c.text_restored))
