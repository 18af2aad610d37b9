"""What every loader shares: the citing document's context, provenance of relationships, interning.

:class:`Context` is what is known of the document being loaded; :func:`prov` is the provenance a
relationship read from it carries. Strings and label tuples are shared (:func:`intern`,
:func:`merge_node_interned`): the same values recur across thousands of documents.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.lineage_graph import Graph, merge_node


@dataclass
class Context:
    """What is known of the citing document, to resolve what its citations leave out."""

    source: str
    province: str | None
    date: dt.date | None
    key: str


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def intern(value: Any) -> Any:
    """One shared object per distinct string: the same citing words, issuers, types ... recur across
    thousands of documents; sharing them saves memory and pickle (the store) stores each once."""
    return sys.intern(value) if type(value) is str else value


def interned(props: dict[str, Any]) -> dict[str, Any]:
    return {k: intern(v) for k, v in props.items()}


def prov(ctx: Context, line: int | None, text: str | None, restored: str | None = None) -> dict[str, Any]:
    """Provenance of a relationship read at ``line`` of the context's file, in the words ``text`` (and,
    when the words were restored from damaged text, as restored)."""
    out = {"source": ctx.source, "line": line, "text": intern(text)}
    if restored:
        out["text_restored"] = restored
    return out


_LABELS: dict[tuple[str, ...], tuple[str, ...]] = {}


def merge_node_interned(g: Graph, key: str, labels: Iterable[str], *, new: bool = False,
                        **props: Any) -> None:
    """:func:`merge_node`, with one shared ``labels`` tuple per combination (half a million fewer
    objects in the national graph, in memory and in the store)."""
    merge_node(g, key, labels, new=new, **props)
    data = g._node[key]
    data["labels"] = _LABELS.setdefault(data["labels"], data["labels"])
