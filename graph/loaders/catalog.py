"""The catalog of central documents (``graph/data/central_catalog.json``), each fact with its source.

It resolves laws cited by name ("Luật Công nghệ thông tin ngày 29/6/2006" -> 67/2006/QH11), fills in
what a citation leaves out, and records known events (old -> new: replaced, repealed, expired, amended;
effective date; the URL of a page stating it and the words that state it) and statuses stated by a page
("Tình trạng hiệu lực") for ``lineage status``. Entries whose ``source_kind`` is "citation" prove that a
document exists and how it is cited, never its status. ``catalog_check`` checks the file;
``catalog_merge`` merges sourced additions into it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from graph.datafiles import read_json
from graph.loaders import keys
from graph.text import fold
from graph.vocabulary import CENTRAL, PARTY, SUA_DOI, SUPERSEDES

CATALOG_FILE = "central_catalog.json"
#: relation type in the catalog -> (event kind, relationship type in the graph)
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "SUPERSEDES": ("replaced", SUPERSEDES),
    "BÃI_BỎ": ("repealed", SUPERSEDES),
    "HẾT_HIỆU_LỰC": ("expired", SUPERSEDES),
    "SỬA_ĐỔI": ("amended", SUA_DOI),
}
#: ``status`` of an entry (as a page states it) -> the status word of ``lineage status``
STATUS_WORDS = {"in_force": "in force", "expired": "expired", "partly_expired": "partly expired",
                "amended": "amended"}


@dataclass(frozen=True)
class CatalogEntry:
    """A central document as the catalog knows it."""

    key: str
    number: str
    doc_type: str
    date: dt.date | None
    issuer: str
    title: str | None
    source: str
    level: str = CENTRAL
    name: str | None = None  # laws: "Luật Công nghệ thông tin"
    aliases: tuple[str, ...] = ()
    effective: dt.date | None = None
    source_url: str | None = None
    source_quote: str | None = None
    source_kind: str = "page"  # "page": a page about the document; "citation": as another document cites it
    status: str | None = None  # as the page states it: in force, expired, partly expired, amended
    status_as_of: dt.date | None = None  # the date the page gives for that status, when it gives one

    def props(self) -> dict[str, object]:
        """Node properties for the graph (dates as ISO strings)."""
        return {
            "number": self.number or None,
            "doc_type": self.doc_type,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "title": self.title,
            "level": self.level,
            "catalog_source": self.source,
            "catalog_url": self.source_url,
            "effective": self.effective.isoformat() if self.effective else None,
        }


@dataclass(frozen=True)
class Replacement:
    """``new`` replaces, repeals, ends (``type`` SUPERSEDES) or amends (SỬA_ĐỔI) ``old`` from ``date``;
    ``event`` says which: replaced, repealed, expired or amended."""

    old: str
    new: str
    type: str
    date: dt.date | None
    source: str
    note: str | None = None
    event: str = "replaced"
    source_url: str | None = None
    source_quote: str | None = None


@dataclass
class Catalog:
    entries: dict[str, CatalogEntry]
    relations: list[Replacement] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_number: dict[str, list[CatalogEntry]] = {}
        self._by_name: dict[str, list[CatalogEntry]] = {}
        self._by_old: dict[str, list[Replacement]] = {}
        for rel in sorted(self.relations, key=lambda r: r.date or dt.date.min):
            self._by_old.setdefault(rel.old, []).append(rel)
        for entry in self.entries.values():
            if entry.number:
                self._by_number.setdefault(keys.normalize_number(entry.number).casefold(), []).append(entry)
            for name in {_name_fold(n) for n in (entry.name, *entry.aliases) if n}:
                self._by_name.setdefault(name, []).append(entry)

    def get(self, key: str) -> CatalogEntry | None:
        return self.entries.get(key)

    def lookup(self, number: str, year: int | None = None) -> CatalogEntry | None:
        """The entry with this number (and year of issue, when the number does not hold it)."""
        found = self._by_number.get(keys.normalize_number(number).casefold(), [])
        if year is not None:
            found = [e for e in found if e.date is None or e.date.year == year]
        return found[0] if len(found) == 1 else None

    def lookup_by_name(
        self, name: str, date: dt.date | None = None, as_of: dt.date | None = None, year: int | None = None
    ) -> CatalogEntry | None:
        """A law by its name, e.g. ``lookup_by_name("Luật Công nghệ thông tin", date(2006, 6, 29))``.

        With ``date`` (the date cited) the entry of that date (or of that day and month under that name: a
        misprinted year); with ``year`` alone (a law cited by name and year), the one passed that year; with
        neither, the one in force on ``as_of`` (the citing document's date; None when the catalog knows none
        in force then); without any, the latest. Unknown names -> None.
        """
        found = self._by_name.get(_name_fold(name), [])
        if date is not None:
            same_day = [e for e in found if e.date == date]
            if not same_day:  # a name the catalog spells differently, but a law of that very day
                same_day = [
                    e
                    for e in self.entries.values()
                    if e.doc_type == "Luật" and e.date == date and (not found or e in found)
                ]
                if len(same_day) > 1:  # several laws passed that day: the one whose name this spells
                    same_day = _closest(name, same_day)
            if not same_day:  # the year misprinted ("ngày 26/11/2013" for the law of 26/11/2003)
                day = (date.month, date.day)
                same_day = [e for e in found if e.date and (e.date.month, e.date.day) == day]
            return same_day[0] if len(same_day) == 1 else None
        if not found:
            return None
        if year is not None:  # "Luật Đất đai năm 2013": the one law of that name passed that year
            of_year = [e for e in found if e.date and e.date.year == year]
            return of_year[0] if len(of_year) == 1 else None
        ordered = sorted(found, key=lambda e: e.effective or e.date or dt.date.min)
        if as_of is not None:
            in_force = [e for e in ordered if (e.effective or e.date or dt.date.min) <= as_of]
            return in_force[-1] if in_force else None
        return ordered[-1]

    def replacements(self, key: str) -> list[Replacement]:
        """What replaced or amended the document with this key, oldest first."""
        return list(self._by_old.get(key, ()))

    def replaced(self, key: str) -> list[Replacement]:
        """What the document with this key replaced or amended."""
        return [r for r in self.relations if r.new == key]


def _name_fold(name: str) -> str:
    return fold(keys.canonical_name(name))


#: how alike a cited name must be to a catalog name (0..1, spaces ignored) to be taken for it among the
#: laws of one day, and by how much more than the next one
NAME_LIKENESS, NAME_MARGIN = 0.8, 0.15


def _closest(name: str, entries: list[CatalogEntry]) -> list[CatalogEntry]:
    """The one entry whose name ``name`` spells with a few letters lost or changed ("Luật Tổ chứcHĐND và
    UBND", "… quy phạm phát luật"), as a list; empty when none is clearly it."""
    def squeeze(text: str) -> str:
        return _name_fold(text).replace(" ", "")

    cited = squeeze(name)
    scored = sorted(((max(SequenceMatcher(None, cited, squeeze(n), autojunk=False).ratio()
                          for n in (e.name, *e.aliases) if n), i) for i, e in enumerate(entries)
                     if e.name or e.aliases), reverse=True)
    if not scored or scored[0][0] < NAME_LIKENESS:
        return []
    if len(scored) > 1 and scored[0][0] - scored[1][0] < NAME_MARGIN:
        return []
    return [entries[scored[0][1]]]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def entry_key(number: str, date: dt.date | None, issuer: str) -> str:
    level = keys.level_of(issuer, number)
    scope = keys.PARTY_CENTRAL_SCOPE if level == PARTY else keys.CENTRAL_SCOPE
    year = keys.number_year(number) or (date.year if date else None)
    return keys.document_key(scope, number, year)


def entry_key_of(item: dict[str, Any]) -> str:
    """The key of a raw catalog document (by number; a document without number by its name and year)."""
    date = _date(item.get("date"))
    if item.get("number"):
        return entry_key(item["number"], date, item["issuer"])
    scope = keys.PARTY_CENTRAL_SCOPE if keys.level_of(item["issuer"], None) == PARTY else keys.CENTRAL_SCOPE
    return keys.name_key(scope, item["name"] or item["title"], date.year if date else None)


def unlisted_props(key: str) -> dict[str, Any]:
    """The properties of a document an event of the catalog names but the catalog does not list: its
    number, its level, and its type when the number opens with a type code ("367/2025/NĐ-CP": Nghị định;
    not "96/2023/QH15", a Luật or a Nghị quyết of the Quốc hội)."""
    number = key.split(":")[1]  # "VN:367/2025/NĐ-CP", "VN:76/NQ-CP:2013"
    props: dict[str, Any] = {"number": number, "level": keys.level_of(None, number)}
    codes = [c for c in re.split(r"[-/]", number) if c and not c[0].isdigit()]
    if codes and codes[0].upper() in _type_by_code():
        props["doc_type"] = _type_by_code()[codes[0].upper()]
    return props


@cache
def _type_by_code() -> dict[str, str]:
    """Number code ('NĐ', 'QĐ') -> type name, upper-cased: the reader's ``refdata.type_by_code``, read here
    so that a query imports no part of the reader."""
    return {c.upper(): t["name"] for t in read_json("doc_types.json")["types"] for c in t["codes"]}


#: what :func:`endpoint_index` gives a number two catalog documents share (a number without its year,
#: "76/NQ-CP" of 2013 and of 2021): an event must name which, "76/NQ-CP:2021"
SHARED_NUMBER = ""


def number_ident(number: str, date: str | dt.date | None) -> str:
    """How the catalog names a document by its number: the number, and its year of signing after ":"
    when the number holds no year ("76/NQ-CP:2021", "47/2020/NĐ-CP"): numbers restart every year."""
    number = keys.normalize_number(number)
    if keys.number_year(number) is not None or not date:
        return number
    return f"{number}:{str(date)[:4]}"


def endpoint_index(raw: dict[str, Any]) -> dict[str, str]:
    """How relations name documents -> key: by number ("47/2020/NĐ-CP"; "30c/NQ-CP", and "30c/NQ-CP:2011"
    with its year), or name / alias for a document without number. A number without year that two
    documents share maps to :data:`SHARED_NUMBER`: only the form with the year names one of them."""
    index: dict[str, str] = {}
    for item in raw["documents"]:
        key = entry_key_of(item)
        if item.get("number"):
            number = keys.normalize_number(item["number"])
            index[number] = key if index.get(number, key) == key else SHARED_NUMBER
            index[number_ident(number, item.get("date"))] = key
        else:
            for name in (item.get("name"), item.get("title"), *item.get("aliases", ())):
                if name:
                    index[name] = key
    return index


def relation_key(name: str, index: dict[str, str]) -> str:
    """The key of a relation's end: a catalog document, else the key its number gives."""
    number = keys.normalize_number(name)
    if index.get(number) == SHARED_NUMBER:
        raise ValueError(f"{name} is two catalog documents: name it with its year ({name}:YYYY)")
    if number in index or name in index:
        return index.get(number) or index[name]
    return entry_key(number, None, "")


def parse_catalog(raw: dict[str, Any]) -> Catalog:
    """A :class:`Catalog` from the JSON of ``central_catalog.json``."""
    entries: dict[str, CatalogEntry] = {}
    for item in raw["documents"]:
        date = _date(item.get("date"))
        key = entry_key_of(item)
        number = item.get("number")
        level = keys.level_of(item["issuer"], number) or CENTRAL
        entries[key] = CatalogEntry(
            key=key,
            number=keys.normalize_number(number) if number else "",
            doc_type=item["doc_type"],
            date=date,
            issuer=item["issuer"],
            title=item.get("title"),
            source=item["source"],
            level=level,
            name=item.get("name"),
            aliases=tuple(item.get("aliases", ())),
            effective=_date(item.get("effective")),
            source_url=item.get("source_url"),
            source_quote=item.get("source_quote"),
            source_kind=item.get("source_kind", "page"),
            status=None if item.get("source_kind") == "citation"
            else STATUS_WORDS.get(item.get("status") or ""),
            status_as_of=_date(item.get("status_as_of")),
        )
    index = endpoint_index(raw)
    relations = []
    for r in raw.get("relations", ()):
        event, rel_type = EVENT_TYPES[r["type"]]
        relations.append(Replacement(
            old=relation_key(r["old"], index), new=relation_key(r["new"], index), type=rel_type,
            date=_date(r.get("date")), source=r["source"], note=r.get("note"), event=event,
            source_url=r.get("source_url"), source_quote=r.get("source_quote")))
    return Catalog(entries, relations)


@cache
def load_catalog() -> Catalog:
    """The catalog shipped in ``graph/data/central_catalog.json`` (read once)."""
    return parse_catalog(read_json(CATALOG_FILE))


def lookup(number: str, year: int | None = None) -> CatalogEntry | None:
    """See :meth:`Catalog.lookup`."""
    return load_catalog().lookup(number, year)


def lookup_by_name(
    name: str, date: dt.date | None = None, as_of: dt.date | None = None
) -> CatalogEntry | None:
    """See :meth:`Catalog.lookup_by_name`."""
    return load_catalog().lookup_by_name(name, date, as_of)


def replacements(key: str) -> list[Replacement]:
    """See :meth:`Catalog.replacements`."""
    return load_catalog().replacements(key)
