"""Samverkansöverenskommelse: the collaboration agreement between a municipality and the Police."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable

from attrs import field, frozen, validators

from trygga_docs.errors import DataError, data_path
from trygga_docs.model.common import (Adoption, at_least, Organisation, Period, Role, Signatory, Source, optional_text,
                     paragraphs, text_field, unique_names)

CITATION = re.compile(r"\[\^([\w.-]+)\]")
"""A source cited in running text: ``… på en låg nivå [^ntu2015].``"""


class BodyKind(enum.Enum):
    """Slag av grupp."""

    COUNCIL = "råd"
    STEERING_GROUP = "styrgrupp"
    WORKING_GROUP = "arbetsgrupp"
    INTERVENTION_GROUP = "insatsgrupp"
    CRISIS_SUPPORT = "krisstöd"


class CadenceUnit(enum.Enum):
    WEEK = "vecka"
    MONTH = "månad"
    YEAR = "år"


def _sorted_months(months: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(months)))


@frozen(kw_only=True)
class Cadence:
    """Mötesfrekvens: how often a body meets, e.g. at least once every other month except summer.

    ``times`` meetings every ``every`` ``unit``; ``at_least`` makes it a minimum; ``except_months``
    (1–12) are months without meetings; ``on_demand`` means the body meets when needed.
    """

    times: int = field(default=1, validator=validators.ge(1))
    every: int = field(default=1, validator=validators.ge(1))
    unit: CadenceUnit = CadenceUnit.MONTH
    at_least: bool = False
    except_months: tuple[int, ...] = field(
        factory=tuple, converter=_sorted_months,
        validator=validators.deep_iterable(validators.and_(validators.ge(1), validators.le(12))))
    on_demand: bool = False


@frozen(kw_only=True)
class CompositionEntry:
    """One seat in a body's fixed composition: a declared role, held by ``count`` people.

    ``several: true`` instead of a count when the text names the role in the plural without a
    number (*sektorchefer*, *kuratorer från högstadieskolorna*).
    """

    role: str = text_field()
    count: int = field(default=1, validator=validators.ge(1))
    several: bool = False

    def __attrs_post_init__(self) -> None:
        if self.several and self.count != 1:
            raise DataError("give either 'count' (a number of seats) or 'several: true' "
                            "(plural, number not stated), not both", path="several")


@frozen(kw_only=True)
class Body:
    """Grupp i samverkansorganisationen: råd, styrgrupp, arbetsgrupp, insatsgrupp or krisstöd."""

    name: str = text_field()
    """Full name as a heading, *Trygga Höör styrgrupp*."""
    short_name: str = text_field()
    """The name used in running text and references, *Styrgruppen*."""
    kind: BodyKind
    task: tuple[str, ...] = paragraphs()
    cadence: Cadence | None = None
    composition: tuple[CompositionEntry, ...] = field(factory=tuple)
    convener: str | None = optional_text()
    """The declared role that calls the meetings (*sammankallande*); it need not be one of the
    composition's seats (Höör's trygghetsråd is called by the board's first vice chair)."""
    reports_to: str | None = optional_text()
    """Short name of the body this one reports to."""
    activated_by: str | None = optional_text()
    """Short name of the body that activates this one when needed (SIG by *Arbetsgrupp ung*)."""
    work_areas: tuple[int, ...] = field(factory=tuple)
    """Numbers of the collaboration areas this body works with (*arbetsområden*)."""
    notes: tuple[str, ...] = paragraphs()


@frozen(kw_only=True)
class Responsibility:
    """Ansvar: one or more roles and the duty they carry.

    The sentence is the roles joined with *och* followed by ``duty``:
    ``roles: [Kommunpolis, Säkerhetschef]`` and ``duty: "ansvarar för …"``.
    """

    roles: tuple[str, ...] = field(validator=at_least(1, "role"))
    duty: str = text_field()
    """The predicate that follows the roles: ``ansvarar för att följa …``."""


@frozen(kw_only=True)
class CollaborationArea:
    """Samverkansområde: a problem area with its situation, where collaboration happens and who does what."""

    number: int = field(validator=validators.ge(1))
    title: str = text_field()
    situation: tuple[str, ...] = paragraphs()
    """The situation today; may cite sources as ``[^id]``."""
    collaboration: str | None = optional_text()
    """Where collaboration happens, written to follow *Samverkan sker …*."""
    bodies: tuple[str, ...] = field(factory=tuple)
    """Short names of the bodies where collaboration on this area happens."""
    responsibilities_heading: str | None = optional_text()
    responsibilities: tuple[Responsibility, ...] = field(factory=tuple)


@frozen(kw_only=True)
class FollowUpModel:
    """The parts the national model (Brå, Polisen, SKR) asks of an agreement; each optional."""

    problems: tuple[str, ...] = paragraphs()
    """Problem i fokus."""
    causes: tuple[str, ...] = paragraphs()
    """Troliga bakomliggande orsaker."""
    goals: tuple[str, ...] = paragraphs()
    """Avgränsade och mätbara mål."""
    documentation: tuple[str, ...] = paragraphs()
    """Hur arbetet dokumenteras."""
    follow_up: tuple[str, ...] = paragraphs()
    """Hur arbetet följs upp."""

    @property
    def is_empty(self) -> bool:
        return not any((self.problems, self.causes, self.goals, self.documentation, self.follow_up))


@frozen(kw_only=True)
class PartySignatory(Signatory):
    """Underskrift för en part: who signs for which party, where and when.

    ``organisation`` names the party signed for (its name or short name); ``place`` and
    ``date`` are printed as *Höör 2016-12-21*, and left as a line to fill in when not given."""

    place: str | None = optional_text()
    """Ort: where the party signs."""
    date: dt.date | None = None
    """The day the party signs."""


@frozen(kw_only=True)
class Agreement:
    """Samverkansöverenskommelse mellan kommunen och Polisen.

    An agreement without ``adoption`` is a draft and renders marked *UTKAST*.
    """

    title: str = text_field()
    programme: str | None = optional_text()
    """Programme name, *Trygga Höör*."""
    parties: tuple[Organisation, ...] = field(validator=at_least(2, "parties (the police and the municipality)"))
    period: Period
    adoption: Adoption | None = None
    preamble: tuple[str, ...] = paragraphs()
    goal: tuple[str, ...] = paragraphs()
    evidence: tuple[str, ...] = field(factory=tuple)
    """What the joint work rests on (*trygghetsmätningar, medborgardialoger …*)."""
    areas_summary: tuple[str, ...] = paragraphs()
    organisation_intro: tuple[str, ...] = paragraphs()
    areas_intro: tuple[str, ...] = paragraphs()
    roles: tuple[Role, ...] = field(factory=tuple)
    bodies: tuple[Body, ...] = field(factory=tuple)
    areas: tuple[CollaborationArea, ...] = field(factory=tuple)
    model: FollowUpModel = field(factory=FollowUpModel)
    decision: tuple[str, ...] = paragraphs()
    signatories: tuple[PartySignatory, ...] = field(factory=tuple)
    """Underskrifter: one or more per party, with place and date when known."""
    sources: tuple[Source, ...] = field(factory=tuple)

    @property
    def is_draft(self) -> bool:
        return self.adoption is None

    def body(self, short_name: str) -> Body:
        """The body with this short name (case-insensitive)."""
        for body in self.bodies:
            if body.short_name.casefold() == short_name.casefold():
                return body
        raise KeyError(short_name)

    def __attrs_post_init__(self) -> None:
        unique_names(self.roles, "name", "roles", "the role")
        unique_names(self.bodies, "short_name", "bodies", "the body")
        unique_names(self.areas, "number", "areas", "the area number")
        unique_names(self.sources, "id", "sources", "the source id")
        self._check_references()
        self._check_signatories()

    def _check_signatories(self) -> None:
        names = {n.casefold() for p in self.parties for n in (p.name, p.short_name) if n}
        for i, signer in enumerate(self.signatories):
            if signer.organisation and signer.organisation.casefold() not in names:
                raise DataError(
                    f"'{signer.name}' signs for '{signer.organisation}', which is not a party; "
                    f"write one of: {', '.join(p.name for p in self.parties)}",
                    path=data_path("signatories", i, "organisation"))

    def _check_references(self) -> None:
        roles = {r.name.casefold() for r in self.roles}
        bodies = {b.short_name.casefold(): b.short_name for b in self.bodies}
        numbers = {a.number for a in self.areas}
        sources = {s.id for s in self.sources}

        def known(value: str, names: dict[str, str] | set[str], path: str, what: str) -> None:
            if value.casefold() not in names:
                choices = sorted(names.values() if isinstance(names, dict)
                                 else {r.name for r in self.roles})
                raise DataError(f"unknown {what} '{value}'; declare it under "
                                f"'{'roles' if what == 'role' else 'bodies'}' or use one of: "
                                f"{', '.join(choices) or '(none declared)'}", path=path)

        for i, body in enumerate(self.bodies):
            for j, seat in enumerate(body.composition):
                known(seat.role, roles, data_path("bodies", i, "composition", j, "role"), "role")
            if body.convener:
                known(body.convener, roles, data_path("bodies", i, "convener"), "role")
            for attr in ("reports_to", "activated_by"):
                target = getattr(body, attr)
                if target:
                    known(target, bodies, data_path("bodies", i, attr), "body")
                    if target.casefold() == body.short_name.casefold():
                        raise DataError(f"'{body.short_name}' cannot report to itself",
                                        path=data_path("bodies", i, attr))
            for j, number in enumerate(body.work_areas):
                if number not in numbers:
                    raise DataError(f"there is no collaboration area number {number}; "
                                    f"areas are numbered {sorted(numbers)}",
                                    path=data_path("bodies", i, "work_areas", j))
        for i, area in enumerate(self.areas):
            for j, name in enumerate(area.bodies):
                known(name, bodies, data_path("areas", i, "bodies", j), "body")
            for j, resp in enumerate(area.responsibilities):
                for k, role in enumerate(resp.roles):
                    known(role, roles, data_path("areas", i, "responsibilities", j, "roles", k),
                          "role")
            for j, text in enumerate(area.situation):
                for cited in CITATION.findall(text):
                    if cited not in sources:
                        raise DataError(f"the text cites the source '[^{cited}]', which is not "
                                        f"declared under 'sources' (declared: "
                                        f"{', '.join(sorted(sources)) or 'none'})",
                                        path=data_path("areas", i, "situation", j))
        self._check_no_reporting_cycle()

    def _check_no_reporting_cycle(self) -> None:
        parent = {b.short_name.casefold(): (b.reports_to or "").casefold() for b in self.bodies}
        for i, body in enumerate(self.bodies):
            seen, node = set(), body.short_name.casefold()
            while node:
                if node in seen:
                    raise DataError(f"'{body.short_name}' reports to itself through a chain of "
                                    f"bodies; the reporting lines must form a tree",
                                    path=data_path("bodies", i, "reports_to"))
                seen.add(node)
                node = parent.get(node, "")
