"""Mallkontroll: a template may only use what its document type provides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

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
