"""The rules of the meeting cycle: justering and anslag dates, § numbering across a year, open
action items. Plain date arithmetic on the model; nothing here knows about files or Word.

Anslag / bevis: the dates in a protocol's closing block
-------------------------------------------------------

From kommunallagen (2017:725) and lagen (1930:173) om beräkning av lagstadgad tid:

1. **Justering** (5 kap. 69 §, for a nämnd through 6 kap. 35 §): the protocol is adjusted no later
   than 14 days after the meeting. The data gives the day (``adjusted``); without it the library
   uses that last allowed day. A day outside *meeting day … meeting day + 14* is a ``DataError``.
2. **Anslag** (8 kap. 12 §): the notice that the protocol is adjusted is posted on the official
   notice board no later than the second day after justering. The data may give the day
   (``posted``); without it the library posts on the first *weekday* after justering. A day outside
   *justering … justering + 2* is a ``DataError``.
3. **Överklagande** (13 kap. 5 §): an appeal must arrive within three weeks of the posting day, so
   the last day to appeal is the posting day + 21 days.
4. Where a last day (of 1, 2 or 3) falls on a Saturday, a Sunday, another public holiday, or on
   midsommarafton, julafton or nyårsafton, it moves to the next weekday (lagen 1930:173, 2 §).
5. **Nedtagning**: the notice stays posted until the appeal period has run out (8 kap. 12 §), so it
   is taken down on the day after the last day to appeal.

>>> import datetime as dt
>>> dates = notice_board_dates(dt.date(2025, 2, 10), adjusted=dt.date(2025, 2, 14))
>>> dates.posted, dates.appeal_ends, dates.taken_down
(datetime.date(2025, 2, 17), datetime.date(2025, 3, 10), datetime.date(2025, 3, 11))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from attrs import frozen
from dateutil.easter import EASTER_WESTERN, easter

from trygga_docs.errors import DataError, data_path

ADJUSTMENT_DAYS = 14
"""Justering no later than this many days after the meeting (KL 5 kap. 69 §)."""
NOTICE_BOARD_DAYS = 2
"""Anslag no later than this many days after justering (KL 8 kap. 12 §)."""
APPEAL_DAYS = 21
"""Three weeks to appeal from the posting day (KL 13 kap. 5 §)."""

_DAY = dt.timedelta(days=1)


def easter_sunday(year: int) -> dt.date:
    """Påskdagen (the Gregorian Easter Sunday, as dateutil computes it).

    >>> easter_sunday(2025), easter_sunday(2019)
    (datetime.date(2025, 4, 20), datetime.date(2019, 4, 21))
    """
    return easter(year, EASTER_WESTERN)


def _saturday_between(year: int, month: int, first: int, last_month: int, last: int) -> dt.date:
    day = dt.date(year, month, first)
    while day.weekday() != 5:
        day += _DAY
    assert day <= dt.date(year, last_month, last)
    return day


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[dt.date]:
    """Allmänna helgdagar (lagen 1989:253) other than the ordinary Sundays, plus the three eves
    that lagen (1930:173) treats like them: midsommarafton, julafton and nyårsafton. The law as it
    stands since 2005, when Sveriges nationaldag replaced annandag pingst, for every year.

    >>> sorted(d.isoformat() for d in public_holidays(2025))[:4]
    ['2025-01-01', '2025-01-06', '2025-04-18', '2025-04-20']
    """
    easter = easter_sunday(year)
    midsummer_day = _saturday_between(year, 6, 20, 6, 26)
    return frozenset({
        dt.date(year, 1, 1),                       # nyårsdagen
        dt.date(year, 1, 6),                       # trettondedag jul
        easter - 2 * _DAY,                         # långfredagen
        easter,                                    # påskdagen
        easter + _DAY,                             # annandag påsk
        dt.date(year, 5, 1),                       # första maj
        easter + 39 * _DAY,                        # Kristi himmelsfärdsdag
        easter + 49 * _DAY,                        # pingstdagen
        dt.date(year, 6, 6),                       # Sveriges nationaldag
        midsummer_day - _DAY,                      # midsommarafton
        midsummer_day,                             # midsommardagen
        _saturday_between(year, 10, 31, 11, 6),    # alla helgons dag
        dt.date(year, 12, 24),                     # julafton
        dt.date(year, 12, 25),                     # juldagen
        dt.date(year, 12, 26),                     # annandag jul
        dt.date(year, 12, 31),                     # nyårsafton
    })


def is_weekday(day: dt.date) -> bool:
    """A vardag in the sense of lagen (1930:173): not Saturday, Sunday, holiday or the three eves.

    >>> is_weekday(dt.date(2025, 6, 20)), is_weekday(dt.date(2025, 6, 23))
    (False, True)
    """
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_weekday(day: dt.date) -> dt.date:
    """``day`` itself when it is a weekday, else the first weekday after it (lagen 1930:173).

    >>> next_weekday(dt.date(2025, 12, 24))
    datetime.date(2025, 12, 29)
    """
    while not is_weekday(day):
        day += _DAY
    return day


def adjustment_deadline(meeting_date: dt.date) -> dt.date:
    """The last day the protocol may be adjusted: 14 days after the meeting, moved to a weekday.

    >>> adjustment_deadline(dt.date(2025, 2, 10))
    datetime.date(2025, 2, 24)
    """
    return next_weekday(meeting_date + ADJUSTMENT_DAYS * _DAY)


def notice_board_deadline(adjusted: dt.date) -> dt.date:
    """The last day the adjustment may be posted: the second day after justering, moved to a weekday.

    >>> notice_board_deadline(dt.date(2025, 2, 14))  # a Friday: Sunday moves to Monday
    datetime.date(2025, 2, 17)
    """
    return next_weekday(adjusted + NOTICE_BOARD_DAYS * _DAY)


@frozen
class NoticeBoardDates:
    """Anslag / bevis: the dates of a protocol's adjustment notice."""

    adjusted: dt.date
    """Justeringsdag."""
    posted: dt.date
    """Datum då anslaget sätts upp."""
    appeal_ends: dt.date
    """Sista dag för överklagande (laglighetsprövning)."""
    taken_down: dt.date
    """Datum då anslaget tas ned."""


def notice_board_dates(meeting_date: dt.date, *, adjusted: dt.date | None = None,
                       posted: dt.date | None = None) -> NoticeBoardDates:
    """The anslag dates of a protocol by the rules in this module's docstring.

    Raises ``DataError`` (path ``adjusted`` or ``posted``) when a given day breaks the law's limits.

    >>> d = notice_board_dates(dt.date(2025, 2, 10))  # no justering day given: the last allowed day
    >>> d.adjusted, d.posted, d.taken_down
    (datetime.date(2025, 2, 24), datetime.date(2025, 2, 25), datetime.date(2025, 3, 19))
    """
    deadline = adjustment_deadline(meeting_date)
    if adjusted is None:
        adjusted = deadline
    elif not meeting_date <= adjusted <= deadline:
        raise DataError(f"the protocol is adjusted on {adjusted.isoformat()}, but justering must "
                        f"happen from the meeting day ({meeting_date.isoformat()}) to no later than "
                        f"{deadline.isoformat()}, 14 days after it (kommunallagen 5 kap. 69 §)",
                        path="adjusted")
    last_notice_day = notice_board_deadline(adjusted)
    if posted is None:
        posted = next_weekday(adjusted + _DAY)
    elif not adjusted <= posted <= last_notice_day:
        raise DataError(f"the anslag is posted on {posted.isoformat()}, but it must be posted from "
                        f"the day of justering ({adjusted.isoformat()}) to no later than "
                        f"{last_notice_day.isoformat()}, the second day after it "
                        f"(kommunallagen 8 kap. 12 §)", path="posted")
    appeal_ends = next_weekday(posted + APPEAL_DAYS * _DAY)
    return NoticeBoardDates(adjusted=adjusted, posted=posted, appeal_ends=appeal_ends,
                        taken_down=appeal_ends + _DAY)


# ---------------------------------------------------------------------------------------------
# § numbering


@frozen
class Numbering:
    """The numbers of one meeting's items, or why they could not be given."""

    numbers: tuple[int, ...] = ()
    error: DataError | None = None


def number_items(explicit: Sequence[int | None], *, start: int) -> tuple[int, ...]:
    """Numbers for a meeting's items: an item's own number where given, else one more than the
    item before; the first item without a number gets ``start``.

    >>> number_items([None, None, 7, None], start=3)
    (3, 4, 7, 8)
    >>> number_items([2, 2], start=1)
    Traceback (most recent call last):
    ...
    trygga_docs.errors.DataError: items[1].number: § 2 is given twice (also at items[0]); each item of a meeting has its own number
    """
    numbers: list[int] = []
    for i, number in enumerate(explicit):
        if number is None:
            number = numbers[-1] + 1 if numbers else start
        elif number in numbers:
            raise DataError(f"§ {number} is given twice (also at items[{numbers.index(number)}]); "
                            f"each item of a meeting has its own number",
                            path=data_path("items", i, "number"))
        elif numbers and number < numbers[-1]:
            raise DataError(f"§ {number} comes after § {numbers[-1]}; the items of a meeting are "
                            f"numbered in rising order", path=data_path("items", i, "number"))
        numbers.append(number)
    return tuple(numbers)


def running_numbers(meetings: Sequence[tuple[int | None, Sequence[int | None]]]
                    ) -> list[Numbering]:
    """§ numbers that run on across the meetings of one body in one year, in meeting order.

    Each meeting is ``(first_paragraph, explicit item numbers)``. A meeting starts at its
    ``first_paragraph`` or its first item's own number when given, else one after the previous
    meeting's last §, else at 1. A § already used earlier in the year is an error for that meeting;
    the meetings after it go on from the highest § seen.

    >>> [n.numbers for n in running_numbers([(None, [None, None]), (None, [None]), (10, [None])])]
    [(1, 2), (3,), (10,)]
    >>> [str(n.error) for n in running_numbers([(None, [None, None]), (2, [None])])][1]
    'first_paragraph: § 2 was already used at an earlier meeting this year (§ 1–2); start this meeting at § 3 or later'
    """
    results: list[Numbering] = []
    last = 0
    for first, explicit in meetings:
        try:
            numbers = number_items(explicit, start=first if first is not None else last + 1)
        except DataError as exc:
            results.append(Numbering(error=exc))
            continue
        if numbers and numbers[0] <= last:
            clash = next(i for i, n in enumerate(numbers) if n <= last)
            used = f"§ {min(n for r in results for n in r.numbers)}–{last}" if last else ""
            results.append(Numbering(error=DataError(
                f"§ {numbers[clash]} was already used at an earlier meeting this year ({used}); "
                f"start this meeting at § {last + 1} or later",
                path=data_path("items", clash, "number")
                if explicit[clash] is not None or first is None
                else "first_paragraph")))
            continue
        results.append(Numbering(numbers=numbers))
        if numbers:
            last = numbers[-1]
    return results
