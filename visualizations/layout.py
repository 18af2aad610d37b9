"""Positions that read like the hierarchy of authority: Party and Quốc hội on top, projects at the bottom.

Each node goes to a tier (``assets/authority.json``): y is the tier (empty tiers take no room),
x is the order within the tier by date, so older documents are on the left. Long tiers wrap onto
several rows. Positions are computed once, so the page needs no physics and stays still.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from graph import vocabulary as v
from graph.subgraph import SubgraphNode
from graph.text import fold

X_STEP = 170  # the width of a node's text (vis-network's widthConstraint) and the stagger of rows
CHAR_W, LINE_H, MARGIN = 8.0, 18, 8  # estimated px of a character and a line at 14 px, node margin
WRAP = X_STEP  # labels wrap at this width
GAP_X = 140  # clear space between neighbours in a row
GAP_Y = 80  # clear space between rows of one tier
TIER_GAP = 130  # clear space between tiers
ROW_MIN_WIDTH, ROW_WIDTH_PER_ROOT = 1400, 190  # rows wrap past max(1400, 190·√nodes) px


@dataclass(frozen=True)
class Tier:
    id: str
    label: str
    name_prefixes: tuple[str, ...]
    number_patterns: tuple[re.Pattern[str], ...]
    doc_types: tuple[str, ...]


@dataclass(frozen=True)
class Authority:
    tiers: tuple[Tier, ...]
    level_fallback: dict[str, str]
    query_groups: dict[str, str]
    province_party: str
    agency_default: str

    def order(self, tier_id: str) -> int:
        return next(i for i, t in enumerate(self.tiers) if t.id == tier_id)

    def label(self, tier_id: str) -> str:
        return next(t.label for t in self.tiers if t.id == tier_id)


@cache
def authority() -> Authority:
    """The tiers of authority, read once from the package's data file."""
    raw = json.loads(resources.files("visualizations").joinpath("assets/authority.json").read_text("utf-8"))
    tiers = tuple(
        Tier(
            id=t["id"],
            label=t["label"],
            name_prefixes=tuple(fold(p) for p in t["name_prefixes"]),
            number_patterns=tuple(re.compile(p) for p in t["number_patterns"]),
            doc_types=tuple(fold(d) for d in t["doc_types"]),
        )
        for t in raw["tiers"]
    )
    groups = {k: t for k, t in raw["query_groups"].items() if not k.startswith("_")}
    return Authority(tiers, raw["level_fallback"], groups, raw["province_party_level"], raw["agency_default"])


def _by_prefix(name: str | None) -> str | None:
    """The tier whose longest name prefix starts ``name`` ("UBND các huyện" beats "UBND")."""
    folded = fold(name or "")
    if not folded:
        return None
    best, best_len = None, 0
    for tier in authority().tiers:
        for prefix in tier.name_prefixes:
            if len(prefix) > best_len and folded.startswith(prefix):
                best, best_len = tier.id, len(prefix)
    return best


def tier_of(node: SubgraphNode) -> str:
    """The tier id of a node: a level of authority for documents and agencies, or project/target."""
    labels, props = set(node.labels), node.properties
    if v.PROJECT in labels:
        return "project"
    if v.TARGET in labels:
        return "target"
    auth = authority()
    if v.AGENCY in labels and v.DOCUMENT not in labels:
        return _by_prefix(props.get("name") or node.key) or auth.agency_default
    if props.get("group") in auth.query_groups:  # the level group the query tables show
        return auth.query_groups[props["group"]]
    number = props.get("number") or ""
    for tier in auth.tiers:
        if number and any(p.search(number) for p in tier.number_patterns):
            return tier.id
    by_issuer = _by_prefix(props.get("issuer"))
    if by_issuer:
        return by_issuer
    doc_type = fold(props.get("doc_type") or "")
    if doc_type:
        for tier in auth.tiers:
            if doc_type in tier.doc_types:
                return tier.id
    level = props.get("level")
    if level == v.PARTY and props.get("province"):
        return auth.province_party
    return auth.level_fallback.get(level or "", auth.level_fallback[v.PROVINCIAL])


def kind_of(node: SubgraphNode) -> str:
    """The kind used for colour, legend and filters: the tier of a document, or agency/project/target."""
    return "agency" if _is_agency(node) else tier_of(node)


def _is_agency(node: SubgraphNode) -> bool:
    return v.AGENCY in node.labels and v.DOCUMENT not in node.labels


def _time_key(node: SubgraphNode) -> tuple[str, str]:
    props: dict[str, Any] = node.properties
    when = props.get("date") or props.get("deadline") or props.get("period") or ""
    return (str(when), str(props.get("number") or props.get("name") or props.get("text") or node.key))


def box_size(label: str, outside: bool = False) -> tuple[int, int]:
    """The drawn size of a node, estimated: its label wrapped at ``WRAP`` px plus the margin, or, for a
    shape with its label outside (diamond, triangle), the shape above the label."""
    lines, width = 0, 0.0
    for part in label.split("\n"):
        w = len(part) * CHAR_W
        lines += max(1, math.ceil(w / WRAP))
        width = max(width, min(w, WRAP))
    if outside:
        return int(max(width, 40)), int(40 + lines * LINE_H)
    return int(width + 2 * MARGIN), int(lines * LINE_H + 2 * MARGIN)


def compute_positions(
    nodes: list[SubgraphNode], focus: Iterable[str] = (), sizes: dict[str, tuple[int, int]] | None = None
) -> dict[str, tuple[int, int]]:
    """x, y of every node: tiers top to bottom, dates left to right, long tiers wrapped.

    ``sizes`` (width, height of each drawn node, default ``box_size`` of its key) keep a clear gap
    between neighbours and between rows, so edges have room to pass. Rows are centred on x = 0, except
    the row of the (first) focus, which is shifted so that the focus stands at x = 0, under its bases
    and above its agencies, whatever its date.
    """
    sizes = sizes or {}
    focus_key = next(iter(focus), None)
    auth = authority()
    by_tier: dict[str, list[SubgraphNode]] = {}
    for node in nodes:
        by_tier.setdefault(tier_of(node), []).append(node)
    row_max = max(ROW_MIN_WIDTH, int(math.sqrt(len(nodes)) * ROW_WIDTH_PER_ROOT))
    size = {n.key: sizes.get(n.key) or box_size(n.key) for n in nodes}
    positions: dict[str, tuple[int, int]] = {}
    bottom: float | None = None  # lower edge of the row above
    for tier_id in sorted(by_tier, key=auth.order):
        # Documents first, then the tier's agencies on rows of their own (edges stay off other nodes).
        rows: list[list[SubgraphNode]] = []
        for agencies in (False, True):
            row: list[SubgraphNode] = []
            members = sorted((n for n in by_tier[tier_id] if _is_agency(n) == agencies), key=_time_key)
            # The focus's row is never wrapped: no row of its own tier stands between it and its bases.
            wrap = row_max if focus_key not in (n.key for n in members) else math.inf
            for node in members:
                if row and _row_width([*row, node], size) > wrap:
                    rows.append(row)
                    row = []
                row.append(node)
            if row:
                rows.append(row)
        for r, row in enumerate(rows):
            height = max(size[n.key][1] for n in row)
            top = 0.0 if bottom is None else bottom + (GAP_Y if r else TIER_GAP)
            bottom = top + height
            centres, x = [], 0.0
            for node in row:
                centres.append(x + size[node.key][0] / 2)
                x += size[node.key][0] + GAP_X
            keys = [n.key for n in row]
            # Centred; alternate rows staggered by half a node so edges between rows stay visible.
            shift = centres[keys.index(focus_key)] if focus_key in keys else (x - GAP_X) / 2
            if r % 2 and focus_key not in keys:
                shift -= (GAP_X + X_STEP) / 2
            for node, cx in zip(row, centres, strict=True):
                positions[node.key] = (round(cx - shift), round(top + height / 2))
    return positions


def _row_width(row: list[SubgraphNode], size: dict[str, tuple[int, int]]) -> float:
    return sum(size[n.key][0] for n in row) + GAP_X * (len(row) - 1)
