"""SQL of the SQLite backend (:mod:`.sqlite_backend`): the statements its questions run, the pieces
they are built of, and the decoding of the store's JSON columns.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from graph.queries.backend import LINEAGE_TYPES, STATUS_TYPES, Direction
from graph.vocabulary import DOCUMENT

EACH = "(SELECT value FROM json_each(?))"
CHUNK = 500  # keys per statement (far below SQLite's limit on parameters)
# "+x.label": a label is checked on rows found by key or id, never used to find them (the planner,
# without statistics, would otherwise walk every document of the label index).
NODE = "{0}.key, {0}.labels, {0}.props"


_scan = json.JSONDecoder().scan_once  # the C scanner json.loads ends in, without its wrappers
_LABELS: dict[str, tuple[str, ...]] = {}  # labels JSON -> tuple (a handful of combinations)


def loads(text: str) -> Any:
    """``json.loads(text)`` for the store's compact JSON, a third faster on the small objects of
    ``props`` (anything else, and every error, goes to ``json.loads``)."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def label_tuple(text: str) -> tuple[str, ...]:
    labels = _LABELS.get(text)
    if labels is None:
        labels = tuple(loads(text))
        if len(_LABELS) < 256:
            _LABELS[text] = labels
    return labels


def id_list(ids: Iterable[int]) -> str:
    """Node ids as a JSON array (for ``json_each``), without the encoder's overhead."""
    return f"[{','.join(map(str, ids))}]"


def marks(n: int) -> str:
    return ", ".join("?" * n)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """``items`` in slices of ``size`` (one statement each)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


@contextmanager
def read_state(conn: sqlite3.Connection) -> Iterator[None]:
    """One state of the store for every statement inside (a read transaction, unless the connection
    holds one already)."""
    begin = not conn.in_transaction
    if begin:
        conn.execute("BEGIN")
    try:
        yield
    finally:
        if begin:
            conn.execute("COMMIT")


def phrase(word: str) -> str:
    """The word as an FTS5 string (quoted: never read as query syntax)."""
    return '"' + word.replace('"', '""') + '"'


def reach_sql(direction: Direction) -> str:
    """One hop of a lineage: each lineage relationship leaving (out) or entering (in) the nodes whose
    ids are the JSON array ``?``, as (near id, far id, type, props), in no order.

    Out, the relationships of a node are read as one range of the primary key (source, type, target)
    (``+e.type``: cheaper than a look-up per type); in, by one look-up per type in ``edges_in``, since
    a much-cited document has many relationships of other types entering it."""
    near, far = ("source", "target") if direction == "out" else ("target", "source")
    typed = f"{'+' if direction == 'out' else ''}e.type IN ({marks(len(LINEAGE_TYPES))})"
    return f"SELECT e.{near}, e.{far}, e.type, e.props FROM edges e WHERE e.{near} IN {EACH} AND {typed}"


#: list properties picked only in part: the entries that start with the prefix (a document's ``cited_as``
#: notes can run to thousands; an answer reads only those of another document type)
PICKED_IN_PART = {"cited_as": "doc_type="}


def _part(alias: str, field: str, prefix: str) -> str:
    """The entries of the list ``field`` that start with ``prefix``, as JSON (NULL when none can: most)."""
    return (f"json(CASE WHEN instr({alias}.props, '\"{prefix}') THEN (SELECT json_group_array(value) "
            f"FROM json_each({alias}.props, '$.\"{field}\"') WHERE substr(value, 1, {len(prefix)}) = "
            f"'{prefix}') END)")


@cache
def node_columns(alias: str, fields: tuple[str, ...] | None) -> tuple[str, tuple[str, ...]]:
    """The columns of a node row (key, labels, props) and their parameters: with ``fields``, props is
    the JSON array of those properties' values (SQLite picks them out of a long ``props`` faster than
    Python decodes it whole); a field of :data:`PICKED_IN_PART` (after the others) only in part."""
    if fields is None:
        return NODE.format(alias), ()
    if not fields or any('"' in f for f in fields):
        raise ValueError(f"not a list of property names: {fields!r}")
    whole = tuple(f for f in fields if f not in PICKED_IN_PART)
    if not whole or fields[:len(whole)] != whole:
        raise ValueError(f"properties picked in part come after the others: {fields!r}")
    picked = f"json_extract({alias}.props, {marks(len(whole))})"  # one path: the value, not an array
    picked = picked if len(whole) > 1 else f"json_array({picked})"
    for f in fields[len(whole):]:
        picked = f"json_insert({picked}, '$[#]', {_part(alias, f, PICKED_IN_PART[f])})"
    return f"{alias}.key, {alias}.labels, {picked}", tuple(f'$."{f}"' for f in whole)


@cache
def documents_by_id(fields: tuple[str, ...] | None) -> tuple[str, tuple[str, ...]]:
    """The documents among the ids of the JSON array ``?`` (the last parameter): each far node of a hop
    read once, as (id, key, labels, props)."""
    columns, params = node_columns("n", fields)
    return f"SELECT n.id, {columns} FROM nodes n WHERE n.id IN {EACH} AND +n.label = '{DOCUMENT}'", params


REACH = {"out": reach_sql("out"), "in": reach_sql("in")}

# SUPERSEDES / SỬA_ĐỔI entering documents from documents: of the keys "{}" (marks), as (target id,
# target key, source id, type, props, source key, source labels, source props); of the ids of the JSON
# array ``?``, the same less the target's key
REPLACEMENTS = (f"SELECT k.id, k.key, u.id, e.type, e.props, {NODE.format('u')} FROM nodes k "
                 f"JOIN edges e ON e.target = k.id AND e.type IN ({marks(len(STATUS_TYPES))}) "
                 f"JOIN nodes u ON u.id = e.source AND +u.label = ? WHERE k.key IN ({{}})")
# (the types as one range of ``edges_in`` per id, checked after: one look-up instead of one per type)
REPLACEMENTS_BY_ID = (f"SELECT e.target, u.id, e.type, e.props, {NODE.format('u')} FROM edges e "
                       f"JOIN nodes u ON u.id = e.source AND +u.label = ? WHERE e.target IN {EACH} "
                       f"AND e.type BETWEEN ? AND ? AND +e.type IN ({marks(len(STATUS_TYPES))})")
STATUS_RANGE = (min(STATUS_TYPES), max(STATUS_TYPES))
# the documents some replacement or amendment enters, from the small index ``edges_status`` (schema 3):
# its types written as literals, as the index's WHERE has them, so that SQLite can use it
STATUS_TARGETS = ("SELECT DISTINCT target FROM edges WHERE type IN ("
                  + ", ".join("'" + t.replace("'", "''") + "'" for t in STATUS_TYPES) + ")")
HAS_STATUS_INDEX = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'edges_status'"

SUCCESSIONS = f"""
WITH RECURSIVE r(id, d) AS (
    SELECT id, 0 FROM nodes WHERE key IN (SELECT value FROM json_each(?))
    UNION
    SELECT e.target, r.d + 1 FROM r JOIN edges e ON e.source = r.id AND e.type = ? WHERE r.d < ?
), u AS (SELECT id, min(d) AS d FROM r GROUP BY id)
SELECT a.key, e.props, {NODE.format('b')}
FROM u JOIN edges e ON e.source = u.id AND e.type = ?
JOIN nodes b ON b.id = e.target JOIN nodes a ON a.id = u.id
ORDER BY u.d, u.id, b.id"""
