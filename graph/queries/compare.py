"""``compare``: the bases two documents (or two provinces) share, and those only one of them has."""

from __future__ import annotations

from pydantic import TypeAdapter

from graph.errors import LineageError, NotFoundError
from graph.i18n import _
from graph.queries.backend import DEFAULT_DEPTH, Backend, check_depth
from graph.queries.levels import group_rank
from graph.queries.lineage import LINKS, link_data
from graph.queries.provinces import province_scope
from graph.queries.resolve import DOCREF_FIELDS, doc_sort_key, docref_data, resolve, to_docref
from graph.queries.result_refs import DocRef, Link, ProvinceScope
from graph.queries.results import CompareResult, CompareSide
from graph.text import fold

_DOCREFS = TypeAdapter(list[DocRef])


def _order(d: DocRef) -> tuple:
    return (group_rank(d.group), *doc_sort_key(d))


def province_documents(backend: Backend, province: str | ProvinceScope) -> list[DocRef]:
    """The documents of a province read in full (else every document of it); a province of today
    includes the former provinces merged into it."""
    scope = province if isinstance(province, ProvinceScope) else province_scope(province)
    province = scope.asked
    docs = [to_docref(n) for n in backend.province_documents({fold(m) for m in scope.members})]
    if not docs:
        raise NotFoundError(_("no document of province {province} in the store").format(
                                province=repr(province)),
                            hint=_("check the spelling (e.g. \"Kiên Giang\"), or run lineage ingest first"))
    read = [d for d in docs if d.ingested] or docs
    return sorted(read, key=doc_sort_key)


def _side_bases(backend: Backend, docs: list[DocRef], depth: int) -> tuple[dict[str, DocRef], list[Link]]:
    """The bases of a side's documents (none of its own documents) and the relationships reaching them:
    one walk from all the documents at once (what each document's ``bases`` gives, together)."""
    check_depth(depth)
    own = {d.key for d in docs}
    nodes, edges = backend.reach_many([d.key for d in docs], "out", depth, DOCREF_FIELDS)
    refs = _DOCREFS.validate_python([docref_data(n) for key, n in nodes.items() if key not in own])
    unique = {(e.source, e.target, e.type): e for e in edges}
    return {d.key: d for d in refs}, LINKS.validate_python([link_data(unique[k]) for k in sorted(unique)])


def compare(backend: Backend, a_ref: str, b_ref: str, depth: int = DEFAULT_DEPTH,
            provinces: bool = False) -> CompareResult:
    """Shared and distinct bases of two documents, or of the documents of two provinces."""
    a_scope = b_scope = None
    if provinces:
        a_scope, b_scope = province_scope(a_ref), province_scope(b_ref)
        if a_scope.province == b_scope.province:  # one side against itself: nothing to compare
            raise LineageError(_("{a} and {b} are the same province").format(a=repr(a_ref), b=repr(b_ref)),
                               hint=_("give two different provinces"))
        a_docs, b_docs = province_documents(backend, a_scope), province_documents(backend, b_scope)
        a_label, b_label = a_ref, b_ref
    else:
        a, b = resolve(backend, a_ref), resolve(backend, b_ref)
        if a.key == b.key:
            raise LineageError(_("{a} and {b} are the same document").format(a=repr(a_ref), b=repr(b_ref)),
                               hint=_("give two different documents"))
        a_docs, b_docs, a_label, b_label = [a], [b], a.label, b.label
    a_bases, a_links = _side_bases(backend, a_docs, depth)
    b_bases, b_links = _side_bases(backend, b_docs, depth)
    shared = sorted((a_bases[k] for k in a_bases.keys() & b_bases.keys()), key=_order)
    only_a = sorted((a_bases[k] for k in a_bases.keys() - b_bases.keys()), key=_order)
    only_b = sorted((b_bases[k] for k in b_bases.keys() - a_bases.keys()), key=_order)
    links = sorted({lk.sort_key(): lk for lk in a_links + b_links}.values(), key=Link.sort_key)
    return CompareResult(a=CompareSide(label=a_label, documents=a_docs, province_scope=a_scope),
                         b=CompareSide(label=b_label, documents=b_docs, province_scope=b_scope), depth=depth,
                         shared=shared, only_a=only_a, only_b=only_b, links=links)
