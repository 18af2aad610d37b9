"""The text a document is found by: its type, number, title, issuer, province and date, folded.

Shared by :meth:`graph.queries.backend.Backend.document_index` (built once per backend) and
:mod:`graph.queries.resolve` (which matches typed references against it).
"""

from __future__ import annotations

from typing import Any

from graph.text import fold


def search_text(props: dict[str, Any]) -> str:
    """The folded text a reference is matched against: type, number, title, issuer, province, date."""
    parts = (props.get(k) for k in ("doc_type", "number", "title", "name", "issuer", "province", "date"))
    return fold(" ".join(str(p) for p in parts if p))
