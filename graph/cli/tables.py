"""The query answers as rich tables on stdout (what the commands print without ``--json``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.table import Table

from graph.cli.budget_view import budget_table, project_funding
from graph.cli.common import console, err_console
from graph.cli.fit_table import print_fitted
from graph.i18n import _, format_date, format_decimal, format_number, vietnamese_date

if TYPE_CHECKING:  # the models are only annotations here: the commands import them when they run
    from graph.queries.agency_results import AgencyResult, SuccessionStep, TargetsResult
    from graph.queries.result_refs import DocRef, ProvinceScope
    from graph.queries.results import CheckResult, CompareResult, FindResult, LineageResult, PathResult
    from graph.queries.status_results import DocumentStatus, StatusResult

# --- formatting helpers -----------------------------------------------------------------------------

def _doc(d: DocRef | None) -> str:
    return d.label if d else "—"


def _short(text: str | None, width: int = 90) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _amount(value: float, decimals: int) -> str:
    """``value`` with at most ``decimals`` decimals (no trailing zeros), separators of the language."""
    shown = len(f"{value:.{decimals}f}".rstrip("0").partition(".")[2])
    return format_number(value, shown)


def _money(dong: float | None) -> str:
    if not dong:
        return "—"
    if dong >= 1e9:
        return _amount(dong / 1e9, 3) + " tỷ đồng"
    return _amount(dong / 1e6, 1) + " triệu đồng"


def print_table(t: Table, prose: tuple[int, ...] = (), words: tuple[int, ...] = ()) -> None:
    """Print ``t`` without breaking a number, a date or a key: see :func:`graph.cli.fit_table.fit`."""
    print_fitted(console, t, prose, words)


def _heading(d: DocRef) -> str:
    extra = ", ".join(x for x in (format_date(d.date), d.issuer) if x)
    return f"{d.label} ({extra})" if extra else d.label


def _scope_note(scope: ProvinceScope | None) -> None:
    """Say what a --province filter includes (former provinces merged into it, or what it is part of now)."""
    if scope is not None and scope.note:
        from graph.queries.provinces import scope_note_on_screen

        note = scope_note_on_screen(scope)
        console.print(_("Scope: {note}").format(note=note), highlight=False, soft_wrap=True)


def _legend(docs: Iterable[DocRef]) -> None:
    """The legend line of the unresolved-citation mark, when a shown document carries it, and a line for
    each shown number cited as several types of document (maybe several documents under one number)."""
    from graph.queries.result_refs import uncertain_legend, unresolved_legend

    docs = list(docs)
    if legend := unresolved_legend(docs):
        console.print(legend, highlight=False, soft_wrap=True)
    for line in uncertain_legend(docs):
        console.print(line, highlight=False, soft_wrap=True)


def _province(d: DocRef) -> str:
    """'Tiền Giang (cũ, nay thuộc Đồng Tháp)' for a document of a former province."""
    if d.province and d.province_now and d.province_now != d.province:
        return _("{province} (former, now part of {now})").format(province=d.province, now=d.province_now)
    return d.province or ""


def _labels(result: LineageResult) -> dict[str, str]:
    """Short names for the "via" column: the number, else the label."""
    docs = [result.document, *(i.document for i in result.items)]
    return {d.key: d.number or d.label for d in docs}


# --- tables -----------------------------------------------------------------------------------------

def find_table(r: FindResult) -> None:
    _scope_note(r.province_scope)
    if not r.matches:
        err_console.print(_("no document matches {query}").format(query=repr(r.query)), highlight=False)
        if r.suggestions:
            from graph.queries.resolve import described_on_screen

            names = _(" or ").join(map(described_on_screen, r.suggestions))
            err_console.print(_("did you mean {names}?").format(names=names),
                              highlight=False)
        return
    t = Table(title=_("Documents matching {query}").format(query=repr(r.query)))
    for col in (_("document"), _("date"), _("issuer"), _("title"), _("read"), _("key")):
        t.add_column(col)
    for d in r.matches:
        t.add_row(d.label, format_date(d.date), d.issuer or d.province or "", _short(d.title, 70),
                  _("yes") if d.ingested else _("cited"), d.key)
    print_table(t, prose=(3, 2, 4), words=(0,))


def lineage_table(r: LineageResult, names: dict[str, str] | None = None) -> None:
    """``names``: short names of documents the rows' relationships reach that are not among the rows."""
    names = {**(names or {}), **_labels(r)}
    if r.direction == "bases":
        title = _("Bases of {document}").format(document=_heading(r.document))
    else:
        title = _("Documents resting on {document}").format(document=_heading(r.document))
    if r.province:  # the province's own name, however it was typed ("kien giang")
        province = r.province_scope.province if r.province_scope else r.province
        title += " " + _("in {province}").format(province=province)
    title += " — " + _("up to {n} hops").format(n=r.depth)
    _scope_note(r.province_scope)
    if not r.items:
        console.print(_("{title}: none found").format(title=title), highlight=False)
        _legend([r.document])
        return
    t = Table(title=title, show_lines=False)
    first = _("level") if r.direction == "bases" else _("province")
    for col in (first, _("document"), _("date"), _("issuer"), _("hops"), _("via"), _("citing words"),
                _("status")):
        t.add_column(col, overflow="fold")
    last = None
    for i in r.items:
        head = i.document.group if r.direction == "bases" else (_province(i.document) or _("(central)"))
        if last is not None and head != last:
            t.add_section()
        via = ", ".join(
            f"{names.get(lk.source if r.direction == 'bases' else lk.target, lk.source)} ({lk.type})"
            for lk in i.via)
        t.add_row(head if head != last else "", i.document.label, format_date(i.document.date),
                  i.document.issuer or "", str(i.depth), via, _short(i.path[-1].text if i.path else ""),
                  i.status.summary if i.status else "")
        last = head
    print_table(t, prose=(0, 7, 5, 3, 6), words=(1,))
    _legend([r.document, *(i.document for i in r.items)])


def _sources(b: DocumentStatus) -> str:
    """The sources of what decides the status (the event in effect, a page's statement), one a line: the
    page (URL) or the file and line, with its words. ``--json`` and the page list every source."""
    deciding = [e for e in b.events if e.kind == b.status and e.in_effect and e.date == b.since][:1]
    sources = [x for e in deciding for x in e.sources]
    if b.statement and (b.statement.status == b.status or not deciding):
        sources.append(b.statement.source)
    lines = []
    for src in sources:
        where = src.url or (_("{file}, line {line}").format(file=src.file, line=src.line) if src.line
                            else src.file) or src.name
        lines.append(f"{where} “{_short(src.quote, 100)}”" if src.quote else where)
    return "\n".join(dict.fromkeys(lines))


def _signing(moment: str) -> str:
    """When, relative to the signing of the document, a basis ended or was amended."""
    if moment == "before signing":
        return _("before the document was signed")
    if moment == "after signing":
        return _("after the document was signed")
    return _("unknown whether before or after the document was signed")


def status_table(r: StatusResult) -> None:
    title = _("Status of the bases of {document} on {day} (up to {n} hops)").format(
        document=_heading(r.document), day=vietnamese_date(r.as_of), n=r.depth)
    t = Table(title=title, show_lines=True)
    for col in (_("basis"), _("issued"), _("status"), _("relative to the signing"), _("source")):
        t.add_column(col, overflow="fold")
    for b in r.bases:
        moments = []
        if b.signing:
            moments.append(_("ended {when}").format(when=_signing(b.signing)))
        if b.amended_signing:
            moments.append(_("amended {when}").format(when=_signing(b.amended_signing)))
        if b.dated_after_document:
            moments.append(_("the basis is dated after the document (a drafting or extraction error?)"))
        t.add_row(b.basis.label, vietnamese_date(b.basis.date), b.summary, "\n".join(moments), _sources(b))
    print_table(t, prose=(2, 3, 4), words=(0,))
    _legend([r.document, *(b.basis for b in r.bases)])
    known = sum(1 for b in r.bases if b.known)
    console.print(_("{n} bases: {known} with a status and its source, {unknown} with no information "
                    "(which does not mean in force).").format(n=len(r.bases), known=known,
                                                             unknown=len(r.bases) - known), highlight=False)


def agency_table(r: AgencyResult) -> None:
    _scope_note(r.province_scope)
    names = "; ".join(f"{a.name} ({a.province or _('central')})" for a in r.agencies)
    t = Table(title=_("What {agencies} leads and coordinates").format(agencies=names))
    for col in (_("role"), _("document"), _("project / task"), _("period"), _("budget"), _("funding")):
        t.add_column(col, overflow="fold")
    for role in r.roles:
        what = role.project.name if role.project else (role.task or "")
        t.add_row(role.role, _doc(role.document), _short(what, 100),
                  role.project.period or "" if role.project else "",
                  _money(role.project.budget_dong) if role.project else "",
                  project_funding(role.project) if role.project else "")
    print_table(t, prose=(2, 5), words=(1,))
    budget_table(r)
    succession_table(r)


def _note(note: str | None) -> str | None:
    """What the reference data says about an agency without a known successor."""
    if note == "district_level":
        return _("the district level ended on 2025-07-01 (Nghị quyết 203/2025/QH15): there is no "
                 "successor at the same level; tasks passed to the province or to the communes, wards and "
                 "special zones — the reference data has no general rule saying which unit took which task")
    if note == "successor_unknown":
        return _("this agency's province was reorganised in 2025; the successor of this agency itself is not "
                 "in the reference data yet")
    return None


def _step(s: SuccessionStep) -> str:
    when = format_date(s.date) if s.date_exact else _(
        "{date} by the general rule; the exact day is set by the province (a resolution of the provincial "
        "People's Council)").format(date=format_date(s.date))
    part = " — " + _("the part for the field {scope}").format(scope=s.scope) if s.scope else ""
    sure = "" if s.status in (None, "confirmed") else " " + _("(not fully confirmed)")
    return _("{former} ({province}) → {successor}{part}: from {when}; legal basis {basis}{sure}").format(
        former=s.former.name, province=s.former.province or _("central"), successor=s.successor.name,
        part=part, when=when, basis=", ".join(s.legal_basis), sure=sure)


def succession_table(r: AgencyResult) -> None:
    """What became of the agencies (2025 reorganisation) and which open tasks passed to whom."""
    for s in r.successions:
        where = s.agency.province or _("central")
        if s.current:
            head = _("{agency} ({where}) no longer exists from {day}; it is now {current}").format(
                agency=s.agency.name, where=where, day=format_date(s.ended), current=s.current.name)
        elif s.ended:
            head = _("{agency} ({where}) ceased to operate from {day}").format(
                agency=s.agency.name, where=where, day=format_date(s.ended))
        else:
            head = f"{s.agency.name} ({where})"
        console.print(_("Succession: {head}").format(head=head), highlight=False, soft_wrap=True)
        for step in s.steps:
            console.print(f"  • {_step(step)}", highlight=False, soft_wrap=True)
        if _note(s.note):
            console.print(f"  • {_note(s.note)}", highlight=False, soft_wrap=True)
    if not r.handovers:
        return
    t = Table(title=_("Tasks and projects still running when the agency ceased: who took them over"))
    for col in (_("role"), _("document"), _("task / project"), _("deadline"), _("now with")):
        t.add_column(col, overflow="fold")
    for h in r.handovers:
        role = h.role
        what = role.project.name if role.project else (role.task or "")
        whose = _("project") if h.deadline_from == "project" else _("per the document")
        deadline = f"{h.deadline} ({whose})"
        to = h.to.name if h.to else _("unknown")
        if h.may_go_to:
            units = ", ".join(_("{unit} (field {scope})").format(unit=m.successor.name, scope=m.scope)
                              for m in h.may_go_to)
            to += "; " + _("possibly {units}").format(units=units)
        t.add_row(role.role, _doc(role.document), _short(what, 100), deadline, to)
    print_table(t, prose=(4, 2), words=(1,))


def targets_table(r: TargetsResult) -> None:
    _scope_note(r.province_scope)
    metric = _("metric ~ {metric}").format(metric=repr(r.metric)) if r.metric else None
    province = r.province_scope.province if r.province_scope else r.province  # as named, however typed
    scope = " ".join(x for x in (province, metric) if x)
    if not r.rows:  # no empty table: one line saying so
        console.print(_("no targets found") + (f" ({scope})" if scope else ""), highlight=False)
        return
    t = Table(title=f"{_('Targets')} {scope}".strip())
    for col in (_("metric"), _("document"), _("date"), _("value"), _("deadline"), _("target")):
        t.add_column(col, overflow="fold")
    last = None
    for row in r.rows:
        if last is not None and row.metric != last:
            t.add_section()
        value = ""
        if row.value is not None:  # a range: "15–16%"
            high = f"–{format_decimal(row.high)}" if row.high is not None else ""
            span = format_decimal(row.value) + high
            value = f"{span}{'' if row.unit == '%' else ' '}{row.unit or ''}"
        t.add_row(row.metric or _("(no metric)") if row.metric != last else "", row.document.label,
                  format_date(row.document.date), value.strip(), str(row.deadline or ""),
                  _short(row.text, 100))
        last = row.metric
    print_table(t, prose=(5,), words=(0, 1))


def path_table(r: PathResult) -> None:
    t = Table(title=_("{a} → {b}: {n} relationship(s)").format(a=r.a.label, b=r.b.label, n=r.length))
    for col in ("#", _("from"), _("relationship"), _("to"), _("citing words")):
        t.add_column(col, overflow="fold")
    for n, (step, left, right) in enumerate(zip(r.steps, r.documents, r.documents[1:], strict=False), 1):
        arrow = f"—{step.link.type}→" if step.forward else f"←{step.link.type}—"
        t.add_row(str(n), left.label, arrow, right.label, _short(step.link.text))
    print_table(t, prose=(4,), words=(1, 3))
    _legend(r.documents)


def compare_table(r: CompareResult) -> None:
    _scope_note(r.a.province_scope)
    _scope_note(r.b.province_scope)
    t = Table(title=_("Bases of {a} and {b} (up to {n} hops)").format(a=r.a.label, b=r.b.label, n=r.depth))
    for col in (_("in"), _("level"), _("document"), _("date"), _("issuer")):
        t.add_column(col, overflow="fold")
    only_a, only_b = (_("only {document}").format(document=d.label) for d in (r.a, r.b))
    for name, docs in ((_("both"), r.shared), (only_a, r.only_a), (only_b, r.only_b)):
        for d in docs:
            t.add_row(name, d.group, d.label, format_date(d.date), d.issuer or "")
        t.add_section()
    print_table(t, prose=(1, 4), words=(0, 2))
    _legend([*r.shared, *r.only_a, *r.only_b])
    console.print(_("shared {shared}, {only_a} {a}, {only_b} {b}").format(
        shared=len(r.shared), only_a=only_a, a=len(r.only_a), only_b=only_b, b=len(r.only_b)),
        highlight=False)


def check_table(r: CheckResult) -> None:
    """The issues in the user's language: their kinds and messages said on screen, values as written."""
    from graph.queries.check_text import kind_label, on_screen

    console.print(_("{documents} documents, {relationships} relationships between them").format(
        documents=format_number(r.documents), relationships=format_number(r.relationships)), highlight=False)
    if not r.issues:
        console.print(_("no issue found"), highlight=False)
        return
    t = Table(title=_("Data-quality issues"))
    t.add_column(_("kind"))
    t.add_column(_("issue"), overflow="fold")
    t.add_column(_("where"), overflow="fold")
    for issue in r.issues:
        where = ", ".join(f"{e.file}:{e.line}" if e.line else (e.file or "") for e in issue.evidence[:3])
        t.add_row(kind_label(issue.kind), on_screen(issue.message), where)
    print_table(t, prose=(2,), words=(0, 1))
    console.print(", ".join(f"{kind_label(k)}: {format_number(n)}" for k, n in r.counts.items()),
                  highlight=False)
