"""``lineage ingest``, ``lineage stats``, ``lineage export``: the embedded store from the command line."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from graph.cli.app import app
from graph.cli.common import (
    EXIT_USAGE,
    STORE_HELP,
    console,
    err_console,
    print_json,
    print_problem,
    user_errors,
)
from graph.errors import LineageError
from graph.i18n import N_, _, format_number
from graph.stores.exports import FORMATS

if TYPE_CHECKING:  # the reading code and the store are imported when a command runs, not at start-up
    from graph.stores.protocol import Store

#: what the node labels and the relationship type not named in Vietnamese mean (``stats``), said in the
#: user's language: the names themselves stay as the store and Neo4j spell them
MEANINGS = {"Agency": N_("agency"), "Document": N_("document"), "LegalBasis": N_("document cited as a basis"),
            "Project": N_("project or task"), "Target": N_("target"), "SUPERSEDES": N_("replaces or repeals")}

StoreOption = Annotated[Path | None, typer.Option(
    "--store", help=STORE_HELP, metavar="PATH", readable=False)]  # an unreadable store: said by the store
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


@app.command("ingest")
@user_errors
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders (text files and extraction *.json / *.jsonl under a folder).",
        metavar="PATH...", readable=False)],  # unreadable files are reported one by one, the others load
    store: StoreOption = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", min=1, help="Extraction processes (default: up to 4; 1 = none).")] = None,
    reread: Annotated[bool, typer.Option(
        "--reread", help="Read every text file again, even those unchanged since they were last ingested "
        "into this store.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read policy documents (or extraction JSON) into the embedded store.

    Files that cannot be read are reported on stderr; the others are stored (exit code 2 then).
    Ingesting a file again changes nothing; a document so far only cited is filled in. A text file
    unchanged since it was last ingested into this store, by this version of lineage, is not read again.

    Example: lineage ingest graph/data/corpus/ --store ./kien-giang.db
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # no bar in a log or a pipe (rich would leave a blank line there)
    with Progress(TextColumn(escape(_("extracting"))), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}", markup=False), console=err_console, transient=True,
                  disable=as_json or not err_console.is_terminal) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name)

        from graph.ingest import ingest

        report = ingest(paths, store, workers, update, reread=reread)
    for p in sorted(report.problems, key=lambda p: p.severity != "error"):  # errors first
        print_problem(f"{p.source}:{p.line}" if p.line else p.source, p.severity, p.message)
    if as_json:
        print_json(report.as_dict())
    else:
        n = format_number
        if report.unchanged == report.files:  # nothing to read: one line, not "0 of 5 files"
            said = _("nothing changed: all {files} files are as they were when last ingested, not read again "
                     "(store: {nodes} nodes, {relationships} relationships in {store})")
            said = said.format(files=n(report.files), nodes=n(report.nodes),
                               relationships=n(report.relationships), store=report.store)
            console.print(said, highlight=False)
            return
        console.print(
            _("{loaded} of {files} files, {documents} documents: +{nodes_added} nodes, "
              "+{relationships_added} relationships (store: {nodes} nodes, {relationships} relationships "
              "in {store})").format(
                loaded=n(report.loaded), files=n(report.files), documents=n(report.documents),
                nodes_added=n(report.nodes_added), relationships_added=n(report.relationships_added),
                nodes=n(report.nodes), relationships=n(report.relationships), store=report.store)
            if report.loaded or report.unchanged
            else _("nothing stored: all {files} files failed").format(files=report.files),
            highlight=False)
        if report.unchanged:
            console.print(_("{n} files unchanged since they were last ingested: not read again").format(
                n=n(report.unchanged)), highlight=False)
    if report.failed:
        raise typer.Exit(EXIT_USAGE)


def open_store(store: Path | None, neo4j: str | None = None) -> Store:
    """Neo4j at ``neo4j`` (user and password from NEO4J_USER / NEO4J_PASSWORD) when given, else the
    embedded store at ``store`` (read once, for a one-shot command)."""
    if not neo4j:
        from graph.stores.embedded import EmbeddedReader

        return EmbeddedReader(store, freeze=True)
    from graph.cli.neo4j_cmds import open_neo4j
    from graph.stores.neo4j_store import Neo4jStore

    return Neo4jStore(open_neo4j(neo4j, os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")))


@app.command("stats")
@user_errors
def stats_command(
    store: StoreOption = None,
    neo4j: Annotated[str | None, typer.Option(
        "--neo4j", envvar="NEO4J_URI", metavar="URI",
        help="Count in Neo4j at this URI instead of the embedded store (or set NEO4J_URI).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Count nodes by label and relationships by type.

    Example: lineage stats --json   (or: NEO4J_PASSWORD=… lineage stats --neo4j bolt://localhost:7687)
    """
    with closing(open_store(store, neo4j)) as source:
        result = source.counts()
    where = neo4j or (str(store) if store else _("embedded store"))
    if as_json:
        print_json(result)
        return
    table = Table(title=_("Lineage graph ({where})").format(where=where))
    table.add_column(_("kind"))
    table.add_column(_("name"))
    table.add_column(_("meaning"))
    table.add_column(_("count"), justify="right")
    for kind, shown in (("nodes", _("nodes")), ("relationships", _("relationships"))):
        for name, n in result[kind].items():
            table.add_row(shown, name, _(MEANINGS[name]) if name in MEANINGS else "", format_number(n))
    console.print(table)


@app.command("export")
@user_errors
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "json",
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Output file (json, graphml, gexf; - for stdout) or folder (csv).")
    ] = Path("lineage.json"),
    store: StoreOption = None,
    spreadsheet_safe: Annotated[bool, typer.Option(
        "--spreadsheet-safe", help="CSV for a spreadsheet: text cells starting with = + - @ get a leading ' "
        "(so they are not run as formulas). Not for neo4j-admin, which needs the raw values.")] = False,
) -> None:
    """Export the graph: JSON node-link, GraphML / GEXF for Gephi, or CSV for neo4j-admin import.

    Example: lineage export --format graphml --output lineage.graphml
    """
    from graph.stores.exports import export_store

    if fmt not in FORMATS:
        raise typer.BadParameter(_("unknown format {fmt}: choose from {formats}").format(
            fmt=repr(fmt), formats=", ".join(FORMATS)), param_hint="--format")
    if str(output) == "-":
        if fmt == "csv":
            raise LineageError(_("--format csv writes a folder of files: it cannot go to stdout"),
                               hint=_("give a folder: --output lineage-csv"))
        with closing(open_store(store)) as source:
            _export_to_stdout(source, fmt)
        return
    with closing(open_store(store)) as source:
        written = export_store(source, fmt, output, spreadsheet_safe=spreadsheet_safe)
    console.print(_("wrote {n} file(s): {output}").format(n=len(written), output=output), highlight=False)


def _export_to_stdout(source: Store, fmt: str) -> None:
    """``--output -``: the export on stdout, as every Unix tool does (written whole, then copied)."""
    from graph.stores.exports import export_store

    with tempfile.TemporaryDirectory(prefix="lineage-export-") as tmp:
        (written,) = export_store(source, fmt, Path(tmp) / f"lineage.{fmt}")
        sys.stdout.flush()
        with written.open("rb") as f:
            shutil.copyfileobj(f, sys.stdout.buffer)
        sys.stdout.buffer.flush()
