"""A house style is complete as data: a style folder with only ``style.toml`` changes every
colour, font and line of every bundled template, the status cells' shades and the charts' colours
(issue 15, deliverable 6).

Every document type is rendered from the bundled examples in a style whose colours and fonts all
differ from the default's; no XML part of the Word file, no SVG and no PNG picture (the charts)
may still hold a default value.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader

from PIL import Image

from trygga_docs.api import render
from trygga_docs.context import chart as chart_module
from trygga_docs.context import promises as promises_context
from trygga_docs.context.registry import DOCUMENTS, type_of
from trygga_docs.errors import DataError
from trygga_docs.loader import load
from trygga_docs.style import (BUNDLED_TEMPLATES, FONT_KEYS, STATUS_COLOUR_KEYS, HouseStyle,
                               load_style, style_colours)
from trygga_docs.word import look as look_module
from trygga_docs.word.docx import render_docx
from trygga_docs.word.look import HEADING_STYLES, apply_look, look_of
from trygga_docs.word.templatecheck import example_files

from .test_word_schema import out_of_order, schema_errors

DISTINCT = """\
name = "Provstil"
primary = "#7B2D26"
secondary = "#2F4F4F"
accent = "#6A1B9A"
rule = "#8FBC8F"
box_shading = "#FFF2CC"
table_header_shading = "#DDEEFF"
note_shading = "#E0F7FA"
heading_rule = true
heading_font = "DejaVu Serif"
body_font = "Liberation Sans"
status_met = "#C1E1C1"
status_partly = "#FFE4B5"
status_not_met = "#FFC0CB"
status_open = "#D3D3D3"
chart_met = "#006400"
chart_partly = "#FF8C00"
chart_not_met = "#8B0000"
chart_open = "#708090"
chart_target = "#B0C4DE"
chart_series = ["#000080", "#808000", "#008080", "#800080"]
chart_edge = "#2F2F2F"
chart_grid = "#F0E68C"
chart_text = "#101010"
"""
"""A style of only ``style.toml``: every colour and font differs from the default's, and both
fonts are installed where the tests run (the PDF check needs them)."""

DEFAULT = HouseStyle()
DEFAULT_COLOURS = set(style_colours(DEFAULT))
DEFAULT_VALUES = DEFAULT_COLOURS | {getattr(DEFAULT, key) for key in FONT_KEYS}


def write_style(folder: Path, text: str = DISTINCT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "style.toml").write_text(text, encoding="utf-8")
    return folder


PNG_AREA = 40
"""Pixels of one exact colour that make it a colour a PNG picture is drawn in (a bar, a box, a
line), not a shade that smoothing happened to mix."""


def png_colours(png: bytes) -> set[str]:
    """The colours (``RRGGBB``) a PNG picture is drawn in: those of at least ``PNG_AREA``
    pixels."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=image.width * image.height) or []
    return {"%02X%02X%02X" % rgb for count, rgb in counts if count >= PNG_AREA}


def defaults_in(docx: bytes | Path) -> list[tuple[str, str]]:
    """Every (part, value) where a default colour (any case, with or without ``#``) or font
    name appears in an XML or SVG part of a Word file, or a default colour is one a PNG
    picture (a chart's fallback) is drawn in."""
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    pattern = re.compile("|".join(re.escape(v) for v in sorted(DEFAULT_VALUES)), re.IGNORECASE)
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.lower().endswith(".png"):
                found.extend((name, colour) for colour in sorted(png_colours(content)
                                                                 & DEFAULT_COLOURS))
                continue
            if not (name.endswith((".xml", ".rels", ".svg")) or content.startswith(b"<?xml")):
                continue
            found.extend((name, match.group().upper())
                         for match in pattern.finditer(content.decode("utf-8", "replace")))
    return found


@cache
def _example(document: str) -> Any:
    """The first object of ``document`` that a bundled example yields."""
    for path in example_files():
        model = load(path)
        kind = type_of(model)
        if kind is None or document not in {d.name for d in kind.documents}:
            continue
        try:
            objects = kind.documents_of(model, document)
        except DataError:  # a meeting file of notes only has no protocol
            continue
        if objects:
            return objects[0]
    raise AssertionError(f"no bundled example yields a '{document}' document")


@pytest.fixture(scope="module")
def distinct(tmp_path_factory) -> HouseStyle:
    return load_style(write_style(tmp_path_factory.mktemp("style") / "provstil"))


def test_the_distinct_style_changes_every_colour_and_font(distinct):
    values = style_colours(distinct) + [getattr(distinct, key) for key in FONT_KEYS]
    assert not set(values) & DEFAULT_VALUES
    assert len(set(values)) == len(values)  # and no two of its own are alike


@pytest.mark.parametrize("name", sorted(p.stem for p in
                                         (BUNDLED_TEMPLATES / "default").glob("*.docx")))
def test_no_bundled_template_keeps_a_default_value(name, distinct):
    """Every branch of every template, the ones no example takes included (the example note)."""
    template = (BUNDLED_TEMPLATES / "default" / f"{name}.docx").read_bytes()
    assert defaults_in(template), "the default template carries the default look"
    assert defaults_in(apply_look(template, look_of(distinct))) == []


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_every_document_type_renders_without_a_default_value(document, distinct, tmp_path):
    out = render_docx(_example(document), tmp_path / f"{document}.docx", style=distinct)
    assert defaults_in(out) == []
    assert out_of_order(out) == [] and schema_errors(out) == []  # the look keeps Word's schema
    found = {value for _, value in defaults_in(render_docx(
        _example(document), tmp_path / "default.docx", style=HouseStyle()))}
    assert found, "rendered in the default style, the document shows the default look"


def test_the_fonts_go_where_their_role_is(distinct, tmp_path):
    out = render_docx(_example("agreement"), tmp_path / "avtal.docx", style=distinct)
    document = Document(str(out))
    fonts = {s.style_id: s.font.name for s in document.styles
             if getattr(s, "font", None) is not None and s.font.name}
    assert fonts["Normal"] == "Liberation Sans" and fonts["Tabletext"] == "Liberation Sans"
    assert fonts["Heading1"] == fonts["Title"] == fonts["Draftmark"] == "DejaVu Serif"
    # every other style that names a font has the body font (Word's stock MacroText keeps its
    # Courier: a typewriter font is not the house's)
    assert {fonts[s] for s in fonts if s not in HEADING_STYLES and not s.startswith("MacroText")} \
        == {"Liberation Sans"}
    with zipfile.ZipFile(out) as archive:
        theme = archive.read("word/theme/theme1.xml").decode()
        font_table = archive.read("word/fontTable.xml").decode()
    major, minor = re.findall(r"<a:(?:major|minor)Font>\s*<a:latin typeface=\"([^\"]+)\"", theme)
    assert (major, minor) == ("DejaVu Serif", "Liberation Sans")
    assert 'w:name="DejaVu Serif"' in font_table and 'w:name="Liberation Sans"' in font_table


def test_heading_rule_draws_a_line_in_the_primary_colour_under_level_one_headings(distinct,
                                                                                    tmp_path):
    out = render_docx(_example("agreement"), tmp_path / "avtal.docx", style=distinct)
    heading = Document(str(out)).styles["Heading 1"].element
    bottom = heading.find(".//{*}pBdr/{*}bottom")
    assert bottom is not None and bottom.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}color") == "7B2D26"
    plain = render_docx(_example("agreement"), tmp_path / "plain.docx", style=HouseStyle())
    assert Document(str(plain)).styles["Heading 1"].element.find(".//{*}pBdr") is None


def test_the_default_style_leaves_the_templates_as_they_are():
    template = (BUNDLED_TEMPLATES / "default" / "protocol.docx").read_bytes()
    assert not look_of(HouseStyle())
    assert apply_look(template, look_of(HouseStyle())) is template
    assert not look_of(load_style("default"))


def test_the_check_finds_a_default_value_planted_in_a_part(distinct, tmp_path):
    out = render_docx(_example("protocol"), tmp_path / "protokoll.docx", style=distinct)
    planted = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(planted, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/footer1.xml":
                data = data.replace(b'w:color="8FBC8F"', b'w:color="a7b4c2"', 1)
            target.writestr(info, data)
    assert defaults_in(planted.getvalue()) == [("word/footer1.xml", "A7B4C2")]


def test_a_look_that_misses_the_headers_fails_the_check(distinct, tmp_path, monkeypatch):
    """The planted defect: the meeting templates' header keeps the default primary and rule
    (as it did before the look covered every part)."""
    part = look_module._Replace.part

    def every_part_but_headers(self, name, root):
        if not name.startswith("word/header"):
            part(self, name, root)

    monkeypatch.setattr(look_module._Replace, "part", every_part_but_headers)
    # a look of its own, so neither the styled bytes nor the compiled parts come from a cache
    style = load_style(write_style(tmp_path / "defekt", DISTINCT.replace("7B2D26", "7B2D27")))
    out = render_docx(_example("protocol"), tmp_path / "protokoll.docx", style=style)
    found = defaults_in(out)
    assert ("word/header1.xml", DEFAULT.primary) in found
    assert ("word/header1.xml", DEFAULT.rule) in found
    assert {name for name, _ in found} == {"word/header1.xml"}


def test_the_pdf_is_set_in_the_styles_fonts(tmp_path):
    folder = write_style(tmp_path / "provstil")
    (pdf,) = render(_example("agreement"), tmp_path / "avtal.pdf", style=folder)
    fonts = set()
    for page in PdfReader(str(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert any(f.startswith("DejaVuSerif") for f in fonts), fonts
    assert any(f.startswith("LiberationSans") for f in fonts), fonts
    assert not any(f.startswith(("Calibri", "Carlito")) for f in fonts), fonts


def test_the_look_replaces_a_default_value_in_any_attribute_and_case(distinct):
    """A template author's own shape (a VML text box filled ``#1f3a5f``) takes the style's
    colour too: the look does not depend on the elements the bundled templates happen to use."""
    template = (BUNDLED_TEMPLATES / "default" / "notice.docx").read_bytes()
    shape = (b'<w:p><w:r><w:pict><v:rect xmlns:v="urn:schemas-microsoft-com:vml" '
             b'fillcolor="#1f3a5f" strokecolor="#A7B4C2"/></w:pict></w:r></w:p>')
    planted = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(planted, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + shape, 1)
            target.writestr(info, data)
    assert ("word/document.xml", "1F3A5F") in defaults_in(planted.getvalue())
    styled = apply_look(planted.getvalue(), look_of(distinct))
    assert defaults_in(styled) == []
    with zipfile.ZipFile(io.BytesIO(styled)) as archive:
        body = archive.read("word/document.xml").decode()
    assert 'fillcolor="#7B2D26"' in body and 'strokecolor="#8FBC8F"' in body


def header_row_fills(docx: bytes) -> list[set[str]]:
    """The shading colours of each repeated header row (``w:tblHeader``) of a Word file's body."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return [{shd.get(w + "fill") for shd in row.iter(w + "shd")}
            for row in body.iter(w + "tr") if row.find(f"{w}trPr/{w}tblHeader") is not None]


@pytest.mark.parametrize("style_name", ["default", "klassisk"])
def test_every_table_header_row_is_shaded_in_table_header_shading(style_name):
    """The meeting documents' tables as the report's (the meeting templates once shaded theirs
    with ``box_shading``)."""
    style = load_style(style_name)
    templates = sorted((BUNDLED_TEMPLATES / style_name).glob("*.docx"))
    rows = {t.stem: header_row_fills(t.read_bytes()) for t in templates}
    assert {"notice", "protocol", "minutes", "extract", "register", "report"} <= \
        {name for name, fills in rows.items() if fills}
    assert {name: fills for name, fills in rows.items()
            if any(f != {style.table_header_shading} for f in fills)} == {}


def _pictures(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.startswith("word/media/") and name.endswith((".svg", ".png"))}


@pytest.mark.parametrize("document, keys", [
    ("followup", ("chart_met", "chart_target", "chart_text", "chart_grid")),
    ("lagesbild", ("chart_series", "chart_edge", "chart_target", "chart_text")),
    ("agreement", ("primary", "secondary")),  # the organisation chart
])
def test_every_chart_is_drawn_in_the_styles_colours(document, keys, distinct, tmp_path):
    """The chart's SVG and its PNG fallback, in the distinct style and in the default."""
    def colours(style: HouseStyle) -> set[str]:
        # the lägesbild example compares the municipality with two others: three series
        return {value for key in keys for value in
                (style.chart_series[:3] if key == "chart_series" else [getattr(style, key)])}

    for style, other in ((distinct, DEFAULT), (DEFAULT, distinct)):
        pictures = _pictures(render_docx(_example(document), tmp_path / f"{document}.docx",
                                         style=style))
        svg = " ".join(v.decode() for k, v in pictures.items() if k.endswith(".svg")).upper()
        png = set().union(*(png_colours(v) for k, v in pictures.items() if k.endswith(".png")))
        assert svg and png, sorted(pictures)
        for colour in colours(style) - {"FFFFFF"}:
            assert colour in svg, (style.name, colour)
        assert not {c for c in colours(other) if c in svg}, style.name
        if document != "agreement":  # Graphviz tints the organisation chart's boxes
            assert colours(style) & png and not colours(other) & png, (style.name, png)


@pytest.mark.parametrize("document, keys", [
    ("followup", ("status_met", "status_partly")), ("atgardsplan", STATUS_COLOUR_KEYS),
    ("atgardsplan_uppfoljning", ("status_met", "status_partly", "status_not_met")),
])
def test_the_status_cells_are_shaded_in_the_styles_colours(document, keys, distinct, tmp_path):
    out = render_docx(_example(document), tmp_path / f"{document}.docx", style=distinct)
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode()
    fills = set(re.findall(r'w:fill="([0-9A-F]{6})"', body))
    assert {getattr(distinct, key) for key in keys} <= fills
    assert not {getattr(DEFAULT, key) for key in keys} & fills


def test_a_chart_in_the_default_colours_fails_the_check(distinct, tmp_path, monkeypatch):
    """The planted default: the follow-up's chart drawn in the default colours whatever the
    style (as before the charts took theirs from it), its status cells likewise."""
    monkeypatch.setattr(chart_module, "colour", lambda style, key: f"#{getattr(DEFAULT, key)}")
    monkeypatch.setattr(promises_context, "status_fill",
                        lambda status, style: getattr(DEFAULT, promises_context.STATUS_FILLS[status]))
    out = render_docx(_example("followup"), tmp_path / "uppfoljning.docx", style=distinct)
    found = defaults_in(out)
    parts = {name.rsplit(".", 1)[-1] for name, _ in found if name.startswith("word/media/")}
    assert parts == {"svg", "png"}, found
    assert ("word/document.xml", DEFAULT.status_met) in found
    assert {value for name, value in found if name.endswith(".svg")} >= \
        {DEFAULT.chart_met, DEFAULT.chart_target, DEFAULT.chart_text}
