"""``lineage extract``: read Vietnamese policy documents into their lineage facts.

A thin layer over :mod:`graph.reading.pool`: print the results as JSON (rendered in the workers) or as
tables, problems on stderr (one line each, naming the file), and an exit code.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli import common
from graph.cli.app import app
from graph.cli.common import EXIT_OK, print_problem, user_errors
from graph.i18n import N_, _, format_date, format_decimal, format_number

if TYPE_CHECKING:  # the models are imported with the reading code, when the command runs
    from graph.model import Document, FileExtraction, Problem
    from graph.reading.pool import Progress

EXIT_WARNINGS = 1
EXIT_ERRORS = 2
PROGRESS_MIN_FILES = 5
#: the header's fields, in this order, with the words the table shows for them
HEADER_FIELDS = {
    "doc_type": N_("document type"),
    "number": N_("number"),
    "date": N_("date"),
    "issuer": N_("issuer"),
    "province": N_("province"),
    "level": N_("level"),
    "title": N_("title"),
    "signer": N_("signer"),
    "signer_title": N_("signer's position"),
}
#: the words of the values the reading code keeps in English (the JSON's), as the table shows them
VALUE_WORDS = {
    "central": N_("central"),
    "provincial": N_("provincial"),
    "party": N_("Party"),
    "lead": N_("leads"),
    "coordinate": N_("coordinates"),
    "amends": N_("amends"),
    "amended_by": N_("is amended by"),
    "guides": N_("guides"),
    "implements": N_("implements"),
    "mentions": N_("mentions"),
}

HELP = (
    "Read Vietnamese policy documents (text files, or folders of them) into their lineage facts: number, "
    "type, date, issuer, signer, legal bases (Căn cứ), nested and other citations, proposals, assignments "
    "(chủ trì / phối hợp), projects and targets.\n\n"
    "Encodings are detected (UTF-8, UTF-16, Windows-1258, TCVN3/ABC, VNI); broken lines, tables and text "
    "damaged by PDF extraction are repaired first.\n\n"
    "Example:  lineage extract graph/data/corpus/*.txt --format json > out.json\n\n"
    "Exit codes: 0 every file read cleanly; 1 some file has a warning (a date that does not exist, a "
    "document without a recognisable header); 2 some file could not be read (missing, empty, binary, "
    "unknown encoding). Problems go to stderr, one line each naming the file; the other files are still "
    "extracted."
)


@app.command("extract", help=HELP)
@user_errors
def extract(
    paths: Annotated[list[Path], typer.Argument(  # readability is checked per file: one bad file is one line
        help="Text files or folders of text files.", metavar="PATH...", show_default=False, readable=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one object per file) or table.",
                                     case_sensitive=False)] = "table",
    json_flag: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1,
                                                help="Worker processes (default: one per core).")] = None,
) -> None:
    from graph.reading.extract import expand_paths

    fmt = "json" if json_flag else fmt.lower()
    if fmt not in ("json", "table"):
        from rich.markup import escape

        message = _("unknown format {fmt} (use json or table)").format(fmt=repr(fmt))
        common.err_console.print(f"[bold red]{escape(_('error:'))}[/] {escape(message)}", highlight=False,
                                 markup=True)
        raise typer.Exit(EXIT_ERRORS)
    if sys.stderr.isatty() and (total := len(expand_paths(paths))) >= PROGRESS_MIN_FILES:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn(_("extracting"), markup=False), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), TextColumn("{task.description}", markup=False),
                      console=common.err_console, transient=True) as bar:
            task = bar.add_task("", total=total)
            held: list[bytes] = []  # the bar would take what is written on stdout while it runs
            reports, tables = _extract(paths, fmt, workers, lambda done, _t, src: bar.update(
                task, completed=done, description=src), held.append)
        _stdout_writer()(b"".join(held))
    else:
        reports, tables = _extract(paths, fmt, workers, None, _stdout_writer())
    for r in tables:
        _print_table(r)
    raise typer.Exit(_report(reports))


Report = tuple[str, "list[Problem]"]


def _stdout_writer() -> Callable[[bytes], object]:
    """Where the JSON's UTF-8 bytes go: straight into stdout's binary buffer when stdout writes UTF-8
    without turning newlines into anything else (the same bytes, not decoded and encoded again), else
    through stdout as text."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or "ascii"
    if buffer is not None and os.linesep == "\n" and codecs.lookup(encoding).name == "utf-8":
        out.flush()  # what was written as text before goes first
        return buffer.write
    return lambda data: out.write(data.decode("utf-8"))


def _extract(paths: list[Path], fmt: str, workers: int | None, progress: Progress | None,
             write: Callable[[bytes], object]) -> tuple[list[Report], list[FileExtraction]]:
    """Extract ``paths``: (where, problems) of each file in input order, and the extractions to print
    as tables (none for JSON).

    JSON is rendered in the workers (UTF-8 bytes, no model rebuilt here) and given to ``write`` as
    it comes, byte for byte what :func:`~graph.cli.common.print_json` prints for the list of results."""
    from graph.reading.pool import as_json, extract_paths, iter_paths

    if fmt != "json":
        results = extract_paths(paths, workers=workers, progress=progress)
        return [(r.path or r.source, r.problems) for r in results], results
    reports: list[Report] = []
    for i, r in iter_paths(paths, workers=workers, progress=progress, render=as_json):
        write(b"[\n" if i == 0 else b",\n")
        write(r.json)
        reports.append((r.path or r.source, r.problems))
    write(b"\n]\n" if reports else b"[]\n")
    return reports, []


def _report(reports: list[Report]) -> int:
    """Problems on stderr, one line each; the exit code."""
    code = EXIT_OK
    for source, problems in reports:
        for p in problems:
            print_problem(source + (f":{p.line}" if p.line else ""), p.severity, p.message)
            code = max(code, EXIT_ERRORS if p.severity == "error" else EXIT_WARNINGS)
    return code


def _words(value: str) -> str:
    """A value the JSON keeps in English ("provincial", "lead", "amends") in the user's language."""
    return _(VALUE_WORDS[value]) if value in VALUE_WORDS else value


def _figure(value: float) -> str:
    """A target's figure the user's way: "1.500", "15,5" in Vietnamese ("1,500", "15.5" in English)."""
    digits = repr(float(value))
    if "e" in digits:
        return format_decimal(value)
    decimals = 0 if float(value).is_integer() else len(digits.partition(".")[2])
    return format_number(value, decimals)


def _cite(c) -> str:
    """A cited document in one line: type, number (else the start of its title), date, issuer."""
    name = c.number or (c.title or "")[:50]
    doc_type = c.doc_type or ""
    if not c.number and doc_type and name.lower().startswith(doc_type.lower()):
        doc_type = ""  # "Luật Công nghệ thông tin", not "Luật Luật Công nghệ thông tin"
    when = format_date(c.date.isoformat()) if c.date else str(c.year or "")  # "Luật Đất đai 2013"
    parts = [doc_type, name, when, c.issuer or ""]
    return " ".join(p for p in parts if p) or (c.text[:60] if c.text else "")


def _print_table(r: FileExtraction) -> None:
    from rich.markup import escape
    from rich.text import Text

    from graph.cli.safe_console import safe_text

    console = common.console
    console.rule(Text(safe_text(r.source, True), "bold")
                 + Text(f"  {r.encoding}" if r.encoding else "", "dim"))
    if not r.documents:
        console.print(f"[dim]{escape(_('no document'))}[/]", markup=True)
    for d in r.documents:
        _print_document(d)


def _print_document(d: Document) -> None:
    # rich only for --format table: a JSON run without problems does not import it
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from graph.cli.safe_console import safe_text

    console = common.console

    head = Table(show_header=False, box=None, pad_edge=False)
    head.add_column(style="bold cyan")
    head.add_column()
    restored = set(d.restored)
    for name, label in HEADER_FIELDS.items():
        value = getattr(d, name)
        if value is None:
            continue
        if hasattr(value, "isoformat"):
            text = format_date(value.isoformat())
        else:
            text = _words(value) if name == "level" else str(value)
        mark = "  " + _("(restored)") if name in restored else ""
        head.add_row(_(label), Text(safe_text(text)) + Text(mark, "yellow"))
    if d.attached_to:
        head.add_row(_("issued with"), _cite(d.attached_to))
    console.print(head)
    if d.bases:
        t = Table(_("basis (Căn cứ)"), _("line"), title=None, show_lines=False)
        for c in d.bases:
            t.add_row(_cite(c), str(c.line or ""))
        console.print(t)
    if d.nested:
        t = Table(_("nested"), _("relation"), _("of"))
        for n in d.nested:
            t.add_row(_cite(n.doc), _words(n.relation), n.of)
        console.print(t)
    if d.references:
        t = Table(_("reference"), _("line"))
        for c in d.references:
            t.add_row(_cite(c), str(c.line or ""))
        console.print(t)
    for p in d.proposals:
        when = format_date(p.date.isoformat()) if hasattr(p.date, "isoformat") else p.date
        what = " ".join(str(x) for x in (p.agency, p.number, when) if x)
        console.print(f"[bold]{escape(_('proposal:'))}[/] {escape(what)}", markup=True)
    for s in d.supersedes:
        console.print(f"[bold]{escape(_('supersedes:'))}[/] {escape(_cite(s))}", markup=True)
    if d.assignments:
        t = Table(_("agency"), _("role"), _("task"))
        for a in d.assignments:
            t.add_row(a.agency, _words(a.role), (a.task or "")[:80])
        console.print(t)
    if d.projects:
        t = Table(_("project"), _("lead"), _("period"), _("budget (đồng)"))
        for p in d.projects:
            t.add_row(p.name[:70], p.lead or "", p.period or "",
                      format_number(p.budget_dong) if p.budget_dong is not None else "")
        console.print(t)
    if d.targets:
        t = Table(_("target"), _("value"), _("unit"), _("by"))
        for g in d.targets:
            span = _figure(g.value) + (f"–{_figure(g.high)}" if g.high is not None else "")
            t.add_row(g.text[:70], span, g.unit or "", str(g.deadline or ""))
        console.print(t)
