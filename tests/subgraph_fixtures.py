"""Subgraphs built from the hand-written gold annotations of the sample corpus (real documents, real words).

They let the HTML tests run on the corpus's facts without depending on extraction or the store.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph import vocabulary as v
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode

SEEDS = Path(__file__).parent / "fixtures" / "gold"  # copies of the gold annotations (gold/seeds)


def _doc_key(doc: dict[str, Any]) -> str:
    year = (doc.get("date") or "")[:4]
    return f"{doc.get('number') or doc.get('title') or doc.get('doc_type')}|{year}".strip("|")


def _cited_key(cit: dict[str, Any], known: dict[str, str]) -> str:
    if cit.get("number") and cit["number"] in known:
        return known[cit["number"]]
    return cit.get("number") or cit.get("title") or cit.get("text", "")[:40]


def gold_graph(seeds: Path = SEEDS) -> Subgraph:
    """Every document, citation, agency, project and target of the gold files as one Subgraph."""
    nodes: dict[str, SubgraphNode] = {}
    edges: list[SubgraphEdge] = []
    files = sorted(seeds.glob("*.json"))
    docs = [(f.name, d) for f in files for d in json.loads(f.read_text("utf-8"))["documents"]]
    known = {d["number"]: _doc_key(d) for _, d in docs if d.get("number")}

    def add_doc(key: str, props: dict[str, Any]) -> None:
        labels = [v.DOCUMENT]
        if key in nodes:
            nodes[key].properties.update({k: x for k, x in props.items() if x is not None})
        else:
            nodes[key] = SubgraphNode(
                key=key, labels=labels, properties={k: x for k, x in props.items() if x is not None}
            )

    def cite(src: str, cit: dict[str, Any], rel: str, source: str, reverse: bool = False) -> str:
        key = _cited_key(cit, known)
        if key not in nodes:
            add_doc(key, {f: cit.get(f) for f in ("number", "doc_type", "date", "issuer", "title")})
        a, b = (key, src) if reverse else (src, key)
        edges.append(
            SubgraphEdge(source=a, target=b, type=rel, properties={"source": source, "text": cit["text"]})
        )
        return key

    for source, d in docs:
        key = _doc_key(d)
        add_doc(
            key,
            {
                f: d.get(f)
                for f in (
                    "number",
                    "doc_type",
                    "date",
                    "issuer",
                    "province",
                    "level",
                    "title",
                    "signer",
                    "signer_title",
                )
            }
            | {"source": source},
        )
    for source, d in docs:
        key = _doc_key(d)
        basis_keys = {}
        for cit in d["bases"]:
            basis_keys[cit.get("number") or cit.get("title")] = cite(key, cit, v.CAN_CU, source)
        for nested in d["nested"]:
            of = basis_keys.get(nested["of"], nested["of"])
            if of in nodes and (nested["doc"].get("number") or nested["doc"].get("title")):
                cite(of, nested["doc"], v.NESTED_RELATION_TYPES[nested["relation"]], source)
        for cit in d["references"]:
            if cit.get("number") or cit.get("title"):
                cite(key, cit, v.DAN_CHIEU, source)
        if d.get("attached_to"):
            cite(key, d["attached_to"], v.BAN_HANH_KEM_THEO, source, reverse=True)
        for a in d["assignments"]:
            agency = f"agency:{a['agency']}"
            nodes.setdefault(
                agency,
                SubgraphNode(
                    key=agency,
                    labels=[v.AGENCY],
                    properties={"name": a["agency"], "province": d.get("province")},
                ),
            )
            edges.append(
                SubgraphEdge(
                    source=agency,
                    target=key,
                    type=v.CHU_TRI if a["role"] == "lead" else v.PHOI_HOP,
                    properties={"source": source, "task": a.get("task")},
                )
            )
        for i, p in enumerate(d["projects"]):
            pk = f"project:{key}:{i}"
            nodes[pk] = SubgraphNode(
                key=pk,
                labels=[v.PROJECT],
                properties={
                    k: p.get(k) for k in ("name", "period", "budget", "budget_unit") if p.get(k) is not None
                },
            )
            edges.append(SubgraphEdge(source=key, target=pk, type=v.GOM, properties={"source": source}))
            if p.get("lead"):
                agency = f"agency:{p['lead']}"
                nodes.setdefault(
                    agency, SubgraphNode(key=agency, labels=[v.AGENCY], properties={"name": p["lead"]})
                )
                edges.append(
                    SubgraphEdge(source=agency, target=pk, type=v.CHU_TRI, properties={"source": source})
                )
        for i, t in enumerate(d["targets"]):
            tk = f"target:{key}:{i}"
            nodes[tk] = SubgraphNode(
                key=tk,
                labels=[v.TARGET],
                properties={
                    k: t.get(k) for k in ("text", "value", "unit", "deadline") if t.get(k) is not None
                },
            )
            edges.append(SubgraphEdge(source=key, target=tk, type=v.DE_RA, properties={"source": source}))
    return Subgraph(title="Sample corpus (gold)", nodes=list(nodes.values()), edges=edges)


def neighbourhood(graph: Subgraph, number: str, depth: int = 3, *, with_targets: bool = True) -> Subgraph:
    """The documents within ``depth`` steps of the document numbered ``number`` (both directions)."""
    focus = next(
        n.key for n in graph.nodes if n.properties.get("number") == number and "source" in n.properties
    )
    adj: dict[str, set[str]] = {}
    for e in graph.edges:
        adj.setdefault(e.source, set()).add(e.target)
        adj.setdefault(e.target, set()).add(e.source)
    keep, frontier = {focus}, {focus}
    for _ in range(depth):
        frontier = {n for k in frontier for n in adj.get(k, ()) if n not in keep}
        keep |= frontier
    if not with_targets:
        keep = {k for k in keep if not k.startswith(("target:", "project:"))}
    return Subgraph(
        title=f"Lineage of {number}",
        focus=[focus],
        nodes=[n for n in graph.nodes if n.key in keep],
        edges=[e for e in graph.edges if e.source in keep and e.target in keep],
    )


def to_lineage_graph(subgraph: Subgraph):
    """The subgraph as a networkx lineage graph (the embedded store's form), to test show / neighbourhood."""
    from graph.lineage_graph import merge_edge, merge_node, new_graph

    g = new_graph()
    for n in subgraph.nodes:
        merge_node(g, n.key, n.labels, **n.properties)
    for e in subgraph.edges:
        merge_edge(g, e.source, e.target, e.type, **e.properties)
    return g
