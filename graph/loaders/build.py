"""Extraction -> lineage graph: documents, agencies, projects, targets and their relationships.

``add_extraction(g, extraction)`` merges one file's extraction into ``g``; ``build_graph`` builds a
graph from many. Conventions are those of :mod:`graph.lineage_graph`; keys come from
:mod:`graph.loaders.keys`; laws cited by name resolve through :mod:`graph.loaders.catalog`.
Each kind of node has its module: :mod:`.documents`, :mod:`.bases` (what documents cite),
:mod:`.agencies`, :mod:`.projects`, :mod:`.targets`.

Relationships exist once per (source, target, type) and keep their first provenance; re-ingesting
the same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.lineage_graph import Graph, new_graph
from graph.loaders import keys
from graph.loaders.agencies import add_issuer, add_roles
from graph.loaders.bases import add_catalog_relations, add_citations
from graph.loaders.context import Context
from graph.loaders.documents import citation_key, document_key, known_key, merge_ingested
from graph.loaders.projects import add_projects
from graph.loaders.succession import set_horizon
from graph.loaders.targets import add_targets
from graph.model import UNREAD_CITATION, FileExtraction
from graph.text import fold_memo as fold  # the same names recur in every document


def add_extraction(g: Graph, extraction: FileExtraction) -> list[str]:
    """Merge one file's extraction into ``g``; returns the keys of the documents it holds."""
    source = extraction.source
    added: list[str] = []
    decision_keys: dict[str, str] = {}  # number (folded) -> key, for plans attached to a decision in the file
    for doc in extraction.documents:
        province = doc.province or keys.province_of(doc.issuer)
        attached_key = None
        if doc.attached_to is not None:
            tmp = Context(source, province, doc.date, "")
            number = doc.attached_to.number
            attached_key = decision_keys.get(fold(number)) if number else None
            if attached_key is None:
                attached_key = known_key(g, citation_key(doc.attached_to, tmp)[0])
        key = merge_ingested(g, document_key(doc, attached_key, source), doc, source)
        _keep_unread(g, key, doc.line_start, doc.line_end, extraction)
        add_catalog_relations(g, key)
        if doc.number:
            decision_keys[fold(doc.number)] = key
        added.append(key)
        ctx = Context(source, province, doc.date, key)
        # in this order: node and edge insertion order is what exports write
        add_issuer(g, doc, ctx)
        add_citations(g, doc, ctx, attached_key)
        add_roles(g, doc, ctx)
        add_projects(g, doc, ctx)
        add_targets(g, doc, ctx)
        set_horizon(g, key)
    return added


def _keep_unread(g: Graph, key: str, first: int | None, last: int | None, extraction: FileExtraction) -> None:
    """The citations the document's text does not prove (warnings of its lines), for ``lineage check``."""
    notes = [f"{extraction.source}:{p.line}: {p.message}" for p in extraction.problems
             if p.message.startswith(UNREAD_CITATION) and p.line and (first or 0) <= p.line <= (last or 0)]
    if notes:
        g.nodes[key]["unread"] = notes


def build_graph(extractions: Iterable[FileExtraction]) -> Graph:
    """A new graph from many extractions (in order; later full texts fill in earlier citations)."""
    g = new_graph()
    for extraction in extractions:
        add_extraction(g, extraction)
    return g
