"""Lägesbild and åtgärdsplan (lag 2023:196): the invented Ekby example from CSV statistics, rates
per 100 000 inhabitants, the plan's status rule, located errors in CSV files, and both documents
in both styles as Word and PDF, holding every problem, action and indicator."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

import trygga_docs
from trygga_docs.context.lagesbild import status_summary
from trygga_docs.errors import DataError
from trygga_docs.model.atgardsplan import ActionPlan, ActionStatus
from trygga_docs.model.lagesbild import Lagesbild
from trygga_docs.pdf import Converter

from .conftest import DATA, broken, docx_text

EKBY = trygga_docs.EXAMPLES / "ekby"
LAGESBILD = EKBY / "lagesbild-2020-2024.yaml"
PLAN = EKBY / "atgardsplan-2025-2026.yaml"
BAD = DATA / "bad"
STYLES = ("default", "klassisk")


@pytest.fixture(scope="module")
def lagesbild() -> Lagesbild:
    return trygga_docs.load(LAGESBILD)


@pytest.fixture(scope="module")
def plan() -> ActionPlan:
    return trygga_docs.load(PLAN)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, lagesbild, plan) -> dict[tuple[str, str], list[Path]]:
    """Both documents in both styles, as DOCX and PDF, through one warm converter."""
    folder = tmp_path_factory.mktemp("lagesbild")
    out: dict[tuple[str, str], list[Path]] = {}
    with Converter(workers=1, timeout=180) as converter:
        for style in STYLES:
            for name, model in (("lagesbild", lagesbild), ("atgardsplan", plan)):
                out[(name, style)] = trygga_docs.render(
                    model, folder / f"{name}-{style}", formats=["docx", "pdf"], style=style,
                    converter=converter)
    return out


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages)


# ---------------------------------------------------------------------------------------------
# The model


def test_the_statistics_come_from_the_csv_files_with_rates_per_100000(lagesbild):
    crime = lagesbild.crime
    assert crime.years == (2020, 2021, 2022, 2023, 2024)
    assert len(crime.categories) == 8 and crime.categories[0] == "Misshandel"
    assert crime.count(2024, "Misshandel") == 163
    assert crime.inhabitants(2024) == 18_561
    assert round(crime.rate(2024, "Misshandel"), 1) == round(163 * 100_000 / 18_561, 1)
    assert round(crime.change("Narkotikabrott")) == 74


def test_the_example_has_six_problems_and_twelve_actions_linked_to_agreement_areas(lagesbild, plan):
    assert [p.id for p in lagesbild.problems] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    actions = [a for p in plan.problems for a in p.actions]
    assert len(actions) == 12 and all(a.areas for a in actions)
    assert plan.lagesbild == lagesbild


def test_the_plan_derives_every_status_from_the_dates(plan):
    statuses = [plan.derived_status(a) for p in plan.problems for a in p.actions]
    assert set(statuses) == set(ActionStatus)
    assert status_summary(plan) == ("Av de tolv åtgärderna är två genomförda, två försenade och två "
                                    "ej påbörjade; sex pågår.")


# ---------------------------------------------------------------------------------------------
# Bad input: one located error each


@pytest.mark.parametrize("name, csv, line, column, fragment", [
    ("lagesbild-missing-column.yaml", "brott-utan-antal.csv", 1, "column 'antal'",
     "the column 'antal' is missing"),
    ("lagesbild-count-not-a-number.yaml", "brott-antal-inte-tal.csv", 3, "column 3 'antal'",
     "'44 st' is not a whole number"),
    ("lagesbild-year-twice.yaml", "folkmangd-ar-tva-ganger.csv", 3, "column 1 'år'",
     "the year 2023 is given twice (also on row 2)"),
    ("lagesbild-population-zero.yaml", "folkmangd-noll.csv", 2, "column 2 'folkmängd'",
     "the population of 2023 is 0"),
    ("lagesbild-count-year-twice.yaml", "brott-ar-tva-ganger.csv", 4, "column 1 'år'",
     "the count of 'misshandel' in 2024 is given twice (also on row 3)"),
    ("lagesbild-count-without-population.yaml", "brott-ar-utan-folkmangd.csv", 2, "column 1 'år'",
     "there is no population for 2022"),
])
def test_a_bad_csv_file_is_one_error_with_its_file_row_and_column(name, csv, line, column, fragment):
    with pytest.raises(DataError) as caught:
        trygga_docs.load(BAD / "lagesbild" / name)
    error = caught.value
    assert Path(error.file) == BAD / "lagesbild" / csv
    assert (error.line, error.path) == (line, column)
    assert fragment in error.message


def test_a_population_of_zero_written_in_the_data_file_is_located_there():
    error = broken(BAD / "lagesbild" / "lagesbild-population-zero-in-yaml.yaml")
    assert (error.path, error.line) == ("crime.population[1].inhabitants", 10)
    assert "the population must be more than 0, got 0" in error.message


def test_the_small_lagesbild_the_bad_files_vary_is_valid():
    assert trygga_docs.load(BAD / "lagesbild" / "lagesbild.yaml").crime.years == (2023, 2024)


@pytest.mark.parametrize("name, path, fragment", [
    ("atgardsplan-unknown-problem.yaml", "problems[0].problem", "there is no problem 'P9'"),
    ("atgardsplan-status-contradicts-rule.yaml", "problems[0].actions[0].status",
     "the status 'genomförd' contradicts the rule, which gives 'pågår'"),
])
def test_a_plan_refers_to_existing_problems_and_its_statuses_follow_the_rule(name, path, fragment):
    error = broken(BAD / name)
    assert error.path == path and error.line is not None
    assert fragment in error.message


# ---------------------------------------------------------------------------------------------
# The documents


@pytest.mark.parametrize("style", STYLES)
def test_the_lagesbild_shows_every_indicator_and_problem_in_word_and_pdf(rendered, lagesbild, style):
    docx_path, pdf_path = rendered[("lagesbild", style)]
    crime = lagesbild.crime
    for text in (docx_text(docx_path), pdf_text(pdf_path)):
        text = text.replace("\u00a0", " ")
        assert "EXEMPEL" in text
        for category in crime.categories:
            assert category in text, category
            for year in crime.years:
                assert str(crime.count(year, category)) in text
        assert "18 561" in text and "878" in text  # population and Misshandel per 100 000, 2024
        for problem in lagesbild.problems:
            assert f"{problem.title} ({problem.id})" in text
    assert "Misshandel: Ekby kommun 2024 878, Riket 2024 861 och Liknande kommuner 2024 702" in \
        docx_descriptions(docx_path)


def docx_descriptions(path: Path) -> str:
    import docx
    from docx.oxml.ns import qn
    document = docx.Document(str(path))
    return " ".join(d.get("descr") or "" for d in document.element.body.iter(qn("wp:docPr")))


@pytest.mark.parametrize("style", STYLES)
def test_the_plan_is_brås_table_per_problem_with_every_action_and_status_in_words(rendered, plan, style):
    docx_path, pdf_path = rendered[("atgardsplan", style)]
    for text in (docx_text(docx_path), pdf_text(pdf_path)):
        for column in ("Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning", "Status"):
            assert column in text
        for entry in plan.problems:
            assert f"({entry.problem}): {plan.lagesbild.problem(entry.problem).title}" in text
            for action in entry.actions:
                assert " ".join(action.text.split()[:5]) in " ".join(text.split())
        for word in ("Pågår", "Genomförd", "Försenad", "Ej påbörjad"):
            assert word in text
    page = pypdf.PdfReader(pdf_path).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
