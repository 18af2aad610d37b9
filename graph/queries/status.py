"""``status``: is the foundation sound? The one place a document's status is computed.

:func:`document_status` says, for any documents, what is known on a day (``as_of``, default today):
replaced, repealed, expired, partly expired, amended, in force as a page states it, or no information;
since when, from which sources (a catalog page with its words, or an ingested text's file, line and
citing words), and the chain of replacements to the document that stands in its place. The CLI
(``status``, ``bases``, ``derived``) and the HTML pages all call it. :func:`status` adds, for each basis
of a document, whether it was already replaced or amended when the document was signed.

Sources: the catalog (``graph/data/central_catalog.json``, read at query time, so a store built with an
older catalog answers with the current one) and the SUPERSEDES / SỬA_ĐỔI relationships read from
ingested texts. Relationships the graph builder copied from the catalog are not read twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from pydantic import TypeAdapter

from graph.i18n import vietnamese_date
from graph.loaders.catalog import CATALOG_FILE, Catalog, Replacement, load_catalog, unlisted_props
from graph.queries.backend import Backend, Edge, Node
from graph.queries.lineage import lineage, to_link
from graph.queries.resolve import resolve, to_docref
from graph.queries.result_refs import DocRef, cited_types, uncertain_vi
from graph.queries.status_results import (
    BasisStatus,
    DocumentStatus,
    Signing,
    StatusEvent,
    StatusResult,
    StatusSource,
    StatusStatement,
)
from graph.subgraph import Subgraph
from graph.text import fold
from graph.vocabulary import DOCUMENT, SUA_DOI

DEFAULT_STATUS_DEPTH = 1  # the document's own bases; --depth widens to bases of bases
MAX_CHAIN = 10  # replacements followed at most (a longer chain is a data error)
ENDING = ("replaced", "repealed", "expired")  # events after which the document no longer stands
ENDED_STATEMENTS = ("expired", "partly expired")  # statuses a page states that outweigh amendments

#: what legal staff read, per status and per moment relative to the signing
STATUS_LABELS = {
    "replaced": "đã bị thay thế",
    "repealed": "đã bị bãi bỏ",
    "expired": "đã hết hiệu lực",
    "partly expired": "hết hiệu lực một phần",
    "amended": "đã được sửa đổi, bổ sung",
    "in force": "còn hiệu lực theo nguồn",
    "no information": "chưa có thông tin",
}
SIGNING_LABELS = {"before signing": "trước khi văn bản được ký", "after signing": "sau khi văn bản được ký",
                  "unknown": "không rõ trước hay sau khi văn bản được ký"}
EVENT_LABELS = {"replaced": "bị thay thế bởi", "repealed": "bị bãi bỏ bởi", "expired": "hết hiệu lực theo",
                "amended": "được sửa đổi, bổ sung bởi"}
#: the citing words of an ingested text -> the event (first match wins; default: replaced)
_TEXT_EVENTS = (("bai bo", "repealed"), ("huy bo", "repealed"), ("khong con hieu luc", "expired"),
                ("het hieu luc", "expired"), ("thay the", "replaced"))
NO_INFORMATION = "Chưa có thông tin về tình trạng hiệu lực (không có nghĩa là còn hiệu lực)."
#: a number cited as several types of document: one node, maybe several documents, whose status is not known
UNCERTAIN = "{said}; không xác định được tình trạng hiệu lực (không có nghĩa là còn hiệu lực)."
_STATUS_LIST = TypeAdapter(list[DocumentStatus])  # one call of pydantic's core for many statuses


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _catalog_ref(catalog: Catalog, key: str, known: dict[str, Node]) -> DocRef:
    if key in known:
        return to_docref(known[key])
    entry = catalog.get(key)
    props = ({k: v for k, v in entry.props().items() if v is not None} if entry
             else unlisted_props(key))  # a number the catalog names but does not list
    return to_docref(Node(key, (DOCUMENT,), props))


def _catalog_source(rep: Replacement) -> StatusSource:
    return StatusSource(name=rep.source, url=rep.source_url, quote=rep.source_quote)


def _text_kind(e: Edge) -> str:
    if e.type == SUA_DOI:
        return "amended"
    if e.props.get("event") in ENDING and e.props.get("source") != CATALOG_FILE:
        return str(e.props["event"])
    words = fold(str(e.props.get("words") or e.props.get("text") or ""))
    return next((kind for w, kind in _TEXT_EVENTS if w in words), "replaced")


def _text_event(e: Edge, by: DocRef, as_of: dt.date) -> StatusEvent:
    link = to_link(e)
    date = e.props.get("effective_text")
    where = f"{link.file}:{link.line}" if link.line is not None else (link.file or "văn bản")
    quote = str(e.props.get("words") or link.text or "") or None
    source = StatusSource(name=where, file=link.file, line=link.line, quote=quote)
    issued = by.date
    in_effect = (str(date) <= as_of.isoformat()) if date else (not issued or issued <= as_of.isoformat())
    return StatusEvent(kind=_text_kind(e), by=by, date=str(date) if date else None, in_effect=in_effect,
                       sources=[source], evidence=where, text=quote, link=link)


def _merge(events: list[StatusEvent]) -> list[StatusEvent]:
    """One event per (ending or amending, document): the sources of the text and the catalog together;
    the catalog's date and kind win (a page states them), the text's date fills in."""
    merged: dict[tuple, StatusEvent] = {}
    for ev in events:
        k = (ev.kind == "amended", ev.by.key if ev.by else None)
        old = merged.get(k)
        if old is None:
            merged[k] = ev
            continue
        first, second = (old, ev) if old.sources[0].url else (ev, old)  # a page before a text
        merged[k] = first.model_copy(update={
            "sources": [*first.sources, *second.sources], "date": first.date or second.date,
            "in_effect": first.in_effect if first.date else second.in_effect,
            "evidence": f"{first.evidence}; {second.evidence}", "text": first.text or second.text,
            "link": first.link or second.link})
    return sorted(merged.values(), key=lambda e: (e.date or "9999", e.kind, e.by.key if e.by else ""))


def _statement(catalog: Catalog, key: str) -> StatusStatement | None:
    entry = catalog.get(key)
    if entry is None or entry.status is None or entry.source_kind == "citation":
        return None
    source = StatusSource(name=entry.source, url=entry.source_url, quote=entry.source_quote)
    return StatusStatement(status=entry.status, since=_iso(entry.status_as_of),  # type: ignore[arg-type]
                           effective=_iso(entry.effective), source=source)


def _in_effect(date: str | None, by: DocRef | None, day: str, today: bool) -> bool:
    """Whether a catalog event is in effect on ``day``: from its date; a page that states it without a date
    ("… bãi bỏ Nghị định số …") makes it so once the document that made it was issued, or today when
    that date is unknown too (as a page's undated statement)."""
    if date:
        return date <= day
    if by is not None and by.date:
        return by.date <= day
    return today


def _applies(st: StatusStatement | None, as_of: dt.date, today: bool) -> bool:
    """A page's statement holds on ``as_of`` when its date is not later; an undated one only today."""
    if st is None:
        return False
    return st.since <= as_of.isoformat() if st.since else today


class _Statuses:
    """The statuses of many documents on one day, fetched in rounds (bases, then their successors)."""

    def __init__(self, backend: Backend, as_of: dt.date | None,
                 uncertain: Mapping[str, list[str]] | None = None) -> None:
        self.backend = backend
        self.uncertain = dict(uncertain or {})  # the numbers cited as several types: no status
        self.catalog = load_catalog()
        self.today = as_of is None
        self.as_of = as_of or dt.date.today()
        self.events: dict[str, list[StatusEvent]] = {}

    def fetch(self, keys: Iterable[str]) -> None:
        todo = [k for k in dict.fromkeys(keys) if k not in self.events]
        if not todo:
            return
        nodes, edges = self.backend.replacements(todo)
        listed = {k: reps for k in todo if (reps := self.catalog.replacements(k))}  # few keys have any
        successors = {r.new for reps in listed.values() for r in reps} - set(nodes)
        known = {**self.backend.documents_by_key(sorted(successors)), **nodes} if successors else nodes
        found: dict[str, list[StatusEvent]] = {}
        for e in sorted(edges, key=lambda e: (e.target, e.source, e.type)):
            if e.props.get("source") != CATALOG_FILE and e.source in nodes:
                found.setdefault(e.target, []).append(_text_event(e, to_docref(nodes[e.source]), self.as_of))
        day = self.as_of.isoformat()
        for k, reps in listed.items():
            for r in reps:
                date, by = _iso(r.date), _catalog_ref(self.catalog, r.new, known)
                found.setdefault(k, []).append(StatusEvent(
                    kind=r.event, by=by, date=date,  # type: ignore[arg-type]
                    in_effect=_in_effect(date, by, day, self.today), sources=[_catalog_source(r)],
                    evidence=f"{r.source} — {r.source_url}", text=r.source_quote or r.note))
        for k in todo:
            self.events[k] = _merge(found[k]) if k in found else []

    def unknown(self, key: str) -> DocumentStatus:
        """The status of a number cited as several types: no event or statement can be said to be its."""
        said = uncertain_vi(self.uncertain[key])
        text = UNCERTAIN.format(said=said[0].upper() + said[1:])
        return DocumentStatus(key=key, status="no information", as_of=self.as_of.isoformat(), events=[],
                              summary=text)

    def one(self, key: str, seen: tuple[str, ...] = ()) -> DocumentStatus:
        if key in self.uncertain:
            return self.unknown(key)
        if key not in self.events:
            self.fetch([key])
        events = self.events[key]
        statement = _statement(self.catalog, key)
        ending = [e for e in events if e.kind in ENDING and e.in_effect]
        amended = [e for e in events if e.kind == "amended" and e.in_effect]
        first = min(ending, key=lambda e: e.date or "9999") if ending else None
        if first is not None:
            status, since = first.kind, first.date
        elif _applies(statement, self.as_of, self.today) and statement.status in ENDED_STATEMENTS:
            status, since = statement.status, statement.since
        elif amended:  # the latest amendment in effect
            status, since = "amended", max((e.date for e in amended if e.date), default=None)
        elif _applies(statement, self.as_of, self.today):
            status, since = statement.status, statement.since
        else:
            status, since = "no information", None
        chain: list[DocRef] = []
        current_status = None
        if first is not None and first.kind == "replaced" and first.by and len(seen) < MAX_CHAIN \
                and first.by.key not in (*seen, key):
            if len(first.by.cited_types) > 1:
                self.uncertain[first.by.key] = first.by.cited_types
            nxt = self.one(first.by.key, (*seen, key))
            chain = [first.by, *nxt.chain]
            current_status = nxt.current_status or nxt.status
        result = DocumentStatus(
            key=key, status=status, as_of=self.as_of.isoformat(), since=since, events=events,  # type: ignore[arg-type]
            statement=statement, chain=chain, current=chain[-1] if chain else None,
            current_status=current_status, summary="")  # type: ignore[arg-type]
        result.summary = summary(result)  # a model of its own: filled in, not copied
        return result

    def all(self, keys: list[str]) -> dict[str, DocumentStatus]:
        """The status of each of ``keys`` (fetched): those nothing is known of (no event, no statement
        from a page; most bases) built together, the others one by one."""
        blank = [k for k in keys if not self.events[k] and _statement(self.catalog, k) is None
                 and k not in self.uncertain]
        day = self.as_of.isoformat()
        found = dict(zip(blank, _STATUS_LIST.validate_python(
            [{"key": k, "status": "no information", "as_of": day, "events": [], "summary": NO_INFORMATION}
             for k in blank]), strict=True))
        return {k: found[k] if k in found else self.one(k) for k in keys}


def summary(s: DocumentStatus) -> str:
    """The status in one Vietnamese sentence, with its date, its source and what stands in its place."""
    if s.status == "no information":
        text = NO_INFORMATION
    else:
        now = [e for e in s.events if e.kind == s.status and e.in_effect]
        ending = next((e for e in now if e.date == s.since), now[0] if now else None)
        if ending is not None and ending.by is not None:
            words = f"{EVENT_LABELS[ending.kind]} {ending.by.label}"
        else:
            words = STATUS_LABELS[s.status]
        stated = s.statement if s.statement is not None and s.statement.status == s.status else None
        if stated is not None and not (s.since and ending is not None and ending.date == s.since):
            # as a page states it: the page's day is not the day it began ("còn hiệu lực" on a bulletin of
            # 28/07 about a resolution in effect from its signing on 23/07)
            words += "" if words.endswith("theo nguồn") else " theo nguồn"
            words += f" (nguồn ngày {vietnamese_date(s.since)})" if s.since else " (nguồn không ghi ngày)"
            if s.status == "in force" and stated.effective:
                words += f", có hiệu lực từ ngày {vietnamese_date(stated.effective)}"
        elif s.since:
            words += f" từ ngày {vietnamese_date(s.since)}"
        else:
            words += " (không rõ ngày có hiệu lực)"
        text = words[0].upper() + words[1:] + "."
    if s.chain:
        current = s.chain[-1].label
        state = STATUS_LABELS.get(s.current_status or "no information", "")
        path = " → ".join(d.label for d in s.chain)
        text += f" Chuỗi thay thế: {path}; văn bản thay thế sau cùng: {current} ({state})."
    for e in s.events:
        if not e.in_effect and e.date:
            by = f" {e.by.label}" if e.by else ""
            text += f" Sẽ {EVENT_LABELS[e.kind]}{by} từ ngày {vietnamese_date(e.date)}."
    return text


def document_status(backend: Backend, keys: Iterable[str], as_of: dt.date | None = None,
                    types: Mapping[str, list[str]] | None = None) -> dict[str, DocumentStatus]:
    """The status of each document on ``as_of`` (None: today) — the one function behind every answer.

    ``types``: the types each document's number was cited as (:attr:`DocRef.cited_types`), when the
    caller has them; otherwise read from the store. A number cited as several types has no status."""
    keys = list(dict.fromkeys(keys))
    if types is None:
        types = {k: cited_types(n.props) for k, n in backend.documents_by_key(keys).items()}
    statuses = _Statuses(backend, as_of, {k: t for k, t in types.items() if len(t) > 1})
    statuses.fetch(keys)
    return statuses.all(keys)


def _signing(day: str | None, signed: str | None, by: DocRef | None) -> Signing:
    """Whether something in effect from ``day`` happened before or after the signing on ``signed``."""
    if not signed:
        return "unknown"
    if day:
        return "before signing" if day <= signed else "after signing"
    if by is not None and by.date and by.date > signed:  # issued after the signing: in effect after it
        return "after signing"
    return "unknown"


def basis_status(s: DocumentStatus, basis: DocRef, depth: int, signed: str | None) -> BasisStatus:
    """A basis's status, with when it ended and when it was amended relative to the signing on ``signed``."""
    ending = [e for e in s.events if e.kind in ENDING]
    first = min(ending, key=lambda e: e.date or "9999") if ending else None
    signing: Signing | None = _signing(first.date, signed, first.by) if first else None
    if signing is None and s.statement and s.statement.status == "expired":
        signing = _signing(s.statement.since, signed, None)
    amended = [e for e in s.events if e.kind == "amended"]
    amended_signing: Signing | None = None
    if amended:
        moments = {_signing(e.date, signed, e.by) for e in amended}
        amended_signing = "before signing" if "before signing" in moments else sorted(moments)[0]  # type: ignore[assignment]
    after = depth == 1 and bool(signed and basis.date and basis.date > signed)
    return BasisStatus(**s.model_dump(), basis=basis, depth=depth, signing=signing,
                       amended_signing=amended_signing, replaced_before_signing=signing == "before signing",
                       dated_after_document=after)


def status(backend: Backend, reference: str, depth: int = DEFAULT_STATUS_DEPTH,
           as_of: dt.date | None = None) -> StatusResult:
    """The status of every basis within ``depth`` hops on ``as_of`` (None: today); "no information"
    when nothing is known."""
    doc = resolve(backend, reference)
    items = lineage(backend, doc, "bases", depth).items
    found = document_status(backend, [i.document.key for i in items], as_of,
                            {i.document.key: i.document.cited_types for i in items})
    bases = [basis_status(found[i.document.key], i.document, i.depth, doc.date) for i in items]
    return StatusResult(document=doc, depth=depth, as_of=(as_of or dt.date.today()).isoformat(), bases=bases)


def annotate(subgraph: Subgraph, backend: Backend, as_of: dt.date | None = None) -> Subgraph:
    """The subgraph with each document's status (as :func:`document_status` says) in its properties
    under ``status``: what the HTML page shows."""
    nodes = [n for n in subgraph.nodes if DOCUMENT in n.labels]
    # the types each number was cited as: an answer's documents say them, a store's nodes keep the notes
    types = {n.key: n.properties.get("cited_types") or cited_types(n.properties) for n in nodes}
    found = document_status(backend, [n.key for n in nodes], as_of, types)
    for n in subgraph.nodes:
        if n.key in found:
            n.properties["status"] = found[n.key].model_dump(mode="json")
    return subgraph
