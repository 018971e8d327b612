"""A body's meetings and the documents of the cycle: § numbers that run on per body and year, the
actions still open, the action register, and which documents a series gives.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Iterator
from typing import Any

import attrs
from attrs import field, frozen

from trygga_docs.errors import DataError, data_path
from trygga_docs.model.common import Attachment, attachment_numbers
from trygga_docs.model.meeting import ActionItem, AgendaItem, Meeting, MeetingKind, Participant, Scheduled
from trygga_docs.model.meeting_rules import Numbering, running_numbers


@frozen
class ItemOutline:
    """What a series needs of an agenda item: its number and, when it has actions, what the
    action register and the open actions of a notice show of them."""

    number: int | None
    title: str = ""
    secrecy: str | None = None
    actions: tuple[ActionItem, ...] = ()


_BARE: dict[int | None, ItemOutline] = {}
"""Outlines of items seen only for their number, shared: they are all alike."""


@frozen(kw_only=True)
class MeetingOutline(Scheduled):
    """A meeting as a series across files needs it (§ numbers, labels, the register, open
    actions), without its texts: a batch keeps one per meeting while the meeting itself waits
    on disk. ``MeetingSeries``, ``documents`` and ``meeting_files.plan`` take it in place of a
    ``Meeting``; the documents they give are rendered once the meeting is put back.

    >>> from trygga_docs.loader import load, EXAMPLES
    >>> meeting = load(EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml").series.meetings[0]
    >>> outline = MeetingOutline.of(meeting)
    >>> outline.own_numbers() == meeting.own_numbers(), outline.key == meeting.key
    (True, True)
    """

    issuer: str
    body: str
    kind: MeetingKind
    date: dt.date
    start: dt.time
    first_paragraph: int | None
    notice_date: dt.date | None
    chair: str | None
    secretary: str | None
    minutes_checkers: tuple[str, ...]
    marking: str | None
    public: bool
    """The outline of a public version (``model.public``)."""
    participants: tuple[Participant, ...]
    """Only the protected participants: the register marks the actions they own."""
    items: tuple[ItemOutline, ...]

    @classmethod
    def of(cls, meeting: Meeting, *, actions: bool = True) -> MeetingOutline:
        """The outline of a meeting; ``actions=False`` leaves the action items out too (when
        neither a notice nor a register is wanted)."""
        fields = {a.name: getattr(meeting, a.name) for a in attrs.fields(cls)
                  if a.name not in ("items", "participants")}
        # one copy of the texts that repeat from meeting to meeting (issuer, body, marking)
        fields = {k: sys.intern(v) if isinstance(v, str) else v for k, v in fields.items()}
        return cls(**fields, participants=tuple(p for p in meeting.participants if p.protected),
                   items=tuple(
            ItemOutline(item.number, item.title, item.secrecy, item.actions)
            if actions and item.actions else _BARE.setdefault(item.number, ItemOutline(item.number))
            for item in meeting.items))


def item_attachment_numbers(meeting: Meeting | MeetingOutline) -> tuple[tuple[int, ...], ...]:
    """The numbers of each item's bilagor (*bilaga 1, 2 …* through the meeting, or as the
    secretary numbered them: ``Attachment.number``), item by item.

    >>> from trygga_docs.loader import load, EXAMPLES
    >>> meeting = load(EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml").series.meetings[2]
    >>> item_attachment_numbers(meeting)
    ((1,), (), (2,), ())
    """
    items = getattr(meeting, "items", ())
    flat = attachment_numbers((data_path("items", i, "attachments", j), a)
                              for i, item in enumerate(items)
                              for j, a in enumerate(getattr(item, "attachments", ())))
    out, k = [], 0
    for item in items:
        count = len(getattr(item, "attachments", ()))
        out.append(flat[k:k + count])
        k += count
    return tuple(out)


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
    secrecy: str | None = None
    """The legal reference when the item is secret (in the public version its task and owner
    are withheld, empty)."""
    protected: bool = False
    """The owner is a protected person (in the public version shown by role)."""

    @classmethod
    def of(cls, meeting: Meeting, item: AgendaItem, number: int, action: ActionItem,
           as_of: dt.date) -> RegisterEntry:
        if not action.is_open(as_of):
            status = "klar"
        elif action.due and action.due < as_of:
            status = "försenad"
        else:
            status = "öppen"
        return cls(meeting_date=meeting.date, body=meeting.body, number=number,
                   paragraph=meeting.is_protocol, item=item.title, owner=action.owner,
                   task=action.task, due=action.due, done=action.done, status=status,
                   secrecy=item.secrecy,
                   protected=action.protected or meeting.is_protected(action.owner))


class DocumentKind(enum.Enum):
    """The documents of the meeting cycle, by their ``--document`` name."""

    NOTICE = "notice"
    MINUTES = "minutes"
    PROTOCOL = "protocol"
    EXTRACT = "extract"
    REGISTER = "register"
    ANSLAG = "anslag"


@frozen
class Notice:
    """Kallelse: time, place, agenda and the actions still open from earlier meetings."""

    meeting: Meeting
    open_actions: tuple[OpenAction, ...] = ()
    earlier_known: bool = True
    """Whether the body's earlier meetings were at hand (in the series, or in the same folder's
    meeting files): without them the notice cannot tell which actions are open and says so,
    instead of saying that there are none."""

    @property
    def appended_attachments(self) -> tuple[Attachment, ...]:
        """The bilagor of this meeting's own items, sent with the notice; never those of the
        earlier meetings whose open actions it lists."""
        return tuple(a for item in self.meeting.items for a in item.attachments)


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
class Announcement:
    """Tillkännagivande: the notice on the notice board (*anslagstavlan*) that a protocol is
    adjusted, with the dates it is posted and taken down and where the protocol is kept."""

    meeting: Meeting
    numbers: tuple[int, ...]

    @property
    def appended_attachments(self) -> tuple[Attachment, ...]:
        """None: the notice board gets the notice, not the bilagor of the protocol."""
        return ()


@frozen
class ActionRegister:
    """Åtgärdsregister: a body's action items over its meetings."""

    issuer: str
    body: str
    as_of: dt.date
    entries: tuple[RegisterEntry, ...]
    years: tuple[int, ...]
    marking: str | None = None
    public: bool = False
    """The register of the public version (made from public meetings)."""


def documents(series: MeetingSeries, kind: DocumentKind | str,
              meeting: Meeting | None = None) -> list[Any]:
    """The documents of one kind for a series (one meeting of it when given), ready to render.

    A notice, the minutes, the protocol and the anslag: one per meeting. Extracts: one per
    item. The register: one per body.
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
                years=tuple(sorted({m.date.year for m in meetings})), marking=last.marking,
                public=all(m.public for m in meetings)))
        return registers
    chosen = [meeting] if meeting is not None else list(series.meetings)
    out: list[Any] = []
    for m in chosen:
        if kind is DocumentKind.NOTICE:
            out.append(Notice(m, tuple(series.open_actions(m)), bool(series.earlier(m))))
            continue
        numbers = series.numbers(m)
        if kind is DocumentKind.MINUTES:
            out.append(Minutes(m, numbers))
        elif kind is DocumentKind.PROTOCOL:
            _require_protocol(m)
            out.append(Protocol(m, numbers))
        elif kind is DocumentKind.ANSLAG:
            _require_protocol(m)
            if not m.is_protocol:
                raise DataError(f"the meeting of {m.date.isoformat()} keeps minnesanteckningar, "
                                f"which are not adjusted or announced on the notice board; an "
                                f"anslag needs 'kind: sammanträdesprotokoll'", path="kind")
            out.append(Announcement(m, numbers))
        else:
            _require_protocol(m)
            out.extend(Extract(m, numbers, i) for i in range(len(m.items)))
    return out


def _require_protocol(meeting: Meeting) -> None:
    if not (meeting.chair and meeting.secretary and meeting.minutes_checkers):
        raise DataError(f"the meeting of {meeting.date.isoformat()} has no chair, secretary and "
                        f"justerare, which a protocol and its extracts need; give them, or render "
                        f"its minnesanteckningar (--document minutes)", path="minutes_checkers")


def default_document(meeting: Meeting) -> DocumentKind:
    """The document a meeting's kind calls for: its notes or its protocol."""
    return DocumentKind.PROTOCOL if meeting.is_protocol else DocumentKind.MINUTES
