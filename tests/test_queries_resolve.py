"""Document references: numbers, keys, words of the title; ambiguous, unknown, empty store."""

from __future__ import annotations

import pytest
from query_samples import corpus_graph

from graph.errors import AmbiguousError, NotFoundError
from graph.lineage_graph import merge_node, new_graph
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.find import find
from graph.queries.resolve import resolve
from graph.vocabulary import DOCUMENT, PROVINCIAL


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


@pytest.mark.parametrize("reference", ["749/QĐ-TTg", "749/qd-ttg", "749/QD-TTG", "  749/QĐ-TTg "])
def test_number_as_printed_or_without_diacritics(backend, reference):
    d = resolve(backend, reference)
    assert (d.number, d.date, d.issuer) == ("749/QĐ-TTg", "2020-06-03", "Thủ tướng Chính phủ")


def test_number_without_its_code_and_party_numbers():
    g = corpus_graph()
    b = EmbeddedBackend(g)
    assert resolve(b, "1891").number == "1891/QĐ-UBND"
    assert resolve(b, "52").number == "52-NQ/TW"  # "52-NQ/TW": the code follows a dash


def test_key_is_accepted(backend):
    d = resolve(backend, "2174")
    assert resolve(backend, d.key) == d


def test_title_words_insensitive_to_diacritics_and_case(backend):
    matches = find(backend, "chuyen doi so kien giang").matches
    numbers = [m.number for m in matches]
    assert numbers[0] == "2174/QĐ-UBND"  # read in full, so listed first
    assert "186/KH-UBND" in numbers  # only cited, title "Kế hoạch chuyển đổi số tỉnh Kiên Giang ..."
    assert all(m.province == "Kiên Giang" for m in matches)
    assert find(backend, "CHUYỂN ĐỔI SỐ Kiên Giang").matches == matches


def test_ambiguous_reference_lists_the_candidates(backend):
    with pytest.raises(AmbiguousError) as err:
        resolve(backend, "chuyen doi so kien giang")
    assert "2174/QĐ-UBND" in str(err.value) and "186/KH-UBND" in str(err.value)
    assert "province" in err.value.hint


def test_same_number_in_two_provinces_is_ambiguous_until_narrowed():
    g = corpus_graph()
    merge_node(g, "Cà Mau:1891/QĐ-UBND:2016", (DOCUMENT,), number="1891/QĐ-UBND", province="Cà Mau",
               level=PROVINCIAL, issuer="UBND tỉnh Cà Mau", date="2016-10-03")
    b = EmbeddedBackend(g)
    with pytest.raises(AmbiguousError):
        resolve(b, "1891/QĐ-UBND")
    assert resolve(b, "1891/QĐ-UBND Kiên Giang").province == "Kiên Giang"
    assert resolve(b, "1891/QĐ-UBND ca mau").province == "Cà Mau"


def test_unknown_number_suggests_close_ones(backend):
    with pytest.raises(NotFoundError) as err:
        resolve(backend, "749/QĐ-TT")
    assert "749/QĐ-TTg" in err.value.hint and err.value.hint.startswith("did you mean")
    assert err.value.exit_code == 1


def test_empty_store_says_ingest_first():
    with pytest.raises(NotFoundError) as err:
        resolve(EmbeddedBackend(new_graph()), "2174")
    assert "lineage ingest" in err.value.hint
