"""New data files: a commented skeleton to start from, or next period's draft from the last one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import yaml

from trygga_docs import text
from trygga_docs.errors import DataError
from trygga_docs.loader import load, unstructure
from trygga_docs.context.registry import DATA_FILE_TYPES, type_of
from trygga_docs.model import Period
from trygga_docs.model.common import Signatory
from trygga_docs.model.report import CaseDocument, Officer, Report
from trygga_docs.model.secrecy import Passage, ProtectedName, SecretText, plain_text

if TYPE_CHECKING:
    from trygga_docs.model.meeting import Meeting

SKELETONS = Path(__file__).resolve().parent / "skeletons"


def skeleton(document_type: str) -> str:
    """A commented YAML skeleton (Swedish guidance) for a new document of this type: the file
    its record names under ``trygga_docs/skeletons/``.

    >>> skeleton("meeting").startswith("#")
    True
    """
    kind = DATA_FILE_TYPES.get(document_type)
    path = SKELETONS / kind.skeleton if kind is not None else None
    if path is None or not path.is_file():
        known = ", ".join(sorted(k for k, t in DATA_FILE_TYPES.items()
                                 if (SKELETONS / t.skeleton).is_file()))
        raise DataError(f"there is no skeleton for '{document_type}'; available: {known}")
    return path.read_text(encoding="utf-8")


def parse_period(value: str) -> Period:
    """``2020-01-01:2023-12-31`` to a Period.

    >>> parse_period("2020-01-01:2023-12-31").year_span
    '2020–2023'
    """
    match = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})\s*[:/]\s*(\d{4}-\d{2}-\d{2})\s*", value)
    if not match:
        raise DataError(f"'{value}' is not a period; write START:END such as 2020-01-01:2023-12-31",
                        path="--period")
    try:
        start, end = (dt.date.fromisoformat(g) for g in match.groups())
    except ValueError as exc:
        raise DataError(f"'{value}' holds a date that does not exist ({exc})", path="--period") from None
    try:
        return Period(start, end)
    except DataError as exc:
        raise DataError(exc.message, path="--period") from None


def next_period(period: Period) -> Period:
    """The period that follows: from the day after ``period`` ends, as many years long.

    >>> next_period(Period(dt.date(2016, 12, 22), dt.date(2019, 12, 31)))
    Period(start=datetime.date(2020, 1, 1), end=datetime.date(2022, 12, 31))
    """
    start = period.end + dt.timedelta(days=1)
    years = max(1, round((period.end - period.start).days / 365.25))
    return Period(start, dt.date(start.year + years, start.month, start.day) - dt.timedelta(days=1))


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 90 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _as_yaml(kind: str, model: Any) -> str:
    """A model as the data file that would load into it, ``type:`` first."""
    data = _prune(unstructure(model), model)
    return yaml.dump({"type": kind, **data}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=100, default_flow_style=False)


def _is_default(field: Any, value: Any) -> bool:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return False
        default = default.factory()
    return default is not attrs.NOTHING and value == default


def _prune(value: Any, model: Any = None) -> Any:
    """Leave out empty values and the model's own defaults so the draft reads like a hand-written
    file; a value that differs from its default (``attached: false``, ``digits: 0``) stays."""
    if isinstance(value, dict):
        fields = {f.name: f for f in attrs.fields(type(model))} if attrs.has(type(model)) else {}
        kept = {}
        for k, v in value.items():
            field = fields.get(k)
            if field is not None:
                current = getattr(model, k)
                if current is None or current in ((), [], {}) or _is_default(field, current):
                    continue
                kept[k] = _prune(v, current)
            elif v not in (None, [], {}):
                kept[k] = _prune(v)
        return kept
    if isinstance(value, list):
        items = model if isinstance(model, list | tuple) and len(model) == len(value) else [None] * len(value)
        return [_prune(v, m) for v, m in zip(value, items)]
    return value


def _next_draft(model: Any, period: Period | None) -> Any:
    """The model moved to the next period, adoption cleared, by the rules of its family."""
    if hasattr(model, "for_next_period"):
        return model.for_next_period(period)
    changes: dict[str, Any] = {}
    if hasattr(model, "adoption"):
        changes["adoption"] = None
    if hasattr(model, "period"):
        changes["period"] = period or next_period(model.period)
        if getattr(model, "year", None) is not None:  # a calendar year, kept only if it still fits
            single = changes["period"].years
            changes["year"] = single[0] if len(single) == 1 else None
    return attrs.evolve(model, **changes)


def draft_from(path: str | Path, period: Period | None = None) -> str:
    """Next period's draft: the document at ``path`` with a new period and no adoption record.

    Without ``period`` the draft covers the period that follows, as long as the old one. An
    agreement renders marked *UTKAST* until an adoption is filled in.
    """
    model = load(path)
    record = type_of(model)
    assert record is not None  # load gives only models of the registered types
    kind = record.key
    try:
        draft = _next_draft(model, period)
    except DataError as exc:
        raise DataError(f"the draft for the new period does not hold: {exc.message}",
                        file=str(path), path=exc.path) from None
    header = f"# Utkast skapat {dt.date.today().isoformat()} från {Path(path).name}.\n"
    if hasattr(model, "adoption"):
        header += ("# Beslut om antagande (adoption) fylls i när dokumentet är antaget;\n"
                   "# till dess blir dokumentet märkt UTKAST.\n")
    return header + _as_yaml(kind, draft)


def report_from_meeting_files(files: list[str | Path], period: Period, *,
                              body: str | None = None) -> str:
    """An *återrapportering* draft (``type: report``) from meeting files of a period.

    The meetings, their decisions and the minutes as documents are filled in; the case officer,
    department and diarienummer are left as ``<…>`` for the officer, with the assessment.
    """
    from trygga_docs.model.meeting_file import MeetingData
    from trygga_docs.model.meeting_series import MeetingSeries

    meetings: list[Meeting] = []
    for path in files:
        data = load(path)
        if not isinstance(data, MeetingData):
            raise DataError("not a meeting file (type: meeting)", file=str(path), path="type")
        meetings.extend(data.series.meetings)
    try:
        report = report_from_meetings(
            MeetingSeries(tuple(meetings)), period=period, organisation=meetings[0].issuer,
            department="<förvaltning>", officer=Officer(name="<handläggare>", title="<titel>"),
            case_number="<diarienummer>", date=dt.date.today(), body=body)
    except DataError as exc:
        raise DataError(exc.message, file=", ".join(str(f) for f in files), path=exc.path) from None
    header = (f"# Utkast till återrapportering, skapat {dt.date.today().isoformat()} från "
              f"{', '.join(Path(f).name for f in files)}.\n"
              f"# Fyll i handläggare, förvaltning och diarienummer (<…>) och skriv bedömningen;\n"
              f"# sätt draft: false när skrivelsen är klar.\n")
    return header + _as_yaml("report", report)


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


def _meeting_paragraphs(meeting: Any, numbers: Sequence[int]) -> list[Passage]:
    """What one meeting handled, and its decisions and actions, as Ärendebeskrivning paragraphs.

    A secret item is named by its neutral title in the list of what was handled; its decisions
    and actions, and a secret decision of another item, are secret paragraphs with the item's
    reference (shown in the internal version of the report, not in the public one)."""
    verb = "sammanträdde" if meeting.is_protocol else "hade möte"
    titles = text.join_list(text.lower_first(item.public_heading) for item in meeting.items)
    out: list[Passage] = [f"{meeting.body} {verb} den {text.long_date(meeting.date)} och "
                          f"behandlade {titles}."]
    for item, number in zip(meeting.items, numbers):
        label = _item_label(meeting, number, item.title)

        def add(sentence: str, secrecy: str | None) -> None:
            out.append(SecretText(text=sentence, secrecy=secrecy) if secrecy else sentence)

        for decision in item.decision:
            add(f"{label}: {text.lower_first(plain_text(decision))}",
                item.secrecy or (decision.secrecy if isinstance(decision, SecretText) else None))
        for action in item.actions:
            due = f" senast den {text.long_date(action.due)}" if action.due else ""
            add(f"{label}: {action.owner} ska {action.task}{due}.", item.secrecy)
    return out


def _protected_names(meetings: Iterable[Any]) -> tuple[ProtectedName, ...]:
    """The protected people of the meetings (and the protected owners of actions), each with
    the role or organisation the public version of the report shows instead."""
    found: dict[str, ProtectedName] = {}
    for meeting in meetings:
        owners = {a.owner.casefold() for item in meeting.items for a in item.actions if a.protected}
        for person in meeting.participants:
            if person.protected or person.name.casefold() in owners:
                found.setdefault(person.name.casefold(),
                                 ProtectedName(name=person.name, shown_as=person.public_name))
    return tuple(found.values())


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

    >>> import datetime as dt
    >>> from trygga_docs.loader import load, EXAMPLES
    >>> from trygga_docs.model import Period
    >>> from trygga_docs.model.report import Officer
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
    description: list[Passage] = []
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
        protected=_protected_names(chosen),
    )
