"""Swedish formatting, checked against exact strings."""

import datetime as dt

import pytest

from trygga_docs import text

NBSP = "\u00a0"


@pytest.mark.parametrize(("function", "value", "expected"), [
    (text.iso_date, dt.date(2019, 11, 25), "2019-11-25"),
    (text.long_date, dt.date(2019, 11, 25), "25 november 2019"),
    (text.long_date, dt.date(2020, 1, 1), "1 januari 2020"),
    (text.weekday_date, dt.date(2020, 3, 2), "måndagen den 2 mars"),
    (text.weekday_date, dt.date(2019, 11, 30), "lördagen den 30 november"),
    (text.month_name, 8, "augusti"),
])
def test_dates_read_as_a_swedish_secretary_writes_them(function, value, expected):
    assert function(value) == expected


def test_weekday_date_can_carry_the_year():
    assert text.weekday_date(dt.date(2019, 11, 25), year=True) == "måndagen den 25 november 2019"


def test_time_spans_use_an_en_dash_and_the_house_separator():
    assert text.time_span(dt.time(9), dt.time(11)) == "09.00–11.00"
    assert text.time_span(dt.time(9), dt.time(11, 30), separator=":") == "09:00–11:30"
    assert text.clock(dt.time(15)) == "15.00"


def test_date_spans():
    assert text.date_span(dt.date(2016, 12, 22), dt.date(2019, 12, 31)) == "2016-12-22–2019-12-31"
    assert (text.long_date_span(dt.date(2016, 12, 22), dt.date(2019, 12, 31))
            == "22 december 2016 – 31 december 2019")
    assert text.long_date_span(dt.date(2019, 1, 1), dt.date(2019, 12, 31)) == "1 januari – 31 december 2019"


def test_numbers_have_a_decimal_comma_and_space_grouping():
    assert text.decimal(1.81) == "1,81"
    assert text.decimal(12345.5) == f"12{NBSP}345,5"
    assert text.decimal(2, digits=1) == "2,0"


def test_percent_has_a_space_before_the_sign():
    assert text.percent(83.2) == f"83,2{NBSP}%"
    assert text.percent(50) == f"50{NBSP}%"


def test_lists_end_with_och():
    assert text.join_list(["polisen", "kommunen", "HFAB"]) == "polisen, kommunen och HFAB"
    assert text.join_list(["polisen", "kommunen"]) == "polisen och kommunen"
    assert text.join_list(["polisen"]) == "polisen"
    assert text.join_list([]) == ""
    assert text.join_list(["a", "b", "c"], conjunction="eller") == "a, b eller c"


def test_small_numbers_are_written_as_words():
    assert text.number_words(12) == "tolv"
    assert text.number_words(1) == "en"
    assert text.number_words(1, neuter=True) == "ett"
    assert text.count_words(4) == "fyra"
    assert text.count_words(24) == "24"
    assert text.ordinal_words(3) == "tredje"


def test_role_names_change_case_in_running_text_but_acronyms_do_not():
    assert text.lower_first("Kommunpolis") == "kommunpolis"
    assert text.lower_first("VD HFAB") == "VD HFAB"
    assert text.upper_first("kommunpolis") == "Kommunpolis"


def test_every_filter_is_a_text_function():
    assert text.FILTERS["long_date"] is text.long_date
    assert {"iso_date", "time_span", "percent", "join_list"} <= set(text.FILTERS)


def test_a_date_in_a_title_does_not_break_across_lines():
    assert text.unbroken_iso_date(dt.date(2019, 11, 25)) == "2019\u201111\u201125"
