"""Stores: the lineage graph on disk (embedded file) or in Neo4j, and its exports.

Takes a graph; gives it back for questions (both stores answer the same), or as JSON/GraphML/GEXF/CSV.
"""
