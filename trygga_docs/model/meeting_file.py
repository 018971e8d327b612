"""The ``type: meeting`` data file: one meeting at the top level, or shared fields at the top level
and a ``meetings:`` list whose entries fill in (or override) them.

A problem in a field that came from the top level is reported at the top level: ``build_meeting``
marks its path with ``^`` and ``MeetingData`` strips the mark instead of prefixing ``meetings[i]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
from attrs import field, frozen

from trygga_docs.errors import DataError
from trygga_docs.model.agreement import Cadence
from trygga_docs.model.common import paragraph_field, text_field
from trygga_docs.model.meeting import (AgendaItem, Attendance, Meeting, MeetingKind, NextMeeting, Participant,
                                       _casefold)
from trygga_docs.model.meeting_series import MeetingSeries


@frozen(kw_only=True)
class Substitution:
    """Tjänstgöring: a substitute from the participants who takes an absent member's seat."""

    name: str = text_field()
    replaces: str = text_field()


@frozen(kw_only=True)
class MeetingEntry:
    """One meeting in a file's ``meetings:`` list; what it leaves out comes from the top level."""

    issuer: str | None = None
    """The organisation the body belongs to: *Kommunstyrelsen*."""
    body: str | None = None
    """The body that meets: *Trygghetsrådet*."""
    kind: MeetingKind | None = None
    """``minnesanteckningar`` (default), ``protokoll`` (an advisory body's) or
    ``sammanträdesprotokoll``."""
    title: str | None = None
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    place: str | None = None
    participants: tuple[Participant, ...] | None = None
    """Everyone called, with attendance; replaces the top level's list."""
    absent: tuple[str, ...] | None = None
    """Names from the participants who are absent at this meeting (*anmält förhinder*)."""
    guests: tuple[Participant, ...] | None = None
    """People added to the participants for this meeting only (substitutes, presenters)."""
    substitutes: tuple[Substitution, ...] | None = None
    """Substitutes among the participants who serve for an absent member at this meeting."""
    roles: tuple[str, ...] | None = None
    chair: str | None = None
    secretary: str | None = None
    adjusters: tuple[str, ...] | None = None
    adjustment_place: str | None = None
    adjusted: dt.date | None = None
    posted: dt.date | None = None
    kept_at: str | None = None
    case_number: str | None = None
    first_paragraph: int | None = paragraph_field()
    items: tuple[AgendaItem, ...] | None = None
    next_meeting: NextMeeting | None = None
    notice_date: dt.date | None = None
    notice_note: tuple[str, ...] | None = None
    apologies_to: str | None = None
    papers: str | None = None
    marking: str | None = None
    toc: bool | None = None
    """A table of contents in the minutes and the protocol: ``true``, ``false``, or (left out)
    from ``meeting.TOC_ITEMS`` items on."""

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
                            path=f"{paths[0]}[{j}]")
        i = by_name[_casefold(name)]
        people[i] = attrs.evolve(people[i], attendance=Attendance.ABSENT)
    for j, sub in enumerate(substitutes):
        if _casefold(sub.name) not in by_name:
            raise DataError(f"the substitute '{sub.name}' is not among the participants; add the "
                            f"person to 'participants' or 'guests'", path=f"{paths[1]}[{j}].name")
        seat = by_name.get(_casefold(sub.replaces))
        if seat is None or not people[seat].member or people[seat].attendance is not Attendance.ABSENT:
            raise DataError(f"'{sub.name}' replaces '{sub.replaces}', who is not an absent member; "
                            f"a substitute takes the seat of a member listed under 'absent'",
                            path=f"{paths[1]}[{j}].replaces")
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
            meetings = [_located(_builder(shared, entry), f"meetings[{i}]")
                        for i, entry in enumerate(self.meetings)]
        series = MeetingSeries(tuple(meetings))
        for i, numbering in enumerate(series.numbering):
            if numbering.error:
                prefix = f"meetings[{series.order[i]}]" if self.meetings else ""
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
