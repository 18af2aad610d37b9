"""Check ``central_catalog.json``: every fact sourced, dates real, events well-formed, no cycles.

Run ``python -m graph.loaders.catalog_check`` (exit 1 and one line per problem when the catalog is wrong).
Checks: each document and each event carries a source a reviewer can open (``source_url`` + the words
that state it, ``source_quote``); a "citation" source gives no status; dates are real calendar dates; each
event names a document of the catalog or a number of the right shape; no document is replaced, repealed
or amended before it was issued; no cycle of events; no document or event twice.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

from graph.datafiles import read_json
from graph.loaders import keys
from graph.loaders.catalog import (
    CATALOG_FILE,
    EVENT_TYPES,
    SHARED_NUMBER,
    STATUS_WORDS,
    endpoint_index,
    entry_key_of,
)

#: the shape of a document number: "64/2007/NĐ-CP", "749/QĐ-TTg", "36-NQ/TW", "15/CP", "36a/NQ-CP"
NUMBER_SHAPE = re.compile(r"\d+[a-z]?(?:[/-][0-9A-Za-zĐđ]+)+")
_URL = re.compile(r"https?://[^\s/]+\.[^\s/]+\S*")
SOURCE_KINDS = ("page", "citation")
EARLIEST = dt.date(1945, 9, 2)


def _date(value: Any, what: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{what}: {value!r} is not a real date (YYYY-MM-DD)")
        return None
    if day < EARLIEST:
        problems.append(f"{what}: {value} is before {EARLIEST}")
    return day


def _sourced(item: dict[str, Any], what: str, problems: list[str]) -> None:
    if not _URL.fullmatch(str(item.get("source_url") or "")):
        problems.append(f"{what}: no source URL a reviewer can open")
    if not str(item.get("source_quote") or "").strip():
        problems.append(f"{what}: no words of the source that state it (source_quote)")
    if not str(item.get("source") or "").strip():
        problems.append(f"{what}: no source name")


def check_document(item: dict[str, Any], problems: list[str]) -> None:
    """The checks of one document record (also used by ``catalog_merge`` on each addition)."""
    what = f"document {item.get('number') or item.get('name')}"
    if item.get("number"):
        if not NUMBER_SHAPE.fullmatch(keys.normalize_number(item["number"])):
            problems.append(f"{what}: not the shape of a document number")
    elif not item.get("name"):
        problems.append(f"{what}: neither a number nor a name")
    for field in ("doc_type", "issuer"):
        if not item.get(field):
            problems.append(f"{what}: no {field}")
    _sourced(item, what, problems)
    kind = item.get("source_kind", "page")
    if kind not in SOURCE_KINDS:
        problems.append(f"{what}: source_kind {kind!r} is not one of {SOURCE_KINDS}")
    if item.get("status") is not None:
        if item["status"] not in STATUS_WORDS:
            problems.append(f"{what}: status {item['status']!r} is not one of {sorted(STATUS_WORDS)}")
        if kind == "citation":
            problems.append(f"{what}: a citation proves a document exists, never its status")
    if item.get("status_as_of") is not None and item.get("status") is None:
        problems.append(f"{what}: status_as_of without a status")
    date = _date(item.get("date"), f"{what} date", problems)
    effective = _date(item.get("effective"), f"{what} effective", problems)
    _date(item.get("status_as_of"), f"{what} status_as_of", problems)
    if date and effective and effective < date:
        problems.append(f"{what}: in force ({effective}) before it was issued ({date})")


def check_relation(r: dict[str, Any], known: dict[str, str], problems: list[str]) -> None:
    """The checks of one event record that need no other event."""
    what = f"event {r.get('old')} -[{r.get('type')}]-> {r.get('new')}"
    if r.get("type") not in EVENT_TYPES:
        problems.append(f"{what}: type is not one of {sorted(EVENT_TYPES)}")
    for end in ("old", "new"):
        name = str(r.get(end) or "")
        if known.get(keys.normalize_number(name)) == SHARED_NUMBER:
            problems.append(f"{what}: {end} {name!r} is the number of two documents of the catalog: "
                            f"write its year after it ({name}:YYYY)")
        elif name not in known and keys.normalize_number(name) not in known \
                and not NUMBER_SHAPE.fullmatch(keys.normalize_number(name)):
            problems.append(f"{what}: {end} {name!r} is neither in the catalog nor a document number")
    if r.get("old") == r.get("new"):
        problems.append(f"{what}: a document cannot replace or amend itself")
    _sourced(r, what, problems)
    _date(r.get("date"), f"{what} date", problems)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first search (one per back edge)."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    return found


def check_catalog(raw: dict[str, Any]) -> list[str]:
    """Every problem of the catalog, one sentence each; [] when it is sound."""
    problems: list[str] = []
    dates: dict[str, dt.date | None] = {}
    for item in raw.get("documents", ()):
        check_document(item, problems)
        key = entry_key_of(item)
        if key in dates:
            problems.append(f"document {key}: twice in the catalog")
        dates[key] = _date(item.get("date"), key, [])
    known = endpoint_index(raw)
    seen: set[tuple[str, str, str]] = set()
    edges: dict[str, set[str]] = {}
    for r in raw.get("relations", ()):
        check_relation(r, known, problems)
        ident = (str(r.get("old")), str(r.get("new")), str(r.get("type")))
        if ident in seen:
            problems.append(f"event {ident[0]} -[{ident[2]}]-> {ident[1]}: twice in the catalog")
        seen.add(ident)
        old = known.get(keys.normalize_number(str(r.get("old")))) or known.get(str(r.get("old")))
        new = known.get(keys.normalize_number(str(r.get("new")))) or known.get(str(r.get("new")))
        when = _date(r.get("date"), "", [])
        for end, key in (("old", old), ("new", new)):
            issued = dates.get(key) if key else None
            if when and issued and when < issued:
                problems.append(f"event {r.get('old')} -[{r.get('type')}]-> {r.get('new')}: takes effect "
                                f"{when}, before {end} {r.get(end)} was issued ({issued})")
        edges.setdefault(str(r.get("old")), set()).add(str(r.get("new")))
    problems += [f"cycle of events: {' -> '.join(c)}" for c in _cycles(edges)]
    return problems


def main(argv: list[str] | None = None) -> int:
    """Check the shipped catalog; print the problems; 0 when sound, 1 otherwise."""
    raw = read_json(CATALOG_FILE)
    problems = check_catalog(raw)
    for p in problems:
        print(p)
    docs, rels = len(raw["documents"]), len(raw.get("relations", ()))
    print(f"{CATALOG_FILE}: {docs} documents, {rels} events, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
