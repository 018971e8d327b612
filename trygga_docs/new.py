"""New data files: a commented skeleton to start from, or next period's draft from the last one."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import yaml

from trygga_docs import text
from trygga_docs.errors import DataError
from trygga_docs.loader import load, read_data, unstructure
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
    style = "|" if "\n" in value.strip() else ">" if len(value) > 90 else None
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
                              body: str | None = None, date: dt.date | None = None) -> str:
    """An *återrapportering* draft (``type: report``) from meeting files of a period, dated
    ``date`` (default: the first weekday after the last meeting, ``report_date``).

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
            case_number="<diarienummer>", date=date, body=body)
    except DataError as exc:
        raise DataError(exc.message, file=", ".join(str(f) for f in files), path=exc.path) from None
    header = (f"# Utkast till återrapportering, skapat {dt.date.today().isoformat()} från "
              f"{', '.join(Path(f).name for f in files)}.\n"
              f"# Fyll i handläggare, förvaltning och diarienummer (<…>) och skriv bedömningen;\n"
              f"# sätt draft: false när skrivelsen är klar.\n")
    return header + _as_yaml("report", report)


# ---------------------------------------------------------------------------------------------
# Past tense: what a body decided, as a report tells it afterwards

_PAST = {
    "är": "var", "har": "hade", "ska": "skulle", "skall": "skulle", "kan": "kunde", "vill": "ville",
    "bör": "borde", "måste": "måste", "får": "fick", "ger": "gav", "tar": "tog", "står": "stod",
    "ser": "såg", "går": "gick", "gör": "gjorde", "lägger": "lade", "säger": "sade",
    "väljer": "valde", "uppdrar": "uppdrog", "föreslår": "föreslog", "beslår": "beslog",
    "antar": "antog", "åtar": "åtog", "utser": "utsåg", "avslår": "avslog", "tillsätter": "tillsatte",
    "sätter": "satte", "läggs": "lades", "ges": "gavs", "tas": "togs", "antas": "antogs",
    "utses": "utsågs", "väljs": "valdes", "görs": "gjordes", "avslås": "avslogs",
    "föreslås": "föreslogs", "sätts": "sattes", "bordläggs": "bordlades",
}
"""Present to past of the verbs a decision is written with whose past tense no rule gives."""

_NOT_VERBS = frozenset({"över", "under", "efter", "eller", "mer", "fler", "per", "inför", "enligt",
                        "sedan", "vidare", "andra", "bättre", "senare", "tidigare", "vår", "er",
                        "hennes", "deras", "för", "när", "där", "här", "var", "dessutom", "gemensamt"})
"""Words after a sentence's subject that end like a present-tense verb but are not one."""


def _past_of(word: str, *, rules: bool = True) -> str | None:
    """The past tense of a present-tense verb form, or None when ``word`` is not one the table
    or (with ``rules``) the regular patterns know.

    >>> [_past_of(w) for w in ("tackar", "godkänner", "tillstyrker", "noteras", "godkänns", "ger")]
    ['tackade', 'godkände', 'tillstyrkte', 'noterades', 'godkändes', 'gav']
    """
    lower = word.lower()
    past = _PAST.get(lower)
    if past is None and rules and lower.isalpha() and lower not in _NOT_VERBS and len(lower) > 3:
        if lower.endswith("ar"):
            past = lower[:-1] + "de"
        elif lower.endswith("as"):
            past = lower[:-1] + "des"
        elif lower.endswith("er") or (lower.endswith("s") and lower[-2] not in "aeiouyåäö"):
            passive = lower.endswith("s")
            stem = lower[:-1] if passive else lower[:-2]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "mn":
                stem = stem[:-1]  # känn -> kände, glömm -> glömde
            if stem[-1] in "kpstx":
                past = stem + "te"
            elif stem[-1] == "d" and stem[-2] not in "aeiouyåäö":
                past = stem + "e"  # använd -> använde
            else:
                past = stem + "de"
            past += "s" if passive else ""
    if past is None:
        return None
    return past[:1].upper() + past[1:] if word[:1].isupper() else past


_AFTER_VERB = frozenset({"den", "det", "dem", "denna", "detta", "sig", "till", "åt", "att", "för",
                         "om", "en", "ett", "in", "upp", "fram", "bort"})
"""Words that follow a verb joined by *och* (``och överlämnar den``), not a noun (``och bilar``)."""


def past_tense(sentence: str) -> str | None:
    """A decision as it is told afterwards: the verb after the subject (and a verb joined to it
    by *och*) in the past tense; None when the sentence does not start the way decisions are
    written (subject and verb, or a passive verb alone: *Noteras.*).

    >>> past_tense("Utskottet tackar för informationen och lägger den till handlingarna.")
    'Utskottet tackade för informationen och lade den till handlingarna.'
    >>> past_tense("Noteras."), past_tense("Rådet beslutar att Ekby Bostäder AB bjuds in.")
    ('Noterades.', 'Rådet beslutade att Ekby Bostäder AB bjuds in.')
    """
    words = sentence.split(" ")
    bare = [w.rstrip(".,;:!?") for w in words]

    def swap(i: int, past: str) -> str:
        return past + words[i][len(bare[i]):]

    if bare[0][:1].isupper() and bare[0].lower().endswith("as") and len(bare[0]) > 4 and (
            len(words) == 1 or not bare[1][:1].isupper()):
        past = _past_of(bare[0])
        return " ".join([swap(0, past), *words[1:]]) if past else None
    if len(words) < 2 or not bare[0][:1].isupper() or not bare[1][:1].islower():
        return None
    past = _past_of(bare[1])
    if past is None:
        return None
    out = [words[0], swap(1, past)]
    for i in range(2, len(words)):
        joined = None
        if words[i - 1] == "och":
            joined = _past_of(bare[i], rules=False)
            if joined is None and bare[i].endswith("ar") and i + 1 < len(words) \
                    and bare[i + 1] in _AFTER_VERB:
                joined = _past_of(bare[i])
        out.append(swap(i, joined) if joined else words[i])
    return " ".join(out)


def report_from_plan_file(path: str | Path, *, date: dt.date | None = None) -> str:
    """The tjänsteskrivelse for the decision on the åtgärdsplan at ``path``, as a data file
    (``new report --from-plan``); see ``trygga_docs.plan_report``."""
    from trygga_docs.plan_report import report_from_plan

    plan = load(path)
    if type_of(plan) is not DATA_FILE_TYPES["atgardsplan"]:
        raise DataError("not an åtgärdsplan (type: atgardsplan)", file=str(path), path="type")
    report = report_from_plan(plan, date=date or dt.date.today())
    return (f"# Utkast till tjänsteskrivelse, skapat {dt.date.today().isoformat()} från "
            f"{Path(path).name}.\n# Fyll i det som står inom <…> och sätt draft: false när "
            f"skrivelsen är klar.\n" + _as_yaml("report", report))


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


_BODY_NOUNS = ("rådet", "utskottet", "nämnden", "styrelsen", "gruppen", "beredningen", "kommittén",
               "forumet", "nätverket", "delegationen", "fullmäktige")
"""What a body is called in running text after its name is given once: *rådet*, *utskottet*."""


def body_noun(body: str) -> str:
    """``Trygghetsrådet Trygga Höör`` -> ``rådet``; a name without a known noun as written.

    >>> body_noun("Trygghetsrådet Trygga Höör"), body_noun("Trygghetsutskottet"), body_noun("BRÅ")
    ('rådet', 'utskottet', 'BRÅ')
    """
    first = body.split()[0].casefold() if body.split() else ""
    return next((noun for noun in _BODY_NOUNS if first.endswith(noun)), body)


def _escape(title: str) -> str:
    """A title as structured text that shows it as written (``*`` and brackets not markup)."""
    return re.sub(r"([\\*\[\]`])", r"\\\1", title)


def _item_label(meeting: Any, number: int, title: str) -> str:
    return (f"{text.paragraph_sign(number)} {title}" if meeting.is_protocol
            else f"Punkt {number}, {title}")


def _decided(meeting: Any, decision: str) -> str:
    """A decision in the past tense; one written otherwise is quoted after *beslutade*."""
    told = past_tense(decision)
    if told is not None:
        return told
    return f"{text.upper_first(body_noun(meeting.body))} beslutade: {decision}"


def _meeting_paragraphs(meeting: Any, numbers: Sequence[int]) -> list[Passage]:
    """What one meeting handled, and its decisions and actions, under a sub-heading of its own
    (*Sammanträde 2025-01-20*): the items as a list, then one paragraph per item that decided
    something or gave someone a task, in the past tense, names and titles as written.

    A secret item is named by its neutral title in the list of what was handled; its decisions
    and actions, and a secret decision of another item, are secret paragraphs with the item's
    reference (shown in the internal version of the report, not in the public one)."""
    heading = "Sammanträde" if meeting.is_protocol else "Möte"
    verb = "sammanträdde" if meeting.is_protocol else "hade möte"
    count = len(meeting.items)
    things = "ärende" if meeting.is_protocol else "punkt"
    things = things if count == 1 else ("ärenden" if meeting.is_protocol else "punkter")
    out: list[Passage] = [
        f"### {heading} {text.iso_date(meeting.date)}",
        f"{meeting.body} {verb} den {text.long_date(meeting.date)} och behandlade "
        f"{text.count_words(count, neuter=meeting.is_protocol)} {things}:",
        "\n".join(f"- {_escape(_item_label(meeting, number, item.public_heading))}"
                  for item, number in zip(meeting.items, numbers)),
    ]
    for item, number in zip(meeting.items, numbers):
        label = f"**{_escape(_item_label(meeting, number, item.title))}.**"
        sentences: list[tuple[str, str | None]] = []
        for decision in item.decision:
            sentences.append((_decided(meeting, plain_text(decision)),
                              item.secrecy or (decision.secrecy if isinstance(decision, SecretText)
                                               else None)))
        for action in item.actions:
            due = f" senast den {text.long_date(action.due)}" if action.due else ""
            sentences.append((f"{action.owner} fick i uppdrag att {action.task}{due}.", item.secrecy))
        for secrecy in dict.fromkeys(secrecy for _, secrecy in sentences):  # one paragraph each
            paragraph = " ".join([label, *(t for t, s in sentences if s == secrecy)])
            out.append(SecretText(text=paragraph, secrecy=secrecy) if secrecy else paragraph)
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
    return f"Protokoll {meeting.body} {text.paragraph_span(range(min(numbers), max(numbers) + 1))}"


def report_date(meetings: Iterable[Any]) -> dt.date:
    """The date a drafted report gets unless one is given: the first weekday after the last of
    its meetings (the draft is the report's, not the day it was made).

    >>> report_date([type("M", (), {"date": dt.date(2025, 6, 13)})()])  # a Friday
    datetime.date(2025, 6, 16)
    """
    day: dt.date = max(m.date for m in meetings) + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def report_from_meetings(meetings: Iterable[Any], *, period: Period, organisation: str,
                         department: str, officer: Officer, case_number: str,
                         date: dt.date | None = None, addressee: str = "Kommunstyrelsen",
                         body: str | None = None) -> Report:
    """An *återrapportering* draft from a body's meetings in ``period``: the meetings with their
    dates and their decisions (and, for minnesanteckningar, who does what by when) in
    *Ärendebeskrivning*, the minutes as the documents of the case. The officer writes the
    assessment; until ``draft`` is set to false the report is marked UTKAST.

    *Ärendebeskrivning* has a sub-heading per meeting (*Sammanträde 2025-01-20*), the items it
    handled, and what was decided and who was given which task, in the past tense (*utskottet
    beslutade*); names and titles stay as written. The documents are the meetings' minutes
    (the report does not list itself). ``date`` defaults to ``report_date``: the first weekday
    after the last meeting.

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
    >>> [d.title for d in report.documents]
    ['Minnesanteckningar Trygghetsrådet Trygga Höör']
    >>> report.description[0]
    '### Möte 2019-11-25'
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
    date = date or report_date(chosen)
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
        documents=tuple(CaseDocument(title=_minutes_title(m, numbers(m)), date=m.date)
                        for m in chosen),
        distribution=(name,),
        signatories=(Signatory(name=officer.name, title=officer.title),),
        protected=_protected_names(chosen),
    )


# ---------------------------------------------------------------------------------------------
# The next meeting, drafted from the last one


FOLLOW_UP_TITLE = "Uppföljning av åtgärder från tidigare möten"
"""The item a drafted meeting lists the actions still open under."""

NEW_ITEM_PLACEHOLDER = "<Ärende>"
"""The item a drafted meeting gets when nothing is carried over (``check`` warns about it)."""

_PER_MEETING_KEYS = frozenset({
    "date", "notice_date", "notice_note", "adjusted", "posted", "absent", "guests",
    "substitutes", "first_paragraph", "case_number", "next_meeting", "items", "meetings"})
"""Keys that belong to the last meeting only: the draft leaves them out (or fills them anew)."""

_STANDING_KEYS = ("title", "standing", "presenters", "case_number", "secrecy", "public_title")
"""What a standing item keeps; its matter, decisions, actions and bilagor are cleared."""

_STR = "tag:yaml.org,2002:str"


def _pairs(node: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    return next((v for k, v in _pairs(node) if k.value == key), None)


def _key(key: str) -> yaml.ScalarNode:
    return yaml.ScalarNode(_STR, key)


def _mapping(pairs: Iterable[tuple[yaml.Node, yaml.Node]]) -> yaml.MappingNode:
    return yaml.MappingNode("tag:yaml.org,2002:map", list(pairs))


def _plain_node(value: Any) -> yaml.Node:
    """Plain data (a TOML or JSON file's) as a YAML node; times as text."""
    def text_times(v: Any) -> Any:
        if isinstance(v, dt.time):
            return v.strftime("%H:%M")
        if isinstance(v, dict):
            return {k: text_times(x) for k, x in v.items()}
        if isinstance(v, list):
            return [text_times(x) for x in v]
        return v
    return yaml.SafeDumper(io.StringIO(), sort_keys=False).represent_data(text_times(value))


def _source_nodes(path: Path) -> yaml.Node:
    """The data file as YAML nodes, each scalar with the text the user wrote (``"13.00"``,
    ``09:00``); a TOML or JSON file through its plain data."""
    if path.suffix.lower() in (".yaml", ".yml"):
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    else:
        node = _plain_node(read_data(path)[0])
    if not isinstance(node, yaml.MappingNode):
        raise DataError("not a meeting file (type: meeting)", file=str(path), path="type")
    return node


def _time_text(like: yaml.Node | None, value: dt.time) -> yaml.ScalarNode:
    """``value`` written the way ``like`` is: ``15.00`` or ``15:00``, quoted as it is."""
    dot = like is not None and "." in str(like.value)
    style = like.style if isinstance(like, yaml.ScalarNode) else '"'
    return yaml.ScalarNode(_STR, value.strftime("%H.%M" if dot else "%H:%M"), style=style or '"')


_MONTHS_PER = {"vecka": 12 / 52, "månad": 1.0, "år": 12.0}
_WEEKS_PER = {"vecka": 1.0, "månad": 52 / 12, "år": 52.0}


def _month_later(day: dt.date, months: int) -> dt.date:
    """The same weekday of the month ``months`` on: the third Monday stays the third Monday
    (the last such day when a month has no such one)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    first = dt.date(year, month, 1)
    later = first + dt.timedelta(days=(day.weekday() - first.weekday()) % 7 + 7 * ((day.day - 1) // 7))
    while later.month != month:
        later -= dt.timedelta(weeks=1)
    return later


def _cadence_date(last: dt.date, cadence: Any) -> dt.date | None:
    """The day after ``last`` by the body's cadence (``model.agreement.Cadence``, as an agreement
    writes it): a month or more apart, the same weekday of the month; closer, the same weekday
    so many weeks on; a month in ``except_months`` is passed over. None for a body that meets
    on demand.

    >>> from trygga_docs.model.agreement import Cadence, CadenceUnit as Unit
    >>> _cadence_date(dt.date(2025, 1, 20), Cadence(times=1, unit=Unit.MONTH))
    datetime.date(2025, 2, 17)
    >>> _cadence_date(dt.date(2025, 5, 19), Cadence(unit=Unit.MONTH, except_months=(6, 7, 8)))
    datetime.date(2025, 9, 15)
    >>> _cadence_date(dt.date(2025, 1, 20), Cadence(every=3, unit=Unit.WEEK))
    datetime.date(2025, 2, 10)
    """
    if cadence.on_demand:
        return None
    unit = cadence.unit.value
    months = cadence.every * _MONTHS_PER[unit] / cadence.times
    if unit != "vecka" and months >= 1:
        day = _month_later(last, round(months))
        while day.month in cadence.except_months:
            day = _month_later(day, 1)
        return day
    day = last + dt.timedelta(weeks=max(1, round(cadence.every * _WEEKS_PER[unit] / cadence.times)))
    while day.month in cadence.except_months:
        day += dt.timedelta(weeks=1)
    return day


def _standing(meetings: Sequence[Meeting]) -> list[tuple[int, int, float]]:
    """The items that stand on every agenda, as ``(meeting index, item index, place)`` of their
    latest occurrence in ``meetings`` (the body's, oldest first), ordered by where on the agenda
    they usually stand (``place`` from 0, first, to 1, last).

    Those marked ``standing: true``; in a file where none is, those whose title recurs in at
    least half of the body's meetings (two at the least)."""
    seen: dict[str, list[tuple[int, int, float]]] = {}
    marked: set[str] = set()
    for m, meeting in enumerate(meetings):
        count = len(meeting.items)
        for i, item in enumerate(meeting.items):
            key = item.title.casefold()
            seen.setdefault(key, []).append((m, i, i / (count - 1) if count > 1 else 0.0))
            if item.standing:
                marked.add(key)
    least = max(2, (len(meetings) + 1) // 2)
    chosen = marked or {k for k, where in seen.items() if len({m for m, _, _ in where}) >= least}
    found = [(*seen[k][-1][:2], sum(p for _, _, p in seen[k]) / len(seen[k])) for k in chosen]
    return sorted(found, key=lambda f: (f[2], f[0], f[1]))


def _follow_up(series: Any, meeting: Meeting, on: dt.date) -> list[Passage]:
    """The actions of the body's meetings up to ``meeting`` still open on ``on``, one list line
    each (``- § 3, 2025-01-20: Elin Strand ska …, senast 2025-03-14``); a secret item's as a
    secret paragraph with its reference; a protected owner is not named."""
    lines: list[tuple[str, str | None]] = []
    for m in [*series.earlier(meeting), meeting]:
        for item, number in zip(m.items, series.numbers(m)):
            for action in item.actions:
                if not action.is_open(on):
                    continue
                where = text.paragraph_sign(number) if m.is_protocol else f"punkt {number}"
                who = ("" if action.protected or m.is_protected(action.owner)
                       else f"{action.owner} ska ")
                due = f", senast {action.due.isoformat()}" if action.due else ""
                lines.append((_escape(f"{where}, {m.date.isoformat()}: {who}{action.task}{due}"),
                              item.secrecy))
    out: list[Passage] = []
    shown = [line for line, secrecy in lines if not secrecy]
    if shown:
        out.append("\n".join(f"- {line}" for line in shown))
    out.extend(SecretText(text=f"- {line}", secrecy=secrecy) for line, secrecy in lines if secrecy)
    return out


def _passage_node(passage: Passage) -> yaml.Node:
    if isinstance(passage, SecretText):
        return _mapping([(_key("text"), _text_node(passage.text)),
                         (_key("secrecy"), yaml.ScalarNode(_STR, passage.secrecy))])
    return _text_node(passage)


def _text_node(value: str) -> yaml.ScalarNode:
    return yaml.ScalarNode(_STR, value, style="|" if "\n" in value else None)


def next_meeting_draft(path: str | Path, *, date: dt.date | None = None,
                       body: str | None = None) -> str:
    """The next meeting's data file, drafted from the meeting file at ``path``.

    From the file's last meeting (of ``body`` when the file holds several bodies): the same
    issuer, body, kind, place, participants (everyone called again, attendance cleared, guests
    of that meeting, ``guest: true``, left out),
    chair and secretary; the date from ``date``, else the last meeting's ``next_meeting``
    (with its time and place), else the file's ``cadence`` (written as an agreement writes a
    body's); the items that stand on every
    agenda (``standing: true``, or, where none is marked, those the meeting before had too)
    with their titles and presenters only; the actions still open on the new date listed under
    *Uppföljning av åtgärder från tidigare möten*; § numbers of a protocol run on within the
    year (``first_paragraph``). Everything else of the last meeting is left out: matter,
    decisions, bilagor, absences, guests; the justerare of the last meeting are kept as a
    suggestion (a sammanträdesprotokoll needs them) and the header comment says so.

    Values are written as the user wrote them: ``"13.00"`` stays ``"13.00"``, a date stays
    as it was quoted or not (the YAML is edited, not re-made from the model). Comments are not
    carried over.
    """
    from trygga_docs.model.meeting_file import MeetingData

    path = Path(path)
    data = load(path)
    if not isinstance(data, MeetingData):
        raise DataError("not a meeting file (type: meeting)", file=str(path), path="type")
    series = data.series
    meetings = [m for m in series.meetings if body is None or m.body.casefold() == body.casefold()]
    if not meetings:
        raise DataError(f"the file has no meeting of '{body}'", file=str(path), path="body")
    last = max(meetings, key=lambda m: (m.date, m.start))
    if body is None and len({m.key for m in series.meetings}) > 1:
        meetings = [m for m in meetings if m.key == last.key]
    index = next(i for i, m in enumerate(series.meetings) if m is last)

    root = _source_nodes(path)
    entries = _get(root, "meetings")
    entry = entries.value[index] if isinstance(entries, yaml.SequenceNode) else root
    merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in _pairs(root):
        if key.value == "meetings" and entry is not root:
            for k, v in _pairs(entry):
                merged[k.value] = (k, v)
        elif key.value not in merged:
            merged[key.value] = (key, value)

    nxt = _get(entry, "next_meeting")
    if date is None and last.next_meeting is not None:
        date = last.next_meeting.date
    if date is None and data.cadence is not None:
        date = _cadence_date(last.date, data.cadence)
    if date is None:
        raise DataError(f"the meeting of {last.date.isoformat()} does not say when the next one "
                        f"is: give it 'next_meeting: {{date: …}}', give the file a 'cadence' "
                        f"(such as 'cadence: {{times: 1, unit: månad, except_months: [7]}}', as "
                        f"an agreement writes a body's), or give the date (--date)",
                        file=str(path), path="next_meeting")
    if date <= last.date:
        raise DataError(f"the next meeting ({date.isoformat()}) is not after the last one "
                        f"({last.date.isoformat()})", file=str(path), path="next_meeting.date")

    out: dict[str, yaml.Node] = {}
    for name, (_, value) in merged.items():
        if name in _PER_MEETING_KEYS:
            if name == "date":
                out["date"] = yaml.ScalarNode("tag:yaml.org,2002:timestamp", date.isoformat())
            continue
        out[name] = value
    out.setdefault("date", yaml.ScalarNode("tag:yaml.org,2002:timestamp", date.isoformat()))
    if nxt is not None and last.next_meeting is not None and date == last.next_meeting.date:
        start_node, end_node = _get(nxt, "start"), _get(nxt, "end")
        if start_node is not None:
            out["start"] = start_node
            if end_node is None:  # as long as the last meeting
                length = dt.datetime.combine(last.date, last.end) - \
                    dt.datetime.combine(last.date, last.start)
                end = (dt.datetime.combine(date, last.next_meeting.start or last.start) + length)
                end_node = _time_text(start_node, end.time()) if end.date() == date else None
        if end_node is not None:
            out["end"] = end_node
        if _get(nxt, "place") is not None:
            out["place"] = _get(nxt, "place")  # type: ignore[assignment]
    if "participants" in out:
        people = []
        for person in out["participants"].value:
            guest = _get(person, "guest")
            if guest is not None and str(guest.value).lower() in ("true", "yes", "on"):
                continue  # a guest came to that meeting, not to the body's
            people.append(_mapping((k, v) for k, v in _pairs(person)
                                   if k.value not in ("attendance", "replaces")))
        out["participants"] = yaml.SequenceNode("tag:yaml.org,2002:seq", people)

    body_meetings = sorted((m for m in series.meetings if m.key == last.key),
                           key=lambda m: (m.date, m.start))
    positions = {id(m): i for i, m in enumerate(series.meetings)}
    kept = _standing(body_meetings)
    follow = _follow_up(series, last, date)
    items: list[yaml.Node] = []
    follow_node = _mapping([(_key("title"), yaml.ScalarNode(_STR, FOLLOW_UP_TITLE)),
                            (_key("matter"), yaml.SequenceNode(
                                "tag:yaml.org,2002:seq", [_passage_node(p) for p in follow]))])
    for m, i, place in kept:
        if follow and place >= 0.5 and follow_node not in items:
            items.append(follow_node)
        source = series.meetings[positions[id(body_meetings[m])]]
        source_entry = entries.value[positions[id(source)]] \
            if isinstance(entries, yaml.SequenceNode) else root
        node = _get(source_entry, "items").value[i]  # type: ignore[union-attr]
        pairs = [(k, v) for k, v in _pairs(node) if k.value in _STANDING_KEYS]
        if not any(k.value == "standing" for k, _ in pairs):
            pairs.append((_key("standing"), yaml.ScalarNode("tag:yaml.org,2002:bool", "true")))
        items.append(_mapping(pairs))
    if follow and follow_node not in items:
        items.append(follow_node)
    if not items:
        items.append(_mapping([(_key("title"), yaml.ScalarNode(_STR, NEW_ITEM_PLACEHOLDER))]))
    if last.is_protocol and date.year == last.date.year:
        out["first_paragraph"] = yaml.ScalarNode("tag:yaml.org,2002:int",
                                                 str(max(series.numbers(last)) + 1))
    out["items"] = yaml.SequenceNode("tag:yaml.org,2002:seq", items)

    order = ["type", *(k for k in out if k != "type")]
    if "date" in order:  # after the kind (or the title) as a hand-written file has it
        order.remove("date")
        anchor = next((k for k in ("title", "kind", "body") if k in order), "type")
        order.insert(order.index(anchor) + 1, "date")
    node = _mapping((_key(k), out[k]) for k in order if k in out)
    body_text = yaml.serialize(node, Dumper=_Dumper, allow_unicode=True, width=100)
    kept_titles = ", ".join(body_meetings[m].items[i].title for m, i, _ in kept) or "inga"
    header = (f"# Utkast till nästa möte, skapat {dt.date.today().isoformat()} från {path.name} "
              f"(mötet {last.date.isoformat()}).\n"
              f"# Stående punkter: {kept_titles}. Lägg till mötets ärenden under 'items'.\n")
    if last.minutes_checkers:
        header += (f"# Justerare som vid förra mötet ({text.join_list(last.minutes_checkers)}); ändra till "
                   f"dem som väljs.\n")
    return header + body_text
