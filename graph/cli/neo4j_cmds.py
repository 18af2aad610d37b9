"""``lineage push``: load the embedded graph into Neo4j; plus the Neo4j options other commands share.

Other command modules reuse :data:`Neo4jUser`, :data:`Neo4jPassword` (and :data:`Neo4jUri` for a
``--neo4j`` option, alias ``--uri``) and :func:`open_neo4j`, so every command connects and fails the
same way.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from graph.cli.app import app
from graph.cli.common import StoreOpt, console, err_console, print_json, user_errors
from graph.i18n import _, format_number
from graph.stores.neo4j_push import DEFAULT_BATCH_SIZE

if TYPE_CHECKING:  # the driver and the graph are imported when a command runs, not at start-up
    from graph.lineage_graph import Graph
    from graph.stores.neo4j_connection import Neo4jConnection

Neo4jUri = Annotated[str | None, typer.Option(
    "--neo4j", "--uri", envvar="NEO4J_URI", show_envvar=True, metavar="URI",
    help="Neo4j Bolt URI, e.g. bolt://localhost:7687 or neo4j://host:7687 (--uri is the same option).")]
Neo4jUser = Annotated[str | None, typer.Option(
    "--user", envvar="NEO4J_USER", show_envvar=True, help="Neo4j user (default: neo4j).")]
Neo4jPassword = Annotated[str | None, typer.Option(
    "--password", envvar="NEO4J_PASSWORD", show_envvar=True, show_default=False,
    help="Neo4j password (prefer the environment variable: a command line is visible to other users).")]


def open_neo4j(uri: str | None, user: str | None = None, password: str | None = None) -> Neo4jConnection:
    """Connect for a command: unset values come from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD.

    Raises :class:`graph.errors.Neo4jError` (one line, exit code 3) when Neo4j cannot be used.
    """
    from graph.stores.neo4j_connection import connect

    return connect(uri, user, password)


def load_store(path: Path | None) -> Graph:
    """The embedded store's graph (``--store``, else ``$LINEAGE_STORE``, else the default location)."""
    from graph.stores.embedded import EmbeddedReader

    return EmbeddedReader(path).read_graph()


@contextmanager
def _progress_bar(enabled: bool):
    """A rich progress bar on stderr with one task per push phase (or nothing)."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=False) as bar:
        tasks: dict[str, int] = {}

        shown = {"nodes": _("nodes"), "labels": _("labels"), "relationships": _("relationships")}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(shown.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done)

        yield update


@app.command("push")
@user_errors
def push_command(
    store: StoreOpt = None,
    uri: Neo4jUri = None,
    user: Neo4jUser = None,
    password: Neo4jPassword = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Rows per transaction (each batch commits or rolls back whole).")
    ] = DEFAULT_BATCH_SIZE,
    clear: Annotated[bool, typer.Option(
        "--clear", help="Delete everything in the Neo4j database first (a push never deletes otherwise).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Load the embedded graph into Neo4j: constraints and indexes, then nodes and relationships.

    Idempotent (MERGE on each node's key), one transaction per batch, with a progress bar.

    If it stops half-way (server down, connection lost), run it again: it completes the load.

    Example: NEO4J_PASSWORD=secret lineage push --neo4j bolt://localhost:7687 --user neo4j
    (the older spelling still works: lineage push --uri bolt://localhost:7687)
    """
    from graph.stores.neo4j_push import push
    from graph.stores.neo4j_store import Neo4jStore

    g = load_store(store)
    with Neo4jStore(open_neo4j(uri, user, password)) as target:
        conn = target.connection
        deleted = target.clear() if clear else 0
        with _progress_bar(not as_json) as progress:
            result = push(conn, g, batch_size=batch_size, progress=progress)
        counts = target.counts()
    if as_json:
        print_json({"uri": conn.settings.uri, "deleted_nodes": deleted, "nodes": result.nodes,
                    "relationships": result.relationships, "batches": result.batches,
                    "seconds": round(result.seconds, 3), "neo4j_counts": counts})
        return
    console.print(_("Pushed {nodes} nodes and {relationships} relationships to {uri} in {batches} batches "
                    "({seconds} s).").format(nodes=format_number(result.nodes),
                                             relationships=format_number(result.relationships),
                                             uri=conn.settings.uri, batches=format_number(result.batches),
                                             seconds=format_number(result.seconds, 1)), highlight=False)
    table = Table(title=_("Now in Neo4j"))
    table.add_column(_("kind"))
    table.add_column(_("name"))
    table.add_column(_("count"), justify="right")
    for kind, by_name in ((_("nodes"), counts["nodes"]), (_("relationships"), counts["relationships"])):
        for name, n in by_name.items():
            table.add_row(kind, name, format_number(n))
    console.print(table)
