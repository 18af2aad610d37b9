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
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200", "LINEAGE_LANG": "en"})
    assert result.exit_code == 0, result.output
    cmd = typer.main.get_command(app)
    for name in command:
        cmd = cmd.commands[name]
    assert (cmd.help or "").strip(), f"lineage {' '.join(command)} has no help text"
    assert "Example" in result.output, f"lineage {' '.join(command)} --help shows no example"


def test_top_level_help_lists_the_commands():
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200", "LINEAGE_LANG": "en"})
    assert result.exit_code == 0
    assert all(c[0] in result.output for c in COMMANDS)


def _params(command: tuple[str, ...]):
    cmd = typer.main.get_command(app)
    for name in command:
        cmd = cmd.commands[name]
    return cmd.params


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(c) or "lineage")
def test_flags_show_no_type(command):
    """--json, --open, --clear take no value: --help shows no <bool> / BOOLEAN beside them."""
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200", "LINEAGE_LANG": "en"})
    assert "<bool>" not in result.output and "BOOLEAN" not in result.output


def test_an_option_or_argument_has_one_name_across_commands():
    """--store is a PATH everywhere, --as-of a DATE, a document a DOC, files PATH..."""
    metavars: dict[str, set[str | None]] = {}
    for command in COMMANDS:
        for p in _params(command):
            if p.param_type_name == "option":
                metavars.setdefault(p.opts[0], set()).add(p.metavar)
    assert {k: v for k, v in metavars.items() if len(v) > 1} == {}
    doc_args = {c[0]: p.metavar for c in COMMANDS for p in _params(c)
                if p.param_type_name == "argument" and p.name == "doc"}
    assert set(doc_args) >= {"bases", "derived", "status", "show"} and set(doc_args.values()) == {"DOC"}
    paths = {c[0]: p.metavar for c in COMMANDS for p in _params(c) if p.name == "paths"}
    assert set(paths.values()) == {"PATH..."}, paths


def test_every_command_that_talks_to_neo4j_takes_neo4j():
    for command in COMMANDS:
        opts = {o for p in _params(command) for o in p.opts}
        if "--user" in opts:
            assert "--neo4j" in opts, f"lineage {' '.join(command)} has --user but no --neo4j"
    push = {o for p in _params(("push",)) for o in p.opts}
    assert {"--neo4j", "--uri"} <= push  # --uri kept for the scripts that use it
    help_text = CliRunner().invoke(app, ["push", "--help"], env={"COLUMNS": "200"}).output
    assert "--neo4j" in help_text and "--uri" in help_text
