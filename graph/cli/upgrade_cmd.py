"""``lineage migrate OLD.graph``: import a store of the old file formats into the SQLite store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import app
from graph.cli.common import StoreOpt, console, print_json, user_errors
from graph.i18n import _

TRUST_HELP = (
    "Confirm that this store file was written by your own lineage (or someone you trust): formats 1-3 "
    "are Python pickles, and reading one can run any code the file holds."
)


@app.command("migrate")
@user_errors
def migrate_command(
    old: Annotated[Path, typer.Argument(help="A store of the old formats (lineage.graph).", metavar="OLD",
                                        readable=False)],
    store: StoreOpt = None,
    trust_old_store: Annotated[bool, typer.Option("--trust-old-store", help=TRUST_HELP)] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was imported as JSON.")] = False,
) -> None:
    """Import a store of the old formats into the SQLite store (a new file; OLD itself when --store
    names it: converted in place). Format 4 (data only) needs nothing more; formats 1-3 are pickles,
    opened only with --trust-old-store, as a pickle from someone else could run code on your machine.

    Example: lineage migrate ~/.local/share/policy-lineage/lineage.graph
    """
    from graph.stores.embedded import migrate

    version, target, nodes, rels = migrate(old, store, trust_old=trust_old_store)
    if as_json:
        print_json({"old": str(old), "format": version, "store": str(target), "nodes": nodes,
                    "relationships": rels})
        return
    console.print(_("{old} (format {version}) imported into {store}: {nodes} nodes, {relationships} "
                    "relationships").format(old=old, version=version, store=target, nodes=nodes,
                                            relationships=rels), highlight=False, markup=False)
