"""Pushing the lineage graph into Neo4j: the schema, the MERGE statements, values, batches.

Uses the statements in ``cypher/``. Values are always parameters; label and relationship-type names
come only from :mod:`graph.vocabulary` and are backtick-quoted. Every batch is one transaction through
``session.execute_write`` (which retries transient errors), so a failure never leaves a half-loaded
batch and pushing again completes the load.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import cypher
from graph import vocabulary as vocab
from graph.errors import Neo4jError
from graph.i18n import _

if TYPE_CHECKING:  # the driver is imported when a push runs (the CLI's start-up reads DEFAULT_BATCH_SIZE)
    import neo4j
    from neo4j import Driver

    from graph.lineage_graph import Graph
    from graph.stores.neo4j_connection import Neo4jConnection

DEFAULT_BATCH_SIZE = 5000
# The label a node is merged on (the one its key is unique for); other labels are added to it.
PRIMARY_LABELS = (vocab.DOCUMENT, vocab.AGENCY, vocab.TARGET, vocab.PROJECT)

# (phase, done, total): phase is "nodes", "labels" or "relationships"; counts are rows of that phase.
Progress = Callable[[str, int, int], None]


# --- schema ---------------------------------------------------------------------------------------

def schema_statements(part: str = "all") -> list[str]:
    """The statements of ``cypher/schema.cypher``: ``all``, ``constraints`` or ``indexes``."""
    statements = cypher.statements("schema")
    if part == "constraints":
        return [s for s in statements if s.upper().startswith("CREATE CONSTRAINT")]
    if part == "indexes":
        return [s for s in statements if not s.upper().startswith("CREATE CONSTRAINT")]
    return statements


def apply_schema(conn: Neo4jConnection | Driver, part: str = "all") -> int:
    """Create the constraints and indexes of ``cypher/schema.cypher`` (idempotent); return how many."""
    from graph.stores.neo4j_connection import as_connection

    conn = as_connection(conn)
    statements = schema_statements(part)
    with conn.errors(_("applying the schema")), conn.session() as session:
        for statement in statements:  # schema statements run in auto-commit transactions
            session.run(statement).consume()
    return len(statements)


# --- statements -----------------------------------------------------------------------------------

def quote_name(name: str, allowed: Sequence[str]) -> str:
    """Backtick-quote a label or relationship type, accepting only names of :mod:`graph.vocabulary`."""
    if name not in allowed:
        raise Neo4jError(_("cannot load {name} into Neo4j: not a label or relationship type "
                           "of graph.vocabulary").format(name=repr(name)))
    return "`" + name.replace("`", "``") + "`"


def node_statements(label: str, extra_label: str | None = None) -> tuple[str, str | None]:
    """The MERGE statement for nodes of ``label`` and the statement adding ``extra_label`` to them."""
    merge, add_label = cypher.statements("load_nodes")
    merge = merge.replace("__LABEL__", quote_name(label, PRIMARY_LABELS))
    if extra_label is None:
        return merge, None
    add_label = add_label.replace("__LABEL__", quote_name(label, PRIMARY_LABELS))
    return merge, add_label.replace("__EXTRA_LABEL__", quote_name(extra_label, vocab.NODE_LABELS))


def relationship_statement(rel_type: str, source_label: str, target_label: str, *,
                           from_target: bool = False) -> str:
    """The MERGE statement for relationships of ``rel_type`` between the two labels; ``from_target``
    writes its pattern from the target node (the same relationship, found by walking the target's
    incoming relationships on servers that walk the first node's list, as ArcadeDB does)."""
    from_source_statement, from_target_statement = cypher.statements("load_relationships")
    statement = from_target_statement if from_target else from_source_statement
    return (statement.replace("__SOURCE_LABEL__", quote_name(source_label, PRIMARY_LABELS))
            .replace("__TARGET_LABEL__", quote_name(target_label, PRIMARY_LABELS))
            .replace("__TYPE__", quote_name(rel_type, vocab.RELATIONSHIP_TYPES)))


# --- values ---------------------------------------------------------------------------------------

_SCALARS = (str, bool, int, float)


def to_property(value: Any) -> Any:
    """A value Neo4j can store: scalars and homogeneous lists as they are, dates as ISO text,
    mappings and mixed lists as JSON text; None and empty lists become None (dropped)."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if not items:
            return None
        if all(isinstance(v, str) for v in items) or all(isinstance(v, bool) for v in items):
            return items
        if all(isinstance(v, int) and not isinstance(v, bool) for v in items):
            return items
        if all(isinstance(v, float) for v in items):
            return items
        return json.dumps(items, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def properties(data: dict[str, Any], skip: Sequence[str]) -> dict[str, Any]:
    """The Neo4j properties of a node or edge's attributes (None dropped, ``skip`` left out)."""
    props = {}
    for name, value in data.items():
        if name in skip:
            continue
        converted = to_property(value)
        if converted is not None:
            props[name] = converted
    return props


def primary_label(labels: Sequence[str], key: str) -> str:
    """The label a node is merged on: Document, Agency, Target or Project."""
    for label in PRIMARY_LABELS:
        if label in labels:
            return label
    raise Neo4jError(_("node {key} has no primary label (one of {primary}): {labels}").format(
        key=repr(key), primary=", ".join(PRIMARY_LABELS), labels=labels))


# --- push -----------------------------------------------------------------------------------------

@dataclass
class PushResult:
    """What a push wrote."""

    nodes: int
    relationships: int
    batches: int
    seconds: float


@dataclass
class _Batch:
    phase: str  # "nodes", "labels" (extra labels added to merged nodes) or "relationships"
    statement: str
    params: dict[str, Any]
    size: int  # rows the statement must touch (fewer: a missing node; the batch is rolled back)
    what: str


def _chunks(rows: list, size: int) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def plan_batches(g: Graph, batch_size: int = DEFAULT_BATCH_SIZE) -> list[_Batch]:
    """Group the graph's nodes by label set and edges by (type, end labels), then cut into batches.

    Extra labels (LegalBasis) are added in their own batches after the nodes are merged: on ArcadeDB a
    label change moves the record, and doing it in the transaction that created the node violates the
    key's unique index. Each edge group's MERGE starts from the end whose nodes have, summed over the
    group's rows, the fewer relationships in that direction (see ``cypher/load_relationships.cypher``).
    """
    node_groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    primary: dict[str, str] = {}
    for key, data in g.nodes(data=True):
        labels = tuple(sorted(data.get("labels", ())))
        primary[key] = primary_label(labels, key)
        props = properties(data, skip=("labels",))
        props["key"] = key
        node_groups[labels].append({"key": key, "props": props})
    edge_groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for src, dst, rel_type, data in g.edges(keys=True, data=True):
        edge_groups[(rel_type, primary[src], primary[dst])].append(
            {"src": src, "dst": dst, "props": properties(data, skip=("type",))})

    batches: list[_Batch] = []
    label_batches: list[_Batch] = []
    for labels, rows in sorted(node_groups.items()):
        label = primary_label(labels, rows[0]["key"])
        what = ":".join(labels)
        merge, _ = node_statements(label)
        for chunk in _chunks(rows, batch_size):
            batches.append(_Batch("nodes", merge, {"rows": chunk}, len(chunk), what))
        for extra in (x for x in labels if x != label):
            _, add_label = node_statements(label, extra)
            assert add_label is not None
            for chunk in _chunks([row["key"] for row in rows], batch_size):
                label_batches.append(_Batch("labels", add_label, {"keys": chunk}, len(chunk),
                                            f"{label} +{extra}"))
    batches += label_batches
    out_degree, in_degree = dict(g.out_degree()), dict(g.in_degree())
    for (rel_type, src_label, dst_label), rows in sorted(edge_groups.items()):
        from_target = (sum(in_degree[row["dst"]] for row in rows)
                       < sum(out_degree[row["src"]] for row in rows))
        statement = relationship_statement(rel_type, src_label, dst_label, from_target=from_target)
        for chunk in _chunks(rows, batch_size):
            batches.append(_Batch("relationships", statement, {"rows": chunk}, len(chunk),
                                  f"{src_label}-[{rel_type}]->{dst_label}"))
    return batches


def _write_batch(tx: neo4j.ManagedTransaction, batch: _Batch) -> None:
    """One transaction: run the batch's statement and check every row arrived (else roll back)."""
    record = tx.run(batch.statement, batch.params).single()
    written = 0 if record is None else record["count"]
    if written != batch.size:
        raise Neo4jError(_("only {written} of {size} {what} rows were written "
                           "(missing end nodes?); the batch was rolled back").format(
            written=written, size=batch.size, what=batch.what))


def push(conn: Neo4jConnection | Driver, g: Graph, *, batch_size: int = DEFAULT_BATCH_SIZE,
         progress: Progress | None = None, schema: bool = True) -> PushResult:
    """Load ``g`` into Neo4j idempotently: MERGE nodes on their key, then relationships, in batches.

    Each batch is one transaction; after a failure, the batches already committed stay and running
    ``push`` again completes the load. Raises :class:`Neo4jError` with what was done.
    """
    if batch_size < 1:
        raise Neo4jError(_("batch size must be at least 1, not {size}").format(size=batch_size))
    from neo4j import exceptions as nx_exc

    from graph.stores.neo4j_connection import as_connection, driver_error

    conn = as_connection(conn)
    started = time.perf_counter()
    if schema:  # the key constraints first (every load statement finds nodes by key) ...
        apply_schema(conn, "constraints")
    batches = plan_batches(g, batch_size)
    totals = {phase: sum(b.size for b in batches if b.phase == phase)
              for phase in ("nodes", "labels", "relationships")}
    done = dict.fromkeys(totals, 0)
    committed = 0
    try:
        with conn.session() as session:
            for batch in batches:
                session.execute_write(_write_batch, batch)
                committed += 1
                done[batch.phase] += batch.size
                if progress is not None:
                    progress(batch.phase, done[batch.phase], totals[batch.phase])
    except Neo4jError as exc:
        raise Neo4jError(_("push stopped after {committed} of {total} batches: {error}").format(
            committed=committed, total=len(batches), error=exc),
            hint=_("fix the cause and run `lineage push` again: it completes the load")) from None
    except (nx_exc.Neo4jError, nx_exc.DriverError, OSError) as exc:
        error = driver_error(exc, conn.settings, _("pushing batch {n} of {total}").format(
            n=committed + 1, total=len(batches)))
        raise Neo4jError(_("{error} ({committed} batches committed, the failed one rolled back)").format(
            error=error, committed=committed),
            hint=_("run `lineage push` again once the server is back: it completes the load")) from exc
    with conn.errors(_("taking out what corrected files no longer say")), conn.session() as session:
        for batch in retraction_batches(g, batch_size):
            session.execute_write(lambda tx, b=batch: tx.run(b.statement, b.params).consume())
    if schema:  # ... the other indexes after the load: building them once is cheaper than row by row
        apply_schema(conn, "indexes")
    return PushResult(nodes=done["nodes"], relationships=done["relationships"], batches=committed,
                      seconds=time.perf_counter() - started)


# --- corrections ----------------------------------------------------------------------------------

def retraction_batches(g: Graph, batch_size: int = DEFAULT_BATCH_SIZE) -> list[_Batch]:
    """What the store's corrections (its ``retracted`` attribute, :mod:`graph.loaders.retract`) ask of
    Neo4j after a load: delete the relationships and nodes the store no longer holds, and set the
    properties and labels of the nodes and relationships read again to exactly the store's."""
    log = g.graph.get("retracted") or {}
    drop_rel, drop_node, set_rel, set_node, unlabel = cypher.statements("retract")
    groups: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for src, dst, rel, src_label, dst_label in log.get("relationships", ()):
        if g.has_edge(src, dst, rel):
            groups[("set_rel", rel, src_label, dst_label)].append(
                {"src": src, "dst": dst, "props": properties(g.edges[src, dst, rel], skip=("type",))})
        else:
            groups[("drop_rel", rel, src_label, dst_label)].append({"src": src, "dst": dst})
    for key, label in log.get("nodes", ()):
        if key not in g:
            groups[("drop_node", label)].append(key)
    for key in log.get("rewritten", ()):
        if key in g:
            data = g.nodes[key]
            label = primary_label(tuple(data.get("labels", ())), key)
            groups[("set_node", label)].append({"key": key, "props": {**properties(data, skip=("labels",)),
                                                                      "key": key}})
            if vocab.LEGAL_BASIS not in data.get("labels", ()):
                groups[("unlabel", label)].append(key)
    batches = []
    for what, rows in sorted(groups.items()):
        kind, *names = what
        if kind in ("drop_rel", "set_rel"):
            rel, src_label, dst_label = names
            statement = (drop_rel if kind == "drop_rel" else set_rel).replace(
                "__SOURCE_LABEL__", quote_name(src_label, PRIMARY_LABELS)).replace(
                "__TARGET_LABEL__", quote_name(dst_label, PRIMARY_LABELS)).replace(
                "__TYPE__", quote_name(rel, vocab.RELATIONSHIP_TYPES))
            param = "rows"
        else:
            statement = {"drop_node": drop_node, "set_node": set_node, "unlabel": unlabel}[kind].replace(
                "__LABEL__", quote_name(names[0], PRIMARY_LABELS)).replace(
                "__EXTRA_LABEL__", quote_name(vocab.LEGAL_BASIS, vocab.NODE_LABELS))
            param = "rows" if kind == "set_node" else "keys"
        for chunk in _chunks(rows, batch_size):
            batches.append(_Batch(kind, statement, {param: chunk}, len(chunk), ":".join(what)))
    return batches
