"""Coordinators of a lead: "Giao Sở A chủ trì, phối hợp với Sở B, Sở C ..." -> B and C coordinate (PHỐI_HỢP).

On the sample corpus (``graph/data/corpus``) through the real pipeline, then on sentences of it written
in the other ways documents write the same thing ("chủ trì và phối hợp với", "phối hợp cùng", lists with
"và" and ";"). Vague groups ("các sở, ngành liên quan", "các đơn vị có liên quan") are not coordinators,
as they are not assignees; named groups ("UBND các huyện, thành phố") are.
"""

from __future__ import annotations

import json

import pytest
from query_samples import CORPUS, corpus_graph

from graph.queries.agency import agency
from graph.queries.embedded_backend import EmbeddedBackend
from graph.reading.extract import extract_file
from graph.reading.tasks.assignments import read_assignments
from graph.reading.text.prepared import PreparedText
from graph.vocabulary import PHOI_HOP

TTTT = "Sở Thông tin và Truyền thông"


def _leads(name: str) -> dict[int | None, list]:
    """The lead assignments of a corpus file by line."""
    out: dict[int | None, list] = {}
    for d in extract_file(CORPUS / name).documents:
        for a in d.assignments:
            if a.role == "lead":
                out.setdefault(a.line, []).append(a)
    return out


def test_coordinators_of_the_samples():
    kg_2022 = _leads("002_e2aa40ccf522044b.txt")
    # "- Chủ trì, phối hợp với Sở Nội vụ, Sở Thông tin và Truyền thông hướng dẫn ..." (Văn phòng UBND tỉnh)
    [vp] = kg_2022[167]
    assert (vp.agency, vp.coordinators) == ("Văn phòng UBND tỉnh", ["Sở Nội vụ", TTTT])
    # "Chủ trì, chủ động phối hợp với Sở TT&TT và các đơn vị, địa phương ...": three leads, one partner
    assert {tuple(a.coordinators) for a in kg_2022[180]} == {(TTTT,)}
    kg_2020 = _leads("001_a7c64b5b7379c419.txt")
    # named groups are coordinators; "và các đơn vị có liên quan" is not
    assert kg_2020[464][0].coordinators == ["Các sở, ban, ngành", "UBND các huyện, thành phố"]
    assert kg_2020[484][0].coordinators == [TTTT]
    # "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các ngành có liên quan ...": none named
    assert all(not a.coordinators for a in _leads("003_a7a611ee86822b52.txt")[36])


def test_assignments_without_coordinators_are_written_as_before():
    [lead] = _leads("002_e2aa40ccf522044b.txt")[164]  # "- Chủ trì tổ chức triển khai thực hiện Kế hoạch"
    assert "coordinators" not in json.loads(lead.model_dump_json())


def test_coordinators_coordinate_the_task_in_the_graph():
    backend = EmbeddedBackend(corpus_graph())
    r = agency(backend, "Sở Nội vụ", "Kiên Giang")
    coordinated = [x.task or "" for x in r.roles
                   if x.role == PHOI_HOP and x.document and x.document.number == "2174/QĐ-UBND"]
    # the task of Văn phòng UBND tỉnh (line 167), which Sở Nội vụ is told to work on with it
    assert any("tái cấu trúc quy trình nghiệp vụ" in task for task in coordinated)


def _coordinators(text: str) -> dict[str, list[str]]:
    prep = PreparedText.identity("test.txt", text)
    return {a.agency: a.coordinators for a in read_assignments(prep, 0, len(text), "Kiên Giang")
            if a.role == "lead"}


@pytest.mark.parametrize("sentence", [
    "Giao Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Nội vụ, Sở Thông tin và Truyền thông hướng dẫn các "
    "đơn vị, địa phương thực hiện cải cách hành chính.",
    "Giao Văn phòng UBND tỉnh chủ trì và phối hợp với Sở Nội vụ và Sở Thông tin và Truyền thông hướng dẫn "
    "các đơn vị, địa phương thực hiện cải cách hành chính.",
    "Giao Văn phòng UBND tỉnh chủ trì, phối hợp cùng Sở Nội vụ, Sở Thông tin và Truyền thông, các sở, "
    "ngành liên quan hướng dẫn các đơn vị, địa phương thực hiện cải cách hành chính.",
    "Giao Văn phòng UBND tỉnh chủ trì, phối hợp với: Sở Nội vụ; Sở Thông tin và Truyền thông; các đơn vị "
    "có liên quan.",
], ids=["comma-voi", "va-voi-va", "cung-generic", "semicolons"])
def test_forms_of_the_partner_list(sentence):
    assert _coordinators(sentence + "\n") == {"Văn phòng UBND tỉnh": ["Sở Nội vụ", TTTT]}


def test_what_is_not_a_partner():
    # "chủ trì, phối hợp, hướng dẫn các sở ..." (file 001): the bodies are guided, not partners
    assert _coordinators("4. Sở Thông tin và Truyền thông\n- Chủ trì, phối hợp, hướng dẫn các sở, ngành "
                         "tỉnh có liên quan lập các dự án, kế hoạch chi tiết.\n") == {TTTT: []}
    # a coordinator's own clause: the body it works with leads, it is no partner of anyone
    assert _coordinators("Sở Tài chính phối hợp với Sở Thông tin và Truyền thông cân đối kinh phí.\n") == {}
    # the list ends where the task begins, even when the task names a body
    assert _coordinators("Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu Ủy ban nhân dân tỉnh "
                         "bố trí biên chế.\n") == {"Sở Nội vụ": ["Sở Tài chính"]}
