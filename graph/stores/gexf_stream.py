"""GEXF (1.2draft) written one node or relationship at a time, byte for byte as ``nx.write_gexf``
(networkx 3.6, ElementTree, pretty-printed) writes the flat graph -- without its XML tree in memory.

networkx's rules, reproduced:

- the attribute names GEXF gives a place of its own leave the values: a node's ``id``, ``label``,
  ``pid``, ``start``, ``end`` become attributes of ``<node>`` (``parents`` its ``<parents>``), a
  relationship's ``id``, ``label``, ``weight``, ``type``, ``start``, ``end`` of ``<edge>``; ``start`` /
  ``end`` make the graph ``mode="dynamic"`` with a ``timeformat`` (the type of the last one met);
  ``spells`` / ``viz`` (GEXF structures no flat value can hold; networkx fails on them) are refused;
- every relationship carries its type (the multigraph key) as the attribute ``networkx_key`` (a
  node's ``key`` is renamed so too); relationships are numbered 0, 1 ... unless they carry an ``id``
  (numbers already taken are skipped);
- one ``<attribute>`` per title and class (node, edge), typed by its first value (int ``long``,
  float ``double``, bool ``boolean``, str and dict ``string``), numbered across both classes in the
  order first met; the edge class is listed first (networkx inserts each class at the top). Values are
  static (flat values are never lists); bools are written "true" / "false", infinities "INF" / "-INF",
  not-a-number "NaN". They are declared before the first node: a survey pass over the rows finds them.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from graph.stores import xml_text
from graph.stores.flat_rows import Attrs, FlatRows

_ROOT = xml_text.start("gexf", [
    ("xmlns", "http://www.gexf.net/1.2draft"),
    ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ("xsi:schemaLocation", "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"),
    ("version", "1.2"),
]) + ">"
_TYPES = {int: "long", float: "double", bool: "boolean", dict: "string", str: "string"}  # networkx's
_PLACES = {"node": ("id", "label", "pid", "start", "end"),  # values GEXF gives a place in the element
           "edge": ("id", "label", "weight", "type", "start", "end")}
_REFUSED = ("spells", "viz")
_SPECIAL_FLOATS = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}


@dataclass
class _Survey:
    """What must be known before the first node is written."""

    titles: dict[str, dict[str, tuple[Any, type]]] = field(default_factory=lambda: {"node": {}, "edge": {}})
    timeformat: str | None = None  # set by the last start / end met
    edge_ids: list[Any] = field(default_factory=list)  # the ids relationships carry (as stored)
    has_nodes: bool = False
    has_edges: bool = False


def write_gexf(rows: FlatRows, out: IO[bytes]) -> None:
    """Write the flat rows as GEXF into the binary stream ``out`` (reads the rows twice)."""
    import networkx as nx

    day = time.strftime("%Y-%m-%d")
    survey = _survey(rows)
    ids = _attribute_ids(survey, rows)
    taken = {str(rows.flat("edge", "id", value)) for value in survey.edge_ids}
    with xml_text.text_writer(out) as f:
        f.write(xml_text.DECLARATION + _ROOT)
        f.write(xml_text.indent(1) + xml_text.start("meta", [("lastmodifieddate", day)]) + ">"
                + xml_text.indent(2) + xml_text.leaf("creator", [], f"NetworkX {nx.__version__}")
                + xml_text.indent(1) + "</meta>")
        graph = [("defaultedgetype", "directed"), ("mode", "dynamic" if survey.timeformat else "static"),
                 ("name", "")]
        if survey.timeformat:
            graph.append(("timeformat", survey.timeformat))
        f.write(xml_text.indent(1) + xml_text.start("graph", graph) + ">")
        for scope in ("edge", "node"):
            if ids[scope]:
                f.write(xml_text.indent(2) + _declarations(scope, ids[scope]))
        node_ids: dict[str, str] = {}  # the nodes that carry an ``id``: their relationships name it
        f.writelines(_section("nodes", survey.has_nodes, _nodes(rows, ids["node"], node_ids)))
        f.writelines(_section("edges", survey.has_edges, _edges(rows, ids["edge"], node_ids, taken)))
        f.write(xml_text.indent(1) + "</graph>" + xml_text.indent(0) + "</gexf>\n")


def _survey(rows: FlatRows) -> _Survey:
    survey = _Survey()
    for data, kinds in rows.survey_nodes():
        survey.has_nodes = True
        _note(survey, rows, "node", data, kinds)
    for k, data, kinds in rows.survey_edges():
        survey.has_edges = True
        if "id" in kinds:
            survey.edge_ids.append(data["id"])
        _note(survey, rows, "edge", {**data, "key": k}, {**kinds, "key": type(k)})
    return survey


def _note(survey: _Survey, rows: FlatRows, scope: str, data: Attrs, kinds: dict[Any, type]) -> None:
    """Note the timeformat and the attribute titles of one node or relationship (from its types)."""
    rest = dict(kinds)
    for name in _PLACES[scope]:
        kind = rest.pop(name, None)
        if kind is not None and name in ("start", "end"):
            survey.timeformat = _timeformat(rows.widened(scope, name, kind))
    if scope == "node":
        rest.pop("parents", None)
    for name in _REFUSED:
        if rest.pop(name, None) is not None and rows.flat(scope, name, data[name]):
            raise ValueError(f"GEXF export: the attribute {name!r} would be a GEXF structure; not written")
    titles = survey.titles[scope]
    for name, kind in rest.items():
        if kind not in _TYPES:
            raise TypeError(f"attribute value type is not allowed: {kind}")
        titles.setdefault(_title(name), (name, kind))


def _timeformat(kind: type) -> str:
    if issubclass(kind, str):
        return "date"
    if issubclass(kind, (int, float)):
        return "double" if issubclass(kind, float) else "long"
    import networkx as nx

    raise nx.NetworkXError("timeformat should be of the type int, float or str")


def _title(name: Any) -> str:
    return "networkx_key" if name == "key" else str(name)


def _attribute_ids(survey: _Survey, rows: FlatRows) -> dict[str, dict[str, tuple[str, str]]]:
    """Per class: title -> (attribute id, GEXF type), numbered across classes in the order first met."""
    counter = itertools.count()
    ids: dict[str, dict[str, tuple[str, str]]] = {}
    for scope in ("node", "edge"):
        ids[scope] = {title: (str(next(counter)), _TYPES[rows.widened(scope, name, kind)])
                      for title, (name, kind) in survey.titles[scope].items()}
    return ids


def _declarations(scope: str, ids: dict[str, tuple[str, str]]) -> str:
    attributes = "".join(
        xml_text.indent(3) + xml_text.leaf("attribute", [("id", attr_id), ("title", title), ("type", kind)])
        for title, (attr_id, kind) in ids.items())
    return (xml_text.start("attributes", [("mode", "static"), ("class", scope)]) + ">" + attributes
            + xml_text.indent(2) + "</attributes>")


def _section(tag: str, any_element: bool, elements: Iterator[str]) -> Iterator[str]:
    if not any_element:
        yield xml_text.indent(2) + f"<{tag} />"
        return
    yield xml_text.indent(2) + f"<{tag}>"
    for element in elements:
        yield xml_text.indent(3) + element
    yield xml_text.indent(2) + f"</{tag}>"


def _split(attrs: Attrs, scope: str) -> tuple[dict[str, Any], Any, Attrs]:
    """(the values GEXF gives a place in the element, in its order; a node's parents; the others)."""
    rest = dict(attrs)
    placed = {name: rest.pop(name) for name in _PLACES[scope] if name in rest}
    parents = rest.pop("parents", False) if scope == "node" else False
    for name in _REFUSED:  # false values only, after the survey
        rest.pop(name, None)
    return placed, parents, rest


def _attvalue_starts(ids: dict[str, tuple[str, str]]) -> dict[Any, str]:
    """Attribute name -> the start of its ``<attvalue>`` (``key`` is the title ``networkx_key``)."""
    starts = {title: f'{xml_text.indent(5)}<attvalue for="{attr_id}" value="'
              for title, (attr_id, _kind) in ids.items()}
    if "networkx_key" in starts:
        starts["key"] = starts["networkx_key"]
    return starts


def _attvalues(rest: Attrs, starts: dict[Any, str]) -> str:
    values = []
    for name, value in rest.items():
        if isinstance(value, bool):
            text = str(value).lower()
        else:
            text = str(value)
            if type(value) is float:
                text = _SPECIAL_FLOATS.get(text, text)
        start = starts.get(name) or starts[_title(name)]
        values.append(f'{start}{xml_text.attribute(text)}" />')
    return "<attvalues>" + "".join(values) + xml_text.indent(4) + "</attvalues>"


def _element(tag: str, attributes: dict[str, str], children: list[str]) -> str:
    head = xml_text.start(tag, attributes.items())
    if not children:
        return head + " />"
    inside = "".join(xml_text.indent(4) + child for child in children)
    return f"{head}>{inside}{xml_text.indent(3)}</{tag}>"


def _nodes(rows: FlatRows, ids: dict[str, tuple[str, str]], node_ids: dict[str, str]) -> Iterator[str]:
    starts = _attvalue_starts(ids)
    for n, attrs in rows.nodes():
        placed, parents, rest = _split(attrs, "node")
        attributes = {"id": n, "label": n, **{name: str(value) for name, value in placed.items()}}
        if "id" in placed:
            node_ids[n] = attributes["id"]
        children = []
        if parents:
            children.append("<parents>" + "".join(
                xml_text.indent(5) + xml_text.leaf("parent", [("for", str(p))]) for p in parents)
                + xml_text.indent(4) + "</parents>")
        if rest:
            children.append(_attvalues(rest, starts))
        yield _element("node", attributes, children)


def _edges(rows: FlatRows, ids: dict[str, tuple[str, str]], node_ids: dict[str, str],
           taken: set[str]) -> Iterator[str]:
    starts = _attvalue_starts(ids)
    counter = itertools.count()
    for u, v, k, attrs in rows.edges():
        placed, _parents, rest = _split({**attrs, "key": k}, "edge")
        edge_id = placed.pop("id", None)
        if edge_id is None:  # the next number no relationship carries (numbers given are never met again)
            edge_id = next(counter)
            while str(edge_id) in taken:
                edge_id = next(counter)
        attributes = {"source": node_ids.get(u, u), "target": node_ids.get(v, v), "id": str(edge_id),
                      **{name: str(value) for name, value in placed.items()}}
        yield _element("edge", attributes, [_attvalues(rest, starts)] if rest else [])
