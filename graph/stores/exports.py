"""Export the lineage graph: JSON node-link, GraphML and GEXF (Gephi), CSV for ``neo4j-admin import``.

- ``json``: ``{"directed", "multigraph", "graph", "nodes": [{"id", "labels": [...], ...}],
  "links": [{"source", "target", "type", "properties": {...}}]}`` -- every property as stored
  (a relationship's properties are nested because its provenance property ``source`` -- the file --
  would clash with node-link's ``source`` end). From the store file, written one node or
  relationship at a time, the same bytes (:mod:`.json_stream`).
- ``graphml`` / ``gexf``: one file Gephi opens. Attribute values must be scalars there, so lists are
  joined with "; " and ``labels`` becomes one string ("Document:LegalBasis"); each node also gets a
  ``label`` (number, name or text) for Gephi to show; characters XML 1.0 forbids become spaces
  (:mod:`graph.stores.flat_rows`). Written one node or relationship at a time, byte for byte what
  networkx writes of :func:`flat_graph` (:mod:`.graphml_stream`, :mod:`.gexf_stream`).
- ``csv``: a folder with ``nodes_<Label>.csv`` (``key:ID``, ``:LABEL``, typed property columns) and
  ``relationships_<TYPE>.csv`` (``:START_ID``, ``:END_ID``, ``:TYPE``, properties), plus
  ``neo4j-admin-import.txt`` with the command that imports them. Arrays (and ``:LABEL``, which
  neo4j-admin splits on the same delimiter) use ``|``;
  line breaks inside text become spaces (so no ``--multiline-fields`` is needed).
  Cells are written as they are, even those beginning with ``=``, ``+``, ``-`` or ``@``, which a
  spreadsheet would run as formulas: neo4j-admin needs the raw values. ``spreadsheet_safe`` (for
  opening in Excel / LibreOffice, not for neo4j-admin) puts a ``'`` before such text cells.
  From the store file, written as its rows are read (twice: columns, then cells), the same bytes
  (:mod:`.csv_stream`).

:func:`export_store` (what ``lineage export`` runs) reads the store file in one read transaction and
never loads the graph whole; a graph in memory or Neo4j's is written by :func:`export_graph`.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import LineageError
from graph.i18n import _
from graph.stores.atomic import atomic_file, write_with
from graph.stores.csv_format import (
    ARRAY_DELIMITER,
    csv_cell,
    csv_header,
    csv_type,
    import_note,
    primary_label,
    spreadsheet_safe,
)

if TYPE_CHECKING:  # networkx is imported when an export runs (the CLI's start-up reads FORMATS)
    import networkx as nx

    from graph.lineage_graph import Graph
    from graph.stores.flat_rows import Rows
    from graph.stores.protocol import Store

FORMATS = ("json", "graphml", "gexf", "csv")
XML_FORMATS = ("graphml", "gexf")


def node_link(g: Graph) -> dict[str, Any]:
    """The graph as JSON-ready node-link data (labels as lists)."""
    nodes = [{"id": n, **{k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}}
             for n, d in g.nodes(data=True)]
    links = [{"source": u, "target": v, "type": k, "properties": {a: b for a, b in d.items() if a != "type"}}
             for u, v, k, d in g.edges(keys=True, data=True)]
    return {"directed": True, "multigraph": True, "graph": dict(g.graph), "nodes": nodes, "links": links}


def flat_graph(g: Graph) -> nx.MultiDiGraph:
    """A networkx copy with scalar attributes only (what ``nx.write_graphml`` / ``nx.write_gexf`` would
    write; the exports stream the same rows instead: :mod:`graph.stores.flat_rows`)."""
    import networkx as nx

    from graph.stores.flat_rows import FlatRows, GraphRows

    flat = nx.MultiDiGraph()
    rows = FlatRows(GraphRows(g))
    rows.survey()
    for n, attrs in rows.nodes():
        flat.add_node(n, **attrs)
    for u, v, k, attrs in rows.edges():
        flat.add_edge(u, v, key=k, **attrs)
    return flat


def write_csv(g: Graph, folder: Path, safe: bool = False) -> list[Path]:
    """Write neo4j-admin import CSV files into ``folder``; returns the files written. ``safe``: text
    cells that a spreadsheet would run as formulas start with ``'`` (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    cell = spreadsheet_safe if safe else str
    written: list[Path] = []
    by_label: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for n, d in g.nodes(data=True):
        by_label.setdefault(primary_label(d.get("labels", ())), []).append((n, d))
    for label, rows in sorted(by_label.items()):
        names = sorted({k for _, d in rows for k in d} - {"key", "labels"})
        kinds = {k: csv_type([d.get(k) for _, d in rows]) for k in names}
        path = folder / f"nodes_{label}.csv"
        with atomic_file(path, "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(["key:ID", ":LABEL", *(csv_header(k, kinds[k]) for k in names)])
            for n, d in rows:
                w.writerow([cell(n), ARRAY_DELIMITER.join(d.get("labels", ()) or (label,)),
                            *(csv_cell(cell, d.get(k), kinds[k]) for k in names)])
        written.append(path)
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        by_type.setdefault(k, []).append((u, v, d))
    for rel, rows in sorted(by_type.items()):
        names = sorted({k for _, _, d in rows for k in d} - {"type"})
        kinds = {k: csv_type([d.get(k) for _, _, d in rows]) for k in names}
        path = folder / f"relationships_{rel}.csv"
        with atomic_file(path, "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow([":START_ID", ":END_ID", ":TYPE", *(csv_header(k, kinds[k]) for k in names)])
            for u, v, d in rows:
                w.writerow([cell(u), cell(v), rel, *(csv_cell(cell, d.get(k), kinds[k]) for k in names)])
        written.append(path)
    return [*written, import_note(folder, written)]


#: the temporary file :func:`graph.stores.atomic.atomic_file` writes beside ``NAME``: ".NAME.<random>.part"
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[^.]+\.part")


def failed_path(exc: OSError, output: Path) -> Path:
    """The user's file that could not be written: the one an error names (its target, not the temporary
    ``.part`` file written first), else ``output``."""
    named = exc.filename2 or exc.filename  # os.replace(temporary, target) names both
    if not named:
        return output
    path = Path(named)
    temporary = _TEMPORARY.fullmatch(path.name)
    return path.with_name(temporary["name"]) if temporary else path


def export_graph(g: Graph, fmt: str, output: Path, spreadsheet_safe: bool = False) -> list[Path]:
    """Export ``g`` in ``fmt`` (json, graphml, gexf: a file; csv: a folder); returns the files written.
    ``spreadsheet_safe`` (csv only): see :func:`write_csv`.

    A file that cannot be written raises :class:`LineageError` naming it. Each file is written whole
    or not at all."""
    if fmt == "csv":
        return _said(Path(output), lambda: write_csv(g, Path(output), safe=spreadsheet_safe))
    return _said(Path(output), lambda: _export(g, fmt, Path(output)))


def export_store(source: Store, fmt: str, output: Path, spreadsheet_safe: bool = False) -> list[Path]:
    """Export what ``source`` holds, as :func:`export_graph`, the same bytes. Every format of the store
    file is written as its rows are read, one at a time (in one read transaction; a node's relationships
    at once): the graph is never loaded whole, so the national store exports in little memory."""
    from graph.stores.embedded import EmbeddedReader
    from graph.stores.flat_rows import StoreRows
    from graph.stores.sqlite_store import open_readonly

    if fmt not in FORMATS or not isinstance(source, EmbeddedReader):  # Neo4j: the graph read whole
        return export_graph(source.read_graph(), fmt, output, spreadsheet_safe=spreadsheet_safe)
    output = Path(output)
    with contextlib.closing(open_readonly(source.path)) as conn:
        conn.execute("BEGIN")  # every pass reads the same state, whatever an ingest commits meanwhile
        try:
            rows = StoreRows(conn, str(source.path))
            if fmt == "csv":
                from graph.stores.csv_stream import write_csv_rows

                return _said(output, lambda: write_csv_rows(rows, output, safe=spreadsheet_safe))
            if fmt == "json":
                from graph.stores.json_stream import store_meta

                graph = store_meta(conn, str(source.path))
                return _said(output, lambda: _write_json(rows, graph, output))
            return _said(output, lambda: _write_xml(rows, fmt, output))
        finally:
            conn.execute("ROLLBACK")


def _said(output: Path, export: Callable[[], list[Path]]) -> list[Path]:
    """``export()``, its failures to write said as one line naming the file."""
    try:
        return export()
    except OSError as exc:
        raise LineageError(_("{path}: cannot write the export ({reason})").format(
            path=failed_path(exc, output), reason=exc.strerror)) from None
    except UnicodeError:
        raise LineageError(_("{path}: cannot write the export: the store holds text that is not valid "
                             "Unicode (nothing was written)").format(path=output),
                           hint=_("ingest the source files again")) from None


def _export(g: Graph, fmt: str, output: Path) -> list[Path]:
    from graph.stores.flat_rows import GraphRows

    if fmt in XML_FORMATS:
        return _write_xml(GraphRows(g), fmt, output)
    if fmt != "json":
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    output.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(output, "w", encoding="utf-8") as f:  # piece by piece: never the whole text at once
        f.writelines(json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(node_link(g)))
    return [output]


def _write_json(rows: Rows, graph: dict[str, Any], output: Path) -> list[Path]:
    """The node-link JSON, streamed: byte for byte what :func:`_export` writes of the graph."""
    from graph.stores.json_stream import write_json

    output.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(output, "w", encoding="utf-8") as f:
        write_json(rows, graph, f)
    return [output]


def _write_xml(rows: Rows, fmt: str, output: Path) -> list[Path]:
    """GraphML or GEXF, streamed: byte for byte what networkx writes of :func:`flat_graph`."""
    from graph.stores.flat_rows import FlatRows
    from graph.stores.gexf_stream import write_gexf
    from graph.stores.graphml_stream import write_graphml

    write = write_graphml if fmt == "graphml" else write_gexf
    output.parent.mkdir(parents=True, exist_ok=True)
    write_with(output, lambda f: write(FlatRows(rows), f))
    return [output]
