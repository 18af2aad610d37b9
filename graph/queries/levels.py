"""Which level group a document belongs to (Party, Quốc hội, Chính phủ ...), from ``level_groups.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from graph.datafiles import read_json
from graph.text import fold


@dataclass(frozen=True)
class _Group:
    name: str
    levels: tuple[str, ...]
    issuer: tuple[re.Pattern, ...]
    codes: tuple[re.Pattern, ...]
    doc_types: tuple[str, ...]


@cache
def _rules() -> tuple[tuple[_Group, ...], dict[str, str], str]:
    data = read_json("level_groups.json")
    groups = tuple(
        _Group(g["name"], tuple(g.get("levels", ())), tuple(re.compile(p) for p in g.get("issuer", ())),
               tuple(re.compile(f"(?:{p})") for p in g.get("codes", ())), tuple(g.get("doc_types", ())))
        for g in data["groups"])
    return groups, data["by_level"], data["unknown"]


def group_names() -> list[str]:
    """Every group name in display order (the fallbacks last)."""
    return list(_names())


@cache
def _names() -> tuple[str, ...]:
    groups, by_level, unknown = _rules()
    names = [g.name for g in groups]
    names += [n for n in by_level.values() if n not in names]
    return (*names, unknown)


def level_group(props: dict) -> str:
    """The level group of a document from its issuer, number, type and level."""
    number = props.get("number")
    code = str(number).split("/", 1)[1] if number and "/" in str(number) else None  # 749/QĐ-TTg -> QĐ-TTg
    return _level_group(props.get("level"), props.get("issuer"), code, props.get("doc_type"),
                        bool(props.get("province")))


@lru_cache(maxsize=65536)
def _level_group(level: str | None, issuer_name: str | None, code: str | None, doc_type: str | None,
                 local: bool) -> str:
    groups, by_level, unknown = _rules()
    issuer = fold(issuer_name)
    codes = [p for p in re.split(r"[-/]", code) if p] if code else []
    candidates = [g for g in groups if not level or not g.levels or level in g.levels]
    if issuer:
        for g in candidates:
            if any(p.search(issuer) for p in g.issuer):
                return g.name
    for g in candidates:
        if any(p.fullmatch(c) for p in g.codes for c in codes):
            return g.name
    for g in candidates:
        if doc_type and doc_type in g.doc_types:
            return g.name
    if level == "party" and not local:
        return groups[0].name
    return by_level.get(level or "", unknown)


def group_rank(name: str) -> int:
    """Position of a group in display order."""
    ranks = _ranks()
    return ranks.get(name, len(ranks))


@cache
def _ranks() -> dict[str, int]:
    ranks: dict[str, int] = {}
    for i, name in enumerate(_names()):
        ranks.setdefault(name, i)
    return ranks
