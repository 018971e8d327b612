"""Swedish text: dates, times, numbers, percentages and lists, on top of babel.

Every locale-dependent string in a document comes from here. The same functions are the Jinja
filters a template may use (see ``FILTERS``), so a municipality's own template formats the same way.

Generated text follows Swedish typography (Svenska skrivregler): a no-break space between a day
and its month and after *§*, a decimal comma, and a no-break space before *%*. Text the data
brings is never changed: these rules apply only to what the library writes.

>>> from datetime import date, time
>>> long_date(date(2019, 11, 25)) == "25\u00a0november 2019"
True
>>> weekday_date(date(2020, 3, 2)) == "måndagen den 2\u00a0mars"
True
>>> paragraph_sign(12) == "§\u00a012"
True
>>> time_span(time(9), time(11))
'09.00–11.00'
>>> join_list(["polisen", "kommunen", "HFAB"])
'polisen, kommunen och HFAB'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Literal

from attrs import frozen

from babel import dates as _dates
from babel import lists as _lists
from babel import numbers as _numbers
from num2words import num2words

LOCALE = "sv_SE"
EN_DASH = "\u2013"
NBSP = "\u00a0"  # babel's group separator for Swedish and the space before %; never breaks a line
WORD_JOINER = "\u2060"
"""No line break here, and no width: keeps ``13.00–15.30`` on one line."""


def iso_date(d: dt.date) -> str:
    """``2019-11-25``: headers, tables and the adoption line."""
    return d.isoformat()


NB_HYPHEN = "\u2011"  # a hyphen that does not break a line; PDF text keeps it as "-"


def unbroken_iso_date(d: dt.date) -> str:
    """``2019‑11‑25`` with non-breaking hyphens, for titles where a date must not wrap."""
    return iso_date(d).replace("-", NB_HYPHEN)


def written_date(d: dt.date, *, year: bool = True) -> str:
    """A date as running text writes it, the one function every written date goes through:
    ``25 november 2019`` (``2 mars`` with ``year=False``), the day and the month joined by a
    no-break space so that a line never ends between them.

    >>> written_date(dt.date(2019, 11, 25)) == "25\u00a0november 2019"
    True
    """
    words = _dates.format_date(d, "d MMMM y" if year else "d MMMM", locale=LOCALE)
    return words.replace(" ", NBSP, 1)


def long_date(d: dt.date) -> str:
    """``25 november 2019``: running text (``written_date``)."""
    return written_date(d)


def day_month(d: dt.date) -> str:
    """``2 mars``: running text when the year is clear from the context (``written_date``)."""
    return written_date(d, year=False)


def weekday_date(d: dt.date, *, year: bool = False) -> str:
    """``måndagen den 2 mars`` (``… 2 mars 2020`` with ``year=True``).

    The definite form of a weekday is its name plus ``en``: every Swedish weekday ends in ``dag``.
    """
    weekday = _dates.format_date(d, "EEEE", locale=LOCALE) + "en"
    return f"{weekday} den {long_date(d) if year else day_month(d)}"


def month_name(month: int) -> str:
    """``juni`` for 6."""
    return str(_dates.get_month_names("wide", locale=LOCALE)[month])


def clock(t: dt.time, *, separator: str = ".") -> str:
    """``09.00`` (or ``09:00`` with ``separator=":"``, by house style)."""
    return f"{t.hour:02d}{separator}{t.minute:02d}"


def time_span(start: dt.time, end: dt.time, *, separator: str = ".") -> str:
    """``09.00–11.00``: two times joined by an en dash, no spaces."""
    return f"{clock(start, separator=separator)}{EN_DASH}{clock(end, separator=separator)}"


def date_span(start: dt.date, end: dt.date) -> str:
    """``2016-12-22–2019-12-31``: an ISO period joined by an en dash."""
    return f"{iso_date(start)}{EN_DASH}{iso_date(end)}"


def long_date_span(start: dt.date, end: dt.date) -> str:
    """``22 december 2016 – 31 december 2019``; the year is written once when both share it.

    The en dash has spaces around it because the parts are more than one word (Svenska
    skrivregler); a span of single words, such as ``2016–2019``, has none.
    """
    if start.year == end.year:
        return f"{day_month(start)} {EN_DASH} {long_date(end)}"
    return f"{long_date(start)} {EN_DASH} {long_date(end)}"


def decimal(value: float | int, *, digits: int | None = None) -> str:
    """``1,81``; ``12 345,5`` with a non-breaking space as thousands separator.

    ``digits`` fixes the number of decimals (``decimal(2, digits=1)`` gives ``2,0``).
    """
    if digits is None:
        return _numbers.format_decimal(value, locale=LOCALE, decimal_quantization=False)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _numbers.format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float | int, *, digits: int | None = None) -> str:
    """``83,2 %`` for 83.2: the value is already in percent, as surveys print it."""
    return f"{decimal(value, digits=digits)}{NBSP}%"


PARAGRAPH_SIGN = "§"


def paragraph_sign(number: int | str) -> str:
    """``§ 12``: a protocol's paragraph, the sign bound to its number by a no-break space.

    >>> paragraph_sign(12) == "§\u00a012"
    True
    """
    return f"{PARAGRAPH_SIGN}{NBSP}{number}"


def paragraph_span(numbers: Iterable[int]) -> str:
    """The paragraphs of a protocol: ``§ 4`` for one, ``§§ 1–9`` for a run, ``§§ 1–3, 7`` with
    a gap; a no-break space after the sign, a word joiner after each en dash (a run stays on
    one line).

    >>> paragraph_span([1, 2, 3, 7]) == "§§\u00a01–\u20603, 7"
    True
    >>> paragraph_span([4]) == "§\u00a04", paragraph_span([])
    (True, '')
    """
    numbers = sorted(numbers)
    if not numbers:
        return ""
    runs: list[list[int]] = [[numbers[0], numbers[0]]]
    for n in numbers[1:]:
        if n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [str(a) if a == b else f"{a}{EN_DASH}{WORD_JOINER}{b}" for a, b in runs]
    sign = PARAGRAPH_SIGN if len(numbers) == 1 else PARAGRAPH_SIGN * 2
    return f"{sign}{NBSP}{', '.join(parts)}"


def join_list(items: Iterable[str], *, conjunction: str = "och") -> str:
    """``a, b och c``; ``conjunction="eller"`` gives ``a, b eller c``."""
    items = [str(i) for i in items]
    style: Literal["standard", "or"] = "standard" if conjunction == "och" else "or"
    return _lists.format_list(items, style=style, locale=LOCALE) if items else ""


def number_words(n: int, *, neuter: bool = False) -> str:
    """``tolv`` for 12; ``en`` for 1 (``ett`` with ``neuter=True``, as in *ett möte*).

    Running text writes small counts as words, as the Höör documents do.
    """
    if n == 1:
        return "ett" if neuter else "en"
    return str(num2words(n, lang="sv"))


def ordinal_words(n: int) -> str:
    """``tredje`` for 3: *var tredje månad*."""
    return str(num2words(n, lang="sv", to="ordinal"))


def count_words(n: int, *, neuter: bool = False, limit: int = 12) -> str:
    """Words up to ``limit`` (``tolv``), figures above it (``24``), the usual Swedish rule."""
    return number_words(n, neuter=neuter) if 0 <= n <= limit else decimal(n)


def lower_first(text: str) -> str:
    """``kommunpolis`` for ``Kommunpolis``, but ``VD HFAB`` and ``KSAU`` stay as written."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """``Kommunpolis ansvarar …`` for a sentence that starts with a role."""
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# One word per thing, in every document type


@frozen
class Terms:
    """The words every document type uses for the same thing, held here once so that the
    protocol, the extract, the agreement and the follow-up cannot drift apart. Context modules and
    tools read them from ``TERMS``; ``tests/test_typography.py`` checks the rendered examples for
    the words they replace (``DRIFT``)."""

    adjuster: str = "Justerare"
    """*Justerare*, the member who adjusts the minutes, in the protocol and the extract alike (a
    signature label, a fact), not *Justerande*."""
    adjusters_signature: str = "Justerares signatur"
    """The box for the justerare's initials on each page of a protocol."""
    chair: str = "Ordförande"
    secretary: str = "Sekreterare"
    figure: str = "Figur"
    """A numbered picture's caption word, for the organisation chart as for the charts (*Figur
    1*), not *Bild*."""
    party: str = "Parti"
    """The header of a column of party letters (*(S)*, *(M)*); *Organisation* heads a column of
    organisations."""
    organisation: str = "Organisation"
    party_or_organisation: str = "Parti eller organisation"
    """The header of a column of people's party letters or organisations, as the notice's and the
    protocol's lists of people have (never *Organisation* over *(S)*, *(M)*)."""
    register: str = "Åtgärdsregister"
    """The list of actions decided at meetings (the file ``atgardsregister``), not *Förteckning*."""


TERMS = Terms()
"""The one set of document words (see ``Terms``)."""

DRIFT: dict[str, str] = {
    "Justerande": TERMS.adjuster,
    "Justerandes signatur": TERMS.adjusters_signature,
    "Bild": TERMS.figure,
    "Förteckning": TERMS.register,
}
"""A word another document once used for a thing → the word of ``TERMS`` all documents use."""

_PARTY_MARK = re.compile(r"\(?[A-ZÅÄÖ]{1,3}\)?")


def is_party_mark(value: str) -> bool:
    """``(S)``, ``M``, ``(SD)``: a party letter as minutes write it.

    >>> is_party_mark("(S)"), is_party_mark("Polisen"), is_party_mark("KS")
    (True, False, True)
    """
    return _PARTY_MARK.fullmatch(value.strip()) is not None


def organisation_column(values: Iterable[str]) -> str:
    """The header of a column of people's organisations: *Parti* when every value is a party
    letter, *Organisation* when none is, *Parti eller organisation* for a mix.

    >>> organisation_column(["(S)", "(M)"]), organisation_column(["Polisen", ""])
    ('Parti', 'Organisation')
    >>> organisation_column(["(S)", "Kommunledningskontoret"])
    'Parti eller organisation'
    """
    marks = [is_party_mark(v) for v in values if v and v.strip()]
    if marks and all(marks):
        return TERMS.party
    return TERMS.party_or_organisation if any(marks) else TERMS.organisation


# ---------------------------------------------------------------------------------------------
# Spaces that do not break


_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
NO_BREAK_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("after kl.", re.compile(r"(?<!\w)(kl\.)[ \t](?=\d)")),
    ("after §", re.compile(r"(§)[ \t](?=\d)")),
    ("between day and month", re.compile(rf"(?<![\w.])(\d{{1,2}})[ \t](?=(?:{_MONTHS})\b)")),
)
"""Where Swedish typography keeps two words on one line (Svenska skrivregler): *kl.* and the
time, *§* and its number, the day and its month. Each rule: what it is, and a pattern whose
match is a breaking space (group 1: what stays before it)."""

_TIME_SPAN = re.compile(r"(\d\d[.:]\d\d)\u2013(?=\d\d[.:]\d\d)")


def no_break(text_: str) -> str:
    """``text_`` with a no-break space where ``NO_BREAK_RULES`` want one and a word joiner
    after the en dash of a time span, so that none of them ends a line.

    >>> no_break("kl. 13.00–15.30 den 8 september, § 12") == (
    ...     "kl.\u00a013.00–\u206015.30 den 8\u00a0september, §\u00a012")
    True
    """
    for _, pattern in NO_BREAK_RULES:
        text_ = pattern.sub(lambda m: m.group(1) + NBSP, text_)
    return _TIME_SPAN.sub(lambda m: m.group(1) + EN_DASH + WORD_JOINER, text_)


_TRAILING_DATE = re.compile(r" ((?:\d{4}-\d\d-\d\d|\d{4})(?:\u2013(?:\d{4}-\d\d-\d\d|\d{2,4}))?)$")


def title_text(title: str) -> str:
    """A title whose last word is a date, a year or a span of them, with that word bound to the
    word before it (a no-break space, a word joiner after the span's en dash), so that a title
    that wraps never leaves the date alone on its last line.

    >>> title_text("Lägesbild över brottsligheten i Ekby kommun 2020–2024") == (
    ...     "Lägesbild över brottsligheten i Ekby kommun\u00a02020–\u20602024")
    True
    >>> title_text("Trygghetsrådet"), title_text("Uppföljning 2019") == "Uppföljning\u00a02019"
    ('Trygghetsrådet', True)
    """
    return _TRAILING_DATE.sub(lambda m: NBSP + m.group(1).replace(EN_DASH, EN_DASH + WORD_JOINER),
                              title)


def at_clock(clock_text: str) -> str:
    """``kl. 13.00–15.30``: *kl.* and a time or time span, with a no-break space after *kl.* and
    the span kept on one line (``no_break``).

    >>> at_clock("13.00–15.30") == "kl.\u00a013.00–\u206015.30"
    True
    """
    return no_break(f"kl. {clock_text}")


def breaking_spaces(text_: str) -> list[str]:
    """The places in ``text_`` where a breaking space stands where a no-break one belongs, each
    as ``'<rule>: <the words>'`` (what ``tests/test_typography.py`` looks for).

    >>> breaking_spaces("kl.\u00a013.00 den 8 september")
    ['between day and month: 8 september']
    """
    return [_described(rule, match, text_) for rule, match in _matches(NO_BREAK_RULES, text_)]


NUMBER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a full stop between digits, except a time as Språkrådet writes it (09.00, 13.30) and a
    # section's number at the start of a text (3.12 Kommunikationsstrategi)
    ("decimal point", re.compile(
        r"(?<=.)(?<![\w.,:])(?!(?:[01]\d|2[0-3])\.[0-5]\d(?![\w.,]))\d+\.\d+(?![\w.,])", re.S)),
    ("no no-break space before %", re.compile(r"\d[ \t]?%")),
)
"""How Swedish writes a number (Svenska skrivregler): a decimal comma, never a point, and a
no-break space between the number and *%*. Each rule: what is wrong, and a pattern that finds
it. ``decimal`` and ``percent`` write numbers so."""

TYPOGRAPHY_RULES = NO_BREAK_RULES + NUMBER_RULES
"""Every rule of Swedish typography the library's own text keeps (``typography_faults``)."""


def _matches(rules: tuple[tuple[str, re.Pattern[str]], ...],
             text_: str) -> list[tuple[str, re.Match[str]]]:
    return [(rule, match) for rule, pattern in rules for match in pattern.finditer(text_)]


def _described(rule: str, match: re.Match[str], text_: str) -> str:
    return f"{rule}: {text_[match.start():match.end() + 12].split(',')[0].strip()}"


def typography_faults(text_: str) -> list[tuple[str, re.Match[str]]]:
    """Every place where ``text_`` breaks a rule of ``TYPOGRAPHY_RULES``: a breaking space
    where a no-break one belongs, a decimal point, a *%* without a no-break space before it;
    each as (the rule, where it matched). Text a user wrote may do all of these: only what the
    library writes must not.

    >>> [rule for rule, _ in typography_faults("§ 3: 1.5 timmar, 40% den 8 mars, kl. 09.30")]
    ['after kl.', 'after §', 'between day and month', 'decimal point', 'no no-break space before %']
    >>> typography_faults(f"§{NBSP}3: {decimal(1.5)} timmar, {percent(40)} den "
    ...                   f"{day_month(dt.date(2026, 3, 8))}, {at_clock('09.30')}")
    []
    """
    return _matches(TYPOGRAPHY_RULES, text_)


FILTERS: dict[str, Callable[..., str]] = {
    "iso_date": iso_date,
    "long_date": long_date,
    "unbroken_iso_date": unbroken_iso_date,
    "day_month": day_month,
    "written_date": written_date,
    "paragraph_sign": paragraph_sign,
    "paragraph_span": paragraph_span,
    "weekday_date": weekday_date,
    "clock": clock,
    "time_span": time_span,
    "date_span": date_span,
    "long_date_span": long_date_span,
    "decimal": decimal,
    "percent": percent,
    "join_list": join_list,
    "number_words": number_words,
    "count_words": count_words,
    "ordinal_words": ordinal_words,
    "lower_first": lower_first,
    "upper_first": upper_first,
    "no_break": no_break,
}
"""The Jinja filters every template gets, by name."""
