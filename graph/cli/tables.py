"""The query answers as rich tables on stdout (what the commands print without ``--json``)."""

from __future__ import annotations

from rich.table import Table

from graph.cli.common import console, err_console
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


def _money(dong: float | None) -> str:
    if not dong:
        return "—"
    if dong >= 1e9:
        return f"{dong / 1e9:,.3f}".rstrip("0").rstrip(".") + " tỷ đồng"
    return f"{dong / 1e6:,.1f}".rstrip("0").rstrip(".") + " triệu đồng"


def _heading(d: DocRef) -> str:
    extra = ", ".join(x for x in (d.date, d.issuer) if x)
    return f"{d.label} ({extra})" if extra else d.label


def _scope_note(scope: ProvinceScope | None) -> None:
    """Say what a --province filter includes (former provinces merged into it, or what it is part of now)."""
    if scope is not None and scope.note:
        console.print(f"Phạm vi: {scope.note}", highlight=False, soft_wrap=True)


def _province(d: DocRef) -> str:
    """'Tiền Giang (cũ, nay thuộc Đồng Tháp)' for a document of a former province."""
    if d.province and d.province_now and d.province_now != d.province:
        return f"{d.province} (cũ, nay thuộc {d.province_now})"
    return d.province or ""


def _labels(result: LineageResult) -> dict[str, str]:
    """Short names for the "via" column: the number, else the label."""
    docs = [result.document, *(i.document for i in result.items)]
    return {d.key: d.number or d.label for d in docs}


# --- tables -----------------------------------------------------------------------------------------

def find_table(r: FindResult) -> None:
    _scope_note(r.province_scope)
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
    _scope_note(r.province_scope)
    if not r.items:
        console.print(f"{title}: none found", highlight=False)
        return
    t = Table(title=title, show_lines=False)
    first = "level" if r.direction == "bases" else "province"
    for col in (first, "document", "date", "issuer", "hops", "via", "citing words", "tình trạng"):
        t.add_column(col, overflow="fold")
    last = None
    for i in r.items:
        head = i.document.group if r.direction == "bases" else (_province(i.document) or "(central)")
        if last is not None and head != last:
            t.add_section()
        via = ", ".join(
            f"{names.get(lk.source if r.direction == 'bases' else lk.target, lk.source)} ({lk.type})"
            for lk in i.via)
        t.add_row(head if head != last else "", i.document.label, i.document.date or "",
                  i.document.issuer or "", str(i.depth), via, _short(i.path[-1].text if i.path else ""),
                  i.status.summary if i.status else "")
        last = head
    console.print(t)


def _sources(b: DocumentStatus) -> str:
    """The sources of what decides the status (the event in effect, a page's statement), one a line: the
    page (URL) or the file and line, with its words. ``--json`` and the page list every source."""
    deciding = [e for e in b.events if e.kind == b.status and e.in_effect and e.date == b.since][:1]
    sources = [x for e in deciding for x in e.sources]
    if b.statement and (b.statement.status == b.status or not deciding):
        sources.append(b.statement.source)
    lines = []
    for src in sources:
        where = src.url or (f"{src.file}, dòng {src.line}" if src.line else src.file) or src.name
        lines.append(f"{where} “{_short(src.quote, 100)}”" if src.quote else where)
    return "\n".join(dict.fromkeys(lines))


def status_table(r: StatusResult) -> None:
    from graph.queries.status import SIGNING_LABELS, vn_date

    title = (f"Tình trạng các căn cứ của {_heading(r.document)} — ngày {vn_date(r.as_of)}"
             f" (tối đa {r.depth} bậc)")
    t = Table(title=title, show_lines=True)
    for col in ("căn cứ", "ngày ban hành", "tình trạng", "so với ngày ký", "nguồn"):
        t.add_column(col, overflow="fold")
    for b in r.bases:
        moments = []
        if b.signing:
            moments.append(f"chấm dứt {SIGNING_LABELS[b.signing]}")
        if b.amended_signing:
            moments.append(f"sửa đổi {SIGNING_LABELS[b.amended_signing]}")
        if b.dated_after_document:
            moments.append("căn cứ mang ngày sau văn bản (lỗi soạn thảo hoặc trích xuất?)")
        t.add_row(b.basis.label, vn_date(b.basis.date), b.summary, "\n".join(moments), _sources(b))
    console.print(t)
    known = sum(1 for b in r.bases if b.known)
    console.print(f"{len(r.bases)} căn cứ: {known} có thông tin tình trạng kèm nguồn, {len(r.bases) - known} "
                  f"chưa có thông tin (không có nghĩa là còn hiệu lực).", highlight=False)


def agency_table(r: AgencyResult) -> None:
    _scope_note(r.province_scope)
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
    succession_table(r)


_NOTES = {
    "district_level": "cấp huyện kết thúc hoạt động từ 2025-07-01 (Nghị quyết 203/2025/QH15): không có "
    "đơn vị kế thừa cùng cấp; nhiệm vụ chuyển về tỉnh hoặc xã, phường, đặc khu — dữ liệu tham chiếu chưa có "
    "quy tắc chung nào nêu đơn vị nào nhận nhiệm vụ nào",
    "successor_unknown": "tỉnh của cơ quan này đã sắp xếp lại năm 2025; đơn vị kế thừa của chính cơ quan này "
    "chưa có trong dữ liệu tham chiếu",
}


def _step(s: SuccessionStep) -> str:
    when = s.date if s.date_exact else (f"{s.date} theo quy định chung; ngày cụ thể do tỉnh quyết định "
                                        "(Nghị quyết của HĐND tỉnh)")
    part = f" — phần lĩnh vực {s.scope}" if s.scope else ""
    sure = "" if s.status in (None, "confirmed") else " (chưa xác nhận đầy đủ)"
    basis = ", ".join(s.legal_basis)
    return f"{s.former.name} ({s.former.province or 'trung ương'}) → {s.successor.name}{part}: từ {when}; " \
           f"căn cứ {basis}{sure}"


def succession_table(r: AgencyResult) -> None:
    """What became of the agencies (2025 reorganisation) and which open tasks passed to whom."""
    for s in r.successions:
        where = s.agency.province or "trung ương"
        if s.current:
            head = f"{s.agency.name} ({where}) không còn từ {s.ended}; nay là {s.current.name}"
        elif s.ended:
            head = f"{s.agency.name} ({where}) ngừng hoạt động từ {s.ended}"
        else:
            head = f"{s.agency.name} ({where})"
        console.print(f"Kế thừa: {head}", highlight=False, soft_wrap=True)
        for step in s.steps:
            console.print(f"  • {_step(step)}", highlight=False, soft_wrap=True)
        if s.note in _NOTES:
            console.print(f"  • {_NOTES[s.note]}", highlight=False, soft_wrap=True)
    if not r.handovers:
        return
    t = Table(title="Nhiệm vụ, dự án còn hạn khi cơ quan ngừng hoạt động: đơn vị nhận lại")
    for col in ("vai trò", "văn bản", "nhiệm vụ / dự án", "thời hạn", "nay do"):
        t.add_column(col, overflow="fold")
    for h in r.handovers:
        role = h.role
        what = role.project.name if role.project else (role.task or "")
        deadline = f"{h.deadline} ({'dự án' if h.deadline_from == 'project' else 'theo văn bản'})"
        to = h.to.name if h.to else "chưa rõ"
        if h.may_go_to:
            to += "; có thể thuộc " + ", ".join(f"{m.successor.name} (lĩnh vực {m.scope})"
                                                for m in h.may_go_to)
        t.add_row(role.role, _doc(role.document), _short(what, 100), deadline, to)
    console.print(t)


def targets_table(r: TargetsResult) -> None:
    _scope_note(r.province_scope)
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
    _scope_note(r.a.province_scope)
    _scope_note(r.b.province_scope)
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
