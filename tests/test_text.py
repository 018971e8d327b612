"""Swedish formatting, checked against exact strings."""

import datetime as dt

import pytest

from trygga_docs import text

NBSP = "\u00a0"
"""The no-break space: between day and month, after §, before % and in groups of digits."""


@pytest.mark.parametrize(("function", "value", "expected"), [
    (text.iso_date, dt.date(2019, 11, 25), "2019-11-25"),
    (text.long_date, dt.date(2019, 11, 25), f"25{NBSP}november 2019"),
    (text.long_date, dt.date(2020, 1, 1), f"1{NBSP}januari 2020"),
    (text.weekday_date, dt.date(2020, 3, 2), f"måndagen den 2{NBSP}mars"),
    (text.weekday_date, dt.date(2019, 11, 30), f"lördagen den 30{NBSP}november"),
    (text.month_name, 8, "augusti"),
])
def test_dates_read_as_a_swedish_secretary_writes_them(function, value, expected):
    assert function(value) == expected


def test_weekday_date_can_carry_the_year():
    assert text.weekday_date(dt.date(2019, 11, 25), year=True) == f"måndagen den 25{NBSP}november 2019"


def test_every_written_date_binds_its_day_to_its_month():
    assert text.written_date(dt.date(2026, 2, 12)) == f"12{NBSP}februari 2026"
    assert text.written_date(dt.date(2026, 2, 12), year=False) == f"12{NBSP}februari"
    assert text.day_month(dt.date(2026, 2, 12)) == f"12{NBSP}februari"


def test_a_paragraph_sign_is_bound_to_its_number():
    assert text.paragraph_sign(12) == f"§{NBSP}12"
    assert text.paragraph_span([3, 4, 5]) == f"§§{NBSP}3–\u20605"


def test_the_typography_rules_find_what_breaks_them_and_nothing_the_library_writes():
    assert [rule for rule, _ in text.typography_faults(
        "§ 12, den 12 februari, 1.5 timmar, 40% och 40 %, kl. 09.00")] == [
        "after kl.", "after §", "between day and month", "decimal point",
        "no no-break space before %", "no no-break space before %"]
    written = (f"{text.paragraph_sign(12)}, den {text.long_date(dt.date(2026, 2, 12))}, "
               f"{text.decimal(1.5)} timmar, {text.percent(40)}, {text.at_clock('09.00')}, "
               f"{text.decimal(12345.5)}, 2025-03-17, 09.00–11.30, OSL 26 kap. 1 §")
    assert text.typography_faults(written) == []
    assert text.typography_faults("3.12 Kommunikationsstrategi") == []  # a section's number


def test_time_spans_use_an_en_dash_and_the_house_separator():
    assert text.time_span(dt.time(9), dt.time(11)) == "09.00–11.00"
    assert text.time_span(dt.time(9), dt.time(11, 30), separator=":") == "09:00–11:30"
    assert text.clock(dt.time(15)) == "15.00"


def test_date_spans():
    assert text.date_span(dt.date(2016, 12, 22), dt.date(2019, 12, 31)) == "2016-12-22–2019-12-31"
    assert (text.long_date_span(dt.date(2016, 12, 22), dt.date(2019, 12, 31))
            == f"22{NBSP}december 2016 – 31{NBSP}december 2019")
    assert text.long_date_span(dt.date(2019, 1, 1), dt.date(2019, 12, 31)) == \
        f"1{NBSP}januari – 31{NBSP}december 2019"


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
