"""Every question gives the same answer on the embedded store and on Neo4j (a real Bolt server).

The sample corpus goes through the real pipeline (extraction, graph builder), is pushed with
``lineage push``'s code, and each query runs on both backends; the answers must be equal.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bolt_server import wipe
from pydantic import BaseModel
from query_samples import corpus_graph

import cypher
from graph.errors import AmbiguousError, NotFoundError
from graph.queries import agency, bases, check, compare, derived, find, path, status, targets
from graph.queries.backend import DEFAULT_DEPTH, LINEAGE_TYPES, PATH_TYPES, STATUS_TYPES
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.neo4j_backend import Neo4jBackend, bounded, cypher_types
from graph.queries.status_results import DocumentStatus
from graph.stores import neo4j_push
from graph.vocabulary import KE_THUA

QUERIES = {
    "find title words": lambda b: find.find(b, "chuyen doi so kien giang"),
    "find number": lambda b: find.find(b, "1891"),
    "bases 2174": lambda b: bases.bases(b, "2174/QĐ-UBND"),
    "bases 1891 depth 3": lambda b: bases.bases(b, "1891/QĐ-UBND", 3),
    "bases 176 depth 1": lambda b: bases.bases(b, "176/KH-UBND", 1),
    "derived 64/2007": lambda b: derived.derived(b, "64/2007/NĐ-CP"),
    "derived 36-NQ/TW": lambda b: derived.derived(b, "36-NQ/TW", 2),
    "derived Tiền Giang": lambda b: derived.derived(b, "64/2007/NĐ-CP", province="Tiền Giang"),
    "status 1891": lambda b: status.status(b, "1891/QĐ-UBND"),
    "status 2174 depth 2": lambda b: status.status(b, "2174/QĐ-UBND", 2),
    "status 2174 as of 2025-04-01": lambda b: status.status(b, "2174/QĐ-UBND", as_of=dt.date(2025, 4, 1)),
    "document status of the 2025 laws": lambda b: StatusMap(statuses=status.document_status(
        b, ["VN:77/2015/QH13", "VN:65/2025/QH15", "VN:72/2025/QH15", "VN:11/2003/QH11"])),
    "agency": lambda b: agency.agency(b, "Sở Thông tin và Truyền thông", "Kiên Giang"),
    "targets": lambda b: targets.targets(b, "Kiên Giang"),
    "targets metric": lambda b: targets.targets(b, "Kiên Giang", "mức độ 4"),
    "path across provinces": lambda b: path.path(b, "176/KH-UBND", "605/QĐ-UBND"),
    "path to the Politburo": lambda b: path.path(b, "1578/QĐ-UBND", "52-NQ/TW"),
    "compare documents": lambda b: compare.compare(b, "176/KH-UBND", "2174"),
    "compare provinces": lambda b: compare.compare(b, "Kiên Giang", "Tiền Giang", provinces=True),
    "check": lambda b: check.check(b),
    "derived Đồng Tháp": lambda b: derived.derived(b, "64/2007/NĐ-CP", province="Đồng Tháp"),
    "agency in An Giang": lambda b: agency.agency(b, "Sở Thông tin và Truyền thông", "An Giang"),
    "targets An Giang": lambda b: targets.targets(b, "An Giang", "mức độ 4"),
    "find in An Giang": lambda b: find.find(b, "1891", "An Giang"),
    "compare merged provinces": lambda b: compare.compare(b, "An Giang", "Đồng Tháp", provinces=True),
}


class StatusMap(BaseModel):
    statuses: dict[str, DocumentStatus]


def _not_empty(result) -> bool:
    data = result.model_dump()
    return any(data.get(k) for k in ("matches", "items", "bases", "roles", "rows", "steps", "shared",
                                     "only_a", "issues", "statuses"))


@pytest.fixture(scope="module")
def stores(_bolt_driver):
    g = corpus_graph()
    wipe(_bolt_driver)
    neo4j_push.apply_schema(_bolt_driver)
    neo4j_push.push(_bolt_driver, g)
    yield EmbeddedBackend(g), Neo4jBackend(_bolt_driver)
    wipe(_bolt_driver)


@pytest.mark.bolt
@pytest.mark.parametrize("name", list(QUERIES))
def test_same_answer_on_both_stores(stores, name):
    embedded, neo4j = stores
    expected = QUERIES[name](embedded)
    assert _not_empty(expected), f"{name}: nothing found on the sample corpus"
    assert QUERIES[name](neo4j).model_dump() == expected.model_dump()


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
    _, neo4j = stores
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
