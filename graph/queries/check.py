"""``check``: a data-quality report over the whole store.

Citations that could not be resolved (no number, not in the catalog), documents cited with
conflicting dates or issuers, numbers cited as two types of document (the National Assembly numbers
its laws and its resolutions apart, with the same suffix: maybe two documents under one key), bases
dated after the citing document, cycles of bases, and documents whose issuing unit has since ended
(2025 reorganisation) while their tasks run past that day: the work a successor has inherited.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.model import UNREAD_CITATION
from graph.queries import check_text as say
from graph.queries.backend import LINEAGE_TYPES, MAX_DEPTH, Backend, Edge
from graph.queries.lineage import to_link
from graph.queries.resolve import describe, to_docref
from graph.queries.result_refs import DocRef, Link
from graph.queries.results import CheckResult, Issue
from graph.vocabulary import BAN_HANH, CAN_CU, SUPERSEDES

MAX_CYCLES = 100
#: the message of a unit that ended with no successor, by its succession note (graph/data/reorg_2025.json)
UNKNOWN_SUCCESSOR = {"district_level": say.INHERITED_DISTRICT}
_CONFLICT_KINDS = {"date": "conflicting_date", "issuer": "conflicting_issuer"}


def _cited_as(notes) -> list[tuple[str, str, str]]:
    """'date=2014-07-07 @ 001.txt:12' -> (field, value, where)."""
    out = []
    for note in notes if isinstance(notes, list) else [notes]:
        head, _, where = str(note).partition(" @ ")
        field, _, value = head.partition("=")
        out.append((field.strip(), value.strip(), where.strip()))
    return out


def _type_known_at(props: dict, other_places: set[str]) -> str:
    """Where a document's own type was read: its text, else its first citation when that one agreed,
    else the catalog of central documents."""
    if props.get("source"):
        return f"{props['source']}:{props['line']}" if props.get("line") else str(props["source"])
    cited_at = props.get("cited_at")
    if cited_at and cited_at not in other_places:
        return str(cited_at)
    return say.CATALOG if props.get("catalog_source") else str(cited_at or say.SOMEWHERE)


def _type_conflicts(d: DocRef, props: dict, notes: list[tuple[str, str, str]],
                    incoming: list[Edge]) -> list[Issue]:
    """A number cited as another type of document than the node's: one issue for each other type, naming
    where each type was cited, with the citing relationships as evidence."""
    others: dict[str, list[str]] = {}
    for field, value, where in notes:
        if field == "doc_type":
            others.setdefault(value, []).append(where)
    if not others or not d.doc_type:
        return []
    known_at = _type_known_at(props, {w for places in others.values() for w in places})
    links = [to_link(e) for e in incoming]
    issues = []
    for value, places in sorted(others.items()):
        cited = {known_at, *places}
        evidence = sorted((lk for lk in links if f"{lk.file}:{lk.line}" in cited), key=Link.sort_key)
        message = say.CITED_AS_TYPE.format(number=d.number or d.label, type=d.doc_type, known_at=known_at,
                                           value=value, where=", ".join(sorted(places)))
        issues.append(Issue(kind="conflicting_type", documents=[d.key], evidence=evidence, message=message))
    return issues


def _unread(label: str, note: str) -> str:
    """The message of a citation that could not be read: its note is '001.txt:12: could not read …'."""
    place, found, rest = str(note).partition(f": {UNREAD_CITATION}")
    if not found:  # not a note of the reading code: kept as stored
        return f"{label}: {note}"
    return say.UNREAD.format(document=label, place=place, problem=UNREAD_CITATION + rest)


def inherited_tasks(backend: Backend, refs: dict[str, DocRef]) -> list[Issue]:
    """Documents issued by a unit that ended, whose tasks run to a year ending on or after that day."""
    ended = {n.key: n.props for n in backend.all_agencies() if n.props.get("ended")}
    nodes, edges = backend.agency_roles(sorted(ended))
    issues = []
    for e in edges:
        if e.type != BAN_HANH or e.source not in ended or e.target not in refs:
            continue
        unit, horizon = ended[e.source], nodes[e.target].props.get("horizon")
        if horizon is None or f"{horizon}-12-31" < unit["ended"]:
            continue
        successor = unit.get("successor")
        template = say.INHERITED if successor else UNKNOWN_SUCCESSOR.get(
            unit.get("succession_note"), say.INHERITED_UNKNOWN)
        message = template.format(document=describe(refs[e.target]), unit=unit.get("name"),
                                  ended=unit["ended"], year=horizon, successor=successor)
        issues.append(Issue(kind="inherited_tasks", documents=[e.target], evidence=[to_link(e)],
                            message=message))
    return issues


def check(backend: Backend) -> CheckResult:
    """Every issue found, sorted by kind then documents."""
    docs = {n.key: n for n in backend.all_documents()}
    edges = backend.document_relations()
    refs = {k: to_docref(n) for k, n in docs.items()}
    incoming: dict[str, list[Edge]] = {}  # made Links only where an issue shows them: not 750,000 of them
    for e in edges:
        incoming.setdefault(e.target, []).append(e)
    issues: list[Issue] = []
    for key, n in docs.items():
        p, d = n.props, refs[key]
        if not p.get("number") and not p.get("source") and not p.get("catalog_source"):
            issues.append(Issue(kind="unresolved_citation", documents=[key],
                                message=say.UNRESOLVED.format(document=d.label),
                                evidence=sorted(map(to_link, incoming.get(key, [])), key=Link.sort_key)))
        issues += [Issue(kind="unread_citation", documents=[key], message=_unread(d.label, note))
                   for note in p.get("unread") or []]
        notes = _cited_as(p.get("cited_as") or [])
        for field, value, where in notes:
            kind = _CONFLICT_KINDS.get(field)
            if kind:
                message = say.CITED_WITH[field].format(document=describe(d), value=value, date=value,
                                                       where=where)
                issues.append(Issue(kind=kind, documents=[key], message=message))
        issues += _type_conflicts(d, p, notes, incoming.get(key, []))
    for e in edges:
        if e.type != CAN_CU or e.source not in refs or e.target not in refs:
            continue
        a, b = refs[e.source], refs[e.target]
        if a.date and b.date and b.date > a.date:
            issues.append(Issue(kind="basis_after_document", documents=[a.key, b.key], evidence=[to_link(e)],
                                message=say.BASIS_AFTER.format(document=describe(a), basis=describe(b))))
    g = nx.DiGraph()
    g.add_edges_from((e.source, e.target) for e in edges if e.type in (*LINEAGE_TYPES, SUPERSEDES))
    cycles = []
    for cycle in nx.simple_cycles(g, length_bound=MAX_DEPTH):
        i = cycle.index(min(cycle))
        cycles.append(cycle[i:] + cycle[:i])
        if len(cycles) >= MAX_CYCLES:
            break
    for cycle in sorted(cycles):
        names = " -> ".join(refs[k].label for k in [*cycle, cycle[0]])
        issues.append(Issue(kind="cycle", documents=cycle, message=say.CYCLE.format(documents=names)))
    issues += inherited_tasks(backend, refs)
    issues.sort(key=lambda i: (i.kind, i.documents, i.message))
    return CheckResult(documents=len(docs), relationships=len(edges),
                       counts=dict(sorted(Counter(i.kind for i in issues).items())), issues=issues)
