"""An agency's budgets on screen: each project's funding source, per-plan figures (state budget,
private money and money of no stated source apart), and a total only when the plans do not overlap.
The JSON (``AgencyResult``) and the page carry the same figures and notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from graph.cli.common import console
from graph.cli.fit_table import print_fitted
from graph.i18n import _, format_number

if TYPE_CHECKING:
    from graph.queries.agency_results import AgencyResult, DocumentBudget, ProjectRef


def money(dong: float | None) -> str:
    """"1,356.66 tỷ đồng" / "450 triệu đồng" with the language's separators; "—" for nothing."""
    if not dong:
        return "—"
    value, unit, decimals = (dong / 1e9, "tỷ đồng", 3) if dong >= 1e9 else (dong / 1e6, "triệu đồng", 1)
    shown = len(f"{value:.{decimals}f}".rstrip("0").partition(".")[2])
    return f"{format_number(value, shown)} {unit}"


def kind_label(kind: str) -> str:
    """What a funding kind means, in the user's language."""
    labels = {"public": _("state budget"), "private": _("private (not budget)"),
              "mixed": _("public and private, not split"), "other": _("other source")}
    return labels.get(kind, _("source not said"))


def project_funding(p: ProjectRef) -> str:
    """Where a project's money comes from: "ngân sách địa phương 3 tỷ đồng; doanh nghiệp, xã hội hóa
    410 tỷ đồng (private (not budget))", or that the plan does not say."""
    if not p.shares:
        return _("source not said") if p.budget_dong else ""
    if len(p.shares) == 1:
        s = p.shares[0]
        return f"{s.source or _('source not said')} ({kind_label(s.kind)})"
    return "; ".join(f"{s.source or _('source not said')} {money(s.amount_dong)} ({kind_label(s.kind)})"
                     for s in p.shares)


def budget_table(r: AgencyResult) -> None:
    """Per plan, one line a figure: projects led, state budget, private money, money of no stated
    source, each with its sources, and the projects coordinated; the total across plans only when
    their periods do not overlap; then what the figures do not add."""
    if not r.budgets:
        return
    b = Table(title=_("Budgets of the projects, per plan"))
    b.add_column(_("plan"))
    b.add_column(_("period"))
    b.add_column(_("figure"))
    b.add_column(_("amount"), justify="right")
    for k, row in enumerate(r.budgets):
        if k:
            b.add_section()
        lines = _lines(row)
        for n, (what, amount) in enumerate(lines):
            first = n == 0
            b.add_row(row.document.label if first and row.document else "—" if first else "",
                      row.period or "" if first else "", what, amount)
    b.add_section()
    if r.total_led_budget_dong is None:
        b.add_row(_("total"), "", _("state budget, all plans: the plans overlap in time"), _("not added"))
    else:
        b.add_row(_("total"), "", _("state budget, led"), money(r.total_led_budget_dong))
        if r.total_led_private_dong:
            b.add_row("", "", _("private (not budget), led"), money(r.total_led_private_dong))
        if r.total_led_unknown_dong:
            b.add_row("", "", _("source not said, led"), money(r.total_led_unknown_dong))
        if r.total_coordinated_budget_dong:
            b.add_row("", "", _("state budget, coordinated"), money(r.total_coordinated_budget_dong))
    print_fitted(console, b, (), (0, 2))
    for note in r.budget_note:
        console.print(f"• {note}", highlight=False, soft_wrap=True)


def _lines(row: DocumentBudget) -> list[tuple[str, str]]:
    """(figure, amount) lines of one plan: a kind of money, then its sources indented."""
    out = [(_("projects led"), format_number(row.led_projects))]
    buckets = ((_("state budget"), row.led_budget_dong, ("public",)),
               (_("private (not budget)"), row.led_private_dong, ("private",)),
               (_("source not said or not split"), row.led_unknown_dong, ("mixed", "other", "unknown")))
    for label, total, kinds in buckets:
        if not total and kinds[0] != "public":
            continue
        out.append((label, money(total)))
        out += [(f"  · {s.source or _('source not said')}", money(s.amount_dong))
                for s in row.led_by_source if s.kind in kinds and (s.source or len(kinds) > 1)]
    if row.coordinated_projects:
        out.append((_("projects coordinated"), format_number(row.coordinated_projects)))
        out.append((_("state budget, coordinated"), money(row.coordinated_budget_dong)))
        if row.coordinated_private_dong or row.coordinated_unknown_dong:
            out.append((_("other money, coordinated"),
                        money(row.coordinated_private_dong + row.coordinated_unknown_dong)))
    return out
