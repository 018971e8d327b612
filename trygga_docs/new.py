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


def _prune(value: Any) -> Any:
    """Leave out empty and default values so the draft reads like a hand-written file."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v not in (None, [], {}, False)}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def draft_from(path: str | Path, period: Period | None = None) -> str:
    """Next period's draft: the document at ``path`` with a new period and no adoption record.

    The result renders marked *UTKAST* until an adoption is filled in.
    """
    model = load(path)
    kind = next(k for k, cls in DOCUMENT_TYPES.items() if isinstance(model, cls))
    changes: dict[str, Any] = {}
    if hasattr(model, "adoption"):
        changes["adoption"] = None
    if hasattr(model, "period"):
        changes["period"] = period or next_period(model.period)
    draft = attrs.evolve(model, **changes)
    data = _prune(unstructure(draft))
    header = (f"# Utkast skapat {dt.date.today().isoformat()} från {Path(path).name}.\n"
              f"# Beslut om antagande (adoption) fylls i när överenskommelsen är antagen;\n"
              f"# till dess blir dokumentet märkt UTKAST.\n")
    body = yaml.dump({"type": kind, **data}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=100, default_flow_style=False)
    return header + body
