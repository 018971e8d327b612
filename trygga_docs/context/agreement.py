"""The agreement as its template sees it: every value a ready Swedish string."""

from __future__ import annotations

import re
import warnings
from typing import Any

from attrs import frozen

from trygga_docs import text
from trygga_docs.errors import ConversionError
from trygga_docs.model.agreement import (CITATION, Agreement, Body, PartySignatory, Cadence, CadenceUnit, CollaborationArea,
                               Responsibility)
from trygga_docs.model.common import Source
from trygga_docs.context import orgchart
from trygga_docs.style import HouseStyle
from trygga_docs.context.common import Block, Inline, Labelled, Picture, Properties
from trygga_docs.context.markup import blocks, cited_blocks
from trygga_docs.context.record import DataFileType, Document

_CITED = re.compile(r"\s*" + CITATION.pattern)
_NEUTER_UNITS = {CadenceUnit.YEAR}
_SUMMER = (6, 7, 8)


def cadence_text(cadence: Cadence) -> str:
    """How often a body meets, as Swedish text.

    >>> cadence_text(Cadence(times=2, unit=CadenceUnit.YEAR, at_least=True))
    'minst två gånger per år'
    >>> cadence_text(Cadence(every=2, at_least=True, except_months=(6, 7, 8)))
    'minst en gång varannan månad med undantag för sommarmånaderna juni, juli och augusti'
    >>> cadence_text(Cadence(every=3, unit=CadenceUnit.YEAR))
    'en gång vart tredje år'
    """
    if cadence.on_demand:
        return "vid behov"
    times = "en gång" if cadence.times == 1 else f"{text.count_words(cadence.times)} gånger"
    unit = cadence.unit.value
    neuter = cadence.unit in _NEUTER_UNITS
    if cadence.every == 1:
        interval = f"per {unit}"
    elif cadence.every == 2:
        interval = f"{'vartannat' if neuter else 'varannan'} {unit}"
    else:
        ordinal = text.ordinal_words(cadence.every)
        interval = f"{'vart' if neuter else 'var'} {ordinal} {unit}"
    phrase = f"{'minst ' if cadence.at_least else ''}{times} {interval}"
    if cadence.except_months:
        months = text.join_list(text.month_name(m) for m in cadence.except_months)
        summer = "sommarmånaderna " if cadence.except_months == _SUMMER else ""
        phrase += f" med undantag för {summer}{months}"
    return phrase


def _role_names(agreement: Agreement) -> dict[str, Any]:
    return {r.name.casefold(): r for r in agreement.roles}


def composition_text(agreement: Agreement, body: Body) -> str:
    """``Kommunstyrelsens förste vice ordförande, två ledamöter från KSAU … och säkerhetschef``."""
    roles = _role_names(agreement)
    parts = []
    for seat in body.composition:
        role = roles[seat.role.casefold()]
        if seat.several:
            parts.append(text.lower_first(role.plural or role.name))
        elif seat.count == 1:
            parts.append(text.lower_first(role.name))
        else:
            parts.append(f"{text.count_words(seat.count)} "
                         f"{text.lower_first(role.plural or role.name)}")
    return text.upper_first(text.join_list(parts))


def responsibility_text(responsibility: Responsibility) -> str:
    """``Kommunpolis och säkerhetschef ansvarar för …``."""
    roles = [responsibility.roles[0]] + [text.lower_first(r) for r in responsibility.roles[1:]]
    return f"{text.upper_first(text.join_list(roles))} {responsibility.duty}"


def _body_label(agreement: Agreement, short_name: str) -> str:
    return text.lower_first(agreement.body(short_name).short_name)


def collaboration_text(agreement: Agreement, area: CollaborationArea) -> str | None:
    """``Samverkan sker i styrgruppen och arbetsgrupp vuxen samt …``."""
    if not area.bodies and not area.collaboration:
        return None
    sentence = "Samverkan sker"
    if area.bodies:
        sentence += " i " + text.join_list(_body_label(agreement, b) for b in area.bodies)
    if area.collaboration:
        sentence += " " + area.collaboration
    return sentence.rstrip(". ") + "."


def structure_in_words(agreement: Agreement) -> str:
    """The organisation as sentences: who leads, who reports to whom, who activates whom.

    This is the organisation chart's description (and its alt text).
    """
    sentences = []
    tops = [b for b in agreement.bodies if not b.reports_to]
    if tops:
        sentences.append(f"{text.upper_first(text.join_list(b.short_name for b in tops))} "
                         f"har det övergripande ansvaret.")
    for parent in agreement.bodies:
        children = [b.short_name for b in agreement.bodies
                    if b.reports_to and b.reports_to.casefold() == parent.short_name.casefold()]
        if children:
            sentences.append(f"{text.upper_first(text.join_list(children))} "
                             f"rapporterar till {text.lower_first(parent.short_name)}.")
    for body in agreement.bodies:
        if body.activated_by:
            sentences.append(f"{body.short_name} aktiveras vid behov av "
                             f"{_body_label(agreement, body.activated_by)}.")
    return " ".join(sentences)


@frozen(kw_only=True)
class OrgChart:
    """*Figur 1. Organisationsskiss*: the bodies drawn, or in words when they cannot be drawn."""

    picture: Picture | None
    """The chart (``{{ orgchart.picture }}``); none when Graphviz could not draw it."""
    description: str
    """The organisation in sentences: who leads, who reports to whom (also the alt text)."""
    caption: str
    """``Figur 1. Organisationsskiss Trygga Höör`` (the word is ``text.TERMS.figure``)."""
    placeholder: str
    """The line shown instead of the picture when it could not be drawn; else empty."""


@frozen(kw_only=True)
class BodyContext:
    """A body of the collaboration (*råd*, *styrgrupp*, *arbetsgrupp*)."""

    name: str
    """Full name: *Trygghetsrådet Trygga Höör*."""
    short_name: str
    """The name used in running text: *Trygghetsrådet*."""
    task: list[str | Block]
    """The body's task, paragraph by paragraph."""
    facts: list[Labelled]
    """Meetings, composition, convener, reports to …: label and value."""


@frozen(kw_only=True)
class SourceNote:
    """A source cited in an area's situation, numbered as its superscript marker."""

    number: int
    """The number of the marker in the text."""
    text: str
    """The source, with its address and the day it was read."""


@frozen(kw_only=True)
class AreaContext:
    """A collaboration area (*samverkansområde*)."""

    number: int
    """The area's number."""
    title: str
    """The area's title."""
    situation: list[Inline | Block]
    """The situation (*lägesbild*), paragraph by paragraph, with superscript source numbers
    (show with ``{{r p }}``)."""
    collaboration: str | None
    """``Samverkan sker i styrgruppen …``; none when the area names no body."""
    responsibilities_heading: str
    """The heading over the responsibilities: *Ansvar* unless the data gives another."""
    responsibilities: list[str]
    """``Kommunpolis och säkerhetschef ansvarar för …``, one sentence each."""
    sources: list[SourceNote]
    """The sources cited in the situation, by number."""


@frozen(kw_only=True)
class Section:
    """A heading with its paragraphs."""

    title: str
    """The heading."""
    paragraphs: list[str | Block]
    """The paragraphs under it."""


@frozen(kw_only=True)
class AgreementContext:
    """What the agreement template (*samverkansöverenskommelse*) sees."""

    draft: bool
    """True until the agreement is adopted: the document is marked UTKAST."""
    title: str
    """The agreement's title."""
    programme: str
    """The programme's name (*Trygga Höör*); empty if none."""
    header_title: str
    """The running header: ``Trygga Höör 2016–2019``."""
    header_right: str
    """Right of the header: ``UTKAST`` or the case number."""
    footer_text: str
    """The parties, ``·``-separated, for the footer."""
    parties_line: str
    """``Överenskommelse mellan … och …``."""
    validity_line: str
    """``Gäller 1 januari 2016 – 31 december 2019``."""
    adoption_line: str
    """``Godkänd av … 2016-12-22, § 123, KS 2016/12``, or that it is a draft."""
    preamble: list[str | Block]
    """The preamble, paragraph by paragraph."""
    goal: list[str | Block]
    """The shared goal, paragraph by paragraph."""
    evidence_sentence: str | None
    """The sentence naming the evidence the work starts from; none without evidence."""
    area_titles: list[str]
    """The collaboration areas' titles, in order."""
    areas_summary: list[str | Block]
    """The paragraphs introducing the areas."""
    organisation_heading: str
    """The heading of the organisation chapter."""
    organisation_intro: list[str | Block]
    """The paragraphs introducing the organisation."""
    orgchart: OrgChart | None
    """The organisation chart; none with fewer than two bodies."""
    bodies: list[BodyContext]
    """The bodies of the collaboration."""
    areas_intro: list[str | Block]
    """The paragraphs before the areas."""
    areas: list[AreaContext]
    """The collaboration areas, by number."""
    model_heading: str
    """*Problembild, mål och uppföljning*."""
    model_sections: list[Section]
    """The follow-up model's sections that have text."""
    decision: list[str | Block]
    """The decision paragraphs."""
    validity_sentence: str
    """``Samverkansöverenskommelsen gäller från och med den …``."""
    adoption_sentence: str
    """``Överenskommelsen godkändes av … den …``, or that it is a draft."""
    signatories: list[PartySigner]
    """Who signs, in order."""
    signatory_rows: list[list[PartySigner]]
    """The signatories two by two, the last row filled with a blank cell."""


@frozen(kw_only=True)
class PartySigner:
    """A signature for a party: the party, place and date, a line to sign on, name and title."""

    party: str
    """The party signed for (*Höörs kommun*); empty when not given and in the blank cell."""
    place_date: str
    """``Höör 2016-12-21``; ``Ort och datum`` and a line to fill in when the data gives neither;
    empty in the blank cell that fills a row."""
    name: str
    """Full name; empty in the blank cell."""
    title: str
    """Title, as shown under the name."""


_BLANK_SIGNER = PartySigner(party="", place_date="", name="", title="")
_FILL_IN = "Ort och datum " + "_" * 22


def _party_signer(agreement: Agreement, signer: PartySignatory) -> PartySigner:
    party = next((p.name for p in agreement.parties if signer.organisation and signer.organisation
                  .casefold() in {p.name.casefold(), (p.short_name or "").casefold()}),
                 signer.organisation or "")
    when = " ".join(part for part in (signer.place, signer.date and text.iso_date(signer.date))
                    if part)
    return PartySigner(party=party, place_date=when or _FILL_IN, name=signer.name,
                       title=signer.title)


def _signer_rows(people: list[PartySigner]) -> list[list[PartySigner]]:
    """The signatories two by two, the last row filled with a blank cell."""
    return [people[i:i + 2] + [_BLANK_SIGNER] * (2 - len(people[i:i + 2]))
            for i in range(0, len(people), 2)]


def _orgchart(agreement: Agreement, style: HouseStyle) -> OrgChart | None:
    """*Figur 1. Organisationsskiss*: the chart as a picture whose alt text is the structure in
    words; without Graphviz, the words alone in a framed box (and a warning)."""
    if len(agreement.bodies) < 2:
        return None
    description = structure_in_words(agreement)
    caption = f"{text.TERMS.figure} 1. Organisationsskiss {agreement.programme or ''}".strip()
    try:
        drawing = orgchart.orgchart_drawing(agreement, style=style)
    except ConversionError as exc:
        warnings.warn(f"{exc}; the agreement shows the organisation in words instead",
                      stacklevel=2)
        return OrgChart(picture=None, description=description, caption=caption,
                        placeholder="Organisationsskiss (bilden kunde inte ritas). Strukturen i ord:")
    picture = Picture(drawing, orgchart.fit_width_mm(drawing.png), description, title=caption)
    return OrgChart(picture=picture, description=description, caption=caption, placeholder="")


def _body_facts(agreement: Agreement, body: Body) -> list[Labelled]:
    facts = []
    if body.cadence:
        facts.append(("Möten", text.upper_first(cadence_text(body.cadence))))
    if body.composition:
        facts.append(("Sammansättning", composition_text(agreement, body)))
    if body.convener:
        facts.append(("Sammankallande", body.convener))
    if body.reports_to:
        facts.append(("Rapporterar till", agreement.body(body.reports_to).short_name))
    if body.activated_by:
        facts.append(("Aktiveras av", agreement.body(body.activated_by).short_name))
    if body.work_areas:
        titles = {a.number: a.title for a in agreement.areas}
        facts.append(("Arbetsområden",
                      text.upper_first(text.join_list(text.lower_first(titles[n])
                                                      for n in body.work_areas))))
    return [Labelled(label=label, value=value) for label, value in facts]


def _source_text(source: Source) -> str:
    parts = [source.text]
    if source.url:
        parts.append(source.url)
    if source.accessed:
        parts.append(f"hämtad {text.iso_date(source.accessed)}")
    return ", ".join(parts)


def _areas(agreement: Agreement) -> list[AreaContext]:
    numbers: dict[str, int] = {}

    def number(source_id: str) -> int:
        return numbers.setdefault(source_id, len(numbers) + 1)

    sources = {s.id: s for s in agreement.sources}
    areas = []
    for area in sorted(agreement.areas, key=lambda a: a.number):
        situation = [b for p in area.situation for b in cited_blocks(p, _CITED, number)]
        cited = list(dict.fromkeys(c for p in area.situation for c in CITATION.findall(p)))
        areas.append(AreaContext(
            number=area.number,
            title=area.title,
            situation=situation,
            collaboration=collaboration_text(agreement, area),
            responsibilities_heading=area.responsibilities_heading or "Ansvar",
            responsibilities=[responsibility_text(r) for r in area.responsibilities],
            sources=sorted((SourceNote(number=numbers[c], text=_source_text(sources[c]))
                            for c in cited), key=lambda s: s.number),
        ))
    return areas


_MODEL_SECTIONS = (("problems", "Problem i fokus"), ("causes", "Troliga bakomliggande orsaker"),
                   ("goals", "Mätbara mål"), ("documentation", "Dokumentation"),
                   ("follow_up", "Uppföljning"))


def _adoption(agreement: Agreement) -> tuple[str, str]:
    adoption = agreement.adoption
    if adoption is None:
        return ("Utkast – ännu inte antagen",
                "Överenskommelsen är ett utkast och har ännu inte antagits.")
    line = f"Godkänd av {adoption.body} {text.iso_date(adoption.date)}"
    sentence = f"Överenskommelsen godkändes av {adoption.body} den {text.long_date(adoption.date)}"
    if adoption.paragraph is not None:
        line += f", {text.paragraph_sign(adoption.paragraph)}"
        sentence += f", {text.paragraph_sign(adoption.paragraph)}"
    if adoption.case_number:
        line += f", {adoption.case_number}"
        sentence += f" (diarienummer {adoption.case_number})"
    return line, sentence + "."


def agreement_context(agreement: Agreement, style: HouseStyle) -> AgreementContext:
    """Everything the agreement template shows, formatted."""
    period = agreement.period
    name = agreement.programme or "Samverkansöverenskommelse"
    adoption_line, adoption_sentence = _adoption(agreement)
    parties = [p.name for p in agreement.parties]
    signatories = [_party_signer(agreement, s) for s in agreement.signatories]
    model = agreement.model
    return AgreementContext(
        draft=agreement.is_draft,
        title=agreement.title,
        programme=agreement.programme or "",
        header_title=f"{name} {period.year_span}"
                     if agreement.programme else f"Samverkansöverenskommelse {period.year_span}",
        header_right="UTKAST" if agreement.is_draft
                     else (agreement.adoption.case_number or ""),  # type: ignore[union-attr]
        footer_text=" · ".join(parties),
        parties_line=f"Överenskommelse mellan {text.join_list(parties)}",
        validity_line=f"Gäller {text.long_date_span(period.start, period.end)}",
        adoption_line=adoption_line,
        preamble=blocks(agreement.preamble),
        goal=blocks(agreement.goal),
        evidence_sentence=(
            "De underlag som vi tillsammans utgår från i det brottsförebyggande och "
            f"trygghetsskapande samverkansarbetet är {text.join_list(agreement.evidence)}."
            if agreement.evidence else None),
        area_titles=[a.title for a in sorted(agreement.areas, key=lambda a: a.number)],
        areas_summary=blocks(agreement.areas_summary),
        organisation_heading=f"Samverkan {agreement.programme}" if agreement.programme
                             else "Organisation för samverkan",
        organisation_intro=blocks(agreement.organisation_intro),
        orgchart=_orgchart(agreement, style),
        bodies=[BodyContext(name=b.name, short_name=b.short_name, task=blocks(b.task),
                            facts=_body_facts(agreement, b)) for b in agreement.bodies],
        areas_intro=blocks(agreement.areas_intro),
        areas=_areas(agreement),
        model_heading="Problembild, mål och uppföljning",
        model_sections=[Section(title=title, paragraphs=blocks(getattr(model, attr)))
                        for attr, title in _MODEL_SECTIONS if getattr(model, attr)],
        decision=blocks(agreement.decision),
        validity_sentence=(
            f"Samverkansöverenskommelsen gäller från och med den {text.long_date(period.start)} "
            f"till och med den {text.long_date(period.end)}."),
        adoption_sentence=adoption_sentence,
        signatories=signatories,
        signatory_rows=_signer_rows(signatories),
    )


def agreement_properties(agreement: Agreement) -> Properties:
    """Title, subject, author and keywords for Word and PDF metadata."""
    parties = [p.name for p in agreement.parties]
    keywords = ["samverkansöverenskommelse", *(p.name for p in agreement.parties)]
    if agreement.programme:
        keywords.insert(1, agreement.programme)
    return Properties(
        title=f"{agreement.programme + ' – ' if agreement.programme else ''}{agreement.title} "
              f"{agreement.period.year_span}",
        subject=f"Samverkansöverenskommelse {agreement.period.year_span}",
        author=text.join_list(parties),
        keywords=tuple(keywords))


AGREEMENT_DOCUMENT = Document(
    name="agreement", title="Samverkansöverenskommelse", model=Agreement,
    context=AgreementContext, build=agreement_context, properties=agreement_properties)

AGREEMENT = DataFileType(key="agreement", model=Agreement, documents=(AGREEMENT_DOCUMENT,),
                         skeleton="agreement.yaml")
"""``type: agreement``: the collaboration agreement between a municipality and the Police."""
