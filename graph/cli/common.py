"""What every command shares: error reporting, exit codes, the store and Neo4j options."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph.errors import LineageError
from graph.i18n import _
from graph.problem_text import on_screen

if TYPE_CHECKING:
    from graph.cli.safe_console import SafeConsole

    console: SafeConsole
    err_console: SafeConsole


def __getattr__(name: str) -> SafeConsole:
    """``console`` (stdout) and ``err_console`` (stderr, one line a message), each made when first asked
    for: rich (~17 ms of imports) is loaded by a run that prints through it, not by every run (a JSON
    extract without problems). Data (titles, citing words, file names) is printed as text, never as
    markup or control sequences."""
    if name not in ("console", "err_console"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from graph.cli.safe_console import SafeConsole

    made = SafeConsole() if name == "console" else SafeConsole(stderr=True, one_line=True)
    globals()[name] = made
    return made


def _err_console() -> SafeConsole:
    """:data:`err_console`, made if it was not yet (the module's own functions do not go through
    ``__getattr__``)."""
    made = globals().get("err_console")
    return made if made is not None else __getattr__("err_console")


# Exit codes: 0 found / ok, 1 nothing found, 2 bad usage or bad input, 3 Neo4j failure.
EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_NEO4J = 0, 1, 2, 3


def fail(error: LineageError) -> typer.Exit:
    """Print a user error in one line (plus its hint) and return the Exit to raise."""
    from rich.markup import escape

    err_console = _err_console()
    err_console.print(f"[bold red]{escape(_('error:'))}[/] {escape(str(error))}", highlight=False,
                      soft_wrap=True, markup=True)
    if error.hint:
        err_console.print(f"[dim]{escape(_('hint:'))}[/] {escape(error.hint)}", highlight=False,
                          soft_wrap=True, markup=True)
    return typer.Exit(error.exit_code)


#: what rich changes in a line it prints without styles: tabs (expanded to spaces) and backslashes (its
#: markup escapes can double one); a problem line with neither is written directly when there are no colours
_RICH_REWRITES = re.compile(r"[\t\\]")


def print_problem(where: str, severity: str, message: str) -> None:
    """One problem of a file on stderr, in one line: its label, where it is (file, line) and what it
    is, in the user's language (``message`` is the English one the JSON keeps).

    Without colours (stderr is not a terminal) a line that rich would print as it is, as nearly all
    are, is written directly: the same text for ~5% of the CPU (rich takes ~0.14 ms a line)."""
    from rich.markup import escape

    from graph.cli.safe_console import safe_text

    err_console = _err_console()
    label = _("error:") if severity == "error" else _("warning:")
    said = on_screen(message)
    line = f"{label} {where}: {said}"
    if err_console.color_system is None and not _RICH_REWRITES.search(line):
        err_console.file.write(safe_text(line, True) + "\n")
        return
    colour = "red" if severity == "error" else "yellow"
    err_console.print(f"[bold {colour}]{escape(label)}[/] {escape(where)}: {escape(said)}",
                      highlight=False, soft_wrap=True, markup=True)


def print_json(data: Any) -> None:
    """Print models or plain data as stable, indented UTF-8 JSON on stdout."""
    from pydantic import BaseModel

    if isinstance(data, BaseModel):
        text = data.model_dump_json(indent=2)
    elif isinstance(data, list) and data and all(isinstance(d, BaseModel) for d in data):
        text = "[\n" + ",\n".join(d.model_dump_json(indent=2) for d in data) + "\n]"
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(text + "\n")


STORE_HELP = "Embedded store file (default: $LINEAGE_STORE or ~/.local/share/policy-lineage/lineage.db)."
#: ``--store``: a store that cannot be read is said by the store's own line (in the user's language), not
#: by typer's English usage box
StoreOpt = Annotated[Path | None, typer.Option("--store", help=STORE_HELP, metavar="PATH", readable=False)]
NEO4J_HELP = "Answer from Neo4j at this URI instead of the embedded store (or set NEO4J_URI)."


def user_errors(func):
    """Decorate a command so a :class:`LineageError` becomes one line on stderr and its exit code."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except LineageError as exc:
            raise fail(exc) from None

    return wrapper
