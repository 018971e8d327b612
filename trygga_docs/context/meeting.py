"""The documents of the meeting cycle as their templates see them: every value a ready Swedish
string. One builder per document: notice, minutes, protocol, extract and register."""

from __future__ import annotations

from typing import Any

from trygga_docs import text
from trygga_docs.model.meeting import ActionItem, AgendaItem, Attendance, Meeting, Participant
from trygga_docs.model.meeting_file import MeetingData
from trygga_docs.model.meeting_series import (ActionRegister, Extract, MeetingSeries, Minutes, Notice, Protocol,
                                              default_document, documents)
from trygga_docs.model.meeting_rules import paragraph_span, posting_dates
from trygga_docs.style import HouseStyle
from trygga_docs.context.common import Properties

DASH = "\u2013"


def _span(meeting: Meeting, style: HouseStyle) -> str:
    return text.time_span(meeting.start, meeting.end, separator=style.time_separator)


def _when(meeting: Meeting, style: HouseStyle) -> str:
    """``Måndagen den 10 februari 2025 kl. 13.00–15.30``."""
    return f"{text.upper_first(text.weekday_date(meeting.date, year=True))} kl. {_span(meeting, style)}"


def _role(person: Participant) -> str:
    return text.upper_first(person.role) if person.role else ""


def _role_and_organisation(person: Participant) -> str:
    return ", ".join(part for part in (_role(person), person.organisation) if part)


def _due(action: ActionItem) -> str:
    return text.iso_date(action.due) if action.due else DASH


def _action(item: AgendaItem, action: ActionItem) -> dict[str, str]:
    task = "(sekretess)" if item.secrecy else text.upper_first(action.task)
    return {"task": task, "owner": action.owner, "due": _due(action)}


_LAST_STARTS: list[tuple[Meeting, list[int]]] = []
"""The last meeting's bilaga starts: its extracts (one per item) ask for them one by one."""


def _attachment_starts(meeting: Meeting) -> list[int]:
    """The number of each item's first bilaga: attachments are numbered through the protocol.

    Computed once per meeting object (one pass over the agenda), so a document of n items, or
    the n extracts of a meeting, cost n steps, not n².
    """
    if _LAST_STARTS and _LAST_STARTS[0][0] is meeting:
        return _LAST_STARTS[0][1]
    starts, n = [], 1
    for item in meeting.items:
        starts.append(n)
        n += len(item.attachments)
    _LAST_STARTS[:] = [(meeting, starts)]
    return starts


def _item(meeting: Meeting, index: int, number: int, *, paragraph: bool) -> dict[str, Any]:
    item = meeting.items[index]
    meta = []
    if item.case_number:
        meta.append(f"Dnr {item.case_number}")
    if item.presenters:
        meta.append(f"Föredragande: {text.join_list(item.presenters)}")
    if item.secrecy:
        what = "Ärendet" if paragraph else "Punkten"
        matter = [f"{what} omfattas av sekretess enligt {item.secrecy}."]
    else:
        matter = list(item.matter)
    first = _attachment_starts(meeting)[index]
    return {
        "number": number,
        "heading": f"§ {number} {item.title}" if paragraph else f"{number}. {item.title}",
        "title": item.title,
        "meta": meta,
        "matter_label": "Ärendet" if paragraph else "",
        "matter": matter,
        "decision_label": "Beslut",
        "decision": list(item.decision),
        "votes": list(item.votes),
        "reservations": list(item.reservations),
        "immediate": ("Paragrafen förklaras omedelbart justerad."
                      if item.immediate and paragraph else ""),
        "attachments": [f"Bilaga {first + k}: {a.title}" for k, a in enumerate(item.attachments)],
        "actions": [_action(item, a) for a in item.actions],
        "distribution": (f"Expedieras till: {text.join_list(item.distribution)}"
                         if item.distribution else ""),
    }


def _common(meeting: Meeting) -> dict[str, Any]:
    return {
        "issuer": meeting.issuer,
        "body": meeting.body,
        "marking": meeting.marking or "",
        "date_iso": text.iso_date(meeting.date),
    }


def _notes_title(meeting: Meeting) -> str:
    return meeting.title or (f"{meeting.body} {DASH} minnesanteckningar från mötet "
                             f"{text.unbroken_iso_date(meeting.date)}")


# ---------------------------------------------------------------------------------------------
# Minnesanteckningar


def next_meeting_text(meeting: Meeting, style: HouseStyle) -> str:
    """``Måndagen den 2 mars 2020 kl. 15.00, Mejeriet 4.``"""
    nxt = meeting.next_meeting
    if nxt is None:
        return ""
    sentence = text.upper_first(text.weekday_date(nxt.date, year=True))
    if nxt.start and nxt.end:
        sentence += f" kl. {text.time_span(nxt.start, nxt.end, separator=style.time_separator)}"
    elif nxt.start:
        sentence += f" kl. {text.clock(nxt.start, separator=style.time_separator)}"
    if nxt.place:
        sentence += f", {nxt.place}"
    sentence += "."
    if nxt.note:
        sentence += f" {nxt.note}"
    return sentence


def minutes_context(doc: Minutes, style: HouseStyle) -> dict[str, Any]:
    """Everything the minnesanteckningar template shows."""
    meeting = doc.meeting
    present = [p for p in meeting.participants if p.attendance.present]
    absent = [p for p in meeting.participants if not p.attendance.present]
    secretary = meeting.participant(meeting.secretary) if meeting.secretary else None
    items = [_item(meeting, i, n, paragraph=False) for i, n in enumerate(doc.numbers)]
    next_number = (doc.numbers[-1] + 1) if doc.numbers else 1
    return {
        **_common(meeting),
        "title": _notes_title(meeting),
        "header_right": f"Minnesanteckningar {text.iso_date(meeting.date)}",
        "facts": [{"label": "Tid", "value": _when(meeting, style)},
                  {"label": "Lokal", "value": meeting.place}],
        "participants": [{"name": p.name, "role": _role_and_organisation(p)} for p in present],
        "absent": [{"name": p.name, "role": _role_and_organisation(p)} for p in absent],
        "items": items,
        "next_meeting": ({"heading": f"{next_number}. Nästa möte",
                          "text": next_meeting_text(meeting, style)}
                         if meeting.next_meeting else None),
        "secretary": ({"name": secretary.name, "title": _role(secretary)} if secretary else None),
    }


def minutes_properties(doc: Minutes) -> Properties:
    meeting = doc.meeting
    return Properties(title=_notes_title(meeting).replace(text.NB_HYPHEN, "-"), subject="Minnesanteckningar",
                      author=meeting.issuer,
                      keywords=("minnesanteckningar", meeting.body, text.iso_date(meeting.date)))


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


def _person_row(meeting: Meeting, person: Participant) -> dict[str, str]:
    return {"name": person.name, "function": _function(meeting, person),
            "organisation": person.organisation or ""}


def protocol_people(meeting: Meeting) -> dict[str, list[dict[str, str]]]:
    """Beslutande (the chair first), övriga närvarande and frånvarande."""
    deciding = [p for p in meeting.participants if p.decides]
    chair = (meeting.chair or "").casefold()
    deciding.sort(key=lambda p: p.name.casefold() != chair)
    others = [p for p in meeting.participants if p.attendance.present and not p.decides]
    absent = [p for p in meeting.participants if not p.attendance.present]
    return {"deciding": [_person_row(meeting, p) for p in deciding],
            "others": [_person_row(meeting, p) for p in others],
            "absent": [{"name": p.name, "function": ("Ledamot" if p.member and not p.role
                                                     else _role(p)),
                        "organisation": p.organisation or ""} for p in absent]}


def anslag(meeting: Meeting) -> dict[str, str]:
    """The ANSLAG/BEVIS box: the dates by the rule in ``model.meeting_rules``."""
    dates = meeting.posting()
    return {
        "sentence": "Protokollet är justerat. Justeringen har tillkännagivits genom anslag på "
                    "kommunens anslagstavla.",
        "body": meeting.body,
        "meeting_date": text.iso_date(meeting.date),
        "adjusted": text.iso_date(dates.adjusted),
        "posted": text.iso_date(dates.posted),
        "appeal_ends": text.iso_date(dates.appeal_ends),
        "taken_down": text.iso_date(dates.taken_down),
        "kept_at": meeting.kept_at or "",
        "signer": meeting.secretary or "",
    }


def _adjustment_place_and_time(meeting: Meeting) -> str:
    dates = meeting.posting()
    return f"{meeting.adjustment_place or meeting.place}, {text.iso_date(dates.adjusted)}"


def protocol_context(doc: Protocol, style: HouseStyle) -> dict[str, Any]:
    """Everything the sammanträdesprotokoll template shows."""
    meeting = doc.meeting
    signatures = [{"label": "Sekreterare", "name": meeting.secretary or ""},
                  {"label": "Ordförande", "name": meeting.chair or ""}]
    signatures += [{"label": "Justerande", "name": name} for name in meeting.adjusters]
    return {
        **_common(meeting),
        "title": meeting.title or meeting.body,
        "place_and_time": [{"label": "Plats och tid",
                            "value": f"{meeting.place}, {text.weekday_date(meeting.date, year=True)} "
                                     f"kl. {_span(meeting, style)}"}],
        **protocol_people(meeting),
        "adjustment": [
            {"label": "Utses att justera", "value": text.join_list(meeting.adjusters)},
            {"label": "Justeringens plats och tid", "value": _adjustment_place_and_time(meeting)},
            {"label": "Paragrafer", "value": paragraph_span(doc.numbers)},
        ],
        "signatures": signatures,
        "anslag": anslag(meeting),
        "index": [{"number": f"§ {n}", "title": item.title, "case_number": item.case_number or ""}
                  for item, n in zip(meeting.items, doc.numbers)],
        "items": [_item(meeting, i, n, paragraph=True) for i, n in enumerate(doc.numbers)],
    }


def protocol_properties(doc: Protocol) -> Properties:
    meeting = doc.meeting
    return Properties(
        title=f"{meeting.body} {DASH} sammanträdesprotokoll {text.iso_date(meeting.date)}",
        subject=f"Sammanträdesprotokoll, {paragraph_span(doc.numbers)}", author=meeting.issuer,
        keywords=("sammanträdesprotokoll", meeting.body, text.iso_date(meeting.date)))


# ---------------------------------------------------------------------------------------------
# Protokollsutdrag


def extract_context(doc: Extract, style: HouseStyle) -> dict[str, Any]:
    """One § with the justering, utdragsbestyrkande and expediering."""
    meeting = doc.meeting
    item = meeting.items[doc.index]
    if item.immediate:
        dates = posting_dates(meeting.date, adjusted=meeting.date)
        sentence = (f"Paragrafen justerades omedelbart vid sammanträdet den "
                    f"{text.long_date(meeting.date)} och justeringen tillkännagavs på kommunens "
                    f"anslagstavla den {text.long_date(dates.posted)}.")
    else:
        dates = meeting.posting()
        sentence = (f"Protokollet justerades den {text.long_date(dates.adjusted)} och justeringen "
                    f"tillkännagavs på kommunens anslagstavla den {text.long_date(dates.posted)}.")
    secretary = meeting.participant(meeting.secretary) if meeting.secretary else None
    return {
        **_common(meeting),
        # the extract lists its recipients under "Expedieras till" at the end, not in the item
        "item": {**_item(meeting, doc.index, doc.number, paragraph=True), "distribution": None},
        "adjustment_sentence": sentence,
        "protocol_facts": [
            {"label": "Sammanträdesdatum", "value": text.iso_date(meeting.date)},
            {"label": "Ordförande", "value": meeting.chair or ""},
            {"label": "Justerare", "value": text.join_list(meeting.adjusters)},
            {"label": "Sista dag för överklagande", "value": text.iso_date(dates.appeal_ends)},
        ],
        "certification": "Utdragets riktighet bestyrks.",
        "certifier": {"name": secretary.name if secretary else "",
                      "title": _role(secretary) if secretary and secretary.role else "Sekreterare"},
        "recipients": list(item.distribution),
    }


def extract_properties(doc: Extract) -> Properties:
    meeting = doc.meeting
    item = meeting.items[doc.index]
    return Properties(
        title=f"Protokollsutdrag {meeting.body} {text.iso_date(meeting.date)} § {doc.number} "
              f"{item.title}",
        subject=f"Protokollsutdrag § {doc.number}", author=meeting.issuer,
        keywords=("protokollsutdrag", meeting.body, text.iso_date(meeting.date), f"§ {doc.number}"))


# ---------------------------------------------------------------------------------------------
# Kallelse


def _decided(meeting: Meeting, number: int) -> str:
    return f"{text.iso_date(meeting.date)} {'§ ' if meeting.is_protocol else 'punkt '}{number}"


def notice_context(doc: Notice, style: HouseStyle) -> dict[str, Any]:
    """Time, place, agenda, open actions and who is called."""
    meeting = doc.meeting
    protocol = meeting.is_protocol
    if meeting.notice_note:
        note = list(meeting.notice_note)
    elif protocol:
        note = ["Ledamot som är förhindrad att delta meddelar det så snart som möjligt"
                + (f" till sekreteraren, {meeting.secretary}," if meeting.secretary else "")
                + " så att en ersättare kan kallas."]
    else:
        note = [f"Meddela förhinder till {meeting.secretary}."] if meeting.secretary else []
    people = []
    for name, title in ((meeting.chair, "Ordförande"), (meeting.secretary, "Sekreterare")):
        if name:
            people.append({"name": name, "title": title})
    return {
        **_common(meeting),
        "title": f"Kallelse till {'sammanträde' if protocol else 'möte'} med {meeting.body}",
        "header_right": (f"Datum {text.iso_date(meeting.notice_date)}" if meeting.notice_date
                         else f"Möte {text.iso_date(meeting.date)}"),
        "facts": [{"label": "Tid", "value": _when(meeting, style)},
                  {"label": "Plats", "value": meeting.place}],
        "note": note,
        "agenda_heading": "Föredragningslista" if protocol else "Dagordning",
        "agenda": [{"number": str(i + 1), "title": item.title,
                    "presenters": text.join_list(item.presenters),
                    "case_number": item.case_number or ""} for i, item in enumerate(meeting.items)],
        "open_actions_intro": "Åtgärder från tidigare möten som ännu inte är klara, de som skulle "
                              "vara klara först överst:",
        "open_actions": [{"decided": _decided(a.meeting, a.number), **_action(a.item, a.action)}
                         for a in doc.open_actions],
        "no_open_actions": "Det finns inga öppna åtgärder från tidigare möten.",
        "called": [{"name": p.name, "role": _called_as(meeting, p),
                    "organisation": p.organisation or ""} for p in meeting.participants],
        "signed": ({"place_date": text.iso_date(meeting.notice_date) if meeting.notice_date else "",
                    "people": people} if people else None),
    }


def notice_properties(doc: Notice) -> Properties:
    meeting = doc.meeting
    return Properties(title=f"Kallelse {meeting.body} {text.iso_date(meeting.date)}",
                      subject="Kallelse", author=meeting.issuer,
                      keywords=("kallelse", meeting.body, text.iso_date(meeting.date)))


# ---------------------------------------------------------------------------------------------
# Åtgärdsregister

_STATUS = {"klar": "Klar", "öppen": "Öppen", "försenad": "Försenad"}


def _year_span(years: tuple[int, ...]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}{DASH}{years[-1]}"


def register_context(doc: ActionRegister, style: HouseStyle) -> dict[str, Any]:
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
        rows.append({"meeting": text.iso_date(e.meeting_date), "item": e.item,
                     "number": f"§ {e.number}" if e.paragraph else str(e.number),
                     "task": e.task if e.task == "(sekretess)" else text.upper_first(e.task),
                     "owner": e.owner, "due": text.iso_date(e.due) if e.due else DASH,
                     "status": status})
    span = _year_span(doc.years)
    return {
        "issuer": doc.issuer, "body": doc.body, "marking": doc.marking or "",
        "title": f"Åtgärdsregister {DASH} {doc.body} {span}".rstrip(),
        "header_right": f"Läge {text.iso_date(doc.as_of)}",
        "summary": summary if total else "",
        "rows": rows,
    }


def register_properties(doc: ActionRegister) -> Properties:
    return Properties(title=f"Åtgärdsregister {doc.body} {_year_span(doc.years)}".rstrip(),
                      subject="Åtgärdsregister", author=doc.issuer,
                      keywords=("åtgärdsregister", doc.body))


# ---------------------------------------------------------------------------------------------

BUILDERS: dict[type, tuple[str, Any, Any]] = {
    Notice: ("notice", notice_context, notice_properties),
    Minutes: ("minutes", minutes_context, minutes_properties),
    Protocol: ("protocol", protocol_context, protocol_properties),
    Extract: ("extract", extract_context, extract_properties),
    ActionRegister: ("register", register_context, register_properties),
}
"""Document class → (template name, context builder, properties builder)."""


def meeting_document(model: Any, style: HouseStyle) -> tuple[str, dict[str, Any], Properties]:
    """Template name, context and properties for a document of the meeting cycle.

    A ``Meeting`` gives its own document (notes or protocol by its kind); a loaded file or a
    series gives its first meeting's, numbered within the series (``model.meeting_series.documents``
    gives all of them).
    """
    if isinstance(model, MeetingData):
        model = model.series
    if isinstance(model, Meeting):
        model = MeetingSeries((model,))
    if isinstance(model, MeetingSeries):
        first = model.meetings[0]
        model = documents(model, default_document(first), first)[0]
    template, context, properties = BUILDERS[type(model)]
    return template, context(model, style), properties(model)
