"""Meetings as data: the model, the justering/anslag rule, § numbering across a year, open actions,
the action register, and broken meeting files. (Rendering: test_meetings_render.py.)"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import trygga_docs
from trygga_docs import DataError
from trygga_docs.model.meeting import Attendance, Meeting, MeetingKind
from trygga_docs.model.meeting_file import MeetingData, MeetingEntry
from trygga_docs.model.meeting_series import DocumentKind, MeetingSeries, documents
from trygga_docs.model.meeting_rules import (adjustment_deadline, easter_sunday, is_weekday,
                                             notice_board_dates, running_numbers)
from trygga_docs.text import paragraph_span

from .conftest import DATA, EXAMPLES, broken

HOOR_NOTES = EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"
YEAR = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"
BAD = DATA / "bad"
D = dt.date


@pytest.fixture(scope="module")
def year() -> MeetingSeries:
    return trygga_docs.load(YEAR).series


@pytest.fixture(scope="module")
def hoor() -> Meeting:
    return trygga_docs.load(HOOR_NOTES).series.meetings[0]


# -- the model ------------------------------------------------------------------------------------

def test_hoor_notes_load_as_one_meeting_with_people_roles_and_items(hoor):
    assert (hoor.issuer, hoor.body, hoor.kind) == ("Kommunstyrelsen", "Trygghetsrådet Trygga Höör",
                                                  MeetingKind.NOTES)
    assert (hoor.date, hoor.start, hoor.end) == (D(2019, 11, 25), dt.time(9), dt.time(11))
    assert hoor.duration == dt.timedelta(hours=2)
    assert len(hoor.participants) == 11
    assert hoor.participant("anna johansson").role == "kommunpolis"
    assert [i.title for i in hoor.items][:2] == ["Trygghetsmätning", "Trygghetsmätning i skolan"]
    assert not any(i.actions for i in hoor.items)  # the seed has no action list
    assert hoor.next_meeting.date == D(2020, 3, 2) and hoor.secretary == "Johan Svahnberg"


def test_a_year_file_fills_each_meeting_from_the_shared_fields(year):
    assert len(year) == 12
    assert {m.body for m in year} == {"Trygghetsutskottet"}
    assert all(m.is_protocol and m.kept_at for m in year)
    april = next(m for m in year if m.date == D(2025, 4, 14))
    assert (april.start, april.end, april.place) == (dt.time(13, 30), dt.time(15),
                                                     "Kommunhuset, sammanträdesrum Ljungen")


def test_absent_members_and_their_substitutes_are_set_per_meeting(year):
    february = next(m for m in year if m.date == D(2025, 2, 17))
    assert february.participant("Per-Olof Ek").attendance is Attendance.ABSENT
    substitute = february.participant("Ingrid Sjögren")
    assert substitute.attendance is Attendance.SUBSTITUTE and substitute.decides
    assert substitute.replaces == "Per-Olof Ek"
    january = year.meetings[0]  # the roster itself is untouched
    assert january.participant("Per-Olof Ek").attendance is Attendance.PRESENT
    assert not january.participant("Ingrid Sjögren").decides


def test_the_entry_class_offers_every_meeting_field():
    entry = {a.name for a in attrs.fields(MeetingEntry)}
    meeting = {a.name for a in attrs.fields(Meeting) if a.init}  # not the derived 'public'
    data = {a.name for a in attrs.fields(MeetingData)}
    assert meeting <= entry and entry <= data


MEETING_FIELDS = [a.name for a in attrs.fields(Meeting) if a.init]  # not the derived 'public'


def _as_json(value):
    if isinstance(value, dt.time):
        return f"{value:%H.%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(value)


@pytest.mark.parametrize("shape", ["top level", "meetings entry"])
def test_every_field_of_a_meeting_is_a_key_of_the_meeting_file(tmp_path, shape):
    """Generated from Meeting's fields, not a list of them: every example meeting written with
    all of them (a left-out one as its default) at the top level or as an entry of 'meetings:'
    loads back into the same meeting. A field of Meeting the file format does not know is
    refused as an unknown key; one it drops loads as the default."""
    import json
    import shutil

    from trygga_docs.structuring import STRUCTURER

    checked = 0
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        copy = shutil.copytree(folder, tmp_path / folder.name)  # bilagor stay beside the file
        for source in sorted(folder.glob("*.yaml")):
            if "type: meeting" not in source.read_text(encoding="utf-8"):
                continue
            for i, meeting in enumerate(trygga_docs.load(source).series.meetings):
                fields = {name: STRUCTURER.unstructure(getattr(meeting, name))
                          for name in MEETING_FIELDS}
                data = fields if shape == "top level" else {"meetings": [fields]}
                path = copy / f"{source.stem}-{i}.json"
                path.write_text(json.dumps({"type": "meeting", **data}, default=_as_json),
                                encoding="utf-8")
                assert trygga_docs.load(path).series.meetings == (meeting,), path.name
                checked += 1
    assert checked >= 15


@pytest.mark.parametrize("entry", [False, True])
def test_the_old_key_adjusters_is_refused_with_its_new_name_and_place(tmp_path, entry):
    text = YEAR.read_text(encoding="utf-8")
    old = text.replace("minutes_checkers:", "adjusters:", 1)
    line = old[:old.index("adjusters:")].count("\n") + 1
    path = tmp_path / "år.yaml"
    path.write_text(old if entry else HOOR_NOTES.read_text(encoding="utf-8").replace(
        "\nplace:", "\nadjusters: [Bo Lind]\nplace:", 1), encoding="utf-8")
    with pytest.raises(DataError, match="'adjusters' is now called 'minutes_checkers'") as caught:
        trygga_docs.load(path)
    if entry:
        assert caught.value.path.endswith("].adjusters") and caught.value.line == line
    else:
        assert caught.value.path == "adjusters" and caught.value.line is not None


def test_a_field_of_one_meeting_at_the_top_of_a_year_file_is_refused(tmp_path):
    text = YEAR.read_text(encoding="utf-8").replace("marking:", "date: 2025-01-01\nmarking:", 1)
    path = tmp_path / "år.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="'date' belongs to one meeting") as caught:
        trygga_docs.load(path)
    assert caught.value.path == "date"


# -- justering and anslag -------------------------------------------------------------------------

def test_easter_and_the_swedish_holidays_the_deadline_rule_skips():
    assert easter_sunday(2024) == D(2024, 3, 31) and easter_sunday(2026) == D(2026, 4, 5)
    assert not is_weekday(D(2025, 4, 18))   # långfredagen
    assert not is_weekday(D(2025, 4, 21))   # annandag påsk
    assert not is_weekday(D(2025, 5, 29))   # Kristi himmelsfärdsdag
    assert not is_weekday(D(2025, 6, 6))    # nationaldagen
    assert not is_weekday(D(2025, 6, 20))   # midsommarafton (lagen 1930:173)
    assert not is_weekday(D(2025, 12, 31))  # nyårsafton
    assert is_weekday(D(2025, 6, 9))        # annandag pingst is no longer a holiday


def test_anslag_dates_follow_the_documented_rule():
    # justering given on a Friday: posted the next weekday (the law's second day, a Sunday,
    # moves to Monday), appeal three weeks from posting, taken down the day after
    d = notice_board_dates(D(2025, 2, 10), adjusted=D(2025, 2, 14))
    assert (d.posted, d.appeal_ends, d.taken_down) == (D(2025, 2, 17), D(2025, 3, 10),
                                                       D(2025, 3, 11))
    # no justering day: the last one the law allows, 14 days after the meeting
    d = notice_board_dates(D(2025, 3, 17))
    assert d.adjusted == D(2025, 3, 31) and d.posted == D(2025, 4, 1)
    # justering the same day; posting may also be given, within two days
    d = notice_board_dates(D(2025, 9, 29), adjusted=D(2025, 9, 29), posted=D(2025, 9, 29))
    assert d.appeal_ends == D(2025, 10, 20)


def test_the_last_day_to_appeal_moves_past_holidays():
    # posted on Thursday 2025-12-04: three weeks later is julafton, then juldagen, annandag jul,
    # a weekend: the appeal period runs to Monday 29 December
    d = notice_board_dates(D(2025, 12, 1), adjusted=D(2025, 12, 3), posted=D(2025, 12, 3))
    assert d.appeal_ends == D(2025, 12, 24 + 5) and d.taken_down == D(2025, 12, 30)


def test_the_adjustment_deadline_moves_to_a_weekday():
    assert adjustment_deadline(D(2025, 6, 6)) == D(2025, 6, 23)  # 20 June is midsommarafton


@pytest.mark.parametrize("adjusted, posted, path", [
    (D(2025, 3, 9), None, "adjusted"),             # before the meeting
    (D(2025, 3, 25), None, "adjusted"),            # 15 days after
    (D(2025, 3, 12), D(2025, 3, 15), "posted"),    # the third day after justering
    (D(2025, 3, 12), D(2025, 3, 11), "posted"),    # before justering
])
def test_anslag_dates_outside_the_law_are_data_errors(adjusted, posted, path):
    with pytest.raises(DataError) as caught:
        notice_board_dates(D(2025, 3, 10), adjusted=adjusted, posted=posted)
    assert caught.value.path == path and "kommunallagen" in caught.value.message


def test_each_protocol_of_the_year_gets_its_anslag_dates(year):
    march = next(m for m in year if m.date == D(2025, 3, 17))
    dates = march.notice_board_dates()
    assert (dates.adjusted, dates.posted, dates.appeal_ends, dates.taken_down) == (
        D(2025, 3, 21), D(2025, 3, 24), D(2025, 4, 14), D(2025, 4, 15))


# -- § numbering ----------------------------------------------------------------------------------

def test_protocol_numbers_paragraphs_across_meetings_of_a_year(year):
    numbers = [year.numbers(m) for m in year]
    assert numbers[0] == (1, 2, 3, 4, 5)
    assert numbers[1] == (6, 7, 8, 9)
    flat = [n for ns in numbers for n in ns]
    assert flat == list(range(1, len(flat) + 1))  # no gap, no repeat over the year
    assert numbers[-1][-1] == 40


def test_a_new_year_starts_again_at_paragraph_one(year):
    extra = next(m for m in year if m.date == D(2025, 9, 29))  # one item, no actions
    january_2026 = attrs.evolve(extra, date=D(2026, 1, 19), adjusted=None)
    series = MeetingSeries((*year.meetings, january_2026))
    assert series.numbers(extra) == (31,)
    assert series.numbers(january_2026) == (1,)


def test_a_given_first_paragraph_starts_the_meeting_and_the_next_follows_on(year):
    moved = attrs.evolve(year.meetings[1], first_paragraph=20)
    series = MeetingSeries((year.meetings[0], moved, year.meetings[2]))
    assert [series.numbers(m) for m in series] == [(1, 2, 3, 4, 5), (20, 21, 22, 23),
                                                   (24, 25, 26, 27)]


def test_meetings_are_numbered_in_date_order_whatever_the_order_given(year):
    reversed_series = MeetingSeries(tuple(reversed(year.meetings[:3])))
    assert reversed_series.numbers(year.meetings[0]) == (1, 2, 3, 4, 5)
    assert reversed_series.numbers(year.meetings[2]) == (10, 11, 12, 13)


def test_notes_number_their_items_per_meeting(hoor):
    series = MeetingSeries((hoor, attrs.evolve(hoor, date=D(2019, 12, 9), next_meeting=None)))
    assert [series.numbers(m) for m in series] == [(1, 2, 3, 4, 5, 6)] * 2


def test_running_numbers_report_a_clash_and_go_on():
    results = running_numbers([(None, [None, None]), (None, [2, None]), (None, [None])])
    assert results[1].error and "already used" in results[1].error.message
    assert results[2].numbers == (3,)


NBSP, WORD_JOINER = "\u00a0", "\u2060"
"""After § and inside a run of §§ a line does not break (issue 15.5)."""


def test_paragraph_spans():
    assert paragraph_span([18, 19, 20]) == f"§§{NBSP}18–{WORD_JOINER}20"
    assert paragraph_span([31]) == f"§{NBSP}31"
    assert paragraph_span([1, 2, 3, 7]) == f"§§{NBSP}1–{WORD_JOINER}3, 7"


# -- open actions and the register ----------------------------------------------------------------

def test_a_notice_lists_the_open_actions_of_earlier_meetings_oldest_due_first(year):
    september = next(m for m in year if m.date == D(2025, 9, 8))
    open_actions = year.open_actions(september)
    assert [(a.meeting.date, a.number) for a in open_actions] == [
        (D(2025, 2, 17), 8), (D(2025, 8, 18), 27), (D(2025, 8, 18), 26), (D(2025, 6, 9), 22)]
    dues = [a.action.due for a in open_actions]
    assert dues == sorted(dues)
    # done before the notice went out: not listed; done after it: still open then
    assert all(a.action.done is None or a.action.done > D(2025, 9, 1) for a in open_actions)


def test_the_first_meeting_has_no_open_actions(year):
    assert year.open_actions(year.meetings[0]) == []


def test_the_action_register_is_a_python_list_for_scripts(year):
    register = year.register()
    assert len(register) == 17
    first = register[0]
    assert (first.meeting_date, first.number, first.paragraph, first.owner, first.status) == (
        D(2025, 1, 20), 1, True, "Elin Strand", "klar")
    statuses = {e.status for e in register}
    assert statuses == {"klar", "öppen", "försenad"}
    late = [e for e in register if e.status == "försenad"]
    assert all(e.due < D(2025, 12, 8) and e.done is None for e in late)
    on_time = year.register(as_of=D(2025, 2, 1))
    assert [e.status for e in on_time][:2] == ["öppen", "öppen"]


def test_documents_of_each_kind_for_a_year(year):
    assert len(documents(year, DocumentKind.PROTOCOL)) == 12
    assert len(documents(year, DocumentKind.EXTRACT)) == 40
    assert len(documents(year, "register")) == 1


def test_a_protocol_of_notes_without_justerare_is_refused(hoor):
    with pytest.raises(DataError, match="render its minnesanteckningar"):
        documents(MeetingSeries((hoor,)), DocumentKind.PROTOCOL)


# -- broken files ---------------------------------------------------------------------------------

# file -> (path in the data, line, a fragment of the message)
EXPECTED = {
    "meeting-time-25.yaml": ("start", 6, "hours run 00–23"),
    "meeting-end-before-start.yaml": ("end", 7, "end time must come after the start"),
    "meeting-absent-adjuster.yaml": ("minutes_checkers[0]", 21, "a justerare must be present"),
    "meeting-duplicate-paragraph.yaml": ("meetings[1].items[0].number", 29,
                                         "§ 3 was already used at an earlier meeting"),
    "meeting-duplicate-paragraph-in-meeting.yaml": ("items[1].number", 24, "§ 7 is given twice"),
    "meeting-unknown-action-owner.yaml": ("items[0].actions[0].owner", 18,
                                          "'Gatukontoret' is neither a participant nor"),
    "meeting-nonexistent-date.yaml": ("date", 5, "'2019-02-30' is not a date that exists"),
    "meeting-substitute-for-present-member.yaml": ("substitutes[0].replaces", 22,
                                                   "not an absent member"),
    "meeting-adjusted-too-late.yaml": ("adjusted", 21, "no later than 2025-03-24"),
    "meeting-missing-date-in-year.yaml": ("meetings[1].date", 14, "required field 'date'"),
    "meeting-unknown-field.yaml": ("partcipants", 9, "did you mean 'participants'?"),
    "meeting-protocol-without-kept-at.yaml": ("kept_at", None, "needs 'kept_at'"),
    # people as they attend (issue 14): guests, presenters, jäv; an advisory body's protocol
    "meeting-guest-also-member.yaml": ("participants[1].guest", 15,
                                       "'Lars Öberg' is both a member and a guest"),
    "meeting-presenter-not-participant.yaml": ("items[0].presenters[1]", 16,
                                               "the presenter 'Gatukontoret' is neither a "
                                               "participant nor a declared role"),
    "meeting-jav-not-participant.yaml": ("items[0].disqualified[0]", 16,
                                         "the person declaring jäv 'Cecilia Holm' is not among "
                                         "the participants"),
    "meeting-advisory-with-adjusters.yaml": ("minutes_checkers", 15, "a protokoll of an advisory body "
                                                              "is not adjusted"),
}


def test_the_meeting_corpus_is_complete():
    from .test_bad_input import HOSTILE, SECRECY  # hostile input and secrecy are specified there
    assert {p.name for p in BAD.glob("meeting-*")} - set(HOSTILE) - set(SECRECY) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_meeting_file_gives_one_located_data_error(name):
    path, line, fragment = EXPECTED[name]
    error = broken(BAD / name)
    assert error.path == path
    if line is not None:
        assert error.line == line
    assert fragment in error.message
