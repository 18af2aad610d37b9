"""``derived``: which documents, in which provinces, rest on this one (the impact of changing it)."""

from __future__ import annotations

import datetime as dt

from graph.queries.backend import DEFAULT_DEPTH, Backend
from graph.queries.lineage import lineage
from graph.queries.resolve import resolve
from graph.queries.results import LineageResult
from graph.queries.status import document_status


def derived(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH,
            province: str | None = None, as_of: dt.date | None = None) -> LineageResult:
    """Documents citing this one as a basis (or implementing, guiding, amending it), transitively, each
    with its status on ``as_of`` (None: today)."""
    return lineage(backend, resolve(backend, reference), "derived", depth, province,
                   statuses=lambda keys, types: document_status(backend, keys, as_of, types))
