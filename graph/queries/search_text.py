"""The text a document is found by (:func:`graph.text.search_text`, shared with the stores).

Used by :meth:`graph.queries.backend.Backend.document_index` (built once per backend) and
:mod:`graph.queries.resolve` (which matches typed references against it).
"""

from __future__ import annotations

from graph.text import search_text

__all__ = ["search_text"]
