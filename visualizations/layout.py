"""Positions that read like the hierarchy of authority: Party and Quốc hội on top, projects at the bottom.

Each node goes to a tier (``assets/authority.json``): y is the tier (empty tiers take no room),
x is the order within the tier by date, so older documents are on the left. Long tiers wrap onto
several rows. Positions are computed once, so the page needs no physics and stays still.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from graph import vocabulary as v
from graph.subgraph import SubgraphNode
from graph.text import fold

X_STEP = 170  # horizontal distance between neighbours in a row
ROW_STEP = 70  # vertical distance between rows of one tier
TIER_GAP = 120  # vertical distance between tiers


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


def compute_positions(nodes: list[SubgraphNode]) -> dict[str, tuple[int, int]]:
    """x, y of every node: tiers top to bottom, dates left to right, long tiers wrapped."""
    auth = authority()
    by_tier: dict[str, list[SubgraphNode]] = {}
    for node in nodes:
        by_tier.setdefault(tier_of(node), []).append(node)
    per_row = max(12, math.ceil(math.sqrt(len(nodes)) * 1.6))
    positions: dict[str, tuple[int, int]] = {}
    y = 0
    for tier_id in sorted(by_tier, key=auth.order):
        # Documents first, then the tier's agencies on rows of their own (edges stay off other nodes).
        rows = []
        for agencies in (False, True):
            members = sorted((n for n in by_tier[tier_id] if _is_agency(n) == agencies), key=_time_key)
            rows += [members[i : i + per_row] for i in range(0, len(members), per_row)]
        for r, row in enumerate(rows):
            # Stagger alternate rows by half a step so edges between rows stay visible.
            offset = (X_STEP // 2) if r % 2 else 0
            left = -((len(row) - 1) * X_STEP) // 2 + offset
            for i, node in enumerate(row):
                positions[node.key] = (left + i * X_STEP, y)
            y += ROW_STEP
        y += TIER_GAP - ROW_STEP
    return positions
