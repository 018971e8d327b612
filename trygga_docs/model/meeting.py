"""Möten och sammanträden: minnesanteckningar of an advisory council and sammanträdesprotokoll of a
committee, with everything the meeting cycle needs (notice, extracts, action register).

The model and its validation; the file format is in ``meeting_file`` (``MeetingData``), numbering,
the action register and the documents of the cycle in ``meeting_series``.
Minutes name people, who hold roles in organisations; an action item belongs to a person present
or to a declared role (*Kommunpolis*, *Ledningsgruppen*).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any
from attrs import field, frozen

from trygga_docs.errors import DataError, data_path
from trygga_docs.model.common import (Attachment, attachment_numbers, paragraph_field, at_least, at_most, optional_text, paragraphs,
                     text_field, unique_names)
from trygga_docs.model.meeting_rules import NoticeBoardDates, number_items, notice_board_dates
from trygga_docs.model.secrecy import (DEFAULT_PUBLIC_TITLE, Passage, SecretText, passages, shown_in_public,
                                       references, secrecy_field)


TOC_ITEMS = 8
"""From this many items on, the minutes and the protocol get a table of contents unless the
meeting says ``toc: false``: a reader then looks for one § among many pages."""


class MeetingKind(enum.Enum):
    """Slag av möte: informal notes, the protocol of an advisory body, or a formal protocol."""

    NOTES = "minnesanteckningar"
    PROTOCOL = "sammanträdesprotokoll"
    """A committee's protocol: § numbered through the year, justering, anslag, appeal."""
    ADVISORY = "protokoll"
    """The protocol of an advisory body (*trygghetsråd*, *BRÅ*): header *Protokoll*, items with
    *Ärendet*, no justering, no anslag and no appeal."""


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
    role: str | None = shown_in_public(optional_text())
    """What the person is at the meeting: *kommunstyrelsens ordförande*, *Kommunpolis*, *ledamot*."""
    organisation: str | None = shown_in_public(optional_text())
    """*Höörs kommun*, *Polisen*; for elected members often the party, *(S)*."""
    attendance: Attendance = shown_in_public(field(default=Attendance.PRESENT))
    member: bool = shown_in_public(field(default=False))
    """Ledamot: a member who decides (*beslutande*) when present."""
    replaces: str | None = shown_in_public(optional_text())
    """For a tjänstgörande ersättare: the absent member whose seat they take."""
    protected: bool = shown_in_public(field(default=False))
    """Skyddade personuppgifter: the public version shows the person by role and organisation,
    never by name, wherever the name is written."""
    guest: bool = shown_in_public(field(default=False))
    """Gäst: from another municipality or organisation, listed under *Gäster*, never a member."""
    deputy: bool = shown_in_public(field(default=False))
    """Ersättare: a deputy of the body, called *för kännedom* unless serving at this meeting
    (``attendance: ersättare``)."""

    @property
    def public_name(self) -> str:
        """What the public version shows for a protected person: role and organisation."""
        return ", ".join(part for part in (self.role, self.organisation) if part)

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
    done: dt.date | None = shown_in_public(field(default=None))
    """The day it was done; leave out while the action is open."""
    protected: bool = False
    """The owner is shown by role and organisation in the public version of this action (the
    owner must then be a participant)."""

    def is_open(self, on: dt.date) -> bool:
        """Still open on the day ``on``."""
        return self.done is None or self.done > on


@frozen(kw_only=True)
class BasisDocument:
    """Beslutsunderlag: a document the decision rests on."""

    title: str = text_field()
    """*Tjänsteskrivelse från säkerhetschefen*."""
    date: dt.date | None = None
    """The document's date."""


@frozen(kw_only=True)
class AgendaItem:
    """Ärende / punkt på dagordningen: the matter, the decision, what is to be done."""

    number: int | None = shown_in_public(paragraph_field())
    """The item's number or §; leave out to number on from the item before."""
    title: str = text_field()
    case_number: str | None = optional_text()
    """Diarienummer, *KS 2025/112*."""
    presenters: tuple[str, ...] = field(factory=tuple)
    """Föredragande: who presents the item, a participant or a declared role."""
    disqualified: tuple[str, ...] = field(factory=tuple)
    """Jäv: participants who declare a conflict of interest and leave the room for this item."""
    absent: tuple[str, ...] = field(factory=tuple)
    """Participants of the meeting who are not in the room for this item (they came later or
    left earlier); the protocol says so under the item and beside the name."""
    basis: tuple[BasisDocument, ...] = field(factory=tuple)
    """Beslutsunderlag: the documents the decision rests on, with their dates."""
    matter: tuple[Passage, ...] = passages()
    """Ärendet, or in minnesanteckningar what was said. A secret paragraph is written
    ``{text: …, secrecy: OSL 26 kap. 1 §}``."""
    decision: tuple[Passage, ...] = passages()
    """Beslut."""
    votes: tuple[Passage, ...] = passages()
    """Omröstning: the votes taken and how they went."""
    reservations: tuple[Passage, ...] = passages()
    """Reservationer: who reserved against the decision, and on what grounds."""
    actions: tuple[ActionItem, ...] = field(factory=tuple)
    attachments: tuple[Attachment, ...] = field(factory=tuple)
    """Bilagor, numbered through the protocol as *bilaga 1, 2 …*."""
    distribution: tuple[str, ...] = field(factory=tuple)
    """Expedieras till (in a sammanträdesprotokoll) or *Beslutet skickas till* (in a protocol
    of an advisory body and in minnesanteckningar): who gets the decision."""
    secrecy: str | None = secrecy_field("item")
    """The legal reference when the item is secret (*OSL 26 kap. 1 §*). The internal version
    shows it whole, marked; the public version shows its number, ``public_title`` and
    *Sekretess enligt <secrecy>* and nothing else."""
    public_title: str | None = shown_in_public(optional_text())
    """A neutral title for the public version of a secret item; default *Sekretessbelagt
    ärende*."""
    immediate: bool = shown_in_public(field(default=False))
    """Omedelbar justering: the paragraph is adjusted at the meeting."""
    standing: bool = shown_in_public(field(default=False))
    """Stående punkt: on every agenda; ``new meeting --from`` keeps it in the next meeting."""

    def __attrs_post_init__(self) -> None:
        if self.public_title and not self.secrecy:
            raise DataError("'public_title' is the title a secret item shows in the public "
                            "version, but the item is not secret; give its legal reference under "
                            "'secrecy' or leave 'public_title' out", path="public_title")

    @property
    def public_heading(self) -> str:
        """The title the public version shows: the item's own when it is not secret."""
        if not self.secrecy:
            return self.title
        return self.public_title or DEFAULT_PUBLIC_TITLE

    def secrecy_references(self) -> tuple[str, ...]:
        """The legal references of the item, its secret paragraphs and its bilagor."""
        texts = (*self.matter, *self.decision, *self.votes, *self.reservations)
        return references([self.secrecy,
                           *(p.secrecy for p in texts if isinstance(p, SecretText)),
                           *(a.secrecy for a in self.attachments)])


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


class Scheduled:
    """What a meeting and its outline (``meeting_series.MeetingOutline``) derive alike from
    ``issuer``, ``body``, ``kind``, ``first_paragraph``, the items' numbers and the protected
    participants."""

    __slots__ = ()
    issuer: str
    body: str
    kind: MeetingKind
    first_paragraph: int | None
    participants: Sequence[Participant]
    items: Sequence[Any]

    @property
    def is_protocol(self) -> bool:
        """A sammanträdesprotokoll: § numbered through the year, justering and anslag."""
        return self.kind is MeetingKind.PROTOCOL

    @property
    def is_advisory(self) -> bool:
        """The protocol of an advisory body: no justering and no anslag."""
        return self.kind is MeetingKind.ADVISORY

    @property
    def key(self) -> tuple[str, str]:
        """The body this meeting belongs to, for grouping a year's meetings."""
        return _casefold(self.issuer), _casefold(self.body)

    def is_protected(self, name: str) -> bool:
        """Whether ``name`` is a protected participant's."""
        return any(p.protected and _casefold(p.name) == _casefold(name) for p in self.participants)

    def own_numbers(self) -> tuple[int, ...]:
        """The items' numbers from this meeting alone (its ``first_paragraph`` or 1 onwards)."""
        return number_items([i.number for i in self.items], start=self.first_paragraph or 1)


@frozen(kw_only=True)
class Meeting(Scheduled):
    """Möte eller sammanträde med ett organ, as the documents of the meeting cycle show it."""

    issuer: str = text_field()
    """The organisation the body belongs to, shown first: *Kommunstyrelsen*, *Exempelviks kommun*."""
    body: str = text_field()
    """The body that meets: *Trygghetsrådet Trygga Höör*."""
    kind: MeetingKind = MeetingKind.NOTES
    """``minnesanteckningar`` (default), ``protokoll`` (an advisory body's) or
    ``sammanträdesprotokoll``."""
    title: str | None = optional_text()
    """A title of the notes instead of *<body> – minnesanteckningar från mötet <date>*."""
    date: dt.date
    start: dt.time
    end: dt.time
    place: str = text_field()
    participants: tuple[Participant, ...] = field(validator=at_least(1, "participant"))
    """Everyone called, with attendance."""
    roles: tuple[str, ...] = field(factory=tuple)
    """Roles and groups that may own an action item besides the participants."""
    chair: str | None = optional_text()
    """Ordförande: a participant present."""
    secretary: str | None = optional_text()
    """Sekreterare, *vid pennan*: a participant present."""
    minutes_checkers: tuple[str, ...] = field(factory=tuple, validator=at_most(2, "justerare"))
    """Justerare: one or two members present who check the protocol (formerly ``adjusters``)."""
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
    """Text in the notice after time and place, instead of the standard sentence on förhinder."""
    apologies_to: str | None = optional_text()
    """Whom to tell of *förhinder* (the notice's *Förhinder anmäls till*): *Maria Nilsson,
    maria.nilsson@ekby.se, 0123-456 78*; without it the notice names the secretary."""
    papers: str | None = optional_text()
    """Where the papers can be read (the notice's *Handlingar*): *i mötesappen och hos
    kommunledningskontoret*."""
    marking: str | None = optional_text()
    """A line shown at the top of every document, e.g. *EXEMPEL – påhittade personer*."""
    toc: bool | None = None
    """Innehållsförteckning: a table of contents with page numbers in the minutes and the protocol
    (``true``), none (``false``); without it one from ``TOC_ITEMS`` items on."""
    public: bool = field(default=False, init=False)
    """True for the public version (``model.public.public_version``), which holds no secret
    and no protected name; never read from a data file."""

    # ---- derived

    @property
    def has_toc(self) -> bool:
        """Whether the minutes and the protocol get a table of contents: ``toc`` when given,
        else from ``TOC_ITEMS`` items on."""
        return self.toc if self.toc is not None else len(self.items) >= TOC_ITEMS

    @property
    def duration(self) -> dt.timedelta:
        return (dt.datetime.combine(self.date, self.end)
                - dt.datetime.combine(self.date, self.start))

    def participant(self, name: str) -> Participant:
        """The participant with this name (case-insensitive)."""
        for person in self.participants:
            if _casefold(person.name) == _casefold(name):
                return person
        raise KeyError(name)

    def notice_board_dates(self) -> NoticeBoardDates:
        """Justering and anslag dates (see ``meeting_rules``)."""
        return notice_board_dates(self.date, adjusted=self.adjusted, posted=self.posted)

    def secrecy_references(self) -> tuple[str, ...]:
        """Every legal reference the meeting's items give, in order."""
        return references(ref for item in self.items for ref in item.secrecy_references())

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
            self.notice_board_dates()

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
                                path=data_path("participants", i, "member"))
            if person.replaces:
                if person.attendance is not Attendance.SUBSTITUTE:
                    raise DataError(f"'{person.name}' replaces '{person.replaces}' but is not marked "
                                    f"as a substitute; set 'attendance: ersättare'",
                                    path=data_path("participants", i, "replaces"))
                try:
                    seat = self.participant(person.replaces)
                except KeyError:
                    raise DataError(f"'{person.name}' replaces '{person.replaces}', who is not among "
                                    f"the participants",
                                    path=data_path("participants", i, "replaces")) from None
                if seat.attendance is not Attendance.ABSENT or not seat.member:
                    raise DataError(f"'{person.name}' replaces '{person.replaces}', who is not an "
                                    f"absent member; a substitute takes the seat of an absent member",
                                    path=data_path("participants", i, "replaces"))
        for i, person in enumerate(self.participants):
            for flag, what in (("guest", "a guest (gäst, from another organisation)"),
                               ("deputy", "a deputy (ersättare)")):
                if getattr(person, flag) and person.member:
                    raise DataError(f"'{person.name}' is both a member and {what}; a member is "
                                    f"listed among the members, so drop '{flag}' or 'member'",
                                    path=data_path("participants", i, flag))
            if person.protected and not person.public_name:
                raise DataError(f"'{person.name}' is protected, so the public version shows the "
                                f"person by role and organisation instead of the name; give a "
                                f"'role' or an 'organisation'",
                                path=data_path("participants", i, "protected"))
        if self.chair:
            self._present(self.chair, "chair", "chair")
        if self.secretary:
            self._present(self.secretary, "secretary", "secretary")
        for i, name in enumerate(self.minutes_checkers):
            self._present(name, data_path("minutes_checkers", i), "justerare",
                          deciding=self.is_protocol)
            if self.chair and _casefold(name) == _casefold(self.chair):
                raise DataError(f"'{name}' is the chair and cannot also be justerare; the chair "
                                f"adjusts the protocol anyway", path=data_path("minutes_checkers", i))
        if len({_casefold(a) for a in self.minutes_checkers}) < len(self.minutes_checkers):
            raise DataError("the same justerare is named twice", path="minutes_checkers[1]")
        if self.is_advisory:
            for attr in ("minutes_checkers", "adjusted", "posted"):
                if getattr(self, attr):
                    raise DataError(f"a protokoll of an advisory body is not adjusted (no "
                                    f"justering, no anslag), so '{attr}' has no place in it; leave "
                                    f"it out, or write 'kind: sammanträdesprotokoll'", path=attr)
        if self.is_protocol:
            for attr, what in (("chair", "a chair (ordförande)"), ("secretary", "a secretary")):
                if not getattr(self, attr):
                    raise DataError(f"a sammanträdesprotokoll needs {what}; name the participant",
                                    path=attr)
            if not self.minutes_checkers:
                raise DataError("a sammanträdesprotokoll needs one or two justerare; name them under "
                                "'minutes_checkers'", path="minutes_checkers")
            if not self.kept_at:
                raise DataError("a sammanträdesprotokoll needs 'kept_at', where the adjusted protocol "
                                "is kept (the anslag must say so, kommunallagen 8 kap. 12 §)",
                                path="kept_at")

    def _check_items(self) -> None:
        self.own_numbers()
        attachment_numbers((data_path("items", i, "attachments", j), a)
                           for i, item in enumerate(self.items)
                           for j, a in enumerate(item.attachments))  # unique per meeting
        owners = self.owners()
        for i, item in enumerate(self.items):
            for j, name in enumerate(item.presenters):
                if _casefold(name) not in owners:
                    raise DataError(
                        f"the presenter '{name}' is neither a participant nor a declared role; "
                        f"write a participant's name ({self._some_names()}) or add the role "
                        f"under 'roles'", path=data_path("items", i, "presenters", j))
            for attr, what in (("disqualified", "person declaring jäv"),
                               ("absent", "person out of the room for the item")):
                names = getattr(item, attr)
                for j, name in enumerate(names):
                    self._present(name, data_path("items", i, attr, j), what)
                if len({_casefold(n) for n in names}) < len(names):
                    raise DataError(f"the same name is given twice under '{attr}'",
                                    path=data_path("items", i, attr))
            for j, action in enumerate(item.actions):
                path = data_path("items", i, "actions", j)
                if _casefold(action.owner) not in owners:
                    raise DataError(
                        f"the action's owner '{action.owner}' is neither a participant nor a declared "
                        f"role; write a participant's name ({self._some_names()}) or add the role "
                        f"under 'roles'",
                        path=data_path(path, "owner"))
                if action.protected:
                    self._protected_owner(action, data_path(path, "protected"))
                if action.due and action.due < self.date:
                    raise DataError(f"the action is due {action.due.isoformat()}, before the meeting "
                                    f"that decided it ({self.date.isoformat()})",
                                    path=data_path(path, "due"))
                if action.done and action.done < self.date:
                    raise DataError(f"the action is marked done {action.done.isoformat()}, before the "
                                    f"meeting that decided it ({self.date.isoformat()})",
                                    path=data_path(path, "done"))

    def _some_names(self) -> str:
        """The first three participants' names, for an error message."""
        return (", ".join(p.name for p in self.participants[:3])
                + (" …" if len(self.participants) > 3 else ""))

    def _protected_owner(self, action: ActionItem, path: str) -> None:
        """``protected`` on an action: its owner is a participant with a role or organisation
        to show instead of the name."""
        try:
            person = self.participant(action.owner)
        except KeyError:
            raise DataError(f"the action's owner '{action.owner}' is marked protected but is not a "
                            f"participant (a role or a group has no name to protect); leave "
                            f"'protected' out, or name the participant who owns the action",
                            path=path) from None
        if not person.public_name:
            raise DataError(f"the action's owner '{action.owner}' is marked protected, so the public "
                            f"version shows a role or organisation instead; give the participant a "
                            f"'role' or an 'organisation'", path=path)
