"""A small offline index page linking lineage pages (no script, every text escaped)."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from graph.i18n import _, vietnamese_date
from visualizations.page import write_html

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_STYLE = """
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  margin: 24px; color: #1f2933; max-width: 980px; }
h1 { font-size: 20px; } table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #d9e2ec; vertical-align: top; }
th { color: #52606d; font-weight: 600; } td.n { white-space: nowrap; } .muted { color: #7b8794; }
"""


def index_html(pages: list[Any], title: str = "Sơ đồ quan hệ văn bản — bộ văn bản mẫu") -> str:
    """The index as a string; ``pages`` are items with number, doc_type, date, issuer, title and page.path."""
    rows = []
    for p in pages:
        href = quote(os.path.basename(p.page.path))
        name = " ".join(x for x in (p.doc_type, p.number) if x) or p.key
        omitted = f" ({p.page.omitted} không hiển thị)" if p.page.omitted else ""
        rows.append(
            "<tr>"
            f'<td class="n"><a href="{html.escape(href)}">{html.escape(name)}</a></td>'
            f"<td>{html.escape(vietnamese_date(p.date))}</td>"
            f"<td>{html.escape(p.issuer or '')}</td>"
            f"<td>{html.escape(p.title or '')}</td>"
            f'<td class="muted">{p.page.nodes} nút, {p.page.edges} quan hệ{html.escape(omitted)}</td>'
            "</tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        '<p class="muted">Mỗi trang vẽ một văn bản đã đọc với các căn cứ (lên đến văn bản của Đảng, '
        "Quốc hội, Chính phủ), các văn bản dựa trên nó, và các cơ quan chủ trì, phối hợp. "
        "Mở được không cần mạng.</p>"
        "<table><thead><tr><th>Văn bản</th><th>Ngày</th><th>Cơ quan ban hành</th><th>Trích yếu</th>"
        "<th>Sơ đồ</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></body></html>\n"
    )


def write_index(path: Path, pages: list[Any]) -> Path:
    return write_html(path, index_html(pages), _("index page"))
