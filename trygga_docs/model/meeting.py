"""Möten och sammanträden: minnesanteckningar of an advisory council and sammanträdesprotokoll of a
committee, with everything the meeting cycle needs (notice, extracts, action register).

A data file with ``type: meeting`` holds one meeting at the top level, or shared fields at the top
level and a ``meetings:`` list whose entries fill in (or override) them; see ``MeetingData``.
Minutes name people, who hold roles in organisations; an action item belongs to a person present
or to a declared role (*Kommunpolis*, *Ledningsgruppen*).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs
from attrs import field, frozen

from trygga_docs.errors import DataError
from trygga_docs.model.common import (Attachment, paragraph_field, at_least, at_most, optional_text, paragraphs,
                     text_field, unique_names)
from trygga_docs.model.meeting_rules import Numbering, PostingDates, number_items, posting_dates, running_numbers


class MeetingKind(enum.Enum):
    """Slag av möte: informal notes or a formal protocol."""

    NOTES = "minnesanteckningar"
    PROTOCOL = "sammanträdesprotokoll"


class Attendance(enum.Enum):
    """Närvaro."""

    PRESENT = "närvarande"
    ABSENT = "frånvarande"
    SUBSTITUTE = "ersättare"
    """Tjänstgörande ersättare: a substitute who takes an absent member's seat."""
    COOPTED = "adjungerad"
    """Adjungerad: takes part without a vote."""

    @property
    def present(self) -> bool:
        return self is not Attendance.ABSENT


def _casefold(value: str | None) -> str:
    return (value or "").strip().casefold()


@frozen(kw_only=True)
class Participant:
    """Deltagare: a person called to the meeting, with role, organisation and attendance."""

    name: str = text_field()
    role: str | None = optional_text()
    """What the person is at the meeting: *kommunstyrelsens ordförande*, *Kommunpolis*, *ledamot*."""
    organisation: str | None = optional_text()
    """*Höörs kommun*, *Polisen*; for elected members often the party, *(S)*."""
    attendance: Attendance = Attendance.PRESENT
    member: bool = False
    """Ledamot: a member who decides (*beslutande*) when present."""
    replaces: str | None = optional_text()
    """For a tjänstgörande ersättare: the absent member whose seat they take."""

    @property
    def decides(self) -> bool:
        """Beslutande: a member present, or a substitute serving."""
        return (self.member and self.attendance is Attendance.PRESENT
                or self.attendance is Attendance.SUBSTITUTE)


@frozen(kw_only=True)
class ActionItem:
    """Åtgärd: who does what, by when; open until ``done`` is filled in."""

    owner: str = text_field()
    """A participant's name or a declared role (*Kommunpolis*, *Ledningsgruppen*)."""
    task: str = text_field()
    """What is to be done, written to follow *… ska*: ``undersöka möjligheten att …``."""
    due: dt.date | None = None
    done: dt.date | None = None
    """The day it was done; leave out while the action is open."""

    def is_open(self, on: dt.date) -> bool:
        """Still open on the day ``on``."""
        return self.done is None or self.done > on


@frozen(kw_only=True)
class AgendaItem:
    """Ärende / punkt på dagordningen: the matter, the decision, what is to be done."""

    number: int | None = paragraph_field()
    """The item's number or §; leave out to number on from the item before."""
    title: str = text_field()
    case_number: str | None = optional_text()
    """Diarienummer, *KS 2025/112*."""
    presenters: tuple[str, ...] = field(factory=tuple)
    """Föredragande: who presents the item."""
    matter: tuple[str, ...] = paragraphs()
    """Ärendet, or in minnesanteckningar what was said."""
    decision: tuple[str, ...] = paragraphs()
    """Beslut."""
    votes: tuple[str, ...] = paragraphs()
    """Omröstning: the votes taken and how they went."""
    reservations: tuple[str, ...] = paragraphs()
    """Reservationer: who reserved against the decision, and on what grounds."""
    actions: tuple[ActionItem, ...] = field(factory=tuple)
    attachments: tuple[Attachment, ...] = field(factory=tuple)
    """Bilagor, numbered through the protocol as *bilaga 1, 2 …*."""
    distribution: tuple[str, ...] = field(factory=tuple)
    """Expedieras till: who gets an extract of the decision."""
    secrecy: str | None = optional_text()
    """The legal reference when the matter is secret (*26 kap. 1 § offentlighets- och
    sekretesslagen*); the matter is then left out of every document."""
    immediate: bool = False
    """Omedelbar justering: the paragraph is adjusted at the meeting."""


@frozen(kw_only=True)
class NextMeeting:
    """Nästa möte."""

    date: dt.date
    start: dt.time | None = None
    end: dt.time | None = None
    place: str | None = optional_text()
    note: str | None = optional_text()

    def __attrs_post_init__(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise DataError(f"the next meeting ends ({self.end:%H.%M}) before or when it starts "
                            f"({self.start:%H.%M})", path="end")


@frozen(kw_only=True)
class Meeting:
    """Möte eller sammanträde med ett organ, as the documents of the meeting cycle show it."""

    issuer: str = text_field()
    """The organisation the body belongs to, shown first: *Kommunstyrelsen*, *Exempelviks kommun*."""
    body: str = text_field()
    """The body that meets: *Trygghetsrådet Trygga Höör*."""
    kind: MeetingKind = MeetingKind.NOTES
    title: str | None = optional_text()
    """A title of the notes instead of *<body> – minnesanteckningar från mötet <date>*."""
    date: dt.date
    start: dt.time
    end: dt.time
    place: str = text_field()
    participants: tuple[Participant, ...] = field(validator=at_least(1, "participant"))
    roles: tuple[str, ...] = field(factory=tuple)
    """Roles and groups that may own an action item besides the participants."""
    chair: str | None = optional_text()
    """Ordförande: a participant present."""
    secretary: str | None = optional_text()
    """Sekreterare, *vid pennan*: a participant present."""
    adjusters: tuple[str, ...] = field(factory=tuple, validator=at_most(2, "justerare"))
    """Justerare: one or two members present (protocols)."""
    adjustment_place: str | None = optional_text()
    """Where the protocol is adjusted: *Kommunhuset*."""
    adjusted: dt.date | None = None
    """The day of justering; without it the last day the law allows."""
    posted: dt.date | None = None
    """The day the anslag is posted; without it the first weekday after justering."""
    kept_at: str | None = optional_text()
    """Förvaringsplats för protokollet: *Kommunledningskontoret, Storgatan 1*."""
    case_number: str | None = optional_text()
    first_paragraph: int | None = paragraph_field()
    """The first § of this meeting; without it the § after the body's previous meeting this year."""
    items: tuple[AgendaItem, ...] = field(validator=at_least(1, "agenda item"))
    next_meeting: NextMeeting | None = None
    notice_date: dt.date | None = None
    """The day the notice (kallelse) is sent."""
    notice_note: tuple[str, ...] = paragraphs()
    """Text in the notice after time and place: how to send apologies, where papers are."""
    marking: str | None = optional_text()
    """A line shown at the top of every document, e.g. *EXEMPEL – påhittade personer*."""

    # ---- derived

    @property
    def duration(self) -> dt.timedelta:
        return (dt.datetime.combine(self.date, self.end)
                - dt.datetime.combine(self.date, self.start))

    @property
    def is_protocol(self) -> bool:
        return self.kind is MeetingKind.PROTOCOL

    @property
    def key(self) -> tuple[str, str]:
        """The body this meeting belongs to, for grouping a year's meetings."""
        return _casefold(self.issuer), _casefold(self.body)

    def participant(self, name: str) -> Participant:
        """The participant with this name (case-insensitive)."""
        for person in self.participants:
            if _casefold(person.name) == _casefold(name):
                return person
        raise KeyError(name)

    def own_numbers(self) -> tuple[int, ...]:
        """The items' numbers from this meeting alone (its ``first_paragraph`` or 1 onwards)."""
        return number_items([i.number for i in self.items], start=self.first_paragraph or 1)

    def posting(self) -> PostingDates:
        """Justering and anslag dates (see ``meeting_rules``)."""
        return posting_dates(self.date, adjusted=self.adjusted, posted=self.posted)

    def owners(self) -> set[str]:
        """Who may own an action item: participants' names and roles, and the declared roles."""
        known = {_casefold(r) for r in self.roles}
        for person in self.participants:
            known.add(_casefold(person.name))
            if person.role:
                known.add(_casefold(person.role))
        return known

    # ---- validation

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise DataError(f"the meeting ends ({self.end:%H.%M}) before or when it starts "
                            f"({self.start:%H.%M}); the end time must come after the start",
                            path="end")
        unique_names(self.participants, "name", "participants", "the participant")
        self._check_people()
        self._check_items()
        if self.next_meeting and self.next_meeting.date <= self.date:
            raise DataError(f"the next meeting ({self.next_meeting.date.isoformat()}) is not after "
                            f"this one ({self.date.isoformat()})", path="next_meeting.date")
        if self.notice_date and self.notice_date > self.date:
            raise DataError(f"the notice is dated {self.notice_date.isoformat()}, after the meeting "
                            f"({self.date.isoformat()})", path="notice_date")
        if self.is_protocol or self.adjusted or self.posted:
            self.posting()

    def _present(self, name: str, path: str, what: str, *, deciding: bool = False) -> None:
        names = [p.name for p in self.participants]
        try:
            person = self.participant(name)
        except KeyError:
            raise DataError(f"the {what} '{name}' is not among the participants; add the person to "
                            f"'participants' or choose one of: {', '.join(names)}", path=path) from None
        if not person.attendance.present:
            raise DataError(f"the {what} '{name}' is marked absent ({person.attendance.value}); a "
                            f"{what} must be present at the meeting", path=path)
        if deciding and not person.decides:
            raise DataError(f"the {what} '{name}' is not a member present (member: true) or a "
                            f"serving substitute; a {what} must be one of those who decide",
                            path=path)

    def _check_people(self) -> None:
        for i, person in enumerate(self.participants):
            if person.attendance is Attendance.COOPTED and person.member:
                raise DataError(f"'{person.name}' is both a member and co-opted (adjungerad); a "
                                f"co-opted person takes part without a vote, so drop one of them",
                                path=f"participants[{i}].member")
            if person.replaces:
                if person.attendance is not Attendance.SUBSTITUTE:
                    raise DataError(f"'{person.name}' replaces '{person.replaces}' but is not marked "
                                    f"as a substitute; set 'attendance: ersättare'",
                                    path=f"participants[{i}].replaces")
                try:
                    seat = self.participant(person.replaces)
                except KeyError:
                    raise DataError(f"'{person.name}' replaces '{person.replaces}', who is not among "
                                    f"the participants", path=f"participants[{i}].replaces") from None
                if seat.attendance is not Attendance.ABSENT or not seat.member:
                    raise DataError(f"'{person.name}' replaces '{person.replaces}', who is not an "
                                    f"absent member; a substitute takes the seat of an absent member",
                                    path=f"participants[{i}].replaces")
        if self.chair:
            self._present(self.chair, "chair", "chair")
        if self.secretary:
            self._present(self.secretary, "secretary", "secretary")
        for i, name in enumerate(self.adjusters):
            self._present(name, f"adjusters[{i}]", "justerare", deciding=self.is_protocol)
            if self.chair and _casefold(name) == _casefold(self.chair):
                raise DataError(f"'{name}' is the chair and cannot also be justerare; the chair "
                                f"adjusts the protocol anyway", path=f"adjusters[{i}]")
        if len({_casefold(a) for a in self.adjusters}) < len(self.adjusters):
            raise DataError("the same justerare is named twice", path="adjusters[1]")
        if self.is_protocol:
            for attr, what in (("chair", "a chair (ordförande)"), ("secretary", "a secretary")):
                if not getattr(self, attr):
                    raise DataError(f"a sammanträdesprotokoll needs {what}; name the participant",
                                    path=attr)
            if not self.adjusters:
                raise DataError("a sammanträdesprotokoll needs one or two justerare; name them under "
                                "'adjusters'", path="adjusters")
            if not self.kept_at:
                raise DataError("a sammanträdesprotokoll needs 'kept_at', where the adjusted protocol "
                                "is kept (the anslag must say so, kommunallagen 8 kap. 12 §)",
                                path="kept_at")

    def _check_items(self) -> None:
        self.own_numbers()
        owners = self.owners()
        for i, item in enumerate(self.items):
            for j, action in enumerate(item.actions):
                path = f"items[{i}].actions[{j}]"
                if _casefold(action.owner) not in owners:
                    raise DataError(
                        f"the action's owner '{action.owner}' is neither a participant nor a declared "
                        f"role; write a participant's name ({', '.join(p.name for p in self.participants[:3])}"
                        f"{' …' if len(self.participants) > 3 else ''}) or add the role under 'roles'",
                        path=f"{path}.owner")
                if action.due and action.due < self.date:
                    raise DataError(f"the action is due {action.due.isoformat()}, before the meeting "
                                    f"that decided it ({self.date.isoformat()})", path=f"{path}.due")
                if action.done and action.done < self.date:
                    raise DataError(f"the action is marked done {action.done.isoformat()}, before the "
                                    f"meeting that decided it ({self.date.isoformat()})",
                                    path=f"{path}.done")


# ---------------------------------------------------------------------------------------------
# The data file: one meeting, or shared fields and a list of meetings

_MEETING_FIELDS = tuple(a.name for a in attrs.fields(Meeting))


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
    """``minnesanteckningar`` (default) or ``sammanträdesprotokoll``."""
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
    marking: str | None = None

    def given(self) -> dict[str, Any]:
        """The fields this entry sets."""
        return {a.name: getattr(self, a.name) for a in attrs.fields(MeetingEntry)
                if getattr(self, a.name) is not None}


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
        tuple(name if name in entry else "^" + name for name in ("absent", "substitutes")))
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

    @property
    def series(self) -> MeetingSeries:
        """The file's meetings, validated and numbered."""
        return self.__dict__["_series"]

    def __attrs_post_init__(self) -> None:
        shared = MeetingEntry.given(self)
        if not self.meetings:
            meetings = [_located(lambda: build_meeting({}, shared), "")]
        else:
            per_meeting = sorted(set(shared) & _PER_MEETING)
            if per_meeting:
                raise DataError(f"'{per_meeting[0]}' belongs to one meeting; with a 'meetings:' list "
                                f"write it inside the meeting it belongs to", path=per_meeting[0])
            meetings = [_located(lambda e=entry: build_meeting(shared, e.given()), f"meetings[{i}]")
                        for i, entry in enumerate(self.meetings)]
        series = MeetingSeries(tuple(meetings))
        for i, numbering in enumerate(series.numbering):
            if numbering.error:
                prefix = f"meetings[{series.order[i]}]" if self.meetings else ""
                raise numbering.error.located(path_prefix=prefix or None)
        object.__setattr__(self, "_series", series)


def _located(build: Any, prefix: str) -> Meeting:
    try:
        return build()
    except DataError as exc:
        path = exc.path or ""
        if path.startswith("^"):
            raise DataError(exc.message + (f" (in {prefix})" if prefix else ""),
                            path=path[1:] or None) from None
        raise exc.located(path_prefix=prefix or None) from None


# ---------------------------------------------------------------------------------------------
# A body's meetings and the documents of the cycle


@frozen
class MeetingSeries:
    """Sammanträden: meetings, in the order given, with § numbers that run on per body and year.

    ``numbering[i]`` belongs to ``meetings[i]``; ``order`` maps a meeting back to its index in the
    input.
    """

    meetings: tuple[Meeting, ...]
    order: tuple[int, ...] = field(init=False, repr=False)
    numbering: tuple[Numbering, ...] = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "order", tuple(range(len(self.meetings))))
        numbering: list[Any] = [None] * len(self.meetings)
        groups: dict[tuple[str, str, int], list[int]] = {}
        for i, meeting in enumerate(self.meetings):
            if meeting.is_protocol:
                groups.setdefault((*meeting.key, meeting.date.year), []).append(i)
            else:
                try:
                    numbering[i] = Numbering(meeting.own_numbers())
                except DataError as exc:
                    numbering[i] = Numbering(error=exc)
        for indices in groups.values():
            indices.sort(key=lambda i: (self.meetings[i].date, self.meetings[i].start))
            results = running_numbers([(self.meetings[i].first_paragraph,
                                        [item.number for item in self.meetings[i].items])
                                       for i in indices])
            for i, result in zip(indices, results):
                numbering[i] = result
        object.__setattr__(self, "numbering", tuple(numbering))

    def __iter__(self) -> Iterator[Meeting]:
        return iter(self.meetings)

    def __len__(self) -> int:
        return len(self.meetings)

    def numbers(self, meeting: Meeting | int) -> tuple[int, ...]:
        """The item numbers (§ for protocols) of a meeting of this series."""
        index = meeting if isinstance(meeting, int) else self._index(meeting)
        result = self.numbering[index]
        if result.error:
            raise result.error
        return result.numbers

    def _index(self, meeting: Meeting) -> int:
        for i, m in enumerate(self.meetings):
            if m is meeting:
                return i
        for i, m in enumerate(self.meetings):
            if m == meeting:
                return i
        raise KeyError(meeting.date)

    def earlier(self, meeting: Meeting) -> list[Meeting]:
        """The same body's meetings before this one (any year), oldest first."""
        found = [m for m in self.meetings if m.key == meeting.key
                 and (m.date, m.start) < (meeting.date, meeting.start)]
        return sorted(found, key=lambda m: (m.date, m.start))

    def open_actions(self, meeting: Meeting) -> list[OpenAction]:
        """Action items from the body's earlier meetings still open when the notice goes out,
        oldest due first (those without a due date last)."""
        on = meeting.notice_date or meeting.date
        found = []
        for m in self.earlier(meeting):
            numbers = self.numbers(m)
            for item, number in zip(m.items, numbers):
                for action in item.actions:
                    if action.is_open(on):
                        found.append(OpenAction(meeting=m, item=item, number=number, action=action))
        return sorted(found, key=lambda a: (a.action.due is None, a.action.due or a.meeting.date,
                                            a.meeting.date, a.number))

    def register(self, body: tuple[str, str] | None = None,
                 as_of: dt.date | None = None) -> list[RegisterEntry]:
        """Åtgärdsregister: every action item of a body's meetings (the first body when not given),
        open and done, in meeting and item order. ``as_of`` (default: the last meeting's day)
        decides which open items are late.

        >>> from trygga_docs.loader import load, EXAMPLES
        >>> series = load(EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml").series
        >>> [(e.owner, e.status) for e in series.register()][:2]
        [('Elin Strand', 'klar'), ('Ahmed Karimi', 'klar')]
        """
        if not self.meetings:
            return []
        body = body or self.meetings[0].key
        meetings = sorted((m for m in self.meetings if m.key == body),
                          key=lambda m: (m.date, m.start))
        as_of = as_of or max(m.date for m in meetings)
        entries = []
        for m in meetings:
            for item, number in zip(m.items, self.numbers(m)):
                for action in item.actions:
                    entries.append(RegisterEntry.of(m, item, number, action, as_of))
        return entries

    def bodies(self) -> list[tuple[str, str]]:
        """The bodies of the series, in order of first appearance."""
        return list(dict.fromkeys(m.key for m in self.meetings))


@frozen
class OpenAction:
    """An action item still open, with the meeting and item that decided it."""

    meeting: Meeting
    item: AgendaItem
    number: int
    action: ActionItem


@frozen(kw_only=True)
class RegisterEntry:
    """One row of the action register, as plain values for scripts."""

    meeting_date: dt.date
    body: str
    number: int
    """The item's number, the § in a protocol."""
    paragraph: bool
    """Whether ``number`` is a § (a protocol) or an item number (notes)."""
    item: str
    owner: str
    task: str
    due: dt.date | None
    done: dt.date | None
    status: str
    """``klar``, ``öppen`` or ``försenad`` (open and past due on the register's day)."""

    @classmethod
    def of(cls, meeting: Meeting, item: AgendaItem, number: int, action: ActionItem,
           as_of: dt.date) -> RegisterEntry:
        if not action.is_open(as_of):
            status = "klar"
        elif action.due and action.due < as_of:
            status = "försenad"
        else:
            status = "öppen"
        secret = item.secrecy is not None
        return cls(meeting_date=meeting.date, body=meeting.body, number=number,
                   paragraph=meeting.is_protocol, item=item.title, owner=action.owner,
                   task="(sekretess)" if secret else action.task, due=action.due,
                   done=action.done, status=status)


class DocumentKind(enum.Enum):
    """The documents of the meeting cycle, by their ``--document`` name."""

    NOTICE = "notice"
    MINUTES = "minutes"
    PROTOCOL = "protocol"
    EXTRACT = "extract"
    REGISTER = "register"


@frozen
class Notice:
    """Kallelse: time, place, agenda and the actions still open from earlier meetings."""

    meeting: Meeting
    open_actions: tuple[OpenAction, ...] = ()


@frozen
class Minutes:
    """Minnesanteckningar of one meeting, its items numbered."""

    meeting: Meeting
    numbers: tuple[int, ...]


@frozen
class Protocol:
    """Sammanträdesprotokoll of one meeting, its items numbered with §."""

    meeting: Meeting
    numbers: tuple[int, ...]


@frozen
class Extract:
    """Protokollsutdrag: one § of a protocol as its own document."""

    meeting: Meeting
    numbers: tuple[int, ...]
    index: int
    """The item's index in ``meeting.items``."""

    @property
    def number(self) -> int:
        return self.numbers[self.index]

    @property
    def appended_attachments(self) -> tuple[Attachment, ...]:
        """The bilagor that go with the extract: this § only, not the whole meeting's."""
        return self.meeting.items[self.index].attachments


@frozen
class ActionRegister:
    """Åtgärdsregister: a body's action items over its meetings."""

    issuer: str
    body: str
    as_of: dt.date
    entries: tuple[RegisterEntry, ...]
    years: tuple[int, ...]
    marking: str | None = None


def documents(series: MeetingSeries, kind: DocumentKind | str,
              meeting: Meeting | None = None) -> list[Any]:
    """The documents of one kind for a series (one meeting of it when given), ready to render.

    A notice, the minutes and the protocol: one per meeting. Extracts: one per item. The
    register: one per body.
    """
    kind = DocumentKind(kind)
    if kind is DocumentKind.REGISTER:
        registers = []
        for key in series.bodies():
            meetings = [m for m in series.meetings if m.key == key]
            last = max(meetings, key=lambda m: (m.date, m.start))
            entries = series.register(key)
            registers.append(ActionRegister(
                issuer=last.issuer, body=last.body, as_of=last.date, entries=tuple(entries),
                years=tuple(sorted({m.date.year for m in meetings})), marking=last.marking))
        return registers
    chosen = [meeting] if meeting is not None else list(series.meetings)
    out: list[Any] = []
    for m in chosen:
        if kind is DocumentKind.NOTICE:
            out.append(Notice(m, tuple(series.open_actions(m))))
            continue
        numbers = series.numbers(m)
        if kind is DocumentKind.MINUTES:
            out.append(Minutes(m, numbers))
        elif kind is DocumentKind.PROTOCOL:
            _require_protocol(m)
            out.append(Protocol(m, numbers))
        else:
            _require_protocol(m)
            out.extend(Extract(m, numbers, i) for i in range(len(m.items)))
    return out


def _require_protocol(meeting: Meeting) -> None:
    if not (meeting.chair and meeting.secretary and meeting.adjusters):
        raise DataError(f"the meeting of {meeting.date.isoformat()} has no chair, secretary and "
                        f"justerare, which a protocol and its extracts need; give them, or render "
                        f"its minnesanteckningar (--document minutes)", path="adjusters")


def default_document(meeting: Meeting) -> DocumentKind:
    """The document a meeting's kind calls for: its notes or its protocol."""
    return DocumentKind.PROTOCOL if meeting.is_protocol else DocumentKind.MINUTES
