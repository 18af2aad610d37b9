"""Render any graph-shaped query answer (:class:`graph.subgraph.Subgraph`) as one offline HTML page.

The node and edge data are built with pyvis; the page itself (``assets/page.html``) inlines
vis-network, its stylesheet and the page script, so it opens anywhere without a network.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pyvis.network import Network

from graph import vocabulary as v
from graph.i18n import vietnamese_date
from graph.queries.nearest import NearestPart, nearest_part
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from visualizations import style
from visualizations.groups import collapsed_nodes, find_groups, group_edges, group_payload
from visualizations.layout import authority, box_size, compute_positions, kind_of
from visualizations.page import write_page
from visualizations.panel import document_types, panel_rows

DEFAULT_MAX_NODES = 600
LABEL_MAX = 38  # characters of a title or name shown on the drawing (all of it is in the panel)


class RenderInfo(BaseModel):
    """What was written: nodes and edges drawn, nodes left out (size limit + the query's own), the file."""

    path: str
    nodes: int
    edges: int
    omitted: int
    note: str = ""


def _short(text: str, limit: int = LABEL_MAX) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_label(node: SubgraphNode) -> str:
    """The words drawn on a node: a document's number, else its name or title, shortened."""
    p = node.properties
    if v.DOCUMENT in node.labels:
        if p.get("number"):
            return str(p["number"])
        name = str(p.get("title") or p.get("name") or "")
        doc_type = str(p.get("doc_type") or "")
        if name:
            return _short(name if name.lower().startswith(doc_type.lower()) else f"{doc_type} {name}".strip())
        return _short(" ".join(str(x) for x in (p.get("doc_type"), vietnamese_date(p.get("date"))) if x)
                      or node.key)
    if v.TARGET in node.labels:
        value = p.get("value")
        high = p.get("high")  # a range: "15–16%"
        head = ""
        if isinstance(value, (int, float)):
            span = f"{value:g}" + (f"–{high:g}" if isinstance(high, (int, float)) else "")
            head = f"{span}{p.get('unit') or ''} "
        words = p.get("text_restored") or p.get("text")  # damaged input: the words as restored
        return _short(head + str(words or p.get("metric") or node.key), 30)
    return _short(p.get("name") or p.get("text") or node.key, 30 if v.PROJECT in node.labels else LABEL_MAX)


def _drawn_label(node: SubgraphNode) -> str:
    """The label as drawn (with the end of a unit that no longer exists), for the layout's sizes."""
    ended = node.properties.get("ended") if v.AGENCY in node.labels else None
    return f"{node_label(node)}\n(ngừng hoạt động {vietnamese_date(ended)})" if ended else node_label(node)


def _edge_where(props: dict[str, Any]) -> str:
    source, line = props.get("source"), props.get("line")
    if source and line:
        return f"{source}, dòng {line}"
    return str(source or "")


def succession_words(props: dict[str, Any]) -> str:
    """What a ``KẾ_THỪA`` states, in the page's words: "phần …, từ 01/03/2025, căn cứ 45/2025/NĐ-CP"."""
    basis = props.get("legal_basis") or []
    parts = (
        f"phần {props['scope']}" if props.get("scope") else "",
        f"từ {vietnamese_date(str(props['date']))}" if props.get("date") else "",
        "căn cứ " + ", ".join(str(b) for b in basis) if basis else "",
    )
    return ", ".join(p for p in parts if p)


def _edge_payload(i: int, edge: SubgraphEdge, labels: dict[str, str]) -> dict[str, Any]:
    rel = style.EDGE_STYLES.get(edge.type, style.DEFAULT_EDGE)
    label = style.edge_label(edge.type)
    props = edge.properties
    succession = edge.type == v.KE_THUA
    # a succession quotes no document (a store written before kept the tool's own sentence in "text")
    quote = "" if succession else str(props.get("text") or "")
    note = succession_words(props) if succession else ""
    where = _edge_where(props)
    details = [
        ["Quan hệ", f"{label} ({edge.type})"],
        ["Từ", labels[edge.source]],
        ["Đến", labels[edge.target]],
    ]
    if quote:
        details.append(["Lời trích dẫn", quote])
    if props.get("raw_text"):  # the words were restored from a damaged text layer
        details.append(["Nguyên văn (trước khôi phục)", str(props["raw_text"])])
    if succession:
        details.append(["Phần chuyển giao", str(props.get("scope") or "toàn bộ")])
    if where:
        details.append(["Nguồn", where])
    details += [r for r in panel_rows({k: x for k, x in props.items()
                                       if k not in ("text", "raw_text", "text_restored", "source", "line")})]
    tooltip = "\n".join(
        x
        for x in (
            f"{labels[edge.source]} — {label} → {labels[edge.target]}",
            f"“{_short(quote, 300)}”" if quote else "",
            note,
            where,
        )
        if x
    )
    return {
        "id": f"e{i}",
        "rel": edge.type,
        "label": label,
        "rel_label": label,
        "title": tooltip,
        "color": {"color": rel["color"], "highlight": rel["color"], "hover": rel["color"]},
        "dashes": edge.type in style.DASHED,
        "quote": quote,
        "note": note,
        "where": where,
        "details": details,
    }


def status_payload(props: dict[str, Any]) -> dict[str, Any]:
    """What the page shows of a document's status: its kind, mark, sentence, chain and sources."""
    status = props.get("status")
    if not isinstance(status, dict):
        return {"status": "no information", "mark": "", "status_text": ""}
    kind = status["status"]
    def row(what: str, src: dict[str, Any], date: str | None) -> dict[str, str]:
        line = f"{src['file']}, dòng {src['line']}" if src.get("line") else src.get("file")
        return {"what": what, "where": src.get("url") or line or src["name"], "url": src.get("url") or "",
                "quote": src.get("quote") or "", "date": vietnamese_date(date)}

    sources = [row(style.status_event_label(ev["kind"], ev.get("by")), src, ev.get("date"))
               for ev in status["events"] for src in ev["sources"]]
    if status.get("statement"):
        said = status["statement"]
        sources.append(row(f"Tình trạng theo nguồn: {style.STATUS_MARKS[said['status']][1]}", said["source"],
                           said.get("since")))
    chain = [{"key": d["key"],
              "label": " ".join(x for x in (d.get("doc_type"), d.get("number")) if x) or d["key"]}
             for d in status.get("chain", ())]
    return {"status": kind, "mark": style.STATUS_MARKS[kind][0], "status_text": status["summary"],
            "as_of": vietnamese_date(status["as_of"]), "status_sources": sources, "chain": chain}


def build_payload(subgraph: Subgraph, note: str = "") -> dict[str, Any]:
    """Everything the page script needs: vis nodes and edges (built with pyvis), legend, filters, options."""
    groups = find_groups(subgraph)  # projects and targets folded per agency, opened on click
    member_of = {m: g.id for g in groups for m in g.members}
    drawn = collapsed_nodes(subgraph, groups)
    sizes = {n.key: box_size(_drawn_label(n), style.NODE_STYLES[kind_of(n)]["shape"] in style.LABEL_OUTSIDE)
             for n in drawn}
    positions = compute_positions(drawn, subgraph.focus, sizes)
    focus = set(subgraph.focus)
    net = Network(directed=True)
    labels: dict[str, str] = {}
    kinds: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for node in subgraph.nodes:
        kind = kind_of(node)
        kinds[kind] += 1
        look = style.NODE_STYLES[kind]
        label = labels[node.key] = node_label(node)
        rows = panel_rows(node.properties, document=v.DOCUMENT in node.labels)
        state = status_payload(node.properties) if v.DOCUMENT in node.labels else {}
        statuses[state.get("status") or ""] += 1
        ended = state.get("status") in style.ENDED
        unit_ended = node.properties.get("ended") if v.AGENCY in node.labels else None  # 2025 reorganisation
        if unit_ended:
            label = f"{label}\n(ngừng hoạt động {vietnamese_date(unit_ended)})"
        if v.DOCUMENT in node.labels and len(types := document_types(node.properties)) > 1:
            label = f"{label}\n({' / '.join(types)}?)"  # one number, maybe several documents (panel says)
        unsure = v.DOCUMENT in node.labels and style.unresolved(node.properties)
        if unsure:  # a citation not identified says so: mark, dotted border, first row of the panel
            label, statuses["unresolved"] = f"{label} {style.UNRESOLVED['mark']}", statuses["unresolved"] + 1
            rows.insert(0, ["Trích dẫn", style.UNRESOLVED["label"]])
        x, y = positions[member_of.get(node.key, node.key)]  # members: where their group is, until opened
        net.add_node(
            node.key,
            label=f"{state['mark']} {label}" if state.get("mark") else label,
            shapeProperties={"borderDashes": style.UNRESOLVED["dashes"] if unsure else style.ENDED_DASHES}
            if ended or unit_ended or unsure else {},
            unit_ended=unit_ended or "",
            shape=look["shape"],
            color={
                "background": look["color"],
                "border": style.FOCUS_BORDER if node.key in focus else look["border"],
                "highlight": {"background": look["color"], "border": "#000000"},
            },
            font={"color": look["font"], "size": 18 if node.key in focus else 14},
            borderWidth=3 if node.key in focus else 1,
            borderWidthSelected=3,
            size=14 if look["shape"] in style.LABEL_OUTSIDE else 25,
            x=x,
            y=y,
            title="\n".join(f"{k}: {_short(val, 300)}" for k, val in rows[:8]),
            kind=kind,
            number=node.properties.get("number") or "",
            details=rows,
            member_of=member_of.get(node.key, ""),
            **state,
        )
        net.nodes[-1]["shapeProperties"].update(look.get("shape_properties", {}))  # agencies' round corners
    many = len(subgraph.edges) > style.EDGE_LABEL_LIMIT
    for i, edge in enumerate(subgraph.edges):
        if edge.source not in labels or edge.target not in labels:
            continue
        payload = _edge_payload(i, edge, labels)
        if many:  # labels left off the drawing; the words stay in rel_label for the panel
            del payload["label"]
        net.add_edge(edge.source, edge.target, **payload)
    nodes, edges = net.nodes, net.edges
    labels.update({g.id: g.text() for g in groups})
    group_nodes, grouped_edges = group_payload(groups, group_edges(subgraph, groups), positions, labels,
                                               _edge_payload)
    auth = authority()
    kind_order = [t.id for t in auth.tiers[:-2]] + ["agency", "project", "target"]
    relations = Counter(e.type for e in subgraph.edges)
    return {
        "title": subgraph.title,
        "note": note,
        "focus": [k for k in subgraph.focus if k in labels],
        "nodes": nodes,
        "edges": edges,
        "groups": group_nodes,
        "group_edges": grouped_edges,
        "kinds": [
            {
                "id": k,
                "label": style.KIND_LABELS.get(k) or auth.label(k),
                "count": kinds[k],
                "color": style.NODE_STYLES[k]["color"],
                "border": style.NODE_STYLES[k]["border"],
                "shape": style.NODE_STYLES[k]["shape"],
            }
            for k in kind_order
            if kinds[k]
        ],
        "relations": [
            {
                "type": t,
                "label": style.edge_label(t),
                "count": relations[t],
                "dashed": t in style.DASHED,
                "color": style.EDGE_STYLES.get(t, style.DEFAULT_EDGE)["color"],
            }
            for t in sorted(relations, key=lambda t: (*v.RELATIONSHIP_TYPES, t).index(t))
        ],
        "statuses": [
            {"status": k, "mark": mark, "label": text, "count": statuses[k]}
            for k, (mark, text) in style.STATUS_MARKS.items() if statuses[k] and mark
        ] + ([{"status": "unresolved", "mark": style.UNRESOLVED["mark"], "label": style.UNRESOLVED["label"],
               "count": statuses["unresolved"]}] if statuses["unresolved"] else []),
        "options": _vis_options(len(nodes), many),
    }


def _vis_options(n_nodes: int, many_edges: bool) -> dict[str, Any]:
    big = n_nodes > 300 or many_edges
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "font": {"size": 14, "face": "DejaVu Sans, Noto Sans, Arial, sans-serif"},
            "margin": 8,
            "widthConstraint": {"maximum": 170},
            "fixed": False,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": 8}},  # edge words only once zoomed in enough to read
            "smooth": False
            if big
            else {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.35},
            "width": 1.2,
            "selectionWidth": 2,
        },
    }


def render_subgraph(
    subgraph: Subgraph,
    path: str | Path,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    cut: NearestPart | None = None,
) -> RenderInfo:
    """Write ``subgraph`` as a self-contained interactive page at ``path`` (no network request at all).

    Above ``max_nodes`` the nodes nearest the focus are drawn and the page says how many were left out.
    ``cut``: that part, already chosen by the query (``subgraph`` is then ignored).
    """
    part = cut if cut is not None else nearest_part(subgraph, max_nodes)
    by_query = part.subgraph.omitted_nodes
    omitted = part.omitted + by_query
    note = omission_note(part.omitted, part.degrees, part.partial, max_nodes, by_query)
    payload = build_payload(part.subgraph, note)
    out = write_page(Path(path), payload)
    return RenderInfo(
        path=str(out), nodes=len(payload["nodes"]), edges=len(payload["edges"]), omitted=omitted, note=note
    )


def omission_note(capped: int, degrees: int, partial: bool, max_nodes: int, by_query: int) -> str:
    """One sentence (Vietnamese, then English) saying what the page leaves out, or ``""``."""
    parts = []
    if capped:
        reach = f"{degrees + 1} bậc trở lên" if partial else f"quá {degrees} bậc"
        reach_en = f"{degrees + 1} or more degrees" if partial else f"beyond {degrees} degrees"
        parts.append(
            f"Không hiển thị {capped} nút cách văn bản trung tâm {reach} (giới hạn {max_nodes} nút) — "
            f"{capped} nodes {reach_en} from the focus not shown."
        )
    if by_query:
        parts.append(f"Truy vấn đã lược bớt {by_query} nút — the query left out {by_query} nodes.")
    return " ".join(parts)
