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
