"""The CSV export (``neo4j-admin import`` files) written as the rows are read, byte for byte what
:func:`graph.stores.exports.write_csv` writes of the whole graph -- without the graph in memory.

Two passes over the rows: a survey (each file's columns and their types: what ``write_csv`` finds by
reading every row of a label or a relationship type) and the pass that writes every file at once
(a store with very many labels or types is written a few dozen files per pass).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from graph.stores.atomic import atomic_file
from graph.stores.csv_format import (
    ARRAY_DELIMITER,
    csv_cell,
    csv_header,
    import_note,
    primary_label,
    spreadsheet_safe,
)
from graph.stores.flat_rows import Rows

#: files written in one pass (open at once)
FILES_PER_PASS = 32

Row = tuple[Any, Any, dict[str, Any]]  # (node key, None, attributes) or (source, target, attributes)
Columns = dict[str, str]  # column name -> CSV type, in the file's order
Cell = Callable[[str], str]  # a text cell as written (spreadsheet-safe or as it is)
First = Callable[[str, Row, Cell], list[str]]  # the cells before the attributes

# What a value counts as, for the CSV type of its column (csv_format.csv_type): bool, int, float, list,
# other.
_CLASS = {bool: "bool", int: "int", float: "float", list: "list", tuple: "list", str: "other"}


def _class(value: Any) -> str:
    found = _CLASS.get(type(value))
    if found:
        return found
    for kind, name in ((bool, "bool"), (int, "int"), (float, "float"), ((list, tuple), "list")):
        if isinstance(value, kind):
            return name
    return "other"


def _csv_kind(classes: set[str]) -> str:
    """As ``csv_format.csv_type`` of the values whose classes are ``classes`` (None left out)."""
    if classes == {"bool"}:
        return "boolean"
    if classes == {"int"}:
        return "int"
    if classes and classes <= {"int", "float"}:
        return "float"
    if classes == {"list"}:
        return "string[]"
    return "string"


def survey(grouped: Iterable[tuple[str, Row]], skip: set[str]) -> dict[str, Columns]:
    """Each group's columns (its rows' attributes but ``skip``, sorted) and their CSV types."""
    seen: dict[str, dict[str, set[str]]] = {}
    for group, (_u, _v, data) in grouped:
        names = seen.get(group)
        if names is None:
            names = seen[group] = {}
        for name, value in data.items():
            classes = names.get(name)
            if classes is None:
                classes = names[name] = set()
            if value is not None:
                classes.add(_class(value))
    return {group: {name: _csv_kind(names[name]) for name in sorted(set(names) - skip)}
            for group, names in seen.items()}


def _node_rows(rows: Rows) -> Iterator[tuple[str, Row]]:
    for n, d in rows.nodes():
        yield primary_label(d.get("labels", ())), (n, None, d)


def _edge_rows(rows: Rows) -> Iterator[tuple[str, Row]]:
    for u, v, k, d in rows.edges():
        yield k, (u, v, d)


def _write_groups(grouped: Callable[[], Iterable[tuple[str, Row]]], files: dict[str, Path],
                  columns: dict[str, Columns], head: list[str],
                  first: First, cell: Cell) -> None:
    """Every group's file, ``FILES_PER_PASS`` at a time: the header, then its rows in the rows' order."""
    groups = sorted(files)
    for start in range(0, len(groups), FILES_PER_PASS):
        with ExitStack() as stack:
            writers = {}
            for group in groups[start:start + FILES_PER_PASS]:
                out = stack.enter_context(atomic_file(files[group], "w", newline="", encoding="utf-8"))
                writers[group] = w = csv.writer(out)
                w.writerow([*head, *(csv_header(k, kind) for k, kind in columns[group].items())])
            for group, row in grouped():
                w = writers.get(group)
                if w is not None:
                    data = row[2]
                    w.writerow([*first(group, row, cell),
                                *(csv_cell(cell, data.get(k), kind) for k, kind in columns[group].items())])


def _node_first(label: str, row: Row, cell: Cell) -> list[str]:
    n, _v, d = row
    return [cell(n), ARRAY_DELIMITER.join(d.get("labels", ()) or (label,))]


def _edge_first(kind: str, row: Row, cell: Cell) -> list[str]:
    u, v, _d = row
    return [cell(u), cell(v), kind]


def write_csv_rows(rows: Rows, folder: Path, safe: bool = False) -> list[Path]:
    """As :func:`graph.stores.exports.write_csv`, from the rows (each read twice) rather than a graph."""
    cell = spreadsheet_safe if safe else str
    node_columns = survey(_node_rows(rows), {"key", "labels"})
    edge_columns = survey(_edge_rows(rows), {"type"})
    folder.mkdir(parents=True, exist_ok=True)  # after the survey: a damaged store leaves nothing behind
    node_files = {label: folder / f"nodes_{label}.csv" for label in node_columns}
    edge_files = {kind: folder / f"relationships_{kind}.csv" for kind in edge_columns}
    _write_groups(lambda: _node_rows(rows), node_files, node_columns, ["key:ID", ":LABEL"], _node_first, cell)
    _write_groups(lambda: _edge_rows(rows), edge_files, edge_columns, [":START_ID", ":END_ID", ":TYPE"],
                  _edge_first, cell)
    written = [node_files[label] for label in sorted(node_files)]
    written += [edge_files[kind] for kind in sorted(edge_files)]
    return [*written, import_note(folder, written)]
