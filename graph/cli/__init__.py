"""The ``lineage`` command line: a thin layer over the library.

Each module below registers its commands on :data:`graph.cli.app.app`.
"""

from __future__ import annotations

import importlib

from graph.cli.app import app
from graph.cli.common import fail
from graph.errors import LineageError

# Command modules, in the order their commands appear in --help. A module that is missing
# (work in progress) is skipped so the rest of the CLI still works.
COMMAND_MODULES = ("extract_cmd", "store_cmds", "neo4j_cmds", "query_cmds", "show_cmd")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"graph.cli.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is not written yet
        if exc.name != f"graph.cli.{_name}":
            raise


def main() -> None:
    """Console-script entry point: run the app, turning user errors into one line and an exit code."""
    try:
        app(standalone_mode=True)
    except LineageError as exc:  # raised outside a command's own handling
        raise SystemExit(fail(exc).exit_code) from None


__all__ = ["app", "main"]
