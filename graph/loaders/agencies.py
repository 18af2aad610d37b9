"""Agency names: abbreviations expanded through the alias table in graph/data/. (Owner: tasks.)"""

from __future__ import annotations


def expand_agency(name: str, province: str | None = None) -> str:
    """The agency's full name as legal staff write it ("Sở TT&TT" -> "Sở Thông tin và Truyền thông").
    Placeholder: returns the name with spaces collapsed."""
    return " ".join(name.split())
