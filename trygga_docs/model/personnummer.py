"""Personnummer and samordningsnummer in running text: found, checked and masked.

A Swedish personal identity number is ``YYMMDD-NNNC`` (or with the century, ``YYYYMMDD-NNNC``;
the separator may be left out, and ``+`` marks a person over a hundred years old). A
samordningsnummer is the same with 60 added to the day. ``C`` is a Luhn check digit over the ten
digits ``YYMMDDNNN``, so an order number or a phone number that merely has the shape is rarely
taken for one. Such numbers never go on the web: ``check`` and ``render`` warn about them, the
public version masks them, and a file name that holds one is refused (it cannot be masked).

>>> [hit.kind for hit in find("Född 19121212-1212, även 121272-1219.")]
['personnummer', 'samordningsnummer']
>>> mask("Personnummer 1212121212 och telefon 0413-28000.")
'Personnummer XXXXXXXXXX och telefon 0413-28000.'
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from attrs import frozen

_NUMBER = r"((?:18|19|20)?)(\d{2})(\d{2})(\d{2})([-+ ]?)(\d{3})(\d)"
_CANDIDATE = re.compile(r"(?<![\w/.-])" + _NUMBER + r"(?![\w/-])")
"""Ten or twelve digits shaped like an identity number, standing apart in running text (not
inside a case number such as ``KS 2025/…``); checked further by ``_kind``."""
_IN_NAME = re.compile(r"(?<!\d)" + _NUMBER + r"(?!\d)")
"""The same in a file name, where ``-`` and ``_`` join the parts of the name."""

MASK = "X"
"""What every digit of a masked number becomes."""


@frozen
class IdentityNumber:
    """A personnummer or samordningsnummer found in a text."""

    text: str
    """As written: ``19121212-1212``."""
    start: int
    end: int
    kind: str
    """``personnummer`` or ``samordningsnummer``."""


def luhn_ok(digits: str) -> bool:
    """The Luhn check over ``YYMMDDNNNC``, as the Swedish Tax Agency computes it.

    >>> luhn_ok("1212121212"), luhn_ok("1212121213")
    (True, False)
    """
    total = 0
    for i, char in enumerate(digits):
        n = int(char) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _date_exists(century: str, yy: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    # without the century the year is unknown: 29 February counts when some century has it
    years = [int(century) * 100 + yy] if century else [1900 + yy, 2000 + yy]
    return any(1 <= day <= calendar.monthrange(year, month)[1] for year in years)


def _kind(match: re.Match[str]) -> str | None:
    century, yy, mm, dd, _, serial, check = match.groups()
    day = int(dd)
    kind = "personnummer"
    if day > 60:
        day -= 60
        kind = "samordningsnummer"
    if not _date_exists(century, int(yy), int(mm), day):
        return None
    if not luhn_ok(yy + mm + dd + serial + check):
        return None
    return kind


def find(text: str, *, file_name: bool = False) -> list[IdentityNumber]:
    """Every valid personnummer and samordningsnummer in ``text``, in order; ``file_name``
    also finds one joined to other parts of a name with ``-`` or ``_``.

    >>> [n.text for n in find("Ärende 20250317-0001, pnr 20121212-1212, tel 070-123 45 67")]
    ['20121212-1212']
    >>> [n.text for n in find("bilagor/utredning-19121212-1212.pdf", file_name=True)]
    ['19121212-1212']
    """
    return list(_find(text, _IN_NAME if file_name else _CANDIDATE))


def _find(text: str, pattern: re.Pattern[str]) -> Iterator[IdentityNumber]:
    if not any(c.isdigit() for c in text):
        return
    for match in pattern.finditer(text):
        kind = _kind(match)
        if kind is not None:
            yield IdentityNumber(text=match.group(0), start=match.start(), end=match.end(),
                                 kind=kind)


def mask(text: str) -> str:
    """``text`` with the digits of every identity number in it replaced by ``X``; the rest, and
    the separator, as written.

    >>> mask("19121212-1212")
    'XXXXXXXX-XXXX'
    """
    hits = find(text)
    if not hits:
        return text
    out, last = [], 0
    for hit in hits:
        out.append(text[last:hit.start])
        out.append(re.sub(r"\d", MASK, hit.text))
        last = hit.end
    out.append(text[last:])
    return "".join(out)
