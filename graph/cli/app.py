"""The typer application object that every command module registers on."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup, TyperOption

from graph.cli.help_words import localize_typer
from graph.i18n import _, set_language

if TYPE_CHECKING:  # typer carries its own copy of click (typer._click) from 0.29 on: types only
    import click


def _type_of_valued_options(option: TyperOption, ctx) -> str | None:
    """The type column of --help, empty for flags (--json, --open: they take no value, so no <bool>)."""
    return None if option.is_flag else _typer_display_type(option, ctx)


_typer_display_type = TyperOption.display_type_rich
TyperOption.display_type_rich = _type_of_valued_options  # type: ignore[method-assign]


def _localized_command_help(command: TyperCommand, ctx: click.Context,
                            formatter: click.HelpFormatter) -> None:
    """A command's --help with typer's own words (panel titles, "Usage:") in the user's language."""
    localize_typer(ctx)
    _typer_command_help(command, ctx, formatter)


_typer_command_help = TyperCommand.format_help
TyperCommand.format_help = _localized_command_help  # type: ignore[method-assign]


def help_texts(command: click.Command) -> Iterator[tuple[object, str]]:
    """(object, help text) of ``command``, its parameters and its sub-commands, texts as --help shows them."""
    if command.help:
        yield command, inspect.cleandoc(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            yield param, param.help  # type: ignore[attr-defined]
    for sub in getattr(command, "commands", {}).values():
        yield from help_texts(sub)


def localize_help(command: click.Command) -> None:
    """The help texts of ``command`` and below in the user's language (the catalogs hold them)."""
    for obj, text in help_texts(command):
        obj.help = _(text)  # type: ignore[attr-defined]


@contextmanager
def _usage_errors_in_language() -> Iterator[None]:
    """A usage error raised inside ("No such option: --foo") said in the user's language
    (graph/cli/usage_words.py, loaded only when one happens); typer shows it as before."""
    try:
        yield
    except UsageError as error:
        from graph.cli.usage_words import worded

        replacement = worded(error)
        if replacement is None:
            raise
        raise replacement from None


class _LocalizedGroup(TyperGroup):
    """``lineage --help`` in the user's language even before --lang's own handling has run, and click's
    usage errors (the group's own options, a command's arguments and values) in that language too."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        localize_help(self)
        localize_typer(ctx)
        super().format_help(ctx, formatter)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra) -> click.Context:
        with _usage_errors_in_language():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context):
        with _usage_errors_in_language():
            return super().invoke(ctx)


app = typer.Typer(
    cls=_LocalizedGroup,
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


class Language(str, Enum):
    vi = "vi"
    en = "en"


def _use_language(ctx: typer.Context, _param: typer.CallbackParam, lang: Language | None) -> Language | None:
    """--lang (or $LINEAGE_LANG, the locale): messages, tables and the --help of the commands that follow."""
    set_language(lang.value if lang else None)
    localize_help(ctx.command)
    return lang


@app.callback()
def choose_language(
    lang: Annotated[Language | None, typer.Option(
        "--lang", is_eager=True, callback=_use_language,
        help="Language of the tables, messages and help: vi or en (default: $LINEAGE_LANG, else the "
        "locale's language, else vi). JSON is the same in both. Give it before the command: "
        "lineage --lang en bases …"
    )] = None,
) -> None:
    """Lineage graph of Vietnamese policy documents: which central decisions underpin a provincial plan,
    and is that foundation still sound?"""
