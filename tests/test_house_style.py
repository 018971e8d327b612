"""A house style is complete as data: a style folder with only ``style.toml`` changes every
colour, font and line of every bundled template (issue 15, deliverable 6).

Every document type is rendered from the bundled examples in a style whose colours and fonts all
differ from the default's; no XML part of the Word file may still hold a default value.
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

from trygga_docs.api import render
from trygga_docs.context import lagesbild as lagesbild_context
from trygga_docs.context import promises as promises_context
from trygga_docs.context.registry import DOCUMENTS, type_of
from trygga_docs.errors import DataError
from trygga_docs.loader import load
from trygga_docs.style import BUNDLED_TEMPLATES, COLOUR_KEYS, FONT_KEYS, HouseStyle, load_style
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
"""
"""A style of only ``style.toml``: every colour and font differs from the default's, and both
fonts are installed where the tests run (the PDF check needs them)."""

DEFAULT = HouseStyle()
DEFAULT_VALUES = {getattr(DEFAULT, key) for key in (*COLOUR_KEYS, *FONT_KEYS)}

DATA_COLOURS = {*promises_context.STATUS_FILLS.values(), *lagesbild_context.STATUS_FILLS.values()}
"""Colours the data brings (a promise's or an action's status as a cell's shading), not the
template: a rendered document may show them whatever its style. The templates themselves are
checked without this exception (``test_no_bundled_template_keeps_a_default_value``)."""


def write_style(folder: Path, text: str = DISTINCT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "style.toml").write_text(text, encoding="utf-8")
    return folder


def defaults_in(docx: bytes | Path, allowed: set[str] = frozenset()) -> list[tuple[str, str]]:
    """Every (part, value) where a default colour (any case, with or without ``#``) or font
    name appears in an XML part of a Word file, except the ``allowed`` values."""
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    wanted = sorted(DEFAULT_VALUES - set(allowed))
    pattern = re.compile("|".join(re.escape(v) for v in wanted), re.IGNORECASE)
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
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
    for key in (*COLOUR_KEYS, *FONT_KEYS):
        assert getattr(distinct, key) not in DEFAULT_VALUES, key
    assert len({getattr(distinct, key) for key in (*COLOUR_KEYS, *FONT_KEYS)}) == \
        len(COLOUR_KEYS) + len(FONT_KEYS)


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
    assert defaults_in(out, allowed=DATA_COLOURS) == []
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
    found = defaults_in(out, allowed=DATA_COLOURS)
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
