"""Projects and targets folded per agency: one group node ("12 dự án", "5 mục tiêu") that opens on click.

A project belongs to the agency that leads it (``CHỦ_TRÌ``), else to the document that lists it
(``GỒM``); a target to the document that sets it (``ĐỀ_RA``). Owners with at least ``MIN_GROUP``
members of a kind get a group node in their place; the members stay in the page, hidden until opened.
The group's edges stand for the members' edges: one per neighbour and relationship, with the count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph import vocabulary as v
from graph.i18n import _
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from visualizations import style

LINK_COLOUR = "#9ccc65"
# Every lead agency's projects fold, even a single one: the page opens on documents and agencies.
MIN_GROUP = 1
_OWNERS = {v.PROJECT: (v.CHU_TRI, v.GOM), v.TARGET: (v.DE_RA, v.CHU_TRI)}


@dataclass
class Group:
    """One folded set of projects or targets of one owner."""

    id: str
    label: str  # the node's Vietnamese label (``v.PROJECT`` or ``v.TARGET``)
    owner: str
    members: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "project" if self.label == v.PROJECT else "target"

    def text(self) -> str:
        """The words drawn on the group node."""
        n = len(self.members)
        return (_("{n} dự án") if self.label == v.PROJECT else _("{n} mục tiêu")).format(n=n)


def _owner(node: SubgraphNode, label: str, into: dict[str, dict[str, str]]) -> str | None:
    """The key of the node's owner: the source of its first owning relationship, in order of preference."""
    found = into.get(node.key, {})
    return next((found[t] for t in _OWNERS[label] if t in found), None)


def find_groups(sub: Subgraph) -> list[Group]:
    """The groups of ``sub``'s projects and targets (never the focus), in the order of their owners."""
    into: dict[str, dict[str, str]] = {}
    for edge in sub.edges:
        into.setdefault(edge.target, {}).setdefault(edge.type, edge.source)
    focus = set(sub.focus)
    groups: dict[str, Group] = {}
    for node in sub.nodes:
        label = next((x for x in (v.PROJECT, v.TARGET) if x in node.labels), None)
        if label is None or node.key in focus:
            continue
        owner = _owner(node, label, into)
        if owner is None:
            continue
        gid = f"group:{label}:{owner}"
        groups.setdefault(gid, Group(gid, label, owner)).members.append(node.key)
    return [g for g in groups.values() if len(g.members) >= MIN_GROUP]


def group_node(group: Group) -> SubgraphNode:
    """The group as a node for the layout (it takes its members' place)."""
    return SubgraphNode(key=group.id, labels=[group.label], properties={"name": group.text()})


def group_edges(sub: Subgraph, groups: list[Group]) -> list[tuple[SubgraphEdge, int]]:
    """The group's edges: one per (neighbour, relationship, direction) of its members, with their count."""
    member_of = {m: g.id for g in groups for m in g.members}
    counts: Counter[tuple[str, str, str]] = Counter()
    for edge in sub.edges:
        source = member_of.get(edge.source, edge.source)
        target = member_of.get(edge.target, edge.target)
        if source == target or (source == edge.source and target == edge.target):
            continue  # inside one group, or between two nodes that are both drawn
        counts[(source, target, edge.type)] += 1
    return [(SubgraphEdge(source=s, target=t, type=rel, properties={}), n)
            for (s, t, rel), n in counts.items()]


def collapsed_nodes(sub: Subgraph, groups: list[Group]) -> list[SubgraphNode]:
    """The nodes drawn when the page opens: every node but the members, plus the group nodes."""
    members = {m for g in groups for m in g.members}
    return [n for n in sub.nodes if n.key not in members] + [group_node(g) for g in groups]


def group_payload(
    groups: list[Group],
    edges: list[tuple[SubgraphEdge, int]],
    positions: dict[str, tuple[int, int]],
    labels: dict[str, str],
    edge_payload: Callable[[int, SubgraphEdge, dict[str, str]], dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis nodes of the groups and their edges (``labels`` names every node, groups included)."""
    nodes = []
    for group in groups:
        look = style.NODE_STYLES[group.kind]
        x, y = positions[group.id]
        owner = labels.get(group.owner, group.owner)
        text = group.text()
        nodes.append({
            "id": group.id, "label": text, "kind": group.kind, "is_group": True, "members": group.members,
            "owner": group.owner,
            "shape": look["shape"], "size": 22, "x": x, "y": y, "borderWidth": 2,
            "color": {"background": look["color"], "border": look["border"],
                      "highlight": {"background": look["color"], "border": "#000000"}},
            "font": {"color": look["font"], "size": 14},
            "title": _("{text} của {owner} — bấm để mở").format(text=text, owner=owner),
            "details": [[_("Nhóm"), text], [_("Thuộc"), owner]],
        })
    payload = []
    for i, (edge, count) in enumerate(edges):
        item = edge_payload(i, edge, labels)
        item.update(id=f"g{i}", arrows="to", **{"from": edge.source, "to": edge.target})
        item["group_edge"] = True
        if count > 1 and "label" in item:
            item["label"] = f"{item['label']} ({count})"
        item["details"].append([_("Số quan hệ"), str(count)])
        payload.append(item)
    for group in groups:  # the thin line from an opened group to each of its members
        payload += [{"id": f"{group.id}>{m}", "from": group.id, "to": m, "group_link": True, "rel": "",
                     "arrows": "to", "dashes": True, "color": {"color": LINK_COLOUR}, "details": [],
                     "rel_label": _("thuộc nhóm"), "title": ""} for m in group.members]
    return nodes, payload
