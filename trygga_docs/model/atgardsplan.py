"""Åtgärdsplan: the actions the municipality decides on the lägesbild's prioritised problems (lag
2023:196, 5 §), in Brå's table: *Orsak*, *Åtgärd*, *Operativa mål*, *När*, *Vem*, *Uppföljning*.

Each entry answers one problem of the lägesbild by its id. An action's status follows a rule (see
``ActionStatus``): it may be left out and is then derived; written out, it must agree with the rule.
Each action has an id, ``P1.2`` (the problem's id and its place under it) unless it gives its own;
the follow-up of the plan (``PlanFollowUp``) reports on the actions by these ids.

>>> action_status(start=dt.date(2025, 3, 1), end=dt.date(2025, 6, 30), completed=None,
...               as_of=dt.date(2025, 8, 1)).value
'försenad'
"""

from __future__ import annotations

import datetime as dt
import enum

from attrs import field, frozen, validators

from trygga_docs.errors import DataError, data_path
from trygga_docs.model.common import (Adoption, Organisation, Period, Role, Signatory, at_least,
                                      optional_text, paragraphs, text_field, unique_names)
from trygga_docs.model.lagesbild import Lagesbild, identifier


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

    id: str | None = field(default=None, validator=validators.optional(identifier))
    """The action's own id; default: the problem's id and the action's place, ``P1.2``."""
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
        if self.completed is not None and self.completed < self.start:
            raise DataError(f"the action is completed ({self.completed.isoformat()}) before it "
                            f"starts ({self.start.isoformat()})", path="completed")


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
                                path=data_path("roles", i, "organisation"))
        names = parties | {r.name.casefold() for r in self.roles}
        ids: dict[str, str] = {}
        for i, entry in enumerate(self.problems):
            for j, action in enumerate(entry.actions):
                where = data_path("problems", i, "actions", j)
                key = self.action_id(entry, j).casefold()
                if key in ids:
                    raise DataError(f"the action id '{self.action_id(entry, j)}' is given twice (also "
                                    f"at {ids[key]}); give the action its own 'id'",
                                    path=data_path(where, "id") if action.id else where)
                ids[key] = where
        linked = {"areas": self.agreement, "promises": self.promises}
        for i, entry in enumerate(self.problems):
            if entry.problem not in known:
                raise DataError(f"there is no problem '{entry.problem}' in the lägesbild; its "
                                f"problems are {', '.join(known)}",
                                path=data_path("problems", i, "problem"))
            for j, action in enumerate(entry.actions):
                where = data_path("problems", i, "actions", j)
                for k, who in enumerate(action.who):
                    if who.casefold() not in names:
                        raise DataError(
                            f"'{who}' is neither a party nor a declared role; use one of: "
                            f"{', '.join([o.label for o in self.parties] + [r.name for r in self.roles])}",
                            path=data_path(where, "who", k))
                for attr, document in linked.items():
                    numbers = {n.number for n in document.items} if document else set()
                    for k, number in enumerate(getattr(action, attr)):
                        if number not in numbers:
                            what = "collaboration area" if attr == "areas" else "medborgarlöfte"
                            raise DataError(f"there is no {what} {number}; declare it under "
                                            f"'{'agreement' if attr == 'areas' else 'promises'}.items' "
                                            f"(declared: {', '.join(map(str, sorted(numbers))) or 'none'})",
                                            path=data_path(where, attr, k))
                if action.completed is not None and action.completed > self.as_of:
                    raise DataError(f"the completion date {action.completed.isoformat()} is after "
                                    f"the day the statuses are told ({self.as_of.isoformat()})",
                                    path=data_path(where, "completed"))
                derived = self.derived_status(action)
                if action.status is not None and action.status is not derived:
                    raise DataError(
                        f"the status '{action.status.value}' contradicts the rule, which gives "
                        f"'{derived.value}' on {self.as_of.isoformat()} (start "
                        f"{action.start.isoformat()}, end {action.end.isoformat()}, "
                        f"{'completed ' + action.completed.isoformat() if action.completed else 'no completion date'}); "
                        f"correct the dates or leave the status out",
                        path=data_path(where, "status"))

    @property
    def as_of(self) -> dt.date:
        """The day the statuses are told: ``status_date``, the decision's date or the plan's start."""
        if self.status_date is not None:
            return self.status_date
        return self.decision.date if self.decision is not None else self.period.start

    @staticmethod
    def action_id(entry: PlanProblem, index: int) -> str:
        """The id of the action at ``index`` under ``entry``: its own, or ``P1.2``."""
        return entry.actions[index].id or f"{entry.problem}.{index + 1}"

    def actions(self) -> list[tuple[str, PlanProblem, Action]]:
        """Every action with its id and the problem it answers, in the plan's order."""
        return [(self.action_id(entry, j), entry, action)
                for entry in self.problems for j, action in enumerate(entry.actions)]

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


# ---------------------------------------------------------------------------------------------
# Uppföljning av åtgärdsplanen


def reported_status(action: Action, *, completed: dt.date | None, reported: bool,
                    as_of: dt.date) -> ActionStatus | None:
    """An action's status in the follow-up of the plan; None is *ej redovisad*.

    The rule of ``ActionStatus`` on the follow-up's day, with one difference: an action that
    has started and has no completion date is *ej redovisad* (None) when the follow-up does not
    report it, since only a report can say that it goes on (or is late rather than done).

    >>> d = dt.date
    >>> act = Action(text="a", goal="b", start=d(2025, 3, 1), end=d(2025, 6, 30), who=("X",),
    ...              follow_up="c")
    >>> [reported_status(act, completed=c, reported=r, as_of=d(2025, 8, 1))
    ...  for c, r in ((None, True), (None, False), (d(2025, 7, 1), False))]
    [<ActionStatus.LATE: 'försenad'>, None, <ActionStatus.DONE: 'genomförd'>]
    """
    if completed is not None and completed <= as_of:
        return ActionStatus.DONE
    if as_of < action.start:
        return ActionStatus.NOT_STARTED
    if not reported:
        return None
    return ActionStatus.LATE if as_of > action.end else ActionStatus.ONGOING


def problem_status(statuses: list[ActionStatus | None]) -> ActionStatus | None:
    """A problem's status from its actions' statuses: **genomförd** when all are genomförda,
    else **försenad** when one is försenad, else **ej redovisad** (None) when one is not
    reported, else **ej påbörjad** when none has started, else **pågår**.

    >>> s = ActionStatus
    >>> [problem_status(x) for x in ([s.DONE, s.DONE], [s.DONE, s.LATE, None], [s.DONE, s.NOT_STARTED])]
    [<ActionStatus.DONE: 'genomförd'>, <ActionStatus.LATE: 'försenad'>, <ActionStatus.ONGOING: 'pågår'>]
    """
    if all(s is ActionStatus.DONE for s in statuses):
        return ActionStatus.DONE
    if ActionStatus.LATE in statuses:
        return ActionStatus.LATE
    if None in statuses:
        return None
    if all(s is ActionStatus.NOT_STARTED for s in statuses):
        return ActionStatus.NOT_STARTED
    return ActionStatus.ONGOING


@frozen(kw_only=True)
class ActionReport:
    """Redovisning av en åtgärd: what was done, for the action with this id in the plan."""

    action: str = text_field()
    """The action's id in the plan: ``P1.2``."""
    done: tuple[str, ...] = paragraphs()
    """Vad som har gjorts, and what it achieved against the operational goal."""
    completed: dt.date | None = None
    """The day the action was completed, when the plan does not give it already."""
    status: ActionStatus | None = None
    """Written out, it must agree with the rule (``reported_status``); left out, it is derived."""


@frozen(kw_only=True)
class ProblemAssessment:
    """Bedömning: how the work on one prioritised problem has gone."""

    problem: str = text_field()
    """The problem's id: ``P1``."""
    text: tuple[str, ...] = paragraphs()


@frozen(kw_only=True)
class PlanFollowUp:
    """Uppföljning av åtgärdsplanen (lag 2023:196 asks the municipality to follow the plan up).

    ``plan`` is the åtgärdsplan itself; in a data file it may name its file
    (``plan: atgardsplan-2025-2026.yaml``). The statuses are told on ``status_date`` (default:
    ``date``) by the rule of ``reported_status``; ``example: true`` marks invented data.
    """

    plan: ActionPlan
    date: dt.date = field(validator=validators.instance_of(dt.date))
    """The date of the follow-up report."""
    status_date: dt.date | None = None
    """The day the statuses are told, such as the last day of the year followed up; default:
    ``date``."""
    title: str | None = optional_text()
    """Default: *Uppföljning av åtgärdsplanen för det brottsförebyggande arbetet i <kommun> <år–år>*."""
    example: bool = False
    summary: tuple[str, ...] = paragraphs()
    """Sammanfattning; the count of actions per status is added to it."""
    actions: tuple[ActionReport, ...] = field(factory=tuple)
    """What was done, per action of the plan (by its id); an action not reported here is *ej
    redovisad* once it has started."""
    problems: tuple[ProblemAssessment, ...] = field(factory=tuple)
    """An assessment per prioritised problem (by its id)."""
    conclusions: tuple[str, ...] = paragraphs()
    """Fortsatt arbete: what changes in the plan or the work after this follow-up."""
    signatories: tuple[Signatory, ...] = field(factory=tuple)

    def __attrs_post_init__(self) -> None:
        plan = self.plan
        if self.status_date is not None and self.status_date > self.date:
            raise DataError(f"the statuses are told on {self.status_date.isoformat()}, after the "
                            f"follow-up's date {self.date.isoformat()}; a follow-up cannot report "
                            f"on a day to come", path="status_date")
        if self.as_of < plan.as_of:
            raise DataError(f"the statuses are told on {self.as_of.isoformat()}, before the "
                            f"plan's own status date {plan.as_of.isoformat()}; a follow-up comes "
                            f"after the plan", path="status_date" if self.status_date else "date")
        actions = {key.casefold(): (key, action) for key, _, action in plan.actions()}
        unique_names(self.actions, "action", "actions", "the report on action")
        unique_names(self.problems, "problem", "problems", "the assessment of problem")
        for i, report in enumerate(self.actions):
            where = data_path("actions", i)
            found = actions.get(report.action.casefold())
            if found is None:
                raise DataError(f"there is no action '{report.action}' in the plan; its actions "
                                f"are {', '.join(k for k, _ in actions.values())}",
                                path=data_path(where, "action"))
            key, action = found
            if report.completed is not None:
                if action.completed is not None and action.completed != report.completed:
                    raise DataError(f"the plan says the action {key} was completed on "
                                    f"{action.completed.isoformat()}, not "
                                    f"{report.completed.isoformat()}; leave one of them out",
                                    path=data_path(where, "completed"))
                if report.completed < action.start:
                    raise DataError(f"the action {key} is completed ({report.completed.isoformat()}) "
                                    f"before it starts ({action.start.isoformat()})",
                                    path=data_path(where, "completed"))
                if report.completed > self.as_of:
                    raise DataError(f"the completion date {report.completed.isoformat()} is after "
                                    f"the day the statuses are told ({self.as_of.isoformat()})",
                                    path=data_path(where, "completed"))
            derived = self.status(key)
            if report.status is not None and report.status is not derived:
                completed = self.completed(key)
                raise DataError(
                    f"the status '{report.status.value}' contradicts the rule, which gives "
                    f"'{derived.value if derived else 'ej redovisad'}' on {self.as_of.isoformat()} "
                    f"(start {action.start.isoformat()}, end {action.end.isoformat()}, "
                    f"{'completed ' + completed.isoformat() if completed else 'no completion date'}); "
                    f"correct the dates or leave the status out", path=data_path(where, "status"))
        problems = {entry.problem for entry in plan.problems}
        for i, assessment in enumerate(self.problems):
            if assessment.problem not in problems:
                raise DataError(f"the plan has no actions for a problem '{assessment.problem}'; its "
                                f"problems are {', '.join(e.problem for e in plan.problems)}",
                                path=data_path("problems", i, "problem"))

    @property
    def as_of(self) -> dt.date:
        """The day the statuses are told: ``status_date`` or ``date``."""
        return self.status_date or self.date

    def report(self, action_id: str) -> ActionReport | None:
        return next((r for r in self.actions if r.action.casefold() == action_id.casefold()), None)

    def _action(self, action_id: str) -> Action:
        return next(a for key, _, a in self.plan.actions() if key == action_id)

    def completed(self, action_id: str) -> dt.date | None:
        """The day the action was completed, by the plan or by this follow-up."""
        report = self.report(action_id)
        return self._action(action_id).completed or (report.completed if report else None)

    def status(self, action_id: str) -> ActionStatus | None:
        """The derived status of the action with this id; None is *ej redovisad*."""
        return reported_status(self._action(action_id), completed=self.completed(action_id),
                               reported=self.report(action_id) is not None, as_of=self.as_of)

    def problem_status(self, entry: PlanProblem) -> ActionStatus | None:
        """The derived status of the plan's answer to one problem (see ``problem_status``)."""
        return problem_status([self.status(self.plan.action_id(entry, j))
                               for j in range(len(entry.actions))])

    def assessment(self, problem_id: str) -> ProblemAssessment | None:
        return next((a for a in self.problems if a.problem == problem_id), None)
