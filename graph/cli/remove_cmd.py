"""``lineage remove FILE|DOC``: take what a file (or one document of it) said out of the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import app
from graph.cli.common import STORE_HELP, console, print_json, user_errors
from graph.errors import InputError, NotFoundError
from graph.ingest import remove
from graph.loaders.retract import sources_in
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.resolve import resolve
from graph.stores.embedded import load_graph


def _target(what: str, store: Path | None) -> tuple[str, list[str] | None]:
    """(source file, document keys or None for the whole file) that ``what`` names."""
    g = load_graph(store, freeze=True)
    name = Path(what).name
    if name in sources_in(g):
        return name, None
    if Path(what).suffix.lower() in (".txt", ".json", ".jsonl", ".md", ".text") or Path(what).is_file():
        raise NotFoundError(f"{what}: no file of this name was ingested into this store",
                            hint="give the file name as ingested, or a document (lineage find)")
    key = resolve(EmbeddedBackend(g), what).key
    source = g.nodes[key].get("source")
    if not source:
        raise InputError(f"{key}: only cited, never read from a file: nothing of its own to remove",
                         hint="remove the files that cite it instead")
    return source, [key]


@app.command("remove")
@user_errors
def remove_command(
    what: Annotated[str, typer.Argument(
        help="A file as ingested (its name or path), or a document (what `lineage find` accepts).",
        metavar="FILE|DOC")],
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP, metavar="PATH")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was removed as JSON.")] = False,
) -> None:
    """Take a file's facts (or one document's) out of the store: its relationships, projects, targets
    and the properties read from it. A document that other files cite stays, as they cite it.

    To correct a file, ingest its new version instead: what the old version said is replaced.

    Example: lineage remove 003_a7a611ee86822b52.txt   (or: lineage remove 1578/QĐ-UBND)
    """
    source, documents = _target(what, store)
    report = remove(source, store, documents)
    if as_json:
        print_json(report.__dict__)
        return
    console.print(f"removed what {source} said" + (f" of {', '.join(documents)}" if documents else "")
                  + f": -{report.nodes_removed} nodes, -{report.relationships_removed} relationships "
                  f"(store: {report.store})", highlight=False, markup=False)
