"""Agency nodes and what agencies do to documents: ``BAN_HÀNH`` (issues), ``ĐỀ_NGHỊ`` (proposes),
``CHỦ_TRÌ`` (leads) and ``PHỐI_HỢP`` (coordinates), the last two listing the tasks they were given."""

from __future__ import annotations

from typing import Any

from graph.lineage_graph import Graph, merge_edge
from graph.loaders import keys
from graph.loaders.context import Context, iso, merge_node_interned, prov
from graph.loaders.succession import add_succession
from graph.model import Document
from graph.vocabulary import AGENCY, BAN_HANH, CHU_TRI, DE_NGHI, PHOI_HOP


def agency(g: Graph, name: str, province: str | None) -> str:
    """The key of the agency ``name`` (of ``province`` unless it says otherwise), created if new."""
    ref = keys.agency_ref(name, province)
    fresh = ref.key not in g
    merge_node_interned(
        g,
        ref.key,
        (AGENCY,),
        new=fresh,
        name=ref.name if fresh else None,
        province=None
        if ref.scope in (keys.CENTRAL_SCOPE, keys.PARTY_CENTRAL_SCOPE, keys.UNKNOWN_SCOPE)
        else ref.scope,
        scope=ref.scope,
    )
    if fresh:
        add_succession(g, ref.key)
    return ref.key


def tasks_edge(g: Graph, start: str, target: str, rel: str, task: str | None, **provenance: Any) -> None:
    """``start -[rel]-> target`` (an agency's role), adding ``task`` to its ``tasks`` if not there yet."""
    merge_edge(g, start, target, rel, **provenance)
    if task:
        data = g.edges[start, target, rel]
        tasks = list(data.get("tasks", ()))
        if task not in tasks:
            data["tasks"] = [*tasks, task]


def add_issuer(g: Graph, doc: Document, ctx: Context) -> None:
    """``issuer -[BAN_HÀNH]-> document`` for the document read in full."""
    if doc.issuer:
        merge_edge(
            g, agency(g, doc.issuer, ctx.province), ctx.key, BAN_HANH, **prov(ctx, doc.line_start, doc.issuer)
        )


def add_roles(g: Graph, doc: Document, ctx: Context) -> None:
    """The agencies that proposed the document (``ĐỀ_NGHỊ``) and those it assigns tasks to
    (``CHỦ_TRÌ`` / ``PHỐI_HỢP``): a lead's coordinators ("chủ trì, phối hợp với Sở B") coordinate its task."""
    key = ctx.key
    for p in doc.proposals:
        if not p.agency:
            continue
        merge_edge(
            g,
            agency(g, p.agency, ctx.province),
            key,
            DE_NGHI,
            number=p.number,
            date=iso(p.date),
            **prov(ctx, p.line, p.text),
        )
    for a in doc.assignments:
        rel = CHU_TRI if a.role == "lead" else PHOI_HOP
        tasks_edge(g, agency(g, a.agency, ctx.province), key, rel, a.task, **prov(ctx, a.line, a.text))
        for name in a.coordinators:
            tasks_edge(g, agency(g, name, ctx.province), key, PHOI_HOP, a.task, **prov(ctx, a.line, a.text))
