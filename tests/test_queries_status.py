"""status: replaced / amended bases (graph edges and the catalog), replaced before signing, dated after."""

from __future__ import annotations

import pytest
from query_samples import corpus_graph

from graph.lineage_graph import merge_edge, merge_node
from graph.loaders.catalog import load_catalog
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.status import status
from graph.vocabulary import CAN_CU, DOCUMENT, PROVINCIAL


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


def _by_number(result):
    return {b.basis.number: b for b in result.bases}


def test_amendment_read_in_the_text_and_in_the_catalog(backend):
    r = _by_number(status(backend, "1891/QĐ-UBND"))
    nd92 = r["92/2006/NĐ-CP"]
    # 04/2008/NĐ-CP amends 92/2006/NĐ-CP: stated in the 1891 preamble, and in the catalog with its source
    amended = [e for e in nd92.events if e.kind == "amended"]
    assert amended and amended[0].by.number == "04/2008/NĐ-CP"
    assert "000_" in amended[0].evidence and "catalog:" in amended[0].evidence
    # replaced on 2019-01-01 by the Planning Law (catalog), after 1891 was signed (2016)
    replaced = [e for e in nd92.events if e.kind == "replaced"]
    assert replaced and replaced[0].by.number == "21/2017/QH14" and replaced[0].date == "2019-01-01"
    assert nd92.status == "replaced" and not nd92.replaced_before_signing


def test_unknown_status_is_said_plainly(backend):
    r = _by_number(status(backend, "2174/QĐ-UBND"))
    assert r["749/QĐ-TTg"].status == "no information" and r["749/QĐ-TTg"].events == []


def test_basis_already_replaced_on_the_day_of_signing_and_basis_dated_after():
    g = corpus_graph()
    # a plan of 2020 that still cites Nghị định 92/2006/NĐ-CP (replaced from 2019-01-01, catalog) and a basis
    # dated after itself
    merge_node(g, "Kiên Giang:9/KH-UBND:2020", (DOCUMENT,), number="9/KH-UBND", date="2020-03-02",
               province="Kiên Giang", level=PROVINCIAL, source="test")
    merge_edge(g, "Kiên Giang:9/KH-UBND:2020", "VN:92/2006/NĐ-CP", CAN_CU,
               text="Nghị định số 92/2006/NĐ-CP ngày 07/9/2006 của Chính phủ")
    merge_edge(g, "Kiên Giang:9/KH-UBND:2020", "VN:749/QĐ-TTg:2020", CAN_CU,
               text="Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ")
    assert load_catalog().replacements("VN:92/2006/NĐ-CP")
    r = _by_number(status(EmbeddedBackend(g), "9/KH-UBND"))
    assert r["92/2006/NĐ-CP"].replaced_before_signing
    assert r["749/QĐ-TTg"].dated_after_document and not r["749/QĐ-TTg"].replaced_before_signing


def test_supersedes_edge_in_the_graph():
    g = corpus_graph()
    merge_node(g, "VN:42/2022/NĐ-CP", (DOCUMENT,), number="42/2022/NĐ-CP", date="2022-06-24", level="central",
               issuer="Chính phủ")
    merge_edge(g, "VN:42/2022/NĐ-CP", "VN:61/2018/NĐ-CP", "SUPERSEDES", source="x.txt", line=7,
               text="bãi bỏ Nghị định số 61/2018/NĐ-CP")
    r = _by_number(status(EmbeddedBackend(g), "176/KH-UBND"))
    ev = [e for e in r["61/2018/NĐ-CP"].events if e.by and e.by.number == "42/2022/NĐ-CP"]
    assert ev and ev[0].kind == "repealed" and ev[0].evidence == "x.txt:7"
    assert r["61/2018/NĐ-CP"].status == "repealed"
