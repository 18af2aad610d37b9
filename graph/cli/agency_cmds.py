"""Who does what and what is planned: ``lineage agency`` (an agency's roles and budgets) and
``targets`` (quantified targets over time).
"""

from __future__ import annotations

from typing import Annotated

import typer

from graph.cli.app import app
from graph.cli.backend_options import (
    HtmlOpt,
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


@app.command("agency")
@user_errors
def agency_command(
    name: Annotated[str, typer.Argument(help='Agency name, e.g. "Sở Thông tin và Truyền thông".')],
    province: ProvinceOpt = None,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None,
) -> None:
    """What an agency leads (chủ trì) and coordinates (phối hợp): documents, tasks and projects, with
    budgets summed per document and overall.

    Example: [bold]lineage agency "Sở Thông tin và Truyền thông" --province "Kiên Giang"[/]
    """
    from graph.cli.tables import agency_table
    from graph.queries.agency import agency

    with open_backend(store, neo4j, user, password) as backend:
        result = agency(backend, name, province)
        output(result, as_json=as_json, html=html, table=agency_table, found=bool(result.roles),
               backend=backend)


@app.command("targets")
@user_errors
def targets_command(
    province: ProvinceOpt = None,
    metric: Annotated[str | None, typer.Option(
        "--metric", help='Words of the metric or target text, e.g. "mức độ 4".')] = None,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Quantified targets across documents over time, grouped by metric, oldest plan first.

    Example: [bold]lineage targets --province "Kiên Giang" --metric "muc do 4"[/]
    """
    from graph.cli.tables import targets_table
    from graph.queries.targets import targets

    with open_backend(store, neo4j, user, password) as backend:
        result = targets(backend, province, metric)
    output(result, as_json=as_json, html=None, table=targets_table, found=bool(result.rows))
