"""Loaders: extraction facts -> nodes and relationships of the lineage graph.

Takes :class:`graph.model.FileExtraction`; gives nodes (documents, legal bases, agencies, targets,
projects) keyed by :mod:`.keys`, completed from the catalog of central documents, with provenance.
"""
