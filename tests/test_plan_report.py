"""``trygga-docs new report --from-plan``: the tjänsteskrivelse for the board's decision on an
åtgärdsplan, drafted from the Ekby plan through the command line, loaded back and rendered."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import attrs
import pypdf

import trygga_docs
from trygga_docs.model.report import Report
from trygga_docs.plan_report import report_from_plan

from .conftest import CLI, docx_text

EKBY = trygga_docs.EXAMPLES / "ekby"
PLAN = EKBY / "atgardsplan-2025-2026.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def test_the_draft_from_the_plan_loads_back_and_renders_with_every_problem_and_action(tmp_path):
    draft = tmp_path / "beslut-atgardsplan.yaml"
    result = run("new", "report", "--from-plan", str(PLAN), "--date", "2025-03-20", "--out", str(draft))
    assert result.returncode == 0, result.stderr
    assert draft.read_text(encoding="utf-8").startswith("# Utkast till tjänsteskrivelse")

    report = trygga_docs.load(draft)
    plan = trygga_docs.load(PLAN)
    assert isinstance(report, Report) and report.draft
    assert (report.addressee, report.case_number, report.date) == (
        "Kommunstyrelsen", "KS 2025/112", dt.date(2025, 3, 20))
    assert report.proposals == ("Kommunstyrelsen antar åtgärdsplan för det brottsförebyggande "
                                "arbetet i Ekby kommun 2025–2026.",)
    assert [(d.title, d.attached) for d in report.documents[1:]] == [
        ("Åtgärdsplan för det brottsförebyggande arbetet i Ekby kommun 2025–2026", True),
        ("Lägesbild över brottsligheten i Ekby kommun 2020–2024", True),
        ("Samverkansöverenskommelsen 2024–2027", False), ("Medborgarlöftena 2025", False)]
    assert report.distribution == ("Lokalpolisområde Ekby", "Ekbyhem AB")

    checked = run("check", str(draft))  # the officer's parts are left as placeholders
    assert checked.returncode == 0 and "10 placeholders left" in checked.stdout

    out = tmp_path / "beslut"
    rendered = run("render", str(draft), "--out", str(out), "--format", "docx,pdf", "--style", "klassisk")
    assert rendered.returncode == 0, rendered.stderr
    pdf = " ".join(" ".join((p.extract_text() or "").split())
                   for p in pypdf.PdfReader(out.with_suffix(".pdf")).pages)
    for text in (" ".join(docx_text(out.with_suffix(".docx")).split()), pdf):
        assert "UTKAST" in text and "lag (2023:196)" in text
        for problem in plan.lagesbild.problems:
            assert f"{problem.title} ({problem.id})" in text
        for _, _, action in plan.actions():
            assert " ".join(action.text.split()[:5]) in text
        assert "Handlingar i ärendet" in text and "Medborgarlöftena 2025" in text


def test_a_plan_without_a_decision_goes_to_kommunstyrelsen_with_the_number_left_to_fill_in():
    plan = attrs.evolve(trygga_docs.load(PLAN), decision=None)  # status day stays 2025-09-01
    report = report_from_plan(plan, date=dt.date(2025, 3, 1))
    assert (report.addressee, report.case_number) == ("Kommunstyrelsen", "<diarienummer>")
    assert report.consequences.children and report.assessment[0].startswith("<")


def test_from_plan_needs_a_plan_and_the_report_type(tmp_path):
    wrong_file = run("new", "report", "--from-plan", str(EKBY / "lagesbild-2020-2024.yaml"))
    assert wrong_file.returncode == 1 and "not an åtgärdsplan (type: atgardsplan)" in wrong_file.stderr
    wrong_type = run("new", "agreement", "--from-plan", str(PLAN))
    assert wrong_type.returncode == 1 and "--from-plan makes a report" in wrong_type.stderr
    with_period = run("new", "report", "--from-plan", str(PLAN), "--period", "2025-01-01:2025-12-31")
    assert with_period.returncode == 1 and "Traceback" not in with_period.stderr
    assert not list(tmp_path.iterdir())
