"""One document's lineage: ``lineage bases`` (what it rests on), ``derived`` (what rests on it) and
``status`` (whether its bases were replaced or amended).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli.app import app
from graph.cli.backend_options import (
    AsOfOpt,
    DepthOpt,
    DocArg,
    HtmlOpt,
    JsonOpt,
    Neo4jOpt,
    PasswordOpt,
    ProvinceOpt,
    StoreOpt,
    UserOpt,
    as_of_date,
    open_backend,
    output,
    write_html,
)
from graph.cli.common import EXIT_NOT_FOUND, err_console, user_errors
from graph.i18n import _
from graph.queries.backend import DEFAULT_DEPTH, MAX_DEPTH

if TYPE_CHECKING:  # imported when a command runs, not at start-up
    from graph.queries.backend import Backend
    from graph.queries.results import LineageResult


@app.command("bases")
@user_errors
def bases_command(
    doc: DocArg, depth: DepthOpt = DEFAULT_DEPTH,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Which documents underpin this one, directly and through the chain of bases, grouped by level.

    Follows CĂN_CỨ, THỰC_HIỆN, HƯỚNG_DẪN and SỬA_ĐỔI up to --depth hops; each basis comes with the
    relationships that reach it ("via") and the citing words.

    Example: [bold]lineage bases 2174/QĐ-UBND --depth 3[/]
    """
    from graph.cli.tables import lineage_table
    from graph.queries.bases import bases

    with open_backend(store, neo4j, user, password) as backend:
        day = as_of_date(as_of)
        result = bases(backend, doc, depth, as_of=day)
        output(result, as_json=as_json, html=html, table=lineage_table, found=bool(result.items),
               backend=backend, as_of=day)


#: rows ``derived`` prints at most by default (the rest is counted in its summary)
DERIVED_LIMIT = 50


@app.command("derived")
@user_errors
def derived_command(
    doc: DocArg, depth: DepthOpt = DEFAULT_DEPTH, province: ProvinceOpt = None,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None, as_of: AsOfOpt = None,
    limit: Annotated[int, typer.Option(
        "--limit", min=0, metavar="N", help="Print at most N rows, after a summary of the whole answer "
        "(0: every row); --json and --html always hold every document.")] = DERIVED_LIMIT,
) -> None:
    """Which documents, in which provinces, rest on this one (the impact of changing or repealing it).

    A long answer is summed up (documents by hops and by province) before its first --limit rows.

    Example: [bold]lineage derived 64/2007/NĐ-CP --province "Tiền Giang"[/]
    """
    from graph.cli.derived_view import derived_table, write_json
    from graph.queries.derived import derived_page, derived_whole, page_of

    with open_backend(store, neo4j, user, password) as backend:
        day = as_of_date(as_of)
        whole = None if html is None else _derived_html(backend, doc, depth, province, day, html)
        if whole is not None:  # Neo4j: the whole answer, made for the page
            if as_json:
                write_json(whole, whole.items, whole.links)
            else:
                derived_table(page_of(whole, limit))
            found = bool(whole.items)
        elif as_json:  # the whole answer, made and written a few thousand rows at a time
            with derived_whole(backend, doc, depth, province, as_of=day) as (head, items, links):
                found = write_json(head, items, links) > 0
        else:
            page = derived_page(backend, doc, depth, province, as_of=day, limit=limit)
            derived_table(page)
            found = page.total > 0
    if not found:
        raise typer.Exit(EXIT_NOT_FOUND)


def _derived_html(backend: Backend, doc: str, depth: int, province: str | None, day: dt.date | None,
                  html: Path) -> LineageResult | None:
    """Write the page of ``derived``: on the embedded store, the part a larger answer draws, read alone;
    else the whole answer, drawn. Each drawn document has its status on ``day`` (None: today), as the
    rows on screen. Returns the whole answer on Neo4j (the screen is cut from it, as there it always
    is); None on the embedded store (the screen reads its own rows, the same as without --html)."""
    from graph.queries.derived import derived, derived_drawn
    from graph.queries.sqlite_backend import SQLiteBackend

    try:
        from visualizations.render import DEFAULT_MAX_NODES, render_subgraph
    except ImportError:  # write_html says what to install
        cut = None
    else:
        cut = derived_drawn(backend, doc, depth, province, as_of=day, max_nodes=DEFAULT_MAX_NODES)
    if cut is None:
        result = derived(backend, doc, depth, province, as_of=day)
        write_html(result, html, backend, day)
        return None if isinstance(backend, SQLiteBackend) else result
    info = render_subgraph(cut.subgraph, html, cut=cut)
    err_console.print(_("wrote {path}: {nodes} nodes, {edges} relationships").format(
        path=info.path, nodes=info.nodes, edges=info.edges), highlight=False)
    return None


@app.command("status")
@user_errors
def status_command(
    doc: DocArg,
    depth: Annotated[int, typer.Option("--depth", min=1, max=MAX_DEPTH,
                                       help="1: the document's own bases; more: bases of bases too.")] = 1,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Is the foundation sound? For each basis: replaced, repealed, expired or amended — before or after
    the document was signed — in force as a source states it, or no information; since when, from which
    source (a page's URL and words, or an ingested text's file and line), and the chain of replacements
    to the document that stands in its place today (or on --as-of).

    Says "no information" when nothing is known about a basis: that does not mean it is in force.

    Example: [bold]lineage status 2174/QĐ-UBND --as-of 2025-04-01[/]
    """
    from graph.cli.tables import status_table
    from graph.queries.status import status

    with open_backend(store, neo4j, user, password) as backend:
        day = as_of_date(as_of)
        result = status(backend, doc, depth, as_of=day)
        output(result, as_json=as_json, html=html, table=status_table, found=bool(result.bases),
               backend=backend, as_of=day)
