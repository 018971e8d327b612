"""Word files valid against ECMA-376: every template and every rendered document.

Two checks: property elements in schema order (our own, fast, what Word reports as damaged), and
openxml-audit, which validates every part against the Open XML SDK's schema model and Word's
application-compatibility rules. Each is proven on a planted error.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openxml_audit
import pytest
from docx import Document
from lxml import etree

import trygga_docs
from trygga_docs.batch import data_files, render_many
from trygga_docs.style import BUNDLED_TEMPLATES
from trygga_docs.word.ooxml import SCHEMA_ORDER, on_off_only, restore_picture_titles
from trygga_docs.word.toc import fill_toc, outline_entries

from .conftest import HOOR_AGREEMENT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
TEMPLATES = sorted(BUNDLED_TEMPLATES.glob("*/*.docx"))
_VALIDATOR = None


def out_of_order(path: Path) -> list[str]:
    """Every property element in the file whose children break the schema's order."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for parent, order in SCHEMA_ORDER.items():
                for element in root.iter(f"{{{W}}}{parent}"):
                    ranks = [order.index(etree.QName(c).localname) for c in element
                             if etree.QName(c).namespace == W and etree.QName(c).localname in order]
                    if ranks != sorted(ranks):
                        found.append(f"{name}: {parent}: "
                                     + " ".join(etree.QName(c).localname for c in element))
    return found


def schema_errors(path: Path) -> list[str]:
    """What openxml-audit finds in the file: schema, semantic and Word app-compat errors."""
    global _VALIDATOR
    if _VALIDATOR is None:
        _VALIDATOR = openxml_audit.OpenXmlValidator()
    result = _VALIDATOR.validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


def planted(source: Path, out: Path, part: str, change) -> Path:
    """A copy of ``source`` with ``change(xml) -> xml`` applied to one part."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                changed = change(data.decode("utf-8"))
                assert changed != data.decode("utf-8"), f"nothing planted in {part}"
                data = changed.encode("utf-8")
            zout.writestr(item, data)
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, list[Path]]:
    """Every example's Word files in both styles, the meeting cycle's documents included."""
    found = {}
    for style in ("default", "klassisk"):
        out = tmp_path_factory.mktemp(style)
        result = render_many(data_files(trygga_docs.EXAMPLES), out, style=style,
                             document=None, workers=2)
        assert result.ok, result.summary()
        cycle = render_many(data_files(trygga_docs.EXAMPLES / "trygghetsutskottet-2025"),
                            out / "cykel", style=style, document="notice,extract,register,anslag",
                            workers=2)
        assert cycle.ok, cycle.summary()
        found[style] = [p for p in (*result.written, *cycle.written) if p.suffix == ".docx"]
    return found


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> dict[str, Path]:
    """The agreement (the document type with a table of contents), its table filled in with the
    page numbers of a layout by LibreOffice (``fill_toc``)."""
    out = tmp_path_factory.mktemp("filled")
    return {style: trygga_docs.render_file(HOOR_AGREEMENT, out / f"avtal-{style}.docx",
                                           style=style, fill_toc=True)[0]
            for style in ("default", "klassisk")}


# ---- templates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_templates_keep_the_schema_order(template):
    assert out_of_order(template) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_templates_validate_against_the_open_xml_schema(template):
    assert schema_errors(template) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_templates_are_swedish_throughout(template):
    settings = Document(str(template)).settings.element
    theme_lang = settings.find(f"{{{W}}}themeFontLang")
    assert theme_lang.get(f"{{{W}}}val") == "sv-SE"
    assert settings.find(f"{{{W}}}decimalSymbol").get(f"{{{W}}}val") == ","


# ---- rendered documents ------------------------------------------------------------------------

@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_every_rendered_example_keeps_the_schema_order(style, rendered):
    written = rendered[style]
    assert len(written) > 20
    assert {p.name: out_of_order(p) for p in written if out_of_order(p)} == {}


@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_every_rendered_example_validates_against_the_open_xml_schema(style, rendered):
    errors = {p.name: schema_errors(p) for p in rendered[style]}
    assert {name: found for name, found in errors.items() if found} == {}


def test_a_rendered_document_is_dated_when_it_was_rendered(tmp_path):
    before = datetime.now(timezone.utc).replace(microsecond=0)
    (docx,) = trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "avtal.docx")
    after = datetime.now(timezone.utc) + timedelta(seconds=1)
    core = Document(str(docx)).core_properties
    for stamp in (core.created, core.modified):
        assert before <= stamp.replace(tzinfo=timezone.utc) <= after
    assert core.language == "sv-SE"


def test_a_custom_template_s_stale_styles_with_effects_is_not_rendered(tmp_path):
    import docx

    default = Path(docx.__file__).parent / "templates" / "default.docx"
    with zipfile.ZipFile(default) as archive:
        effects = archive.read("word/stylesWithEffects.xml")
    style = tmp_path / "stil"
    style.mkdir()
    source = BUNDLED_TEMPLATES / "default" / "agreement.docx"
    with zipfile.ZipFile(source) as zin, \
            zipfile.ZipFile(style / "agreement.docx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rId900" Type="http://schemas.microsoft.com/office/2007/'
                    b'relationships/stylesWithEffects" Target="stylesWithEffects.xml"/>'
                    b"</Relationships>"))
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    b'<Override PartName="/word/stylesWithEffects.xml" ContentType="application/'
                    b'vnd.ms-word.stylesWithEffects+xml"/></Types>'))
            zout.writestr(item, data)
        zout.writestr("word/stylesWithEffects.xml", effects)
    assert any("stylesWithEffects" in e for e in schema_errors(style / "agreement.docx"))
    (docx_file,) = trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "avtal.docx", style=style)
    with zipfile.ZipFile(docx_file) as archive:
        assert "word/stylesWithEffects.xml" not in archive.namelist()
    assert schema_errors(docx_file) == []


# ---- the Word file made alone, its table of contents filled (LibreOffice in the background) -----

@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_the_filled_docx_made_alone_is_valid(style, filled):
    assert out_of_order(filled[style]) == []
    assert schema_errors(filled[style]) == []


@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_the_filled_docx_has_its_table_of_contents_and_keeps_the_picture_titles(style, filled,
                                                                                 tmp_path):
    (plain,) = trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "avtal.docx", style=style)
    document = Document(str(filled[style]))
    lines = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
             for p in document.element.body.iter(f"{{{W}}}p")]
    entries = [line for line in lines[:lines.index("Övergripande mål") if "Övergripande mål" in
                                      lines else None]
               if re.fullmatch(r"\d+(\.\d+)*\.?\s*\S.*\D\s*\d+", line)]
    assert entries[0].startswith("1. Övergripande mål") and entries[0].endswith("3"), entries
    assert len(entries) > 10
    pictures = [(d.get("title"), d.get("descr"))
                for d in document.element.iter(f"{{{WP}}}docPr")]
    originals = [(d.get("title"), d.get("descr"))
                 for d in Document(str(plain)).element.iter(f"{{{WP}}}docPr")]
    assert pictures == originals
    assert all(title and descr for title, descr in pictures)


def test_libreoffice_s_row_flags_and_lost_titles_are_mended():
    from docx.oxml import parse_xml

    ns = f'xmlns:w="{W}" xmlns:wp="{WP}"'
    row = parse_xml(f'<w:trPr {ns}><w:cantSplit w:val="true"/><w:tblHeader w:val="false"/>'
                    f'<w:hidden/></w:trPr>')
    on_off_only(row)
    assert [dict(c.attrib) for c in row] == [{}, {f"{{{W}}}val": "off"}, {}]
    saved = parse_xml(f'<w:body {ns}><wp:docPr id="1" name="P" descr="alt"/></w:body>')
    source = parse_xml(f'<w:body {ns}><wp:docPr id="9" name="P" descr="alt" title="Bild 1"/>'
                       f'</w:body>')
    assert restore_picture_titles(saved, source) == 1
    assert saved[0].get("title") == "Bild 1"
    extra = parse_xml(f'<w:body {ns}><wp:docPr id="1"/><wp:docPr id="2"/></w:body>')
    assert restore_picture_titles(extra, source) == 0  # not matched by guesswork


# ---- the table of contents, filled from the PDF --------------------------------------------------

def toc_lines(docx_path: Path) -> list[str]:
    document = Document(str(docx_path))
    ids = {s.style_id for s in document.styles if re.fullmatch(r"toc \d", s.name.lower())}
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
            for p in document.element.body.iter(f"{{{W}}}p")
            if (style := p.find(f"{{{W}}}pPr/{{{W}}}pStyle")) is not None
            and style.get(f"{{{W}}}val") in ids]


@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_a_word_file_made_with_its_pdf_has_the_pdf_s_table_of_contents(style, tmp_path):
    written = trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "avtal", style=style,
                                      formats=["docx", "pdf"])
    docx_path, pdf = (tmp_path / "avtal.docx", tmp_path / "avtal.pdf")
    assert set(written) == {docx_path, pdf}
    expected = [f"{title}{page}" for level, title, page in outline_entries(pdf) if level <= 2]
    assert len(expected) > 10 and toc_lines(docx_path) == expected
    titles = [d.get("title") for d in Document(str(docx_path)).element.iter(f"{{{WP}}}docPr")]
    assert titles and all(titles)  # nothing re-saved by LibreOffice: the pictures keep them
    assert schema_errors(docx_path) == [] and out_of_order(docx_path) == []


@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_a_word_file_made_alone_has_the_same_table_of_contents(style, tmp_path):
    (docx_path,) = trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "avtal.docx", style=style,
                                           fill_toc=True)
    trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "pdf" / "avtal", style=style,
                            formats=["docx", "pdf"])
    assert toc_lines(docx_path) == toc_lines(tmp_path / "pdf" / "avtal.docx")
    assert len(toc_lines(docx_path)) > 10
    assert "Innehållsförteckningen fylls i" not in "".join(p.text for p in
                                                          Document(str(docx_path)).paragraphs)
    assert schema_errors(docx_path) == [] and out_of_order(docx_path) == []


def test_the_table_of_contents_is_not_filled_when_a_heading_has_no_bookmark(tmp_path):
    (docx_path,) = trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "avtal.docx")
    document = Document(str(docx_path))
    before = document.element.xml
    assert fill_toc(document, [(1, "1. Övergripande mål", 3)]) == 0  # the others are missing
    assert document.element.xml == before


# ---- each check catches a planted error --------------------------------------------------------

@pytest.fixture(scope="module")
def good_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good")
    (docx,) = trygga_docs.render_file(HOOR_AGREEMENT, out / "avtal.docx")
    assert schema_errors(docx) == [] and out_of_order(docx) == []
    return docx


def test_the_order_check_catches_cell_margins_out_of_order(good_docx, tmp_path):
    bad = planted(good_docx, tmp_path / "bad.docx", "word/document.xml",
                  lambda x: re.sub(r"(<w:tblCellMar>)(<w:top [^>]*/>)(<w:left [^>]*/>)",
                                   r"\1\3\2", x, count=1))
    assert any("tblCellMar: left top" in f for f in out_of_order(bad))
    assert any("Unexpected element 'top'" in e for e in schema_errors(bad))


@pytest.mark.parametrize("planting, expected", [
    (lambda x: x.replace("<w:cantSplit/>", '<w:cantSplit w:val="true"/>', 1),
     "Value 'true' is not in allowed values"),
    (lambda x: re.sub(r'<w:jc w:val="[a-z]+"/>', '<w:jc w:val="middle"/>', x, count=1),
     "Value 'middle' is not in allowed values"),
    (lambda x: x.replace("<w:pPr>", "<w:pPr><w:colour/>", 1), "Unexpected element 'colour'"),
], ids=["on-off-only", "bad-value", "unknown-element"])
def test_the_schema_validator_catches_a_planted_error(good_docx, tmp_path, planting, expected):
    bad = planted(good_docx, tmp_path / "bad.docx", "word/document.xml", planting)
    assert any(expected in e for e in schema_errors(bad)), schema_errors(bad)


def test_the_schema_validator_catches_stale_styles_with_effects(tmp_path):
    # python-docx's own template carries Word 2010's copy of the styles; a style added to
    # styles.xml alone makes the two disagree (what every template did before)
    document = Document()
    document.styles.add_style("Lead", 1)
    document.save(str(tmp_path / "stale.docx"))
    assert any("stylesWithEffects" in e for e in schema_errors(tmp_path / "stale.docx"))
