"""Åtgärdsplan: the actions the municipality decides on the lägesbild's prioritised problems (lag
2023:196, 5 §), in Brå's table: *Orsak*, *Åtgärd*, *Operativa mål*, *När*, *Vem*, *Uppföljning*.

Each entry answers one problem of the lägesbild by its id. An action's status follows a rule (see
``ActionStatus``): it may be left out and is then derived; written out, it must agree with the rule.

>>> action_status(start=dt.date(2025, 3, 1), end=dt.date(2025, 6, 30), completed=None,
...               as_of=dt.date(2025, 8, 1)).value
'försenad'
"""

from __future__ import annotations

import datetime as dt
import enum

from attrs import field, frozen, validators

from trygga_docs.errors import DataError
from trygga_docs.model.common import (Adoption, Organisation, Period, Role, at_least, optional_text,
                                      paragraphs, text_field, unique_names)
from trygga_docs.model.lagesbild import Lagesbild


class ActionStatus(enum.Enum):
    """Status of an action, by this rule on the day the plan's status is told (``status_date``):

    - **genomförd** when it has a completion date (``completed``), which is on or before that day;
    - otherwise **ej påbörjad** before its start date,
    - **försenad** after its end date,
    - and **pågår** in between.
    """

    NOT_STARTED = "ej påbörjad"
    ONGOING = "pågår"
    LATE = "försenad"
    DONE = "genomförd"


def action_status(*, start: dt.date, end: dt.date, completed: dt.date | None,
                  as_of: dt.date) -> ActionStatus:
    """The status the rule in ``ActionStatus`` gives.

    >>> d = dt.date
    >>> [action_status(start=d(2025, 3, 1), end=d(2025, 6, 30), completed=c, as_of=a).value
    ...  for c, a in ((None, d(2025, 1, 1)), (None, d(2025, 4, 1)), (d(2025, 5, 2), d(2025, 8, 1)))]
    ['ej påbörjad', 'pågår', 'genomförd']
    """
    if completed is not None:
        return ActionStatus.DONE
    if as_of < start:
        return ActionStatus.NOT_STARTED
    if as_of > end:
        return ActionStatus.LATE
    return ActionStatus.ONGOING


@frozen(kw_only=True)
class Action:
    """Åtgärd, with its operational goal, when, who and how it is followed up."""

    text: str = text_field()
    """Åtgärd: what is done."""
    goal: str = text_field()
    """Operativa mål: what the action shall achieve, measurably."""
    start: dt.date = field(validator=validators.instance_of(dt.date))
    end: dt.date = field(validator=validators.instance_of(dt.date))
    when: str | None = optional_text()
    """När, in words when the dates need it: *varje helg under sommarlovet*."""
    who: tuple[str, ...] = field(validator=at_least(1, "party or role responsible"))
    """Vem: parties (name or short name) or roles declared in the plan."""
    follow_up: str = text_field()
    """Uppföljning: how and by whom the action is followed up."""
    completed: dt.date | None = None
    """The day the action was completed."""
    status: ActionStatus | None = None
    """Written out, it must agree with the rule (``ActionStatus``); left out, it is derived."""
    areas: tuple[int, ...] = field(factory=tuple)
    """Numbers of the agreement's collaboration areas the action belongs to."""
    promises: tuple[int, ...] = field(factory=tuple)
    """Numbers of the medborgarlöften the action carries out."""

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise DataError(f"the action ends ({self.end.isoformat()}) before it starts "
                            f"({self.start.isoformat()})", path="end")


@frozen(kw_only=True)
class PlanProblem:
    """The plan's answer to one prioritised problem of the lägesbild."""

    problem: str = text_field()
    """The problem's id in the lägesbild: ``P1``."""
    cause: tuple[str, ...] = paragraphs()
    """Orsak: why the problem arises, as the analysis found."""
    actions: tuple[Action, ...] = field(validator=at_least(1, "action"))


@frozen(kw_only=True)
class NumberedLink:
    """A numbered item of another document: a collaboration area or a medborgarlöfte."""

    number: int = field(validator=[validators.instance_of(int), validators.ge(1)])
    title: str = text_field()


@frozen(kw_only=True)
class LinkedDocument:
    """The agreement or the medborgarlöften the plan links to, and its numbered items."""

    title: str = text_field()
    items: tuple[NumberedLink, ...] = field(factory=tuple)


@frozen(kw_only=True)
class ActionPlan:
    """Åtgärdsplan för det brottsförebyggande arbetet (lag 2023:196).

    ``lagesbild`` is the lägesbild itself; in a data file it may name its file
    (``lagesbild: lagesbild-2020-2024.yaml``). ``example: true`` marks invented data.
    """

    municipality: str = text_field()
    period: Period
    """The years the plan runs."""
    lagesbild: Lagesbild
    title: str | None = optional_text()
    """Default: *Åtgärdsplan för det brottsförebyggande arbetet i <kommun> <år–år>*."""
    example: bool = False
    decision: Adoption | None = None
    """Beslut: the body, date, § and diarienummer of the decision on the plan."""
    status_date: dt.date | None = None
    """The day the statuses are told; default: the decision's date."""
    parties: tuple[Organisation, ...] = field(validator=at_least(1, "party"))
    roles: tuple[Role, ...] = field(factory=tuple)
    """Roles that may be named under *Vem*; their organisation must be a party."""
    introduction: tuple[str, ...] = paragraphs()
    agreement: LinkedDocument | None = None
    """The samverkansöverenskommelse and its collaboration areas, by number."""
    promises: LinkedDocument | None = None
    """The medborgarlöften, by number."""
    problems: tuple[PlanProblem, ...] = field(validator=at_least(1, "problem"))
    follow_up: tuple[str, ...] = paragraphs()
    """How the plan as a whole is followed up and reported."""

    def __attrs_post_init__(self) -> None:
        known = {p.id: p for p in self.lagesbild.problems}
        unique_names(self.problems, "problem", "problems", "the problem")
        unique_names(self.roles, "name", "roles", "the role")
        parties = {n.casefold() for o in self.parties for n in (o.name, o.short_name) if n}
        for i, role in enumerate(self.roles):
            if role.organisation and role.organisation.casefold() not in parties:
                raise DataError(f"the role's organisation '{role.organisation}' is not a party; "
                                f"use one of: {', '.join(o.label for o in self.parties)}",
                                path=f"roles[{i}].organisation")
        names = parties | {r.name.casefold() for r in self.roles}
        linked = {"areas": self.agreement, "promises": self.promises}
        for i, entry in enumerate(self.problems):
            if entry.problem not in known:
                raise DataError(f"there is no problem '{entry.problem}' in the lägesbild; its "
                                f"problems are {', '.join(known)}", path=f"problems[{i}].problem")
            for j, action in enumerate(entry.actions):
                where = f"problems[{i}].actions[{j}]"
                for k, who in enumerate(action.who):
                    if who.casefold() not in names:
                        raise DataError(
                            f"'{who}' is neither a party nor a declared role; use one of: "
                            f"{', '.join([o.label for o in self.parties] + [r.name for r in self.roles])}",
                            path=f"{where}.who[{k}]")
                for attr, document in linked.items():
                    numbers = {n.number for n in document.items} if document else set()
                    for k, number in enumerate(getattr(action, attr)):
                        if number not in numbers:
                            what = "collaboration area" if attr == "areas" else "medborgarlöfte"
                            raise DataError(f"there is no {what} {number}; declare it under "
                                            f"'{'agreement' if attr == 'areas' else 'promises'}.items' "
                                            f"(declared: {', '.join(map(str, sorted(numbers))) or 'none'})",
                                            path=f"{where}.{attr}[{k}]")
                if action.completed is not None and action.completed > self.as_of:
                    raise DataError(f"the completion date {action.completed.isoformat()} is after "
                                    f"the day the statuses are told ({self.as_of.isoformat()})",
                                    path=f"{where}.completed")
                derived = self.derived_status(action)
                if action.status is not None and action.status is not derived:
                    raise DataError(
                        f"the status '{action.status.value}' contradicts the rule, which gives "
                        f"'{derived.value}' on {self.as_of.isoformat()} (start "
                        f"{action.start.isoformat()}, end {action.end.isoformat()}, "
                        f"{'completed ' + action.completed.isoformat() if action.completed else 'no completion date'}); "
                        f"correct the dates or leave the status out", path=f"{where}.status")

    @property
    def as_of(self) -> dt.date:
        """The day the statuses are told: ``status_date``, the decision's date or the plan's start."""
        if self.status_date is not None:
            return self.status_date
        return self.decision.date if self.decision is not None else self.period.start

    def derived_status(self, action: Action) -> ActionStatus:
        return action_status(start=action.start, end=action.end, completed=action.completed,
                             as_of=self.as_of)

    def organisation_label(self, name: str) -> str:
        """A party's label, or the role's name with its organisation."""
        for org in self.parties:
            if name.casefold() in {n.casefold() for n in (org.name, org.short_name) if n}:
                return org.label
        for role in self.roles:
            if role.name.casefold() == name.casefold():
                return f"{role.name} ({role.organisation})" if role.organisation else role.name
        return name
