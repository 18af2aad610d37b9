"""``bases``: which documents underpin this one, directly and through the chain of bases."""

from __future__ import annotations

from graph.queries.backend import DEFAULT_DEPTH, Backend
from graph.queries.lineage import lineage
from graph.queries.resolve import resolve
from graph.queries.results import LineageResult


def bases(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH) -> LineageResult:
    """The bases of a document along CĂN_CỨ, THỰC_HIỆN, HƯỚNG_DẪN and SỬA_ĐỔI, up to ``depth`` hops."""
    return lineage(backend, resolve(backend, reference), "bases", depth)
