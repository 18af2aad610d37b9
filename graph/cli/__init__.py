"""The ``lineage`` command line: a thin layer over the library (arguments in, printed answers out).

Each module below registers its commands on :data:`graph.cli.app.app`.
"""

from __future__ import annotations

import importlib

from graph.cli.app import app
from graph.cli.common import fail
from graph.errors import LineageError

# Command modules, in the order their commands appear in --help; importing one registers its commands.
COMMAND_MODULES = ("extract_cmd", "store_cmds", "neo4j_cmds", "find_cmd", "lineage_cmds", "agency_cmds",
                   "compare_cmds", "check_cmd", "show_cmd", "remove_cmd", "upgrade_cmd")
for _name in COMMAND_MODULES:
    importlib.import_module(f"graph.cli.{_name}")


def main() -> None:
    """Console-script entry point: run the app, turning user errors into one line and an exit code."""
    try:
        app(standalone_mode=True)
    except LineageError as exc:  # raised outside a command's own handling
        raise SystemExit(fail(exc).exit_code) from None


__all__ = ["app", "main"]
