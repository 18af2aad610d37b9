"""Document nodes: keys of documents and citations, cited vs ingested nodes, and their conflicts.

- A document read in full (``source`` set) fills in the node of the same key that citations made;
  its properties win over cited ones. A cited value that disagrees with the known one (another
  date, type or number spelling) is kept in ``cited_as`` ("date=2014-07-07 @ file:line") for
  ``lineage check``. Catalog values (central documents) come before cited ones.
- A number cited without year ("129/QĐ-UBND") resolves to the one node it can be (:func:`known_key`).
"""

from __future__ import annotations

import weakref
from functools import lru_cache
from typing import Any

import networkx as nx

from graph.lineage_graph import Graph
from graph.loaders import keys
from graph.loaders.catalog import load_catalog
from graph.loaders.context import Context, intern, interned, iso, merge_node_interned
from graph.loaders.succession import set_province_now
from graph.model import Citation, Document
from graph.reading.documents.refdata import doc_types
from graph.text import fold_memo as fold  # the same names recur in every document
from graph.vocabulary import CENTRAL, DOCUMENT, PARTY, PROVINCIAL

# Properties compared between what a document says of itself and how others cite it
_CHECKED = ("date", "doc_type", "number")


# --- the yearless-number index: "129/QĐ-UBND" without a date resolves to the one node it can be ---

_INDEXES: weakref.WeakKeyDictionary[Graph, dict[str, set[str]]] = weakref.WeakKeyDictionary()


@lru_cache(maxsize=65536)
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


def known_key(g: Graph, key: str) -> str:
    """The existing node a freshly computed key stands for: same key up to case, or the one dated
    node of a number cited without year (and the reverse)."""
    return _known(g, key)[0]


def _known(g: Graph, key: str) -> tuple[str, bool]:
    """:func:`known_key`, and whether that node exists (the store's graph asks the database for an
    absent node at each look-up: the loaders look once)."""
    if key in g:
        return key, True
    index = _index(g)
    candidates = index.get(_stem(key), set())
    folded = keys.fold_key(key)
    for cand in candidates:
        if keys.fold_key(cand) == folded:
            return cand, cand in g
    parts = key.split(":")
    dated = len(parts) >= 3 and parts[-1].isdigit()
    yearless = not dated and keys.number_year(parts[-1]) is None
    if yearless and len(candidates) == 1:
        only = next(iter(candidates))
        return only, only in g
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
            return key, True
    return key, False


def forget_index(g: Graph) -> None:
    """Drop the yearless-number index of ``g`` (nodes were removed: it is rebuilt when next needed)."""
    _INDEXES.pop(g, None)


def _register(g: Graph, key: str) -> None:
    index = _INDEXES.get(g)
    if index is not None and g.nodes[key].get("number"):
        index.setdefault(_stem(key), set()).add(key)


# --- keys of citations and documents ------------------------------------------------------------


@lru_cache(maxsize=1)
def _by_name_types() -> tuple[str, ...]:
    """The types cited by their name without number (folded): "luat", "bo luat", "hien phap", ..."""
    return tuple(fold(t["name"]) for t in doc_types()["types"] if t.get("by_name"))


def citation_key(c: Citation, ctx: Context | None = None) -> tuple[str, dict[str, Any]]:
    """The key of a cited document and the properties the citation (and the catalog) give it."""
    number = keys.normalize_number(c.number) if c.number else None
    level = keys.level_of(c.issuer, number, c.level)
    # a law, code, ordinance or constitution: central, and known to the catalog by its name
    named = _by_name_types()
    is_law = fold(c.doc_type or "") in named or (
        not number and any(fold(c.title or c.text).startswith(f"{t} ") for t in named)
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
        "date": iso(c.date),
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
        entry = catalog.lookup_by_name(name, c.date, as_of=ctx.date if ctx else None, year=c.year)
        year = c.date.year if c.date else c.year
        key = entry.key if entry else keys.name_key(keys.CENTRAL_SCOPE, name, year)
        props["name"] = keys.canonical_name(name)
    else:
        key = keys.name_key(scope, c.title or c.text, c.date.year if c.date else c.year)
    if entry is not None:
        props = {**props, **{k: v for k, v in entry.props().items() if v is not None}, "cited": props}
    return key, props


def document_key(doc: Document, attached_key: str | None = None, source: str = "") -> str:
    """The key of a document read in full (a plan without number: ``<decision key>#kèm-theo``). A
    document without number nor date is known by its type and title and by the file that holds it: two
    such documents of two files (two headers not read at all) are two documents, not one."""
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
    if doc.date is None:
        title += f"|{source}:{doc.line_start or ''}"
    return f"{scope}:{doc.doc_type or 'Văn bản'}:{iso(doc.date) or '?'}:{keys.stable_hash(title)}"


# --- merging ------------------------------------------------------------------------------------


def merge_cited(g: Graph, key: str, props: dict[str, Any], where: str, labels: tuple[str, ...]) -> str:
    """Create or complete a cited document: only missing properties are filled in."""
    key, exists = _known(g, key)
    cited = props.pop("cited", None) or props
    fresh = not exists
    merge_node_interned(g, key, (DOCUMENT, *labels), new=fresh)
    data = g._node[key]
    for name, value in props.items():
        if value is not None and name not in data:
            data[name] = intern(value)
    data.setdefault("cited_at", where)
    set_province_now(g, key)
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


def merge_ingested(g: Graph, key: str, doc: Document, source: str) -> str:
    """Create or fill in the node of a document read in full: its own properties win."""
    key, exists = _known(g, key)
    number = keys.normalize_number(doc.number) if doc.number else None
    level = keys.level_of(doc.issuer, number, doc.level)
    props = {
        "number": number,
        "doc_type": doc.doc_type,
        "date": iso(doc.date),
        "issuer": doc.issuer,
        "province": doc.province or keys.province_of(doc.issuer),
        "level": level,
        "title": doc.title,
        "signer": doc.signer,
        "signer_title": doc.signer_title,
        "source": source,
        "line": doc.line_start,
    }
    fresh = not exists
    if not fresh:
        data = g._node[key]
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
    merge_node_interned(g, key, (DOCUMENT,), new=fresh, **interned(props))
    set_province_now(g, key)
    if fresh:
        _register(g, key)
    return key
