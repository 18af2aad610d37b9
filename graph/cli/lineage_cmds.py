"""One document's lineage: ``lineage bases`` (what it rests on), ``derived`` (what rests on it) and
``status`` (whether its bases were replaced or amended).
"""

from __future__ import annotations

from typing import Annotated

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
)
from graph.cli.common import user_errors
from graph.queries.backend import DEFAULT_DEPTH, MAX_DEPTH


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
        result = bases(backend, doc, depth, as_of=as_of_date(as_of))
        output(result, as_json=as_json, html=html, table=lineage_table, found=bool(result.items),
               backend=backend)


@app.command("derived")
@user_errors
def derived_command(
    doc: DocArg, depth: DepthOpt = DEFAULT_DEPTH, province: ProvinceOpt = None,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Which documents, in which provinces, rest on this one (the impact of changing or repealing it).

    Example: [bold]lineage derived 64/2007/NĐ-CP --province "Tiền Giang"[/]
    """
    from graph.cli.tables import lineage_table
    from graph.queries.derived import derived

    with open_backend(store, neo4j, user, password) as backend:
        result = derived(backend, doc, depth, province, as_of=as_of_date(as_of))
        output(result, as_json=as_json, html=html, table=lineage_table, found=bool(result.items),
               backend=backend)


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
        result = status(backend, doc, depth, as_of=as_of_date(as_of))
        output(result, as_json=as_json, html=html, table=status_table, found=bool(result.bases),
               backend=backend)
