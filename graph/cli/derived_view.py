"""What ``lineage derived`` prints: the table of the answer or, when it has more rows than ``--limit``, a
summary of the whole answer, its first rows and a line saying what was left out and how to see it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph.cli.common import console
from graph.cli.tables import lineage_table
from graph.i18n import _, format_number
from graph.text import fold

if TYPE_CHECKING:
    from pydantic import BaseModel

    from graph.queries.derived import DerivedPage
    from graph.queries.results import LineageResult

LARGEST = 5  # provinces the summary names, those with most documents first


def _say(text: str) -> None:
    console.print(text, highlight=False, soft_wrap=True)


def derived_table(page: DerivedPage) -> None:
    """The answer's table; cut, between its summary and the line of the rows left out."""
    if not page.omitted:
        lineage_table(page.result)
        return
    hops = "; ".join(_("hop {hop}: {n}").format(hop=hop, n=format_number(n))
                     for hop, n in page.by_depth.items())
    _say(_("{total} documents in all; by hops: {hops}").format(total=format_number(page.total), hops=hops))
    provinces = sorted(((name, n) for name, n in page.by_province.items() if name is not None),
                       key=lambda p: (-p[1], fold(p[0])))
    where = []
    if provinces:
        largest = ", ".join(f"{name} {format_number(n)}" for name, n in provinces[:LARGEST])
        where.append(_("in {n} provinces, most in {largest}").format(n=format_number(len(provinces)),
                                                                    largest=largest))
    if page.by_province.get(None):
        where.append(_("central: {n}").format(n=format_number(page.by_province[None])))
    text = "; ".join(where)
    _say(text[:1].upper() + text[1:])
    lineage_table(page.result, page.names)
    _say(_("{n} more documents not shown (above: the first {shown}); to see them: --province NAME, "
           "--limit 0 (every row) or --json").format(n=format_number(page.omitted),
                                                     shown=format_number(len(page.result.items))))


def write_json(head: LineageResult, items: Iterable[BaseModel], links: Iterable[BaseModel]) -> int:
    """An answer as ``--json`` prints it (:func:`graph.cli.common.print_json`), written row by row: the
    same bytes without the whole answer in memory. ``head``: the answer, whose own items and links are not
    written. Returns the number of items written."""
    import sys

    empty = head.model_copy(update={"items": [], "links": []}).model_dump_json(indent=2)
    start, _, rest = empty.partition('"items": []')
    between, _, end = rest.partition('"links": []')
    out = sys.stdout
    out.write(start)
    counts = []
    for name, rows, after in (("items", items, between), ("links", links, end)):
        out.write(f'"{name}": [')
        n = 0
        for row in rows:
            out.write(",\n    " if n else "\n    ")
            out.write(row.model_dump_json(indent=2).replace("\n", "\n    "))
            n += 1
        out.write("\n  ]" if n else "]")
        out.write(after)
        counts.append(n)
    out.write("\n")
    return counts[0]
