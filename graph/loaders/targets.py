"""Target nodes: ``document -[ĐỀ_RA]-> target`` (sets), for each target the document sets."""

from __future__ import annotations

from graph.lineage_graph import Graph, merge_edge
from graph.loaders import keys
from graph.loaders.context import Context, intern, merge_node_interned, prov
from graph.model import Document
from graph.vocabulary import DE_RA, TARGET


def add_targets(g: Graph, doc: Document, ctx: Context) -> None:
    """The targets ``doc`` sets, each keyed under the document."""
    key = ctx.key
    for t in doc.targets:
        tkey = keys.item_key(key, "target", t.text)
        merge_node_interned(
            g,
            tkey,
            (TARGET,),
            text=t.text,
            value=t.value,
            high=t.high,
            unit=intern(t.unit),
            deadline=t.deadline,
            metric=intern(t.metric),
            document=key,
            source=ctx.source,
            line=t.line,
            text_restored=t.text_restored,
        )
        merge_edge(g, key, tkey, DE_RA, **prov(ctx, t.line, t.text))
