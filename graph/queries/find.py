"""``find``: documents by number, key or words of the title (insensitive to diacritics and case)."""

from __future__ import annotations

from graph.queries.backend import Backend
from graph.queries.resolve import find as find_documents
from graph.queries.results import FindResult


def find(backend: Backend, reference: str) -> FindResult:
    """Every document the reference can mean (documents read in full first, then by date)."""
    return FindResult(query=reference, matches=find_documents(backend, reference))
