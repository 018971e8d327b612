"""Den offentliga versionen: the public version of a document, made from the model before anything
is rendered, so that no later step (context, template, file name, metadata, bookmarks, bilagor)
can show what it does not hold.

``public_version(model)`` gives a copy of the same classes in which

- a secret agenda item keeps its number, its legal reference and its neutral title
  (``public_title``, default *Sekretessbelagt ärende*); every other field is withheld: emptied,
  its actions kept as rows with nothing but whether they are done, its bilagor kept only as
  numbers. A field is kept only when the model marks it ``shown_in_public``, so a field added
  later is withheld until someone decides otherwise;
- a secret bilaga keeps its number and reference, no title and no file;
- a secret paragraph (``SecretText``) keeps its reference, not its text;
- a protected person's name is replaced, in every text of the document, by the person's role and
  organisation (``Participant.public_name``; a report's ``protected`` names by ``shown_as``); an
  action marked ``protected`` shows its owner so;
- every personnummer and samordningsnummer is masked (``model.personnummer``);

and ``public`` is set on the meetings and reports, so that the documents say they are the public
version. The copy is made without validating it again: it is the validated model, less what may
not be shown, and a withheld text is empty where the data requires one.

>>> from trygga_docs.loader import load, EXAMPLES
>>> series = public_version(load(EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"))
>>> secret = [i for m in series for i in m.items if i.secrecy][0]
>>> secret.title, secret.matter, secret.presenters
('Information från socialförvaltningen', (), ())
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from trygga_docs.model import personnummer
from trygga_docs.model.meeting import ActionItem, AgendaItem, Meeting
from trygga_docs.model.meeting_file import MeetingData
from trygga_docs.model.meeting_series import (ActionRegister, MeetingSeries, Notice, OpenAction,
                                              RegisterEntry)
from trygga_docs.model.report import Report
from trygga_docs.model.secrecy import DEFAULT_PUBLIC_TITLE, PUBLIC, WITHHELD, SecretText

T = TypeVar("T")


def public_version(model: T) -> T:
    """The public version of ``model``: a meeting file (given back as its ``MeetingSeries``),
    a series, a meeting, a document of the meeting cycle, a report, or any other document
    (whose texts only have their identity numbers masked)."""
    result: Any
    if isinstance(model, MeetingData):
        result = public_version(model.series)
    elif isinstance(model, MeetingSeries):  # a name protected at one meeting is at every one
        meetings = _Meetings(_protected(model.meetings))
        result = MeetingSeries(tuple(meetings.public(m) for m in model.meetings))
    elif isinstance(model, Meeting):
        result = _Meetings().public(model)
    elif isinstance(model, Notice):
        result = _notice(model)
    elif isinstance(model, ActionRegister):
        result = _register(model)
    elif isinstance(getattr(model, "meeting", None), Meeting):  # minutes, protocol, extract …
        result = unchecked(model, meeting=_Meetings().public(model.meeting))  # type: ignore[attr-defined]
    elif isinstance(model, Report):
        result = _report(model)
    else:
        result = scrub(model, _Names({}))
    return result  # type: ignore[no-any-return]


def is_public(model: Any) -> bool:
    """Whether ``model`` (a meeting, a report, a document of the meeting cycle) is a public
    version."""
    if isinstance(model, Meeting | Report | ActionRegister):
        return model.public
    meeting = getattr(model, "meeting", None)
    return isinstance(meeting, Meeting) and meeting.public


# ---------------------------------------------------------------------------------------------
# Copies without validation


def unchecked(obj: T, **changes: Any) -> T:
    """A copy of the frozen attrs object ``obj`` with ``changes``, made without ``__init__``:
    no converter or validator runs (a withheld text is empty where the data needs one)."""
    new = copy.copy(obj)
    for name, value in changes.items():
        object.__setattr__(new, name, value)
    return new


def _emptied(field: attrs.Attribute[Any], value: Any) -> Any:
    """What a withheld field holds: no items, no text, its default."""
    if isinstance(value, tuple):
        return ()
    if isinstance(value, str):
        return None if field.default is None else WITHHELD
    if field.default is not attrs.NOTHING and not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        return field.default
    return None


def withheld(obj: T, **kept: Any) -> T:
    """``obj`` with every field withheld that is not marked ``shown_in_public``, except those
    given in ``kept`` (with the value to keep)."""
    changes = {}
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]  # an attrs instance
        if field.name in kept:
            changes[field.name] = kept[field.name]
        elif not field.metadata.get(PUBLIC) and field.init:
            changes[field.name] = _emptied(field, getattr(obj, field.name))
    return unchecked(obj, **changes)


# ---------------------------------------------------------------------------------------------
# Texts: protected names and identity numbers


class _Names:
    """Replaces protected names (whole words, any case, any spacing, a genitive *s* too) by what
    the public version shows instead, and masks identity numbers."""

    def __init__(self, shown: Mapping[str, str]) -> None:
        self.shown = {" ".join(name.split()).casefold(): label for name, label in shown.items()}
        names = sorted(self.shown, key=len, reverse=True)
        self.pattern = (re.compile(r"(?<!\w)(" + "|".join(
            r"\s+".join(re.escape(part) for part in name.split()) for name in names)
            + r")s?(?!\w)", re.IGNORECASE) if names else None)

    def __call__(self, text: str) -> str:
        if self.pattern is not None:
            text = self.pattern.sub(lambda m: self.shown[" ".join(m.group(1).split()).casefold()],
                                    text)
        return personnummer.mask(text)


def scrub(value: Any, names: Callable[[str], str]) -> Any:
    """``value`` with ``names`` applied to every text in it, through attrs objects, tuples,
    lists and mappings; an object none of whose texts change is given back as it is."""
    if isinstance(value, str):
        return names(value)
    if isinstance(value, tuple | list):
        items = [scrub(v, names) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        return {scrub(k, names): scrub(v, names) for k, v in value.items()}
    if attrs.has(type(value)):
        changes = {}
        for field in attrs.fields(type(value)):
            before = getattr(value, field.name)
            after = scrub(before, names)
            if after is not before:
                changes[field.name] = after
        return unchecked(value, **changes) if changes else value
    return value


# ---------------------------------------------------------------------------------------------
# Meetings


def _protected(meetings: Iterable[Meeting]) -> dict[str, str]:
    """The protected participants' names, each with what the public version shows instead."""
    return {p.name: p.public_name for m in meetings for p in m.participants if p.protected}


class _Meetings:
    """Public versions of meetings, each made once (a notice's open actions point into the
    earlier meetings); ``shown`` adds names protected elsewhere (at another meeting of the
    series) to each meeting's own."""

    def __init__(self, shown: Mapping[str, str] | None = None) -> None:
        self.shown = dict(shown or {})
        self.done: dict[int, tuple[Meeting, Meeting]] = {}

    def public(self, meeting: Meeting) -> Meeting:
        if id(meeting) in self.done:
            return self.done[id(meeting)][1]
        names = _Names({**self.shown, **_protected([meeting])})
        labels = {p.name.casefold(): p.public_name for p in meeting.participants}
        items = tuple(_item(item, labels) for item in meeting.items)
        result: Meeting = scrub(unchecked(meeting, items=items), names)
        object.__setattr__(result, "public", True)
        self.done[id(meeting)] = (meeting, result)
        return result


def _item(item: AgendaItem, labels: Mapping[str, str]) -> AgendaItem:
    if item.secrecy:
        return withheld(
            item, title=item.public_heading,
            actions=tuple(withheld(a) for a in item.actions),
            attachments=tuple(withheld(a, secrecy=a.secrecy or item.secrecy)
                              for a in item.attachments))
    changes: dict[str, Any] = {}
    for field in attrs.fields(AgendaItem):
        value = getattr(item, field.name)
        if isinstance(value, tuple) and any(isinstance(p, SecretText) for p in value):
            changes[field.name] = tuple(withheld(p) if isinstance(p, SecretText) else p
                                        for p in value)
    if any(a.secrecy for a in item.attachments):
        changes["attachments"] = tuple(withheld(a) if a.secrecy else a for a in item.attachments)
    if any(a.protected for a in item.actions):
        changes["actions"] = tuple(_protected_owner(a, labels) for a in item.actions)
    return unchecked(item, **changes) if changes else item


def _protected_owner(action: ActionItem, labels: Mapping[str, str]) -> ActionItem:
    if not action.protected:
        return action
    return unchecked(action, owner=labels.get(action.owner.casefold()) or WITHHELD)


def _notice(notice: Notice) -> Notice:
    meetings = _Meetings(_protected([notice.meeting, *(a.meeting for a in notice.open_actions)]))

    def public_action(open_action: OpenAction) -> OpenAction:
        meeting = meetings.public(open_action.meeting)
        i = next(i for i, item in enumerate(open_action.meeting.items) if item is open_action.item)
        j = next(j for j, a in enumerate(open_action.item.actions) if a is open_action.action)
        item = meeting.items[i]
        return OpenAction(meeting=meeting, item=item, number=open_action.number,
                          action=item.actions[j])

    return unchecked(notice, meeting=meetings.public(notice.meeting),
                     open_actions=tuple(public_action(a) for a in notice.open_actions))


def _register(register: ActionRegister) -> ActionRegister:
    """A register made from internal meetings: the entries of secret items and the protected
    owners withheld. (Made from the public meetings, it shows their neutral titles and roles.)"""
    names = _Names({})

    def entry(e: RegisterEntry) -> RegisterEntry:
        if e.secrecy:
            e = withheld(e, item=DEFAULT_PUBLIC_TITLE, task=WITHHELD, owner=WITHHELD, due=None,
                         meeting_date=e.meeting_date, body=e.body, number=e.number,
                         paragraph=e.paragraph, done=e.done, status=e.status)
        elif e.protected:
            e = unchecked(e, owner=WITHHELD)
        return scrub(e, names)  # type: ignore[no-any-return]

    result: ActionRegister = unchecked(scrub(register, names),
                                       entries=tuple(entry(e) for e in register.entries))
    object.__setattr__(result, "public", True)
    return result


# ---------------------------------------------------------------------------------------------
# Reports


def _report(report: Report) -> Report:
    names = _Names({p.name: p.shown_as for p in report.protected})
    changes: dict[str, Any] = {"protected": ()}
    for field in attrs.fields(Report):
        value = getattr(report, field.name)
        if isinstance(value, tuple) and any(isinstance(p, SecretText) for p in value):
            changes[field.name] = tuple(withheld(p) if isinstance(p, SecretText) else p
                                        for p in value)
    changes["documents"] = tuple(withheld(d, date=d.date, attached=d.attached)
                                 if d.secrecy else d for d in report.documents)
    result: Report = scrub(unchecked(report, **changes), names)
    object.__setattr__(result, "public", True)
    return result


__all__ = ["is_public", "public_version", "scrub", "unchecked", "withheld"]
