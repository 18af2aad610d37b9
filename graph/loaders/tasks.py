"""Assignments (chủ trì / phối hợp), projects from tables, quantified targets. (Owner: tasks engineer.)"""

from __future__ import annotations

from graph.loaders.documents import DocumentSpan
from graph.loaders.prepared import PreparedText


def read_tasks(prep: PreparedText, span: DocumentSpan) -> None:
    """Fill ``span.document``'s assignments, projects and targets from ``prep.text[span.start:span.end]``.
    Placeholder: nothing yet."""
