"""Export the lineage graph: JSON node-link, GraphML and GEXF (Gephi), CSV for ``neo4j-admin import``.

- ``json``: ``{"directed", "multigraph", "graph", "nodes": [{"id", "labels": [...], ...}],
  "links": [{"source", "target", "type", "properties": {...}}]}`` -- every property as stored
  (a relationship's properties are nested because its provenance property ``source`` -- the file --
  would clash with node-link's ``source`` end).
- ``graphml`` / ``gexf``: one file Gephi opens. Attribute values must be scalars there, so lists are
  joined with "; " and ``labels`` becomes one string ("Document:LegalBasis"); each node also gets a
  ``label`` (number, name or text) for Gephi to show; characters XML 1.0 forbids become spaces.
- ``csv``: a folder with ``nodes_<Label>.csv`` (``key:ID``, ``:LABEL``, typed property columns) and
  ``relationships_<TYPE>.csv`` (``:START_ID``, ``:END_ID``, ``:TYPE``, properties), plus
  ``neo4j-admin-import.txt`` with the command that imports them. Arrays (and ``:LABEL``, which
  neo4j-admin splits on the same delimiter) use ``|``;
  line breaks inside text become spaces (so no ``--multiline-fields`` is needed).
  Cells are written as they are, even those beginning with ``=``, ``+``, ``-`` or ``@``, which a
  spreadsheet would run as formulas: neo4j-admin needs the raw values. ``spreadsheet_safe`` (for
  opening in Excel / LibreOffice, not for neo4j-admin) puts a ``'`` before such text cells.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import LineageError
from graph.i18n import _
from graph.stores.atomic import atomic_file, write_text, write_with

if TYPE_CHECKING:  # networkx is imported when an export runs (the CLI's start-up reads FORMATS)
    import networkx as nx

    from graph.lineage_graph import Graph

FORMATS = ("json", "graphml", "gexf", "csv")
ARRAY_DELIMITER = "|"
_LABEL_ORDER = ("Document", "Agency", "Project", "Target")


def node_link(g: Graph) -> dict[str, Any]:
    """The graph as JSON-ready node-link data (labels as lists)."""
    nodes = [{"id": n, **{k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}}
             for n, d in g.nodes(data=True)]
    links = [{"source": u, "target": v, "type": k, "properties": {a: b for a, b in d.items() if a != "type"}}
             for u, v, k, d in g.edges(keys=True, data=True)]
    return {"directed": True, "multigraph": True, "graph": dict(g.graph), "nodes": nodes, "links": links}


# Characters XML 1.0 forbids (Word's manual line break \x0b, \x1a ...): GraphML / GEXF would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    return _NOT_XML.sub(" ", value) if isinstance(value, str) else value


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return _xml_safe("; ".join(str(v) for v in value))
    return _xml_safe(value)


def _xml_ids(g: Graph) -> dict[Any, str]:
    """Node ids XML can hold, one per node: forbidden characters shown as ``\\xNN``, and an id that
    would still meet another's (keys that differ only there) gets ``#2``, ``#3`` ... -- never merged."""
    ids: dict[Any, str] = {}
    used: set[str] = set()
    for n in g.nodes:
        base = _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", str(n))
        name, i = base, 1
        while name in used:
            i += 1
            name = f"{base}#{i}"
        used.add(name)
        ids[n] = name
    return ids


def _display_label(key: str, data: dict[str, Any]) -> str:
    for name in ("number", "name", "title", "text"):
        if data.get(name):
            return str(data[name])[:80]
    return key


def flat_graph(g: Graph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only (for GraphML / GEXF); numbers of one attribute share a type."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    floats = _float_attributes(d for _, d in g.nodes(data=True))
    ids = _xml_ids(g)
    for n, d in g.nodes(data=True):
        attrs = {k: _as(k, _flat(v), floats) for k, v in d.items() if v is not None}
        attrs["labels"] = ":".join(d.get("labels", ()))
        attrs["label"] = _xml_safe(_display_label(n, d))
        if "key" in attrs:
            attrs["key"] = ids[n]
        flat.add_node(ids[n], **attrs)
    efloats = _float_attributes(d for _, _, d in g.edges(data=True))
    for u, v, k, d in g.edges(keys=True, data=True):
        flat.add_edge(ids[u], ids[v], key=k,
                      **{a: _as(a, _flat(b), efloats) for a, b in d.items() if b is not None})
    return flat


def _float_attributes(rows: Iterable[dict[str, Any]]) -> set[str]:
    return {k for d in rows for k, v in d.items() if isinstance(v, float)}


def _as(name: str, value: Any, floats: set[str]) -> Any:
    if name in floats and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _csv_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "float"
    if present and all(isinstance(v, (list, tuple)) for v in present):
        return "string[]"
    return "string"


def _csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "string[]":
        return ARRAY_DELIMITER.join(_one_line(str(v)).replace(ARRAY_DELIMITER, "/") for v in value)
    if kind == "boolean":
        return "true" if value else "false"
    return _one_line(str(value))


def _one_line(text: str) -> str:
    return " ".join(text.split())


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(cell: str) -> str:
    """A text cell a spreadsheet shows as text: a leading ``'`` when it would start a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _cell(cell: Any, value: Any, kind: str) -> str:
    text = _csv_value(value, kind)
    return cell(text) if kind in ("string", "string[]") else text


def primary_label(labels: Iterable[str]) -> str:
    labels = tuple(labels)
    for label in _LABEL_ORDER:
        if label in labels:
            return label
    return labels[0] if labels else "Node"


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
        kinds = {k: _csv_type([d.get(k) for _, d in rows]) for k in names}
        path = folder / f"nodes_{label}.csv"
        with atomic_file(path, "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(["key:ID", ":LABEL", *(_header(k, kinds[k]) for k in names)])
            for n, d in rows:
                w.writerow([cell(n), ARRAY_DELIMITER.join(d.get("labels", ()) or (label,)),
                            *(_cell(cell, d.get(k), kinds[k]) for k in names)])
        written.append(path)
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        by_type.setdefault(k, []).append((u, v, d))
    for rel, rows in sorted(by_type.items()):
        names = sorted({k for _, _, d in rows for k in d} - {"type"})
        kinds = {k: _csv_type([d.get(k) for _, _, d in rows]) for k in names}
        path = folder / f"relationships_{rel}.csv"
        with atomic_file(path, "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow([":START_ID", ":END_ID", ":TYPE", *(_header(k, kinds[k]) for k in names)])
            for u, v, d in rows:
                w.writerow([cell(u), cell(v), rel, *(_cell(cell, d.get(k), kinds[k]) for k in names)])
        written.append(path)
    command = ["neo4j-admin database import full neo4j", f"--array-delimiter='{ARRAY_DELIMITER}'"]
    command += [f"--nodes={p.name}" for p in written if p.name.startswith("nodes_")]
    command += [f"--relationships={p.name}" for p in written if p.name.startswith("relationships_")]
    note = folder / "neo4j-admin-import.txt"
    write_text(note, "# run in this folder, with the database stopped\n" + " \\\n  ".join(command) + "\n")
    return [*written, note]


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
    try:
        if fmt == "csv":
            return write_csv(g, Path(output), safe=spreadsheet_safe)
        return _export(g, fmt, Path(output))
    except OSError as exc:
        raise LineageError(_("{path}: cannot write the export ({reason})").format(
            path=failed_path(exc, Path(output)), reason=exc.strerror)) from None
    except UnicodeError:
        raise LineageError(_("{path}: cannot write the export: the store holds text that is not valid "
                             "Unicode (nothing was written)").format(path=output),
                           hint=_("ingest the source files again")) from None


def _export(g: Graph, fmt: str, output: Path) -> list[Path]:
    import networkx as nx

    if fmt == "csv":
        return write_csv(g, output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        with atomic_file(output, "w", encoding="utf-8") as f:  # piece by piece: never the whole text at once
            f.writelines(json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(node_link(g)))
    elif fmt == "graphml":
        flat = flat_graph(g)
        write_with(output, lambda f: nx.write_graphml(flat, f, encoding="utf-8"))
    elif fmt == "gexf":
        flat = flat_graph(g)
        write_with(output, lambda f: nx.write_gexf(flat, f, encoding="utf-8"))
    else:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return [output]
