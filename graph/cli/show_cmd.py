"""``lineage show``: a document's neighbourhood as an HTML page; ``lineage demo``: the product in one go."""

from __future__ import annotations

import datetime as dt
import webbrowser
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from graph.cli.app import app
from graph.cli.common import StoreOpt, console, err_console, print_json, print_problem, user_errors
from graph.errors import LineageError
from graph.i18n import _, format_date

MAX_NODES_HELP = (
    "Draw at most this many nodes (the nearest to the document); the page says what was left out."
)


class DirectionChoice(str, Enum):
    up = "up"
    down = "down"
    both = "both"


def _open(path: Path) -> None:
    if not webbrowser.open(path.resolve().as_uri()):
        err_console.print(f"[dim]{escape(_('no browser found; open {path} yourself').format(path=path))}[/]",
                          highlight=False,
                          markup=True)


@app.command("show")
@user_errors
def show_command(
    doc: Annotated[
        str, typer.Argument(help="Document number (749/QĐ-TTg, 2174), key, or words of its title.",
                            metavar="DOC")
    ],
    html: Annotated[
        Path,
        typer.Option(
            "--html", help="Write the interactive page to this file.", metavar="FILE", dir_okay=False
        ),
    ],
    depth: Annotated[int, typer.Option("--depth", min=1, max=10, help="Relations to follow from it.")] = 3,
    direction: Annotated[
        DirectionChoice,
        typer.Option("--direction", help="up: what it rests on; down: what rests on it; both."),
    ] = DirectionChoice.both,
    targets: Annotated[
        bool, typer.Option("--targets", help="Also draw the document's quantified targets.")
    ] = False,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=10, help=MAX_NODES_HELP)] = 600,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the web browser.")] = False,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], metavar="DATE",
                     help="Draw the units (agencies, provinces) and each document's status as they stood "
                     "on this day (YYYY-MM-DD; default: today)."),
    ] = None,
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """Draw a document's lineage (bases up to the Party and Quốc hội, derived documents, agencies) as HTML.

    The page works offline: no network request, everything inlined.

    Example: [bold]lineage show 2174/QĐ-UBND --depth 3 --html kien-giang-2022.html --open[/]
    """
    from graph.queries.neighbourhood_sql import shown_neighbourhood
    from graph.queries.resolve import resolve
    from graph.queries.sqlite_backend import SQLiteBackend
    from graph.queries.status import annotate
    from graph.stores.sqlite_store import open_readonly, resolve_store_path, said_as_store_errors
    from visualizations.render import render_subgraph

    conn = open_readonly(store)  # the graph is read as the page needs it, never whole
    try:
        with said_as_store_errors(resolve_store_path(store)):  # damaged pages: one line, not a traceback
            backend = SQLiteBackend(conn)
            ref = resolve(backend, doc)  # what `lineage find` accepts; says so when ambiguous
            key, label = ref.key, ref.label
            # what the page draws of the neighbourhood, cut before the nodes left out are read
            cut = shown_neighbourhood(
                conn, key, depth=depth, direction=direction.value, targets=targets,
                title=f"Sơ đồ quan hệ của {label}",
                as_of=(as_of.date() if as_of else dt.date.today()).isoformat(), max_nodes=max_nodes,
            )
            # each drawn document's status, as `lineage status --as-of` says it
            annotate(cut.subgraph, backend, as_of.date() if as_of else None)
    finally:
        conn.close()
    info = render_subgraph(cut.subgraph, html, max_nodes=max_nodes, cut=cut)
    if as_json:
        print_json(info)
    else:
        console.print(
            _("wrote {path}: {nodes} nodes, {edges} relationships").format(
                path=info.path, nodes=info.nodes, edges=info.edges)
            + (", " + _("{n} nodes not shown").format(n=info.omitted) if info.omitted else ""),
            highlight=False,
        )
    if open_page:
        _open(Path(info.path))


@app.command("demo")
@user_errors
def demo_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Index page to write; the lineage pages go next to it.",
            metavar="FILE",
            dir_okay=False,
        ),
    ] = Path("lineage-demo/index.html"),
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="PATH",
            help="New store to write the sample corpus into (default: lineage.db next to the output, "
            "replaced on every run, so your own store is never touched).",
        ),
    ] = None,
    depth: Annotated[
        int, typer.Option("--depth", min=1, max=10, help="Relations to follow from each document.")
    ] = 3,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the index page in the web browser.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """Ingest the bundled sample corpus and write the lineage page of each document, with an index page.

    Needs nothing running and no network. The first page is the Kiên Giang 2022 digital-transformation
    strategy with its bases up to the Politburo resolution.

    Example: [bold]lineage demo --output lineage-demo/index.html --open[/]
    """
    from rich.progress import Progress

    from graph.stores.location import use_store_hint
    from visualizations.demo import DEMO_STORE, ingest_sample, sample_corpus, write_demo

    store_path = store or output.parent / DEMO_STORE
    if store_path.is_symlink() or (store is not None and store.exists()):
        raise LineageError(_("{path}: already exists; lineage demo writes a new store of the sample "
                             "corpus").format(path=store_path),
                           hint=_("give --store a new file, or leave it out"))
    files = sample_corpus()
    with Progress(console=err_console, transient=True, disable=as_json or not err_console.is_terminal) as bar:
        task = bar.add_task(_("ingesting the sample corpus"), total=len(files))
        g, report = ingest_sample(store_path, progress=lambda n, _t, _f: bar.update(task, completed=n))
    result = write_demo(g, output, store_path, depth=depth)
    result.failed = [f"{path}: {error}" for path, error in report.failed]
    for p in report.problems:
        if p.severity == "error":  # a sample that failed is a warning of the demo, which goes on
            print_problem(f"{p.source}:{p.line}" if p.line else p.source, "warning", p.message)
    if as_json:
        print_json(result)
    else:
        console.print(_("ingested {n} files into {store}").format(n=len(files), store=store_path),
                      highlight=False)
        for p in result.pages:
            name = " ".join(x for x in (p.doc_type, p.number) if x) or p.key
            console.print(
                f"  {p.page.path}  {name} ({format_date(p.date) or '?'}): "
                + _("{n} nodes").format(n=p.page.nodes),
                highlight=False,
                soft_wrap=True,
            )
        console.print(
            _("wrote {index} (open it in a browser; it needs no network)").format(index=result.index),
            highlight=False,
            soft_wrap=True,
        )
        console.print(_("to ask the demo's store questions: {hint}").format(hint=use_store_hint(store_path)),
                      highlight=False,
                      soft_wrap=True)
    if open_page:
        _open(output)
