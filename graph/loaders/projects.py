"""Project nodes: ``document -[GỒM]-> project`` (includes), with the agencies that lead
(``CHỦ_TRÌ``) and coordinate (``PHỐI_HỢP``) each project, and the project's money per funding source."""

from __future__ import annotations

from graph.lineage_graph import Graph, merge_edge
from graph.loaders import keys
from graph.loaders.agencies import agency, tasks_edge
from graph.loaders.context import Context, intern, merge_node_interned, prov
from graph.model import Document
from graph.reading.documents.agencies import split_agencies
from graph.reading.tasks.money import to_dong
from graph.vocabulary import CHU_TRI, GOM, PHOI_HOP, PROJECT


def add_projects(g: Graph, doc: Document, ctx: Context) -> None:
    """The projects ``doc`` lists, each keyed under the document."""
    key = ctx.key
    for p in doc.projects:
        pkey = keys.item_key(key, "project", p.name)
        merge_node_interned(
            g,
            pkey,
            (PROJECT,),
            name=p.name,
            period=intern(p.period),
            budget=p.budget,
            budget_unit=intern(p.budget_unit),
            budget_dong=p.budget_dong if p.budget_dong is not None else to_dong(p.budget, p.budget_unit),
            funding=intern(p.funding),
            funding_kind=intern(p.funding_kind),
            # per source, as parallel lists (Neo4j properties hold no maps)
            funding_sources=[intern(s.source) for s in p.shares],
            funding_kinds=[intern(s.kind) for s in p.shares],
            funding_amounts_dong=[s.amount_dong for s in p.shares] if all(
                s.amount_dong is not None for s in p.shares) else None,
            document=key,
            source=ctx.source,
            line=p.line,
        )
        merge_edge(g, key, pkey, GOM, **prov(ctx, p.line, p.name))
        # a cell may name several agencies ("Sở Tài nguyên và Môi trường, Sở Xây dựng"): each leads
        for rel, cells in ((CHU_TRI, [p.lead] if p.lead else []), (PHOI_HOP, p.coordinators)):
            for name in (n for cell in cells for n in split_agencies(cell, ctx.province)):
                start = agency(g, name, ctx.province)
                tasks_edge(g, start, pkey, rel, p.name, **prov(ctx, p.line, p.name))
