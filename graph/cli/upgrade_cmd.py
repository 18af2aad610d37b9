"""``lineage upgrade-store``: rewrite a store of an old (pickle) format as data only, when trusted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import app
from graph.cli.common import EXIT_USAGE, STORE_HELP, console, err_console, user_errors
from graph.stores.embedded import EmbeddedStore
from graph.stores.graph_file import FORMAT_VERSION

TRUST_HELP = (
    "Confirm that this store file was written by your own lineage (or someone you trust): old formats "
    "are Python pickles, and reading one can run any code the file holds."
)


@app.command("upgrade-store")
@user_errors
def upgrade_store_command(
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP, metavar="PATH")] = None,
    trust_old_store: Annotated[bool, typer.Option("--trust-old-store", help=TRUST_HELP)] = False,
) -> None:
    """Convert a store of an old format (1-3, pickles) to the current one, which holds data only.

    Old stores are never opened otherwise: a pickle from someone else could run code on your machine.
    Without the file's source, ask for the source files and ingest them instead.

    Example: lineage upgrade-store --trust-old-store --store ./old.graph
    """
    target = EmbeddedStore(store)
    if not trust_old_store:
        err_console.print(
            f"error: {target.path}: not converted: old stores can run code when read; add "
            "--trust-old-store only if your own lineage (or someone you trust) wrote this file",
            highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(EXIT_USAGE)
    version, size = target.upgrade()
    console.print(f"{target.path}: format {version} rewritten as format {FORMAT_VERSION} ({size} bytes)",
                  highlight=False, markup=False)
