"""Shared parts of every document: organisations, roles, people, periods, adoptions, signatories,
sources and attachments. Plain data; nothing here knows about files or Word."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any

import attrs
from attrs import NOTHING, Attribute, NothingType, field, frozen, validators

from trygga_docs.errors import DataError, data_path, quote
from trygga_docs.model.markup import MARKUP, structured_text
from trygga_docs.model import personnummer
from trygga_docs.model.secrecy import secrecy_field, shown_in_public


def strip(value: object) -> object:
    """attrs converter: a text without surrounding whitespace; anything else as it is."""
    return value.strip() if isinstance(value, str) else value


def non_empty(instance: object, attribute: Attribute[Any], value: object) -> None:
    """attrs validator: a text must hold more than whitespace."""
    if isinstance(value, str) and not value.strip():
        name = attribute.name
        raise DataError(f"'{name}' is empty; write the text it should hold", path=name)


def text_field(*, default: str | NothingType = NOTHING) -> str:
    """A required, stripped, non-empty text (or one with a ``default``)."""
    checks = [validators.instance_of(str), non_empty]
    if isinstance(default, str):
        return field(default=default, converter=strip, validator=checks)
    return field(converter=strip, validator=checks)


def _blank_as_none(value: object) -> object:
    return (strip(value) or None) if value is not None else None


def _file_name(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """attrs validator: a file name holds no personnummer (the public version can mask a text,
    not the name of a file that is copied, attached and sent on)."""
    if value:
        for number in personnummer.find(value, file_name=True):
            raise DataError(f"the file name {quote(value)} holds a {number.kind} "
                            f"({quote(number.text)}); the public version cannot mask a file "
                            f"name, so rename the file without it", path=attribute.name)


def file_field() -> str | None:
    """An optional file name (a PDF to append); it may not hold a personnummer."""
    name: str | None = field(default=None, converter=_blank_as_none, validator=_file_name)
    return name


def optional_text() -> str | None:
    """An optional text; blank counts as absent."""
    return field(default=None, converter=_blank_as_none)


def at_least(n: int, what: str) -> Callable[[object, Attribute[Any], Sized], None]:
    """attrs validator: a list with at least ``n`` items."""
    def check(instance: object, attribute: Attribute[Any], value: Sized) -> None:
        if len(value) < n:
            name = attribute.name
            raise DataError(f"'{name}' needs at least {n} {what}, got {len(value)}",
                            path=name)
    return check


def at_most(n: int, what: str) -> Callable[[object, Attribute[Any], Sized], None]:
    """attrs validator: a list with at most ``n`` items."""
    def check(instance: object, attribute: Attribute[Any], value: Sized) -> None:
        if len(value) > n:
            name = attribute.name
            raise DataError(f"'{name}' takes at most {n} {what}, got {len(value)}",
                            path=name)
    return check


def paragraph_texts(ps: Iterable[str | None]) -> tuple[str, ...]:
    """attrs converter: the non-blank texts of ``ps``, stripped."""
    return tuple(p.strip() for p in ps if p and p.strip())


def paragraphs() -> tuple[str, ...]:
    """A list of paragraphs of running text (possibly empty), each in the Markdown subset of
    ``trygga_docs.model.markup`` (sub-headings, lists, bold, italic, links)."""
    texts: tuple[str, ...] = field(factory=tuple, converter=paragraph_texts,
                                   validator=structured_text, metadata={MARKUP: True})
    return texts


def unique_names(items: Iterable[object], attr: str, path: str, what: str) -> None:
    """Raise DataError when two items share the same ``attr`` (compared without case)."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        key = str(getattr(item, attr)).casefold()
        if key in seen:
            raise DataError(f"{what} '{getattr(item, attr)}' is given twice (also at "
                            f"{path}[{seen[key]}]); each must be unique",
                            path=data_path(path, i, attr))
        seen[key] = i


@frozen
class Organisation:
    """Organisation, e.g. *Höörs kommun* or *Lokalpolisområde Eslöv*."""

    name: str = text_field()
    short_name: str | None = optional_text()

    @property
    def label(self) -> str:
        return self.short_name or self.name


@frozen
class Role:
    """Roll: a position such as *Kommunpolis* or *Säkerhetschef*, not a person."""

    name: str = text_field()
    organisation: str | None = optional_text()
    plural: str | None = optional_text()
    """The plural for compositions with several holders (*ledamöter från KSAU*)."""


@frozen
class Person:
    """Person: a named individual, holding a title in an organisation."""

    name: str = text_field()
    title: str | None = optional_text()
    organisation: str | None = optional_text()


@frozen
class Period:
    """Giltighetstid: a closed span of dates, end after start.

    >>> Period(dt.date(2016, 12, 22), dt.date(2019, 12, 31)).years
    (2016, 2017, 2018, 2019)
    """

    start: dt.date = field(validator=validators.instance_of(dt.date))
    end: dt.date = field(validator=validators.instance_of(dt.date))

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise DataError(f"the period ends ({self.end.isoformat()}) before or on the day it "
                            f"starts ({self.start.isoformat()}); the end date must come after the start",
                            path="end")

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start.year, self.end.year + 1))

    @property
    def year_span(self) -> str:
        """``2016–2019``, or ``2019`` for a single year."""
        first, last = self.start.year, self.end.year
        return str(first) if first == last else f"{first}\u2013{last}"


_PARAGRAPH = re.compile(r"^\s*§?\s*(\d{1,9})\s*$")

MAX_PARAGRAPH = 99_999
"""The largest § number taken: a body's series starts at § 1 each year and stays far below."""


def _paragraph_number(value: object) -> int | None:
    """A § number, 1 to ``MAX_PARAGRAPH``, from ``158`` or ``"§ 158"``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        match = _PARAGRAPH.match(str(value))
        if not match:
            raise DataError(f"{quote(value)} is not a paragraph number; write a whole number "
                            f"such as 158")
        value = int(match.group(1))
    return value


def _paragraph_in_range(instance: object, attribute: Attribute[Any], value: int | None) -> None:
    """attrs validator: a § number runs from 1 to ``MAX_PARAGRAPH``."""
    if value is not None and not 1 <= value <= MAX_PARAGRAPH:
        name = attribute.name
        raise DataError(f"§ {value} cannot be a paragraph number; § numbers run from 1 to "
                        f"{MAX_PARAGRAPH} (a body's series starts at § 1 each year)", path=name)


def paragraph_field() -> int | None:
    """An optional § number, given as ``158`` or ``"§ 158"``."""
    number: int | None = field(default=None, converter=_paragraph_number,
                               validator=_paragraph_in_range)
    return number


@frozen
class Adoption:
    """Beslut om antagande: who adopted the document, when, in which § and under which diarienummer."""

    body: str = text_field()
    # mypy's attrs plugin takes only attrs.field() for a field; text_field() above looks like a default
    date: dt.date = field(validator=validators.instance_of(dt.date))  # type: ignore[misc]
    paragraph: int | None = paragraph_field()
    case_number: str | None = optional_text()


@frozen
class Signatory:
    """Undertecknare: name and title of a person who signs."""

    name: str = text_field()
    title: str = text_field()
    organisation: str | None = optional_text()


@frozen
class Source:
    """Källa, cited from running text as ``[^id]`` and numbered in order of first citation."""

    id: str = field(validator=[validators.instance_of(str),
                               validators.matches_re(r"^[\w.-]+$")])
    text: str = text_field()
    url: str | None = optional_text()
    accessed: dt.date | None = None


def _attachment_number(value: object) -> int | None:
    """A bilaga's number from ``3``, ``"3"`` or ``"bilaga 3"``."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    match = re.fullmatch(r"\s*(?:bilaga\s*)?(\d{1,4})\s*", str(value), re.IGNORECASE)
    if not match or isinstance(value, bool):
        raise DataError(f"{quote(value)} is not a bilaga number; write a whole number such as 3")
    return int(match.group(1))


def _attachment_number_in_range(instance: object, attribute: Attribute[Any], value: int | None) -> None:
    if value is not None and not 1 <= value <= 999:
        raise DataError(f"bilaga {value} cannot be a bilaga's number; numbers run from 1 to 999",
                        path=attribute.name)


@frozen
class Attachment:
    """Bilaga: a document that goes with this one, optionally a PDF file to append.

    A secret bilaga (``secrecy``: the legal reference) is listed and appended in the internal
    version only; the public version neither lists nor appends it, and the bilagor after it
    keep their numbers."""

    title: str = text_field()
    file: str | None = file_field()
    """A PDF to append, relative to the data file's folder."""
    secrecy: str | None = secrecy_field("attachment")
    """The legal reference when the bilaga is secret: *OSL 26 kap. 1 §*."""
    number: int | None = shown_in_public(field(default=None, converter=_attachment_number,
                                               validator=_attachment_number_in_range))
    """The number the secretary gave it (*bilaga 3*); default: one after the bilaga before it
    (the first is 1). Numbers are unique within a meeting."""


def attachments_in(value: object, path: str = "") -> Iterator[tuple[str, Attachment]]:
    """Every bilaga in ``value`` (a model, a document of one, a list of them) with its data path,
    in the order the fields name them, each once: the one walk by which ``load`` (and so
    ``check``) and the PDF step find the bilagor, so they find the same ones.

    >>> [p for p, _ in attachments_in(Source(id="s", text="t"))]
    []
    >>> [(p, a.title) for p, a in attachments_in((Attachment(title="Karta"),), "attachments")]
    [('attachments[0]', 'Karta')]
    """
    seen: set[int] = set()

    def walk(value: Any, path: str) -> Iterator[tuple[str, Attachment]]:
        if id(value) in seen:  # a part shared by two places of a document is walked once
            return
        seen.add(id(value))
        if isinstance(value, Attachment):
            yield path, value
        elif attrs.has(type(value)):
            for f in attrs.fields(type(value)):
                child = getattr(value, f.name)
                if _may_hold_attachments(child):
                    yield from walk(child, data_path(path, f.name))
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                yield from walk(item, data_path(path, i))

    if _may_hold_attachments(value):
        yield from walk(value, path)


def _may_hold_attachments(value: object) -> bool:
    """Model objects and lists holding them; texts, dates and lists of texts are skipped (a data
    file holds thousands of them, and the walk runs for every file of a batch)."""
    if isinstance(value, tuple | list):
        return any(attrs.has(type(item)) for item in value)
    return attrs.has(type(value))


def attachment_numbers(attachments: Iterable[tuple[str, Attachment]]) -> tuple[int, ...]:
    """The number of each bilaga, given in order with its data path (``items[2].attachments[0]``):
    its own ``number``, else one after the bilaga before it. Raises DataError at the second
    bilaga that takes a number already taken.

    >>> attachment_numbers([("a", Attachment(title="A")), ("b", Attachment(title="B", number=3)),
    ...                     ("c", Attachment(title="C"))])
    (1, 3, 4)
    """
    numbers: list[int] = []
    taken: dict[int, str] = {}
    for path, attachment in attachments:
        number = attachment.number if attachment.number is not None else \
            (numbers[-1] + 1 if numbers else 1)
        if number in taken:
            how = "is numbered" if attachment.number is not None else "comes after bilaga " \
                f"{numbers[-1]} and so gets"
            raise DataError(f"the bilaga {quote(attachment.title)} {how} {number}, which the bilaga "
                            f"at {taken[number]} already has; each bilaga of a meeting needs a "
                            f"number of its own (give 'number:' to each)",
                            path=data_path(path, "number"))
        taken[number] = path
        numbers.append(number)
    return tuple(numbers)
