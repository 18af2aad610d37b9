"""How two documents relate: ``lineage path`` (the relationships between them) and ``compare`` (the
bases they share, and those only one has).
"""

from __future__ import annotations

from typing import Annotated

import typer

from graph.cli.app import app
from graph.cli.backend_options import (
    DepthOpt,
    HtmlOpt,
    JsonOpt,
    Neo4jOpt,
    PasswordOpt,
    StoreOpt,
    UserOpt,
    open_backend,
    output,
)
from graph.cli.common import user_errors
from graph.queries.backend import DEFAULT_DEPTH


@app.command("path")
@user_errors
def path_command(
    a: Annotated[str, typer.Argument(help="First document (number, key or title words).", metavar="A")],
    b: Annotated[str, typer.Argument(help="Second document.", metavar="B")],
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None,
) -> None:
    """How two documents are connected, relationship by relationship (shortest, in either direction).

    Example: [bold]lineage path 2174/QĐ-UBND 52-NQ/TW[/]
    """
    from graph.cli.tables import path_table
    from graph.queries.path import path

    with open_backend(store, neo4j, user, password) as backend:
        result = path(backend, a, b)
        output(result, as_json=as_json, html=html, table=path_table, found=True, backend=backend)


@app.command("compare")
@user_errors
def compare_command(
    a: Annotated[str, typer.Argument(help="First document (or province with --provinces).", metavar="A")],
    b: Annotated[str, typer.Argument(help="Second document (or province).", metavar="B")],
    provinces: Annotated[bool, typer.Option(
        "--provinces", help="A and B are provinces: compare the bases of all their documents.")] = False,
    depth: DepthOpt = DEFAULT_DEPTH,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None,
) -> None:
    """The bases two documents (or two provinces) share, and those only one of them has.

    Example: [bold]lineage compare 176/KH-UBND 605/QĐ-UBND[/]

    Two provinces: lineage compare "Kiên Giang" "Tiền Giang" --provinces
    """
    from graph.cli.tables import compare_table
    from graph.queries.compare import compare

    with open_backend(store, neo4j, user, password) as backend:
        result = compare(backend, a, b, depth, provinces)
        found = bool(result.shared or result.only_a or result.only_b)
        output(result, as_json=as_json, html=html, table=compare_table, found=found, backend=backend)
