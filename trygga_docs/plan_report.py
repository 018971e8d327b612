"""The tjänsteskrivelse for the board's decision on an åtgärdsplan (lag 2023:196), drafted from the
plan and its lägesbild: the proposal to adopt the plan, the law and the lägesbild as background,
the problems and their actions as the matter, the plan, the lägesbild and the linked documents as
the documents of the case. What only the officer can write (the assessment, the consequences,
who writes and under which diarienummer when the plan has none) is left as ``<…>``, which
``check`` and ``render`` warn about; the report is a draft (*UTKAST*) until ``draft`` is false.

``trygga-docs new report --from-plan PLAN.yaml`` writes it as a data file.

>>> from trygga_docs.loader import EXAMPLES, load
>>> report = report_from_plan(load(EXAMPLES / "ekby" / "atgardsplan-2025-2026.yaml"),
...                           date=dt.date(2025, 3, 20))
>>> report.title
'Beslut om åtgärdsplan för det brottsförebyggande arbetet i Ekby kommun 2025–2026'
>>> report.proposals[0]
'Kommunstyrelsen antar åtgärdsplan för det brottsförebyggande arbetet i Ekby kommun 2025–2026.'
"""

from __future__ import annotations

import datetime as dt

from trygga_docs import text
from trygga_docs.context.lagesbild import lagesbild_title, plan_title, shown
from trygga_docs.model.atgardsplan import ActionPlan
from trygga_docs.model.common import Signatory
from trygga_docs.model.report import CaseDocument, Consequences, Officer, Report
from trygga_docs.model.secrecy import Passage

LAW = "lag (2023:196) om kommuners ansvar för brottsförebyggande arbete"

ASSESSMENT = "<Förvaltningens bedömning av planen skrivs här.>"
"""The assessment the officer writes."""

CONSEQUENCES = Consequences(
    economy=("<Vad åtgärderna kostar och hur de finansieras.>",),
    environment=("<Konsekvenser för miljön, eller: Inga kända konsekvenser.>",),
    citizens=("<Vad planen betyder för dem som bor och vistas i kommunen.>",),
    children=("<Vad planen betyder för barn och unga.>",))
"""The consequences the officer writes: a draft cannot know them, so none is left to say
*Inga kända konsekvenser* on its own."""


def _problems_line(plan: ActionPlan) -> str:
    """``Våld i centrum under helgnätter (P1), … och Otrygghet … (P6)``, in priority order."""
    return text.join_list(f"{text.lower_first(p.title)} ({p.id})" for p in plan.lagesbild.problems)


def _action_list(plan: ActionPlan) -> list[Passage]:
    """Per problem the plan answers: its title and actions, as a paragraph with a list."""
    order = {p.id: i for i, p in enumerate(plan.lagesbild.problems)}
    out: list[Passage] = []
    for entry in sorted(plan.problems, key=lambda e: order[e.problem]):
        problem = plan.lagesbild.problem(entry.problem)
        n = len(entry.actions)
        lead = (f"{problem.title} ({problem.id}): "
                f"{text.count_words(n)} {'åtgärd' if n == 1 else 'åtgärder'}.")
        items = [f"- {shown(a.text)}" for a in entry.actions]
        out.append("\n".join([lead, *items]))
    return out


def _links(plan: ActionPlan) -> list[str]:
    """Which of the agreement's areas and which medborgarlöften the actions carry out."""
    out = []
    for attr, document, what in (("areas", plan.agreement, "områdena"),
                                 ("promises", plan.promises, "löftena")):
        numbers = sorted({n for _, _, a in plan.actions() for n in getattr(a, attr)})
        if document is not None and numbers:
            out.append(f"{document.title} ({what} {text.join_list(str(n) for n in numbers)})")
    if not out:
        return []
    return [f"Åtgärderna genomför delar av {text.join_list(out)}."]


def report_from_plan(plan: ActionPlan, *, date: dt.date, department: str = "<förvaltning>",
                     officer: Officer | None = None, case_number: str | None = None) -> Report:
    """The tjänsteskrivelse proposing that the board adopt ``plan`` (a draft).

    The addressee is the body of the plan's ``decision`` (*Kommunstyrelsen* without one), the
    diarienummer the decision's, else ``case_number`` or ``<diarienummer>``.
    """
    officer = officer or Officer(name="<handläggare>", title="<titel>")
    decision = plan.decision
    addressee = text.upper_first(decision.body) if decision is not None else "Kommunstyrelsen"
    number = (decision.case_number if decision is not None and decision.case_number
              else case_number or "<diarienummer>")
    title = plan_title(plan)
    span = plan.period.year_span
    lagesbild = plan.lagesbild
    problems = len(lagesbild.problems)
    actions = len(plan.actions())
    answered = len(plan.problems)
    authors = text.join_list(a.name for a in lagesbild.authors)
    measures = f"{text.count_words(actions)} {'åtgärd' if actions == 1 else 'åtgärder'}"
    all_of = f"lägesbildens {text.count_words(problems, neuter=True)} prioriterade problem"
    if answered < problems:
        all_of = f"{text.count_words(answered, neuter=True)} av {all_of}"
    description: list[Passage] = [
        f"Planen gäller {span} och genomförs av {text.join_list(p.name for p in plan.parties)}. "
        f"Den har {measures} för {all_of}. För varje åtgärd anger planen orsak, operativa mål, "
        f"när, vem och hur den följs upp.",
        *_action_list(plan),
        *_links(plan),
        *(shown(p) for p in plan.follow_up),
    ]
    return Report(
        organisation=plan.municipality, department=department, officer=officer,
        case_number=number, date=date, addressee=addressee,
        title=f"Beslut om {text.lower_first(title)}", draft=True,
        proposals=(f"{addressee} antar {text.lower_first(title)}.",),
        summary=(f"Enligt {LAW} ska kommunen besluta om en åtgärdsplan utifrån sin lägesbild "
                 f"över brottsligheten. Förslaget till åtgärdsplan för {span} svarar med "
                 f"{measures} på {all_of}.",),
        background=(
            f"Sedan den 1 juli 2023 ska varje kommun enligt {LAW} ta fram en lägesbild över "
            f"brottsligheten i kommunen, besluta om en åtgärdsplan utifrån lägesbilden och följa "
            f"upp planen.",
            f"{lagesbild_title(lagesbild)} är daterad den {text.long_date(lagesbild.date)}"
            + (f" och framtagen av {authors}" if authors else "")
            + f". Den pekar ut {text.count_words(problems, neuter=True)} prioriterade "
              f"problem: {_problems_line(plan)}."),
        description=tuple(description),
        assessment=(ASSESSMENT,),
        consequences=CONSEQUENCES,
        documents=(
            CaseDocument(title=f"Tjänsteskrivelse, Beslut om {text.lower_first(title)}", date=date),
            CaseDocument(title=title),
            CaseDocument(title=lagesbild_title(lagesbild), date=lagesbild.date),
            *(CaseDocument(title=text.upper_first(d.title), attached=False)
              for d in (plan.agreement, plan.promises) if d is not None)),
        distribution=tuple(p.name for p in plan.parties if p.name != plan.municipality),
        signatories=(Signatory(name=officer.name, title=officer.title),),
    )
