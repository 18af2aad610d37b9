"""Keys: the same document gets the same key wherever it is cited; different ones never share it."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.loaders import catalog, keys
from graph.loaders.context import Context
from graph.loaders.documents import citation_key
from graph.model import Citation

KG = Context("000_5ff91108e71e8f83.txt", "Kiên Giang", dt.date(2016, 8, 22), "")
CM = Context("003_a7a611ee86822b52.txt", "Cà Mau", dt.date(2013, 10, 26), "")


def cite(text: str, **fields) -> Citation:
    return Citation(text=text, **fields)


def test_same_local_number_in_two_provinces_are_two_documents():
    c = cite("Quyết định số 1891/QĐ-UBND ngày 22/8/2016 của Chủ tịch Ủy ban nhân dân tỉnh",
             doc_type="Quyết định", number="1891/QĐ-UBND", date=dt.date(2016, 8, 22))
    kg, _ = citation_key(c, KG)
    cm, _ = citation_key(c, CM)
    assert kg == "Kiên Giang:1891/QĐ-UBND:2016"
    assert cm == "Cà Mau:1891/QĐ-UBND:2016"


def test_issuer_named_in_citation_wins_over_citing_province():
    c = cite("Kế hoạch số 37/KH-STTTT ngày 18/10/2013 của Sở Thông tin và Truyền thông tỉnh Cà Mau",
             number="37/KH-STTTT", date=dt.date(2013, 10, 18),
             issuer="Sở Thông tin và Truyền thông tỉnh Cà Mau")
    assert citation_key(c, KG)[0] == "Cà Mau:37/KH-STTTT:2013"


def test_year_inside_the_number_is_the_year():
    c = cite("Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ", doc_type="Nghị định",
             number="64/2007/NĐ-CP", date=dt.date(2007, 4, 10), issuer="Chính phủ")
    assert citation_key(c, KG)[0] == "VN:64/2007/NĐ-CP"
    undated = cite("Nghị định số 64/2007/NĐ-CP", number="64/2007/NĐ-CP")
    assert citation_key(undated, CM)[0] == "VN:64/2007/NĐ-CP"
    assert keys.number_year("64/2007/NĐ-CP") == 2007
    assert keys.number_year("1255/QĐ-TTg") is None


def test_year_of_the_date_when_the_number_has_none():
    c = cite("Quyết định số 1255/QĐ-TTg ngày 26/7/2011 của Thủ tướng Chính phủ", number="1255/QĐ-TTg",
             date=dt.date(2011, 7, 26), issuer="Thủ tướng Chính phủ")
    assert citation_key(c, KG)[0] == "VN:1255/QĐ-TTg:2011"


def test_party_documents_central_and_provincial():
    central = cite("Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị", number="36-NQ/TW",
                   date=dt.date(2014, 7, 1), issuer="Bộ Chính trị")
    local = cite("Chương trình hành động số 64-CTr/TU ngày 09/9/2015 của Tỉnh ủy Kiên Giang",
                 number="64-CTr/TU", date=dt.date(2015, 9, 9), issuer="Tỉnh ủy Kiên Giang")
    assert citation_key(central, CM)[0] == "TW:36-NQ/TW:2014"
    assert citation_key(local, CM)[0] == "Kiên Giang:64-CTr/TU:2015"


@pytest.mark.parametrize("printed", ["64/2007/NÐ-CP", "64 / 2007 / NĐ – CP", "64/2007/N\u0110-CP",
                                     "64/2007/NĐ\u2013CP"])
def test_number_spellings_normalise_to_one(printed):
    assert keys.normalize_number(printed) == "64/2007/NĐ-CP"


def test_keys_compare_case_insensitively():
    assert keys.fold_key("VN:64/2007/Nđ-cp") == keys.fold_key("VN:64/2007/NĐ-CP")
    assert keys.fold_key("VN:64/2007/NĐ-CP") != keys.fold_key("VN:65/2007/NĐ-CP")


def test_law_cited_by_name_resolves_through_the_catalog():
    c = cite("Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006", doc_type="Luật",
             date=dt.date(2006, 6, 29), issuer="Quốc hội", title="Luật Công nghệ thông tin")
    key, props = citation_key(c, KG)
    assert key == "VN:67/2006/QH11"
    assert props["number"] == "67/2006/QH11"
    assert props["catalog_url"].startswith("https://") and props["catalog_source"]


def test_abbreviated_law_name_resolves():
    c = cite("Luật Tổ chức HĐND và UBND ngày 26/11/2003", doc_type="Luật", date=dt.date(2003, 11, 26),
             title="Luật Tổ chức HĐND và UBND")
    assert citation_key(c, CM)[0] == "VN:11/2003/QH11"


def test_unknown_law_keeps_a_name_key():
    assert catalog.lookup_by_name("Luật Điện ảnh") is None  # a law the catalog does not know (yet)
    c = cite("Luật Điện ảnh ngày 15/6/2022", doc_type="Luật", date=dt.date(2022, 6, 15),
             title="Luật Điện ảnh")
    assert citation_key(c, KG)[0] == "VN:Luật Điện ảnh:2022"


def test_agencies_belong_to_their_province():
    kg = keys.agency_ref("Sở Thông tin và Truyền thông", "Kiên Giang")
    cm = keys.agency_ref("Sở Thông tin và Truyền thông tỉnh Cà Mau", "Kiên Giang")
    assert kg.key == "agency:Kiên Giang:Sở Thông tin và Truyền thông"
    assert cm.key == "agency:Cà Mau:Sở Thông tin và Truyền thông"
    assert keys.agency_ref("UBND tỉnh Kiên Giang", None).key == keys.agency_ref(
        "Ủy ban nhân dân tỉnh Kiên Giang", "Cà Mau").key


def test_central_bodies_are_national():
    for name in ("Chính phủ", "Thủ tướng Chính phủ", "Bộ Thông tin và Truyền thông", "Quốc hội"):
        assert keys.agency_ref(name, "Cà Mau").key == keys.agency_ref(name, "Kiên Giang").key
        assert keys.agency_ref(name, "Cà Mau").scope == "VN"


def test_item_keys_are_stable_and_ignore_spacing_and_case():
    text = "Tỷ lệ hồ sơ giải quyết trực tuyến trên tổng số hồ sơ giải quyết TTHC của tỉnh đạt từ 20% trở lên"
    a = keys.item_key("Kiên Giang:176/KH-UBND:2019", "target", text)
    b = keys.item_key("Kiên Giang:176/KH-UBND:2019", "target", text.lower().replace(" trực", "  trực"))
    assert a == b
    assert a.startswith("Kiên Giang:176/KH-UBND:2019#target:")


def test_catalog_replacements_carry_dates_and_sources():
    (rep,) = catalog.replacements("VN:11/2003/QH11")
    assert rep.new == "VN:77/2015/QH13"
    assert rep.type == "SUPERSEDES"
    assert rep.date == dt.date(2016, 1, 1)
    assert "11/2003/QH11 hết hiệu lực" in rep.source_quote and rep.source_url.startswith("https://")
    assert [r.new for r in catalog.replacements("VN:43/2011/NĐ-CP")] == ["VN:42/2022/NĐ-CP"]


def test_catalog_picks_the_law_in_force_when_no_date_is_cited():
    name = "Luật Tổ chức chính quyền địa phương"
    assert catalog.lookup_by_name(name, as_of=dt.date(2022, 8, 26)).number == "77/2015/QH13"
    assert catalog.lookup_by_name(name, as_of=dt.date(2025, 4, 1)).number == "65/2025/QH15"
    assert catalog.lookup_by_name("Luật Đầu tư công", as_of=dt.date(2022, 8, 26)).number == "39/2019/QH14"
    # cited in late 2019 without a date: the 2014 law, still in force until the 2019 law took effect
    assert catalog.lookup_by_name("Luật Đầu tư công", as_of=dt.date(2019, 12, 27)).number == "49/2014/QH13"
    assert catalog.lookup("64/2007/NĐ-CP").date == dt.date(2007, 4, 10)


def test_catalog_entries_all_name_a_source():
    cat = catalog.load_catalog()
    assert cat.entries
    assert all(e.source.strip() for e in cat.entries.values())
    assert all(r.source.strip() for r in cat.relations)


# The corpus' own slip: 002 names "Luật Tổ chức chính quyền" (meaning Luật Tổ chức Chính phủ) inside the
# title of the 2019 amending law; no law has that name, so it stays a name key on purpose.
_NOT_A_LAW_NAME = {"luat to chuc chinh quyen"}
# Laws the catalog cannot name yet for lack of a source (graph/loaders/catalog_merge.py reports them):
# Luật Đầu tư công 2014 (49/2014/QH13), cited in 2019 without a date.
_NO_SOURCE_YET = {"luat dau tu cong"}


def _cited_laws():
    from g1_samples import GOLD, gold

    for path in sorted(GOLD.glob("*.json")):
        x = gold(path.stem)
        for doc in x.documents:
            cits = doc.bases + doc.references + [n.doc for n in doc.nested]
            for c in cits:
                if c.doc_type == "Luật":
                    yield path.stem, doc.date, c


def test_catalog_resolves_every_law_the_corpus_cites():
    from graph.text import fold

    seen = 0
    for stem, doc_date, c in _cited_laws():
        name = c.title or c.text
        if fold(name) in _NOT_A_LAW_NAME or fold(name) in _NO_SOURCE_YET:
            continue
        entry = catalog.lookup_by_name(name, c.date, as_of=doc_date)
        assert entry is not None, f"{stem}: {name} ({c.date}) not in the catalog"
        assert entry.doc_type == "Luật" and entry.source
        if c.date:
            assert entry.date == c.date
        seen += 1
    assert seen >= 12


def test_two_amending_laws_of_one_year_are_two_documents():
    """An amending law is named by what it amends: "một số điều" is part of the name, not a number."""
    names = ["Luật sửa đổi, bổ sung một số điều của Luật Giáo dục nghề nghiệp",
             "Luật sửa đổi, bổ sung một số điều của Luật Tiếp cận thông tin"]
    found = {keys.name_key("VN", name, 2023) for name in names}
    assert len(found) == 2 and all("Tiếp cận thông tin" in k or "Giáo dục nghề nghiệp" in k for k in found)
    assert keys.canonical_name("Luật Đất đai số 45/2013/QH13") == "Luật Đất đai"
    assert keys.canonical_name("Luật Đất đai ngày 29 tháng 11 năm 2013") == "Luật Đất đai"
    assert keys.canonical_name("Luật Chuyển đổi số") == "Luật Chuyển đổi số"


@pytest.mark.parametrize(("text", "date", "number"), [
    # two laws of 17/6/2020 in the catalog amend others: each citation finds its own
    ("Luật sửa đổi, bổ sung một số điều của Luật Xây dựng", dt.date(2020, 6, 17), "62/2020/QH14"),
    ("Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và Luật Đê điều",
     dt.date(2020, 6, 17), "60/2020/QH14"),
    # a name with letters lost or glued, among several laws of that day: the one it spells
    ("Luật Tổ chứcHĐND và UBND", dt.date(2003, 11, 26), "11/2003/QH11"),
    ("Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm phát luật", dt.date(2025, 6, 25),
     "87/2025/QH15"),
])
def test_a_law_cited_by_name_and_day_finds_its_own_record(text, date, number):
    same_day = [e for e in catalog.load_catalog().entries.values() if e.doc_type == "Luật" and e.date == date]
    assert len(same_day) > 1  # the day alone does not tell
    entry = catalog.lookup_by_name(text, date)
    assert entry is not None and entry.number == number


def test_a_name_like_no_law_of_that_day_stays_unresolved():
    """Among laws of one day, a name that is not clearly one of them is not given to any."""
    name = "Luật sửa đổi, bổ sung một số điều của Luật Thủy sản"
    assert catalog.lookup_by_name(name, dt.date(2003, 11, 26)) is None
