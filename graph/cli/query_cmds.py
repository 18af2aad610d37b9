"""The questions legal staff ask, on the command line: find, bases, derived, status, agency, targets,
path, compare, check. A thin layer: each command resolves its store, calls :mod:`graph.queries`, and
hands the result to :func:`output` (table, ``--json`` or ``--html``).

Exit codes: 0 found, 1 nothing found, 2 bad usage, 3 Neo4j failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.table import Table

from graph.cli.app import app
from graph.cli.common import (
    EXIT_NOT_FOUND,
    NEO4J_HELP,
    STORE_HELP,
    console,
    err_console,
    print_json,
    user_errors,
)
from graph.errors import LineageError
from graph.queries.backend import DEFAULT_DEPTH, MAX_DEPTH, Backend
from graph.queries.results import (
    AgencyResult,
    CheckResult,
    CompareResult,
    DocRef,
    FindResult,
    LineageResult,
    PathResult,
    StatusResult,
    TargetsResult,
)

# --- shared options ---------------------------------------------------------------------------------

StoreOpt = Annotated[Path | None, typer.Option("--store", help=STORE_HELP, metavar="PATH")]
Neo4jOpt = Annotated[str | None, typer.Option("--neo4j", envvar="NEO4J_URI", metavar="URI", help=NEO4J_HELP)]
UserOpt = Annotated[str | None, typer.Option(
    "--user", envvar="NEO4J_USER", help="Neo4j user (default: neo4j).")]
PasswordOpt = Annotated[str | None, typer.Option(
    "--password", envvar="NEO4J_PASSWORD", show_default=False,
    help="Neo4j password (prefer the environment variable NEO4J_PASSWORD).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the answer as JSON (stable pydantic models).")]
HtmlOpt = Annotated[Path | None, typer.Option(
    "--html", metavar="FILE", dir_okay=False, help="Also write the answer as an interactive HTML page.")]
DepthOpt = Annotated[int, typer.Option(
    "--depth", min=1, max=MAX_DEPTH, help=f"Relationships to follow (1-{MAX_DEPTH}).")]
DocArg = Annotated[str, typer.Argument(
    help='Document: number ("749/QĐ-TTg", "1891"), key, or words of the title ("chuyen doi so kien giang").',
    metavar="DOC")]
ProvinceOpt = Annotated[str | None, typer.Option("--province", help='Province, e.g. "Kiên Giang".')]


@contextmanager
def open_backend(store: Path | None, neo4j: str | None, user: str | None,
                 password: str | None) -> Iterator[Backend]:
    """The embedded store (default) or Neo4j when a URI is given."""
    if neo4j:
        from graph.cli.neo4j_cmds import open_neo4j
        from graph.queries.backend import Neo4jBackend

        backend = Neo4jBackend(open_neo4j(neo4j, user, password))
        try:
            yield backend
        finally:
            backend.close()
    else:
        from graph.queries.backend import EmbeddedBackend
        from graph.stores.embedded import load_graph

        yield EmbeddedBackend(load_graph(store, freeze=True))


def write_html(result: BaseModel, path: Path) -> None:
    """Render a graph-shaped answer with :mod:`visualizations` (when it is installed)."""
    to_subgraph = getattr(result, "to_subgraph", None)
    if to_subgraph is None:
        raise LineageError("this answer is a table, not a graph: --html is not available for it")
    try:
        from visualizations.render import render_subgraph
    except ImportError:
        raise LineageError("HTML output not available", hint="install the visualizations package") from None
    info = render_subgraph(to_subgraph(), path)
    err_console.print(f"wrote {info.path}: {info.nodes} nodes, {info.edges} relationships", highlight=False)


def output(result: BaseModel, *, as_json: bool, html: Path | None, table: Callable[[Any], None],
           found: bool) -> None:
    """The one place an answer leaves a command: HTML file, JSON or table; exit 1 when nothing was found."""
    if html is not None:
        write_html(result, html)
    if as_json:
        print_json(result)
    else:
        table(result)
    if not found:
        raise typer.Exit(EXIT_NOT_FOUND)


# --- formatting helpers -----------------------------------------------------------------------------

def _doc(d: DocRef | None) -> str:
    return d.label if d else "—"


def _short(text: str | None, width: int = 90) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _money(dong: float | None) -> str:
    if not dong:
        return "—"
    if dong >= 1e9:
        return f"{dong / 1e9:,.3f}".rstrip("0").rstrip(".") + " tỷ đồng"
    return f"{dong / 1e6:,.1f}".rstrip("0").rstrip(".") + " triệu đồng"


def _heading(d: DocRef) -> str:
    extra = ", ".join(x for x in (d.date, d.issuer) if x)
    return f"{d.label} ({extra})" if extra else d.label


def _labels(result: LineageResult) -> dict[str, str]:
    """Short names for the "via" column: the number, else the label."""
    docs = [result.document, *(i.document for i in result.items)]
    return {d.key: d.number or d.label for d in docs}


# --- tables -----------------------------------------------------------------------------------------

def _find_table(r: FindResult) -> None:
    if not r.matches:
        err_console.print(f"no document matches {r.query!r}", highlight=False)
        return
    t = Table(title=f"Documents matching {r.query!r}")
    for col in ("document", "date", "issuer", "title", "read", "key"):
        t.add_column(col)
    for d in r.matches:
        t.add_row(d.label, d.date or "", d.issuer or d.province or "", _short(d.title, 70),
                  "yes" if d.ingested else "cited", d.key)
    console.print(t)


def _lineage_table(r: LineageResult) -> None:
    names = _labels(r)
    word = "Bases of" if r.direction == "bases" else "Documents resting on"
    where = f" in {r.province}" if r.province else ""
    title = f"{word} {_heading(r.document)}{where} — up to {r.depth} hops"
    if not r.items:
        console.print(f"{title}: none found", highlight=False)
        return
    t = Table(title=title, show_lines=False)
    first = "level" if r.direction == "bases" else "province"
    for col in (first, "document", "date", "issuer", "hops", "via", "citing words"):
        t.add_column(col, overflow="fold")
    last = None
    for i in r.items:
        head = i.document.group if r.direction == "bases" else (i.document.province or "(central)")
        if last is not None and head != last:
            t.add_section()
        via = ", ".join(
            f"{names.get(lk.source if r.direction == 'bases' else lk.target, lk.source)} ({lk.type})"
            for lk in i.via)
        t.add_row(head if head != last else "", i.document.label, i.document.date or "",
                  i.document.issuer or "", str(i.depth), via, _short(i.path[-1].text if i.path else ""))
        last = head
    console.print(t)


def _status_table(r: StatusResult) -> None:
    title = f"Status of the bases of {_heading(r.document)} (up to {r.depth} hops)"
    t = Table(title=title)
    for col in ("basis", "date", "status", "what happened (evidence)", "warnings"):
        t.add_column(col, overflow="fold")
    for b in r.bases:
        events = "\n".join(f"{e.kind} by {_doc(e.by)}" + (f" from {e.date}" if e.date else "")
                           + f" ({e.evidence})" for e in b.events)
        warnings = []
        if b.replaced_before_signing:
            warnings.append("already replaced when the document was signed")
        if b.dated_after_document:
            warnings.append("dated after the document")
        t.add_row(b.basis.label, b.basis.date or "", b.status, events, "; ".join(warnings))
    console.print(t)
    known = sum(1 for b in r.bases if b.status != "no information")
    console.print(f"{len(r.bases)} bases: {known} with a known replacement or amendment, "
                  f"{len(r.bases) - known} with no information (which does not mean in force).",
                  highlight=False)


def _agency_table(r: AgencyResult) -> None:
    names = "; ".join(f"{a.name} ({a.province or 'trung ương'})" for a in r.agencies)
    t = Table(title=f"What {names} leads and coordinates")
    for col in ("role", "document", "project / task", "period", "budget"):
        t.add_column(col, overflow="fold")
    for role in r.roles:
        what = role.project.name if role.project else (role.task or "")
        t.add_row(role.role, _doc(role.document), _short(what, 100),
                  role.project.period or "" if role.project else "",
                  _money(role.project.budget_dong) if role.project else "")
    console.print(t)
    if r.budgets:
        b = Table(title="Budgets of the projects, per document")
        for col in ("document", "led projects", "led budget", "coordinated projects", "coordinated budget"):
            b.add_column(col, justify="right" if col != "document" else "left")
        for row in r.budgets:
            b.add_row(_doc(row.document), str(row.led_projects), _money(row.led_budget_dong),
                      str(row.coordinated_projects), _money(row.coordinated_budget_dong))
        b.add_section()
        b.add_row("total", "", _money(r.total_led_budget_dong), "", _money(r.total_coordinated_budget_dong))
        console.print(b)


def _targets_table(r: TargetsResult) -> None:
    scope = " ".join(x for x in (r.province, f"metric ~ {r.metric!r}" if r.metric else None) if x)
    t = Table(title=f"Targets {scope}".strip())
    for col in ("metric", "document", "date", "value", "deadline", "target"):
        t.add_column(col, overflow="fold")
    last = None
    for row in r.rows:
        if last is not None and row.metric != last:
            t.add_section()
        value = "" if row.value is None else f"{row.value:g}{'' if row.unit == '%' else ' '}{row.unit or ''}"
        t.add_row(row.metric or "(no metric)" if row.metric != last else "", row.document.label,
                  row.document.date or "", value.strip(), str(row.deadline or ""), _short(row.text, 100))
        last = row.metric
    console.print(t)
    if not r.rows:
        console.print("no targets found", highlight=False)


def _path_table(r: PathResult) -> None:
    t = Table(title=f"{r.a.label} → {r.b.label}: {r.length} relationship(s)")
    for col in ("#", "from", "relationship", "to", "citing words"):
        t.add_column(col, overflow="fold")
    for n, (step, left, right) in enumerate(zip(r.steps, r.documents, r.documents[1:], strict=False), 1):
        arrow = f"—{step.link.type}→" if step.forward else f"←{step.link.type}—"
        t.add_row(str(n), left.label, arrow, right.label, _short(step.link.text))
    console.print(t)


def _compare_table(r: CompareResult) -> None:
    t = Table(title=f"Bases of {r.a.label} and {r.b.label} (up to {r.depth} hops)")
    for col in ("in", "level", "document", "date", "issuer"):
        t.add_column(col, overflow="fold")
    for name, docs in (("both", r.shared), (f"only {r.a.label}", r.only_a), (f"only {r.b.label}", r.only_b)):
        for d in docs:
            t.add_row(name, d.group, d.label, d.date or "", d.issuer or "")
        t.add_section()
    console.print(t)
    console.print(f"shared {len(r.shared)}, only {r.a.label} {len(r.only_a)}, "
                  f"only {r.b.label} {len(r.only_b)}", highlight=False)


def _check_table(r: CheckResult) -> None:
    console.print(f"{r.documents} documents, {r.relationships} relationships between them", highlight=False)
    if not r.issues:
        console.print("no issue found", highlight=False)
        return
    t = Table(title="Data-quality issues")
    t.add_column("kind")
    t.add_column("issue", overflow="fold")
    t.add_column("where", overflow="fold")
    for issue in r.issues:
        where = ", ".join(f"{e.file}:{e.line}" if e.line else (e.file or "") for e in issue.evidence[:3])
        t.add_row(issue.kind, issue.message, where)
    console.print(t)
    console.print(", ".join(f"{k}: {n}" for k, n in r.counts.items()), highlight=False)


# --- commands ---------------------------------------------------------------------------------------

@app.command("find")
@user_errors
def find_command(
    text: Annotated[str, typer.Argument(help='Number ("1891", "749/QĐ-TTg"), key, or words of the title.')],
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Find documents by number, key or words of the title (insensitive to diacritics and case).

    Every other command accepts what find accepts wherever it takes a document.

    Example: [bold]lineage find "chuyen doi so kien giang"[/]   (or: lineage find 749/QĐ-TTg)
    """
    from graph.queries.find import find

    with open_backend(store, neo4j, user, password) as backend:
        result = find(backend, text)
    output(result, as_json=as_json, html=None, table=_find_table, found=bool(result.matches))


@app.command("bases")
@user_errors
def bases_command(
    doc: DocArg, depth: DepthOpt = DEFAULT_DEPTH,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None,
) -> None:
    """Which documents underpin this one, directly and through the chain of bases, grouped by level.

    Follows CĂN_CỨ, THỰC_HIỆN, HƯỚNG_DẪN and SỬA_ĐỔI up to --depth hops; each basis comes with the
    relationships that reach it ("via") and the citing words.

    Example: [bold]lineage bases 2174/QĐ-UBND --depth 3[/]
    """
    from graph.queries.bases import bases

    with open_backend(store, neo4j, user, password) as backend:
        result = bases(backend, doc, depth)
    output(result, as_json=as_json, html=html, table=_lineage_table, found=bool(result.items))


@app.command("derived")
@user_errors
def derived_command(
    doc: DocArg, depth: DepthOpt = DEFAULT_DEPTH, province: ProvinceOpt = None,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None,
) -> None:
    """Which documents, in which provinces, rest on this one (the impact of changing or repealing it).

    Example: [bold]lineage derived 64/2007/NĐ-CP --province "Tiền Giang"[/]
    """
    from graph.queries.derived import derived

    with open_backend(store, neo4j, user, password) as backend:
        result = derived(backend, doc, depth, province)
    output(result, as_json=as_json, html=html, table=_lineage_table, found=bool(result.items))


@app.command("status")
@user_errors
def status_command(
    doc: DocArg,
    depth: Annotated[int, typer.Option("--depth", min=1, max=MAX_DEPTH,
                                       help="1: the document's own bases; more: bases of bases too.")] = 1,
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False, html: HtmlOpt = None,
) -> None:
    """Is the foundation sound? Bases replaced, repealed or amended (graph and catalog, with sources),
    already replaced on the day the document was signed, or dated after it.

    Says "no information" when nothing is known about a basis: that does not mean it is in force.

    Example: [bold]lineage status 1891/QĐ-UBND[/]
    """
    from graph.queries.status import status

    with open_backend(store, neo4j, user, password) as backend:
        result = status(backend, doc, depth)
    output(result, as_json=as_json, html=html, table=_status_table, found=bool(result.bases))


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
    from graph.queries.agency import agency

    with open_backend(store, neo4j, user, password) as backend:
        result = agency(backend, name, province)
    output(result, as_json=as_json, html=html, table=_agency_table, found=bool(result.roles))


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
    from graph.queries.targets import targets

    with open_backend(store, neo4j, user, password) as backend:
        result = targets(backend, province, metric)
    output(result, as_json=as_json, html=None, table=_targets_table, found=bool(result.rows))


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
    from graph.queries.path import path

    with open_backend(store, neo4j, user, password) as backend:
        result = path(backend, a, b)
    output(result, as_json=as_json, html=html, table=_path_table, found=True)


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
    from graph.queries.compare import compare

    with open_backend(store, neo4j, user, password) as backend:
        result = compare(backend, a, b, depth, provinces)
    found = bool(result.shared or result.only_a or result.only_b)
    output(result, as_json=as_json, html=html, table=_compare_table, found=found)


@app.command("check")
@user_errors
def check_command(
    store: StoreOpt = None, neo4j: Neo4jOpt = None, user: UserOpt = None, password: PasswordOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A data-quality report over the whole store: unresolved citations, documents cited with conflicting
    dates or issuers, bases dated after the citing document, cycles of bases.

    Exit code 0 when the report is produced, whatever it finds.

    Example: [bold]lineage check --json[/]
    """
    from graph.queries.check import check

    with open_backend(store, neo4j, user, password) as backend:
        result = check(backend)
    output(result, as_json=as_json, html=None, table=_check_table, found=True)
