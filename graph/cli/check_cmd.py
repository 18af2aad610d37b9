"""``lineage check``: a data-quality report over the whole store."""

from __future__ import annotations

from graph.cli.app import app
from graph.cli.backend_options import JsonOpt, Neo4jOpt, PasswordOpt, StoreOpt, UserOpt, open_backend, output
from graph.cli.common import user_errors


@app.command("check")
@user_errors
def check_command(
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A data-quality report over the whole store: unresolved citations, documents cited with conflicting
    dates or issuers, numbers cited as two types of document (maybe two documents), bases dated after the
    citing document, cycles of bases.

    Exit code 0 when the report is produced, whatever it finds.

    Example: [bold]lineage check --json[/]
    """
    from graph.cli.tables import check_table
    from graph.queries.check import check

    with open_backend(store, neo4j, user, password) as backend:
        result = check(backend)
    output(result, as_json=as_json, html=None, table=check_table, found=True)
