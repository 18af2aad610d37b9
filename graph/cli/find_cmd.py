"""``lineage find``: the documents a number, key or words of the title can mean."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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
)
from graph.cli.common import EXIT_NOT_FOUND, console, err_console, print_json, user_errors
from graph.i18n import _, format_number, ngettext

if TYPE_CHECKING:
    from graph.queries.result_refs import DocRef
    from graph.queries.results import FindResult

# Rows the table draws unless --limit says otherwise: a person reads the first screens, and drawing ten
# thousand rows takes seconds; --json carries every match (or --limit of them).
DEFAULT_LIMIT = 50
#: documents named when a --province search matches only elsewhere
MAX_OUTSIDE = 3

LimitOpt = Annotated[int | None, typer.Option(
    "--limit", min=0, metavar="N", show_default=False,
    help=f"Show at most N documents, best first (default: {DEFAULT_LIMIT} in the table, all with --json; "
    "0: all).")]


def shown_count(total: int, limit: int | None, as_json: bool) -> int:
    """How many of ``total`` matches to show: ``limit`` (0 = all), else all in JSON, else DEFAULT_LIMIT."""
    if limit is None:
        limit = 0 if as_json else DEFAULT_LIMIT
    return total if limit == 0 else min(limit, total)


def count_line(total: int, shown: int) -> str:
    """'9,924 documents; showing 50 — use --limit N or --json for the others' (or '3 documents')."""
    if shown < total:
        return _("{total} documents; showing {shown} — use --limit N or --json for the others").format(
            total=format_number(total), shown=format_number(shown))
    return ngettext("{total} document", "{total} documents", total).format(total=format_number(total))


def find_json(result: FindResult, total: int, outside: list[DocRef] | None = None) -> dict:
    """The JSON answer: the query, how many documents match in all, and the matches shown; with a
    province, also the documents matching outside it (``outside_scope``, when none matches inside)."""
    data = result.model_dump(mode="json")
    answer = {"query": data.pop("query"), "total": total, **data}
    if result.province_scope is not None:
        answer["outside_scope"] = [d.model_dump(mode="json") for d in outside or []]
    return answer


def no_match_in_scope(result: FindResult, outside: list[DocRef]) -> None:
    """What a --province search that found nothing there says: the scope, that nothing of the province
    matches, then the documents that match elsewhere, else the province's own closest documents (the
    documents of other provinces are never offered as if they were of this one)."""
    from graph.cli.tables import _scope_note
    from graph.queries.resolve import describe, described_on_screen

    _scope_note(result.province_scope)
    province = result.province_scope.province if result.province_scope else ""
    err_console.print(_("no document of {province} matches {query}").format(
        province=province, query=repr(result.query)), highlight=False)
    if outside:
        listed = "; ".join(described_on_screen(describe(d)) for d in outside[:MAX_OUTSIDE])
        extra = len(outside) - MAX_OUTSIDE
        more = " " + _("and {n} more").format(n=extra) if extra > 0 else ""
        line = ngettext(
            "{n} document outside {province} matches: {documents}{more} (leave out --province to see it)",
            "{n} documents outside {province} match: {documents}{more} (leave out --province to see them)",
            len(outside))
        err_console.print(line.format(n=format_number(len(outside)), province=province, documents=listed,
                                      more=more), highlight=False)
    elif result.suggestions:
        names = _(" or ").join(map(described_on_screen, result.suggestions))
        err_console.print(_("did you mean {names}?").format(names=names), highlight=False)


@app.command("find")
@user_errors
def find_command(
    text: Annotated[str, typer.Argument(help='Number ("1891", "749/QĐ-TTg"), key, or words of the title.')],
    province: ProvinceOpt = None,
    limit: LimitOpt = None,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Find documents by number, key or words of the title (insensitive to diacritics and case).

    Every other command accepts what find accepts wherever it takes a document. With --province, only
    that province's documents; a province of today includes the former ones merged into it in 2025.
    The best matches come first (documents read in full, then by date); the table shows the first
    --limit of them.

    Example: [bold]lineage find "chuyen doi so kien giang"[/]   (or: lineage find 749/QĐ-TTg)
    """
    from graph.cli.tables import find_table
    from graph.queries.find import find_in_scope

    with open_backend(store, neo4j, user, password) as backend:
        result, outside = find_in_scope(backend, text, province)
    total = len(result.matches)
    page = result.model_copy(update={"matches": result.matches[:shown_count(total, limit, as_json)]})
    if as_json:
        print_json(find_json(page, total, outside))
    elif not total and result.province_scope is not None:
        no_match_in_scope(page, outside)
    else:
        find_table(page)
        if total:
            console.print(count_line(total, len(page.matches)), highlight=False)
    if not total:
        raise typer.Exit(EXIT_NOT_FOUND)
