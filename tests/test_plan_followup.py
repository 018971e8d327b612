"""Uppföljning av åtgärdsplanen (``type: atgardsplan_uppfoljning``): the Ekby example's follow-up,
its derived statuses per action and problem, located errors, and the document in both styles as
Word and PDF: every problem, action and report in it, each status as a word on its colour."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import attrs
import docx
import pypdf
import pytest
from docx.oxml.ns import qn

import trygga_docs
from trygga_docs.context.lagesbild import status_fill
from trygga_docs.context.plan_followup import (NOT_REPORTED_FILL, NOT_REPORTED_TEXT,
                                               followup_status_summary)
from trygga_docs.errors import DataError
from trygga_docs.model.atgardsplan import ActionReport, ActionStatus, PlanFollowUp
from trygga_docs.pdf import Converter
from trygga_docs.style import HouseStyle

from .conftest import CLI, DATA, broken, docx_text

EKBY = trygga_docs.EXAMPLES / "ekby"
FOLLOWUP = EKBY / "uppfoljning-atgardsplan-2025.yaml"
BAD = DATA / "bad"
STYLES = ("default", "klassisk")
WORDS = ({s.value.capitalize(): status_fill(s, HouseStyle()) for s in ActionStatus}
         | {"Ej redovisad": NOT_REPORTED_FILL})
"""A status's words → its cell's shade in both bundled styles (neither sets its own)."""


@pytest.fixture(scope="module")
def follow_up() -> PlanFollowUp:
    return trygga_docs.load(FOLLOWUP)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, follow_up) -> dict[str, list[Path]]:
    folder = tmp_path_factory.mktemp("uppfoljning")
    with Converter(workers=1, timeout=180) as converter:
        return {style: trygga_docs.render(follow_up, folder / f"uppfoljning-{style}",
                                          formats=["docx", "pdf"], style=style, converter=converter)
                for style in STYLES}


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages)


# ---------------------------------------------------------------------------------------------
# The model


def test_the_follow_up_reads_the_plan_and_its_lagesbild_through_file_references(follow_up):
    assert follow_up.plan == trygga_docs.load(EKBY / "atgardsplan-2025-2026.yaml")
    assert follow_up.plan.lagesbild.crime.years == (2020, 2021, 2022, 2023, 2024)
    assert [key for key, _, _ in follow_up.plan.actions()][:3] == ["P1.1", "P1.2", "P2.1"]


def test_every_status_is_derived_from_the_plans_dates_and_what_is_reported(follow_up):
    statuses = {key: follow_up.status(key) for key, _, _ in follow_up.plan.actions()}
    assert statuses["P1.2"] is ActionStatus.DONE  # completed in the plan
    assert statuses["P3.2"] is ActionStatus.DONE  # completed, late, by the follow-up
    assert statuses["P5.1"] is ActionStatus.LATE  # reported, past its end, not completed
    assert statuses["P1.1"] is ActionStatus.ONGOING
    assert statuses["P6.2"] is None  # started 2025-10-01 and not reported: ej redovisad
    assert [follow_up.problem_status(e) for e in follow_up.plan.problems] == [
        ActionStatus.ONGOING] * 4 + [ActionStatus.LATE, None]
    assert followup_status_summary(follow_up) == (
        "Av de tolv åtgärderna är fyra genomförda, en försenad, en ej redovisad och sex pågår.")


def test_an_action_not_yet_started_needs_no_report_and_a_written_status_that_agrees_is_kept(follow_up):
    early = attrs.evolve(follow_up, date=follow_up.plan.as_of, status_date=None, actions=())
    assert early.status("P6.2") is ActionStatus.NOT_STARTED  # starts 2025-10-01
    assert early.status("P1.1") is None
    agreed = attrs.evolve(follow_up, actions=(ActionReport(action="P5.1", status=ActionStatus.LATE),))
    assert agreed.status("P5.1") is ActionStatus.LATE
    with pytest.raises(DataError, match="contradicts the rule, which gives 'försenad'"):
        attrs.evolve(follow_up, actions=(ActionReport(action="P5.1", status=ActionStatus.ONGOING),))


# ---------------------------------------------------------------------------------------------
# Bad input: one located error each


@pytest.mark.parametrize("name, path, line, fragment", [
    ("atgardsplan_uppfoljning-unknown-action.yaml", "actions[0].action", 5,
     "there is no action 'P1.3' in the plan; its actions are P1.1, P1.2"),
    ("atgardsplan_uppfoljning-status-contradicts-rule.yaml", "actions[0].status", 7,
     "the status 'genomförd' contradicts the rule, which gives 'pågår' on 2025-12-31"),
    ("atgardsplan_uppfoljning-unknown-problem.yaml", "problems[0].problem", 5,
     "the plan has no actions for a problem 'P2'"),
    ("atgardsplan_uppfoljning-completed-other-day.yaml", "actions[0].completed", 6,
     "the plan says the action P1.2 was completed on 2025-05-20, not 2025-05-28"),
    ("atgardsplan_uppfoljning-status-date-after-date.yaml", "status_date", 4,
     "a follow-up cannot report on a day to come"),
    ("atgardsplan-duplicate-action-id.yaml", "problems[0].actions[1].id", 16,
     "the action id 'P1.1' is given twice"),
    ("atgardsplan-completed-before-start.yaml", "problems[0].actions[0].completed", 15,
     "the action is completed (2025-01-20) before it starts (2025-02-01)"),
])
def test_a_bad_follow_up_or_plan_is_one_error_with_file_path_and_line(name, path, line, fragment):
    error = broken(BAD / name)
    assert (error.path, error.line) == (path, line)
    assert fragment in error.message


def test_the_small_follow_up_the_bad_files_vary_is_valid():
    follow_up = trygga_docs.load(BAD / "lagesbild" / "atgardsplan_uppfoljning.yaml")
    assert [follow_up.status(k) for k in ("P1.1", "P1.2")] == [ActionStatus.ONGOING, ActionStatus.DONE]


# ---------------------------------------------------------------------------------------------
# The document


def status_cells(path: Path) -> list[tuple[str, str]]:
    """Every table cell that holds a status word, with its shade."""
    found = []
    for cell in docx.Document(str(path)).element.body.iter(qn("w:tc")):
        words = "".join(t.text or "" for t in cell.iter(qn("w:t"))).strip()
        if words in WORDS:
            shd = cell.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            found.append((words, shd.get(qn("w:fill")) if shd is not None else ""))
    return found


@pytest.mark.parametrize("style", STYLES)
def test_the_follow_up_shows_every_problem_action_and_report_with_its_status(rendered, follow_up, style):
    docx_path, pdf_path = rendered[style]
    plan = follow_up.plan
    for text in (docx_text(docx_path), pdf_text(pdf_path)):
        text = " ".join(text.split())
        assert "EXEMPEL" in text and "Status per den 31 december 2025." in text
        for entry in plan.problems:
            assert f"({entry.problem}): {plan.lagesbild.problem(entry.problem).title}" in text
        for key, _, action in plan.actions():
            assert key in text and " ".join(action.text.split()[:4]) in text
        for report in follow_up.actions:
            assert " ".join(report.done[0].split()[:6]) in text
        assert NOT_REPORTED_TEXT in text and "Slutförd 2025-10-20" in text
        assert "Status: försenad (en försenad och en pågår)." in text
        for word in ("Genomförd", "Pågår", "Försenad", "Ej redovisad"):  # none is ej påbörjad
            assert word in text, word
    cells = status_cells(docx_path)
    assert len(cells) == 12 + 6  # every action and every problem in the overview
    assert all(fill == WORDS[word] for word, fill in cells)  # the colour goes with the word
    assert {w for w, _ in cells} == {"Genomförd", "Pågår", "Försenad", "Ej redovisad"}


@pytest.mark.parametrize("style", STYLES)
def test_the_follow_up_pdf_is_pdfa_and_claims_pdfua(rendered, style):
    pdf = pypdf.PdfReader(rendered[style][1])
    raw = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfaid:part" in raw and "pdfuaid" in raw
    assert pdf.metadata.title == ("Uppföljning av åtgärdsplanen för det brottsförebyggande "
                                  "arbetet i Ekby kommun 2025–2026")


# ---------------------------------------------------------------------------------------------
# Command line


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def test_new_writes_a_skeleton_that_loads_beside_a_plan(tmp_path):
    folder = tmp_path / "ekby"
    shutil.copytree(EKBY, folder)
    (folder / "atgardsplan-2025-2026.yaml").rename(folder / "atgardsplan.yaml")
    skeleton = folder / "uppfoljning.yaml"
    result = run("new", "atgardsplan_uppfoljning", "--out", str(skeleton))
    assert result.returncode == 0, result.stderr
    follow_up = trygga_docs.load(skeleton)
    assert follow_up.status("P1.2") is ActionStatus.DONE
    checked = run("check", str(skeleton))
    assert checked.returncode == 0 and "placeholder" in checked.stdout
