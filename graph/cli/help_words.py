"""typer's own words on a --help screen (panel titles, "Usage:", the --help option, [default: …]) in the
user's language, so a Vietnamese help page is Vietnamese from its first line.

typer writes these words from module constants and from its bundled click; :func:`localize_typer` sets
them when a help screen is drawn (typer.rich_utils costs 70 ms to import: a query never loads it). The
sentence of a usage error ("Missing argument …", click's f-string) is said by graph/cli/usage_words.py.
"""

from __future__ import annotations

from typing import Any

from typer._click.core import Command

from graph.i18n import _


def _panel_words() -> dict[str, str]:
    """typer.rich_utils constant -> its text in the user's language (placeholders kept as typer has them)."""
    return {
        "ARGUMENTS_PANEL_TITLE": _("Arguments"),
        "OPTIONS_PANEL_TITLE": _("Options"),
        "COMMANDS_PANEL_TITLE": _("Commands"),
        "ERRORS_PANEL_TITLE": _("Error"),
        "DEFAULT_STRING": _("[default: {}]"),
        "REQUIRED_LONG_STRING": _("[required]"),
        "ENVVAR_STRING": _("[env var: {}]"),
        "ABORTED_TEXT": _("Aborted."),
        "RICH_HELP": _("Try [blue]'{command_path} {help_option}'[/] for help."),
    }


def _format_usage(self: Command, ctx: Any, formatter: Any) -> None:
    """click's usage line, its "Usage:" in the user's language."""
    pieces = " ".join(self.collect_usage_pieces(ctx))
    formatter.write_usage(ctx.command_path, pieces, prefix=_("Usage:") + " ")


Command.format_usage = _format_usage  # type: ignore[method-assign]  # its word is looked up as it is drawn


def localize_typer(ctx: Any) -> None:
    """Put typer's words on the help screen of ``ctx`` in the user's language (call as it is drawn)."""
    import typer.rich_utils as rich_utils

    for name, text in _panel_words().items():
        setattr(rich_utils, name, text)
    option = ctx.command.get_help_option(ctx)
    if option is not None:
        option.help = _("Show this message and exit.")
