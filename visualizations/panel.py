"""The side panel of a lineage page: a node's or a relationship's properties as rows of Vietnamese names
and values (dates dd/mm/yyyy, known values in words), the known properties first, in their order."""

from __future__ import annotations

from typing import Any

from graph.i18n import vietnamese_date
from graph.queries.result_refs import cited_types, uncertain_vi

# Properties shown in the panel, in this order, with their Vietnamese names; others follow as they are.
_FIELDS = (
    ("number", "Số"),
    ("doc_type", "Loại"),
    ("date", "Ngày"),
    ("issuer", "Cơ quan ban hành"),
    ("title", "Trích yếu"),
    ("name", "Tên"),
    ("text", "Nội dung"),
    ("value", "Giá trị"),
    ("high", "Giá trị cận trên"),
    ("unit", "Đơn vị"),
    ("deadline", "Năm"),
    ("metric", "Chỉ tiêu"),
    ("status", "Tình trạng"),
    ("province", "Tỉnh"),
    ("level", "Cấp"),
    ("signer", "Người ký"),
    ("signer_title", "Chức vụ"),
    ("period", "Thời gian"),
    ("budget", "Kinh phí"),
    ("budget_unit", "Đơn vị kinh phí"),
    ("budget_dong", "Kinh phí (đồng)"),
    ("funding", "Nguồn vốn"),
    ("funding_kind", "Loại nguồn vốn"),
    ("funding_sources", "Các nguồn vốn"),
    ("funding_amounts_dong", "Kinh phí theo nguồn (đồng)"),
    ("budget_lines", "Kinh phí theo kế hoạch"),
    ("task", "Nhiệm vụ"),
    ("tasks", "Nhiệm vụ"),
    ("document", "Thuộc văn bản"),
    ("cited_as", "Được trích dẫn là"),
    ("group", "Nhóm cấp"),
    ("source", "Tệp nguồn"),
    ("line", "Dòng"),
    ("event", "Sự kiện"),
    ("effective", "Hiệu lực từ"),
    ("url", "Trang nguồn"),
    ("catalog_url", "Trang nguồn (danh mục)"),
    ("ended", "Ngừng hoạt động từ"),
    ("ended_exact", "Ngày chính xác"),
    ("successor", "Đơn vị kế thừa"),
    ("ended_basis", "Căn cứ sắp xếp"),
    ("succession_note", "Ghi chú kế thừa"),
    ("province_now", "Tỉnh hiện nay"),
    ("formed_from", "Hợp nhất từ"),
    ("unit_kind", "Loại đơn vị"),
    ("horizon", "Nhiệm vụ đến năm"),
    ("legal_basis", "Căn cứ pháp lý"),
    ("date_exact", "Ngày chính xác"),
    ("sources", "Nguồn tham chiếu"),
)
_SKIP = {"key", "labels", "type", "scope", "ingested", "resolved", "funding_kinds", "cited_types"}
_FIELD_NAMES = dict(_FIELDS)
#: properties holding an ISO date, shown dd/mm/yyyy
_DATES = frozenset({"date", "effective", "ended"})


_VALUES = {
    "level": {"central": "Trung ương", "provincial": "Địa phương", "party": "Đảng"},
    "ended_exact": {False: "không — theo quy định chung; ngày cụ thể do tỉnh quyết định"},
    "date_exact": {True: "có", False: "không — theo quy định chung; ngày cụ thể do tỉnh quyết định"},
    "unit_kind": {"province": "tỉnh, thành phố"},
    "funding_kind": {"public": "ngân sách nhà nước", "private": "ngoài ngân sách (doanh nghiệp, xã hội hóa)",
                     "mixed": "ngân sách và ngoài ngân sách", "other": "nguồn khác"},
    "succession_note": {
        "district_level": "cấp huyện kết thúc từ 01/07/2025; không có đơn vị kế thừa cùng cấp",
        "successor_unknown": "đơn vị kế thừa chưa có trong dữ liệu tham chiếu",
    },
}


def _scalar(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_scalar(x) for x in value)
    if isinstance(value, float):
        return f"{value:,.0f}".replace(",", ".") if value.is_integer() else f"{value:g}"
    return str(value)


def _cited_as(notes: Any) -> str:
    """What a document was cited as where it differs from what it is: 'date=2014-07-07 @ 001.txt:12' ->
    'Ngày 07/07/2014 (001.txt:12)' (graph/loaders/documents.py writes the notes)."""
    said = []
    for note in notes if isinstance(notes, list) else [notes]:
        head, _, where = str(note).partition(" @ ")
        field, _, value = head.partition("=")
        field = field.strip()
        value = vietnamese_date(value.strip()) if field in _DATES else value.strip()
        where = "trích dẫn" if where.strip() == "citation" else where.strip()
        said.append(f"{_FIELD_NAMES.get(field, field)} {value}" + (f" ({where})" if where else ""))
    return "; ".join(said)


def _value(key: str, value: Any) -> str:
    """A property's value as the panel shows it: dates as dd/mm/yyyy, known values in words."""
    if key in _VALUES:
        return _VALUES[key].get(value, value)
    if key in _DATES and isinstance(value, str):
        return vietnamese_date(value)
    if key == "cited_as":
        return _cited_as(value)
    return _scalar(value)


def panel_rows(props: dict[str, Any], *, document: bool = False) -> list[list[str]]:
    """The panel's rows of a node or relationship: [Vietnamese name, value], the known properties first."""
    status = props.get("status")
    if isinstance(status, dict):  # computed by graph.queries.status (the same as the CLI says)
        props = {**props, "status": status["summary"]}
    rows = [[name, _value(k, props[k])] for k, name in _FIELDS if props.get(k) not in (None, "", [])]
    known = {k for k, _ in _FIELDS} | _SKIP
    rows += [[k, _scalar(val)] for k, val in props.items() if k not in known and val not in (None, "", [])]
    if document and not props.get("status"):
        rows.append(["Tình trạng", "chưa có thông tin"])
    if document and len(types := document_types(props)) > 1:
        said = uncertain_vi(types)
        rows.insert(0, ["Cảnh báo", said[0].upper() + said[1:]])
    return rows


def document_types(props: dict[str, Any]) -> list[str]:
    """The types a document's number was cited as when they differ: from an answer's document
    (``cited_types``), else from the loader's notes (``cited_as``); [] when they agree."""
    return list(props["cited_types"]) if "cited_types" in props else cited_types(props)
