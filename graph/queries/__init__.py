"""Queries: a question about the graph -> a typed answer (:mod:`.results`), on either store.

Takes a :class:`.backend.Backend` (embedded or Neo4j) and the question's arguments; gives pydantic results.
"""
