"""A ``lineage`` run imports only the module of the command it runs (issue 17: the fixed cost of a run)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import COMMAND_MODULES, COMMANDS, app, command_asked

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = sorted((ROOT / "graph" / "data" / "corpus").glob("*.txt"))[0]
ENV = {**os.environ, "COLUMNS": "200", "NEO4J_URI": "", "LINEAGE_STORE": "", "PYTHONPATH": str(ROOT)}
# Runs `lineage ARGS...` as the console script does, then prints the graph.cli modules it imported.
_RUN = ("import json, sys\nsys.argv = ['lineage', *sys.argv[1:]]\nfrom graph.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "finally:\n    print(json.dumps(sorted(m for m in sys.modules if m.startswith('graph.cli.'))),"
        " file=sys.stderr)\n")


def command_modules_imported(*args: str) -> set[str]:
    """The command modules a whole ``lineage ARGS`` process imports."""
    proc = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, cwd=ROOT,
                          env=ENV, timeout=120)
    modules = json.loads(proc.stderr.strip().splitlines()[-1])
    return {m.removeprefix("graph.cli.") for m in modules} & set(COMMAND_MODULES)


def test_commands_map_to_the_modules_that_register_them() -> None:
    for module in COMMAND_MODULES:
        importlib.import_module(f"graph.cli.{module}")
    registered = {c.name: c.callback.__module__.removeprefix("graph.cli.") for c in app.registered_commands}
    assert registered == COMMANDS
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)


@pytest.mark.parametrize(("args", "expected"), [
    (["extract", "a.txt"], "extract"),
    (["--lang", "en", "bases", "X"], "bases"),
    (["--lang=vi", "find", "y"], "find"),
    (["--help"], None),
    (["--lang", "en"], None),
    (["extrct"], None),
    ([], None),
])
def test_the_command_asked_is_the_first_word_after_lang(args: list[str], expected: str | None) -> None:
    assert command_asked(args) == expected


def test_extract_imports_only_its_own_command_module() -> None:
    assert command_modules_imported("extract", str(SAMPLE), "--format", "json") == {"extract_cmd"}
    assert command_modules_imported("--lang", "en", "extract", "--help") == {"extract_cmd"}


def test_help_and_unknown_commands_still_see_every_command() -> None:
    assert command_modules_imported("--help") == set(COMMAND_MODULES)
    assert command_modules_imported("extrct") == set(COMMAND_MODULES)
