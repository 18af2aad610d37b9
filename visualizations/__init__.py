"""Visualizations: a query result or a neighbourhood -> one offline interactive HTML page.

Takes a :class:`graph.subgraph.Subgraph`; gives a page drawn with vis-network (read from pyvis).
"""
