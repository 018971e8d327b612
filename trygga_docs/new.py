"""New data files: a commented skeleton to start from, or next period's draft from the last one."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs
import yaml

from .errors import DataError
from .load import load, unstructure
from .model import DOCUMENT_TYPES, Period

SKELETONS = Path(__file__).resolve().parent / "skeletons"


def skeleton(document_type: str) -> str:
    """A commented YAML skeleton (Swedish guidance) for a new document of this type."""
    path = SKELETONS / f"{document_type}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in SKELETONS.glob("*.yaml")))
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
    kind = next(k for k, cls in DOCUMENT_TYPES.items() if isinstance(model, cls))
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
    from .model.meeting import MeetingData, MeetingSeries
    from .model.report import Officer, report_from_meetings

    meetings = []
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
