"""``bases``: which documents underpin this one, directly and through the chain of bases."""

from __future__ import annotations

import datetime as dt

from graph.queries.backend import DEFAULT_DEPTH, Backend
from graph.queries.lineage import lineage
from graph.queries.resolve import resolve
from graph.queries.results import LineageResult
from graph.queries.status import document_status


def bases(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH,
          as_of: dt.date | None = None) -> LineageResult:
    """The bases of a document along CĂN_CỨ, THỰC_HIỆN, HƯỚNG_DẪN and SỬA_ĐỔI, up to ``depth`` hops,
    each with its status on ``as_of`` (None: today)."""
    return lineage(backend, resolve(backend, reference), "bases", depth,
                   statuses=lambda keys, types: document_status(backend, keys, as_of, types))
