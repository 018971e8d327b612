"""The documents of the meeting cycle as their templates see them: every value a ready Swedish
string. One builder per document: notice, minutes, protocol, extract and register."""

from __future__ import annotations

import re
from typing import Any, TypedDict

import attrs
from attrs import frozen

from trygga_docs import text
from trygga_docs.model.meeting import ActionItem, AgendaItem, Attendance, Meeting, Participant
from trygga_docs.model.meeting_file import MeetingData
from trygga_docs.model.meeting_series import (ActionRegister, Announcement, DocumentKind, Extract,
                                              MeetingSeries, Minutes, Notice, Protocol,
                                              default_document, documents, item_attachment_numbers)
from trygga_docs.model.meeting_rules import APPEAL_DAYS, notice_board_dates
from trygga_docs.model.public import public_version
from trygga_docs.model.secrecy import WITHHELD
from trygga_docs.style import HouseStyle
from trygga_docs.context.common import Block, Labelled, Properties, Signer
from trygga_docs.context.markup import blocks
from trygga_docs.context.record import DataFileType, Document
from trygga_docs.context.secrecy import classification, classified, passages, secrecy_line

DASH = "\u2013"


@frozen(kw_only=True)
class ActionRow:
    """An action decided under an item: what, who, by when."""

    task: str
    """What is to be done; in the public version of a secret item *Sekretess enligt …*."""
    owner: str
    """Who does it (``–`` where the public version withholds it)."""
    due: str
    """By when, ``2025-04-30``; ``–`` without a date."""


@frozen(kw_only=True)
class ItemContext:
    """An agenda item as minutes, a protocol or an extract show it."""

    number: int
    """Its number: the § in a protocol, the point in minutes."""
    heading: str
    """``§ 12 Lägesbild`` (protocol, extract) or ``3. Lägesbild`` (minutes)."""
    title: str
    """The item's title alone."""
    meta: list[str]
    """``Sekretess enligt …`` for a secret item, ``Dnr …`` and ``Föredragande: …``, when
    given."""
    attendance: list[str]
    """Who declares jäv and leaves the room, who is not present during the item: a sentence
    each; empty when all are there."""
    matter_label: str
    """*Ärendet* in a protocol (an advisory body's too); empty in minutes."""
    matter: list[str | Block]
    """What the item is about, paragraph by paragraph; a secret paragraph begins
    ``[Sekretess enligt …]`` (and is only that in the public version)."""
    decision_label: str
    """*Beslut*."""
    decision: list[str | Block]
    """The decision, paragraph by paragraph."""
    votes: list[str | Block]
    """Votes (*omröstning*), paragraph by paragraph."""
    reservations: list[str | Block]
    """Reservations, paragraph by paragraph."""
    basis: list[str]
    """*Beslutsunderlag*: each document with its date, ``Tjänsteskrivelse 2025-02-03``; empty
    without."""
    immediate: str
    """*Paragrafen förklaras omedelbart justerad.* for a § adjusted at once; else empty."""
    attachments: list[str]
    """``Bilaga 3: Lägesbild`` for each bilaga, numbered through the protocol; the public
    version leaves a secret bilaga out (the others keep their numbers)."""
    actions: list[ActionRow]
    """The actions decided."""
    distribution: str | None
    """``Expedieras till: …`` (a sammanträdesprotokoll) or ``Beslutet skickas till: …``;
    empty without recipients; none in an extract (it lists them under ``recipients``)."""


@frozen(kw_only=True)
class NamedRole:
    """A participant of minutes: name, and role and organisation."""

    name: str
    """Full name."""
    role: str
    """Role and organisation, comma-separated (either may be missing)."""


@frozen(kw_only=True)
class PersonRow:
    """A person in a protocol's lists of attendance."""

    name: str
    """Full name."""
    function: str
    """*Ordförande*, *Ledamot*, *Tjänstgörande ersättare för …*, or the role."""
    organisation: str
    """The organisation; empty if not given."""


@frozen(kw_only=True)
class NextMeetingLine:
    """The last point of minutes: when the next meeting is."""

    heading: str
    """``7. Nästa möte``."""
    text: str
    """``Måndagen den 2 mars 2020 kl. 15.00, Mejeriet 4.``"""


@frozen(kw_only=True)
class Signature:
    """A signature line of a protocol."""

    label: str
    """*Sekreterare*, *Ordförande* or *Justerare* (``text.TERMS``)."""
    name: str
    """Who signs."""


@frozen(kw_only=True)
class Anslag:
    """The ANSLAG/BEVIS box of a protocol: when the justering was posted and appeals end."""

    sentence: str
    """*Protokollet är justerat. Justeringen har tillkännagivits …*"""
    body: str
    """The body (*organ*)."""
    meeting_date: str
    """The meeting's date, ``2025-03-17``."""
    adjusted: str
    """The day of justering."""
    posted: str
    """The day it was posted (*anslaget*)."""
    appeal_ends: str
    """The last day to appeal."""
    taken_down: str
    """The day the notice is taken down."""
    kept_at: str
    """Where the protocol is kept (*förvaringsplats*); empty if not given."""
    signer: str
    """Who certifies (the secretary)."""


@frozen(kw_only=True)
class IndexRow:
    """A row of a protocol's list of paragraphs."""

    number: str
    """``§ 12``."""
    title: str
    """The item's title."""
    case_number: str
    """Its case number (*diarienummer*); empty if none."""


@frozen(kw_only=True)
class AgendaRow:
    """A row of a notice's agenda."""

    number: str
    """``1``, ``2`` …"""
    title: str
    """The item's title."""
    presenters: str
    """Who presents it (*föredragande*)."""
    case_number: str
    """Its case number; empty if none."""


@frozen(kw_only=True)
class OpenActionRow(ActionRow):
    """An action from an earlier meeting that is still open."""

    decided: str
    """When and where it was decided: ``2025-02-10 § 3`` or ``2019-09-16 punkt 4``."""


@frozen(kw_only=True)
class CalledRow:
    """Someone called to the meeting."""

    name: str
    """Full name."""
    role: str
    """What they are called as: *Ordförande*, the role, or *Ledamot*."""
    organisation: str
    """The organisation; empty if not given."""


@frozen(kw_only=True)
class SignedBy:
    """Who signs a notice, and when."""

    place_date: str
    """The notice's date; empty if not given."""
    people: list[Signer]
    """The chair and the secretary, those of them the meeting names."""


@frozen(kw_only=True)
class MeetingHeading:
    """What every document of one meeting shows of it."""

    issuer: str
    """Who issues the document: the municipality's board or administration."""
    body: str
    """The body that meets (*organ*): *Trygghetsutskottet*."""
    marking: str
    """A marking for the header (*Arbetsmaterial*); empty if none."""
    classification: str
    """The first page's marking of secrecy: *SEKRETESS – innehåller …* on the internal version
    of a document that holds secret information or protected people, *OFFENTLIG VERSION …* on
    the public version; empty otherwise."""
    date_iso: str
    """The meeting's date, ``2025-03-17``."""


@frozen(kw_only=True)
class MinutesContext(MeetingHeading):
    """What the minutes template (*minnesanteckningar*) sees."""

    title: str
    """``Trygghetsrådet – minnesanteckningar från mötet 2019-11-25``, or the meeting's own title."""
    header_right: str
    """``Minnesanteckningar 2019-11-25``, ``Protokoll 2019-11-25`` (an advisory body's
    protocol), or the meeting's own title with the date."""
    facts: list[Labelled]
    """*Tid* and *Lokal*."""
    participants: list[NamedRole]
    """Those present, guests apart."""
    guests: list[NamedRole]
    """*Gäster*: guests present from other municipalities and organisations."""
    absent: list[NamedRole]
    """Those absent."""
    items: list[ItemContext]
    """The agenda items, numbered."""
    next_meeting: NextMeetingLine | None
    """The next meeting; none if not given."""
    secretary: Signer | None
    """Who wrote the minutes; none if not given."""
    recorder_label: str
    """*Vid pennan* (minnesanteckningar) or *Vid protokollet* (a protocol)."""
    toc: bool
    """A table of contents (*Innehåll*) of the items with their pages before the agenda: the
    meeting's ``toc``, or from ``TOC_ITEMS`` items on (``Meeting.has_toc``)."""


@frozen(kw_only=True)
class ProtocolContext(MeetingHeading):
    """What the protocol template (*sammanträdesprotokoll*) sees."""

    title: str
    """The meeting's title, or the body."""
    document_label: str
    """The running header's document type: *SAMMANTRÄDESPROTOKOLL*, or the meeting's own
    title when it has one."""
    place_and_time: list[Labelled]
    """*Plats och tid*."""
    deciding: list[PersonRow]
    """*Beslutande*, the chair first."""
    others: list[PersonRow]
    """*Övriga närvarande*, guests apart."""
    guests: list[PersonRow]
    """*Gäster*: guests present from other municipalities and organisations."""
    absent: list[PersonRow]
    """*Frånvarande*."""
    adjustment: list[Labelled]
    """*Utses att justera*, *Justeringens plats och tid*, *Paragrafer*."""
    signatures: list[Signature]
    """Secretary, chair and justerare."""
    anslag: Anslag
    """The ANSLAG/BEVIS box."""
    signatures_first: bool
    """The first page holds place and time, justering, the signatures and the ANSLAG/BEVIS box,
    and the attendance follows (the style's ``protocol_first_page = "signatures"``); false for
    the older layout, the attendance first."""
    index: list[IndexRow]
    """The paragraphs with their titles and case numbers."""
    items: list[ItemContext]
    """The paragraphs (§)."""
    toc: bool
    """A table of contents (*Innehåll*) of the paragraphs with their pages before *Ärenden*: the
    meeting's ``toc``, or from ``TOC_ITEMS`` items on (``Meeting.has_toc``)."""


@frozen(kw_only=True)
class AnslagContext(MeetingHeading):
    """What the anslag template (*tillkännagivande* on the notice board) sees: that a protocol
    is adjusted, when the notice is posted and taken down, where the protocol is kept and how
    long one may appeal. Made from the public version: it holds no secret and no protected
    name."""

    title: str
    """*Tillkännagivande om justerat protokoll*."""
    header_right: str
    """``Anslaget 2025-03-24``."""
    text: list[str]
    """The notice in full sentences, paragraph by paragraph."""
    facts: list[Labelled]
    """*Organ*, *Sammanträdesdatum*, *Paragrafer*, *Protokollet justerat*, *Anslaget sätts
    upp*, *Anslaget tas ned*, *Sista dag för överklagande*, *Förvaringsplats för
    protokollet*."""
    appeal: str
    """How and by when a decision of the protocol can be appealed (laglighetsprövning)."""
    signer: Signer
    """Who certifies the notice: the secretary."""


@frozen(kw_only=True)
class ExtractContext(MeetingHeading):
    """What the extract template (*protokollsutdrag*) sees."""

    item: ItemContext
    """The § extracted (its ``distribution`` none: see ``recipients``)."""
    adjustment_sentence: str
    """When the protocol (or the § alone) was adjusted and posted."""
    protocol_facts: list[Labelled]
    """Meeting date, chair, justerare and the last day to appeal."""
    certification: str
    """*Utdragets riktighet bestyrks.*"""
    certifier: Signer
    """Who certifies the extract (the secretary)."""
    recipients: list[str]
    """*Expedieras till*: who gets the extract."""


@frozen(kw_only=True)
class NoticeContext(MeetingHeading):
    """What the notice template (*kallelse*) sees."""

    title: str
    """``Kallelse till sammanträde med …`` (``möte`` for a meeting without a protocol)."""
    header_right: str
    """``Datum 2025-03-03`` (the notice's date) or ``Möte 2025-03-17``."""
    facts: list[Labelled]
    """*Tid* and *Plats*; *Handlingar* (where the papers can be read) and *Förhinder anmäls
    till* when given."""
    note: list[str | Block]
    """Who to tell when one cannot come, or the meeting's own note."""
    agenda_heading: str
    """*Föredragningslista* (protocol) or *Dagordning*."""
    agenda: list[AgendaRow]
    """The agenda."""
    open_actions_intro: str
    """The sentence before the open actions."""
    open_actions: list[OpenActionRow]
    """Actions of earlier meetings still open, the overdue first."""
    no_open_actions: str
    """The sentence shown when there are none; when the body's earlier meetings were not at
    hand (not in the file or in the same folder's meeting files), the sentence that says the
    open actions cannot be told."""
    called: list[CalledRow]
    """Everyone called to take part: members, serving deputies, officials; not the deputies
    called for information or the guests."""
    informed: list[CalledRow]
    """*Ersättare för kännedom*: the deputies who get the notice for information."""
    guests: list[CalledRow]
    """*Gäster*: guests from other municipalities and organisations."""
    signed: SignedBy | None
    """Who signs the notice; none when the meeting names no chair or secretary."""


@frozen(kw_only=True)
class RegisterRow:
    """A row of the action register."""

    meeting: str
    """The meeting's date."""
    item: str
    """The item's title."""
    number: str
    """``§ 12`` or ``4``."""
    task: str
    """What is to be done; in the public version of a secret item *Sekretess enligt …*."""
    owner: str
    """Who does it (``–`` where the public version withholds it)."""
    due: str
    """By when; ``–`` without a date."""
    status: str
    """*Klar 2025-04-02*, *Öppen* or *Försenad*."""


@frozen(kw_only=True)
class RegisterContext:
    """What the register template (*åtgärdsregister*) sees."""

    issuer: str
    """Who issues the register."""
    body: str
    """The body whose actions it lists."""
    marking: str
    """A marking for the header; empty if none."""
    classification: str
    """The first page's marking of secrecy (see ``MeetingHeading.classification``)."""
    title: str
    """``Åtgärdsregister – Trygghetsutskottet 2025``."""
    header_right: str
    """``Läge 2025-12-08``: the day of the last meeting."""
    summary: str
    """``16 åtgärder från tio möten, läget den …``; empty without actions."""
    rows: list[RegisterRow]
    """The actions, a row each."""


def _span(meeting: Meeting, style: HouseStyle) -> str:
    return text.time_span(meeting.start, meeting.end, separator=style.time_separator)


def _when(meeting: Meeting, style: HouseStyle) -> str:
    """``Måndagen den 10 februari 2025 kl. 13.00–15.30``."""
    return f"{text.upper_first(text.weekday_date(meeting.date, year=True))} {text.at_clock(_span(meeting, style))}"


def _role(person: Participant) -> str:
    return text.upper_first(person.role) if person.role else ""


def _role_and_organisation(person: Participant) -> str:
    return ", ".join(part for part in (_role(person), person.organisation) if part)


def _due(action: ActionItem) -> str:
    return text.iso_date(action.due) if action.due else DASH


def _action(item: AgendaItem, action: ActionItem, public: bool) -> dict[str, str]:
    if public and item.secrecy:  # withheld in the model: only the reference is left
        return {"task": secrecy_line(item.secrecy), "owner": DASH, "due": DASH}
    return {"task": text.upper_first(action.task), "owner": action.owner or DASH,
            "due": _due(action)}


def _shown(meeting: Meeting, person: Participant, text_: str) -> str:
    """A protected person's role or organisation, shown in the name, is not repeated beside it
    in the public version."""
    return "" if meeting.public and person.protected else text_


def _is_protected(meeting: Meeting, items: Any = None) -> bool:
    """Whether the document names a protected person: any protected participant (the text may
    name one anywhere) or an action marked ``protected`` among ``items``."""
    return (any(p.protected for p in meeting.participants)
            or any(a.protected for item in (items or ()) for a in item.actions))


def _references(items: Any, *, titles_only: bool = False) -> list[str]:
    """The legal references of what a document shows of ``items``: all of them, or only the
    items' own (``titles_only``: a notice shows no matter and no bilagor)."""
    refs = ((item.secrecy,) if titles_only else item.secrecy_references() for item in items)
    return list(dict.fromkeys(ref for found in refs for ref in found if ref))


def _classification(meeting: Meeting, items: Any, *, titles_only: bool = False) -> str:
    items = list(items)
    return classification(_references(items, titles_only=titles_only),
                          protected=_is_protected(meeting, items), public=meeting.public)


def _classified(properties: Properties, meeting: Meeting, items: Any, *,
                titles_only: bool = False) -> Properties:
    items = list(items)
    return classified(properties, _references(items, titles_only=titles_only),
                      protected=_is_protected(meeting, items), public=meeting.public)


_LAST_NUMBERS: list[tuple[Meeting, tuple[tuple[int, ...], ...]]] = []
"""The last meeting's bilaga numbers: its extracts (one per item) ask for them one by one."""


def _attachment_numbers(meeting: Meeting) -> tuple[tuple[int, ...], ...]:
    """Each item's bilaga numbers: numbered through the protocol, or as the secretary numbered
    them (``Attachment.number``).

    Computed once per meeting object (one pass over the agenda), so a document of n items, or
    the n extracts of a meeting, cost n steps, not n².
    """
    if _LAST_NUMBERS and _LAST_NUMBERS[0][0] is meeting:
        return _LAST_NUMBERS[0][1]
    numbers = item_attachment_numbers(meeting)
    _LAST_NUMBERS[:] = [(meeting, numbers)]
    return numbers


def _attachments(meeting: Meeting, index: int) -> list[str]:
    """``Bilaga 3: Lägesbild`` for the item's bilagor, a secret one marked; the public version
    leaves a secret one out (the numbers stay those of the internal version)."""
    numbers = _attachment_numbers(meeting)[index]
    shown = []
    for number, attachment in zip(numbers, meeting.items[index].attachments):
        if attachment.secrecy and (meeting.public or attachment.title == WITHHELD):
            continue
        mark = f" (sekretess enligt {attachment.secrecy})" if attachment.secrecy else ""
        shown.append(f"Bilaga {number}: {attachment.title}{mark}")
    return shown


def _item_attendance(item: AgendaItem, paragraph: bool) -> list[str]:
    """``Mats Holm anmäler jäv och deltar inte i handläggningen av ärendet.`` and ``Leila
    Haddad är inte närvarande under paragrafen.``"""
    lines = []
    if item.disqualified:
        lines.append(f"{text.join_list(item.disqualified)} anmäler jäv och deltar inte i "
                     f"handläggningen av ärendet.")
    if item.absent:
        lines.append(f"{text.join_list(item.absent)} är inte närvarande under "
                     f"{'paragrafen' if paragraph else 'punkten'}.")
    return lines


def _basis(item: AgendaItem) -> list[str]:
    """``Tjänsteskrivelse från säkerhetschefen 2025-02-03`` for each beslutsunderlag."""
    return [f"{doc.title} {text.unbroken_iso_date(doc.date)}" if doc.date else doc.title
            for doc in item.basis]


def _distribution(meeting: Meeting, item: AgendaItem) -> str:
    if not item.distribution:
        return ""
    label = "Expedieras till" if meeting.is_protocol else "Beslutet skickas till"
    return f"{label}: {text.join_list(item.distribution)}"


def _item(meeting: Meeting, index: int, number: int, *, paragraph: bool) -> ItemContext:
    item = meeting.items[index]
    meta = [secrecy_line(item.secrecy)] if item.secrecy else []
    if item.case_number:
        meta.append(f"Dnr {item.case_number}")
    if item.presenters:
        meta.append(f"Föredragande: {text.join_list(item.presenters)}")
    return ItemContext(
        number=number,
        heading=f"{text.paragraph_sign(number)} {item.title}" if paragraph else f"{number}. {item.title}",
        title=item.title,
        meta=meta,
        attendance=_item_attendance(item, paragraph),
        matter_label="Ärendet" if paragraph or meeting.is_advisory else "",
        matter=blocks(passages(item.matter)),
        decision_label="Beslut",
        decision=blocks(passages(item.decision)),
        votes=blocks(passages(item.votes)),
        reservations=blocks(passages(item.reservations)),
        basis=_basis(item),
        immediate=("Paragrafen förklaras omedelbart justerad."
                   if item.immediate and paragraph else ""),
        attachments=_attachments(meeting, index),
        # a secret item of the public version shows its number, title and reference only
        actions=([] if meeting.public and item.secrecy
                 else [ActionRow(**_action(item, a, meeting.public)) for a in item.actions]),
        distribution=_distribution(meeting, item),
    )


def _common(meeting: Meeting, items: Any = None, *, titles_only: bool = False) -> dict[str, Any]:
    """The ``MeetingHeading`` fields, to spread into a document's context; ``items`` are those
    the document shows (default: all), for its marking of secrecy."""
    return {
        "issuer": meeting.issuer,
        "body": meeting.body,
        "marking": meeting.marking or "",
        "classification": _classification(meeting, meeting.items if items is None else items,
                                          titles_only=titles_only),
        "date_iso": text.iso_date(meeting.date),
    }


def _notes_word(meeting: Meeting) -> str:
    """*Protokoll* for an advisory body's protocol, else *Minnesanteckningar*."""
    return "Protokoll" if meeting.is_advisory else "Minnesanteckningar"


def _notes_title(meeting: Meeting) -> str:
    return meeting.title or (f"{meeting.body} {DASH} {_notes_word(meeting).lower()} från mötet "
                             f"{text.unbroken_iso_date(meeting.date)}")


def _titled(meeting: Meeting, word: str) -> str:
    """The running header's words: the meeting's own title with its date (once), else ``word``
    and the date."""
    date = text.iso_date(meeting.date)
    if meeting.title:
        return meeting.title if date in meeting.title else f"{meeting.title} {date}"
    return f"{word} {date}"


def _absences(meeting: Meeting, numbers: tuple[int, ...], paragraph: bool
              ) -> dict[str, str]:
    """A participant's name (casefolded) → ``ej § 12 (jäv)``: the items the person was not in
    the room for, beside the name in the lists of attendance."""
    out: dict[str, list[str]] = {}
    for item, number in zip(meeting.items, numbers):
        mark = text.paragraph_sign(number) if paragraph else f"punkt {number}"
        for name in item.disqualified:
            out.setdefault(name.casefold(), []).append(f"{mark} (jäv)")
        for name in item.absent:
            out.setdefault(name.casefold(), []).append(mark)
    return {name: "ej " + ", ".join(marks) for name, marks in out.items()}


def _noted(text_: str, note: str | None) -> str:
    return ", ".join(part for part in (text_, note) if part)


# ---------------------------------------------------------------------------------------------
# Minnesanteckningar


def next_meeting_text(meeting: Meeting, style: HouseStyle) -> str:
    """``Måndagen den 2 mars 2020 kl. 15.00, Mejeriet 4.``"""
    nxt = meeting.next_meeting
    if nxt is None:
        return ""
    sentence = text.upper_first(text.weekday_date(nxt.date, year=True))
    if nxt.start and nxt.end:
        sentence += f" {text.at_clock(text.time_span(nxt.start, nxt.end, separator=style.time_separator))}"
    elif nxt.start:
        sentence += f" {text.at_clock(text.clock(nxt.start, separator=style.time_separator))}"
    if nxt.place:
        sentence += f", {nxt.place}"
    sentence += "."
    if nxt.note:
        sentence += f" {nxt.note}"
    return sentence


def minutes_context(doc: Minutes, style: HouseStyle) -> MinutesContext:
    """Everything the minnesanteckningar template shows."""
    meeting = doc.meeting
    present = [p for p in meeting.participants if p.attendance.present and not p.guest]
    guests = [p for p in meeting.participants if p.attendance.present and p.guest]
    absent = [p for p in meeting.participants if not p.attendance.present]
    secretary = meeting.participant(meeting.secretary) if meeting.secretary else None
    items = [_item(meeting, i, n, paragraph=False) for i, n in enumerate(doc.numbers)]
    next_number = (doc.numbers[-1] + 1) if doc.numbers else 1
    away = _absences(meeting, doc.numbers, paragraph=False)
    return MinutesContext(
        **_common(meeting),
        title=_notes_title(meeting),
        header_right=_titled(meeting, _notes_word(meeting)),
        facts=[Labelled(label="Tid", value=_when(meeting, style)),
               Labelled(label="Lokal", value=meeting.place)],
        participants=[NamedRole(name=p.name, role=_noted(
                          _shown(meeting, p, _role_and_organisation(p)), away.get(p.name.casefold())))
                      for p in present],
        guests=[NamedRole(name=p.name, role=_noted(
                    _shown(meeting, p, _role_and_organisation(p)), away.get(p.name.casefold())))
                for p in guests],
        absent=[NamedRole(name=p.name, role=_shown(meeting, p, _role_and_organisation(p)))
                for p in absent],
        items=items,
        next_meeting=(NextMeetingLine(heading=f"{next_number}. Nästa möte",
                                      text=next_meeting_text(meeting, style))
                      if meeting.next_meeting else None),
        secretary=(Signer(name=secretary.name, title=_role(secretary)) if secretary else None),
        recorder_label="Vid protokollet" if meeting.is_advisory else "Vid pennan",
        toc=meeting.has_toc,
    )


def minutes_properties(doc: Minutes) -> Properties:
    meeting = doc.meeting
    return _classified(Properties(
        title=_notes_title(meeting).replace(text.NB_HYPHEN, "-"), subject=_notes_word(meeting),
        author=meeting.issuer,
        keywords=(_notes_word(meeting).lower(), meeting.body, text.iso_date(meeting.date))),
        meeting, meeting.items)


# ---------------------------------------------------------------------------------------------
# Sammanträdesprotokoll


def _called_as(meeting: Meeting, person: Participant) -> str:
    """What a person is called to the meeting as: *Ordförande*, the role, or *Ledamot*."""
    if meeting.chair and meeting.chair.casefold() == person.name.casefold():
        return "Ordförande"
    return _role(person) or ("Ledamot" if person.member else "")


def _function(meeting: Meeting, person: Participant) -> str:
    """*Ordförande*, *Ledamot*, *Tjänstgörande ersättare för …*, or the person's role."""
    role = _role(person)
    chair = meeting.chair and meeting.chair.casefold() == person.name.casefold()
    secretary = meeting.secretary and meeting.secretary.casefold() == person.name.casefold()
    if chair:
        return "Ordförande"
    if person.attendance is Attendance.SUBSTITUTE:
        return (f"Tjänstgörande ersättare för {person.replaces}" if person.replaces
                else "Tjänstgörande ersättare")
    if person.attendance is Attendance.COOPTED:
        return f"Adjungerad{', ' + text.lower_first(role) if role else ''}"
    if secretary:
        return f"{role}, sekreterare" if role and "sekreterare" not in role.casefold() else (
            role or "Sekreterare")
    if person.member:
        return role or "Ledamot"
    return role


def _person_row(meeting: Meeting, person: Participant) -> PersonRow:
    return PersonRow(name=person.name, function=_function(meeting, person),
                     organisation=_shown(meeting, person, person.organisation or ""))


class ProtocolPeople(TypedDict):
    """The four lists of people a protocol shows, as ``ProtocolContext`` fields."""

    deciding: list[PersonRow]
    others: list[PersonRow]
    guests: list[PersonRow]
    absent: list[PersonRow]


def protocol_people(meeting: Meeting, numbers: tuple[int, ...] = ()) -> ProtocolPeople:
    """Beslutande (the chair first), övriga närvarande, gäster and frånvarande; beside a name
    the §§ the person was not in the room for (``numbers``: the items' §)."""
    deciding = [p for p in meeting.participants if p.decides]
    chair = (meeting.chair or "").casefold()
    deciding.sort(key=lambda p: p.name.casefold() != chair)
    others = [p for p in meeting.participants
              if p.attendance.present and not p.decides and not p.guest]
    guests = [p for p in meeting.participants if p.attendance.present and p.guest]
    absent = [p for p in meeting.participants if not p.attendance.present]
    away = _absences(meeting, numbers, paragraph=True) if numbers else {}

    def row(person: Participant) -> PersonRow:
        found = _person_row(meeting, person)
        note = away.get(person.name.casefold())
        return attrs.evolve(found, function=_noted(found.function, note)) if note else found
    return {"deciding": [row(p) for p in deciding],
            "others": [row(p) for p in others],
            "guests": [row(p) for p in guests],
            "absent": [PersonRow(name=p.name, function=("Ledamot" if p.member and not p.role
                                                        else _shown(meeting, p, _role(p))),
                                 organisation=_shown(meeting, p, p.organisation or ""))
                       for p in absent]}


def notice_board_posting(meeting: Meeting) -> Anslag:
    """The ANSLAG/BEVIS box: the dates by the rule in ``model.meeting_rules``."""
    dates = meeting.notice_board_dates()
    return Anslag(
        sentence="Protokollet är justerat. Justeringen har tillkännagivits genom anslag på "
                 "kommunens anslagstavla.",
        body=meeting.body,
        meeting_date=text.iso_date(meeting.date),
        adjusted=text.iso_date(dates.adjusted),
        posted=text.iso_date(dates.posted),
        appeal_ends=text.iso_date(dates.appeal_ends),
        taken_down=text.iso_date(dates.taken_down),
        kept_at=meeting.kept_at or "",
        signer=meeting.secretary or "",
    )


def _adjustment_place_and_time(meeting: Meeting) -> str:
    dates = meeting.notice_board_dates()
    return f"{meeting.adjustment_place or meeting.place}, {text.iso_date(dates.adjusted)}"


def protocol_context(doc: Protocol, style: HouseStyle) -> ProtocolContext:
    """Everything the sammanträdesprotokoll template shows."""
    meeting = doc.meeting
    signatures = [Signature(label="Sekreterare", name=meeting.secretary or ""),
                  Signature(label="Ordförande", name=meeting.chair or "")]
    signatures += [Signature(label=text.TERMS.adjuster, name=name) for name in meeting.minutes_checkers]
    return ProtocolContext(
        **_common(meeting),
        title=meeting.title or meeting.body,
        document_label=meeting.title or "SAMMANTRÄDESPROTOKOLL",
        place_and_time=[Labelled(label="Plats och tid",
                                 value=f"{meeting.place}, "
                                       f"{text.weekday_date(meeting.date, year=True)} "
                                       f"{text.at_clock(_span(meeting, style))}")],
        **protocol_people(meeting, doc.numbers),
        adjustment=[
            Labelled(label="Utses att justera", value=text.join_list(meeting.minutes_checkers)),
            Labelled(label="Justeringens plats och tid",
                     value=_adjustment_place_and_time(meeting)),
            Labelled(label="Paragrafer", value=text.paragraph_span(doc.numbers)),
        ],
        signatures=signatures,
        anslag=notice_board_posting(meeting),
        signatures_first=style.protocol_first_page == "signatures",
        index=[IndexRow(number=text.paragraph_sign(n), title=item.title, case_number=item.case_number or "")
               for item, n in zip(meeting.items, doc.numbers)],
        items=[_item(meeting, i, n, paragraph=True) for i, n in enumerate(doc.numbers)],
        toc=meeting.has_toc,
    )


def protocol_properties(doc: Protocol) -> Properties:
    meeting = doc.meeting
    return _classified(Properties(
        title=(_titled(meeting, "") if meeting.title else
               f"{meeting.body} {DASH} sammanträdesprotokoll {text.iso_date(meeting.date)}"),
        subject=f"Sammanträdesprotokoll, {text.paragraph_span(doc.numbers)}", author=meeting.issuer,
        keywords=("sammanträdesprotokoll", meeting.body, text.iso_date(meeting.date))),
        meeting, meeting.items)


# ---------------------------------------------------------------------------------------------
# Protokollsutdrag


def extract_context(doc: Extract, style: HouseStyle) -> ExtractContext:
    """One § with the justering, utdragsbestyrkande and expediering."""
    meeting = doc.meeting
    item = meeting.items[doc.index]
    if item.immediate:
        dates = notice_board_dates(meeting.date, adjusted=meeting.date)
        sentence = (f"Paragrafen justerades omedelbart vid sammanträdet den "
                    f"{text.long_date(meeting.date)} och justeringen tillkännagavs på kommunens "
                    f"anslagstavla den {text.long_date(dates.posted)}.")
    else:
        dates = meeting.notice_board_dates()
        sentence = (f"Protokollet justerades den {text.long_date(dates.adjusted)} och justeringen "
                    f"tillkännagavs på kommunens anslagstavla den {text.long_date(dates.posted)}.")
    secretary = meeting.participant(meeting.secretary) if meeting.secretary else None
    return ExtractContext(
        **_common(meeting, [item]),
        # the extract lists its recipients under "Expedieras till" at the end, not in the item
        item=attrs.evolve(_item(meeting, doc.index, doc.number, paragraph=True), distribution=None),
        adjustment_sentence=sentence,
        protocol_facts=[
            Labelled(label="Sammanträdesdatum", value=text.iso_date(meeting.date)),
            Labelled(label="Ordförande", value=meeting.chair or ""),
            Labelled(label=text.TERMS.adjuster, value=text.join_list(meeting.minutes_checkers)),
            Labelled(label="Sista dag för överklagande", value=text.iso_date(dates.appeal_ends)),
        ],
        certification="Utdragets riktighet bestyrks.",
        certifier=Signer(name=secretary.name if secretary else "",
                         title=_role(secretary) if secretary and secretary.role else "Sekreterare"),
        recipients=list(item.distribution),
    )


def extract_properties(doc: Extract) -> Properties:
    meeting = doc.meeting
    item = meeting.items[doc.index]
    return _classified(Properties(
        title=f"Protokollsutdrag {meeting.body} {text.iso_date(meeting.date)} § {doc.number} "
              f"{item.title}",
        subject=f"Protokollsutdrag § {doc.number}", author=meeting.issuer,
        keywords=("protokollsutdrag", meeting.body, text.iso_date(meeting.date), f"§ {doc.number}")),
        meeting, [item])


# ---------------------------------------------------------------------------------------------
# Tillkännagivande (anslag)


def _announced(doc: Announcement) -> Meeting:
    """The meeting as the notice board may show it: its public version."""
    return doc.meeting if doc.meeting.public else public_version(doc.meeting)


def anslag_context(doc: Announcement, style: HouseStyle) -> AnslagContext:
    """The tillkännagivande of an adjusted protocol for the (digital) notice board."""
    meeting = _announced(doc)
    dates = meeting.notice_board_dates()
    span = text.paragraph_span(doc.numbers)
    secretary = meeting.participant(meeting.secretary) if meeting.secretary else None
    kept = f" Protokollet finns hos {meeting.kept_at}." if meeting.kept_at else ""
    return AnslagContext(
        **{**_common(meeting), "classification": ""},
        title="Tillkännagivande om justerat protokoll",
        header_right=f"Anslaget {text.iso_date(dates.posted)}",
        text=[f"Protokollet från sammanträdet med {meeting.body} den "
              f"{text.long_date(meeting.date)}, {span}, justerades den "
              f"{text.long_date(dates.adjusted)}.{kept}",
              f"Tillkännagivandet sätts upp på kommunens anslagstavla den "
              f"{text.long_date(dates.posted)} och tas ned den {text.long_date(dates.taken_down)}."],
        facts=[Labelled(label="Organ", value=meeting.body),
               Labelled(label="Sammanträdesdatum", value=text.iso_date(meeting.date)),
               Labelled(label="Paragrafer", value=span),
               Labelled(label="Protokollet justerat", value=text.iso_date(dates.adjusted)),
               Labelled(label="Anslaget sätts upp", value=text.iso_date(dates.posted)),
               Labelled(label="Anslaget tas ned", value=text.iso_date(dates.taken_down)),
               Labelled(label="Sista dag för överklagande", value=text.iso_date(dates.appeal_ends)),
               Labelled(label="Förvaringsplats för protokollet", value=meeting.kept_at or "")],
        appeal=(f"Den som vill överklaga ett beslut i protokollet genom laglighetsprövning "
                f"(kommunallagen 13 kap.) ska ge in överklagandet till förvaltningsrätten inom "
                f"{text.number_words(APPEAL_DAYS // 7)} veckor från den dag tillkännagivandet "
                f"sattes upp, det vill säga senast den {text.long_date(dates.appeal_ends)}."),
        signer=Signer(name=secretary.name if secretary else "",
                      title=_role(secretary) if secretary and secretary.role else "Sekreterare"),
    )


def anslag_properties(doc: Announcement) -> Properties:
    meeting = _announced(doc)
    return Properties(
        title=f"Tillkännagivande {meeting.body} {text.iso_date(meeting.date)}",
        subject=f"Tillkännagivande om justerat protokoll, {text.paragraph_span(doc.numbers)}",
        author=meeting.issuer,
        keywords=("tillkännagivande", "anslag", meeting.body, text.iso_date(meeting.date)))


def anslag_record(doc: Announcement) -> dict[str, Any]:
    """The tillkännagivande as data for the municipality's website (written as JSON beside the
    document): the same facts and sentences, dates in ISO form."""
    meeting = _announced(doc)
    dates = meeting.notice_board_dates()
    context = anslag_context(doc, HouseStyle())
    return {
        "document": "tillkännagivande",
        "title": context.title,
        "issuer": meeting.issuer,
        "body": meeting.body,
        "meeting_date": meeting.date.isoformat(),
        "paragraphs": list(doc.numbers),
        "paragraph_span": text.paragraph_span(doc.numbers),
        "adjusted": dates.adjusted.isoformat(),
        "posted": dates.posted.isoformat(),
        "taken_down": dates.taken_down.isoformat(),
        "appeal_ends": dates.appeal_ends.isoformat(),
        "appeal_period_days": APPEAL_DAYS,
        "kept_at": meeting.kept_at or "",
        "text": [*context.text, context.appeal],
    }


# ---------------------------------------------------------------------------------------------
# Kallelse


def _decided(meeting: Meeting, number: int) -> str:
    """``2025-02-10 § 3`` or ``2019-09-16 punkt 4``."""
    where = text.paragraph_sign(number) if meeting.is_protocol else f"punkt {number}"
    return f"{text.iso_date(meeting.date)} {where}"


def notice_context(doc: Notice, style: HouseStyle) -> NoticeContext:
    """Time, place, agenda, open actions and who is called."""
    meeting = doc.meeting
    protocol = meeting.is_protocol
    note: list[str | Block]
    if meeting.notice_note:
        note = blocks(meeting.notice_note)
    elif protocol:
        to = (f" till {meeting.apologies_to}," if meeting.apologies_to
              else f" till sekreteraren, {meeting.secretary}," if meeting.secretary else "")
        note = ["Ledamot som är förhindrad att delta meddelar det så snart som möjligt"
                + to + " så att en ersättare kan kallas."]
    else:
        to_whom = meeting.apologies_to or meeting.secretary
        note = [f"Meddela förhinder till {to_whom}."] if to_whom else []
    facts = [Labelled(label="Tid", value=_when(meeting, style)),
             Labelled(label="Plats", value=meeting.place)]
    if meeting.papers:
        facts.append(Labelled(label="Handlingar", value=text.upper_first(meeting.papers)))
    if meeting.apologies_to:
        facts.append(Labelled(label="Förhinder anmäls till", value=meeting.apologies_to))

    def called_row(p: Participant) -> CalledRow:
        return CalledRow(name=p.name, role=_shown(meeting, p, _called_as(meeting, p)),
                         organisation=_shown(meeting, p, p.organisation or ""))

    def informed(p: Participant) -> bool:
        return p.deputy and p.attendance is not Attendance.SUBSTITUTE
    people = []
    for name, title in ((meeting.chair, "Ordförande"), (meeting.secretary, "Sekreterare")):
        if name:
            people.append(Signer(name=name, title=title))
    return NoticeContext(
        **_common(meeting, _notice_items(doc), titles_only=True),
        title=f"Kallelse till {'sammanträde' if protocol else 'möte'} med {meeting.body}",
        header_right=(f"Datum {text.iso_date(meeting.notice_date)}" if meeting.notice_date
                      else f"Möte {text.iso_date(meeting.date)}"),
        facts=facts,
        note=note,
        agenda_heading="Föredragningslista" if protocol else "Dagordning",
        agenda=[AgendaRow(number=str(i + 1), title=item.title,
                          presenters=text.join_list(item.presenters),
                          case_number=item.case_number or "")
                for i, item in enumerate(meeting.items)],
        open_actions_intro="Åtgärder från tidigare möten som ännu inte är klara, de som skulle "
                           "vara klara först överst:",
        open_actions=[OpenActionRow(decided=_decided(a.meeting, a.number),
                                    **_action(a.item, a.action, meeting.public))
                      for a in doc.open_actions],
        no_open_actions=("Det finns inga öppna åtgärder från tidigare möten." if doc.earlier_known
                         else "Tidigare mötens protokoll och anteckningar fanns inte med när "
                              "kallelsen gjordes, så öppna åtgärder från dem kan inte redovisas här."),
        called=[called_row(p) for p in meeting.participants if not p.guest and not informed(p)],
        informed=[called_row(p) for p in meeting.participants if informed(p)],
        guests=[called_row(p) for p in meeting.participants if p.guest],
        signed=(SignedBy(place_date=text.iso_date(meeting.notice_date)
                         if meeting.notice_date else "", people=people) if people else None),
    )


def _notice_items(doc: Notice) -> list[AgendaItem]:
    """The items a notice shows something of: its agenda and the earlier items whose actions
    are still open (their titles and actions, not their matter or bilagor)."""
    return [*doc.meeting.items, *(a.item for a in doc.open_actions)]


def notice_properties(doc: Notice) -> Properties:
    meeting = doc.meeting
    return _classified(Properties(
        title=f"Kallelse {meeting.body} {text.iso_date(meeting.date)}", subject="Kallelse",
        author=meeting.issuer, keywords=("kallelse", meeting.body, text.iso_date(meeting.date))),
        meeting, _notice_items(doc), titles_only=True)


# ---------------------------------------------------------------------------------------------
# Åtgärdsregister

_STATUS = {"klar": "Klar", "öppen": "Öppen", "försenad": "Försenad"}


def _year_span(years: tuple[int, ...]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}{DASH}{years[-1]}"


def register_context(doc: ActionRegister, style: HouseStyle) -> RegisterContext:
    """The action register as a table, with a one-sentence summary."""
    counts = {status: sum(1 for e in doc.entries if e.status == status) for status in _STATUS}
    meetings = len({e.meeting_date for e in doc.entries})
    total = len(doc.entries)
    summary = (f"{text.upper_first(text.count_words(total, neuter=False))} "
               f"{'åtgärd' if total == 1 else 'åtgärder'} från "
               f"{text.count_words(meetings, neuter=True)} {'möte' if meetings == 1 else 'möten'}, "
               f"läget den {text.long_date(doc.as_of)}: {text.count_words(counts['klar'])} klara, "
               f"{text.count_words(counts['öppen'])} öppna och "
               f"{text.count_words(counts['försenad'])} försenade.")
    rows = []
    for e in doc.entries:
        status = _STATUS[e.status]
        if e.status == "klar" and e.done:
            status += f" {text.iso_date(e.done)}"
        withheld = doc.public and e.secrecy is not None
        rows.append(RegisterRow(
            meeting=text.iso_date(e.meeting_date), item=e.item,
            number=text.paragraph_sign(e.number) if e.paragraph else str(e.number),
            task=secrecy_line(e.secrecy) if withheld and e.secrecy else text.upper_first(e.task),
            owner=e.owner or DASH, due=text.iso_date(e.due) if e.due else DASH, status=status))
    span = _year_span(doc.years)
    return RegisterContext(
        issuer=doc.issuer, body=doc.body, marking=doc.marking or "",
        classification=classification(_register_marks(doc)[0],
                                      protected=_register_marks(doc)[1], public=doc.public),
        title=f"Åtgärdsregister {DASH} {doc.body} {span}".rstrip(),
        header_right=f"Läge {text.iso_date(doc.as_of)}",
        summary=summary if total else "",
        rows=rows,
    )


def _register_marks(doc: ActionRegister) -> tuple[list[str], bool]:
    """The legal references of the register's rows, and whether a row names a protected person:
    ``(references, protected)`` for its marking of secrecy."""
    refs = list(dict.fromkeys(e.secrecy for e in doc.entries if e.secrecy))
    return refs, any(e.protected for e in doc.entries)


def register_properties(doc: ActionRegister) -> Properties:
    refs, protected = _register_marks(doc)
    return classified(Properties(
        title=f"Åtgärdsregister {doc.body} {_year_span(doc.years)}".rstrip(),
        subject="Åtgärdsregister", author=doc.issuer, keywords=("åtgärdsregister", doc.body)),
        refs, protected=protected, public=doc.public)


# ---------------------------------------------------------------------------------------------
# The records: the meeting file and the five documents of its cycle


def slug(text_: str) -> str:
    """A file name part: lower case, spaces to hyphens, Swedish letters kept.

    >>> slug("Trygghetsrådet Trygga Höör")
    'trygghetsrådet-trygga-höör'
    """
    text_ = re.sub(r'[\\/:*?"<>|]+', " ", text_.strip().casefold())
    return re.sub(r"\s+", "-", text_).strip("-.") or "möte"


def _extract_file(doc: Extract, word: str, label: str | None, by_body: bool) -> str:
    """``<date>-protokollsutdrag-§12``."""
    return f"{label}-{word}-§{doc.number}" if label else f"{word}-§{doc.number}"


def _minutes_file(doc: Minutes, word: str, label: str | None, by_body: bool) -> str:
    """``<date>-minnesanteckningar``, or ``<date>-protokoll`` for an advisory body's protocol."""
    if doc.meeting.is_advisory:
        word = PROTOCOL_FILE_WORD
    return f"{label}-{word}" if label else word


PROTOCOL_FILE_WORD = "protokoll"


def _register_file(doc: ActionRegister, word: str, label: str | None, by_body: bool) -> str:
    """``åtgärdsregister``, or ``åtgärdsregister-<body>`` beside other bodies' registers."""
    return f"{word}-{slug(doc.body)}" if by_body else word


NOTICE = Document(name="notice", title="Kallelse", model=Notice, context=NoticeContext,
                  build=notice_context, properties=notice_properties, file_word="kallelse")
MINUTES = Document(name="minutes", title="Minnesanteckningar", model=Minutes,
                   context=MinutesContext, build=minutes_context, properties=minutes_properties,
                   file_word="minnesanteckningar", name_file=_minutes_file)
PROTOCOL = Document(name="protocol", title="Sammanträdesprotokoll", model=Protocol,
                    context=ProtocolContext, build=protocol_context,
                    properties=protocol_properties, file_word=PROTOCOL_FILE_WORD)
EXTRACT = Document(name="extract", title="Protokollsutdrag", model=Extract,
                   context=ExtractContext, build=extract_context, properties=extract_properties,
                   file_word="protokollsutdrag", name_file=_extract_file)
REGISTER = Document(name="register", title="Åtgärdsregister", model=ActionRegister,
                    context=RegisterContext, build=register_context,
                    properties=register_properties, file_word="åtgärdsregister",
                    name_file=_register_file)
ANSLAG = Document(name="anslag", title="Tillkännagivande", model=Announcement,
                  context=AnslagContext, build=anslag_context, properties=anslag_properties,
                  file_word="anslag", record=anslag_record)


def own_document(model: Any) -> Any:
    """The document a meeting file, a series or one meeting renders as when none is chosen: the
    first meeting's notes or protocol, numbered within the series (``documents`` gives all)."""
    if isinstance(model, MeetingData):
        model = model.series
    if isinstance(model, Meeting):
        model = MeetingSeries((model,))
    first = model.meetings[0]
    return documents(model, default_document(first), first)[0]


def _select(model: MeetingData, name: str) -> list[Any]:
    return documents(model.series, DocumentKind(name))


MEETING = DataFileType(key="meeting", model=MeetingData,
                       documents=(NOTICE, MINUTES, PROTOCOL, EXTRACT, REGISTER, ANSLAG),
                       skeleton="meeting.yaml", select=_select, own=own_document,
                       parts=(MeetingSeries, Meeting))
"""``type: meeting``: one or more meetings of a body, and the documents of their cycle."""
