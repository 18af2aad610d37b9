"""File -> :class:`FileExtraction`: the extraction pipeline. (Owner: text engineer.)"""

from __future__ import annotations

from pathlib import Path

from graph.loaders.documents import read_documents
from graph.loaders.prepare import prepare
from graph.loaders.tasks import read_tasks
from graph.model import FileExtraction


def extract_text(data: bytes | str, source: str) -> FileExtraction:
    """Extract every document of one file's content."""
    prep = prepare(data, source)
    spans = read_documents(prep)
    for span in spans:
        read_tasks(prep, span)
    return FileExtraction(source=source, encoding=prep.encoding, documents=[s.document for s in spans])


def extract_file(path: str | Path) -> FileExtraction:
    """Extract one file (placeholder: no error handling yet)."""
    p = Path(path)
    result = extract_text(p.read_bytes(), p.name)
    result.path = str(p)
    return result
