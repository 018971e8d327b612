"""The next meeting drafted from the last one (``new meeting --from``), and the notice that tells
the open actions truthfully: from the same body's other meeting files in the folder, or saying
that it cannot know them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import trygga_docs
from trygga_docs.cli import main
from trygga_docs.loader import placeholders, read_model
from trygga_docs.new import FOLLOW_UP_TITLE, NEW_ITEM_PLACEHOLDER, next_meeting_draft

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""

NOTES = trygga_docs.EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"
YEAR = trygga_docs.EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"

NO_OPEN = "Det finns inga öppna åtgärder från tidigare möten."
UNKNOWN = "kan inte redovisas"


def new_meeting(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", "meeting", *args])
    return result.exit_code, result.output


def texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


# -- new meeting --from ----------------------------------------------------------------------

def test_the_next_meeting_of_the_notes_takes_date_time_and_place_from_next_meeting(tmp_path):
    out = tmp_path / "minnesanteckningar-2020-03-02.yaml"
    code, output = new_meeting("--from", str(NOTES), "--out", str(out))
    assert code == 0, output
    written = out.read_text(encoding="utf-8")
    # as the user wrote them: the next meeting's "15.00", its end in the same style
    assert 'start: "15.00"' in written and 'end: "17.00"' in written
    assert "date: 2020-03-02" in written
    model, lines = read_model(out)
    [meeting] = model.series.meetings
    last = trygga_docs.load(NOTES).series.meetings[0]
    assert (meeting.date, meeting.start, meeting.end) == (
        dt.date(2020, 3, 2), dt.time(15, 0), dt.time(17, 0))
    assert (meeting.issuer, meeting.body, meeting.kind, meeting.place) == (
        last.issuer, last.body, last.kind, last.place)
    assert meeting.participants == last.participants
    assert meeting.next_meeting is None
    # nothing stands on the Höör agenda and nothing is open: one item to fill in, which check names
    assert [item.title for item in meeting.items] == [NEW_ITEM_PLACEHOLDER]
    assert [p.path for p in placeholders(model, lines=lines)] == ["items[0].title"]


def test_the_next_meeting_of_a_year_keeps_standing_items_and_lists_open_actions(tmp_path):
    out = tmp_path / "nasta.yaml"
    code, output = new_meeting("--from", str(YEAR), "--date", "2026-01-19", "--out", str(out))
    assert code == 0, output
    written = out.read_text(encoding="utf-8")
    assert 'start: "13.00"' in written and 'end: "15.30"' in written
    meeting = trygga_docs.load(out).series.meetings[0]
    year = trygga_docs.load(YEAR).series
    last = year.meetings[-1]
    assert meeting.date == dt.date(2026, 1, 19)
    assert (meeting.start, meeting.end, meeting.place) == (last.start, last.end, last.place)
    # everyone called again, absences and guests of the last meeting not carried over
    assert [p.name for p in meeting.participants] == [p.name for p in year.meetings[0].participants]
    assert all(p.attendance.present for p in meeting.participants)
    titles = [item.title for item in meeting.items]
    assert titles == ["Lägesbild från polisen", FOLLOW_UP_TITLE, "Meddelanden"]
    standing = meeting.items[0]
    assert standing.standing and standing.presenters == ("Elin Strand",)
    assert not standing.matter and not standing.decision and not standing.actions
    # the open actions: all of them still open on the new date, none that are done
    [listed] = meeting.items[1].matter
    open_tasks = [e for e in year.register(as_of=dt.date(2026, 1, 19)) if e.status != "klar"]
    assert len(listed.splitlines()) == len(open_tasks) == 6
    assert f"- §{NBSP}8, 2025-02-17: René Müller ska ta fram ett program för sommarlovsaktiviteter" in listed
    assert "beskära buskaget" not in listed  # done
    assert meeting.first_paragraph is None  # a new year starts at § 1


def test_a_next_meeting_in_the_same_year_runs_the_paragraphs_on(tmp_path):
    draft = next_meeting_draft(YEAR, date=dt.date(2025, 12, 15))
    path = tmp_path / "extra.yaml"
    path.write_text(draft, encoding="utf-8")
    meeting = trygga_docs.load(path).series.meetings[0]
    year = trygga_docs.load(YEAR).series
    assert meeting.first_paragraph == max(year.numbers(year.meetings[-1])) + 1
    assert trygga_docs.load(path).series.numbers(meeting)[0] == meeting.first_paragraph


def test_the_cadence_gives_the_date_when_the_last_meeting_does_not(tmp_path):
    source = tmp_path / "sammantraden-2025.yaml"
    text = YEAR.read_text(encoding="utf-8").replace(
        "\nmeetings:\n", "\ncadence: {times: 1, unit: månad, except_months: [7]}\n\nmeetings:\n")
    source.write_text(text, encoding="utf-8")
    shutil.copytree(YEAR.parent / "bilagor", tmp_path / "bilagor")
    out = tmp_path / "nasta.yaml"
    code, output = new_meeting("--from", str(source), "--out", str(out))
    assert code == 0, output
    meeting = trygga_docs.load(out).series.meetings[0]
    assert meeting.date == dt.date(2026, 1, 12)  # 8 December 2025 is the second Monday
    assert "cadence:" in out.read_text(encoding="utf-8")


def test_without_a_next_date_the_draft_says_where_to_give_one(tmp_path):
    code, output = new_meeting("--from", str(YEAR))
    assert code != 0
    assert "next_meeting" in output and "cadence" in output and "--date" in output


def test_a_secret_items_open_action_stays_secret_in_the_draft(tmp_path):
    from trygga_docs.model.secrecy import SecretText
    # the year cut after March: § 12 (secret) has an action still open in April
    year = trygga_docs.load(YEAR).series
    march = [m for m in year.meetings if m.date <= dt.date(2025, 3, 17)]
    secret_actions = [a for m in march for i in m.items if i.secrecy for a in i.actions
                      if a.is_open(dt.date(2025, 4, 14))]
    if not secret_actions:
        pytest.skip("the example's secret item has no action open in April")
    text = YEAR.read_text(encoding="utf-8")
    cut = text[:text.index("  # ------------------------------------------------------------------------------ april")]
    source = tmp_path / "q1.yaml"
    source.write_text(cut, encoding="utf-8")
    shutil.copytree(YEAR.parent / "bilagor", tmp_path / "bilagor")
    out = tmp_path / "april.yaml"
    assert new_meeting("--from", str(source), "--date", "2025-04-14", "--out", str(out))[0] == 0
    follow = next(i for i in trygga_docs.load(out).series.meetings[0].items if i.title == FOLLOW_UP_TITLE)
    secret = [p for p in follow.matter if isinstance(p, SecretText)]
    assert secret and all(p.secrecy == "OSL 26 kap. 1 §" for p in secret)
    shown = " ".join(p for p in follow.matter if isinstance(p, str))
    assert not any(a.task in shown for a in secret_actions)


# -- the notice's open actions ---------------------------------------------------------------

def test_a_notice_from_one_file_says_when_it_cannot_know_the_earlier_meetings(tmp_path):
    [notice] = trygga_docs.render_file(NOTES, tmp_path / "kallelse.docx", document="notice")
    found = texts(notice)
    assert NO_OPEN not in found
    assert any(UNKNOWN in t for t in found)


def test_a_notice_reads_the_same_bodys_other_meeting_files_in_its_folder(tmp_path):
    folder = tmp_path / "utskottet"
    shutil.copytree(YEAR.parent, folder)
    draft = folder / "sammantrade-2026-01-19.yaml"
    assert new_meeting("--from", str(folder / YEAR.name), "--date", "2026-01-19",
                       "--out", str(draft))[0] == 0
    [notice] = trygga_docs.render_file(draft, tmp_path / "kallelse.docx", document="notice")
    found = texts(notice)
    assert not any(UNKNOWN in t for t in found) and NO_OPEN not in found
    assert "Ta fram ett program för sommarlovsaktiviteter med föreningarna" in found
    assert f"2025-02-17 §{NBSP}8" in found
    # alone in a folder the same file cannot know them
    alone = tmp_path / "ensam"
    alone.mkdir()
    shutil.copy(draft, alone / draft.name)
    [notice] = trygga_docs.render_file(alone / draft.name, tmp_path / "ensam.docx", document="notice")
    assert any(UNKNOWN in t for t in texts(notice))


def test_the_first_meeting_of_a_file_alone_cannot_know_earlier_ones_but_later_ones_do(tmp_path):
    from trygga_docs.model.meeting_series import DocumentKind, documents
    series = trygga_docs.load(YEAR).series
    notices = documents(series, DocumentKind.NOTICE)
    assert [n.earlier_known for n in notices[:3]] == [False, True, True]


def test_the_public_notice_keeps_the_other_files_secrets_out(tmp_path):
    folder = tmp_path / "utskottet"
    shutil.copytree(YEAR.parent, folder)
    text = (folder / YEAR.name).read_text(encoding="utf-8")
    cut = text[:text.index("  # ------------------------------------------------------------------------------ april")]
    (folder / YEAR.name).write_text(cut, encoding="utf-8")
    draft = folder / "april.yaml"
    assert new_meeting("--from", str(folder / YEAR.name), "--date", "2025-04-14",
                       "--out", str(draft))[0] == 0
    [public] = trygga_docs.render_file(draft, tmp_path / "kallelse.docx", document="notice",
                                       public=True)
    shown = " ".join(texts(public))
    assert "Lägesbild om enskilda ungdomar" not in shown and "Sara Lind" not in shown


def test_a_json_meeting_file_gives_the_next_meeting_too(tmp_path):
    import json

    import yaml
    data = yaml.safe_load(NOTES.read_text(encoding="utf-8"))
    source = tmp_path / "mote.json"
    source.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "nasta.yaml"
    code, output = new_meeting("--from", str(source), "--out", str(out))
    assert code == 0, output
    written = out.read_text(encoding="utf-8")
    assert written.index("issuer:") < written.index("body:") < written.index("date:")  # as written
    meeting = trygga_docs.load(out).series.meetings[0]
    assert (meeting.date, meeting.start) == (dt.date(2020, 3, 2), dt.time(15, 0))


def test_the_last_meetings_guests_are_not_called_to_the_next(tmp_path):
    source = tmp_path / "mote.yaml"
    text = NOTES.read_text(encoding="utf-8").replace(
        "  - name: Dan Bengtsson\n",
        "  - name: Eva Gäst\n    role: trygghetssamordnare\n    organisation: Grannby kommun\n"
        "    guest: true\n  - name: Dan Bengtsson\n", 1)
    source.write_text(text, encoding="utf-8")
    assert any(p.guest for p in trygga_docs.load(source).series.meetings[0].participants)
    out = tmp_path / "nasta.yaml"
    assert new_meeting("--from", str(source), "--out", str(out))[0] == 0
    names = [p.name for p in trygga_docs.load(out).series.meetings[0].participants]
    assert "Eva Gäst" not in names and "Dan Bengtsson" in names
