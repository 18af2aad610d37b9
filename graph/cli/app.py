"""The typer application object that every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="lineage",
    help=(
        "Lineage graph of Vietnamese policy documents: which central decisions underpin a provincial plan, "
        "and is that foundation still sound?"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
