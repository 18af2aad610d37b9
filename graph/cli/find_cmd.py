"""``lineage find``: the documents a number, key or words of the title can mean."""

from __future__ import annotations

from typing import Annotated

import typer

from graph.cli.app import app
from graph.cli.backend_options import (
    JsonOpt,
    Neo4jOpt,
    PasswordOpt,
    ProvinceOpt,
    StoreOpt,
    UserOpt,
    open_backend,
    output,
)
from graph.cli.common import user_errors
from graph.cli.tables import find_table


@app.command("find")
@user_errors
def find_command(
    text: Annotated[str, typer.Argument(help='Number ("1891", "749/QĐ-TTg"), key, or words of the title.')],
    province: ProvinceOpt = None,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Find documents by number, key or words of the title (insensitive to diacritics and case).

    Every other command accepts what find accepts wherever it takes a document. With --province, only
    that province's documents; a province of today includes the former ones merged into it in 2025.

    Example: [bold]lineage find "chuyen doi so kien giang"[/]   (or: lineage find 749/QĐ-TTg)
    """
    from graph.queries.find import find

    with open_backend(store, neo4j, user, password) as backend:
        result = find(backend, text, province)
    output(result, as_json=as_json, html=None, table=find_table, found=bool(result.matches))
