"""Mallkontroll: a template may only use what its document type provides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from trygga_docs.api import render_file
from trygga_docs.cli import main
from trygga_docs.errors import TemplateError
from trygga_docs.loader import EXAMPLES
from trygga_docs.style import BUNDLED_TEMPLATES, bundled_styles
from trygga_docs.word.templatecheck import (check_syntax, check_template, known_documents, merge,
                                       provided, shape)

HOOR = EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"
AGREEMENT = BUNDLED_TEMPLATES / "default" / "agreement.docx"
BUNDLED = sorted(BUNDLED_TEMPLATES.glob("*/*.docx"))


def edited(tmp_path: Path, replacements: dict[str, str], name: str = "agreement.docx") -> Path:
    """A copy of the bundled agreement template with some paragraphs' text replaced."""
    doc = Document(str(AGREEMENT))
    todo = dict(replacements)
    for paragraph in doc.paragraphs:
        if paragraph.text in todo:
            paragraph.text = todo.pop(paragraph.text)
    assert not todo, f"paragraphs not found: {list(todo)}"
    out = tmp_path / name
    doc.save(str(out))
    return out


@pytest.fixture(scope="module")
def vocabularies() -> dict[str, object]:
    return {document: provided(document) for document in known_documents()}


@pytest.mark.parametrize("template", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_bundled_template_uses_only_what_its_type_provides(template, vocabularies):
    document = template.stem
    assert document in vocabularies, f"no bundled example renders '{document}'"
    report = check_template(template, document, vocabulary=vocabularies[document])
    assert report.unknown == [], "\n".join(map(str, report.unknown))


def test_a_misspelt_variable_and_filter_are_named_with_a_suggestion(tmp_path):
    template = edited(tmp_path, {"{{ orgchart.caption }}": "{{ orgchart.captoin }}",
                                 "{{ validity_line }}": "{{ validity_line | uper }}",
                                 "{{ parties_line }}": "{{ partys_line }}"})
    report = check_template(template, "agreement")
    found = {f.name: f for f in report.unknown}
    assert set(found) == {"orgchart.captoin", "uper", "partys_line"}
    assert found["orgchart.captoin"].suggestion == "orgchart.caption"
    assert found["partys_line"].suggestion == "parties_line"
    assert found["uper"].kind == "filter" and found["uper"].suggestion == "upper"
    assert "paragraph “{{ partys_line }}”" in str(found["partys_line"])
    assert "parties_line" in report.ignored and "orgchart.caption" in report.ignored


def test_a_loop_variable_is_checked_against_the_list_items(tmp_path):
    template = edited(tmp_path, {"{{ body.name }}": "{{ body.nmae }}"})
    (finding,) = check_template(template, "agreement").unknown
    assert finding.name == "bodies[].nmae" and finding.suggestion == "bodies[].name"


def test_a_syntax_error_names_the_file_and_the_paragraph(tmp_path):
    template = edited(tmp_path, {"{{ title }}": "{{ title }"})
    with pytest.raises(TemplateError) as error:
        check_syntax(template)
    message = str(error.value)
    assert str(template) in message and "body" in message and "{{ title }" in message


def test_a_broken_own_template_fails_before_any_document_is_written(tmp_path):
    style = tmp_path / "stil"
    style.mkdir()
    edited(style, {"{{ title }}": "{{ title }"})
    out = tmp_path / "avtal.docx"
    with pytest.raises(TemplateError) as error:
        render_file(HOOR, out, style=style)
    assert "agreement.docx" in str(error.value) and "syntax" in str(error.value)
    assert not out.exists()


def test_cli_exits_non_zero_on_unknown_names_and_zero_when_only_values_are_unshown(tmp_path):
    runner = CliRunner()
    good = runner.invoke(main, ["check-template", str(AGREEMENT), "--type", "agreement"])
    assert good.exit_code == 0, good.output
    assert "not shown" in good.output
    bad = edited(tmp_path, {"{{ parties_line }}": "{{ partys_line }}"})
    result = runner.invoke(main, ["check-template", str(bad), "--type", "agreement"])
    assert result.exit_code == 1
    assert "partys_line" in result.output and "parties_line" in result.output
    unknown_type = runner.invoke(main, ["check-template", str(AGREEMENT), "--type", "nosuch"])
    assert unknown_type.exit_code == 1 and "choose one of" in unknown_type.output


def test_cli_learns_from_a_given_data_file(tmp_path):
    data = tmp_path / "avtal.yaml"
    shutil.copy(HOOR, data)
    result = CliRunner().invoke(main, ["check-template", str(AGREEMENT), "--type", "agreement",
                                       "--data", str(data)])
    assert result.exit_code == 0, result.output


def test_shapes_merge_across_examples():
    assert merge(shape({"a": None}), shape({"a": [{"b": 1}]})) == {"a": [{"b": "leaf"}]}
    assert merge(shape([]), shape(["x"])) == ["leaf"]


def test_every_bundled_style_has_every_default_template():
    default = {p.name for p in (BUNDLED_TEMPLATES / "default").glob("*.docx")}
    for name in bundled_styles():
        assert {p.name for p in (BUNDLED_TEMPLATES / name).glob("*.docx")} == default, name


# ---- accessibility (check-template --accessibility) ---------------------------------------------

LOGO = BUNDLED_TEMPLATES / "klassisk" / "logo.png"


def barriers_of(tmp_path: Path, plant) -> dict[str, list]:
    """The accessibility findings of a copy of the bundled agreement template with ``plant(doc)``
    applied, by rule (errors only)."""
    from trygga_docs.word.templatecheck import check_accessibility

    doc = Document(str(AGREEMENT))
    plant(doc)
    out = tmp_path / "planted.docx"
    doc.save(str(out))
    found: dict[str, list] = {}
    for finding in check_accessibility(out):
        if finding.error:
            found.setdefault(finding.rule, []).append(finding)
    return found


@pytest.mark.parametrize("template", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_bundled_template_has_no_accessibility_error(template):
    from trygga_docs.word.templatecheck import check_accessibility

    assert [str(f) for f in check_accessibility(template) if f.error] == []


def test_a_picture_without_alternative_text_is_reported(tmp_path):
    def plant(doc):
        doc.add_paragraph("Karta över området")
        doc.add_picture(str(LOGO))
    (finding,) = barriers_of(tmp_path, plant)["picture-alt"]
    assert "no alternative text" in str(finding)


def test_a_picture_with_alternative_text_or_marked_decorative_passes(tmp_path):
    def plant(doc):
        doc.add_picture(str(LOGO))
        doc.inline_shapes[-1]._inline.docPr.set("descr", "Kommunens logotyp")
    assert barriers_of(tmp_path, plant) == {}


def test_a_skipped_heading_level_is_reported(tmp_path):
    def plant(doc):
        doc.add_paragraph("Bakgrund", style="Heading 1")
        doc.add_paragraph("Detaljer", style="Heading 3")
    (finding,) = barriers_of(tmp_path, plant)["heading-order"]
    assert "level 3 follows level 1" in str(finding) and "Detaljer" in str(finding)


def test_a_template_without_a_document_language_is_reported(tmp_path):
    def plant(doc):
        for lang in list(doc.styles.element.iter(qn("w:lang"))):
            lang.getparent().remove(lang)
    (finding,) = barriers_of(tmp_path, plant)["language"]
    assert "no document language" in str(finding)


def test_a_data_table_whose_header_row_is_not_repeated_is_reported(tmp_path):
    def plant(doc):
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Åtgärd", "Ansvarig"
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        look.set(qn("w:firstRow"), "1")
    (finding,) = barriers_of(tmp_path, plant)["table-header"]
    assert "“ÅtgärdAnsvarig”" in str(finding) and "repeat as header row" in str(finding)


def test_a_table_without_any_header_is_a_warning_only(tmp_path):
    from trygga_docs.word.templatecheck import check_accessibility

    doc = Document(str(AGREEMENT))
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Underskrift"
    table._tbl.tblPr.remove(table._tbl.tblPr.find(qn("w:tblLook")))
    doc.save(str(tmp_path / "t.docx"))
    (warning,) = [f for f in check_accessibility(tmp_path / "t.docx") if "Underskrift" in str(f)]
    assert warning.rule == "table-header" and not warning.error and "layout" in str(warning)


def test_floating_objects_are_reported(tmp_path):
    def plant(doc):
        framed = doc.add_paragraph("Ruta i marginalen")
        frame = OxmlElement("w:framePr")
        frame.set(qn("w:hAnchor"), "page")
        framed._p.get_or_add_pPr().insert(0, frame)
        doc.add_picture(str(LOGO))
        picture = doc.inline_shapes[-1]._inline
        picture.docPr.set("descr", "Logotyp")
        picture.tag = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"
    found = barriers_of(tmp_path, plant)["floating"]
    assert len(found) == 2
    assert any("Ruta i marginalen" in str(f) for f in found)
    assert any("picture or shape" in str(f) for f in found)


def test_text_as_images_is_reported(tmp_path):
    def plant(doc):
        heading = doc.add_paragraph(style="Heading 1")
        heading.add_run().add_picture(str(LOGO))
        doc.inline_shapes[-1]._inline.docPr.set("descr", "Inledning")
        wordart = doc.add_paragraph()
        wordart._p.append(parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:200pt;height:40pt">'
            f'<v:textpath string="Trygga Höör"/></v:shape></w:pict></w:r>'))
    found = barriers_of(tmp_path, plant)["text-as-image"]
    assert len(found) == 2
    assert any("whole of a heading" in str(f) for f in found)
    assert any("WordArt" in str(f) for f in found)


def test_cli_accessibility_exits_non_zero_on_a_barrier_and_zero_on_warnings(tmp_path):
    runner = CliRunner()
    good = runner.invoke(main, ["check-template", str(AGREEMENT), "--type", "agreement",
                                "--accessibility"])
    assert good.exit_code == 0, good.output
    assert "warning: accessibility" in good.output
    doc = Document(str(AGREEMENT))
    doc.add_picture(str(LOGO))
    doc.save(str(tmp_path / "bad.docx"))
    bad = runner.invoke(main, ["check-template", str(tmp_path / "bad.docx"), "--type",
                               "agreement", "--accessibility"])
    assert bad.exit_code == 1
    assert "error: accessibility" in bad.output and "no alternative text" in bad.output
    plain = runner.invoke(main, ["check-template", str(tmp_path / "bad.docx"), "--type",
                                 "agreement"])
    assert plain.exit_code == 0 and "no alternative text" not in plain.output
