"""``derived``: which documents, in which provinces, rest on this one (the impact of changing it)."""

from __future__ import annotations

from graph.queries.backend import DEFAULT_DEPTH, Backend
from graph.queries.lineage import lineage
from graph.queries.resolve import resolve
from graph.queries.results import LineageResult


def derived(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH,
            province: str | None = None) -> LineageResult:
    """Documents citing this one as a basis (or implementing, guiding, amending it), transitively."""
    return lineage(backend, resolve(backend, reference), "derived", depth, province)
