"""Uppföljning av åtgärdsplanen (lag 2023:196) as its template sees it: per prioritised problem and
per action the derived status (a shaded cell, always with the status in words), what was done,
the assessment, and the rule the statuses follow."""

from __future__ import annotations

from attrs import frozen

from trygga_docs import text
from trygga_docs.context.common import Block, Properties, Signer, signer_rows
from trygga_docs.context.lagesbild import EXAMPLE_NOTE, decision_line, plan_title, shown, status_fill
from trygga_docs.context.markup import blocks
from trygga_docs.context.record import DataFileType, Document
from trygga_docs.model.atgardsplan import ActionStatus, PlanFollowUp
from trygga_docs.style import HouseStyle

NOT_REPORTED = "ej redovisad"
"""The status of an action the follow-up does not report (``None`` in the model)."""

NOT_REPORTED_FILL = "FFFFFF"
"""No shade: an action not reported has no status colour, only its words."""

NOT_REPORTED_TEXT = "Ingen redovisning i denna uppföljning."
"""What the *Vad som har gjorts* cell says of an action not reported."""

STATUS_RULE = (
    "Statusen räknas fram ur planens datum och det som redovisas, inte bedöms för hand. En åtgärd "
    "är genomförd när den har ett datum då den slutfördes. Annars är den ej påbörjad före sitt "
    "startdatum. En åtgärd som har startat men inte redovisas i uppföljningen är ej redovisad; en "
    "som redovisas är försenad efter sitt slutdatum och pågår annars. Ett problem är genomfört när "
    "alla dess åtgärder är genomförda, annars försenat när någon åtgärd är försenad, annars ej "
    "redovisat när någon åtgärd inte är redovisad, annars ej påbörjat när ingen åtgärd har startat, "
    "och annars pågår arbetet. Statusen gäller den dag som anges under rubriken."
)

_PLURAL = {ActionStatus.DONE: "genomförda", ActionStatus.LATE: "försenade",
           ActionStatus.NOT_STARTED: "ej påbörjade", None: "ej redovisade"}


def _word(status: ActionStatus | None) -> str:
    return status.value if status is not None else NOT_REPORTED


def _fill(status: ActionStatus | None, style: HouseStyle) -> str:
    return status_fill(status, style) if status is not None else NOT_REPORTED_FILL


def status_counts(statuses: list[ActionStatus | None]) -> str:
    """``två genomförda, en försenad och en pågår``: how many actions have each status.

    >>> s = ActionStatus
    >>> status_counts([s.DONE, s.ONGOING, s.ONGOING, None])
    'en genomförd, en ej redovisad och två pågår'
    """
    parts = []
    for status, plural in _PLURAL.items():
        n = statuses.count(status)
        if n:
            parts.append(f"{text.count_words(n)} {plural if n > 1 else _word(status)}")
    ongoing = statuses.count(ActionStatus.ONGOING)
    if ongoing:
        parts.append(f"{text.count_words(ongoing)} pågår")
    return text.join_list(parts)


@frozen(kw_only=True)
class FollowUpRow:
    """One action of the plan in the follow-up."""

    number: str
    """The action's id in the plan: ``P1.2``."""
    action: str
    """Åtgärd, as the plan says it."""
    goal: str
    """Operativa mål."""
    when_who: str
    """``2025-05-01–2026-12-31 · Polisen och Säkerhetssamordnare (Ekby kommun)``."""
    done: str
    """Vad som har gjorts, the report's paragraphs as one cell text; a note when not reported."""
    completed: str
    """``Slutförd 2025-06-12``; empty when not completed."""
    status: str
    """*Pågår*, *Ej påbörjad*, *Försenad*, *Genomförd* or *Ej redovisad*: the status in words."""
    fill: str
    """The status cell's shade, a hex colour without ``#`` (for ``{% cellbg %}``)."""


@frozen(kw_only=True)
class ProblemRow:
    """A row of the overview: one prioritised problem and its derived status."""

    problem: str
    """``P1 Våld i centrum nattetid``."""
    actions: str
    """``en genomförd och en pågår``."""
    status: str
    """The problem's status in words: *Pågår*."""
    fill: str
    """The status cell's shade, a hex colour without ``#``."""


@frozen(kw_only=True)
class FollowUpSection:
    """The follow-up of one prioritised problem."""

    heading: str
    """``Problem 1 (P1): Våld i centrum nattetid``."""
    status_line: str
    """``Status: pågår (en genomförd och en pågår).``: the problem's status in words."""
    assessment: list[str | Block]
    """Bedömning, paragraph by paragraph; empty when the follow-up gives none."""
    rows: list[FollowUpRow]
    """Its actions."""


@frozen(kw_only=True)
class PlanFollowUpContext:
    """What the template of the åtgärdsplan's follow-up sees."""

    example: bool
    """True for an invented municipality: the document says so."""
    example_note: str
    """The warning an example carries; empty otherwise."""
    title: str
    """``Uppföljning av åtgärdsplanen för det brottsförebyggande arbetet i Ekby kommun 2025–2026``."""
    header_title: str
    """``Uppföljning av åtgärdsplan 2025–2026``."""
    header_right: str
    """The municipality, or ``EXEMPEL``."""
    date_line: str
    """``Datum 2026-02-10``."""
    plan_line: str
    """``Följer upp Åtgärdsplan … beslutad av kommunstyrelsen den …``."""
    status_line: str
    """``Status per den 31 december 2025.``."""
    summary: list[str | Block]
    """Sammanfattning, paragraph by paragraph."""
    status_summary: str
    """``Av de tolv åtgärderna är fyra genomförda, …``."""
    overview: list[ProblemRow]
    """Per problem in priority order, its status."""
    sections: list[FollowUpSection]
    """Per problem in priority order, its actions and what was done."""
    status_rule: str
    """How a status is decided."""
    conclusions: list[str | Block]
    """Fortsatt arbete, paragraph by paragraph."""
    signatory_rows: list[list[Signer]]
    """The signatories two by two, the last row filled with a blank cell."""


def followup_title(follow_up: PlanFollowUp) -> str:
    plan = follow_up.plan
    return follow_up.title or (f"Uppföljning av åtgärdsplanen för det brottsförebyggande arbetet i "
                               f"{plan.municipality} {plan.period.year_span}")


def followup_status_summary(follow_up: PlanFollowUp) -> str:
    """``Av de tolv åtgärderna är fyra genomförda, …; fem pågår.`` on the follow-up's day."""
    statuses = [follow_up.status(key) for key, _, _ in follow_up.plan.actions()]
    counts = status_counts(statuses)
    if len(statuses) == 1:
        return f"Åtgärden {'pågår' if statuses[0] is ActionStatus.ONGOING else 'är ' + _word(statuses[0])}."
    if statuses.count(ActionStatus.ONGOING) == len(statuses):
        return f"Alla {text.count_words(len(statuses))} åtgärderna pågår."
    return f"Av de {text.count_words(len(statuses))} åtgärderna är {counts}."


def plan_followup_context(follow_up: PlanFollowUp, style: HouseStyle) -> PlanFollowUpContext:
    """Everything the follow-up's template shows, formatted."""
    plan = follow_up.plan
    lagesbild = plan.lagesbild
    order = {p.id: i for i, p in enumerate(lagesbild.problems)}
    overview, sections = [], []
    for entry in sorted(plan.problems, key=lambda e: order[e.problem]):
        problem = lagesbild.problem(entry.problem)
        rows, statuses = [], []
        for j, action in enumerate(entry.actions):
            key = plan.action_id(entry, j)
            status = follow_up.status(key)
            statuses.append(status)
            report = follow_up.report(key)
            completed = follow_up.completed(key)
            who = text.join_list(plan.organisation_label(w) for w in action.who)
            rows.append(FollowUpRow(
                number=key, action=action.text, goal=action.goal,
                when_who=f"{text.date_span(action.start, action.end)} · {who}",
                done=(" ".join(shown(p) for p in report.done) if report and report.done
                      else "" if report else NOT_REPORTED_TEXT),
                completed=f"Slutförd {text.iso_date(completed)}" if completed else "",
                status=text.upper_first(_word(status)), fill=_fill(status, style)))
        status = follow_up.problem_status(entry)
        counts = status_counts(statuses)
        assessment = follow_up.assessment(entry.problem)
        number = order[entry.problem] + 1
        overview.append(ProblemRow(problem=f"{problem.id} {problem.title}", actions=counts,
                                   status=text.upper_first(_word(status)), fill=_fill(status, style)))
        sections.append(FollowUpSection(
            heading=f"Problem {number} ({problem.id}): {problem.title}",
            status_line=f"Status: {_word(status)} ({counts}).",
            assessment=blocks(assessment.text) if assessment else [], rows=rows))
    decided = decision_line(plan)
    return PlanFollowUpContext(
        example=follow_up.example,
        example_note=(EXAMPLE_NOTE.format(what="en uppföljning av en åtgärdsplan")
                      if follow_up.example else ""),
        title=text.title_text(followup_title(follow_up)),
        header_title=f"Uppföljning av åtgärdsplan {plan.period.year_span}",
        header_right="EXEMPEL" if follow_up.example else plan.municipality,
        date_line=f"Datum {text.iso_date(follow_up.date)}",
        plan_line=(f"Följer upp {plan_title(plan)}"
                   + (f", {text.lower_first(decided)}" if decided else ".")),
        status_line=f"Status per den {text.long_date(follow_up.as_of)}.",
        summary=blocks(follow_up.summary),
        status_summary=followup_status_summary(follow_up),
        overview=overview,
        sections=sections,
        status_rule=STATUS_RULE,
        conclusions=blocks(follow_up.conclusions),
        signatory_rows=signer_rows([Signer(name=p.name, title=p.title) for p in follow_up.signatories]),
    )


def plan_followup_properties(follow_up: PlanFollowUp) -> Properties:
    plan = follow_up.plan
    return Properties(title=followup_title(follow_up),
                      subject=(f"Uppföljning av åtgärdsplan {plan.period.year_span}"
                               + (" (exempel)" if follow_up.example else "")),
                      author=text.join_list(p.name for p in plan.parties),
                      keywords=("åtgärdsplan", "uppföljning", "brottsförebyggande", plan.municipality))


PLAN_FOLLOWUP_DOCUMENT = Document(
    name="atgardsplan_uppfoljning", title="Uppföljning av åtgärdsplan", model=PlanFollowUp,
    context=PlanFollowUpContext, build=plan_followup_context, properties=plan_followup_properties)

PLAN_FOLLOWUP = DataFileType(key="atgardsplan_uppfoljning", model=PlanFollowUp,
                             documents=(PLAN_FOLLOWUP_DOCUMENT,),
                             skeleton="atgardsplan_uppfoljning.yaml",
                             references={"plan": "atgardsplan"})
"""``type: atgardsplan_uppfoljning``: the follow-up of an åtgärdsplan; ``plan:`` may name its file."""
