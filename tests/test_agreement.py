"""The Höör collaboration agreement, rendered to Word and read back."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest

import trygga_docs
from trygga_docs.context.agreement import cadence_text, composition_text, responsibility_text
from trygga_docs.model import Cadence, CadenceUnit

from .conftest import HOOR_AGREEMENT, docx_text

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""

SEED_AREAS = ["Upplevd trygghet", "Trafik", "Stöld och inbrott", "Skadegörelse och klotter",
              "ANDT – alkohol, narkotika, doping och tobak", "Ungdomsbrottslighet",
              "Hot och våld – offentligt och i nära relation",
              "Organiserad brottslighet och extrema grupperingar", "Våldsbejakande extremism",
              "Integration", "Krisstöd", "Kommunikationsstrategi"]
SEED_BODIES = ["Trygga Höör trygghetsråd", "Trygga Höör styrgrupp", "Trygga Höör arbetsgrupp vuxen",
               "Trygga Höör arbetsgrupp ung", "Trygga Höör arbetsgrupp SIG (social insatsgrupp)",
               "Trygga Höör krisstöd (POSOM)"]


def test_example_carries_the_whole_seed_agreement(hoor_agreement):
    assert [a.title for a in hoor_agreement.areas] == SEED_AREAS
    assert [b.name for b in hoor_agreement.bodies] == SEED_BODIES
    assert hoor_agreement.adoption.case_number == "KSF 2016/562"
    assert hoor_agreement.adoption.paragraph == 158
    assert str(hoor_agreement.period.start) == "2016-12-22"
    assert str(hoor_agreement.period.end) == "2019-12-31"
    assert [len(a.responsibilities) for a in hoor_agreement.areas] == [4, 1, 3, 3, 4, 2, 2, 1, 1, 1, 1, 2]
    assert {s.id for s in hoor_agreement.sources} == {"bra-statistik", "ntu2015"}


def test_every_area_body_and_responsible_role_is_in_the_document(hoor_agreement, hoor_docx):
    content = docx_text(hoor_docx)
    for title in SEED_AREAS + SEED_BODIES:
        assert title in content
    for area in hoor_agreement.areas:
        for responsibility in area.responsibilities:
            assert responsibility_text(responsibility) in content
            for role in responsibility.roles:
                assert role.casefold() in content.casefold()


def test_title_page_has_period_adoption_and_parties(hoor_docx):
    paragraphs = [p.text for p in docx.Document(str(hoor_docx)).paragraphs]
    cover = "\n".join(paragraphs[:15])
    assert "Trygga Höör" in cover
    assert "Samverkansöverenskommelse mellan Polisen och Höörs kommun" in cover
    assert f"Gäller 22{NBSP}december 2016 – 31{NBSP}december 2019" in cover
    assert f"Godkänd av kommunfullmäktige 2016-12-21, §{NBSP}158, KSF 2016/562" in cover
    assert "Överenskommelse mellan Lokalpolisområde Eslöv och Höörs kommun" in cover
    assert "UTKAST" not in "\n".join(paragraphs)


def test_decision_section_states_the_validity_in_swedish(hoor_docx):
    content = docx_text(hoor_docx)
    assert (f"Samverkansöverenskommelsen gäller från och med den 22{NBSP}december 2016 till och med "
            f"den 31{NBSP}december 2019.") in content
    assert f"godkändes av kommunfullmäktige den 21{NBSP}december 2016, §{NBSP}158 (diarienummer KSF 2016/562)" in content


def test_headings_use_word_heading_styles_numbered_like_the_seed(hoor_docx):
    document = docx.Document(str(hoor_docx))
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert level1 == ["Övergripande mål", "Samverkan Trygga Höör", "Samverkansområden", "Beslut"]
    assert level2 == ["Samverkansområden", *SEED_BODIES, *SEED_AREAS]
    # the numbers 1, 1.1, 2, 2.1 … come from a multilevel list bound to the heading styles
    styles = document.styles.element.xml
    assert re.search(r'w:styleId="Heading1".*?<w:numId w:val="(\d+)"', styles, re.S)
    numbering = document.part.numbering_part.element.xml
    assert 'w:val="%1."' in numbering and 'w:val="%1.%2"' in numbering


def test_document_has_a_toc_field_and_live_page_numbers(hoor_docx):
    with zipfile.ZipFile(hoor_docx) as archive:
        body = archive.read("word/document.xml").decode()
        footers = "".join(archive.read(n).decode() for n in archive.namelist()
                          if n.startswith("word/footer"))
        headers = "".join(archive.read(n).decode() for n in archive.namelist()
                          if n.startswith("word/header"))
    assert 'TOC \\o "1-2"' in body
    assert " PAGE " in footers and " NUMPAGES " in footers
    assert "Sida" in footers
    assert "KSF 2016/562" in headers and "Trygga Höör 2016–2019" in headers


def test_sources_are_numbered_superscripts_with_a_list_per_area(hoor_docx):
    document = docx.Document(str(hoor_docx))
    superscripts = [r.text for p in document.paragraphs for r in p.runs if r.font.superscript]
    assert superscripts[:2] == ["1", "2"]
    sources = [p.text for p in document.paragraphs if p.style.name == "Source"]
    assert any(s.startswith("1\tNationella trygghetsundersökningen 2015") for s in sources)
    assert any("anmaldabrott.html, hämtad 2016-10-06" in s for s in sources)


def test_bodies_show_cadence_composition_and_convener(hoor_docx):
    content = docx_text(hoor_docx)
    assert "Minst två gånger per år" in content
    assert ("Minst en gång varannan månad med undantag för sommarmånaderna juni, juli och augusti"
            in content)
    assert "rektorerna på högstadieskolorna" in content  # seed 2.2, no count
    assert "Kommunstyrelsens förste vice ordförande" in content
    assert "Integrationskoordinator" in content


def test_document_is_swedish_and_carries_its_metadata(hoor_docx):
    document = docx.Document(str(hoor_docx))
    assert document.core_properties.language == "sv-SE"
    assert "Samverkansöverenskommelse" in document.core_properties.title
    assert 'w:val="sv-SE"' in document.styles.element.xml


@pytest.mark.parametrize(("cadence", "expected"), [
    (Cadence(times=2, unit=CadenceUnit.YEAR, at_least=True), "minst två gånger per år"),
    (Cadence(every=2, at_least=True, except_months=(6, 7, 8)),
     "minst en gång varannan månad med undantag för sommarmånaderna juni, juli och augusti"),
    (Cadence(except_months=(7,)), "en gång per månad med undantag för juli"),
    (Cadence(), "en gång per månad"),
    (Cadence(times=3, unit=CadenceUnit.WEEK), "tre gånger per vecka"),
    (Cadence(every=2, unit=CadenceUnit.YEAR), "en gång vartannat år"),
    (Cadence(every=3), "en gång var tredje månad"),
    (Cadence(on_demand=True), "vid behov"),
])
def test_meeting_cadence_reads_as_correct_swedish(cadence, expected):
    assert cadence_text(cadence) == expected


def test_composition_uses_plural_role_names_for_several_seats(hoor_agreement):
    council = hoor_agreement.body("Trygghetsrådet")
    # seed 2.1: "Två ledamoter från KSAU, … kommundirektör, sektorchefer, kommunpolis …"
    assert composition_text(hoor_agreement, council).startswith(
        "Två ledamöter från KSAU, ledamot från presidiet i BUN")
    assert ", kommundirektör, sektorchefer, kommunpolis," in composition_text(hoor_agreement, council)


def test_composition_states_no_count_the_seed_does_not_state(hoor_agreement):
    texts = {b.short_name: composition_text(hoor_agreement, b) for b in hoor_agreement.bodies}
    assert "två" not in texts["Arbetsgrupp ung"] and "kuratorer från högstadieskolorna" in texts["Arbetsgrupp ung"]
    assert texts["SIG"].endswith("områdespolis och kuratorer från högstadieskolorna")
    assert texts["Krisstödet"].startswith("Företrädare för social sektor, räddningstjänsten")
    # the convener calls the meetings without being one of the listed seats, as in the seed
    assert "Socialchef" not in texts["Krisstödet"]
    assert hoor_agreement.body("Krisstödet").convener == "Socialchef"


def test_a_convener_must_be_a_declared_role(hoor_agreement):
    import attrs
    from trygga_docs.errors import DataError
    council = attrs.evolve(hoor_agreement.bodies[0], convener="Okänd roll")
    with pytest.raises(DataError, match="unknown role 'Okänd roll'") as caught:
        attrs.evolve(hoor_agreement, bodies=(council, *hoor_agreement.bodies[1:]))
    assert caught.value.path == "bodies[0].convener"


def test_template_syntax_in_the_data_is_printed_not_executed(tmp_path):
    source = HOOR_AGREEMENT.read_text(encoding="utf-8")
    source = source.replace("title: Samverkansöverenskommelse mellan Polisen och Höörs kommun",
                            'title: "Avtal {{ 7*7 }} {% if true %}ja{% endif %} & <b>fet</b>"')
    data = tmp_path / "avtal.yaml"
    data.write_text(source, encoding="utf-8")
    out = trygga_docs.render(trygga_docs.load(data), tmp_path / "avtal.docx")[0]
    content = docx_text(out)
    assert "Avtal {{ 7*7 }} {% if true %}ja{% endif %} & <b>fet</b>" in content
    assert "49" not in content.split("Avtal", 1)[1].split("\n", 1)[0]


def test_an_agreement_without_adoption_is_marked_as_draft(tmp_path, hoor_agreement):
    import attrs
    draft = attrs.evolve(hoor_agreement, adoption=None)
    out = trygga_docs.render(draft, tmp_path / "utkast.docx")[0]
    content = docx_text(out)
    assert "UTKAST" in [p.text for p in docx.Document(str(out)).paragraphs][:10]
    assert "Utkast – ännu inte antagen" in content
    assert "KSF 2016/562" not in content


def test_optional_national_model_sections_render_only_when_present(tmp_path, hoor_agreement):
    import attrs
    from trygga_docs.model import FollowUpModel
    with_model = attrs.evolve(hoor_agreement, model=FollowUpModel(
        problems=["Buskörning i centrum."], goals=["Minst tolv trafikinsatser per år."]))
    out = trygga_docs.render(with_model, tmp_path / "avtal.docx")[0]
    document = docx.Document(str(out))
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1[-2:] == ["Problembild, mål och uppföljning", "Beslut"]
    content = docx_text(out)
    assert "Buskörning i centrum." in content and "Problem i fokus" in content
    assert "Troliga bakomliggande orsaker" not in content


# -- the parties' signatures (issue 14.6) ---------------------------------------------------------

def _signature_cells(path) -> list[str]:
    """The texts of the signature table's cells (the last table of the document)."""
    table = docx.Document(str(path)).tables[-1]
    return [cell.text for row in table.rows for cell in row.cells]


def test_each_party_signs_with_place_date_name_and_title(tmp_path, hoor_agreement):
    import datetime as dt

    import attrs
    from trygga_docs.model.agreement import PartySignatory
    signed = attrs.evolve(hoor_agreement, signatories=(
        PartySignatory(name="Anna A", title="Kommunstyrelsens ordförande",
                       organisation="Höörs kommun", place="Höör", date=dt.date(2016, 12, 21)),
        PartySignatory(name="Bo B", title="Lokalpolisområdeschef", organisation="Polisen")))
    out = trygga_docs.render(signed, tmp_path / "avtal.docx")[0]
    first, second = _signature_cells(out)[:2]
    assert first.split("\n") == ["Höörs kommun", "Höör 2016-12-21", "_" * 32, "Anna A",
                                 "Kommunstyrelsens ordförande"]
    # the party by its full name; without place and date a line to fill them in
    assert second.split("\n")[:2] == ["Lokalpolisområde Eslöv",
                                      "Ort och datum " + "_" * 22]
    assert second.split("\n")[3:] == ["Bo B", "Lokalpolisområdeschef"]


def test_the_blank_cell_of_an_odd_row_has_no_line_to_sign_on(tmp_path, hoor_agreement):
    import attrs
    from trygga_docs.model.agreement import PartySignatory
    signed = attrs.evolve(hoor_agreement, signatories=(
        PartySignatory(name="Anna A", title="Ordförande", organisation="Höörs kommun"),))
    out = trygga_docs.render(signed, tmp_path / "avtal.docx")[0]
    assert _signature_cells(out)[1].strip() == ""


def test_a_signatory_for_someone_not_a_party_is_refused(tmp_path):
    path = tmp_path / "avtal.yaml"
    text = HOOR_AGREEMENT.read_text(encoding="utf-8") + (
        "\nsignatories:\n  - name: Anna A\n    title: Ordförande\n    organisation: Hörby kommun\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(trygga_docs.DataError) as caught:
        trygga_docs.load(path)
    assert caught.value.path == "signatories[0].organisation"
    assert "signs for 'Hörby kommun', which is not a party" in caught.value.message
    assert caught.value.line == text.splitlines().index("    organisation: Hörby kommun") + 1


def test_the_example_has_no_invented_signatories_and_the_skeleton_shows_them(tmp_path,
                                                                             hoor_agreement):
    assert hoor_agreement.signatories == ()
    assert "exemplet hittar inte på" in HOOR_AGREEMENT.read_text(encoding="utf-8")  # says why
    skeleton = tmp_path / "avtal.yaml"
    from click.testing import CliRunner
    from trygga_docs.cli import main
    assert CliRunner().invoke(main, ["new", "agreement", "--out", str(skeleton)]).exit_code == 0
    out = trygga_docs.render_file(skeleton, tmp_path / "avtal.docx")[0]
    cells = _signature_cells(out)
    assert cells[0].startswith("<kommunens namn>\nOrt och datum ")
    assert "Lokalpolisområdeschef" in cells[1] and cells[1].startswith("Lokalpolisområde <namn>")
