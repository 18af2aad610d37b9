"""The catalog of central documents (``graph/data/central_catalog.json``), each entry with its source.

It resolves laws cited by name ("Luật Công nghệ thông tin ngày 29/6/2006" -> 67/2006/QH11), fills in
what a citation leaves out, and records known replacements and amendments (old -> new, effective
date, source) for ``lineage status``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from graph.datafiles import read_json
from graph.loaders import keys
from graph.text import fold
from graph.vocabulary import CENTRAL, PARTY

CATALOG_FILE = "central_catalog.json"


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

    def props(self) -> dict[str, object]:
        """Node properties for the graph (dates as ISO strings)."""
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "title": self.title,
            "level": self.level,
            "catalog_source": self.source,
            "effective": self.effective.isoformat() if self.effective else None,
        }


@dataclass(frozen=True)
class Replacement:
    """``new`` replaces (SUPERSEDES) or amends (SỬA_ĐỔI) ``old`` from ``date``."""

    old: str
    new: str
    type: str
    date: dt.date | None
    source: str
    note: str | None = None


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
        self, name: str, date: dt.date | None = None, as_of: dt.date | None = None
    ) -> CatalogEntry | None:
        """A law by its name, e.g. ``lookup_by_name("Luật Công nghệ thông tin", date(2006, 6, 29))``.

        With ``date`` (the date cited) the entry of that date; without, the one in force on ``as_of``
        (the citing document's date); without either, the latest. Unknown names -> None.
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
            return same_day[0] if len(same_day) == 1 else None
        if not found:
            return None
        ordered = sorted(found, key=lambda e: e.effective or e.date or dt.date.min)
        if as_of is not None:
            in_force = [e for e in ordered if (e.effective or e.date or dt.date.min) <= as_of]
            return in_force[-1] if in_force else ordered[0]
        return ordered[-1]

    def replacements(self, key: str) -> list[Replacement]:
        """What replaced or amended the document with this key, oldest first."""
        return list(self._by_old.get(key, ()))

    def replaced(self, key: str) -> list[Replacement]:
        """What the document with this key replaced or amended."""
        return [r for r in self.relations if r.new == key]


def _name_fold(name: str) -> str:
    return fold(keys.canonical_name(name))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def entry_key(number: str, date: dt.date | None, issuer: str) -> str:
    level = keys.level_of(issuer, number)
    scope = keys.PARTY_CENTRAL_SCOPE if level == PARTY else keys.CENTRAL_SCOPE
    year = keys.number_year(number) or (date.year if date else None)
    return keys.document_key(scope, number, year)


@cache
def load_catalog() -> Catalog:
    """The catalog shipped in ``graph/data/central_catalog.json`` (read once)."""
    raw = read_json("central_catalog.json")
    entries: dict[str, CatalogEntry] = {}
    for item in raw["documents"]:
        date = _date(item.get("date"))
        key = entry_key(item["number"], date, item["issuer"])
        level = keys.level_of(item["issuer"], item["number"]) or CENTRAL
        entries[key] = CatalogEntry(
            key=key,
            number=keys.normalize_number(item["number"]),
            doc_type=item["doc_type"],
            date=date,
            issuer=item["issuer"],
            title=item.get("title"),
            source=item["source"],
            level=level,
            name=item.get("name"),
            aliases=tuple(item.get("aliases", ())),
            effective=_date(item.get("effective")),
        )
    by_number = {e.number: e.key for e in entries.values()}
    relations = [
        Replacement(
            old=by_number[r["old"]],
            new=by_number[r["new"]],
            type=r["type"],
            date=_date(r.get("date")),
            source=r["source"],
            note=r.get("note"),
        )
        for r in raw.get("relations", ())
    ]
    return Catalog(entries, relations)


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
