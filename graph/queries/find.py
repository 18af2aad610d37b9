"""``find``: documents by number, key or words of the title (insensitive to diacritics and case).

With a province, every answer keeps to it: the matches and the "did you mean" suggestions are its
documents only, and the documents the words match elsewhere are told apart (:func:`find_in_scope`).
"""

from __future__ import annotations

from graph.queries.backend import Backend
from graph.queries.provinces import in_scope, province_scope
from graph.queries.resolve import find as find_documents
from graph.queries.resolve import suggestions, to_docref
from graph.queries.result_refs import DocRef
from graph.queries.results import FindResult


def find_in_scope(backend: Backend, reference: str, province: str | None = None
                  ) -> tuple[FindResult, list[DocRef]]:
    """:func:`find`, and the documents the reference matches outside the province when none inside
    (to say plainly where they are rather than suggest them as if they were in it)."""
    scope = province_scope(province) if province else None
    everywhere = find_documents(backend, reference)
    matches = [d for d in everywhere if in_scope(scope, d.province)]
    outside = [] if matches else [d for d in everywhere if not in_scope(scope, d.province)]
    close: list[str] = []
    if not matches and not outside and reference.strip():
        keep = None if scope is None else (lambda node: in_scope(scope, to_docref(node).province))
        close = suggestions(backend, reference, keep=keep)
    return FindResult(query=reference, matches=matches, province_scope=scope, suggestions=close), outside


def find(backend: Backend, reference: str, province: str | None = None) -> FindResult:
    """Every document the reference can mean (documents read in full first, then by date), optionally
    only those of a province (a province of today includes the former ones merged into it); when none
    matches, the closest documents (of that province) as suggestions."""
    return find_in_scope(backend, reference, province)[0]
