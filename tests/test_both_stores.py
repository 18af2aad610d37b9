"""Every question gives the same answer on the in-memory graph, the SQLite store and Neo4j (a Bolt server).

The sample corpus goes through the real pipeline (extraction, graph builder), is written to a SQLite
store, pushed with ``lineage push``'s code, and each query runs on the three backends; the answers
must be equal.
"""

from __future__ import annotations

import re

import pytest
from bolt_server import wipe
from query_samples import QUERIES, corpus_graph, sqlite_copy

import cypher
from graph.errors import AmbiguousError, NotFoundError
from graph.queries import agency, bases, derived
from graph.queries.backend import DEFAULT_DEPTH, LINEAGE_TYPES, PATH_TYPES, STATUS_TYPES
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.neo4j_backend import Neo4jBackend, bounded, cypher_types
from graph.queries.sqlite_backend import SQLiteBackend
from graph.stores import neo4j_push
from graph.vocabulary import KE_THUA


def _not_empty(result) -> bool:
    data = result.model_dump()
    return any(data.get(k) for k in ("matches", "items", "bases", "roles", "rows", "steps", "shared",
                                     "only_a", "issues", "statuses"))


@pytest.fixture(scope="module")
def stores(_bolt_driver, tmp_path_factory):
    g = corpus_graph()
    wipe(_bolt_driver)
    neo4j_push.apply_schema(_bolt_driver)
    neo4j_push.push(_bolt_driver, g)
    sqlite = SQLiteBackend(sqlite_copy(g, tmp_path_factory.mktemp("sqlite") / "lineage.db"))
    yield EmbeddedBackend(g), Neo4jBackend(_bolt_driver), sqlite
    sqlite.close()
    wipe(_bolt_driver)


@pytest.mark.bolt
@pytest.mark.parametrize("name", list(QUERIES))
def test_same_answer_on_both_stores(stores, name):
    embedded, *others = stores
    expected = QUERIES[name](embedded)
    assert _not_empty(expected), f"{name}: nothing found on the sample corpus"
    for backend in others:
        assert QUERIES[name](backend).model_dump() == expected.model_dump(), backend.name


@pytest.mark.bolt
def test_same_errors_on_both_stores(stores):
    for backend in stores:
        with pytest.raises(NotFoundError, match="749/QĐ-TT'") as err:
            bases.bases(backend, "749/QĐ-TT")
        assert "749/QĐ-TTg" in err.value.hint
        with pytest.raises(AmbiguousError):
            bases.bases(backend, "chuyen doi so kien giang")


@pytest.mark.bolt
def test_neo4j_holds_the_succession_and_answers_across_the_change(stores):
    _, neo4j, _ = stores
    rows = neo4j.conn.read("MATCH (:Agency {key: $k})-[r:`KẾ_THỪA`]->(b:Agency) RETURN b.key AS b, "
                           "r.date AS date", k="agency:Kiên Giang:Sở Thông tin và Truyền thông")
    assert ("agency:Kiên Giang:Sở Khoa học và Công nghệ", "2025-03-01") in {(r["b"], r["date"]) for r in rows}
    result = derived.derived(neo4j, "64/2007/NĐ-CP", province="Đồng Tháp")
    provinces = {(i.document.province, i.document.province_now) for i in result.items}
    assert provinces == {("Tiền Giang", "Đồng Tháp")}
    answer = agency.agency(neo4j, "Sở Thông tin và Truyền thông", "Kiên Giang")
    assert answer.successions[0].current.name == "Sở Khoa học và Công nghệ tỉnh An Giang"
    assert {(h.role.document.number, h.deadline) for h in answer.handovers} == {("2174/QĐ-UBND", 2030)}


@pytest.mark.bolt
def test_empty_neo4j_says_ingest_first(neo4j_driver):
    with pytest.raises(NotFoundError) as err:
        bases.bases(Neo4jBackend(neo4j_driver), "2174")
    assert "lineage ingest" in err.value.hint


# --- the Cypher files themselves (no server needed) ------------------------------------------------

def _statement(name: str) -> str:
    return cypher.load(f"queries/{name}")


@pytest.mark.parametrize(("name", "types"), [
    ("bases", LINEAGE_TYPES), ("derived", LINEAGE_TYPES), ("status", STATUS_TYPES), ("path", PATH_TYPES),
    ("check", PATH_TYPES), ("succession", (KE_THUA,))])
def test_cypher_files_follow_the_same_relationships_as_python(name, types):
    code = "\n".join(line for line in _statement(name).splitlines() if not line.lstrip().startswith("//"))
    assert cypher_types(code) == sorted(types)


@pytest.mark.parametrize("name", ["bases", "derived", "path", "succession"])
def test_variable_length_patterns_are_bounded_and_anchored(name):
    code = _statement(name)
    for pattern in re.findall(r"\*[\d.]*", code):
        assert re.fullmatch(r"\*\d*\.\.\d+", pattern), f"unbounded pattern {pattern} in {name}.cypher"
    anchored = re.search(r"MATCH \(\w+:(?:Document|Agency) \{key: \$?\w+\}\)", code)
    assert anchored, f"{name}.cypher is not anchored on a key"


def test_bounded_sets_only_the_bound():
    text = _statement("bases")
    assert "*0..2]" in bounded(text, 2, DEFAULT_DEPTH - 1)
    with pytest.raises(ValueError):
        bounded(text, 11, DEFAULT_DEPTH - 1)
    with pytest.raises(ValueError):
        bounded(text, "1] RETURN 1 //", DEFAULT_DEPTH - 1)  # type: ignore[arg-type]
