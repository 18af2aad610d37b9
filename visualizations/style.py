"""How the lineage page looks: colour and shape per kind of node, colour and label per relationship.

Kept as data so the legend, the filters and the drawing agree. Kinds are the tiers of
``assets/authority.json`` (a document's level of authority) plus ``agency``.
"""

from __future__ import annotations

from typing import Any

from graph import vocabulary as v

# Colour (fill, border) and vis-network shape of each kind of node.
NODE_STYLES: dict[str, dict[str, Any]] = {
    "party": {"color": "#c62828", "border": "#7f0000", "shape": "box", "font": "#ffffff"},
    "assembly": {"color": "#ad1457", "border": "#78002e", "shape": "box", "font": "#ffffff"},
    "government": {"color": "#1565c0", "border": "#003c8f", "shape": "box", "font": "#ffffff"},
    "prime_minister": {"color": "#1e88e5", "border": "#005cb2", "shape": "box", "font": "#ffffff"},
    "ministry": {"color": "#4fc3f7", "border": "#0093c4", "shape": "box", "font": "#102027"},
    "province_party": {"color": "#ef9a9a", "border": "#ba6b6c", "shape": "box", "font": "#102027"},
    "council": {"color": "#ce93d8", "border": "#9c64a6", "shape": "box", "font": "#102027"},
    "ubnd": {"color": "#ffb300", "border": "#c68400", "shape": "box", "font": "#102027"},
    "department": {"color": "#ffe082", "border": "#caae53", "shape": "box", "font": "#102027"},
    # a rounded box: as compact as a document's, told apart by its colour and corners
    "agency": {"color": "#eceff1", "border": "#607d8b", "shape": "box", "font": "#263238",
               "shape_properties": {"borderRadius": 14}},
    "project": {"color": "#66bb6a", "border": "#338a3e", "shape": "diamond", "font": "#1b5e20"},
    "target": {"color": "#ff7043", "border": "#c63f17", "shape": "triangle", "font": "#bf360c"},
}

# Legend / filter text for the kinds that are not tiers of documents.
KIND_LABELS: dict[str, str] = {"agency": "Cơ quan"}

# Kinds drawn as shapes with the label below (not inside): their text is kept short.
LABEL_OUTSIDE = {"diamond", "triangle", "dot", "star"}

# Colour and legend text of each relationship type; arrows point from source to target.
EDGE_STYLES: dict[str, dict[str, str]] = {
    v.CAN_CU: {"color": "#37474f", "label": "căn cứ"},
    v.THUC_HIEN: {"color": "#6a1b9a", "label": "thực hiện"},
    v.HUONG_DAN: {"color": "#00838f", "label": "hướng dẫn"},
    v.SUA_DOI: {"color": "#ef6c00", "label": "sửa đổi"},
    v.SUPERSEDES: {"color": "#d50000", "label": "thay thế"},
    v.DAN_CHIEU: {"color": "#9e9e9e", "label": "dẫn chiếu"},
    v.BAN_HANH_KEM_THEO: {"color": "#5d4037", "label": "ban hành kèm theo"},
    v.BAN_HANH: {"color": "#78909c", "label": "ban hành"},
    v.DE_NGHI: {"color": "#8d6e63", "label": "đề nghị"},
    v.CHU_TRI: {"color": "#2e7d32", "label": "chủ trì"},
    v.PHOI_HOP: {"color": "#81c784", "label": "phối hợp"},
    v.DE_RA: {"color": "#ff8a65", "label": "đề ra"},
    v.GOM: {"color": "#a5d6a7", "label": "gồm"},
    v.KE_THUA: {"color": "#455a64", "label": "kế thừa"},
}
DEFAULT_EDGE = {"color": "#b0bec5", "label": ""}

# Relationship types drawn dashed (weaker or administrative links).
DASHED = {v.DAN_CHIEU, v.PHOI_HOP, v.DE_NGHI}

# Above this many edges, labels are left off the drawing (they stay in tooltips and the panel)
# and edges are drawn straight, so big pages stay fast.
EDGE_LABEL_LIMIT = 400

FOCUS_BORDER = "#000000"


def edge_label(rel_type: str) -> str:
    """The words shown on an edge: the relationship in lower-case Vietnamese."""
    return EDGE_STYLES.get(rel_type, DEFAULT_EDGE)["label"] or rel_type.replace("_", " ").lower()

# The mark drawn before a document's label for its status (not colour alone), and the legend's words.
STATUS_MARKS: dict[str, tuple[str, str]] = {
    "replaced": ("⚠", "đã bị thay thế"),
    "repealed": ("⚠", "đã bị bãi bỏ"),
    "expired": ("⚠", "đã hết hiệu lực"),
    "partly expired": ("◐", "hết hiệu lực một phần"),
    "amended": ("✎", "đã được sửa đổi, bổ sung"),
    "in force": ("", "còn hiệu lực theo nguồn"),
    "no information": ("", "chưa có thông tin"),
}

# A citation not identified (no number, not read, not in the catalog): its mark, dotted border, words.
UNRESOLVED = {
    "mark": "(?)",
    "dashes": [2, 3],
    "label": "trích dẫn chưa xác định: không có số, không có trong danh mục hay kho; tên, loại và cấp theo "
             "lời văn trích dẫn, chưa kiểm chứng",
}


def unresolved(props: dict) -> bool:
    """Whether a document node is an unresolved citation (``resolved`` of an answer, else its props)."""
    if "resolved" in props:
        return not props["resolved"]
    return not (props.get("number") or props.get("source") or props.get("catalog_source"))


# Statuses after which a document no longer stands: their nodes also get a dashed border.
ENDED = {"replaced", "repealed", "expired"}
ENDED_DASHES = [6, 4]
_EVENT_WORDS = {"replaced": "Bị thay thế bởi", "repealed": "Bị bãi bỏ bởi", "expired": "Hết hiệu lực theo",
                "amended": "Được sửa đổi, bổ sung bởi"}


def status_event_label(kind: str, by: dict | None) -> str:
    """'Bị thay thế bởi Luật 65/2025/QH15' (the words of a status event in the side panel)."""
    name = " ".join(x for x in ((by or {}).get("doc_type"), (by or {}).get("number")) if x)
    return f"{_EVENT_WORDS[kind]} {name}".strip()
