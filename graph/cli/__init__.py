"""The ``lineage`` command line: a thin layer over the library (arguments in, printed answers out).

Each module below registers its commands on :data:`graph.cli.app.app`.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

from graph.cli.app import app
from graph.cli.common import fail
from graph.errors import LineageError
from graph.i18n import library_language

# Command modules, in the order their commands appear in --help; importing one registers its commands.
COMMAND_MODULES = ("extract_cmd", "store_cmds", "neo4j_cmds", "find_cmd", "lineage_cmds", "agency_cmds",
                   "compare_cmds", "check_cmd", "show_cmd", "remove_cmd", "upgrade_cmd")
#: each command and the module that registers it (tests/test_cli_lazy_commands.py keeps it in step)
COMMANDS = {"extract": "extract_cmd", "ingest": "store_cmds", "stats": "store_cmds", "export": "store_cmds",
            "push": "neo4j_cmds", "find": "find_cmd", "bases": "lineage_cmds", "derived": "lineage_cmds",
            "status": "lineage_cmds", "agency": "agency_cmds", "targets": "agency_cmds",
            "path": "compare_cmds", "compare": "compare_cmds", "check": "check_cmd", "show": "show_cmd",
            "demo": "show_cmd", "remove": "remove_cmd", "migrate": "upgrade_cmd"}


def command_asked(args: Sequence[str]) -> str | None:
    """The known command that the arguments of ``lineage`` name (the first word after the group's own
    --lang option), or None (no command, --help, an unknown word: every command is needed)."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang":
            i += 2
        elif arg.startswith("--lang="):
            i += 1
        else:
            return arg if arg in COMMANDS else None
    return None


def _started_as_lineage() -> bool:
    """Whether this process is the ``lineage`` program (its console script, or ``python -m graph.cli``)."""
    if Path(sys.argv[0]).name == "lineage":
        return True
    argv = getattr(sys, "orig_argv", [])
    return any(a == "-m" and b == "graph.cli" for a, b in itertools.pairwise(argv))


def load_commands(args: Sequence[str] | None = None) -> None:
    """Register the commands: only the module of the command ``args`` name when they name a known one
    (a run imports one command module, not eleven), else all of them."""
    name = command_asked(args) if args is not None else None
    for module in (COMMANDS[name],) if name else COMMAND_MODULES:
        importlib.import_module(f"graph.cli.{module}")


load_commands(sys.argv[1:] if _started_as_lineage() else None)


def main() -> None:
    """Console-script entry point: run the app, turning user errors into one line and an exit code."""
    library_language()  # typer's own words (a usage error before --lang is read) in the user's language
    try:
        app(standalone_mode=True)
    except LineageError as exc:  # raised outside a command's own handling
        raise SystemExit(fail(exc).exit_code) from None
    finally:
        # the process ends here: what it holds (patterns, vocabularies, the models' validators) is freed
        # at exit without the cyclic collector walking it all again first (~50 ms of CPU a run)
        gc.freeze()


__all__ = ["app", "main"]
