"""Lägesbild: the picture of crime in a municipality that lag (2023:196) asks for, made by Brå's
method: crime indicators per offence category (counts, rates per 100 000 inhabitants, trends over
the years, comparison with the country and with similar municipalities), other relevant
information (a safety survey, the police's local picture), the analysis and the prioritised
problems the åtgärdsplan answers, each with an id.

Counts and population may come from CSV files (``counts_file``, ``population_file``), read by
``trygga_docs.model.statistics_csv`` when the data file is loaded; the model itself holds rows.

>>> s = CrimeStatistics(counts=(Count(year=2024, category="Misshandel", count=90),),
...                     population=(Population(year=2024, inhabitants=18_000),))
>>> round(s.rate(2024, "Misshandel"), 1)
500.0
"""

from __future__ import annotations

import datetime as dt
import re

from attrs import field, frozen, validators

from trygga_docs.errors import DataError, data_path
from trygga_docs.model.common import (Organisation, Period, Signatory, Source, at_least, optional_text,
                                      paragraphs, text_field, unique_names)

PER = 100_000
"""Rates are given per this many inhabitants (Brå's *per 100 000 invånare*)."""

_ID = re.compile(r"[\w.-]+")


def identifier(instance: object, attribute: object, value: str) -> None:
    """attrs validator: an id others refer to (``P1``), without spaces."""
    name = attribute.name  # type: ignore[attr-defined]
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise DataError(f"'{value}' cannot be an id; use letters, digits, '-', '_' or '.' "
                        f"without spaces, such as 'P1'", path=name)


def _year(instance: object, attribute: object, value: int) -> None:
    name = attribute.name  # type: ignore[attr-defined]
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise DataError(f"{value!r} is not a year; write a year such as 2024", path=name)


def _not_negative(instance: object, attribute: object, value: int) -> None:
    name = attribute.name  # type: ignore[attr-defined]
    if value < 0:
        raise DataError(f"the {name} cannot be negative, got {value:g}", path=name)


def _positive(instance: object, attribute: object, value: int) -> None:
    name = attribute.name  # type: ignore[attr-defined]
    if value <= 0:
        raise DataError(f"the population must be more than 0, got {value:g}; rates per 100 000 "
                        f"inhabitants are counted from it", path=name)


@frozen(kw_only=True)
class Count:
    """Antal anmälda brott of one offence category in one year."""

    year: int = field(validator=_year)
    category: str = text_field()
    """The offence category as the statistics name it: *Misshandel*, *Bostadsinbrott*."""
    count: int = field(validator=_not_negative)


@frozen(kw_only=True)
class Population:
    """Folkmängd: the municipality's inhabitants in one year (Statistics Sweden, 31 December)."""

    year: int = field(validator=_year)
    inhabitants: int = field(validator=_positive)


@frozen(kw_only=True)
class Comparison:
    """Jämförelse: rates per 100 000 inhabitants of another area in one year, by offence category:
    *Riket* or *Liknande kommuner* (a group named in ``members``)."""

    name: str = text_field()
    year: int = field(validator=_year)
    rates: dict[str, float] = field(factory=dict)
    """Offence category → reported offences per 100 000 inhabitants."""
    members: tuple[str, ...] = field(factory=tuple)
    """The municipalities of a comparison group; empty for the country."""
    source: str | None = optional_text()
    """The id of the source under ``sources``."""

    def __attrs_post_init__(self) -> None:
        for key, value in self.rates.items():
            if value < 0:
                raise DataError(f"a rate cannot be negative, got {value:g}",
                                path=data_path("rates", key))


@frozen(kw_only=True)
class CrimeStatistics:
    """Brottsligheten i siffror: counts per year and category, population per year, comparisons.

    ``counts_file`` and ``population_file`` name CSV files (relative to the data file) that the
    loader reads into ``counts`` and ``population``.
    """

    counts: tuple[Count, ...] = field(factory=tuple)
    population: tuple[Population, ...] = field(factory=tuple)
    counts_file: str | None = optional_text()
    """A CSV file with the columns *år*, *brottskategori*, *antal* (``year, category, count``)."""
    population_file: str | None = optional_text()
    """A CSV file with the columns *år*, *folkmängd* (``year, population``)."""
    source: str | None = optional_text()
    """The id of the source of the counts under ``sources``."""
    comparisons: tuple[Comparison, ...] = field(factory=tuple)
    comments: tuple[str, ...] = paragraphs()
    """What the figures say of the crime's scope and consequences."""

    def __attrs_post_init__(self) -> None:
        if not self.counts:
            raise DataError("the statistics have no counts; give 'counts_file: <file>.csv' or a "
                            "list under 'counts'", path="counts")
        seen: dict[tuple[int, str], int] = {}
        for i, c in enumerate(self.counts):
            key = (c.year, c.category.casefold())
            if key in seen:
                raise DataError(f"the count of '{c.category}' in {c.year} is given twice (also at "
                                f"counts[{seen[key]}])", path=data_path("counts", i))
            seen[key] = i
        people = {}
        for i, p in enumerate(self.population):
            if p.year in people:
                raise DataError(f"the population of {p.year} is given twice",
                                path=data_path("population", i, "year"))
            people[p.year] = p.inhabitants
        for i, c in enumerate(self.counts):
            if c.year not in people:
                raise DataError(f"there is no population for {c.year}; the rate per 100 000 "
                                f"inhabitants needs it (years with a population: "
                                f"{', '.join(map(str, sorted(people))) or 'none'})",
                                path=data_path("counts", i, "year"))
        known = {c.casefold() for c in self.categories}
        for i, comparison in enumerate(self.comparisons):
            if comparison.year not in self.years:
                raise DataError(f"the comparison's year {comparison.year} is not one of the "
                                f"statistics' years ({self.years[0]}–{self.years[-1]})",
                                path=data_path("comparisons", i, "year"))
            for name in comparison.rates:
                if name.casefold() not in known:
                    raise DataError(f"'{name}' is not an offence category of the counts; they are "
                                    f"{', '.join(self.categories)}",
                                    path=data_path("comparisons", i, "rates", name))
        unique_names(self.comparisons, "name", "comparisons", "the comparison")

    @property
    def years(self) -> tuple[int, ...]:
        """The years of the counts, in order."""
        return tuple(sorted({c.year for c in self.counts}))

    @property
    def categories(self) -> tuple[str, ...]:
        """The offence categories in the order they first appear."""
        return tuple(dict.fromkeys(c.category for c in self.counts))

    def inhabitants(self, year: int) -> int:
        return next(p.inhabitants for p in self.population if p.year == year)

    def count(self, year: int, category: str) -> int | None:
        """The count of ``category`` in ``year``; None when the statistics do not give it."""
        return next((c.count for c in self.counts
                     if c.year == year and c.category.casefold() == category.casefold()), None)

    def rate(self, year: int, category: str) -> float | None:
        """Reported offences per 100 000 inhabitants (``PER``)."""
        count = self.count(year, category)
        return None if count is None else count * PER / self.inhabitants(year)

    def change(self, category: str) -> float | None:
        """The change of the rate from the first year to the last, in percent; None without both
        or from zero."""
        first, last = self.rate(self.years[0], category), self.rate(self.years[-1], category)
        if first is None or last is None or first == 0 or len(self.years) < 2:
            return None
        return (last - first) * 100 / first

    def compared(self, comparison: Comparison, category: str) -> float | None:
        return next((v for k, v in comparison.rates.items() if k.casefold() == category.casefold()),
                    None)


@frozen(kw_only=True)
class Result:
    """One result of a survey: *Andel som känner sig otrygga ute sent en kväll: 24 %*."""

    label: str = text_field()
    value: float
    percent: bool = False
    """The value is a share in percent (24.0 prints ``24,0 %``)."""
    earlier: float | None = None
    """The same measure in an earlier survey, for comparison."""


@frozen(kw_only=True)
class Information:
    """Övrig relevant information: a safety survey, the police's local picture, school surveys …"""

    heading: str = text_field()
    text: tuple[str, ...] = paragraphs()
    results: tuple[Result, ...] = field(factory=tuple)
    value_heading: str = text_field(default="Värde")
    """The heading of the results' value column: *2024*."""
    earlier_heading: str = text_field(default="Tidigare")
    """The heading of the earlier values' column: *2022*."""
    source: str | None = optional_text()
    """The id of the source under ``sources``."""


@frozen(kw_only=True)
class Problem:
    """Prioriterat problem: what the åtgärdsplan answers, by its ``id``; listed in priority order."""

    id: str = field(validator=identifier)
    title: str = text_field()
    description: tuple[str, ...] = paragraphs()
    categories: tuple[str, ...] = field(factory=tuple)
    """The offence categories the problem shows in (names of the counts' categories)."""


@frozen(kw_only=True)
class Lagesbild:
    """Lägesbild över brottsligheten i en kommun (lag 2023:196, 4 §).

    ``example: true`` marks an invented municipality: the document then says so on every page.
    """

    municipality: str = text_field()
    period: Period
    """The years the lägesbild covers."""
    date: dt.date = field(validator=validators.instance_of(dt.date))
    """When the lägesbild was made."""
    title: str | None = optional_text()
    """Default: *Lägesbild över brottsligheten i <kommun> <år–år>*."""
    example: bool = False
    authors: tuple[Organisation, ...] = field(factory=tuple)
    """Who made it, such as the municipality and the local police area."""
    sources: tuple[Source, ...] = field(factory=tuple)
    """Sources with the date the data was taken (``accessed``)."""
    introduction: tuple[str, ...] = paragraphs()
    crime: CrimeStatistics
    other: tuple[Information, ...] = field(factory=tuple)
    analysis: tuple[str, ...] = paragraphs()
    problems: tuple[Problem, ...] = field(validator=at_least(1, "prioritised problem"))
    signatories: tuple[Signatory, ...] = field(factory=tuple)

    def __attrs_post_init__(self) -> None:
        unique_names(self.sources, "id", "sources", "the source id")
        unique_names(self.problems, "id", "problems", "the problem id")
        for i, source in enumerate(self.sources):
            if source.accessed is None:
                raise DataError(f"the source '{source.id}' has no date; give the day its data was "
                                f"taken as 'accessed: ÅÅÅÅ-MM-DD'",
                                path=data_path("sources", i, "accessed"))
        known = {s.id for s in self.sources}

        def cited(source: str | None, where: str) -> None:
            if source is not None and source not in known:
                raise DataError(f"there is no source '{source}' under 'sources' (they are "
                                f"{', '.join(sorted(known)) or 'none'})", path=where)

        cited(self.crime.source, "crime.source")
        for i, comparison in enumerate(self.crime.comparisons):
            cited(comparison.source, data_path("crime", "comparisons", i, "source"))
        for i, info in enumerate(self.other):
            cited(info.source, data_path("other", i, "source"))
        years = set(self.period.years)
        for i, count in enumerate(self.crime.counts):
            if count.year not in years:
                raise DataError(f"the count of {count.year} lies outside the lägesbild's period "
                                f"{self.period.year_span}",
                                path=data_path("crime", "counts", i, "year"))
        categories = {c.casefold() for c in self.crime.categories}
        for i, problem in enumerate(self.problems):
            for j, category in enumerate(problem.categories):
                if category.casefold() not in categories:
                    raise DataError(f"'{category}' is not an offence category of the counts; they "
                                    f"are {', '.join(self.crime.categories)}",
                                    path=data_path("problems", i, "categories", j))

    def problem(self, problem_id: str) -> Problem:
        for problem in self.problems:
            if problem.id == problem_id:
                return problem
        raise KeyError(problem_id)
