"""PreparedText -> documents: split a file into its documents and read each header and citations.

(Owner: citations engineer.)
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.loaders.prepared import PreparedText
from graph.model import Document


@dataclass
class DocumentSpan:
    """A document found in the text and the span ``text[start:end]`` it occupies."""

    document: Document
    start: int
    end: int


def read_documents(prep: PreparedText) -> list[DocumentSpan]:
    """Split ``prep.text`` into documents with header, bases, nested, references, attached_to,
    proposals and supersedes filled in. Placeholder: one empty document."""
    return [DocumentSpan(Document(), 0, len(prep.text))]
