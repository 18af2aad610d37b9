"""Where the questions read the graph: the SQLite store, an in-memory networkx graph or Neo4j, behind
one interface.

A backend only fetches rows (nodes and relationships, as :class:`Node` and :class:`Edge`); the
question modules turn rows into answers with the same code for all, so the stores cannot drift.
This module holds the interface and what they share; :mod:`.sqlite_backend` (what the CLI reads),
:mod:`.embedded_backend` and :mod:`.neo4j_backend` implement it.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.errors import LineageError
from graph.i18n import _
from graph.queries.search_text import search_text
from graph.text import fold
from graph.vocabulary import (
    BAN_HANH,
    CAN_CU,
    CHU_TRI,
    DE_NGHI,
    DOCUMENT_RELATIONS,
    HUONG_DAN,
    PHOI_HOP,
    SUA_DOI,
    SUPERSEDES,
    THUC_HIEN,
)

# The relationships a document's foundation is made of (bases follows them out, derived in).
LINEAGE_TYPES = (CAN_CU, THUC_HIEN, HUONG_DAN, SUA_DOI)
STATUS_TYPES = (SUPERSEDES, SUA_DOI)
AGENCY_TYPES = (CHU_TRI, PHOI_HOP, BAN_HANH, DE_NGHI)
PATH_TYPES = DOCUMENT_RELATIONS
MAX_DEPTH = 10  # the largest bound of any variable-length pattern
DEFAULT_DEPTH = 6
PATH_LIMIT = 1000  # shortest paths fetched from Neo4j to choose the canonical one
SUCCESSION_DEPTH = 3  # the longest chain of KẾ_THỪA (department, then province)
SEARCH_TOKEN = re.compile(r"[a-z0-9]+")  # a word of a folded search text

Direction = Literal["out", "in"]


# Rows are made by the hundred per answer: plain slotted classes (a frozen dataclass's constructor costs
# twice as much); hashed and compared by their identity fields, never changed after they are made.
@dataclass(slots=True, unsafe_hash=True)
class Node:
    key: str
    labels: tuple[str, ...]
    props: dict[str, Any] = field(hash=False, compare=False)


@dataclass(slots=True, unsafe_hash=True)
class Edge:
    source: str
    target: str
    type: str
    props: dict[str, Any] = field(hash=False, compare=False)


Rows = tuple[dict[str, Node], list[Edge]]


def check_depth(depth: int) -> int:
    """A depth limit between 1 and :data:`MAX_DEPTH`, or a usage error."""
    if not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise LineageError(_("--depth must be between 1 and {max}, not {depth}").format(max=MAX_DEPTH,
                                                                                         depth=depth),
                           hint=_("the default is {depth}").format(depth=DEFAULT_DEPTH))
    return depth


class Backend(ABC):
    """What the questions need from a store; every method returns plain rows."""

    name: str

    @abstractmethod
    def count_documents(self) -> int: ...

    @abstractmethod
    def documents_by_key(self, keys: list[str]) -> dict[str, Node]: ...

    @abstractmethod
    def documents_by_number(self, numbers: list[str]) -> list[Node]: ...

    @abstractmethod
    def documents_by_number_prefix(self, prefix: str) -> list[Node]: ...

    @abstractmethod
    def all_documents(self) -> list[Node]: ...

    def province_documents(self, folded: set[str]) -> list[Node]:
        """Documents whose province, folded (:func:`graph.text.fold`), is one of ``folded``, in the
        store's order. This default scans :meth:`all_documents`; the SQLite store reads those only."""
        return [n for n in self.all_documents() if fold(n.props.get("province")) in folded]

    @abstractmethod
    def reach(self, key: str, direction: Direction, depth: int, fields: Sequence[str] | None = None) -> Rows:
        """Lineage relationships leaving (out) or entering (in) every document within depth-1 hops of key.

        ``fields``: the node properties the caller reads; a backend may then give only those (None
        where a node has none) instead of every property (what the SQLite store does: it decodes no
        long property an answer does not show)."""

    def reach_many(self, keys: Sequence[str], direction: Direction, depth: int,
                   fields: Sequence[str] | None = None) -> Rows:
        """What :meth:`reach` gives for each of ``keys``, together: every document within depth-1 hops
        of one of them, each relationship once. This default asks :meth:`reach` per key; a backend
        that can walk from all of them at once does (the SQLite store)."""
        nodes: dict[str, Node] = {}
        edges: dict[tuple[str, str, str], Edge] = {}
        for key in dict.fromkeys(keys):
            found, links = self.reach(key, direction, depth, fields)
            nodes.update(found)
            edges.update(((e.source, e.target, e.type), e) for e in links)
        return nodes, list(edges.values())

    @abstractmethod
    def replacements(self, keys: list[str]) -> Rows:
        """SUPERSEDES / SỬA_ĐỔI relationships entering the given documents, with their sources."""

    @abstractmethod
    def shortest_paths(self, a: str, b: str) -> list[list[Edge]]:
        """Shortest undirected paths from a to b (each as relationships in walking order); [] if none."""

    @abstractmethod
    def all_agencies(self) -> list[Node]: ...

    @abstractmethod
    def agency_roles(self, keys: list[str]) -> Rows:
        """Relationships leaving the agencies (CHỦ_TRÌ ...), their ends, and GỒM into those ends."""

    @abstractmethod
    def successions(self, keys: list[str]) -> Rows:
        """KẾ_THỪA relationships on chains of at most :data:`SUCCESSION_DEPTH` leaving the agencies."""

    @abstractmethod
    def targets(self) -> Rows:
        """Every ĐỀ_RA relationship with its document and target."""

    def province_targets(self, folded: set[str]) -> Rows:
        """What :meth:`targets` gives for the documents whose province, folded, is one of ``folded``.
        This default filters :meth:`targets`; the SQLite store reads those only."""
        nodes, edges = self.targets()
        return nodes, [e for e in edges if fold(_text(nodes[e.source].props.get("province"))) in folded]

    @abstractmethod
    def document_relations(self) -> list[Edge]:
        """Every relationship between two documents."""

    def close(self) -> None:  # noqa: B027 - optional
        """Release connections."""

    _doc_index: list[tuple[Node, str]] | None = None

    def document_index(self) -> list[tuple[Node, str]]:
        """Every document with its folded search text (built once per backend)."""
        if self._doc_index is None:
            self._doc_index = [(n, search_text(n.props)) for n in self.all_documents()]
        return self._doc_index

    # Search. These defaults scan :meth:`document_index` (Neo4j, an in-memory graph); a store with
    # a search index (:mod:`.sqlite_backend`) answers the same by index.

    def search_documents(self, words: Iterable[str], at_least: int | None = None) -> list[Node]:
        """Documents whose folded search text has, as whole tokens (:data:`SEARCH_TOKEN`), at least
        ``at_least`` of the folded words (default: every one), in the store's order."""
        wanted = {w for w in words if w}
        need = len(wanted) if at_least is None else at_least
        return [n for n, text in self.document_index()
                if len(wanted.intersection(SEARCH_TOKEN.findall(text))) >= need]

    def documents_by_folded_number(self, numbers: list[str]) -> list[Node]:
        """Documents whose folded number (:func:`graph.text.fold`) is one of ``numbers``."""
        wanted = set(numbers)
        return [n for n, _text in self.document_index() if fold(n.props.get("number")) in wanted]

    def documents_by_folded_number_prefix(self, prefix: str) -> list[Node]:
        """Documents whose folded number starts with ``prefix`` (already folded): "64/2007/" ..."""
        return [n for n, _text in self.document_index()
                if (number := fold(n.props.get("number"))) and number.startswith(prefix)]

    def folded_numbers(self) -> list[str]:
        """Every distinct folded document number (for "did you mean")."""
        folded = (fold(n.props.get("number")) for n, _text in self.document_index())
        return list(dict.fromkeys(f for f in folded if f))


def _text(value: object) -> str | None:
    return None if value is None else str(value)
