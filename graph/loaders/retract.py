"""Corrections: what a source file said is taken out of the graph before it is read again, or for good.

A file's facts are the relationships whose provenance ``source`` is the file, the projects and targets
read from it, and the properties of the documents read in full from it. :func:`retract` takes them
out; the file's new version is then loaded as usual, and :func:`settle` removes what no longer rests on
anything (a document whose year changed, an agency or cited document only that file named) -- a
document another file still cites stays, with what was known of it. So a corrected file replaces
what the old version said, and ``lineage remove`` takes a file's (or one document's) facts out.

What was taken out is kept in the graph's ``retracted`` attribute (node keys, relationships, and the
nodes whose properties changed, with their labels) so that ``lineage push`` can make Neo4j agree:
it deletes there what the store no longer holds and rewrites the changed nodes' properties.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import chain
from typing import Any

from graph.lineage_graph import Graph
from graph.loaders.catalog import CATALOG_FILE
from graph.loaders.documents import forget_index
from graph.vocabulary import (
    AGENCY,
    BAN_HANH_KEM_THEO,
    CAN_CU,
    DOCUMENT,
    DOCUMENT_RELATIONS,
    LEGAL_BASIS,
    PROJECT,
    TARGET,
)

# Properties a document read in full gets from its own text (merge_ingested), less those its key fixes
# (number, level, province); a citation can give the first five, so a document still cited elsewhere
# keeps those when its file is taken out.
_CITABLE = ("doc_type", "date", "issuer", "title", "number")
_OWN = ("doc_type", "date", "issuer", "title", "signer", "signer_title", "source", "line", "unread")
_PRIMARY = (DOCUMENT, AGENCY, TARGET, PROJECT)
RETRACTED = "retracted"  # graph attribute: what push must delete or rewrite in Neo4j


@cache
def reference_sources() -> frozenset[str]:
    """The ``source`` of relationships that reference data adds (the catalog, the 2025 reorganisation):
    the data files of ``graph/data``. Such relationships hang on what was read; no file is re-read."""
    folder = resources.files("graph").joinpath("data")
    return frozenset({CATALOG_FILE, *(p.name for p in folder.iterdir() if p.name.endswith(".json"))})


def _is_reference(d: dict[str, Any]) -> bool:
    return d.get("source") is None or d.get("source") in reference_sources()


def primary_label(labels: Iterable[str]) -> str:
    """The label a node is found by in Neo4j (Document, Agency, Target or Project)."""
    labels = tuple(labels)
    return next((x for x in _PRIMARY if x in labels), labels[0] if labels else DOCUMENT)


@dataclass
class Retraction:
    """What :func:`retract` took out, for :func:`settle`."""

    sources: set[str]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> its citable properties
    touched: set[str] = field(default_factory=set)  # nodes that lost a relationship or properties
    before: set[tuple[Any, ...]] = field(default_factory=set)  # the sources' facts, to see a change
    relationships: list[list[str]] = field(default_factory=list)  # [src, dst, type, src label, dst label]
    nodes: list[list[str]] = field(default_factory=list)  # [key, label] of nodes removed
    shared: list[tuple[Any, ...]] = field(default_factory=list)  # (u, v, type, attributes) of cited documents
    restated: list[tuple[str, str, str]] = field(default_factory=list)  # (u, v, source) of those put back


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def facts_of(g: Graph, sources: set[str]) -> set[tuple[Any, ...]]:
    """The relationships and nodes read from ``sources`` and the nodes those relationships join, as
    comparable tuples."""
    out: set[tuple[Any, ...]] = set()
    ends: set[str] = set()
    for u, v, k, d in g.edges(keys=True, data=True):
        if d.get("source") in sources:
            out.add(("rel", u, v, k, _frozen(d)))
            ends.update((u, v))
    out |= {("node", n, _frozen(d)) for n, d in g.nodes(data=True) if d.get("source") in sources or n in ends}
    return out


def reach(g: Graph, sources: set[str], near: Iterable[str]) -> set[str]:
    """The nodes retracting or settling ``sources`` must see (a graph scoped to them sees all their
    facts): those of ``near`` in ``g`` -- what the files said as stored, what their new versions
    touched -- and, in turn, where the relationships read from ``sources`` lead from the files' own
    nodes, which may be somewhere new since (a cited document given its dated key when another file
    read it in full). The files' agencies are not gone through: their relationships are many."""
    found = {n for n in near if n in g}
    todo = [n for n in found if g.nodes[n].get("source") in sources]
    seen = set(todo)
    while todo:
        for _, v, d in g.out_edges(todo.pop(), data=True):
            if v not in seen and d.get("source") in sources:
                seen.add(v)
                todo.append(v)
    return found | seen


def sources_in(g: Graph) -> set[str]:
    """Every file the graph holds facts of (the nodes' and the relationships' ``source``)."""
    found = {d["source"] for _, d in g.nodes(data=True) if d.get("source")}
    found |= {d["source"] for _, _, d in g.edges(data=True) if d.get("source")}
    return found - reference_sources()


def _labels(g: Graph, key: str) -> str:
    return primary_label(g.nodes[key].get("labels", ()))


def _drop_edge(g: Graph, r: Retraction, u: str, v: str, k: str) -> None:
    r.relationships.append([u, v, k, _labels(g, u), _labels(g, v)])
    g.remove_edge(u, v, key=k)
    r.touched.update((u, v))


def _drop_node(g: Graph, r: Retraction, key: str) -> None:
    for u, v, k in [*g.in_edges(key, keys=True), *g.out_edges(key, keys=True)]:
        if g.has_edge(u, v, k):
            _drop_edge(g, r, u, v, k)
    r.nodes.append([key, _labels(g, key)])
    r.touched.update(g.predecessors(key))
    r.touched.update(g.successors(key))
    g.remove_node(key)
    r.touched.discard(key)


def _mentions(where: str, sources: set[str]) -> bool:
    return any(where == s or where.startswith(s + ":") for s in sources)


def retract(g: Graph, sources: Iterable[str], documents: Iterable[str] | None = None) -> Retraction:
    """Take out what ``sources`` said (or, with ``documents``, only what those documents of them said).

    A relationship first read from the catalog and confirmed by the file goes back to the catalog's
    provenance. Call :func:`settle` after loading the files' new versions (or right away to remove).
    """
    r = Retraction(set(sources))
    only = set(documents) if documents is not None else None
    if not r.sources:
        return r
    r.before = facts_of(g, r.sources)
    owners = _owners(g, r.sources) if only is not None else {}
    own = {n for n, d in g.nodes(data=True) if d.get("source") in r.sources}
    for u, v, k, d in list(g.edges(keys=True, data=True)):
        if d.get("source") not in r.sources:
            continue
        if only is not None and owners.get((d["source"], u, v, d.get("line"))) not in only:
            continue
        if d.get("catalog_source"):  # the catalog knew it too: keep it, as the catalog says it
            for name in ("line", "tasks", "number", "date", "text_restored"):
                d.pop(name, None)
            d["source"], d["text"] = CATALOG_FILE, d["catalog_source"]
            r.touched.update((u, v))
            continue
        if u not in own and v not in own:  # a fact about a cited document: another file may state it
            r.shared.append((u, v, k, dict(d)))
        _drop_edge(g, r, u, v, k)
    for key, d in list(g.nodes(data=True)):
        if d.get("source") not in r.sources or key not in g:
            continue
        labels = d.get("labels", ())
        owner = d.get("document", key)
        if only is not None and owner not in only:
            continue
        if PROJECT in labels or TARGET in labels:
            _drop_node(g, r, key)
            continue
        r.documents[key] = {n: d[n] for n in _CITABLE if d.get(n) is not None}
        for name in _OWN:
            d.pop(name, None)
        notes = [n for n in d.get("cited_as", ()) if not _mentions(n.rsplit(" @ ", 1)[-1], r.sources)]
        if notes:
            d["cited_as"] = notes
        else:
            d.pop("cited_as", None)
        r.touched.add(key)
    for key in list(r.touched):
        d = g.nodes[key] if key in g else {}
        if _mentions(str(d.get("cited_at", "")), r.sources):
            d.pop("cited_at")
    forget_index(g)
    return r


def _restated(g: Graph, v: str, sources: set[str]) -> dict[str, Any] | None:
    """Provenance of another file's citation of ``v`` (the first, by file and line), if any: a fact
    such as who issued a cited document keeps only its first provenance, and another file that cites
    the document states it too."""
    found = [d for _, _, k, d in g.in_edges(v, keys=True, data=True)
             if k in DOCUMENT_RELATIONS and not _is_reference(d) and d.get("source") not in sources]
    return min(found, key=lambda d: (d["source"], d.get("line") or 0), default=None)


def _owners(g: Graph, sources: set[str]) -> dict[tuple[Any, ...], str]:
    """(source, u, v, line) of each relationship read from ``sources`` -> the document it was read for,
    as the loaders make them: a plan's attachment to its decision is the plan's; a document's citations,
    projects and targets are its own; an agency's role is the document's (or the project's document);
    anything else (who issued a cited document, nested citations) belongs to the document of that file
    whose text starts last at or before the line."""
    starts: dict[str, list[tuple[int, str]]] = {}
    for key, d in g.nodes(data=True):
        if d.get("source") in sources and DOCUMENT in d.get("labels", ()):
            starts.setdefault(d["source"], []).append((d.get("line") or 0, key))
    out: dict[tuple[Any, ...], str] = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        src = d.get("source")
        if src not in sources:
            continue
        docs = sorted(starts.get(src, []))
        mine = {key for _, key in docs}
        line = d.get("line")
        if k == BAN_HANH_KEM_THEO and v in mine:
            owner = v
        elif u in mine or v in mine:
            owner = u if u in mine else v
        elif g.nodes[v].get("document") in mine:
            owner = g.nodes[v]["document"]
        else:
            before = [key for start, key in docs if line is not None and start <= line]
            owner = before[-1] if before else (docs[0][1] if docs else "")
        out[(src, u, v, line)] = owner
    return out


def settle(g: Graph, r: Retraction) -> bool:
    """After the new versions are loaded: documents not read again keep what a citation could say of
    them while something still cites them, and anything left resting on nothing is removed. Records
    what changed for push; returns whether the sources' facts changed."""
    if not r.sources:
        return False
    for key, props in r.documents.items():
        if key in g and not g.nodes[key].get("source") and _supported(g, key):
            d = g.nodes[key]
            for name, value in props.items():
                d.setdefault(name, value)
    for u, v, k, d in r.shared:  # who issued a cited document ...: kept while another file cites it
        other = _restated(g, v, r.sources) if u in g and v in g and not g.has_edge(u, v, k) else None
        if other is not None:
            r.restated.append((u, v, other["source"]))
            g.add_edge(u, v, key=k, **{**{n: x for n, x in d.items() if n not in ("line", "text_restored")},
                                      **{n: other[n] for n in ("source", "line", "text", "text_restored")
                                         if n in other}})
    todo = set(r.touched) | set(r.documents)
    while todo:
        key = todo.pop()
        if key not in g or g.nodes[key].get("source") or _supported(g, key):
            continue
        neighbours = set(g.predecessors(key)) | set(g.successors(key))
        _drop_node(g, r, key)
        todo |= neighbours
    for key in r.touched | set(r.documents):
        if key in g:
            d = g.nodes[key]
            labels = d.get("labels", ())
            if LEGAL_BASIS in labels and not any(k == CAN_CU for _, _, k in g.in_edges(key, keys=True)):
                d["labels"] = tuple(x for x in labels if x != LEGAL_BASIS)
    forget_index(g)
    changed = facts_of(g, r.sources) != r.before or any(key not in g for key, _ in r.nodes)
    if changed:
        _record(g, r)
    return changed


def _supported(g: Graph, key: str) -> bool:
    """Does anything still rest on the node: a relationship read from a text, or a relationship of
    reference data (the catalog's, an agency's succession: no file as ``source``) to a node that is
    itself supported (their chains hang on what was read)?"""
    seen, todo = {key}, [key]
    while todo:
        n = todo.pop()
        if n != key and g.nodes[n].get("source"):
            return True
        for u, v, _, d in chain(g.in_edges(n, keys=True, data=True), g.out_edges(n, keys=True, data=True)):
            if not _is_reference(d):
                return True
            other = v if u == n else u
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return False


def _record(g: Graph, r: Retraction) -> None:
    """Add what was taken out to the graph's ``retracted`` attribute (for ``lineage push``)."""
    log = g.graph.setdefault(RETRACTED, {"relationships": [], "nodes": [], "rewritten": []})
    have = {tuple(x) for x in log["relationships"]}
    log["relationships"] += [x for x in r.relationships if tuple(x) not in have]
    have_nodes = {tuple(x) for x in log["nodes"]}
    log["nodes"] += [x for x in r.nodes if tuple(x) not in have_nodes]
    rewritten = set(log["rewritten"])
    log["rewritten"] += sorted(k for k in r.touched | set(r.documents) if k in g and k not in rewritten)
