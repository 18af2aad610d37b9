"""Project / task tables -> :class:`Project` rows (name, lead, coordinators, period, budget, funding).

Columns are read from the header by their role (graph/data/task_patterns.json). The columns
left of the money block (number, name, lead, coordinators, period) are read by position; the
budget is the table's total column when the row lines up with the header, else the largest
amount of the row (a total is never smaller than its parts or than what was already spent).
Tables that review the past are not read, a project listed in two tables counts once, and each
amount says whose money it is (:mod:`graph.reading.tasks.budget_rules`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.model import FundingShare, Project
from graph.reading.documents.agencies import expand_agency, split_agencies
from graph.reading.tasks.budget_rules import identity, is_review, kind_of, single_share, sources_in
from graph.reading.tasks.money import find_unit, parse_number, patterns, to_dong
from graph.reading.tasks.tables import Row, Table, find_tables
from graph.reading.text.folding import quick_fold as fold
from graph.reading.text.prepared import PreparedText

_YEAR = r"(?:19|20)\d{2}"
_PERIOD_CELL = re.compile(rf"^\s*({_YEAR})\s*(?:[-–—]|đến)\s*({_YEAR})\s*$|^\s*({_YEAR})\s*$")
_PERIOD_TEXT = re.compile(rf"giai đoạn\s*({_YEAR})\s*[-–—]\s*({_YEAR})", re.IGNORECASE)
_YEAR_TEXT = re.compile(rf"(?<!đến )(?<!tới )\bnăm\s+({_YEAR})\b", re.IGNORECASE)
_PARENT = re.compile(r"phan bo|trong do|chia ra|bao gom|co cau")
_MONEY_ROLES = {"total", "spent", None}
_NAM = re.compile(r"\bnăm\b", re.IGNORECASE)
_YEARS = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DECIMALS = re.compile(r"\d+,\d{1,2}")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_THREE_LETTERS = re.compile(r"[^\W\d_](?s:.*?)[^\W\d_](?s:.*?)[^\W\d_]")  # three letters, anywhere


@lru_cache(maxsize=65536)
def _period_of(cell: str, column: bool = False) -> str | None:
    """The period a cell gives: "2016-2020", "2020". In the time column any short cell naming years
    counts ("Năm 2023", "Quý IV/2023", "Giai đoạn 2021 - 2025"); elsewhere only a bare year range
    or a single year written with 'năm' (a bare "2000" may be an amount)."""
    m = _PERIOD_CELL.match(cell)
    if m and (m.group(1) or column):
        return m.group(3) or f"{m.group(1)}-{m.group(2)}"
    if len(cell) > 40 or not (column or _NAM.search(cell)):
        return None
    years = _YEARS.findall(cell)
    if not years:
        return None
    return years[0] if len(set(years)) == 1 else f"{years[0]}-{years[-1]}"


def _number_format(table: Table) -> bool | None:
    """True when the table writes thousands with ',' ("3,800"), False when with '.', None unknown."""
    cells = [c for r in table.rows for c in r.cells]
    if any(map(_DOT_THOUSANDS.fullmatch, cells)) or any(map(_COMMA_DECIMALS.fullmatch, cells)):
        return False
    if any(map(_COMMA_THOUSANDS.fullmatch, cells)):
        return True
    return None


@lru_cache(maxsize=4096)  # the same lead is named on many rows
def _agencies(cell: str, province: str | None) -> str | None:
    """A lead cell with every agency name expanded, separators kept ("Sở TTTT; Tỉnh đoàn")."""
    cell = " ".join(cell.split())
    if not cell:
        return None
    parts = re.split(r"(\s*;\s*|\s*,\s*(?=(?:Sở|Văn phòng|UBND|Ủy ban|Trung tâm|Công an|Ban|Bộ)\b))", cell)
    out = []
    for k, part in enumerate(parts):
        if k % 2:
            out.append(part)
            continue
        full = expand_agency(part, province)
        if part[:1].islower() and full[:1].isupper() and not full[:2].isupper():
            full = full[:1].lower() + full[1:]
        out.append(full)
    return "".join(out)


@lru_cache(maxsize=1)
def _unit_captions() -> list[re.Pattern[str]]:
    """The words that name a table's unit before a ':' ("ĐVT:", "Đơn vị tính:"), folded."""
    return [re.compile(r"(?<![a-z])" + re.escape(fold(w)) + r"\s*:") for w in patterns()["unit_captions"]]


def _unit(table: Table, budget_col: int | None) -> str | None:
    if budget_col is not None and budget_col < len(table.header):
        unit = find_unit(table.header[budget_col]) if "(" in table.header[budget_col] else None
        if unit:
            return unit
    for line in reversed(table.caption.splitlines()):
        f = fold(line)
        if any(rx.search(f) for rx in _unit_captions()):
            unit = find_unit(line.split(":", 1)[1])
            if unit:
                return unit
    for cell in table.header:
        if "(" in cell:
            unit = find_unit(cell)
            if unit:
                return unit
    return None


@lru_cache(maxsize=256)
def _caption_year(table: Table) -> str | None:
    """'DANH MỤC NHIỆM VỤ ... NĂM 2020' -> '2020' (a year of execution, not a 'by 2020' deadline)."""
    for line in table.caption.splitlines():
        if re.search(r"kèm theo|đính kèm|ban hành", line, re.IGNORECASE):
            continue
        m = _PERIOD_TEXT.search(line)
        if m:
            return f"{m.group(1)}-{m.group(2)}"
        m = _YEAR_TEXT.search(line)
        if m:
            return m.group(1)
    return None


@lru_cache(maxsize=256)
def _funding_caption(table: Table) -> str | None:
    for line in table.caption.splitlines():
        m = re.search(r"\bnguồn (?:vốn|kinh phí)\s+(.+)$", line, re.IGNORECASE)
        if m and not re.search(r"kèm theo", line, re.IGNORECASE):
            return ("vốn " + m.group(1)).strip().lower()
    return None


class _Columns:
    """What a table's header says once for all its rows: the first column of each role, the columns
    over a merged header ("Phân bổ nguồn vốn"), where the money starts, and the funding source of
    each money column (:meth:`money_layout`)."""

    def __init__(self, table: Table, roles: list[str | None]) -> None:
        header = table.header
        self.header = header
        self.roles = roles
        self.parent = [bool(_PARENT.search(fold(h))) for h in header]
        self.merged = any(self.parent)
        self.first_money = next((k for k, r in enumerate(roles) if r in ("total", "spent", "funding")
                                 or (r is None and k > 1 and self.parent[k])), len(roles))
        self.first: dict[str | None, int] = {}
        for k, r in enumerate(roles):
            self.first.setdefault(r, k)
        self._layouts: dict[int, tuple[dict[int, tuple[str, str]], list[int]]] = {}

    def at(self, role: str, limit: int) -> int | None:
        """The first column of ``role`` left of column ``limit``."""
        k = self.first.get(role)
        return k if k is not None and k < limit else None

    def money_layout(self, first_money: int) -> tuple[dict[int, tuple[str, str]], list[int]]:
        """The funding source (name, kind) of each source column from ``first_money`` on, and the order
        in which a row's money cells stand under the header's columns (see :func:`_split`); worked out
        once per start of the money."""
        known = self._layouts.get(first_money)
        if known is not None:
            return known
        header, roles = self.header, self.roles
        money = list(range(first_money, len(header)))
        parents = [k for k in money if self.parent[k]]
        source = {k: found[0] for k in money
                  if k not in parents and roles[k] not in ("total", "spent", "note")
                  and len(found := sources_in(header[k])) == 1}
        layout = money
        if source:
            subs: list[int] = []
            for k in reversed(money):
                if k not in source:
                    break
                subs.insert(0, k)
            if parents and subs and parents[0] < subs[0]:
                p = parents[0]
                layout = [k for k in money if k < p] + subs + [k for k in money if p < k < subs[0]]
        self._layouts[first_money] = (source, layout)
        return source, layout


def _row_project(table: Table, row: Row, columns: _Columns, unit: str | None,
                 comma_thousands: bool | None, province: str | None, line: int | None) -> Project | None:
    """The project of one row (``line``: its input line), or None when the row names none."""
    cells = row.cells
    roles = columns.roles
    aligned = len(cells) <= len(columns.header) and not columns.merged
    first_money = columns.first_money
    if not aligned:
        # money columns under a merged header: only the columns left of them line up
        first_money = min(first_money, len(cells))
    at = columns.at

    name_col = at("name", len(roles)) or 1
    if name_col >= len(cells):
        return None
    name = " ".join(cells[name_col].split())
    if not _THREE_LETTERS.search(name):
        return None
    lead_col, coord_col, period_col = at("lead", first_money), at("coordinate", first_money), \
        at("period", first_money)
    lead = _agencies(cells[lead_col], province) if lead_col is not None and lead_col < len(cells) else None
    coordinators: list[str] = []
    if coord_col is not None and coord_col < len(cells) and cells[coord_col]:
        coordinators = split_agencies(cells[coord_col], province)
    period = None
    if period_col is not None and period_col < len(cells):
        period = _period_of(cells[period_col], column=True)
    if period is None:
        period = next((p for c in cells[2:] if (p := _period_of(c))), None)
    if period is None:
        m = _PERIOD_TEXT.search(name)
        period = f"{m.group(1)}-{m.group(2)}" if m else _caption_year(table)
    # budget
    total_col = columns.first.get("total")
    budget = None
    if aligned and total_col is not None and total_col < len(cells):
        budget = parse_number(cells[total_col], comma_thousands)
    if budget is None:
        amounts = [parse_number(c, comma_thousands) for k, c in enumerate(cells)
                   if k >= first_money and (not aligned or k >= len(roles) or roles[k] in _MONEY_ROLES)
                   and _period_of(c) is None]
        amounts = [a for a in amounts if a is not None]
        budget = max(amounts) if amounts else None
    row_unit = unit
    if budget is not None and row_unit is None:
        row_unit = next((u for c in cells[first_money:] if (u := find_unit(c))), None)
    funding = None
    fund_col = columns.first.get("funding")
    if aligned and fund_col is not None and fund_col < len(cells) and cells[fund_col] \
            and parse_number(cells[fund_col]) is None:
        funding = cells[fund_col]
    funding = funding or _funding_caption(table)
    budget_dong = to_dong(budget, row_unit)
    shares = _split(columns, cells, first_money, comma_thousands, row_unit)
    if shares:
        funding = "; ".join(s.source for s in shares)
    else:
        shares = single_share(funding, budget, budget_dong)
    return Project(name=name, lead=lead or None, coordinators=coordinators, period=period, budget=budget,
                   budget_unit=row_unit if budget is not None else None, budget_dong=budget_dong,
                   funding=funding, funding_kind=kind_of([s.kind for s in shares]), shares=shares, line=line)


def _split(columns: _Columns, cells: list[str], first_money: int,
           comma_thousands: bool | None, unit: str | None) -> list[FundingShare]:
    """The row's money per funding source, when the table has a column per source ("Ngân sách Trung
    ương | Ngân sách địa phương | Doanh nghiệp, xã hội hóa"). Under a merged header ("Phân bổ nguồn
    vốn" over the sources, "Tổng kinh phí" beside it) the source columns sit where their parent is.
    Nothing when the columns do not line up or the parts do not add up to the row's total."""
    source, layout = columns.money_layout(first_money)
    if not source:
        return []
    roles = columns.roles
    values = cells[first_money:]
    if len(values) != len(layout):
        return []
    shares: list[FundingShare] = []
    total = None
    for k, cell in zip(layout, values, strict=True):
        amount = parse_number(cell, comma_thousands) if cell else None
        if k in source and amount:
            name, kind = source[k]
            shares.append(FundingShare(source=name, kind=kind, amount=amount,
                                       amount_dong=to_dong(amount, unit)))
        elif roles[k] == "total" and amount is not None:
            total = amount
    parts = sum(s.amount or 0.0 for s in shares)
    if total is not None and abs(parts - total) > max(0.011, 0.005 * total):
        return []
    return shares


def read_projects(prep: PreparedText, start: int, end: int, province: str | None = None) -> list[Project]:
    """Every project / task row of the tables in ``prep.text[start:end]``."""
    out: list[Project] = []
    seen: dict[str | tuple[str, str], int] = {}  # a project's name words and its system code -> its table
    for number, table in enumerate(find_tables(prep.text, start, end)):
        roles = list(table.roles)
        if "name" not in roles or is_review(prep.text, start, end, table):
            continue
        unit = _unit(table, next((k for k, r in enumerate(roles) if r == "total"), None))
        comma_thousands = _number_format(table)
        columns = _Columns(table, roles)
        for row in table.rows:
            if row.kind != "item":
                continue
            line = prep.line_of(row.start)
            project = _row_project(table, row, columns, unit, comma_thousands, province, line)
            if project is None:
                continue
            words, code = identity(project.name)
            keys = [words] + ([("code", code)] if code else [])
            if any(seen.get(k, number) != number for k in keys):
                continue  # listed again in another table of the same plan: counted once
            seen.update((k, number) for k in keys)
            out.append(project)
    return out
