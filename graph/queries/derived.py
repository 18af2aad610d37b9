"""``derived``: which documents, in which provinces, rest on this one (the impact of changing it).

:func:`derived` is the whole answer; :func:`derived_whole` the same in pieces, for ``--json`` to write
row by row; :func:`derived_page` what the screen shows: the first rows and the counts of the whole (a
central decree has 150,000 documents resting on it); :func:`derived_drawn` what the HTML page draws of a
larger answer. On the embedded store the last three are read by row ids (:mod:`.derived_sql`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from graph.queries.backend import DEFAULT_DEPTH, Backend, check_depth
from graph.queries.lineage import Statuses, lineage
from graph.queries.nearest import NearestPart
from graph.queries.provinces import province_scope
from graph.queries.resolve import resolve
from graph.queries.result_refs import Link
from graph.queries.results import LineageItem, LineageResult
from graph.queries.status import annotate, document_status


def _statuses(backend: Backend, as_of: dt.date | None) -> Statuses:
    return lambda keys, types: document_status(backend, keys, as_of, types)


def derived(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH,
            province: str | None = None, as_of: dt.date | None = None) -> LineageResult:
    """Documents citing this one as a basis (or implementing, guiding, amending it), transitively, each
    with its status on ``as_of`` (None: today)."""
    return lineage(backend, resolve(backend, reference), "derived", depth, province,
                   statuses=_statuses(backend, as_of))


def derived_drawn(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH, province: str | None = None,
                  as_of: dt.date | None = None, *, max_nodes: int) -> NearestPart | None:
    """On the embedded store, when :func:`derived` has more than ``max_nodes`` documents: the part of it
    the page draws (the nearest ``max_nodes``, as the page cuts the whole answer), each drawn document
    with its status on ``as_of`` (None: today; :func:`graph.queries.status.annotate`, as the page of the
    whole answer), read without the documents left out; None otherwise (the page draws the whole answer)."""
    from graph.queries.sqlite_backend import SQLiteBackend

    if not isinstance(backend, SQLiteBackend):
        return None
    from graph.queries.derived_sql import derived_drawn as drawn

    doc = resolve(backend, reference)
    check_depth(depth)
    part = drawn(backend.db, doc, depth, province_scope(province) if province else None, max_nodes)
    if part is not None:
        annotate(part.subgraph, backend, as_of)
    return part


@dataclass(frozen=True)
class DerivedPage:
    """What the screen shows of a derived answer: its first rows, and the counts of all of it."""

    result: LineageResult  # the whole answer, or its first rows (then without ``links``)
    total: int
    by_depth: dict[int, int]  # hops -> documents
    by_province: Counter[str | None]  # province as stored (None: central) -> documents
    names: dict[str, str]  # short names of the documents the rows' relationships reach

    @property
    def omitted(self) -> int:
        return self.total - len(self.result.items)


def page_of(result: LineageResult, limit: int) -> DerivedPage:
    """The first ``limit`` rows of a whole answer (0: all) and its counts."""
    items = result.items
    depths = Counter(i.depth for i in items)
    provinces = Counter(i.document.province for i in items)
    if not limit or len(items) <= limit:
        return DerivedPage(result, len(items), dict(sorted(depths.items())), provinces, {})
    names = {d.key: d.number or d.label for d in (result.document, *(i.document for i in items))}
    shown = result.model_copy(update={"items": items[:limit], "links": []})
    return DerivedPage(shown, len(items), dict(sorted(depths.items())), provinces, names)


def derived_page(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH, province: str | None = None,
                 as_of: dt.date | None = None, *, limit: int) -> DerivedPage:
    """The first ``limit`` rows of :func:`derived` (0: every row) and the counts of the whole answer.

    On the embedded store, a larger answer is walked and counted by row ids, and only the rows shown are
    read whole; other stores cut the whole answer."""
    from graph.queries.sqlite_backend import SQLiteBackend

    doc = resolve(backend, reference)
    check_depth(depth)
    statuses = _statuses(backend, as_of)
    if limit and isinstance(backend, SQLiteBackend):
        from graph.queries.derived_sql import derived_rows

        scope = province_scope(province) if province else None
        rows = derived_rows(backend.db, doc, depth, scope, limit, statuses)
        if rows is not None:
            shown = LineageResult(direction="derived", document=doc, depth=depth, province=province,
                                  province_scope=scope, items=rows.items, links=[])
            return DerivedPage(shown, rows.total, rows.by_depth, rows.by_province, rows.names)
    return page_of(lineage(backend, doc, "derived", depth, province, statuses), limit)


@contextmanager
def derived_whole(backend: Backend, reference: str, depth: int = DEFAULT_DEPTH, province: str | None = None,
                  as_of: dt.date | None = None
                  ) -> Iterator[tuple[LineageResult, Iterable[LineageItem], Iterable[Link]]]:
    """:func:`derived` as its head (the answer less its items and links), its items and its links, for
    writing out one by one: on the embedded store they are made a few thousand at a time as they are
    asked for (while the context is open); other stores make the whole answer."""
    from graph.queries.sqlite_backend import SQLiteBackend

    doc = resolve(backend, reference)
    check_depth(depth)
    statuses = _statuses(backend, as_of)
    scope = province_scope(province) if province else None
    head = LineageResult(direction="derived", document=doc, depth=depth, province=province,
                         province_scope=scope, items=[], links=[])
    if isinstance(backend, SQLiteBackend):
        from graph.queries.derived_sql import derived_all

        with derived_all(backend.db, doc, depth, scope, statuses) as rows:
            if rows is not None:
                yield head, *rows
                return
    result = lineage(backend, doc, "derived", depth, province, statuses)
    yield result.model_copy(update={"items": [], "links": []}), result.items, result.links
