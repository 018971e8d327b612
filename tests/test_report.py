"""Tjänsteskrivelse: every standard heading, consequences that say when there are none, the
documents table, the sändlista, and the diarienummer in the header of every page."""

from __future__ import annotations

from pathlib import Path

import attrs
import docx
import pytest
from docx.oxml.ns import qn

import trygga_docs
from trygga_docs.errors import DataError
from trygga_docs.text import lower_first
from trygga_docs.model.report import NO_CONSEQUENCES, Report

from .conftest import broken

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""

REPORT = trygga_docs.EXAMPLES / "hoor" / "tjansteskrivelse-aterrapportering-trygghetsradet-2019.yaml"
BAD = Path(__file__).parent / "data" / "bad"

STANDARD_HEADINGS = [
    "Förslag till beslut", "Beslutsnivå", "Sammanfattning", "Bakgrund", "Ärendebeskrivning",
    "Bedömning", "Ekonomiska konsekvenser", "Konsekvenser för miljön",
    "Konsekvenser för medborgarna", "Konsekvenser för barn", "Handlingar i ärendet",
    "Sändlista för beslutsexpediering",
]


def sections(document) -> dict[str, list[str]]:
    """Heading 2 texts and the body paragraphs (table cells included) under each."""
    found: dict[str, list[str]] = {}
    current = None
    for p in document.element.body.iter(qn("w:p")):
        style = p.pPr.pStyle.val if p.pPr is not None and p.pPr.pStyle is not None else ""
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if style == "Heading2":
            current = text
            found[current] = []
        elif current and text:
            found[current].append(text)
    return found


@pytest.fixture(scope="module")
def report() -> Report:
    return trygga_docs.load(REPORT)


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory, report):
    out = tmp_path_factory.mktemp("report") / "tjänsteskrivelse.docx"
    trygga_docs.render(report, out)
    return docx.Document(str(out))


def test_every_standard_heading_is_present_in_order(report_docx):
    headings = [p.text for p in report_docx.paragraphs if p.style.name == "Heading 2"]
    assert headings == STANDARD_HEADINGS
    assert [p.text for p in report_docx.paragraphs if p.style.name == "Heading 1"] == [
        "Återrapportering från Trygghetsrådet 2019"]


def test_a_consequence_without_text_says_so(report_docx):
    found = sections(report_docx)
    assert found["Konsekvenser för miljön"] == [NO_CONSEQUENCES] == ["Inga kända konsekvenser."]
    assert found["Ekonomiska konsekvenser"] == [
        "Återrapporteringen medför inga kostnader utöver befintliga budgetramar."]
    assert found["Konsekvenser för barn"][0].startswith("Trygghetsmätning i skolan utreds")


def test_every_consequence_heading_stays_when_none_has_text(report, tmp_path):
    bare = attrs.evolve(report, consequences=type(report.consequences)())
    out = trygga_docs.render(bare, tmp_path / "utan konsekvenser.docx")[0]
    found = sections(docx.Document(str(out)))
    for heading in STANDARD_HEADINGS[6:10]:
        assert found[heading] == ["Inga kända konsekvenser."], heading


def test_the_documents_of_the_case_are_a_numbered_table(report_docx):
    table = next(t for t in report_docx.tables if t.rows[0].cells[0].text == "Nr")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Nr", "Handling", "Bifogas"],
        ["1", "Tjänsteskrivelse, Återrapportering från Trygghetsrådet 2019, 2019-12-09", "Ja"],
        ["2", "Minnesanteckningar Trygghetsrådet Trygga Höör, 2019-11-25", "Ja"],
        ["3", "Samverkansöverenskommelse Trygga Höör 2016–2019", "Nej"],
    ]


def test_proposals_decision_level_distribution_and_signatories(report_docx):
    found = sections(report_docx)
    assert found["Förslag till beslut"] == [
        "Kommunstyrelsen lägger återrapporteringen från Trygghetsrådet till handlingarna."]
    assert found["Beslutsnivå"] == ["Kommunstyrelsen"]
    assert found["Sändlista för beslutsexpediering"][:3] == [
        "Trygghetsrådet", "Lokalpolisområde Eslöv", "Säkerhets- och trygghetssamordnare"]
    assert found["Sändlista för beslutsexpediering"][3:] == [
        "Michael Andersson", "Kommundirektör", "Dan Bengtsson", "Säkerhets- och trygghetssamordnare"]


def test_the_diarienummer_is_in_the_header_of_every_page(report_docx):
    for section in report_docx.sections:
        assert not section.different_first_page_header_footer  # page 1 uses the same header
        header = "\n".join(p.text for p in section.header.paragraphs)
        assert "Dnr KS 2019/587" in header
        assert "Tjänsteskrivelse 2019-12-09" in header
        footer = "".join(t.text or "" for t in section.footer._element.iter(qn("w:t")))
        assert "Sida" in footer


def test_the_first_page_names_officer_department_and_addressee(report_docx):
    block = [c.text for c in report_docx.tables[0].rows[0].cells]
    assert block[0].splitlines()[:4] == ["Höörs kommun", "Kommunledningsförvaltningen", "Handläggare",
                                         "Dan Bengtsson, säkerhets- och trygghetssamordnare"]
    assert block[1].splitlines() == ["TJÄNSTESKRIVELSE", "2019-12-09", "Dnr KS 2019/587",
                                     "Kommunstyrelsen"]
    assert report_docx.core_properties.subject == "Tjänsteskrivelse KS 2019/587"


def test_several_proposals_are_numbered_and_a_draft_is_marked(report, tmp_path):
    draft = attrs.evolve(report, draft=True, proposals=("Kommunstyrelsen godkänner A.",
                                                        "Kommunstyrelsen godkänner B."))
    document = docx.Document(str(trygga_docs.render(draft, tmp_path / "utkast.docx")[0]))
    found = sections(document)
    assert found["Förslag till beslut"] == ["1. Kommunstyrelsen godkänner A.",
                                            "2. Kommunstyrelsen godkänner B."]
    assert "UTKAST" in [p.text for p in document.paragraphs]
    assert any("UTKAST" in p.text for p in document.sections[0].header.paragraphs)


def test_a_report_without_documents_or_distribution_says_so(report, tmp_path):
    bare = attrs.evolve(report, documents=(), distribution=())
    found = sections(docx.Document(str(trygga_docs.render(bare, tmp_path / "x.docx")[0])))
    assert found["Handlingar i ärendet"] == ["Inga handlingar."]
    assert found["Sändlista för beslutsexpediering"][0] == "Ingen sändlista angiven."


@pytest.mark.parametrize("name, path, phrase", [
    ("report-no-case-number.yaml", "case_number", "'case_number' is missing"),
    ("report-blank-case-number.yaml", "case_number", "no diarienummer"),
    ("report-no-proposal.yaml", "proposals", "no proposal"),
    ("report-unknown-consequence.yaml", "consequences.economics", "did you mean 'economy'"),
])
def test_a_broken_report_file_names_the_place_and_the_fix(name, path, phrase):
    error = broken(BAD / name)
    assert error.path == path
    assert phrase in error.message


def test_the_report_skeleton_loads_and_renders_as_a_draft(tmp_path):
    from trygga_docs.new import skeleton
    path = tmp_path / "tjänsteskrivelse.yaml"
    path.write_text(skeleton("report"), encoding="utf-8")
    report = trygga_docs.load(path)
    assert report.draft and report.level == "Kommunstyrelsen"
    assert trygga_docs.render(report, tmp_path / "ts.docx")[0].stat().st_size > 10_000


# ---------------------------------------------------------------------------------------------
# Återrapportering drafted from a body's meetings


MEETINGS = trygga_docs.EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"
PROTOCOLS = trygga_docs.EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"


def draft(meetings, period, **changes):
    import datetime as dt

    from trygga_docs.model.report import Officer
    from trygga_docs.new import report_from_meetings
    arguments = dict(period=period, organisation="Höörs kommun",
                     department="Kommunledningsförvaltningen",
                     officer=Officer(name="Dan Bengtsson", title="säkerhets- och trygghetssamordnare"),
                     case_number="KS 2019/587", date=dt.date(2019, 12, 9))
    return report_from_meetings(meetings, **{**arguments, **changes})


def year(y: int):
    import datetime as dt

    from trygga_docs.model.common import Period
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31))


@pytest.fixture(scope="module")
def council_meetings():
    if not MEETINGS.is_file():
        pytest.skip("the meetings example is not there yet")
    return trygga_docs.load(MEETINGS).series


def test_a_report_is_drafted_from_a_councils_meetings_of_a_year(council_meetings, tmp_path):
    from trygga_docs.new import ASSESSMENT_PLACEHOLDER
    import datetime as dt

    import attrs

    from trygga_docs.model.meeting import ActionItem
    # the Höör notes have no action list; give the first item one, as the text describes it
    notes = council_meetings.meetings[0]
    action = ActionItem(owner="Anna Johansson", task="redogöra för trygghetsmätningen på "
                        "kommunstyrelsen", due=dt.date(2020, 1, 14))
    items = (attrs.evolve(notes.items[0], actions=(action,)), *notes.items[1:])
    report = draft([attrs.evolve(notes, items=items)], year(2019))
    assert report.draft and report.title == "Återrapportering från Trygghetsrådet Trygga Höör 2019"
    assert report.proposals == ("Kommunstyrelsen lägger återrapporteringen från Trygghetsrådet "
                                "Trygga Höör till handlingarna.",)
    assert report.summary[0].startswith("Trygghetsrådet Trygga Höör har under 2019 haft ett möte: "
                                        f"den 25{NBSP}november 2019.")
    assert report.description[:2] == (
        "### Möte 2019-11-25",
        f"Trygghetsrådet Trygga Höör hade möte den 25{NBSP}november 2019 och behandlade sex punkter:")
    assert report.description[2].splitlines()[:2] == ["- Punkt 1, Trygghetsmätning",
                                                     "- Punkt 2, Trygghetsmätning i skolan"]
    assert ("**Punkt 1, Trygghetsmätning.** Anna Johansson fick i uppdrag att redogöra för "
            f"trygghetsmätningen på kommunstyrelsen senast den 14{NBSP}januari 2020.") in report.description
    assert report.assessment == (ASSESSMENT_PLACEHOLDER,)
    document = docx.Document(str(trygga_docs.render(report, tmp_path / "återrapportering.docx")[0]))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == STANDARD_HEADINGS
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Nr", "Handling", "Bifogas"],
        ["1", "Minnesanteckningar Trygghetsrådet Trygga Höör, 2019-11-25", "Ja"]]
    assert "UTKAST" in [p.text for p in document.paragraphs]
    # the meeting's sub-heading is a real heading one level below Ärendebeskrivning
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 3", "Möte 2019-11-25") in headings
    assert headings.index(("Heading 3", "Möte 2019-11-25")) == \
        headings.index(("Heading 2", "Ärendebeskrivning")) + 1


def test_the_draft_is_data_the_officer_can_edit_and_render(council_meetings, tmp_path):
    import yaml

    from trygga_docs.loader import unstructure
    report = draft(council_meetings, year(2019))
    path = tmp_path / "återrapportering.yaml"
    path.write_text(yaml.safe_dump({"type": "report", **unstructure(report)}, allow_unicode=True,
                                   sort_keys=False), encoding="utf-8")
    assert trygga_docs.load(path) == report


def test_meetings_outside_the_period_are_left_out(council_meetings):
    from trygga_docs.model.common import Period
    import datetime as dt
    with pytest.raises(DataError, match="no meetings between 2019-01-01 and 2019-06-30") as caught:
        draft(council_meetings, Period(dt.date(2019, 1, 1), dt.date(2019, 6, 30)))
    assert caught.value.path == "period"


def test_a_committees_protocols_give_paragraph_numbers_and_decisions():
    if not PROTOCOLS.is_file():
        pytest.skip("the protocol example is not there yet")
    import datetime as dt

    from trygga_docs.model.common import Period
    series = trygga_docs.load(PROTOCOLS).series
    spring = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    report = draft(series, spring)
    held = sorted((m for m in series if m.date <= spring.end), key=lambda m: m.date)
    assert len(report.documents) == len(held)  # the report does not list itself
    assert not any("Tjänsteskrivelse" in d.title for d in report.documents)
    first = held[0]
    numbers = series.numbers(first)
    assert report.documents[0].title == (
        f"Protokoll {first.body} §§{NBSP}{min(numbers)}–\u2060{max(numbers)}")
    assert report.summary[0].startswith(f"{first.body} har under perioden 1{NBSP}januari – 30{NBSP}juni 2025 haft ")
    assert f"### Sammanträde {first.date.isoformat()}" in report.description
    assert report.description[report.description.index("### Sammanträde 2025-02-17") + 1] == \
        f"Trygghetsutskottet sammanträdde den 17{NBSP}februari 2025 och behandlade fyra ärenden:"
    text = "\n".join(str(p) for p in report.description)
    # decisions in the past tense, names and titles as written
    assert (f"**§{NBSP}1 Lägesbild från polisen.** Utskottet tackade för informationen och lade den till "
            "handlingarna. Elin Strand fick i uppdrag att ta fram statistik") in text
    assert f"**§{NBSP}3 Medborgarlöften 2025.** Utskottet ställde sig bakom förslaget och överlämnade det " \
        "till kommunstyrelsen." in text
    assert f"**§{NBSP}5 Meddelanden.** Meddelandena lades till handlingarna." in text
    assert "René Müller fick i uppdrag" in text
    for present in ("Utskottet tackar", "Utskottet ger", "Utskottet fastställer", "läggs till"):
        assert present not in text
    # the report's date is the first weekday after the last meeting, not the day it was drafted
    assert draft(series, spring, date=None).date == dt.date(2025, 6, 10)


def test_the_drafted_report_renders_with_a_heading_per_meeting_and_lists(tmp_path):
    import datetime as dt

    from trygga_docs.model.common import Period
    from trygga_docs.new import report_from_meetings
    from trygga_docs.model.report import Officer
    series = trygga_docs.load(PROTOCOLS).series
    report = report_from_meetings(series, period=Period(dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
                                  organisation="Ekby kommun", department="Kommunledningskontoret",
                                  officer=Officer(name="Maria Nilsson", title="kommunsekreterare"),
                                  case_number="KS 2025/200")
    document = docx.Document(str(trygga_docs.render(report, tmp_path / "r.docx")[0]))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert [t for s, t in styled if s == "Heading 3"] == [
        "Sammanträde 2025-01-20", "Sammanträde 2025-02-17", "Sammanträde 2025-03-17"]
    assert ("List Bullet", f"§{NBSP}2 Trygghetsvandringar 2025") in styled
    assert not any("**" in t or t.startswith("### ") for _, t in styled)
    assert report.date == dt.date(2025, 3, 18)


def test_the_documents_tables_words_are_data(report, tmp_path):
    from trygga_docs.model.report import DocumentLabels
    labelled = attrs.evolve(report, document_labels=DocumentLabels(
        heading="Bilaga", attached="Bilaggs", not_attached="Bilaggs ej"))
    document = docx.Document(str(trygga_docs.render(labelled, tmp_path / "r.docx")[0]))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr")
    assert [r.cells[2].text for r in table.rows] == ["Bilaga", "Bilaggs", "Bilaggs", "Bilaggs ej"]


def test_the_report_draft_from_the_command_line_is_dated_and_loads(tmp_path):
    from click.testing import CliRunner

    from trygga_docs.cli import main
    out = tmp_path / "aterrapportering.yaml"
    result = CliRunner().invoke(main, ["new", "report", "--from-meetings", str(PROTOCOLS), "--period",
                                       "2025-01-01:2025-12-31", "--date", "2026-01-12",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = trygga_docs.load(out)
    assert report.date.isoformat() == "2026-01-12"
    assert report.description[0] == "### Sammanträde 2025-01-20"
