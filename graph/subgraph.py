"""The graph-shaped part of a query answer: what the HTML view draws and ``--json`` can include.

Every graph-shaped query result (bases, derived, path, compare, agency, show) offers
``to_subgraph()`` returning a :class:`Subgraph`; :mod:`visualizations` renders any of them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class SubgraphNode(BaseModel):
    key: str
    labels: list[str]
    properties: dict[str, Any] = Field(default_factory=dict)


class SubgraphEdge(BaseModel):
    source: str
    target: str
    type: str
    properties: dict[str, Any] = Field(default_factory=dict, description="source, line, text ...")


class Subgraph(BaseModel):
    title: str = ""
    focus: list[str] = Field(default_factory=list, description="Keys of the documents the question was about")
    nodes: list[SubgraphNode] = Field(default_factory=list)
    edges: list[SubgraphEdge] = Field(default_factory=list)
    omitted_nodes: int = Field(0, description="Nodes left out because the result was over the size limit")
