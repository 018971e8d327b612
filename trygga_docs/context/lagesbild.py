"""Lägesbild and åtgärdsplan (lag 2023:196) as their templates see them: the crime statistics as
tables (counts per year, rates per 100 000 inhabitants against the comparisons) and a chart, the
prioritised problems, and the plan as Brå's table grouped by problem, every status in words."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from trygga_docs import text
from trygga_docs.context.common import Block, Picture, Properties, Signer, signer_rows
from trygga_docs.context.markup import blocks
from trygga_docs.context.rate_chart import Series, rate_chart
from trygga_docs.context.record import DataFileType, Document
from trygga_docs.model.atgardsplan import Action, ActionPlan, ActionStatus
from trygga_docs.model.lagesbild import Lagesbild, Result
from trygga_docs.model.markup import parse as parse_markup
from trygga_docs.model.statistics_csv import include_statistics
from trygga_docs.style import HouseStyle

CHART_WIDTH_MM = 160

STATUS_FILLS = {ActionStatus.NOT_STARTED: "status_open", ActionStatus.ONGOING: "status_partly",
                ActionStatus.LATE: "status_not_met", ActionStatus.DONE: "status_met"}
"""The house style's key of each action status's cell shade; the status is always written out
as well."""


def status_fill(status: ActionStatus, style: HouseStyle) -> str:
    """The shade of an action's status cell in ``style``, hex without ``#``.

    >>> status_fill(ActionStatus.LATE, HouseStyle())
    'F6D5D3'
    """
    return str(getattr(style, STATUS_FILLS[status]))

EXAMPLE_NOTE = ("EXEMPEL – kommunen och alla siffror i detta dokument är påhittade och visar bara "
                "hur {what} ser ut. De är inte verkliga uppgifter.")


def _rate(value: float | None) -> str:
    """A rate per 100 000 as tables show it: whole numbers, ``–`` when not given.

    >>> _rate(1234.4), _rate(None)
    ('1\\xa0234', '–')
    """
    return "–" if value is None else text.decimal(round(value))


def _change(value: float | None) -> str:
    """``+12 %``, ``−3 %`` or ``–``.

    >>> _change(12.4), _change(-3.2), _change(None)
    ('+12\\xa0%', '−3\\xa0%', '–')
    """
    if value is None:
        return "–"
    sign = "+" if value > 0 else "\u2212" if value < 0 else "±"
    return f"{sign}{text.percent(abs(round(value)))}"


def _signers(people: Iterable[object]) -> list[list[Signer]]:
    return signer_rows([Signer(name=p.name, title=p.title) for p in people])  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# Lägesbild


@frozen(kw_only=True)
class TableRow:
    """A row of a statistics table: the offence category and a cell per column."""

    label: str
    """The offence category (or *Folkmängd*)."""
    cells: list[str]
    """The row's figures, formatted, one per column of ``…_headings``."""


@frozen(kw_only=True)
class ResultRow:
    """A survey result: label, value and the earlier value."""

    label: str
    """What was measured."""
    value: str
    """The value, formatted (``24,0 %``)."""
    earlier: str
    """The earlier value, or ``–``."""


@frozen(kw_only=True)
class InformationSection:
    """A section of other relevant information (a safety survey, the police's picture)."""

    heading: str
    """The section's heading."""
    text: list[str | Block]
    """Its paragraphs."""
    results: list[ResultRow]
    """Its results table; empty when it has none."""
    value_heading: str
    """The heading of the value column: ``2024``."""
    earlier_heading: str
    """The heading of the earlier values' column: ``2022``."""
    source: str
    """``Källa: …``; empty without a source."""


@frozen(kw_only=True)
class ProblemSection:
    """A prioritised problem."""

    heading: str
    """``1. Våld i centrum nattetid (P1)``."""
    text: list[str | Block]
    """The description, paragraph by paragraph."""
    categories: str
    """``Brottskategorier: Misshandel och Rån``; empty without categories."""


@frozen(kw_only=True)
class LagesbildContext:
    """What the lägesbild template sees."""

    example: bool
    """True for an invented municipality: the document says so."""
    example_note: str
    """The warning an example carries; empty otherwise."""
    title: str
    """``Lägesbild över brottsligheten i Ekby kommun 2020–2024``."""
    header_title: str
    """``Lägesbild 2020–2024``."""
    header_right: str
    """The municipality, or ``EXEMPEL``."""
    authors_line: str
    """``Framtagen av Ekby kommun och Polisen``; empty without authors."""
    date_line: str
    """``Datum 2025-03-01``."""
    introduction: list[str | Block]
    """The introduction, paragraph by paragraph."""
    count_headings: list[str]
    """The years, as the counts table's column headings."""
    count_rows: list[TableRow]
    """Reported offences per category and year, then the population."""
    counts_caption: str
    """``Tabell 1. Anmälda brott per år …`` with the source."""
    rate_headings: list[str]
    """The rate table's column headings: first and last year, change, each comparison."""
    rate_rows: list[TableRow]
    """Offences per 100 000 inhabitants per category."""
    rates_caption: str
    """``Tabell 2. Anmälda brott per 100 000 invånare …``."""
    chart: Picture | str
    """Rates per 100 000, the municipality against the comparisons; empty text without comparisons."""
    chart_caption: str
    """``Figur 1. …``; empty without a chart."""
    comparison_notes: list[str]
    """Which municipalities a comparison group holds."""
    crime_comments: list[str | Block]
    """What the figures say, paragraph by paragraph."""
    other: list[InformationSection]
    """Other relevant information, section by section."""
    analysis: list[str | Block]
    """The analysis, paragraph by paragraph."""
    problems_lead: str
    """``Lägesbilden pekar ut sex prioriterade problem …``."""
    problems: list[ProblemSection]
    """The prioritised problems in priority order."""
    sources: list[str]
    """The sources with their dates, numbered."""
    signatory_rows: list[list[Signer]]
    """The signatories two by two, the last row filled with a blank cell."""


def lagesbild_title(lagesbild: Lagesbild) -> str:
    return lagesbild.title or (f"Lägesbild över brottsligheten i {lagesbild.municipality} "
                               f"{lagesbild.period.year_span}")


def _source_text(lagesbild: Lagesbild, source_id: str | None) -> str:
    source = next((s for s in lagesbild.sources if s.id == source_id), None)
    if source is None:
        return ""
    when = f" (hämtad {text.long_date(source.accessed)})" if source.accessed else ""
    return f"Källa: {source.text}{when}."


def _result_value(result: Result, value: float | None) -> str:
    if value is None:
        return "–"
    return text.percent(value, digits=1) if result.percent else text.decimal(value)


def rate_series(lagesbild: Lagesbild) -> list[Series]:
    """The chart's series: the municipality's last year, then each comparison."""
    crime = lagesbild.crime
    last = crime.years[-1]
    series = [Series(f"{lagesbild.municipality} {last}",
                     tuple(crime.rate(last, c) for c in crime.categories))]
    series += [Series(f"{c.name} {c.year}", tuple(crime.compared(c, k) for k in crime.categories))
               for c in crime.comparisons]
    return series


def chart_alt_text(lagesbild: Lagesbild, series: list[Series]) -> str:
    """Every figure of the chart in words, for screen readers and the PDF's tags."""
    categories = lagesbild.crime.categories
    items = []
    for index, category in enumerate(categories):
        values = [f"{s.name} {_rate(s.values[index])}" for s in series]
        items.append(f"{category}: {text.join_list(values)}")
    return ("Liggande stapeldiagram över anmälda brott per 100 000 invånare per brottskategori. "
            + ". ".join(items) + ".")


def chart_picture(lagesbild: Lagesbild, style: HouseStyle | None = None) -> Picture | None:
    """The rate chart in the house style's colours and body font, or None without comparisons."""
    if not lagesbild.crime.comparisons:
        return None
    series = rate_series(lagesbild)
    png = rate_chart(lagesbild.crime.categories, series, width_mm=CHART_WIDTH_MM, style=style)
    return Picture(png, CHART_WIDTH_MM, chart_alt_text(lagesbild, series))


def lagesbild_context(lagesbild: Lagesbild, style: HouseStyle) -> LagesbildContext:
    """Everything the lägesbild template shows, formatted; the chart as a Picture."""
    crime = lagesbild.crime
    years = crime.years
    first, last = years[0], years[-1]
    span = lagesbild.period.year_span
    count_rows = [TableRow(label=c, cells=[_rate(crime.count(y, c)) for y in years])
                  for c in crime.categories]
    count_rows.append(TableRow(label="Folkmängd", cells=[text.decimal(crime.inhabitants(y)) for y in years]))
    rate_headings = ([str(first), str(last), f"Förändring {first}\u2013{last}"] if first != last
                     else [str(last)])
    rate_headings += [f"{c.name} {c.year}" for c in crime.comparisons]
    rate_rows = []
    for category in crime.categories:
        cells = ([_rate(crime.rate(first, category)), _rate(crime.rate(last, category)),
                  _change(crime.change(category))] if first != last
                 else [_rate(crime.rate(last, category))])
        cells += [_rate(crime.compared(c, category)) for c in crime.comparisons]
        rate_rows.append(TableRow(label=category, cells=cells))
    source = _source_text(lagesbild, crime.source)
    chart = chart_picture(lagesbild, style)
    problems = lagesbild.problems
    return LagesbildContext(
        example=lagesbild.example,
        example_note=EXAMPLE_NOTE.format(what="en lägesbild") if lagesbild.example else "",
        title=text.title_text(lagesbild_title(lagesbild)),
        header_title=f"Lägesbild {span}",
        header_right="EXEMPEL" if lagesbild.example else lagesbild.municipality,
        authors_line=(f"Framtagen av {text.join_list(a.name for a in lagesbild.authors)}"
                      if lagesbild.authors else ""),
        date_line=f"Datum {text.iso_date(lagesbild.date)}",
        introduction=blocks(lagesbild.introduction),
        count_headings=[str(y) for y in years],
        count_rows=count_rows,
        counts_caption=f"Tabell 1. Anmälda brott per år i {lagesbild.municipality}. {source}".strip(),
        rate_headings=rate_headings,
        rate_rows=rate_rows,
        rates_caption=(f"Tabell 2. Anmälda brott per 100 000 invånare, räknat på folkmängden "
                       f"varje år. {source}").strip(),
        chart=chart or "",
        chart_caption=(f"{text.TERMS.figure} 1. Anmälda brott per 100 000 invånare {last} jämfört med "
                       f"{text.join_list(text.lower_first(c.name) for c in crime.comparisons)}."
                       if chart else ""),
        comparison_notes=[f"{c.name}: {text.join_list(c.members)}." for c in crime.comparisons
                          if c.members],
        crime_comments=blocks(crime.comments),
        other=[InformationSection(
            heading=info.heading, text=blocks(info.text),
            results=[ResultRow(label=r.label, value=_result_value(r, r.value),
                               earlier=_result_value(r, r.earlier)) for r in info.results],
            value_heading=info.value_heading, earlier_heading=info.earlier_heading,
            source=_source_text(lagesbild, info.source)) for info in lagesbild.other],
        analysis=blocks(lagesbild.analysis),
        problems_lead=(f"Lägesbilden pekar ut {text.count_words(len(problems), neuter=True)} "
                       f"prioriterade {'problem' if len(problems) > 1 else 'problem'}, i "
                       f"prioritetsordning. Åtgärdsplanen svarar på dem med deras beteckningar."),
        problems=[ProblemSection(
            heading=f"{i}. {p.title} ({p.id})", text=blocks(p.description),
            categories=(f"Brottskategorier: {text.join_list(p.categories)}" if p.categories else ""))
            for i, p in enumerate(problems, start=1)],
        sources=[f"{i}. {s.text}" + (f", {s.url}" if s.url else "")
                 + (f" (hämtad {text.long_date(s.accessed)})" if s.accessed else "")
                 for i, s in enumerate(lagesbild.sources, start=1)],
        signatory_rows=_signers(lagesbild.signatories),
    )


def lagesbild_properties(lagesbild: Lagesbild) -> Properties:
    return Properties(title=lagesbild_title(lagesbild),
                      subject=f"Lägesbild {lagesbild.period.year_span}"
                              + (" (exempel)" if lagesbild.example else ""),
                      author=text.join_list(a.name for a in lagesbild.authors) or lagesbild.municipality,
                      keywords=("lägesbild", "brottsförebyggande", lagesbild.municipality))


# ---------------------------------------------------------------------------------------------
# Åtgärdsplan


STATUS_RULE = (
    "Statusen räknas fram ur datumen, inte bedöms för hand. En åtgärd är genomförd när den har ett "
    "datum då den slutfördes. Annars är den ej påbörjad före sitt startdatum, försenad efter sitt "
    "slutdatum och pågår däremellan. Statusen gäller den dag som anges under planens rubrik."
)


@frozen(kw_only=True)
class ActionRow:
    """A row of Brå's table: one action."""

    number: str
    """The action's id, which the follow-up refers to: ``P1.2``."""
    cause: str
    """Orsak; written on a problem's first row only."""
    action: str
    """Åtgärd."""
    links: str
    """``Samverkansområde 2 · Medborgarlöfte 1``; empty without links."""
    goal: str
    """Operativa mål."""
    when: str
    """När: the dates, and the words when given."""
    who: str
    """Vem: parties and roles."""
    follow_up: str
    """Uppföljning."""
    status: str
    """*Pågår*, *Ej påbörjad*, *Försenad* or *Genomförd*: the status in words."""
    fill: str
    """The status cell's shade, a hex colour without ``#`` (for ``{% cellbg %}``)."""


@frozen(kw_only=True)
class PlanSection:
    """The plan's part for one prioritised problem."""

    heading: str
    """``Problem 1 (P1): Våld i centrum nattetid``."""
    summary: str
    """The lägesbild's first paragraph on the problem; empty if it has none."""
    rows: list[ActionRow]
    """Its actions, in Brå's columns."""


@frozen(kw_only=True)
class ActionPlanContext:
    """What the åtgärdsplan template sees."""

    example: bool
    """True for an invented municipality: the document says so."""
    example_note: str
    """The warning an example carries; empty otherwise."""
    title: str
    """``Åtgärdsplan för det brottsförebyggande arbetet i Ekby kommun 2025–2026``."""
    header_title: str
    """``Åtgärdsplan 2025–2026``."""
    header_right: str
    """The municipality, or ``EXEMPEL``."""
    period_line: str
    """``Gäller 2025–2026.``."""
    decision_line: str
    """``Beslutad av kommunstyrelsen den …, § 45, dnr …``; empty without a decision."""
    basis_line: str
    """``Planen bygger på Lägesbild … (2025-03-01).``."""
    status_line: str
    """``Status per den 1 september 2025.``."""
    introduction: list[str | Block]
    """The introduction, paragraph by paragraph."""
    status_summary: str
    """``Av de tolv åtgärderna pågår åtta, …``."""
    sections: list[PlanSection]
    """Per problem in the lägesbild's priority order, its actions."""
    status_rule: str
    """How a status is decided."""
    links: list[str]
    """The agreement's areas and the medborgarlöften the actions link to, one line each."""
    follow_up: list[str | Block]
    """How the plan is followed up, paragraph by paragraph."""


def plan_title(plan: ActionPlan) -> str:
    return plan.title or (f"Åtgärdsplan för det brottsförebyggande arbetet i {plan.municipality} "
                          f"{plan.period.year_span}")


def decision_line(plan: ActionPlan) -> str:
    """``Beslutad av kommunstyrelsen den 15 april 2025, § 61, dnr KS 2025/112.``; empty without
    a decision."""
    decision = plan.decision
    if decision is None:
        return ""
    line = f"Beslutad av {decision.body} den {text.long_date(decision.date)}"
    if decision.paragraph:
        line += f", {text.paragraph_sign(decision.paragraph)}"
    if decision.case_number:
        line += f", dnr {decision.case_number}"
    return line + "."


def _when(action: Action) -> str:
    dates = text.date_span(action.start, action.end)
    return f"{dates}, {action.when}" if action.when else dates


def _links(plan: ActionPlan, action: Action) -> str:
    parts = [f"Samverkansområde {n}" for n in action.areas]
    parts += [f"Medborgarlöfte {n}" for n in action.promises]
    return "Kopplas till: " + ", ".join(parts) if parts else ""


def status_summary(plan: ActionPlan) -> str:
    """``Av de tolv åtgärderna är två genomförda, två försenade och två ej påbörjade; sex pågår.``"""
    statuses = [plan.derived_status(a) for p in plan.problems for a in p.actions]
    plural = {ActionStatus.DONE: "genomförda", ActionStatus.LATE: "försenade",
              ActionStatus.NOT_STARTED: "ej påbörjade"}
    states = [f"{text.count_words(statuses.count(s))} {word if statuses.count(s) > 1 else s.value}"
              for s, word in plural.items() if statuses.count(s)]
    ongoing = statuses.count(ActionStatus.ONGOING)
    if len(statuses) == 1:
        return f"Åtgärden {'pågår' if ongoing else 'är ' + statuses[0].value}."
    total = text.count_words(len(statuses))
    if not states:
        return f"Alla {total} åtgärderna pågår."
    sentence = f"Av de {total} åtgärderna är {text.join_list(states)}"
    return sentence + (f"; {text.count_words(ongoing)} pågår." if ongoing else ".")


def actionplan_context(plan: ActionPlan, style: HouseStyle) -> ActionPlanContext:
    """Everything the åtgärdsplan template shows, formatted."""
    lagesbild = plan.lagesbild
    order = {p.id: i for i, p in enumerate(lagesbild.problems)}
    sections = []
    for entry in sorted(plan.problems, key=lambda e: order[e.problem]):
        problem = lagesbild.problem(entry.problem)
        rows = []
        for j, action in enumerate(entry.actions):
            status = plan.derived_status(action)
            rows.append(ActionRow(
                number=plan.action_id(entry, j),
                cause=" ".join(shown(c) for c in entry.cause) if j == 0 else "",
                action=action.text, links=_links(plan, action), goal=action.goal,
                when=_when(action), who=text.join_list(plan.organisation_label(w) for w in action.who),
                follow_up=action.follow_up, status=text.upper_first(status.value),
                fill=status_fill(status, style)))
        sections.append(PlanSection(
            heading=f"Problem {order[entry.problem] + 1} ({problem.id}): {problem.title}",
            summary=shown(problem.description[0]) if problem.description else "", rows=rows))
    links = []
    for label, document in (("Samverkansområde", plan.agreement), ("Medborgarlöfte", plan.promises)):
        if document is not None:
            links += [f"{label} {n.number} i {document.title}: {n.title}" for n in document.items]
    return ActionPlanContext(
        example=plan.example,
        example_note=EXAMPLE_NOTE.format(what="en åtgärdsplan") if plan.example else "",
        title=text.title_text(plan_title(plan)),
        header_title=f"Åtgärdsplan {plan.period.year_span}",
        header_right="EXEMPEL" if plan.example else plan.municipality,
        period_line=f"Gäller {plan.period.year_span}.",
        decision_line=decision_line(plan),
        basis_line=(f"Planen bygger på {lagesbild_title(lagesbild)} "
                    f"({text.iso_date(lagesbild.date)})."),
        status_line=f"Status per den {text.long_date(plan.as_of)}.",
        introduction=blocks(plan.introduction),
        status_summary=status_summary(plan),
        sections=sections,
        status_rule=STATUS_RULE,
        links=links,
        follow_up=blocks(plan.follow_up),
    )


def actionplan_properties(plan: ActionPlan) -> Properties:
    return Properties(title=plan_title(plan),
                      subject=f"Åtgärdsplan {plan.period.year_span}" + (" (exempel)" if plan.example else ""),
                      author=text.join_list(p.name for p in plan.parties),
                      keywords=("åtgärdsplan", "brottsförebyggande", plan.municipality))


LAGESBILD_DOCUMENT = Document(
    name="lagesbild", title="Lägesbild", model=Lagesbild, context=LagesbildContext,
    build=lagesbild_context, properties=lagesbild_properties)

ATGARDSPLAN_DOCUMENT = Document(
    name="atgardsplan", title="Åtgärdsplan", model=ActionPlan, context=ActionPlanContext,
    build=actionplan_context, properties=actionplan_properties)

LAGESBILD = DataFileType(key="lagesbild", model=Lagesbild, documents=(LAGESBILD_DOCUMENT,),
                         skeleton="lagesbild.yaml", read_files=include_statistics)
"""``type: lagesbild``: the picture of crime in a municipality; its statistics may come from CSV."""

ATGARDSPLAN = DataFileType(key="atgardsplan", model=ActionPlan, documents=(ATGARDSPLAN_DOCUMENT,),
                           skeleton="atgardsplan.yaml", references={"lagesbild": "lagesbild"})
"""``type: atgardsplan``: the action plan on a lägesbild's problems; ``lagesbild:`` may name its file."""


def shown(paragraph: str) -> str:
    """A paragraph of structured text as the plain text a table cell shows (its marks dropped)."""
    return " ".join("".join(span.text for span in b.spans) for b in parse_markup(paragraph))
