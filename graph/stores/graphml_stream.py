"""GraphML written one node or relationship at a time, byte for byte as ``nx.write_graphml`` (networkx
3.6, ElementTree, pretty-printed) writes the flat graph -- without networkx's copy of the graph and
its XML tree in memory.

networkx's rules, reproduced:

- a ``<key>`` per (attribute name, value type, node or edge), with ids ``d0``, ``d1`` ... in the order
  first met (the nodes, then the relationships, each attribute in order), listed newest first
  (networkx inserts each one at the top). GraphML declares them before the first node: a survey pass
  over the rows finds them (and which whole numbers become decimals, see :mod:`.flat_rows`);
- value types: bool ``boolean``, int ``long``, float ``double``, str ``string``; another type is
  refused before anything is written, as networkx refuses it;
- a value is written as ``str(value)`` ("True", "1.0"); a relationship's id is its type (the key of
  the multigraph); no defaults (the flat graph has none).
"""

from __future__ import annotations

from typing import IO, Any

from graph.stores import xml_text
from graph.stores.flat_rows import Attrs, FlatRows

_ROOT = xml_text.start("graphml", [
    ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
    ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ("xsi:schemaLocation",
     "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"),
]) + ">"
_GRAPH = xml_text.start("graph", [("edgedefault", "directed")])
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}  # networkx's names

Keys = dict[tuple[str, type, str], str]  # (name, type, node or edge) -> key id


def write_graphml(rows: FlatRows, out: IO[bytes]) -> None:
    """Write the flat rows as GraphML into the binary stream ``out`` (reads the rows twice)."""
    keys, empty = _survey(rows)
    data_tags = {key: xml_text.indent(3) + xml_text.start("data", [("key", key_id)])
                 for key, key_id in keys.items()}
    with xml_text.text_writer(out) as f:
        f.write(xml_text.DECLARATION + _ROOT)
        for (name, kind, scope), key_id in reversed(keys.items()):
            f.write(xml_text.indent(1) + xml_text.leaf("key", [
                ("id", key_id), ("for", scope), ("attr.name", name), ("attr.type", _TYPES[kind])]))
        f.write(xml_text.indent(1) + _GRAPH)
        if empty:
            f.write(" />")
        else:
            f.write(">")
            for n, attrs in rows.nodes():
                head = xml_text.start("node", [("id", n)])
                f.write(xml_text.indent(2) + _element(head, "node", attrs, data_tags))
            for u, v, k, attrs in rows.edges():
                head = xml_text.start("edge", [("source", u), ("target", v), ("id", str(k))])
                f.write(xml_text.indent(2) + _element(head, "edge", attrs, data_tags))
            f.write(xml_text.indent(1) + "</graph>")
        f.write(xml_text.indent(0) + "</graphml>\n")


def _element(head: str, tag: str, attrs: Attrs, data_tags: dict[tuple[str, type, str], str]) -> str:
    """``<node ...>`` or ``<edge ...>`` (``head``: its start) with a ``<data>`` per value."""
    if not attrs:
        return head + " />"
    parts = [head, ">"]
    for k, v in attrs.items():
        value = str(v)
        data = data_tags[str(k), type(v), tag]
        parts.append(f"{data}>{xml_text.text(value)}</data>" if value else data + " />")
    parts.append(f"{xml_text.indent(2)}</{tag}>")
    return "".join(parts)


def _survey(rows: FlatRows) -> tuple[Keys, bool]:
    """The key table in networkx's order of ids, and whether the graph is empty (no node, no edge)."""
    met: dict[tuple[Any, type, str], None] = {}  # (name, type before widening, scope), as first met
    empty = True
    for _data, kinds in rows.survey_nodes():
        empty = False
        for name, kind in kinds.items():
            met[name, kind, "node"] = None
    for _k, _data, kinds in rows.survey_edges():
        empty = False
        for name, kind in kinds.items():
            met[name, kind, "edge"] = None
    keys: Keys = {}
    for name, kind, scope in met:
        if kind not in _TYPES:
            import networkx as nx

            raise nx.NetworkXError(f"GraphML writer does not support {kind} as data values.")
        keys.setdefault((str(name), rows.widened(scope, name, kind), scope), f"d{len(keys)}")
    return keys, empty
