"""The cells, headers and files of the neo4j-admin import CSV export, shared by the whole-graph writer
(:func:`graph.stores.exports.write_csv`) and the one that streams the store
(:mod:`graph.stores.csv_stream`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.stores.atomic import write_text

ARRAY_DELIMITER = "|"
_LABEL_ORDER = ("Document", "Agency", "Project", "Target")


def csv_type(values: list[Any]) -> str:
    """The neo4j-admin type of a column holding ``values`` (None left out): boolean, int, float, string[] or
    string."""
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


def csv_header(name: str, kind: str) -> str:
    """A column's header: its name, and its type unless it is a string."""
    return name if kind == "string" else f"{name}:{kind}"


def csv_cell(cell: Any, value: Any, kind: str) -> str:
    """A value as its cell; ``cell`` shapes text cells (:func:`spreadsheet_safe` or ``str``)."""
    text = _csv_value(value, kind)
    return cell(text) if kind in ("string", "string[]") else text


def primary_label(labels: Iterable[str]) -> str:
    """The label whose file a node goes in (Document before Agency, Project, Target)."""
    labels = tuple(labels)
    for label in _LABEL_ORDER:
        if label in labels:
            return label
    return labels[0] if labels else "Node"


def import_note(folder: Path, written: list[Path]) -> Path:
    """``neo4j-admin-import.txt`` in ``folder``: the command that imports the CSV files ``written``."""
    command = ["neo4j-admin database import full neo4j", f"--array-delimiter='{ARRAY_DELIMITER}'"]
    command += [f"--nodes={p.name}" for p in written if p.name.startswith("nodes_")]
    command += [f"--relationships={p.name}" for p in written if p.name.startswith("relationships_")]
    note = folder / "neo4j-admin-import.txt"
    write_text(note, "# run in this folder, with the database stopped\n" + " \\\n  ".join(command) + "\n")
    return note
