"""Documents: prepared text -> the documents of a file with their headers and citations.

Takes :class:`~graph.reading.text.prepared.PreparedText`; gives document spans with header fields, bases,
nested citations, proposals, references, supersedes and attached_to (the citation grammar lives here).
"""
