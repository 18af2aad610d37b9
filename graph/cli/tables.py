"""The query answers as rich tables on stdout (what the commands print without ``--json``)."""

from __future__ import annotations

from rich.table import Table

from graph.cli.common import console, err_console
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

def find_table(r: FindResult) -> None:
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


def lineage_table(r: LineageResult) -> None:
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


def status_table(r: StatusResult) -> None:
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


def agency_table(r: AgencyResult) -> None:
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


def targets_table(r: TargetsResult) -> None:
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


def path_table(r: PathResult) -> None:
    t = Table(title=f"{r.a.label} → {r.b.label}: {r.length} relationship(s)")
    for col in ("#", "from", "relationship", "to", "citing words"):
        t.add_column(col, overflow="fold")
    for n, (step, left, right) in enumerate(zip(r.steps, r.documents, r.documents[1:], strict=False), 1):
        arrow = f"—{step.link.type}→" if step.forward else f"←{step.link.type}—"
        t.add_row(str(n), left.label, arrow, right.label, _short(step.link.text))
    console.print(t)


def compare_table(r: CompareResult) -> None:
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


def check_table(r: CheckResult) -> None:
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
