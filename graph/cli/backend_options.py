"""What the query commands share: the store, Neo4j and output options, the backend they open, and
:func:`output`, the one place an answer leaves a command (table, ``--json`` or ``--html``).

Exit codes: 0 found, 1 nothing found, 2 bad usage, 3 Neo4j failure.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph.cli.common import EXIT_NOT_FOUND, NEO4J_HELP, err_console, print_json
from graph.cli.common import StoreOpt as StoreOpt  # re-exported with the other options of the questions
from graph.errors import LineageError
from graph.i18n import _
from graph.queries.backend import MAX_DEPTH

if TYPE_CHECKING:  # imported when a command runs, not at start-up
    from pydantic import BaseModel

    from graph.queries.backend import Backend

Neo4jOpt = Annotated[str | None, typer.Option("--neo4j", envvar="NEO4J_URI", metavar="URI", help=NEO4J_HELP)]
UserOpt = Annotated[str | None, typer.Option(
    "--user", envvar="NEO4J_USER", help="Neo4j user (default: neo4j).")]
PasswordOpt = Annotated[str | None, typer.Option(
    "--password", envvar="NEO4J_PASSWORD", show_default=False,
    help="Neo4j password (prefer the environment variable NEO4J_PASSWORD).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the answer as JSON (stable pydantic models).")]
HtmlOpt = Annotated[Path | None, typer.Option(
    "--html", metavar="FILE", dir_okay=False, help="Also write the answer as an interactive HTML page.")]
DepthOpt = Annotated[int, typer.Option(
    "--depth", min=1, max=MAX_DEPTH, help=f"Relationships to follow (1-{MAX_DEPTH}).")]
DocArg = Annotated[str, typer.Argument(
    help='Document: number ("749/QĐ-TTg", "1891"), key, or words of the title ("chuyen doi so kien giang").',
    metavar="DOC")]
ProvinceOpt = Annotated[str | None, typer.Option(
    "--province", help='Province, e.g. "An Giang" (today\'s province, with the former ones merged into it in '
    '2025) or "Kiên Giang" (the former province alone).')]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="Status on this day (YYYY-MM-DD; default: today).")]


def as_of_date(value: str | None) -> dt.date | None:
    """The --as-of day, or a usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LineageError(_("--as-of {value} is not a date").format(value=repr(value)),
                           hint=_("write it YYYY-MM-DD, e.g. 2025-04-01")) from None


#: new objects between two collections of the youngest generation while a command answers (Python: 700)
ANSWER_GC_THRESHOLD = 100_000


@contextmanager
def answering() -> Iterator[None]:
    """The garbage collector's pace while a command answers: an answer is thousands of objects that all
    live until it is printed, so collecting every 700 new ones only re-examines them (0.3-0.6 ms of a
    5 ms ``bases`` on the national store); garbage cycles are still collected, later."""
    old = gc.get_threshold()
    gc.set_threshold(ANSWER_GC_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


@contextmanager
def open_backend(store: Path | None, neo4j: str | None, user: str | None,
                 password: str | None) -> Iterator[Backend]:
    """The embedded store (default; read by SQL, never loaded whole) or Neo4j when a URI is given."""
    if neo4j:
        from graph.cli.neo4j_cmds import open_neo4j
        from graph.queries.neo4j_backend import Neo4jBackend

        backend = Neo4jBackend(open_neo4j(neo4j, user, password))
        try:
            with answering():
                yield backend
        finally:
            backend.close()
    else:
        from graph.queries.sqlite_backend import SQLiteBackend
        from graph.stores.sqlite_store import resolve_store_path, said_as_store_errors

        backend = SQLiteBackend(store)
        try:
            # what SQLite says while the answer is read (damaged pages behind a good header) is one line
            with said_as_store_errors(resolve_store_path(store)), answering():
                yield backend
        finally:
            backend.close()


def write_html(result: BaseModel, path: Path, backend: Backend | None = None,
               as_of: dt.date | None = None) -> None:
    """Render a graph-shaped answer with :mod:`visualizations` (when it is installed); with ``backend``,
    each document carries its status (:func:`graph.queries.status.annotate`, the same as the tables) on
    ``as_of`` (else the answer's own ``as_of``, else today)."""
    to_subgraph = getattr(result, "to_subgraph", None)
    if to_subgraph is None:
        raise LineageError(_("this answer is a table, not a graph: --html is not available for it"))
    try:
        from visualizations.render import render_subgraph
    except ImportError:
        raise LineageError(_("HTML output not available"),
                           hint=_("install the visualizations package")) from None
    subgraph = to_subgraph()
    if backend is not None:
        from graph.queries.status import annotate

        said = getattr(result, "as_of", None)
        day = as_of or (dt.date.fromisoformat(said) if said else None)
        subgraph = annotate(subgraph, backend, day)
    info = render_subgraph(subgraph, path)
    err_console.print(_("wrote {path}: {nodes} nodes, {edges} relationships").format(
        path=info.path, nodes=info.nodes, edges=info.edges), highlight=False)


def output(result: BaseModel, *, as_json: bool, html: Path | None, table: Callable[[Any], None],
           found: bool, backend: Backend | None = None, as_of: dt.date | None = None) -> None:
    """The one place an answer leaves a command: HTML file, JSON or table; exit 1 when nothing was found.
    Give ``backend`` (still open) so the page shows each document's status (on ``as_of``: the day the
    command was asked about, as its table)."""
    if html is not None:
        write_html(result, html, backend, as_of)
    if as_json:
        print_json(result)
    else:
        table(result)
    if not found:
        raise typer.Exit(EXIT_NOT_FOUND)
