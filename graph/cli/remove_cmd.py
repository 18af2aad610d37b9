"""``lineage remove FILE|DOC``: take what a file (or one document of it) said out of the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import app
from graph.cli.common import StoreOpt, console, print_json, user_errors
from graph.errors import InputError, NotFoundError
from graph.i18n import _


def _target(what: str, store: Path | None) -> tuple[str, list[str] | None]:
    """(source file, document keys or None for the whole file) that ``what`` names."""
    from contextlib import closing

    from graph.ingest import holds_source
    from graph.queries.embedded_backend import EmbeddedBackend
    from graph.queries.resolve import resolve
    from graph.stores.embedded import load_graph
    from graph.stores.ingested_files import is_recorded
    from graph.stores.location import resolve_store_path
    from graph.stores.sqlite_store import open_readonly, said_as_store_errors

    name = Path(what).name
    with closing(open_readonly(store)) as conn, said_as_store_errors(resolve_store_path(store)):
        if holds_source(conn, name) or is_recorded(conn, name):
            return name, None
    if Path(what).suffix.lower() in (".txt", ".json", ".jsonl", ".md", ".text") or Path(what).is_file():
        raise NotFoundError(_("{what}: no file of this name was ingested into this store").format(what=what),
                            hint=_("give the file name as ingested, or a document (lineage find)"))
    g = load_graph(store, freeze=True)
    key = resolve(EmbeddedBackend(g), what).key
    source = g.nodes[key].get("source")
    if not source:
        raise InputError(_("{key}: only cited, never read from a file: nothing of its own to remove").format(
            key=key), hint=_("remove the files that cite it instead"))
    return source, [key]


@app.command("remove")
@user_errors
def remove_command(
    what: Annotated[str, typer.Argument(
        help="A file as ingested (its name or path), or a document (what `lineage find` accepts).",
        metavar="FILE|DOC")],
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was removed as JSON.")] = False,
) -> None:
    """Take a file's facts (or one document's) out of the store: its relationships, projects, targets
    and the properties read from it. A document that other files cite stays, as they cite it.

    To correct a file, ingest its new version instead: what the old version said is replaced.

    Example: lineage remove 003_a7a611ee86822b52.txt   (or: lineage remove 1578/QĐ-UBND)
    """
    from graph.ingest import remove

    source, documents = _target(what, store)
    report = remove(source, store, documents)
    if as_json:
        print_json(report.__dict__)
        return
    what = (_("removed what {source} said of {documents}") if documents else _("removed what {source} said")
            ).format(source=source, documents=", ".join(documents or ()))
    console.print(what + ": " + _("-{nodes} nodes, -{relationships} relationships (store: {store})").format(
        nodes=report.nodes_removed, relationships=report.relationships_removed, store=report.store),
        highlight=False, markup=False)
