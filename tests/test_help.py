"""Every command of the ``lineage`` app has help text with an example (fails when one lacks it)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from graph.cli import app


def _commands(group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command path (typer ships its own click: test for ``commands``)."""
    out = []
    if isinstance(getattr(group, "commands", None), dict):
        for name, cmd in sorted(group.commands.items()):
            out.append((*prefix, name))
            out += _commands(cmd, (*prefix, name))
    return out


COMMANDS = _commands(typer.main.get_command(app))


def test_the_query_commands_are_registered():
    names = {c[0] for c in COMMANDS}
    assert {"find", "bases", "derived", "status", "agency", "targets", "path", "compare", "check"} <= names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_has_help_with_an_example(command):
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    cmd = typer.main.get_command(app)
    for name in command:
        cmd = cmd.commands[name]
    assert (cmd.help or "").strip(), f"lineage {' '.join(command)} has no help text"
    assert "Example" in result.output, f"lineage {' '.join(command)} --help shows no example"


def test_top_level_help_lists_the_commands():
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert all(c[0] in result.output for c in COMMANDS)
