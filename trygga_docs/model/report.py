"""Tjänsteskrivelse: the case officer's written report to a political body, such as
*Återrapportering från Trygghetsrådet* to Kommunstyrelsen, and the återrapportering draft made
from a body's meetings (``report_from_meetings``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from attrs import field, frozen, validators

from .. import text
from ..errors import DataError
from .common import Period, Signatory, optional_text, paragraphs, text_field

NO_CONSEQUENCES = "Inga kända konsekvenser."
"""What a consequence heading says when the report gives it no text."""


def _case_number(instance: object, attribute: object, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise DataError("the report has no diarienummer; write it as 'case_number: KS 2020/123' "
                        "(it is printed in the header of every page)", path="case_number")


def _proposals(instance: object, attribute: object, value: tuple[str, ...]) -> None:
    if not value:
        raise DataError("the report has no proposal; write at least one under 'proposals', "
                        "such as '- Kommunstyrelsen lägger informationen till handlingarna.'",
                        path="proposals")


@frozen(kw_only=True)
class Officer:
    """Handläggare: the person who wrote the report, with contact details."""

    name: str = text_field()
    title: str = text_field()
    phone: str | None = optional_text()
    email: str | None = optional_text()


@frozen(kw_only=True)
class Consequences:
    """Konsekvensbeskrivningar. A heading with no text renders as ``NO_CONSEQUENCES``."""

    economy: tuple[str, ...] = paragraphs()
    """Ekonomiska konsekvenser."""
    environment: tuple[str, ...] = paragraphs()
    """Konsekvenser för miljön."""
    citizens: tuple[str, ...] = paragraphs()
    """Konsekvenser för medborgarna."""
    children: tuple[str, ...] = paragraphs()
    """Konsekvenser för barn."""


CONSEQUENCE_HEADINGS = (("economy", "Ekonomiska konsekvenser"),
                        ("environment", "Konsekvenser för miljön"),
                        ("citizens", "Konsekvenser för medborgarna"),
                        ("children", "Konsekvenser för barn"))
"""The standard consequence headings, in the order they are printed."""


@frozen(kw_only=True)
class CaseDocument:
    """Handling i ärendet: a document the decision rests on, attached (*bifogas*) or not."""

    title: str = text_field()
    date: dt.date | None = None
    attached: bool = True
    file: str | None = optional_text()
    """A PDF to append, relative to the data file."""


@frozen(kw_only=True)
class Report:
    """Tjänsteskrivelse till en nämnd eller styrelse.

    ``proposals`` are the *Förslag till beslut*, one decision each, written as the body would
    decide them. A consequence left empty says *Inga kända konsekvenser.*
    """

    organisation: str = text_field()
    """The municipality: *Höörs kommun*."""
    department: str = text_field()
    """Förvaltning or avdelning: *Kommunledningsförvaltningen*."""
    officer: Officer
    case_number: str = field(converter=lambda v: v.strip() if isinstance(v, str) else v,
                             validator=_case_number)
    """Diarienummer: *KS 2019/412*."""
    date: dt.date = field(validator=validators.instance_of(dt.date))
    addressee: str = text_field()
    """The body the report goes to: *Kommunstyrelsen*."""
    title: str = text_field()
    proposals: tuple[str, ...] = field(converter=lambda ps: tuple(p.strip() for p in ps if p and p.strip()),
                                       validator=_proposals)
    """Förslag till beslut."""
    decision_level: str | None = optional_text()
    """Beslutsnivå; default: the addressee."""
    summary: tuple[str, ...] = paragraphs()
    """Sammanfattning."""
    background: tuple[str, ...] = paragraphs()
    """Bakgrund."""
    description: tuple[str, ...] = paragraphs()
    """Ärendebeskrivning."""
    assessment: tuple[str, ...] = paragraphs()
    """Bedömning."""
    consequences: Consequences = field(factory=Consequences)
    documents: tuple[CaseDocument, ...] = field(factory=tuple)
    """Handlingar i ärendet, numbered in this order."""
    distribution: tuple[str, ...] = field(factory=tuple)
    """Sändlista för beslutsexpediering: who gets the decision."""
    signatories: tuple[Signatory, ...] = field(factory=tuple)
    draft: bool = False
    """A draft renders marked *UTKAST*."""

    @property
    def level(self) -> str:
        return self.decision_level or self.addressee


# ---------------------------------------------------------------------------------------------
# Återrapportering drafted from a body's meetings


ASSESSMENT_PLACEHOLDER = "<Förvaltningens bedömning skrivs här.>"
"""The one text an återrapportering draft leaves to the officer."""


def _meeting_numbers(meetings: Any) -> Callable[[Any], Sequence[int]]:
    """§ numbers from a MeetingSeries when given one; else each meeting's own numbering."""
    if hasattr(meetings, "numbers"):
        return meetings.numbers  # type: ignore[no-any-return]
    return lambda meeting: meeting.own_numbers()


def _period_words(period: Period) -> str:
    if (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31):
        return period.year_span
    return f"perioden {text.long_date_span(period.start, period.end)}"


def _item_label(meeting: Any, number: int, title: str) -> str:
    return f"§ {number} {title}" if meeting.is_protocol else f"Punkt {number}, {text.lower_first(title)}"


def _meeting_paragraphs(meeting: Any, numbers: Sequence[int]) -> list[str]:
    """What one meeting handled, and its decisions and actions, as Ärendebeskrivning paragraphs."""
    verb = "sammanträdde" if meeting.is_protocol else "hade möte"
    titles = text.join_list(text.lower_first(item.title) for item in meeting.items)
    out = [f"{meeting.body} {verb} den {text.long_date(meeting.date)} och behandlade {titles}."]
    for item, number in zip(meeting.items, numbers):
        if item.secrecy:  # a secret matter's content stays out of every document
            continue
        label = _item_label(meeting, number, item.title)
        for decision in item.decision:
            out.append(f"{label}: {text.lower_first(decision)}")
        for action in item.actions:
            due = f" senast den {text.long_date(action.due)}" if action.due else ""
            out.append(f"{label}: {action.owner} ska {action.task}{due}.")
    return out


def _minutes_title(meeting: Any, numbers: Sequence[int]) -> str:
    """``Protokoll Trygghetsutskottet §§ 1–5`` or ``Minnesanteckningar Trygghetsrådet``."""
    if not meeting.is_protocol:
        return f"Minnesanteckningar {meeting.body}"
    first, last = min(numbers), max(numbers)
    paragraphs = f"§ {first}" if first == last else f"§§ {first}{text.EN_DASH}{last}"
    return f"Protokoll {meeting.body} {paragraphs}"


def report_from_meetings(meetings: Iterable[Any], *, period: Period, organisation: str,
                         department: str, officer: Officer, case_number: str, date: dt.date,
                         addressee: str = "Kommunstyrelsen", body: str | None = None) -> Report:
    """An *återrapportering* draft from a body's meetings in ``period``: the meetings with their
    dates and their decisions (and, for minnesanteckningar, who does what by when) in
    *Ärendebeskrivning*, the minutes as the documents of the case. The officer writes the
    assessment; until ``draft`` is set to false the report is marked UTKAST.

    ``meetings`` are ``model.meeting.Meeting`` objects, or a ``MeetingSeries`` (whose § numbers
    then run across the body's year); ``body`` picks one body when the meetings hold several.

    >>> from trygga_docs.load import load, EXAMPLES
    >>> series = load(EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml").series
    >>> report = report_from_meetings(series, period=Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    ...     organisation="Höörs kommun", department="Kommunledningsförvaltningen",
    ...     officer=Officer(name="Dan Bengtsson", title="säkerhets- och trygghetssamordnare"),
    ...     case_number="KS 2019/587", date=dt.date(2019, 12, 9))
    >>> report.title
    'Återrapportering från Trygghetsrådet Trygga Höör 2019'
    >>> [d.title for d in report.documents][1:]
    ['Minnesanteckningar Trygghetsrådet Trygga Höör']
    """
    numbers = _meeting_numbers(meetings)
    chosen = [m for m in meetings if period.start <= m.date <= period.end]
    bodies = list(dict.fromkeys(m.body for m in chosen))
    if body is not None:
        chosen = [m for m in chosen if m.body.casefold() == body.casefold()]
    elif len(bodies) > 1:
        raise DataError(f"the meetings are of several bodies ({', '.join(bodies)}); say which one the "
                        f"report is about", path="body")
    if not chosen:
        raise DataError(f"no meetings{' of ' + body if body else ''} between "
                        f"{period.start.isoformat()} and {period.end.isoformat()}", path="period")
    chosen.sort(key=lambda m: (m.date, m.start))
    name = chosen[0].body
    span = _period_words(period)
    count = len(chosen)
    if len({m.date.year for m in chosen}) == 1:  # the year once, at the end
        dates = f"{text.join_list(text.day_month(m.date) for m in chosen)} {chosen[0].date.year}"
    else:
        dates = text.join_list(text.long_date(m.date) for m in chosen)
    title = f"Återrapportering från {name} {period.year_span}"
    description: list[str] = []
    for meeting in chosen:
        description += _meeting_paragraphs(meeting, numbers(meeting))
    kinds = {m.is_protocol for m in chosen}
    minutes = "protokollen" if kinds == {True} else "minnesanteckningarna" if kinds == {False} \
        else "protokollen och minnesanteckningarna"
    return Report(
        organisation=organisation, department=department, officer=officer,
        case_number=case_number, date=date, addressee=addressee, title=title, draft=True,
        proposals=(f"{addressee} lägger återrapporteringen från {name} till handlingarna.",),
        summary=(f"{name} har under {span} haft {text.count_words(count, neuter=True)} "
                 f"{'möte' if count == 1 else 'möten'}: den {dates}. Skrivelsen redovisar vad som "
                 f"behandlades och beslutades.",),
        background=(f"{name} återrapporterar sitt arbete till {text.lower_first(addressee)}. "
                    f"Underlaget är {minutes} från {'mötet' if count == 1 else 'mötena'} "
                    f"under {span}.",),
        description=tuple(description),
        assessment=(ASSESSMENT_PLACEHOLDER,),
        documents=(CaseDocument(title=f"Tjänsteskrivelse, {title}", date=date),
                   *(CaseDocument(title=_minutes_title(m, numbers(m)), date=m.date) for m in chosen)),
        distribution=(name,),
        signatories=(Signatory(name=officer.name, title=officer.title),),
    )
