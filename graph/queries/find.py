"""``find``: documents by number, key or words of the title (insensitive to diacritics and case)."""

from __future__ import annotations

from graph.queries.backend import Backend
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import find as find_documents
from graph.queries.resolve import suggestions
from graph.queries.results import FindResult


def find(backend: Backend, reference: str, province: str | None = None) -> FindResult:
    """Every document the reference can mean (documents read in full first, then by date), optionally
    only those of a province (a province of today includes the former ones merged into it)."""
    scope = province_scope(province) if province else None
    matches = [d for d in find_documents(backend, reference) if in_scope(scope, d.province)]
    close = [] if matches or not reference.strip() else suggestions(backend, reference)
    return FindResult(query=reference, matches=matches, province_scope=scope, suggestions=close)
