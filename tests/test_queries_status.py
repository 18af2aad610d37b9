"""status: what is known of each basis on a day, with its sources; before / after the signing; chains of
replacements; events read from an ingested text (a real decision of Tiền Giang, 33/2009/QĐ-UBND,
https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Quyet-dinh-33-2009-QD-UBND-quan-ly-va-khai-thac-mang-tin-hoc-dien-rong-105414.aspx)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from query_samples import corpus_graph

from graph.lineage_graph import merge_edge, merge_node
from graph.loaders.build import build_graph
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.status import document_status, status
from graph.reading.extract import extract_file
from graph.vocabulary import CAN_CU, DOCUMENT, PROVINCIAL

TIEN_GIANG_2009 = Path(__file__).parent / "fixtures" / "texts" / "tiengiang-33-2009-qd-ubnd.txt"


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


def _by_number(result):
    return {b.basis.number: b for b in result.bases}


def test_local_government_law_chain_names_the_law_in_force(backend):
    """77/2015/QH13 -> 65/2025/QH15 (01/3/2025) -> 72/2025/QH15 (16/6/2025, its own repeal clause)."""
    law = _by_number(status(backend, "2174/QĐ-UBND", as_of=dt.date(2025, 8, 1)))["77/2015/QH13"]
    assert law.status == "replaced" and law.since == "2025-03-01"
    assert [d.number for d in law.chain] == ["65/2025/QH15", "72/2025/QH15"]
    assert law.current.number == "72/2025/QH15"
    assert law.signing == "after signing" and not law.replaced_before_signing  # 2174 was signed 26/8/2022
    step = next(e for e in law.events if e.kind == "replaced")
    assert step.sources[0].url.startswith("https://") and "thay thế" in step.sources[0].quote
    later = document_status(backend, ["VN:65/2025/QH15"], dt.date(2025, 8, 1))["VN:65/2025/QH15"]
    repeal = next(e for e in later.events if e.by and e.by.number == "72/2025/QH15")
    assert repeal.date == "2025-06-16" and "65/2025/QH15 hết hiệu lực" in repeal.sources[0].quote


def test_as_of_answers_for_another_day(backend):
    def law(day):
        return _by_number(status(backend, "2174/QĐ-UBND", as_of=day))["77/2015/QH13"]

    assert law(dt.date(2018, 1, 1)).status == "no information"  # nothing known had happened yet
    assert law(dt.date(2018, 1, 1)).summary.startswith("Chưa có thông tin")
    amended = law(dt.date(2021, 1, 1))
    assert amended.status == "amended" and amended.since == "2020-07-01"
    assert "Luật 47/2019/QH14" in amended.summary
    assert "Sẽ bị thay thế bởi Luật 65/2025/QH15" in amended.summary
    spring = law(dt.date(2025, 4, 1))
    assert [d.number for d in spring.chain] == ["65/2025/QH15"]  # 72/2025 not yet passed


def test_unknown_status_is_said_plainly(backend):
    basis = _by_number(status(backend, "2174/QĐ-UBND"))["749/QĐ-TTg"]
    assert basis.status == "no information" and basis.events == [] and basis.chain == []
    assert "không có nghĩa là còn hiệu lực" in basis.summary


@pytest.mark.parametrize("day", [None, dt.date(2018, 1, 1), dt.date(2025, 4, 1)])
def test_statuses_built_together_equal_those_built_one_by_one(backend, day):
    """document_status builds the statuses nothing is known of in one go: each must be exactly what the
    full computation for that one document gives (every document of the sample corpus, several days)."""
    from graph.queries.status import _Statuses

    docs = [n.key for n in backend.all_documents()]
    together = document_status(backend, docs, day)
    single = _Statuses(backend, day)
    assert {k: single.one(k) for k in docs} == together
    assert {s.status for s in together.values()} >= {"no information", "replaced", "amended"}


def test_in_force_only_as_a_page_states_it(backend):
    """72/2025/QH15: "in force" as a page states it, undated: said for today only, never for a past day."""
    today = document_status(backend, ["VN:72/2025/QH15"])["VN:72/2025/QH15"]
    assert today.status == "in force" and today.statement.source.url and today.since is None
    # "theo nguồn" once; the day it took effect, which the catalog knows
    assert today.summary == "Còn hiệu lực theo nguồn (nguồn không ghi ngày), có hiệu lực từ ngày 16/06/2025."
    past = document_status(backend, ["VN:72/2025/QH15"], dt.date(2025, 7, 1))["VN:72/2025/QH15"]
    assert past.status == "no information"


def test_basis_already_replaced_on_the_day_of_signing_and_basis_dated_after():
    g = corpus_graph()
    # a plan of 2017 citing the 2003 law on HĐND and UBND (replaced from 01/01/2016), and a basis dated
    # after it
    merge_node(g, "Kiên Giang:9/KH-UBND:2017", (DOCUMENT,), number="9/KH-UBND", date="2017-03-02",
               province="Kiên Giang", level=PROVINCIAL, source="test")
    merge_edge(g, "Kiên Giang:9/KH-UBND:2017", "VN:11/2003/QH11", CAN_CU,
               text="Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003")
    merge_edge(g, "Kiên Giang:9/KH-UBND:2017", "VN:749/QĐ-TTg:2020", CAN_CU,
               text="Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ")
    r = _by_number(status(EmbeddedBackend(g), "9/KH-UBND", as_of=dt.date(2024, 1, 1)))
    old = r["11/2003/QH11"]
    assert old.status == "replaced" and old.signing == "before signing" and old.replaced_before_signing
    assert old.chain[0].number == "77/2015/QH13"
    assert r["749/QĐ-TTg"].dated_after_document and not r["749/QĐ-TTg"].replaced_before_signing


def test_replacement_read_in_an_ingested_text():
    """"Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày ký và thay thế Quyết định số
    01/1999/QĐ.UB": replaced from 03/01/2010 (24/12/2009 + 10 days), the citing words and line as source."""
    g = build_graph([extract_file(TIEN_GIANG_2009)])
    old = next(k for k, d in g.nodes(data=True) if str(d.get("number", "")).startswith("01/1999/"))
    found = document_status(EmbeddedBackend(g), [old], dt.date(2010, 6, 1))[old]
    assert found.status == "replaced" and found.since == "2010-01-03"
    (event,) = found.events
    assert event.by.number == "33/2009/QĐ-UBND"
    src = event.sources[0]
    assert src.file == TIEN_GIANG_2009.name and src.line == 20
    assert "thay thế Quyết định số 01/1999" in src.quote
    before = document_status(EmbeddedBackend(g), [old], dt.date(2010, 1, 2))[old]
    assert before.status == "no information" and "Sẽ bị thay thế bởi" in before.summary


def test_amendment_read_in_the_text_has_no_made_up_date(backend):
    """1891/QĐ-UBND cites 92/2006/NĐ-CP "và Nghị định số 04/2008/NĐ-CP … sửa đổi, bổ sung": amended, the
    line as source, no effective date (the text gives none, and no page in the catalog states one)."""
    nd92 = _by_number(status(backend, "1891/QĐ-UBND"))["92/2006/NĐ-CP"]
    (event,) = nd92.events
    assert event.kind == "amended" and event.by.number == "04/2008/NĐ-CP" and event.date is None
    assert event.sources[0].file.startswith("000_") and event.sources[0].line
    assert nd92.amended_signing == "unknown" and "không rõ ngày" in nd92.summary


def test_constitution_and_a_law_with_a_misprinted_year_are_known_by_name():
    """A constitution cited by its name (no number) and a law cited with its year misprinted ("ngày
    26/11/2013" for the law of 26/11/2003) reach their catalog entries, and so their status."""
    from graph.reading.extract import extract_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/2012/QĐ-UBND\n"
            "Hòa Bình, ngày 3 tháng 4 năm 2012\nQUYẾT ĐỊNH\nVề việc ban hành quy chế quản lý văn bản\n"
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;\n"
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2013;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế quản lý văn bản.\n")
    r = status(EmbeddedBackend(build_graph([extract_text(text, "t.txt")])), "12/2012/QĐ-UBND",
               as_of=dt.date(2024, 1, 1))
    found = {b.basis.doc_type: b for b in r.bases}
    assert found["Hiến pháp"].status == "replaced" and found["Hiến pháp"].since == "2014-01-01"
    law = found["Luật"]
    assert (law.basis.number, law.status, law.since) == ("11/2003/QH11", "replaced", "2016-01-01")


def test_an_event_a_page_states_without_its_date():
    """A catalog event whose page gives no date of effect ("… bãi bỏ Nghị định số 04/2015/NĐ-CP") holds
    from the day the document that made it was issued, "không rõ ngày có hiệu lực", with its source;
    before that day nothing is known."""
    from graph.loaders.catalog import load_catalog

    catalog = load_catalog()
    (event,) = [r for r in catalog.replacements("VN:04/2015/NĐ-CP") if r.event == "repealed"]
    maker = catalog.get(event.new)
    assert event.date is None and maker is not None and maker.date is not None
    g = corpus_graph()
    merge_node(g, "Kiên Giang:8/QĐ-UBND:2026", (DOCUMENT,), number="8/QĐ-UBND", date="2026-03-02",
               province="Kiên Giang", level=PROVINCIAL, source="test")
    merge_node(g, "VN:04/2015/NĐ-CP", (DOCUMENT,), number="04/2015/NĐ-CP", doc_type="Nghị định",
               date="2015-01-09", level="central")
    merge_edge(g, "Kiên Giang:8/QĐ-UBND:2026", "VN:04/2015/NĐ-CP", CAN_CU,
               text="Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ")

    def on(day: dt.date | None):
        return _by_number(status(EmbeddedBackend(g), "8/QĐ-UBND", as_of=day))["04/2015/NĐ-CP"]

    after = on(maker.date)
    assert after.status == "repealed" and after.since is None and after.events[0].sources[0].url
    assert "không rõ ngày có hiệu lực" in after.summary and on(None).status == "repealed"
    assert on(maker.date - dt.timedelta(days=1)).status == "no information"


def test_the_day_a_page_states_a_status_is_not_the_day_it_began():
    """214/NQ-CP (23/7/2025, in effect from its signing): a legal bulletin of 28/7/2025 says it is in force.
    The answer said "Còn hiệu lực theo nguồn từ ngày 28/07/2025": the day of the bulletin, not of the
    resolution (the status audit of the fresh documents)."""
    g = corpus_graph()
    merge_node(g, "VN:214/NQ-CP:2025", DOCUMENT, number="214/NQ-CP", doc_type="Nghị quyết", date="2025-07-23")
    st = document_status(EmbeddedBackend(g), ["VN:214/NQ-CP:2025"])["VN:214/NQ-CP:2025"]
    assert st.status == "in force" and st.statement.since == "2025-07-28"
    assert st.summary == "Còn hiệu lực theo nguồn (nguồn ngày 28/07/2025), có hiệu lực từ ngày 23/07/2025."
    assert "từ ngày 28/07/2025" not in st.summary


def test_a_document_the_catalog_names_but_does_not_list_is_named_with_its_type():
    """24/2010/NĐ-CP is amended by 93/2010/NĐ-CP, which the catalog names in that event only: "Được sửa đổi,
    bổ sung bởi Nghị định 93/2010/NĐ-CP", not "bởi 93/2010/NĐ-CP" (the status audit); a number ending in a
    Quốc hội code says no type ("96/2023/QH15" is a Nghị quyết, not a Luật)."""
    g = corpus_graph()
    merge_node(g, "VN:24/2010/NĐ-CP", DOCUMENT, number="24/2010/NĐ-CP", doc_type="Nghị định",
               date="2010-03-15")
    st = document_status(EmbeddedBackend(g), ["VN:24/2010/NĐ-CP"])["VN:24/2010/NĐ-CP"]
    by = {e.by.number: e.by for e in st.events if e.by is not None}
    assert by["93/2010/NĐ-CP"].label == "Nghị định 93/2010/NĐ-CP"
    law = document_status(EmbeddedBackend(g), ["VN:77/2015/QH13"])["VN:77/2015/QH13"]
    resolution = next(e.by for e in law.events if e.by is not None and e.by.number == "96/2023/QH15")
    assert resolution.doc_type is None and resolution.label == "96/2023/QH15"
