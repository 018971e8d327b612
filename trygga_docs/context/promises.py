"""Medborgarlöften and their uppföljning as their templates see them: ready Swedish strings,
targets in words in running text and in figures in tables, and the follow-up's chart as a Picture."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from trygga_docs import text
from trygga_docs.model.common import Signatory
from trygga_docs.model.promises import (PARTIAL_SHARE, PLACEHOLDER, CitizenPromises, Completion, Figure,
                              FollowUp, Promise, Qualifier, Status, SubTarget, Target)  # noqa: F401 - Qualifier for the doctests
from trygga_docs.style import HouseStyle
from trygga_docs.context.chart import BarPair, target_outcome_chart
from trygga_docs.context.common import Block, Labelled, Picture, Properties, Signer, signer_rows
from trygga_docs.context.markup import blocks
from trygga_docs.context.record import DataFileType, Document

CHART_WIDTH_MM = 160

STATUS_KEYS = {Status.MET: "met", Status.PARTLY_MET: "partly_met", Status.NOT_MET: "not_met",
               Status.NOT_REPORTED: "not_reported"}
STATUS_FILLS = {Status.MET: "status_met", Status.PARTLY_MET: "status_partly",
                Status.NOT_MET: "status_not_met", Status.NOT_REPORTED: "status_open"}
"""The house style's key of each status's cell shade; the status is always written out as well."""


def status_fill(status: Status, style: HouseStyle) -> str:
    """The shade of a status cell in ``style``, hex without ``#``.

    >>> status_fill(Status.MET, HouseStyle())
    'DCEFE2'
    """
    return str(getattr(style, STATUS_FILLS[status]))

COMPLETION_TEXT = {Completion.DONE: "Genomfört", Completion.PARTLY: "Delvis genomfört",
                   Completion.NOT_DONE: "Inte genomfört"}

_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")


# ---------------------------------------------------------------------------------------------
# Numbers and targets in words


def quantity_words(value: float, *, neuter: bool = False) -> str:
    """A count in running text: words up to twelve, figures above, a decimal comma for fractions.

    >>> quantity_words(12), quantity_words(1, neuter=True), quantity_words(24), quantity_words(2.5)
    ('tolv', 'ett', '24', '2,5')
    """
    if float(value).is_integer():
        return text.count_words(int(value), neuter=neuter)
    return text.decimal(value)


def _unit(target: Target, quantity: float) -> str:
    return (target.unit_one or target.unit) if quantity == 1 else target.unit


def part_phrase(part: SubTarget) -> str:
    """``varav fyra i anslutning till skolområden vid utsatta tider``."""
    words = [f"varav {quantity_words(part.quantity)}"]
    if part.unit:
        words.append(part.unit)
    words.append(part.description)
    return " ".join(words)


def target_phrase(target: Target) -> str:
    """The target as the promise text reads it.

    >>> target_phrase(Target(id="t", quantity=12, unit="trafikinsatser", qualifier=Qualifier.AT_LEAST,
    ...     parts=(SubTarget(id="s", quantity=4, description="vid skolor"),)))
    'minst tolv trafikinsatser varav fyra vid skolor'
    """
    words = []
    if target.qualifier:
        words.append(target.qualifier.value)
    words += [quantity_words(target.quantity, neuter=target.neuter), _unit(target, target.quantity)]
    if target.description:
        words.append(target.description)
    words += [part_phrase(p) for p in target.parts]
    return " ".join(words)


def target_figures(target: Target | SubTarget) -> str:
    """The target as a table shows it, in figures: ``minst 12 trafikinsatser``, ``varav 4 vid skolområden``."""
    if isinstance(target, SubTarget):
        what = " ".join(w for w in (target.unit, target.label or target.description) if w)
        return f"varav {text.decimal(target.quantity)} {what}"
    qualifier = f"{target.qualifier.value} " if target.qualifier else ""
    return f"{qualifier}{text.decimal(target.quantity)} {_unit(target, target.quantity)}"


def target_label(target: Target | SubTarget) -> str:
    """A short name for the chart: ``Trafikinsatser``, ``– varav vid skolområden``."""
    if isinstance(target, SubTarget):
        return f"– varav {target.label or target.description}"
    label = target.label or text.upper_first(target.unit)
    return f"{label} ({target.qualifier.value})" if target.upper_bound else label  # type: ignore[union-attr]


def _place(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{id}`` by its value, capitalised where it starts a sentence."""
    def replace(match: re.Match[str]) -> str:
        value = values[match.group(1)]
        return text.upper_first(value) if _SENTENCE_START.search(template[:match.start()]) else value
    return PLACEHOLDER.sub(replace, template)


def promise_text(promise: Promise) -> str:
    """The promise with its targets written out in words; unplaced targets follow as sentences."""
    phrases = {t.id: target_phrase(t) for t in promise.targets}
    sentence = _place(promise.text, phrases)
    placed = set(PLACEHOLDER.findall(promise.text))
    for target in promise.targets:
        if target.id not in placed:
            sentence = sentence.rstrip() + ("" if sentence.rstrip().endswith((".", "!", "?")) else ".")
            sentence += f" {text.upper_first(phrases[target.id])}."
    return sentence


def figure_text(figure: Figure) -> str:
    """``1,81`` or ``83,2 %``."""
    if figure.percent:
        return text.percent(figure.value, digits=figure.digits)
    return text.decimal(figure.value, digits=figure.digits)


def _paragraphs(items: Iterable[str], figures: Iterable[Figure]) -> list[str | Block]:
    values = {f.id: figure_text(f) for f in figures}
    return blocks(_place(p, values) for p in items)


def _who(promises: CitizenPromises, names: Iterable[str]) -> str:
    return text.join_list(promises.organisation(n).label for n in names)


def _signatory_rows(signatories: Iterable[Signatory]) -> list[list[Signer]]:
    return signer_rows([Signer(name=s.name, title=s.title) for s in signatories])


# ---------------------------------------------------------------------------------------------
# Medborgarlöften


def validity_line(promises: CitizenPromises) -> str:
    """``Gäller år 2019.``, or the dates of a period that is not one calendar year."""
    period = promises.period
    assert period is not None
    if period.start.timetuple()[1:3] == (1, 1) and period.end.timetuple()[1:3] == (12, 31):
        years = period.year_span
        return f"Gäller år {years}." if period.start.year == period.end.year else f"Gäller åren {years}."
    return f"Gäller {text.long_date_span(period.start, period.end)}."


def follow_up_sentences(promises: CitizenPromises) -> list[str]:
    """The seed's *Uppföljning* paragraph: who reports, by when, and where the residents hear of it."""
    plan = promises.follow_up
    if plan is None:
        return []
    jointly = " gemensamt" if " och " in plan.responsible or "," in plan.responsible else ""
    sentences = [f"Medborgarlöften ska följas upp{jointly} i {plan.form} av {plan.responsible} "
                 f"senast den {text.long_date(plan.deadline)}."]
    if plan.channels:
        sentences.append(f"Uppföljningen ska delges medborgarna genom {text.join_list(plan.channels)}.")
    return sentences


def _parties(promises: CitizenPromises) -> str:
    return text.join_list(p.label for p in promises.parties)


@frozen(kw_only=True)
class PromisesContext:
    """What the promises template (*medborgarlöften*) sees."""

    title: str
    """The document's title."""
    header_title: str
    """``Medborgarlöften 2019``."""
    header_right: str
    """The parties' names."""
    validity_line: str
    """``Gäller år 2019.``, or the dates of a period that is not one calendar year."""
    related: list[str]
    """Titles of related documents."""
    introduction: list[str | Block]
    """The introduction, paragraph by paragraph, figures filled in."""
    purpose: list[str | Block]
    """The purpose, paragraph by paragraph."""
    goal: list[str | Block]
    """The goal, paragraph by paragraph."""
    situation: list[str | Block]
    """The situation (*lägesbild*), paragraph by paragraph."""
    promises_heading: str
    """``Kommunen och Polisen lämnar följande löften till … för 2019``."""
    promises: list[str]
    """Each promise as a sentence, its targets in words."""
    follow_up: str
    """Who follows the promises up, by when, and how residents hear of it; empty if no plan."""
    signatory_rows: list[list[Signer]]
    """The signatories two by two, the last row filled with a blank cell."""


def promises_context(promises: CitizenPromises, style: HouseStyle) -> PromisesContext:
    """Everything the promises template shows, formatted."""
    period = promises.period
    assert period is not None
    figures = promises.figures
    return PromisesContext(
        title=promises.title,
        header_title=f"Medborgarlöften {period.year_span}",
        header_right=text.join_list(p.name for p in promises.parties),
        validity_line=validity_line(promises),
        related=[link.title for link in promises.related],
        introduction=_paragraphs(promises.introduction, figures),
        purpose=_paragraphs(promises.purpose, figures),
        goal=_paragraphs(promises.goal, figures),
        situation=_paragraphs(promises.situation, figures),
        promises_heading=f"{_parties(promises)} lämnar följande löften till {promises.audience} "
                         f"för {period.year_span}",
        promises=[promise_text(p) for p in promises.promises],
        follow_up=" ".join(follow_up_sentences(promises)),
        signatory_rows=_signatory_rows(promises.signatories),
    )


def promises_properties(promises: CitizenPromises) -> Properties:
    span = promises.period.year_span  # type: ignore[union-attr]
    return Properties(title=f"{promises.title} {span}", subject=f"Medborgarlöften {span}",
                      author=text.join_list(p.name for p in promises.parties),
                      keywords=("medborgarlöften", *(p.name for p in promises.parties)))


# ---------------------------------------------------------------------------------------------
# Uppföljning


STATUS_RULE = (
    "Statusen räknas fram ur utfallet, inte bedöms för hand. Ett mål med ”minst” är uppfyllt när "
    "utfallet når målet och delvis uppfyllt när utfallet når minst {share} av målet; annars är det "
    "ej uppfyllt. Ett mål med ”högst” eller ”inom” är uppfyllt när utfallet ligger på eller under "
    "målet och delvis uppfyllt upp till det dubbla. Ett löfte utan mätbart mål är uppfyllt, delvis "
    "uppfyllt eller ej uppfyllt efter om det har genomförts helt, delvis eller inte alls. Ett löfte "
    "är uppfyllt när alla dess mål är uppfyllda och ej uppfyllt när inget mål är ens delvis uppfyllt; "
    "däremellan är det delvis uppfyllt. Ett löfte som uppföljningen inte redovisar står som ej "
    "redovisat."
)


def status_rule_text() -> str:
    """The rule of ``model.promises.Status`` in Swedish, for the document."""
    share = "hälften" if PARTIAL_SHARE == 0.5 else text.percent(PARTIAL_SHARE * 100)
    return STATUS_RULE.format(share=share)


def status_sentence(follow_up: FollowUp) -> str:
    """``Av de sex löftena är fyra uppfyllda, ett delvis uppfyllt och ett ej uppfyllt.``"""
    statuses = [follow_up.status(p) for p in follow_up.promises.promises]
    counts = [(s, statuses.count(s)) for s in Status if statuses.count(s)]
    total = text.count_words(len(statuses), neuter=True)
    if len(statuses) == 1:
        return f"Löftet är {statuses[0].value}."
    if len(counts) == 1:
        return f"Alla {total} löften är {counts[0][0].plural}."
    parts = [f"{text.count_words(n, neuter=True)} {s.value if n == 1 else s.plural}" for s, n in counts]
    return f"Av de {total} löftena är {text.join_list(parts)}."


def _achieved_phrase(reported: list[tuple[Target | SubTarget, float, Status]]) -> str:
    """``14 trafikinsatser (uppfyllt), varav 3 vid skolområden (delvis uppfyllt)``."""
    phrases: list[str] = []
    for target, achieved, status in reported:
        if isinstance(target, SubTarget):
            phrases[-1] += (f", varav {text.decimal(achieved)} "
                            f"{target.label or target.description} ({status.value})")
        else:
            phrases.append(f"{text.decimal(achieved)} {_unit(target, achieved)} ({status.value})")
    return text.join_list(phrases)


WHOLE_PROMISE = "Löftet i sin helhet"
"""The target cell of a promise's own row when it has more than one target."""


@frozen(kw_only=True)
class StatusRow:
    """A row of the status table.

    The row that names a promise always carries the promise's own status (``FollowUp.status``, the
    rule of ``model.promises.Status``). A promise with one target is one row; a promise with more
    has its own row (target *Löftet i sin helhet*) followed by one row per target, each with the
    target's status, so no target's status is ever read as the promise's.
    """

    promise: str
    """``1. Trygg trafik`` on the promise's row; empty on its target rows."""
    by: str
    """Who promises, on the promise's row; empty on its target rows."""
    target: str
    """The target in figures, ``minst 4 tillfällen``; *Inget mätbart mål*; or *Löftet i sin
    helhet* on the own row of a promise with several targets."""
    outcome: str
    """What was achieved, in figures or as *Genomfört* …; ``–`` when not reported; empty on a
    promise's own row above its targets."""
    status: str
    """*Uppfyllt*, *Delvis uppfyllt*, *Ej uppfyllt* or *Ej redovisat*: the promise's status on the
    row that names it, a target's status on a target row."""
    fill: str
    """The status cell's shade, a hex colour without ``#`` (for ``{% cellbg %}``)."""
    whole: bool
    """True on the row that names the promise (its status is the promise's)."""


def _status_rows(follow_up: FollowUp, style: HouseStyle) -> list[StatusRow]:
    promises = follow_up.promises
    rows: list[StatusRow] = []
    for number, promise in enumerate(promises.promises, start=1):
        status = follow_up.status(promise)
        name = f"{number}. {promise.title or 'Löfte ' + str(number)}"
        by = _who(promises, promise.by)
        outcome = follow_up.outcome(promise.id)
        if not promise.targets:
            rows.append(StatusRow(
                promise=name, by=by, target="Inget mätbart mål",
                outcome=COMPLETION_TEXT[outcome.done] if outcome and outcome.done else "–",
                status=text.upper_first(status.value), fill=status_fill(status, style),
                whole=True))
            continue
        reported = {t.id: (a, s) for t, a, s in follow_up.target_statuses(promise)}
        targets = [(t, *reported.get(t.id, (None, Status.NOT_REPORTED)))
                   for t in promise.all_targets()]
        if len(targets) > 1:
            rows.append(StatusRow(promise=name, by=by, target=WHOLE_PROMISE, outcome="",
                                  status=text.upper_first(status.value),
                                  fill=status_fill(status, style), whole=True))
            name = by = ""
        for target, achieved, target_state in targets:
            rows.append(StatusRow(promise=name, by=by, target=target_figures(target),
                                  outcome="–" if achieved is None else text.decimal(achieved),
                                  status=text.upper_first(target_state.value),
                                  fill=status_fill(target_state, style), whole=bool(name)))
    return rows


def _bars(follow_up: FollowUp) -> list[BarPair]:
    bars = []
    for promise in follow_up.promises.promises:
        reported = {t.id: (a, s) for t, a, s in follow_up.target_statuses(promise)}
        for target in promise.all_targets():
            achieved, status = reported.get(target.id, (None, Status.NOT_REPORTED))
            bars.append(BarPair(target_label(target), target.quantity, achieved,
                                STATUS_KEYS[status], status.value))
    return bars


def chart_alt_text(follow_up: FollowUp, bars: list[BarPair]) -> str:
    """What the chart shows, in words, for screen readers and the PDF's tags."""
    items = []
    for bar in bars:
        outcome = "inget utfall redovisat" if bar.outcome is None else f"utfall {text.decimal(bar.outcome)}"
        items.append(f"{bar.label.lstrip('– ')}: mål {text.decimal(bar.target)}, {outcome}, {bar.status_text}")
    return (f"Stapeldiagram över mål och utfall för de mätbara målen i medborgarlöftena "
            f"{follow_up.year_span}. " + ". ".join(text.upper_first(i) for i in items) + ".")


def chart_picture(follow_up: FollowUp, style: HouseStyle | None = None) -> Picture | None:
    """The target-against-outcome chart in the house style's colours and body font, or None
    when no promise has a measurable target."""
    bars = _bars(follow_up)
    if not bars:
        return None
    png = target_outcome_chart(bars, width_mm=CHART_WIDTH_MM, style=style)
    # no title: LibreOffice would put it in front of the alt text in the tagged PDF
    return Picture(png, CHART_WIDTH_MM, chart_alt_text(follow_up, bars))


@frozen(kw_only=True)
class PromiseSection:
    """A promise's own section of the follow-up."""

    heading: str
    """``1. Trygg trafik``."""
    text: str
    """The promise as a sentence."""
    facts: list[Labelled]
    """*Vem lovar*, *Mål*, *Utfall*, *Status*: label and value."""
    comment: list[str | Block]
    """The follow-up's comment, paragraph by paragraph, or that it does not report the promise."""


def _promise_sections(follow_up: FollowUp) -> list[PromiseSection]:
    promises = follow_up.promises
    sections = []
    for number, promise in enumerate(promises.promises, start=1):
        outcome = follow_up.outcome(promise.id)
        status = follow_up.status(promise)
        facts = [Labelled(label="Vem lovar", value=text.upper_first(_who(promises, promise.by)))]
        if promise.targets:
            facts.append(Labelled(label="Mål", value=text.upper_first(
                text.join_list(target_phrase(t) for t in promise.targets))))
            reported = follow_up.target_statuses(promise)
            if reported:
                facts.append(Labelled(label="Utfall", value=_achieved_phrase(reported)))
        elif outcome and outcome.done:
            facts.append(Labelled(label="Utfall", value=COMPLETION_TEXT[outcome.done]))
        facts.append(Labelled(label="Status", value=text.upper_first(status.value)))
        sections.append(PromiseSection(
            heading=f"{number}. {promise.title or 'Löfte ' + str(number)}",
            text=promise_text(promise),
            facts=facts,
            comment=_paragraphs(outcome.comment, follow_up.figures) if outcome else
                    ["Uppföljningen redovisar inte detta löfte."],
        ))
    return sections


@frozen(kw_only=True)
class FollowUpContext:
    """What the follow-up template (*uppföljning av medborgarlöften*) sees."""

    example: bool
    """True for an example with made-up outcomes: the document says so."""
    example_note: str
    """The warning an example carries; empty otherwise."""
    title: str
    """``Uppföljning av medborgarlöften 2019``, or the data's own title."""
    subtitle: str
    """The promises' title."""
    header_title: str
    """``Uppföljning medborgarlöften 2019``."""
    header_right: str
    """The follow-up's date, or ``EXEMPEL``."""
    footer_text: str
    """The parties' names."""
    parties_line: str
    """``Löften från … till … för 2019``."""
    date_line: str
    """``Datum 2019-12-10``."""
    deadline_line: str
    """By when the promises say the follow-up is due; empty without a plan."""
    summary: list[str | Block]
    """The summary, paragraph by paragraph, figures filled in."""
    status_sentence: str
    """``Av de 5 löftena är 3 uppfyllda …``."""
    status_rows: list[StatusRow]
    """The status table, a row per target."""
    chart: Picture | str
    """The target-against-outcome chart; empty text when no promise has a measurable target."""
    chart_caption: str
    """``Figur 1. Mål och utfall …``; empty without a chart."""
    status_rule: str
    """How a status is decided (the share that makes *delvis uppfyllt*)."""
    promises: list[PromiseSection]
    """Each promise's own section."""
    conclusions: list[str | Block]
    """The conclusions, paragraph by paragraph."""
    communication: str
    """How the residents hear of the follow-up; empty when the plan names no channel."""
    signatory_rows: list[list[Signer]]
    """The signatories two by two, the last row filled with a blank cell."""


def followup_context(follow_up: FollowUp, style: HouseStyle) -> FollowUpContext:
    """Everything the follow-up template shows, formatted; the chart as a Picture."""
    promises = follow_up.promises
    span = follow_up.year_span
    title = follow_up.title or f"Uppföljning av medborgarlöften {span}"
    plan = promises.follow_up
    chart = chart_picture(follow_up, style)
    signatories = follow_up.signatories or promises.signatories
    example_note = ("EXEMPEL – utfallen i detta dokument är påhittade och visar bara hur en "
                    "uppföljning ser ut. De är inte verkliga uppgifter." if follow_up.example else "")
    return FollowUpContext(
        example=follow_up.example,
        example_note=example_note,
        title=text.title_text(title),
        subtitle=promises.title,
        header_title=f"Uppföljning medborgarlöften {span}",
        header_right="EXEMPEL" if follow_up.example else text.iso_date(follow_up.date),
        footer_text=text.join_list(p.name for p in promises.parties),
        parties_line=f"Löften från {_parties(promises)} till {promises.audience} för {span}",
        date_line=f"Datum {text.iso_date(follow_up.date)}",
        deadline_line=(f"Uppföljningen ska enligt löftena redovisas senast den "
                       f"{text.long_date(plan.deadline)}.") if plan else "",
        summary=_paragraphs(follow_up.summary, follow_up.figures),
        status_sentence=status_sentence(follow_up),
        status_rows=_status_rows(follow_up, style),
        chart=chart or "",
        chart_caption=f"{text.TERMS.figure} 1. Mål och utfall för de mätbara målen {span}" if chart else "",
        status_rule=status_rule_text(),
        promises=_promise_sections(follow_up),
        conclusions=_paragraphs(follow_up.conclusions, follow_up.figures),
        communication=(f"Uppföljningen delges medborgarna genom {text.join_list(plan.channels)}."
                       if plan and plan.channels else ""),
        signatory_rows=_signatory_rows(signatories),
    )


def followup_properties(follow_up: FollowUp) -> Properties:
    promises = follow_up.promises
    span = follow_up.year_span
    return Properties(
        title=follow_up.title or f"Uppföljning av medborgarlöften {span}",
        subject=f"Uppföljning av medborgarlöften {span}" + (" (exempel)" if follow_up.example else ""),
        author=text.join_list(p.name for p in promises.parties),
        keywords=("medborgarlöften", "uppföljning", *(p.name for p in promises.parties)))


PROMISES_DOCUMENT = Document(
    name="promises", title="Medborgarlöften", model=CitizenPromises, context=PromisesContext,
    build=promises_context, properties=promises_properties)

FOLLOWUP_DOCUMENT = Document(
    name="followup", title="Uppföljning av medborgarlöften", model=FollowUp,
    context=FollowUpContext, build=followup_context, properties=followup_properties)

PROMISES = DataFileType(key="promises", model=CitizenPromises, documents=(PROMISES_DOCUMENT,),
                        skeleton="promises.yaml")
"""``type: promises``: the citizen promises (*medborgarlöften*) of a year or period."""

FOLLOWUP = DataFileType(key="followup", model=FollowUp, documents=(FOLLOWUP_DOCUMENT,),
                        skeleton="followup.yaml", references={"promises": "promises"})
"""``type: followup``: the follow-up of citizen promises; ``promises:`` may name their file."""
