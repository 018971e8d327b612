"""Medborgarlöften and their uppföljning: the Höör 2019 promises as the seed has them, the follow-up's
derived statuses, status table and chart, and the errors a broken file gets."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from hypothesis import given, settings

import trygga_docs
from trygga_docs.context.promises import followup_context, promise_text, quantity_words, status_sentence, target_phrase
from trygga_docs.errors import DataError
from trygga_docs.model.promises import (CitizenPromises, FollowUp, Qualifier, Status, SubTarget,
                                        Target, combined_status, target_status)

from trygga_docs.style import load_style

from . import strategies as S
from .conftest import broken

HOOR = trygga_docs.EXAMPLES / "hoor"
PROMISES = HOOR / "medborgarloften-2019.yaml"
FOLLOW_UP = HOOR / "uppfoljning-medborgarloften-2019.yaml"
SEED = """\
Höör – medborgarlöften
Gäller år 2019.
Återkoppling på arbetet med medborgarlöftena i Höör och Hörby för år 2019
Inledning
Medborgarlöften är en del av samverkansavtalet mellan polis och kommun. Det handlar om att lyssna på vad de som bor och vistas i kommunen upplever som viktigt för att de ska känna sig trygga och säkra. Medborgarlöften innebär att polisen i samarbete med kommunen och andra lokala aktörer, tar fasta på medborgarnas erfarenheter och upplevelser av tryggheten i kommunen. Polisen arbetar tillsammans med kommunen för att identifiera och förebygga otrygghet.
Syfte
Syftet med överenskommelsen är att främja, utveckla samt fördjupa samarbetet mellan kommun och polis. Polis och kommun ska tillsammans med medborgarna skapa och ta tillvara engagemanget i det brottsförebyggande arbetet genom till exempel trygghetsvandringar, grannsamverkan och medborgardialoger.
Mål
Målet är att uppnå ökad trygghet och minskad brottslighet i kommunen samt att skapa delaktighet i det brotts- och trygghetsskapande arbetet.
Situationen idag
Enligt trygghetsmätningen för 2018 är Höörs kommun generellt sett en trygg och säker kommun att bo och vistas i.
Bostadsinbrotten i Höörs kommun är på en förhållandevis låg nivå, men enligt trygghetsmätningarna finns en tydlig oro för inbrott.
Genom den årliga trygghetsmätningen, medborgardialoger, och trygghetsvandringar har det blivit tydligt för polisen att väldigt många i kommunen upplever buskörning och höga hastigheter som ett stort problem.
Höörs kommun och Polisen lämnar följande löften till Höörs invånare för 2019
  • Polisen ska verka för en tryggare trafiksituation genom övervakning, kontroller samt översyn/identifiering av olycksdrabbade vägavsnitt/korsningar. Minst tolv trafikinsatser med fokus på hastigheter, buskörningar, beteende och alkohol/droganvändning varav fyra i anslutning till skolområden vid utsatta tider.
  • Polisen ska genomföra minst fyra insatser i Höörs kommun i syfte att minska droganvändning bland unga. Insatserna bör genomföras i samverkan med kommunens fältverksamhet. Bland annat genom att genomföra besök med narkotikahundar på de båda kommunala högstadieskolorna.
  • Polisen ska i samverkan med kommunen genomföra minst två trygghetsdialoger med olika målgrupper.
  • Kommunen ska i samarbete med lokala fastighetsägare arbeta för att ta bort klotter inom tre dagar. Polisen ska meddela kommunen vid klotteranmälningar för att bistå att målen nås.
  • Kommunen ska i samarbete med HFAB och i samråd med polisen genomföra trygghetshöjande åtgärder i kommunen på utsatta platser.
  • Kommunen och polisen ska genomföra minst tre gemensamma tillsynsbesök, där även övriga myndigheter, till exempel skatteverket och räddningstjänsten bör delta.
Uppföljning
Medborgarlöften ska följas upp gemensamt i en skriftlig rapport av polis och kommun senast 2020-01-31. Uppföljningen ska delges medborgarna genom lokala tidningar, polisens informationskanaler på social media samt på kommunens hemsida.
Anna-Karin Boije
lokalpolisområdeschef
Anna Johansson
kommunpolis
Johan Svanberg
kommunstyrelsens ordförande
Michael Andersson
kommundirektör
Till toppen
"""
"""The published text (../shared/seeds/hoor-medborgarloften-2019.txt), non-empty lines."""
BAD = Path(__file__).parent / "data" / "bad"
NBSP = "\u00a0"


def paragraphs(document: docx.document.Document) -> list[str]:
    """Every paragraph of the body in document order, table cells included."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for p in document.element.body.iter(qn("w:p"))]


def header_text(document: docx.document.Document) -> str:
    return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


@pytest.fixture(scope="module")
def promises_docx(tmp_path_factory) -> docx.document.Document:
    out = tmp_path_factory.mktemp("promises") / "medborgarlöften 2019.docx"
    trygga_docs.render_file(PROMISES, out)
    return docx.Document(str(out))


@pytest.fixture(scope="module")
def follow_up() -> FollowUp:
    return trygga_docs.load(FOLLOW_UP)


@pytest.fixture(scope="module")
def follow_up_docx(tmp_path_factory, follow_up) -> docx.document.Document:
    out = tmp_path_factory.mktemp("followup") / "uppföljning 2019.docx"
    trygga_docs.render(follow_up, out)
    return docx.Document(str(out))


# ---------------------------------------------------------------------------------------------
# Medborgarlöften


def test_promise_targets_are_written_in_words_as_the_seed_writes_them(promises_docx):
    bullets = [p.text for p in promises_docx.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 6
    assert bullets[0].endswith(
        "Minst tolv trafikinsatser med fokus på hastigheter, buskörningar, beteende och "
        "alkohol/droganvändning varav fyra i anslutning till skolområden vid utsatta tider.")
    assert "Polisen ska genomföra minst fyra insatser i Höörs kommun" in bullets[1]
    assert bullets[2] == ("Polisen ska i samverkan med kommunen genomföra minst två "
                          "trygghetsdialoger med olika målgrupper.")
    assert "arbeta för att ta bort klotter inom tre dagar." in bullets[3]
    assert "genomföra minst tre gemensamma tillsynsbesök, där även" in bullets[5]


def test_the_promises_document_reproduces_the_seed(promises_docx):
    text = "\n".join(paragraphs(promises_docx))
    seed = SEED
    # Where the document deliberately differs: running-text date (its day and month bound by a
    # no-break space), a list ending in "och", and the web page's "Till toppen" link.
    seed = seed.replace("senast 2020-01-31", "senast den 31\u00a0januari 2020")
    seed = seed.replace("social media samt på kommunens hemsida", "social media och på kommunens hemsida")
    seed = seed.replace("Till toppen", "")
    for line in (line.strip(" •\t") for line in seed.splitlines()):
        if line:
            assert line in text, line
    assert [h.text for h in promises_docx.paragraphs if h.style.name == "Heading 1"] == [
        "Inledning", "Syfte", "Mål", "Situationen idag",
        "Höörs kommun och Polisen lämnar följande löften till Höörs invånare för 2019",
        "Uppföljning"]


def test_promises_header_names_the_year_on_every_page(promises_docx):
    section = promises_docx.sections[0]
    assert not section.different_first_page_header_footer
    assert "Medborgarlöften 2019" in header_text(promises_docx)


def test_a_target_of_one_uses_the_singular_and_ett_for_ett_words():
    visit = Target(id="t", quantity=1, unit="gemensamma tillsynsbesök",
                   unit_one="gemensamt tillsynsbesök", neuter=True, qualifier=Qualifier.AT_LEAST)
    assert target_phrase(visit) == "minst ett gemensamt tillsynsbesök"
    operation = Target(id="t", quantity=1, unit="insatser", unit_one="insats")
    assert target_phrase(operation) == "en insats"
    assert quantity_words(13) == "13" and quantity_words(2.5) == "2,5"


def test_targets_not_placed_in_the_text_follow_it_as_sentences():
    promises = trygga_docs.load(PROMISES)
    promise = promises.promise("dialoger")
    import attrs
    unplaced = attrs.evolve(promise, text="Polisen ska hålla dialoger")
    assert promise_text(unplaced) == ("Polisen ska hålla dialoger. Minst två trygghetsdialoger med "
                                      "olika målgrupper.")


def test_figures_in_running_text_get_decimal_comma_and_percent(tmp_path):
    data = PROMISES.read_text(encoding="utf-8").replace(
        "situation:\n", "figures:\n  - {id: index, value: 1.81, digits: 2}\n"
        "  - {id: ej-utsatta, value: 83.2, percent: true}\nsituation:\n"
        "  - Indexet är {index} och {ej-utsatta} har inte utsatts för brott.\n", 1)
    path = tmp_path / "löften.yaml"
    path.write_text(data, encoding="utf-8")
    out = trygga_docs.render_file(path, tmp_path / "löften.docx")[0]
    assert f"Indexet är 1,81 och 83,2{NBSP}% har inte utsatts för brott." in paragraphs(docx.Document(str(out)))


def test_a_period_that_is_not_a_calendar_year_is_written_with_dates(tmp_path):
    data = PROMISES.read_text(encoding="utf-8").replace(
        "year: 2019", "period: {start: 2019-07-01, end: 2020-06-30}")
    path = tmp_path / "löften.yaml"
    path.write_text(data, encoding="utf-8")
    promises = trygga_docs.load(path)
    assert promises.period.year_span == "2019–2020"
    from trygga_docs.context.promises import validity_line
    assert validity_line(promises) == f"Gäller 1{NBSP}juli 2019 – 30{NBSP}juni 2020."


# ---------------------------------------------------------------------------------------------
# Status rule


@pytest.mark.parametrize("quantity, achieved, upper, status", [
    (12, 12, False, Status.MET), (12, 14, False, Status.MET), (12, 6, False, Status.PARTLY_MET),
    (12, 5.9, False, Status.NOT_MET), (12, 0, False, Status.NOT_MET),
    (3, 3, True, Status.MET), (3, 0, True, Status.MET), (3, 6, True, Status.PARTLY_MET),
    (3, 6.5, True, Status.NOT_MET),
])
def test_target_status_follows_the_documented_rule(quantity, achieved, upper, status):
    assert target_status(quantity, achieved, upper_bound=upper) is status


def test_a_promise_is_met_only_when_all_its_targets_are():
    met, partly, not_met = Status.MET, Status.PARTLY_MET, Status.NOT_MET
    assert combined_status([met, met]) is met
    assert combined_status([met, partly]) is partly
    assert combined_status([met, not_met]) is partly
    assert combined_status([not_met, not_met]) is not_met
    assert combined_status([]) is Status.NOT_REPORTED


def test_the_follow_up_derives_each_promise_status(follow_up):
    statuses = {p.id: follow_up.status(p).value for p in follow_up.promises.promises}
    assert statuses == {"trafik": "delvis uppfyllt",   # 14 of 12, but 3 of 4 near schools
                        "droger": "uppfyllt", "dialoger": "delvis uppfyllt",
                        "klotter": "uppfyllt",         # 2,5 days, within 3
                        "platser": "delvis uppfyllt",  # done: delvis
                        "tillsyn": "uppfyllt"}
    assert status_sentence(follow_up) == "Av de sex löftena är tre uppfyllda och tre delvis uppfyllda."


def test_a_promise_without_outcome_is_not_reported(follow_up):
    import attrs
    partial = attrs.evolve(follow_up, outcomes=follow_up.outcomes[1:])
    assert partial.status(partial.promises.promise("trafik")) is Status.NOT_REPORTED
    assert "ett ej redovisat" in status_sentence(partial)


# ---------------------------------------------------------------------------------------------
# The follow-up document


def test_the_status_table_shows_targets_outcomes_and_derived_statuses(follow_up_docx):
    table = next(t for t in follow_up_docx.tables
                 if [c.text for c in t.rows[0].cells] == ["Löfte", "Vem lovar", "Mål", "Utfall", "Status"])
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    # the row that names a promise carries the promise's status, never its first target's
    assert rows[0] == ["1. Trafiksäkerhet", "Polisen", "Löftet i sin helhet", "", "Delvis uppfyllt"]
    assert rows[1] == ["", "", "minst 12 trafikinsatser", "14", "Uppfyllt"]
    assert rows[2] == ["", "", "varav 4 vid skolområden", "3", "Delvis uppfyllt"]
    assert rows[4] == ["3. Trygghetsdialoger", "Polisen och Höörs kommun",
                       "minst 2 trygghetsdialoger", "1", "Delvis uppfyllt"]
    assert rows[5][2:] == ["inom 3 dagar", "2,5", "Uppfyllt"]
    assert rows[6][2:] == ["Inget mätbart mål", "Delvis genomfört", "Delvis uppfyllt"]
    assert len(rows) == 8


def test_every_place_that_names_a_promise_gives_the_same_status(follow_up_docx, follow_up):
    """The summary table's promise row, the promise's own section and the status sentence agree."""
    table = next(t for t in follow_up_docx.tables
                 if [c.text for c in t.rows[0].cells] == ["Löfte", "Vem lovar", "Mål", "Utfall", "Status"])
    in_table = {row.cells[0].text: row.cells[4].text for row in table.rows[1:] if row.cells[0].text}
    sections = {}
    for t in follow_up_docx.tables:
        facts = {row.cells[0].text: row.cells[1].text for row in t.rows if len(row.cells) == 2}
        if "Status" in facts and "Vem lovar" in facts:
            sections[len(sections)] = facts["Status"]
    derived = [follow_up.status(p).value for p in follow_up.promises.promises]
    assert [v.lower() for v in in_table.values()] == derived
    assert [sections[i].lower() for i in range(len(sections))] == derived


@settings(max_examples=60)
@given(S.follow_ups())
def test_generated_follow_ups_name_each_promise_once_with_its_derived_status(model):
    """On random follow-ups: one row per promise names it, with ``FollowUp.status``; a promise's
    status is its targets' statuses combined by the documented rule."""
    context = followup_context(model, load_style())
    named = [r for r in context.status_rows if r.promise]
    assert len(named) == len(model.promises.promises)
    for row, promise, section in zip(named, model.promises.promises, context.promises):
        status = model.status(promise)
        assert row.whole and row.status == status.value[:1].upper() + status.value[1:]
        assert next(f.value for f in section.facts if f.label == "Status") == row.status
        statuses = [s for _, _, s in model.target_statuses(promise)]
        if promise.targets and statuses:
            assert status is combined_status(statuses)
    assert all(not r.whole for r in context.status_rows if not r.promise)


def test_the_chart_is_an_image_with_alt_text(follow_up_docx):
    shapes = follow_up_docx.inline_shapes
    assert len(shapes) == 1
    doc_pr = shapes[0]._inline.docPr
    alt = doc_pr.get("descr")
    assert alt.startswith("Stapeldiagram över mål och utfall för de mätbara målen i medborgarlöftena 2019.")
    assert "Trafikinsatser: mål 12, utfall 14, uppfyllt" in alt
    assert "Varav vid skolområden: mål 4, utfall 3, delvis uppfyllt" in alt
    blip = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = follow_up_docx.part.related_parts[blip]
    assert image.content_type == "image/png" and image.blob[:4] == b"\x89PNG"
    assert abs(shapes[0].width.mm - 160) < 1
    assert "Figur 1. Mål och utfall för de mätbara målen 2019" in paragraphs(follow_up_docx)


def test_the_follow_up_has_summary_comments_and_signatories(follow_up_docx):
    text = paragraphs(follow_up_docx)
    assert "Av de sex löftena är tre uppfyllda och tre delvis uppfyllda." in text
    assert any("1,81, det bästa i lokalpolisområdet" in p and f"83,2{NBSP}%" in p for p in text)
    assert any(p.startswith("Polisen genomförde fjorton trafikinsatser") for p in text)
    assert "Anna-Karin Boije" in text and "kommundirektör" in text
    headings = [p.text for p in follow_up_docx.paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == ["1. Trafiksäkerhet", "2. Droger bland unga"]


def test_example_data_is_marked_on_the_first_page_and_every_header(follow_up_docx):
    text = paragraphs(follow_up_docx)
    assert any(p.startswith("EXEMPEL – utfallen i detta dokument är påhittade") for p in text[:3])
    assert not follow_up_docx.sections[0].different_first_page_header_footer
    assert "EXEMPEL" in header_text(follow_up_docx)
    assert "(exempel)" in follow_up_docx.core_properties.subject


def test_the_follow_up_extends_the_promises_file_instead_of_repeating_it(follow_up, tmp_path):
    assert follow_up.promises == trygga_docs.load(PROMISES)
    # the same data written inline gives the same follow-up
    import yaml
    data = yaml.safe_load(FOLLOW_UP.read_text(encoding="utf-8"))
    data["promises"] = yaml.safe_load(PROMISES.read_text(encoding="utf-8"))
    inline = tmp_path / "inline.yaml"
    inline.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert trygga_docs.load(inline) == follow_up


def test_an_error_in_the_referenced_promises_file_names_that_file(tmp_path):
    folder = tmp_path / "år 2019"
    folder.mkdir()
    shutil.copy(FOLLOW_UP, folder / "uppföljning.yaml")
    (folder / "medborgarloften-2019.yaml").write_text(
        PROMISES.read_text(encoding="utf-8").replace("quantity: 12", "quantity: -12"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        trygga_docs.load(folder / "uppföljning.yaml")
    assert caught.value.file == str(folder / "medborgarloften-2019.yaml")
    assert caught.value.path == "promises[0].targets[0].quantity"


def test_the_referenced_file_must_be_a_promises_file(tmp_path):
    shutil.copy(FOLLOW_UP, tmp_path / "uppföljning.yaml")
    shutil.copy(HOOR / "samverkansoverenskommelse.yaml", tmp_path / "medborgarloften-2019.yaml")
    with pytest.raises(DataError, match="'medborgarloften-2019.yaml' is a 'agreement' file"):
        trygga_docs.load(tmp_path / "uppföljning.yaml")


# ---------------------------------------------------------------------------------------------
# Broken files


@pytest.mark.parametrize("name, path, phrase", [
    ("promises-negative-quantity.yaml", "promises[0].targets[0].quantity", "must be more than 0"),
    ("promises-deadline-before-period.yaml", "follow_up.deadline", "before the promises start"),
    ("promises-unknown-promisor.yaml", "promises[0].by[0]", "not one of the parties or partners"),
    ("promises-unknown-target-in-text.yaml", "promises[0].text", "no target with that id"),
    ("promises-no-year.yaml", "year", "need a 'year'"),
    ("promises-part-larger-than-target.yaml", "promises[0].targets[0].parts[0].quantity",
     "larger than the whole target"),
    ("followup-unknown-promise.yaml", "outcomes[0].promise", "there is no promise 'klotter'"),
    ("followup-negative-outcome.yaml", "outcomes[0].achieved.insatser", "cannot be negative"),
    ("followup-unknown-target.yaml", "outcomes[0].achieved.skolor", "has no target 'skolor'"),
    ("followup-done-for-measurable-promise.yaml", "outcomes[0].done", "under 'achieved'"),
    ("followup-missing-promises-file.yaml", "promises", "is not a file"),
    ("followup-achieved-as-list.yaml", "outcomes[0].achieved", "expected a mapping (key: value)"),
])
def test_a_broken_promises_or_followup_file_names_the_place_and_the_fix(name, path, phrase):
    error = broken(BAD / name)
    assert error.path == path
    assert phrase in error.message
    assert error.line is not None


def test_followup_and_promises_skeletons_load_together(tmp_path):
    from trygga_docs.new import skeleton
    (tmp_path / "medborgarloften-2025.yaml").write_text(skeleton("promises"), encoding="utf-8")
    (tmp_path / "uppfoljning.yaml").write_text(skeleton("followup"), encoding="utf-8")
    follow_up = trygga_docs.load(tmp_path / "uppfoljning.yaml")
    assert follow_up.date == dt.date(2026, 1, 20)
    assert [follow_up.status(p).value for p in follow_up.promises.promises] == [
        "uppfyllt", "delvis uppfyllt"]
    assert isinstance(follow_up.promises, CitizenPromises)
    assert isinstance(follow_up.promises.promises[0].targets[0].parts[0], SubTarget)
    assert re.search(r"trafikinsatser", promise_text(follow_up.promises.promises[0]))


@pytest.mark.parametrize("example", [
    "medborgarloften-2019.yaml", "uppfoljning-medborgarloften-2019.yaml",
    "tjansteskrivelse-aterrapportering-trygghetsradet-2019.yaml"])
def test_each_new_type_renders_from_the_command_line(example, tmp_path):
    from click.testing import CliRunner

    from trygga_docs.cli import main
    out = tmp_path / "ut" / "dokument.docx"
    result = CliRunner().invoke(main, ["render", str(HOOR / example), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).paragraphs


@pytest.mark.parametrize("kind", ["promises", "followup", "report"])
def test_new_writes_a_commented_skeleton(kind):
    from click.testing import CliRunner

    from trygga_docs.cli import main
    result = CliRunner().invoke(main, ["new", kind])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# ") and f"type: {kind}" in result.output


def test_next_years_promises_move_the_year_and_the_deadline():
    promises = trygga_docs.load(PROMISES).for_next_period()
    assert (promises.year, promises.period.year_span) == (2020, "2020")
    assert promises.follow_up.deadline == dt.date(2021, 1, 31)
    assert promises.promises == trygga_docs.load(PROMISES).promises
