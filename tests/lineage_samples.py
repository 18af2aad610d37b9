"""Small lineage graphs built from the sample corpus's real values, for the store tests.

Built with ``merge_node`` / ``merge_edge`` (not the extraction), so the Neo4j tests do not depend on
the extraction being right; the provenance is the corpus line that states each relationship.
"""

from __future__ import annotations

from pathlib import Path

from graph import vocabulary as vocab
from graph.lineage_graph import Graph, merge_edge, merge_node, new_graph

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "data" / "corpus"


def corpus_line(file_prefix: str, words: str) -> tuple[str, int, str]:
    """(file name, 1-based line, the line's text) of the first line of a corpus file containing ``words``."""
    (path,) = CORPUS.glob(f"{file_prefix}_*.txt")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if words in line:
            return path.name, number, line.strip()
    raise LookupError(f"{words!r} not in {path.name}")


def _provenance(file_prefix: str, words: str) -> dict:
    source, line, text = corpus_line(file_prefix, words)
    return {"source": source, "line": line, "text": text}


def kien_giang_graph() -> Graph:
    """Kiên Giang's 2022 strategy, its 2020 plan, and the central documents they rest on."""
    g = new_graph()
    doc, basis = (vocab.DOCUMENT,), (vocab.DOCUMENT, vocab.LEGAL_BASIS)
    strategy, plan = "kien-giang/2022/chuyen-doi-so", "kien-giang/2020/ke-hoach-cntt"
    merge_node(g, strategy, doc, doc_type="Quyết định", province="Kiên Giang", level=vocab.PROVINCIAL,
               title="Chiến lược chuyển đổi số tỉnh Kiên Giang đến năm 2025, định hướng đến năm 2030",
               source=corpus_line("002", "Căn cứ")[0])
    merge_node(g, plan, doc, doc_type="Kế hoạch", province="Kiên Giang", level=vocab.PROVINCIAL,
               title="Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước "
                     "tỉnh Kiên Giang",
               source=corpus_line("001", "KẾ HOẠCH")[0])
    merge_node(g, "vn/749/2020/QĐ-TTg", basis, number="749/QĐ-TTg", doc_type="Quyết định",
               issuer="Thủ tướng Chính phủ", level=vocab.CENTRAL, date="2020-06-03",
               title="Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030")
    merge_node(g, "vn/50/2020/NQ-CP", basis, number="50/NQ-CP", doc_type="Nghị quyết", issuer="Chính phủ",
               level=vocab.CENTRAL, date="2020-04-17")
    merge_node(g, "party/52/2019/NQ-TW", basis, number="52-NQ/TW", doc_type="Nghị quyết",
               issuer="Bộ Chính trị", level=vocab.PARTY, date="2019-09-27")
    merge_node(g, "vn/64/2007/NĐ-CP", basis, number="64/2007/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ",
               level=vocab.CENTRAL, date="2007-04-10",
               title="về ứng dụng CNTT trong hoạt động của cơ quan nhà nước")
    merge_node(g, "kien-giang/1891/2016/QĐ-UBND", doc, number="1891/QĐ-UBND", doc_type="Quyết định",
               province="Kiên Giang", level=vocab.PROVINCIAL, date="2016-08-22")
    merge_node(g, "agency/kien-giang/so-tttt", (vocab.AGENCY,), name="Sở Thông tin và Truyền thông",
               province="Kiên Giang")
    merge_node(g, "project/kien-giang/2020/trung-tam-du-lieu", (vocab.PROJECT,),
               name="Đầu tư nâng cấp, mở rộng Trung tâm dữ liệu tỉnh Kiên Giang phục vụ triển khai "
                    "Chính quyền điện tử tỉnh", budget=25_000_000_000, period=[2021, 2025])
    merge_node(g, "target/kien-giang/2016/dvc-muc-4", (vocab.TARGET,), metric="dịch vụ công mức độ 4",
               value=50.0, unit="%", year=2020)

    merge_edge(g, strategy, "vn/749/2020/QĐ-TTg", vocab.CAN_CU, **_provenance("002", "749/QĐ-TTg"))
    merge_edge(g, strategy, "vn/50/2020/NQ-CP", vocab.CAN_CU, **_provenance("002", "50/NQ-CP"))
    merge_edge(g, strategy, "party/52/2019/NQ-TW", vocab.CAN_CU, **_provenance("002", "52-NQ/TW"))
    merge_edge(g, "vn/50/2020/NQ-CP", "party/52/2019/NQ-TW", vocab.THUC_HIEN,
               **_provenance("002", "thực hiện Nghị quyết số 52-NQ/TW"))
    merge_edge(g, plan, "vn/64/2007/NĐ-CP", vocab.CAN_CU, **_provenance("001", "64/2007/NĐ-CP"))
    merge_edge(g, plan, "kien-giang/1891/2016/QĐ-UBND", vocab.DAN_CHIEU, **_provenance("001", "1891/QĐ-UBND"))
    merge_edge(g, "agency/kien-giang/so-tttt", "project/kien-giang/2020/trung-tam-du-lieu", vocab.CHU_TRI,
               **_provenance("001", "Trung tâm dữ liệu tỉnh Kiên Giang"))
    merge_edge(g, plan, "project/kien-giang/2020/trung-tam-du-lieu", vocab.GOM,
               **_provenance("001", "Trung tâm dữ liệu tỉnh Kiên Giang"))
    merge_edge(g, plan, "target/kien-giang/2016/dvc-muc-4", vocab.DE_RA, **_provenance("000", "mức độ 4"))
    merge_edge(g, "agency/kien-giang/so-tttt", plan, vocab.PHOI_HOP,
               **_provenance("001", "Sở Thông tin và Truyền thông"))
    return g


def chain_graph(documents: int, fan_out: int = 3) -> Graph:
    """``documents`` provincial documents each citing up to ``fan_out`` earlier ones (CĂN_CỨ), a DAG."""
    g = new_graph()
    for i in range(documents):
        merge_node(g, f"doc/{i}", (vocab.DOCUMENT,), number=f"{i}/QĐ-UBND", province="Kiên Giang",
                   title=f"Quyết định số {i}/QĐ-UBND về việc phê duyệt Kế hoạch ứng dụng CNTT")
        for j in range(1, fan_out + 1):
            if i - j >= 0:
                merge_edge(g, f"doc/{i}", f"doc/{i - j}", vocab.CAN_CU, source="synthetic.txt", line=i,
                           text=f"Căn cứ Quyết định số {i - j}/QĐ-UBND")
    return g
