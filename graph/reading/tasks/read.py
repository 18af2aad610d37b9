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
    assignments = read_assignments(prep, span.start, span.end, doc.province)
    projects = read_projects(prep, span.start, span.end, doc.province)
    year = doc.date.year if doc.date else None
    targets = read_targets(prep, span.start, span.end, doc.title, year)
    # a field is assigned only when something was found or it holds something: the models validate each
    # assignment, and most documents have no projects, many no goals (a new document's lists are empty)
    if assignments or doc.assignments:
        doc.assignments = assignments
    if projects or doc.projects:
        doc.projects = projects
    if targets or doc.targets:
        doc.targets = targets
