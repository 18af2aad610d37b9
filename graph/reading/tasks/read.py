"""Assignments (chủ trì / phối hợp), projects from tables, quantified targets of one document."""

from __future__ import annotations

from graph.reading.documents.documents import DocumentSpan
from graph.reading.tasks.assignments import read_assignments
from graph.reading.tasks.projects import read_projects
from graph.reading.tasks.targets import read_targets
from graph.reading.text.prepared import PreparedText


def read_tasks(prep: PreparedText, span: DocumentSpan) -> None:
    """Fill ``span.document``'s assignments, projects and targets from ``prep.text[span.start:span.end]``."""
    doc = span.document
    doc.assignments = read_assignments(prep, span.start, span.end, doc.province)
    doc.projects = read_projects(prep, span.start, span.end, doc.province)
    year = doc.date.year if doc.date else None
    doc.targets = read_targets(prep, span.start, span.end, doc.title, year)
