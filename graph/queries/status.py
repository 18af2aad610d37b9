"""``status``: is the foundation sound? Bases replaced, repealed or amended (graph and catalog),
bases already replaced on the day the document was signed, and bases dated after it."""

from __future__ import annotations

from graph.loaders.catalog import load_catalog
from graph.queries.backend import Backend, Edge
from graph.queries.lineage import lineage, to_link
from graph.queries.resolve import resolve, to_docref
from graph.queries.results import BasisStatus, DocRef, StatusEvent, StatusResult
from graph.text import fold
from graph.vocabulary import SUA_DOI

CATALOG_FILE = "central_catalog.json"  # provenance of relationships the graph builder took from the catalog
DEFAULT_STATUS_DEPTH = 1  # the document's own bases; --depth widens to bases of bases
_REPEAL_WORDS = ("bai bo", "het hieu luc")


def _graph_event(e: Edge, by: DocRef) -> StatusEvent:
    link = to_link(e)
    if e.type == SUA_DOI:
        kind = "amended"
    else:
        kind = "repealed" if any(w in fold(link.text) for w in _REPEAL_WORDS) else "replaced"
    catalog = e.props.get("catalog_source")
    if link.file == CATALOG_FILE:
        where = f"catalog: {catalog or link.text}"
    else:
        where = f"{link.file}:{link.line}" if link.line is not None else (link.file or "the graph")
        if catalog:
            where += f"; catalog: {catalog}"
    date = e.props.get("effective") or by.date  # in force from; else the replacing document's date
    text = e.props.get("note") if link.file == CATALOG_FILE else link.text
    return StatusEvent(kind=kind, by=by, date=str(date) if date else None, evidence=where, text=text,
                       link=link)


def _catalog_events(backend: Backend, key: str) -> list[StatusEvent]:
    catalog = load_catalog()
    found = catalog.replacements(key)
    known = backend.documents_by_key([r.new for r in found]) if found else {}
    events = []
    for r in found:
        if r.new in known:
            by = to_docref(known[r.new])
        else:
            entry = catalog.get(r.new)
            props = entry.props() if entry else {}
            from graph.queries.backend import Node

            by = to_docref(Node(r.new, ("Document",), {k: v for k, v in props.items() if v is not None}))
        kind = "amended" if r.type == SUA_DOI else "replaced"
        events.append(StatusEvent(kind=kind, by=by, date=r.date.isoformat() if r.date else None,
                                  evidence=f"catalog: {r.source}", text=r.note))
    return events


def _merge(events: list[StatusEvent]) -> list[StatusEvent]:
    """One event per (kind, replacing document): graph provenance and catalog source together."""
    merged: dict[tuple, StatusEvent] = {}
    for ev in events:
        k = (ev.kind if ev.kind != "repealed" else "replaced", ev.by.key if ev.by else None)
        if k in merged:
            old = merged[k]
            evidence = old.evidence if ev.evidence in old.evidence else f"{old.evidence}; {ev.evidence}"
            merged[k] = old.model_copy(update={
                "evidence": evidence, "date": old.date or ev.date,
                "text": old.text or ev.text, "link": old.link or ev.link,
                "kind": "repealed" if "repealed" in (old.kind, ev.kind) else old.kind})
        else:
            merged[k] = ev
    return sorted(merged.values(), key=lambda e: (e.date or "9999", e.kind, e.by.key if e.by else ""))


def status(backend: Backend, reference: str, depth: int = DEFAULT_STATUS_DEPTH) -> StatusResult:
    """The status of every basis within ``depth`` hops, saying "no information" when nothing is known."""
    doc = resolve(backend, reference)
    bases = lineage(backend, doc, "bases", depth).items
    nodes, edges = backend.replacements([i.document.key for i in bases])
    by_target: dict[str, list[Edge]] = {}
    for e in sorted(edges, key=lambda e: (e.source, e.type)):
        by_target.setdefault(e.target, []).append(e)
    out = []
    for item in bases:
        b = item.document
        events = [_graph_event(e, to_docref(nodes[e.source])) for e in by_target.get(b.key, [])]
        events = _merge(events + _catalog_events(backend, b.key))
        kinds = {e.kind for e in events}
        state = next((k for k in ("repealed", "replaced", "amended") if k in kinds), "no information")
        before = bool(doc.date) and any(
            e.kind in ("replaced", "repealed") and e.date and e.date <= doc.date for e in events)
        after = item.depth == 1 and bool(doc.date and b.date and b.date > doc.date)
        out.append(BasisStatus(basis=b, depth=item.depth, status=state, events=events,
                               replaced_before_signing=before, dated_after_document=after))
    return StatusResult(document=doc, depth=depth, bases=out)
