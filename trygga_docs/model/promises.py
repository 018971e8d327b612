"""Medborgarlöften and their uppföljning: the promises the Police and the municipality make to
the residents for a year, with measurable targets, and the follow-up that says what came of them.

A promise's text may place its targets with ``{id}``: ``"… genomföra {narkotika} i Höörs kommun …"``
becomes ``"… genomföra minst fyra insatser i Höörs kommun …"``. Running texts may place survey
figures the same way (``{index}`` → ``1,81``).

The status of a follow-up is derived, never typed in; see ``Status`` for the rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

from attrs import Factory, evolve, field, frozen, validators

from trygga_docs.errors import DataError, data_path
from trygga_docs.model.common import (Organisation, Period, Signatory, at_least, optional_text, paragraphs, text_field,
                     unique_names)

PLACEHOLDER = re.compile(r"\{([\w.-]+)\}")
"""A target or figure placed in running text: ``{trafikinsatser}``."""

PARTIAL_SHARE = 0.5
"""The share of a target that makes it *delvis uppfyllt* (see ``Status``)."""


def _positive(instance: object, attribute: object, value: float) -> None:
    name = attribute.name  # type: ignore[attr-defined]
    if value <= 0:
        raise DataError(f"the {name} must be more than 0, got {value:g}; a target counts "
                        f"something that will be done, such as 'quantity: 12'", path=name)


def _not_negative(instance: object, attribute: object, value: float | None) -> None:
    name = attribute.name  # type: ignore[attr-defined]
    if value is not None and value < 0:
        raise DataError(f"the {name} cannot be negative, got {value:g}; write 0 if nothing was done",
                        path=name)


def _identifier(instance: object, attribute: object, value: str) -> None:
    name = attribute.name  # type: ignore[attr-defined]
    if not isinstance(value, str) or not re.fullmatch(r"[\w.-]+", value):
        raise DataError(f"'{value}' cannot be an id; use letters, digits, '-', '_' or '.' "
                        f"without spaces, such as 'trafikinsatser'", path=name)


def _whole(value: float) -> bool:
    return float(value).is_integer()


class Qualifier(enum.Enum):
    """Hur målet ska läsas: *minst 12*, *högst 3*, *inom 3 dagar*."""

    AT_LEAST = "minst"
    AT_MOST = "högst"
    WITHIN = "inom"

    @property
    def upper_bound(self) -> bool:
        """True when less is better (``högst``, ``inom``): the target is a ceiling."""
        return self in (Qualifier.AT_MOST, Qualifier.WITHIN)


@frozen(kw_only=True)
class Figure:
    """Siffra ur en mätning, placed in running text as ``{id}``: ``1,81`` or ``83,2 %``."""

    id: str = field(validator=_identifier)
    value: float
    percent: bool = False
    """Print with a space and ``%`` (the value is already in percent: 83.2)."""
    digits: int | None = field(default=None, validator=validators.optional(validators.ge(0)))
    """Fixed number of decimals (``digits: 2`` prints 1.8 as ``1,80``)."""


@frozen(kw_only=True)
class SubTarget:
    """Delmål: the part of a target with a further condition, *varav fyra i anslutning till skolområden*."""

    id: str = field(validator=_identifier)
    quantity: float = field(validator=_positive)
    description: str = text_field()
    """What the part is, written to follow the number: *i anslutning till skolområden vid utsatta tider*."""
    unit: str | None = optional_text()
    """A unit when the part needs its own (*varav fyra trafikinsatser …*); usually left out."""
    label: str | None = optional_text()
    """A short label for tables and the chart; default: the description."""


@frozen(kw_only=True)
class Target:
    """Mätbart mål: *minst tolv trafikinsatser med fokus på … varav fyra i anslutning till skolområden*."""

    id: str = field(validator=_identifier)
    quantity: float = field(validator=_positive)
    unit: str = text_field()
    """The counted thing in the plural, as it follows the number: *trafikinsatser*, *dagar*."""
    unit_one: str | None = optional_text()
    """The singular, used when the quantity is 1 (*trafikinsats*); default: ``unit``."""
    neuter: bool = False
    """An *ett*-word (*ett tillsynsbesök*): 1 is then written *ett*."""
    qualifier: Qualifier | None = None
    """``minst``, ``högst`` or ``inom``; without one the number is read as *minst*."""
    description: str | None = optional_text()
    """What follows the unit: *med fokus på hastigheter, buskörningar, beteende och …*."""
    parts: tuple[SubTarget, ...] = field(factory=tuple)
    label: str | None = optional_text()
    """A short label for tables and the chart; default: the unit."""

    @property
    def upper_bound(self) -> bool:
        return self.qualifier is not None and self.qualifier.upper_bound

    def __attrs_post_init__(self) -> None:
        unique_names(self.parts, "id", "parts", "the part id")
        for i, part in enumerate(self.parts):
            if self.upper_bound:
                raise DataError(f"a '{self.qualifier.value}' target cannot have parts "  # type: ignore[union-attr]
                                f"('varav …'); give the part its own target",
                                path=data_path("parts", i))
            if part.quantity > self.quantity:
                raise DataError(f"the part '{part.id}' ({part.quantity:g}) is larger than the "
                                f"whole target ({self.quantity:g}); 'varav' counts a share of it",
                                path=data_path("parts", i, "quantity"))


@frozen(kw_only=True)
class Promise:
    """Medborgarlöfte: who promises, the promise as the residents read it, and its measurable targets.

    ``by`` names parties or partners (their name or short name). ``text`` may place a target
    with ``{id}``; a target not placed in the text follows it as a sentence of its own.
    """

    id: str = field(validator=_identifier)
    by: tuple[str, ...] = field(validator=at_least(1, "party who promises"))
    """Who promises: ``[Polisen]``, ``[Höörs kommun, Polisen]``."""
    text: str = text_field()
    targets: tuple[Target, ...] = field(factory=tuple)
    title: str | None = optional_text()
    """A short name for the follow-up's table (*Trafiksäkerhet*); the promise text itself has none."""

    def __attrs_post_init__(self) -> None:
        unique_names(self.targets, "id", "targets", "the target id")
        placed = PLACEHOLDER.findall(self.text)
        known = {t.id for t in self.targets}
        for name in placed:
            if name not in known:
                raise DataError(f"the text places '{{{name}}}', but the promise has no target with "
                                f"that id (targets: {', '.join(sorted(known)) or 'none'})", path="text")

    def all_targets(self) -> list[Target | SubTarget]:
        """Every target and sub-target, each sub-target after its target."""
        items: list[Target | SubTarget] = []
        for target in self.targets:
            items += (target, *target.parts)
        return items


@frozen(kw_only=True)
class FollowUpPlan:
    """Uppföljning av löftena: by when, by whom and in which channels the residents are told."""

    deadline: dt.date = field(validator=validators.instance_of(dt.date))
    responsible: str = text_field(default="polis och kommun")
    """Who writes the report, as it follows *av*: *polis och kommun*."""
    form: str = text_field(default="en skriftlig rapport")
    channels: tuple[str, ...] = field(factory=tuple)
    """Where the residents hear of it: *lokala tidningar*, *kommunens hemsida* …"""


@frozen(kw_only=True)
class Link:
    """A related document or page, shown under the title: *Återkoppling på arbetet … för år 2019*."""

    title: str = text_field()
    url: str | None = optional_text()


def _year_period(self: CitizenPromises) -> Period | None:
    if self.year is None:
        return None
    return Period(dt.date(self.year, 1, 1), dt.date(self.year, 12, 31))


@frozen(kw_only=True)
class CitizenPromises:
    """Medborgarlöften: the Police's and the municipality's promises to the residents for a year.

    Give ``year: 2019`` for a calendar year, or ``period`` for another span.
    """

    title: str = text_field()
    year: int | None = field(default=None, validator=validators.optional(
        [validators.ge(1900), validators.le(2200)]))
    period: Period | None = field(default=Factory(_year_period, takes_self=True))
    parties: tuple[Organisation, ...] = field(validator=at_least(2, "parties (the police and the municipality)"))
    partners: tuple[Organisation, ...] = field(factory=tuple)
    """Named partners who are not parties, such as a housing company (*HFAB*)."""
    audience: str = text_field(default="invånarna")
    """To whom the promises are made, after *till*: *Höörs invånare*."""
    related: tuple[Link, ...] = field(factory=tuple)
    introduction: tuple[str, ...] = paragraphs()
    """Inledning."""
    purpose: tuple[str, ...] = paragraphs()
    """Syfte."""
    goal: tuple[str, ...] = paragraphs()
    """Mål."""
    situation: tuple[str, ...] = paragraphs()
    """Situationen idag; may place figures with ``{id}``."""
    figures: tuple[Figure, ...] = field(factory=tuple)
    promises: tuple[Promise, ...] = field(validator=at_least(1, "promise"))
    follow_up: FollowUpPlan | None = None
    signatories: tuple[Signatory, ...] = field(factory=tuple)

    def __attrs_post_init__(self) -> None:
        if self.period is None:
            raise DataError("the promises need a 'year' (such as 2019) or a 'period' with start "
                            "and end", path="year")
        if self.year is not None and self.period.years != (self.year,):
            raise DataError(f"'year: {self.year}' and the period {self.period.year_span} disagree; "
                            f"give only one of them", path="period")
        unique_names(self.promises, "id", "promises", "the promise id")
        unique_names(self.figures, "id", "figures", "the figure id")
        everything = [*self.parties, *self.partners]
        names = {n.casefold() for o in everything for n in (o.name, o.short_name) if n}
        for i, promise in enumerate(self.promises):
            for j, who in enumerate(promise.by):
                if who.casefold() not in names:
                    raise DataError(f"'{who}' is not one of the parties or partners; use one of: "
                                    f"{', '.join(o.label for o in everything)}",
                                    path=data_path("promises", i, "by", j))
        ids: dict[str, str] = {}
        for i, promise in enumerate(self.promises):
            for j, target in enumerate(promise.targets):
                with_parts: tuple[Target | SubTarget, ...] = (target, *target.parts)
                for k, item in enumerate(with_parts):
                    where = data_path("promises", i, "targets", j, *(("parts", k - 1) if k else ()))
                    if item.id in ids:
                        raise DataError(f"the target id '{item.id}' is also used in {ids[item.id]}; "
                                        f"target ids must be unique in the file",
                                        path=data_path(where, "id"))
                    ids[item.id] = where
        figures = {f.id for f in self.figures}
        for attr in ("introduction", "purpose", "goal", "situation"):
            for i, paragraph in enumerate(getattr(self, attr)):
                for name in PLACEHOLDER.findall(paragraph):
                    if name not in figures:
                        raise DataError(f"the text places '{{{name}}}', which is not declared under "
                                        f"'figures' (declared: {', '.join(sorted(figures)) or 'none'})",
                                        path=data_path(attr, i))
        if self.follow_up and self.follow_up.deadline < self.period.start:
            raise DataError(f"the follow-up deadline {self.follow_up.deadline.isoformat()} is before "
                            f"the promises start ({self.period.start.isoformat()}); the follow-up "
                            f"comes after the year it reports on", path="follow_up.deadline")

    def organisation(self, name: str) -> Organisation:
        """The party or partner called ``name`` (its name or short name, any case)."""
        for org in (*self.parties, *self.partners):
            if name.casefold() in {n.casefold() for n in (org.name, org.short_name) if n}:
                return org
        raise KeyError(name)

    def for_next_period(self, period: Period | None = None) -> CitizenPromises:
        """Next period's draft: the same promises, the period and the follow-up deadline moved on
        by the period's length in whole years (``year: 2019`` becomes ``year: 2020``), or to the
        given ``period`` (the deadline moves as many years as the start does).

        >>> from trygga_docs.loader import load, EXAMPLES
        >>> promises = load(EXAMPLES / "hoor" / "medborgarloften-2019.yaml").for_next_period()
        >>> promises.year, promises.follow_up.deadline.isoformat()
        (2020, '2021-01-31')
        """
        current = self.period
        assert current is not None
        years = (period.start.year - current.start.year) if period else len(current.years)

        def moved(day: dt.date) -> dt.date:
            try:
                return day.replace(year=day.year + years)
            except ValueError:  # 29 February
                return day.replace(year=day.year + years, day=28)

        plan = self.follow_up
        if plan is not None:
            plan = evolve(plan, deadline=moved(plan.deadline))
        period = period or Period(moved(current.start), moved(current.end))
        year = period.years[0] if self.year is not None and len(period.years) == 1 else None
        return evolve(self, year=year, period=period, follow_up=plan)

    def promise(self, promise_id: str) -> Promise:
        for promise in self.promises:
            if promise.id == promise_id:
                return promise
        raise KeyError(promise_id)


# ---------------------------------------------------------------------------------------------
# Uppföljning


class Completion(enum.Enum):
    """Genomfört? For a promise without a measurable target: ``ja``, ``delvis`` or ``nej``."""

    DONE = "ja"
    PARTLY = "delvis"
    NOT_DONE = "nej"


class Status(enum.Enum):
    """Måluppfyllelse, derived by this rule:

    - A target counted *minst* (or without qualifier) is **uppfyllt** when the outcome reaches it,
      **delvis uppfyllt** when the outcome reaches at least half of it (``PARTIAL_SHARE``), and
      **ej uppfyllt** below that. A *högst*/*inom* target (less is better) is uppfyllt when the
      outcome is at or under it, delvis uppfyllt up to twice it, ej uppfyllt above that.
      A sub-target (*varav …*) is judged the same way on its own.
    - A promise without a measurable target is judged from ``done``: ja, delvis, nej.
    - A promise is uppfyllt when all its targets are, ej uppfyllt when none is even partly met,
      otherwise delvis uppfyllt.
    - A promise the follow-up says nothing about is **ej redovisat**.
    """

    MET = "uppfyllt"
    PARTLY_MET = "delvis uppfyllt"
    NOT_MET = "ej uppfyllt"
    NOT_REPORTED = "ej redovisat"

    @property
    def plural(self) -> str:
        """``uppfyllda``, for *fyra är uppfyllda*."""
        return self.value[:-1] + ("da" if self.value.endswith("fyllt") else "de")


def target_status(quantity: float, achieved: float, *, upper_bound: bool = False) -> Status:
    """The status of one target by the rule in ``Status``.

    >>> target_status(12, 14).value, target_status(12, 6).value, target_status(12, 5).value
    ('uppfyllt', 'delvis uppfyllt', 'ej uppfyllt')
    >>> target_status(3, 2.5, upper_bound=True).value, target_status(3, 6, upper_bound=True).value
    ('uppfyllt', 'delvis uppfyllt')
    """
    if upper_bound:
        share = 1.0 if achieved <= quantity else quantity / achieved
    else:
        share = achieved / quantity
    if share >= 1:
        return Status.MET
    return Status.PARTLY_MET if share >= PARTIAL_SHARE else Status.NOT_MET


def combined_status(statuses: list[Status]) -> Status:
    """A promise's status from its targets' statuses (see ``Status``)."""
    if not statuses or Status.NOT_REPORTED in statuses:
        return Status.NOT_REPORTED
    if all(s is Status.MET for s in statuses):
        return Status.MET
    if all(s is Status.NOT_MET for s in statuses):
        return Status.NOT_MET
    return Status.PARTLY_MET


_COMPLETION = {Completion.DONE: Status.MET, Completion.PARTLY: Status.PARTLY_MET,
               Completion.NOT_DONE: Status.NOT_MET}


@frozen(kw_only=True)
class Outcome:
    """Utfall för ett löfte: the number reached for each target id, or whether it was done, and a comment.

    ``achieved: {trafikinsatser: 14, skolor: 3}`` for a promise with targets;
    ``done: ja | delvis | nej`` for one without.
    """

    promise: str = text_field()
    achieved: dict[str, float] = field(factory=dict)
    done: Completion | None = None
    comment: tuple[str, ...] = paragraphs()

    def __attrs_post_init__(self) -> None:
        for key, value in self.achieved.items():
            if value < 0:
                raise DataError(f"the outcome cannot be negative, got {value:g}; write 0 if "
                                f"nothing was done", path=data_path("achieved", key))


@frozen(kw_only=True)
class FollowUp:
    """Uppföljning av medborgarlöften.

    ``promises`` is the promises document itself; in a data file it may name the promises file
    (``promises: medborgarloften-2019.yaml``, relative to the follow-up file) instead of repeating it.
    ``example: true`` marks invented outcomes: the document then says so on every page.
    """

    promises: CitizenPromises
    date: dt.date = field(validator=validators.instance_of(dt.date))
    """The date of the follow-up report."""
    title: str | None = optional_text()
    """Default: *Uppföljning av medborgarlöften <år>*."""
    example: bool = False
    summary: tuple[str, ...] = paragraphs()
    """Sammanfattning; the count of fulfilled promises is added to it."""
    figures: tuple[Figure, ...] = field(factory=tuple)
    outcomes: tuple[Outcome, ...] = field(factory=tuple)
    conclusions: tuple[str, ...] = paragraphs()
    """Fortsatt arbete: what the parties take with them into next year."""
    signatories: tuple[Signatory, ...] = field(factory=tuple)
    """Default: the promises' signatories."""

    def __attrs_post_init__(self) -> None:
        known = {p.id: p for p in self.promises.promises}
        unique_names(self.outcomes, "promise", "outcomes", "the outcome for promise")
        unique_names(self.figures, "id", "figures", "the figure id")
        figures = {f.id for f in self.figures}
        for attr in ("summary", "conclusions"):
            for i, paragraph in enumerate(getattr(self, attr)):
                for name in PLACEHOLDER.findall(paragraph):
                    if name not in figures:
                        raise DataError(f"the text places '{{{name}}}', which is not declared under "
                                        f"'figures' (declared: {', '.join(sorted(figures)) or 'none'})",
                                        path=data_path(attr, i))
        for i, outcome in enumerate(self.outcomes):
            where = data_path("outcomes", i)
            promise = known.get(outcome.promise)
            if promise is None:
                raise DataError(f"there is no promise '{outcome.promise}' in the promises; their ids "
                                f"are {', '.join(known)}", path=data_path(where, "promise"))
            targets = {t.id for t in promise.all_targets()}
            if not targets:
                if outcome.achieved:
                    raise DataError(f"the promise '{promise.id}' has no measurable target; say "
                                    f"whether it was done with 'done: ja', 'delvis' or 'nej'",
                                    path=data_path(where, "achieved"))
                if outcome.done is None:
                    raise DataError(f"say whether the promise '{promise.id}' was done: "
                                    f"'done: ja', 'delvis' or 'nej'", path=data_path(where, "done"))
                continue
            if outcome.done is not None:
                raise DataError(f"the promise '{promise.id}' has measurable targets; give the "
                                f"numbers reached under 'achieved' instead of 'done'",
                                path=data_path(where, "done"))
            for key in outcome.achieved:
                if key not in targets:
                    raise DataError(f"the promise '{promise.id}' has no target '{key}'; its targets "
                                    f"are {', '.join(sorted(targets))}",
                                    path=data_path(where, "achieved", key))
            missing = [t for t in sorted(targets) if t not in outcome.achieved]
            if missing:
                raise DataError(f"the outcome for '{missing[0]}' is missing; add "
                                f"'{missing[0]}: <number reached>' under 'achieved'",
                                path=data_path(where, "achieved"))

    @property
    def year_span(self) -> str:
        return self.promises.period.year_span  # type: ignore[union-attr]

    def outcome(self, promise_id: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.promise == promise_id), None)

    def target_statuses(self, promise: Promise) -> list[tuple[Target | SubTarget, float, Status]]:
        """Each target of ``promise`` with its outcome and status (empty when not reported)."""
        outcome = self.outcome(promise.id)
        if outcome is None:
            return []
        rows: list[tuple[Target | SubTarget, float, Status]] = []
        for target in promise.targets:
            achieved = outcome.achieved[target.id]
            rows.append((target, achieved, target_status(target.quantity, achieved,
                                                          upper_bound=target.upper_bound)))
            for part in target.parts:
                achieved = outcome.achieved[part.id]
                rows.append((part, achieved, target_status(part.quantity, achieved)))
        return rows

    def status(self, promise: Promise) -> Status:
        """The derived status of one promise (see ``Status``)."""
        outcome = self.outcome(promise.id)
        if outcome is None:
            return Status.NOT_REPORTED
        if outcome.done is not None:
            return _COMPLETION[outcome.done]
        return combined_status([s for _, _, s in self.target_statuses(promise)])
