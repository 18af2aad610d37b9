"""Date forms of the sample corpus: numeric, spaced, spelt, split over lines; impossible dates."""

import datetime as dt

import pytest

from graph.reading.documents.dates import check_date, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Luật Tổ chức chính quyền địa phương ngày 19/6/2015", dt.date(2015, 6, 19)),
        ("Kế hoạch số 176 /KH-UBND ngày 27 / 12 /2019", dt.date(2019, 12, 27)),
        ("ngày 19 tháng 6 năm 2015", dt.date(2015, 6, 19)),
        ("Kiên Giang, ngày 22 tháng 8 năm 2016", dt.date(2016, 8, 22)),
        ("Cà Mau, ngày 26\ntháng 10 năm 2013", dt.date(2013, 10, 26)),
        ("Kế hoạch số 144/KH-UBND ngày 14/09/2018", dt.date(2018, 9, 14)),
        ("Quyết định số 605/QĐ-UBND ngày 07 tháng 3 năm 2008", dt.date(2008, 3, 7)),
    ],
)
def test_date_forms(text, expected):
    assert parse_date(text) == expected
    assert check_date(text) is None


def test_impossible_date_is_none_with_a_reason():
    assert parse_date("ngày 31/02/2017") is None
    assert "31/02/2017" in check_date("ngày 31/02/2017")


def test_no_date():
    assert parse_date("giai đoạn 2016 - 2020") is None
    assert check_date("giai đoạn 2016 - 2020").startswith("no date")


def test_find_dates_spans():
    text = "Ngày 19/11/2001, Ủy ban ban hành; ngày 31/02/2017 sai"
    found = find_dates(text)
    spans = [(text[s:e], d) for s, e, d in found]
    assert spans == [("19/11/2001", dt.date(2001, 11, 19)), ("31/02/2017", None)]
