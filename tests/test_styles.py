"""House style as data: style.toml, the bundled styles, a municipality's own templates."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from trygga_docs.api import render_file
from trygga_docs.errors import DataError
from trygga_docs.loader import EXAMPLES
from trygga_docs.style import BUNDLED_TEMPLATES, HouseStyle, bundled_styles, load_style
from trygga_docs.word.templatecheck import example_files

TOOLS = Path(__file__).resolve().parent.parent / "tools"
HOOR = EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"


def write_style(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "style.toml").write_text(text, encoding="utf-8")
    return folder


def test_the_bundled_styles_are_default_and_klassisk():
    assert {"default", "klassisk"} <= set(bundled_styles())
    default, klassisk = load_style(), load_style("klassisk")
    assert default == HouseStyle(directory=BUNDLED_TEMPLATES / "default")
    assert (klassisk.body_font, klassisk.primary, klassisk.time_separator) == \
        ("Cambria", "1E5B4F", ".")
    assert klassisk.logo is not None and klassisk.logo.read_bytes()[:4] == b"\x89PNG"
    assert klassisk.municipality == "Ekby kommun"


def test_the_template_looks_are_built_from_the_style_files():
    sys.path.insert(0, str(TOOLS))
    try:
        from templatekit import LOOKS
    finally:
        sys.path.remove(str(TOOLS))
    shared = ("body_font", "heading_font", "primary", "secondary", "accent", "rule",
              "box_shading", "table_header_shading", "note_shading", "heading_rule")
    for name, look in LOOKS.items():
        style = load_style(name)
        assert [getattr(look, key) for key in shared] == [getattr(style, key) for key in shared], \
            name


def test_style_toml_is_read_with_every_key(tmp_path):
    folder = write_style(tmp_path / "ekby", '''
        name = "Ekby"
        municipality = "Ekby kommun"
        primary = "#aa3300"
        secondary = "112233"
        heading_font = "Georgia"
        body_font = "Verdana"
        header_text = "Ekby kommun, kommunledningskontoret"
        footer_text = "www.ekby.example"
        time_separator = ":"
        logo = "logo.png"
        logo_height_mm = 10
        accent = "#990000"
        rule = "#cccccc"
        box_shading = "#F0F0F0"
        table_header_shading = "#E0E0E0"
        note_shading = "#FFF0C0"
        heading_rule = true
    ''')
    shutil.copy(BUNDLED_TEMPLATES / "klassisk" / "logo.png", folder / "logo.png")
    style = load_style(folder)
    assert (style.name, style.primary, style.secondary) == ("Ekby", "AA3300", "112233")
    assert style.logo == folder / "logo.png" and style.logo_height_mm == 10
    assert (style.accent, style.rule, style.box_shading, style.table_header_shading,
            style.note_shading, style.heading_rule) == \
        ("990000", "CCCCCC", "F0F0F0", "E0E0E0", "FFF0C0", True)
    assert style.template("agreement") == BUNDLED_TEMPLATES / "default" / "agreement.docx"


@pytest.mark.parametrize("text,path,words", [
    ('primay = "#112233"', "primay", "did you mean 'primary'"),
    ('primary = "blue"', "primary", "six hex digits"),
    ('time_separator = ","', "time_separator", "09:00"),
    ('logo = "saknas.png"', "logo", "does not exist"),
    ('logo = "logo.svg"', "logo", "PNG or JPEG"),
    ('logo_height_mm = 500', "logo_height_mm", "between 3 and 60"),
    ('body_font = 12', "body_font", "text in quotes"),
    ('rule = "grå"', "rule", "six hex digits"),
    ('heading_rule = "ja"', "heading_rule", "true or false"),
    ('name = "x', None, "cannot be read"),
])
def test_a_broken_style_toml_says_what_and_where(tmp_path, text, path, words):
    folder = write_style(tmp_path / "stil", text)
    with pytest.raises(DataError) as error:
        load_style(folder)
    assert words in str(error.value)
    assert error.value.file == str(folder / "style.toml")
    if path:
        assert error.value.path == path


def test_an_unknown_style_name_lists_the_bundled_ones():
    with pytest.raises(DataError, match="default, klassisk"):
        load_style("nosuch")


def _types() -> list[Path]:
    return example_files()


@pytest.mark.parametrize("style", ["default", "klassisk"])
@pytest.mark.parametrize("data", _types(), ids=lambda p: p.stem)
def test_every_document_type_renders_in_every_bundled_style(data, style, tmp_path):
    out = render_file(data, tmp_path / "dokument.docx", style=style)[0]
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        styles_xml = z.read("word/styles.xml").decode()
        headers = "".join(z.read(n).decode() for n in names if n.startswith("word/header"))
    font = load_style(style).body_font
    assert f'w:ascii="{font}"' in styles_xml
    if style == "klassisk":  # the logo (with alt text) and the style's header line
        assert "Logotyp: Ekby kommun" in headers and "Ekby kommun" in headers
        assert any(n.startswith("word/media/") for n in names)
    else:
        assert "Logotyp" not in headers and "{{" not in headers


def test_a_municipalitys_own_template_is_used_and_the_rest_fall_back(tmp_path):
    folder = write_style(tmp_path / "egen", 'municipality = "Egen kommun"\n'
                                            'header_text = "Egen kommun"\n')
    doc = Document(str(BUNDLED_TEMPLATES / "default" / "agreement.docx"))
    doc.add_paragraph("Egen mall för Egen kommun")
    doc.save(str(folder / "agreement.docx"))
    style = load_style(folder)
    assert style.has_own_template("agreement") and not style.has_own_template("promises")
    (out,) = render_file(HOOR, tmp_path / "avtal.docx", style=folder)
    with zipfile.ZipFile(out) as z:
        assert "Egen mall för Egen kommun" in z.read("word/document.xml").decode()
        headers = "".join(z.read(n).decode() for n in z.namelist()
                          if n.startswith("word/header"))
    assert "Egen kommun" in headers


def test_a_style_folder_without_templates_gives_the_bundled_ones_its_fonts_and_colours(tmp_path):
    folder = write_style(tmp_path / "rod", 'municipality = "Röda kommun"\n'
                                           'primary = "8B1A1A"\nsecondary = "4A4A4A"\n'
                                           'heading_font = "Liberation Sans"\n'
                                           'body_font = "Liberation Serif"\n')
    out = render_file(HOOR, tmp_path / "avtal.docx", style=folder)[0]
    document = Document(str(out))
    assert document.styles["Normal"].font.name == "Liberation Serif"
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Liberation Sans"
    assert str(heading.font.color.rgb) == "8B1A1A"
    assert str(document.styles["Header"].font.color.rgb) == "4A4A4A"
    with zipfile.ZipFile(out) as z:
        assert "1F3A5F" not in z.read("word/styles.xml").decode()


def test_the_klassisk_style_file_uses_every_key():
    """``templates/klassisk/style.toml`` is the example a municipality copies: it shows every key
    ``style.toml`` takes."""
    import attrs
    import tomllib

    from trygga_docs.style import StyleFile

    given = tomllib.loads((BUNDLED_TEMPLATES / "klassisk" / "style.toml").read_text("utf-8"))
    assert set(given) == {a.name for a in attrs.fields(StyleFile)}
