"""The ``type: meeting`` data file: one meeting at the top level, or shared fields at the top level
and a ``meetings:`` list whose entries fill in (or override) them.

A problem in a field that came from the top level is reported at the top level: ``build_meeting``
marks its path with ``^`` and ``MeetingData`` strips the mark instead of prefixing ``meetings[i]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
from attrs import field, frozen

from trygga_docs.errors import DataError, data_path
from trygga_docs.model.agreement import Cadence
from trygga_docs.model.common import paragraph_field, text_field
from trygga_docs.model.meeting import (AgendaItem, Attendance, Meeting, MeetingKind, NextMeeting, Participant,
                                       _casefold)
from trygga_docs.model.meeting_series import MeetingSeries

T = TypeVar("T")


@frozen(kw_only=True)
class Substitution:
    """Tjänstgöring: a substitute from the participants who takes an absent member's seat."""

    name: str = text_field()
    replaces: str = text_field()


def _with_fields_of(source: type[Any], *, after: str) -> Callable[[type[T]], type[T]]:
    """Class decorator, applied before attrs makes the class: every ``__init__`` field of
    ``source`` the class does not declare itself, with the same type but optional (``None`` when
    left out) and unchecked (``source`` checks it when the meeting is built). The class's own
    fields that ``source`` lacks follow ``source``'s field ``after``.

    One list of fields: a field added to ``Meeting`` is a key of the meeting file with no second
    edit.
    """
    def add(cls: type[T]) -> type[T]:
        own: dict[str, Any] = dict(cls.__dict__.get("__annotations__", {}))
        theirs = attrs.fields(attrs.resolve_types(source))
        extra = {name: tp for name, tp in own.items() if not any(a.name == name for a in theirs)}
        annotations: dict[str, Any] = {}
        for a in theirs:
            if not a.init:
                continue
            if a.name not in own:
                setattr(cls, a.name, field(default=None))
            annotations[a.name] = own.get(a.name, a.type | None)
            if a.name == after:
                annotations.update(extra)
        cls.__annotations__ = {**annotations, **extra}
        setattr(cls, "fields_from", source)  # where schema finds the fields' docstrings
        return cls
    return add


@frozen(kw_only=True)
@_with_fields_of(Meeting, after="participants")
class MeetingEntry:
    """One meeting in a file's ``meetings:`` list; what it leaves out comes from the top level.

    Its fields are ``Meeting``'s, each optional, and the changes to the participants of one
    meeting; ``participants`` given here replaces the top level's list.
    """

    absent: tuple[str, ...] | None = None
    """Names from the participants who are absent at this meeting (*anmält förhinder*)."""
    guests: tuple[Participant, ...] | None = None
    """People added to the participants for this meeting only (substitutes, presenters)."""
    substitutes: tuple[Substitution, ...] | None = None
    """Substitutes among the participants who serve for an absent member at this meeting."""
    first_paragraph: int | None = paragraph_field()  # read as Meeting's: ``§ 158`` or ``158``

    renamed_keys = {"adjusters": "minutes_checkers"}
    """Keys a meeting file no longer takes, each with its new name (``structuring`` says so)."""

    def given(self) -> dict[str, Any]:
        """The fields this entry sets."""
        return {a.name: getattr(self, a.name) for a in attrs.fields(MeetingEntry)
                if getattr(self, a.name) is not None}


def _shared_path(name: str, entry: Mapping[str, Any]) -> str:
    """``name`` when the meeting gives it, else ``^name`` (a field shared by the file)."""
    return name if name in entry else "^" + name


def _with_attendance(participants: Sequence[Participant], absent: Iterable[str],
                     substitutes: Iterable[Substitution], paths: tuple[str, str]
                     ) -> tuple[Participant, ...]:
    by_name = {_casefold(p.name): i for i, p in enumerate(participants)}
    people = list(participants)
    for j, name in enumerate(absent):
        if _casefold(name) not in by_name:
            raise DataError(f"'{name}' is marked absent but is not among the participants",
                            path=data_path(paths[0], j))
        i = by_name[_casefold(name)]
        people[i] = attrs.evolve(people[i], attendance=Attendance.ABSENT)
    for j, sub in enumerate(substitutes):
        if _casefold(sub.name) not in by_name:
            raise DataError(f"the substitute '{sub.name}' is not among the participants; add the "
                            f"person to 'participants' or 'guests'",
                            path=data_path(paths[1], j, "name"))
        seat = by_name.get(_casefold(sub.replaces))
        if seat is None or not people[seat].member or people[seat].attendance is not Attendance.ABSENT:
            raise DataError(f"'{sub.name}' replaces '{sub.replaces}', who is not an absent member; "
                            f"a substitute takes the seat of a member listed under 'absent'",
                            path=data_path(paths[1], j, "replaces"))
        i = by_name[_casefold(sub.name)]
        people[i] = attrs.evolve(people[i], attendance=Attendance.SUBSTITUTE, replaces=sub.replaces)
    return tuple(people)


def build_meeting(shared: dict[str, Any], entry: dict[str, Any]) -> Meeting:
    """A Meeting from the top level's fields and one entry's (the entry wins).

    Raises DataError with a path relative to the entry (``items[2].title``) for the entry's own
    fields, and with ``^`` before the path for a problem in a field that came from the top level.
    """
    merged = {**shared, **entry}
    absent = merged.pop("absent", None) or ()
    guests = merged.pop("guests", None) or ()
    substitutes = merged.pop("substitutes", None) or ()
    participants = merged.get("participants") or ()
    if guests:
        participants = (*participants, *guests)
    merged["participants"] = _with_attendance(
        participants, absent, substitutes,
        (_shared_path("absent", entry), _shared_path("substitutes", entry)))
    missing = [name for name in ("issuer", "body", "date", "start", "end", "place", "participants",
                                 "items") if not merged.get(name)]
    if missing:
        raise DataError(f"the required field '{missing[0]}' is missing; give it in this meeting or "
                        f"at the top of the file for every meeting", path=missing[0])
    try:
        return Meeting(**merged)
    except DataError as exc:
        head = (exc.path or "").split(".")[0].split("[")[0]
        if head == "participants" and "participants" not in entry and guests:
            raise exc from None  # a guest's index runs on after the shared list; best effort
        if head and head not in entry and head in shared:
            raise DataError(exc.message, path="^" + (exc.path or "")) from None
        raise


_PER_MEETING = frozenset({"date", "items", "next_meeting", "notice_date", "adjusted", "posted",
                          "first_paragraph", "case_number", "absent", "guests", "substitutes"})
"""Fields that belong to one meeting and may not stand at the top of a multi-meeting file."""


@frozen(kw_only=True, slots=False)
class MeetingData(MeetingEntry):
    """A ``type: meeting`` file: one meeting, or shared fields and ``meetings:``.

    ``series`` holds the validated meetings with their § numbers.

    >>> from trygga_docs.loader import load, EXAMPLES
    >>> data = load(EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml")
    >>> meeting = data.series.meetings[0]
    >>> meeting.body, meeting.duration.seconds // 3600
    ('Trygghetsrådet Trygga Höör', 2)
    """

    meetings: tuple[MeetingEntry, ...] = field(factory=tuple)
    """The meetings of the file, each filling in or overriding the fields above."""
    cadence: Cadence | None = None
    """How often the body meets, written as an agreement writes a body's cadence (``{times: 1,
    unit: månad, except_months: [6, 7, 8]}``): where ``new meeting --from`` takes the next date
    from when the last meeting gives no ``next_meeting``."""

    @property
    def series(self) -> MeetingSeries:
        """The file's meetings, validated and numbered."""
        series: MeetingSeries = self.__dict__["_series"]
        return series

    def __attrs_post_init__(self) -> None:
        shared = MeetingEntry.given(self)
        if not self.meetings:
            meetings = [_located(lambda: build_meeting({}, shared), "")]
        else:
            per_meeting = sorted(set(shared) & _PER_MEETING)
            if per_meeting:
                raise DataError(f"'{per_meeting[0]}' belongs to one meeting; with a 'meetings:' list "
                                f"write it inside the meeting it belongs to", path=per_meeting[0])
            meetings = [_located(_builder(shared, entry), data_path("meetings", i))
                        for i, entry in enumerate(self.meetings)]
        series = MeetingSeries(tuple(meetings))
        for i, numbering in enumerate(series.numbering):
            if numbering.error:
                prefix = data_path("meetings", series.order[i]) if self.meetings else ""
                raise numbering.error.located(path_prefix=prefix or None)
        object.__setattr__(self, "_series", series)


def _builder(shared: dict[str, Any], entry: MeetingEntry) -> Callable[[], Meeting]:
    """Builds the meeting of ``entry`` when called (inside ``_located``)."""
    return lambda: build_meeting(shared, entry.given())


def _located(build: Callable[[], Meeting], prefix: str) -> Meeting:
    try:
        return build()
    except DataError as exc:
        path = exc.path or ""
        if path.startswith("^"):
            raise DataError(exc.message + (f" (in {prefix})" if prefix else ""),
                            path=path[1:] or None) from None
        raise exc.located(path_prefix=prefix or None) from None
