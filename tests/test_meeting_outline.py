"""What a batch keeps of each meeting between its rounds: an outline derived from the model."""

from __future__ import annotations

import pickle

import attrs

from trygga_docs.loader import EXAMPLES, load
from trygga_docs.model.meeting import Meeting
from trygga_docs.model.meeting_series import MeetingOutline, MeetingSeries, documents

YEAR = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"


def test_an_outline_numbers_registers_and_finds_open_actions_as_the_meeting_does():
    meetings = load(YEAR).series.meetings
    full = MeetingSeries(meetings)
    outlined = MeetingSeries(tuple(MeetingOutline.of(m) for m in meetings))
    assert outlined.numbering == full.numbering
    assert outlined.register() == full.register()
    for meeting, outline in zip(full.meetings, outlined.meetings):
        mine = [(a.number, a.action, a.meeting.date) for a in full.open_actions(meeting)]
        assert [(a.number, a.action, a.meeting.date) for a in outlined.open_actions(outline)] == mine
    assert [d.entries for d in documents(outlined, "register")] == \
        [d.entries for d in documents(full, "register")]


def test_an_outline_holds_none_of_the_meetings_text_and_is_derived_from_its_fields():
    meeting = load(YEAR).series.meetings[0]
    outline = MeetingOutline.of(meeting, actions=False)
    assert len(pickle.dumps(outline)) < len(pickle.dumps(meeting)) / 4
    assert {a.name for a in attrs.fields(MeetingOutline)} <= {a.name for a in attrs.fields(Meeting)}
    assert all(item.actions == () and item.title == "" for item in outline.items)


def _texts(value, path="", running=False):
    """Every text in ``value`` as (field path without indices, text, whether the model marks
    the field as running text), by a walk over attrs fields: no list of field names."""
    from trygga_docs.model.markup import MARKUP

    if isinstance(value, str):
        yield path, value, running
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item, path, running)
    elif attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            yield from _texts(getattr(value, a.name), f"{path}.{a.name}".lstrip("."),
                              running or bool(a.metadata.get(MARKUP)))


def test_an_outline_keeps_no_running_text_and_copies_each_text_from_the_same_field():
    """Generated from the model's fields: whatever field is added to Meeting, an AgendaItem or
    an ActionItem, an outline holds none of the paragraphs (the fields the model marks as
    running text) and no text that is not its meeting's in the same field."""
    for meeting in load(YEAR).series.meetings:
        theirs = set(_texts(meeting))
        running = {path for path, _, is_running in theirs if is_running}
        assert running, "the walk finds the meeting's paragraphs"
        for actions in (False, True):
            mine = set(_texts(MeetingOutline.of(meeting, actions=actions)))
            assert not {path for path, _, _ in mine} & running
            assert {(path, text) for path, text, _ in mine if text} <= \
                {(path, text) for path, text, _ in theirs}
