"""The holidays that move a protocol's last days (lagen 1930:173) are Sweden's, cross-checked with
the ``holidays`` package for 2000–2040."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from dateutil.easter import easter

from trygga_docs.model.meeting_rules import easter_sunday, public_holidays

YEARS = range(2000, 2041)


def _swedish_calendar(year: int) -> set[dt.date]:
    """holidays' allmänna helgdagar of ``year`` plus the three eves lagen (1930:173) adds.

    ``include_sundays=False``: holidays can list every Sunday (older versions did by default),
    which public_holidays leaves to the weekday test. The eves are derived here rather than taken
    from holidays' DE_FACTO category, which its older versions do not have.
    """
    official = holidays.Sweden(years=year, include_sundays=False)
    [midsummer_day] = [d for d in official if d.month == 6 and d.day >= 20 and d.weekday() == 5]
    return set(official) | {midsummer_day - dt.timedelta(days=1), dt.date(year, 12, 24),
                            dt.date(year, 12, 31)}


@pytest.mark.parametrize("year", [y for y in YEARS if y >= 2005])
def test_public_holidays_are_swedens_holidays_and_the_three_eves(year):
    assert public_holidays(year) == _swedish_calendar(year)


@pytest.mark.parametrize("year", [y for y in YEARS if y < 2005])
def test_before_2005_only_nationaldagen_and_annandag_pingst_differ(year):
    # Until 2004 annandag pingst was a holiday and 6 June was not (lagen 1989:253 as amended for
    # 2005). holidays keeps that history; public_holidays applies today's law to every year, since
    # the dates it moves are those of current meetings.
    ours, theirs = public_holidays(year), _swedish_calendar(year)
    annandag_pingst = easter_sunday(year) + dt.timedelta(days=50)
    assert ours - theirs == {dt.date(year, 6, 6)}
    assert theirs - ours == {annandag_pingst}


def test_easter_is_dateutils_western_easter():
    assert all(easter_sunday(year) == easter(year) for year in range(1900, 2200))
    assert easter_sunday(2024) == dt.date(2024, 3, 31) and easter_sunday(2038) == dt.date(2038, 4, 25)
