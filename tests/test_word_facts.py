"""What the PDF step reads from a Word file itself, and that it agrees with LibreOffice."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pypdf import PdfReader

from tests.test_pdf import (
    HEADINGS,
    OPTIONS,
    _field,
    _set_document_language,
    make_minutes_docx,
    make_pictures_docx,
)
import trygga_docs
from trygga_docs.pdf import convert as pdf_module
from trygga_docs.pdf.convert import Converter, PdfOptions
from trygga_docs.pdf.word_facts import read_word_facts

REPO = Path(__file__).resolve().parents[1]


def _fields_docx(path: Path, lang: str = "en-US") -> Path:
    doc = Document()
    _set_document_language(doc, lang)
    doc.core_properties.title = "Protokoll från Trygghetsrådet"
    _field(doc.add_paragraph("Titel: "), "DOCPROPERTY Title", "INAKTUELL TITEL")
    _field(doc.add_paragraph("Datum: "), 'DATE \\@ "yyyy-MM-dd"', "1999-01-01")
    doc.save(path)
    return path


def test_minutes_have_a_table_of_contents_and_page_fields_only(tmp_path):
    facts = read_word_facts(make_minutes_docx(tmp_path / "protokoll.docx"))
    assert facts.fields == {"TOC", "PAGE", "NUMPAGES"}
    assert facts.has_index and not facts.needs_field_refresh
    assert facts.language == "sv-SE"


def test_every_bundled_template_is_read_and_only_agreement_minutes_protocol_have_a_toc():
    # the minutes' and the protocol's table of contents covers the items alone (TOC \o "3-3",
    # "2-2"), which LibreOffice would read as "1-3", "1-2": the worker is told the levels
    levels = {"agreement": None, "minutes": (3, 3), "protocol": (2, 2)}
    for template in sorted((REPO / "templates").glob("*/*.docx")):
        facts = read_word_facts(template)
        assert facts is not None, template
        assert facts.language == "sv-SE", template
        assert facts.has_index == (template.stem in levels), template
        assert facts.toc_levels == levels.get(template.stem), template
        assert not facts.needs_field_refresh, template


def test_every_picture_in_a_rendered_document_has_alt_text(tmp_path):
    # the klassisk agreement: the logo in the header and the organisation chart in the text
    out = trygga_docs.render_file(trygga_docs.EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml",
                                  tmp_path / "avtal.docx", style="klassisk")[0]
    with zipfile.ZipFile(out) as docx:
        pictures = sum(docx.read(name).count(b"<pic:pic") for name in docx.namelist()
                       if name.startswith("word/") and name.endswith(".xml"))
    assert pictures >= 2
    assert read_word_facts(out).images_without_alt_text == ()


def test_field_instructions_split_over_runs_nested_and_simple_are_all_found(tmp_path):
    doc = Document()
    _field(doc.add_paragraph(), [" DOC", "PROPERTY Title "], "titel")
    # a table of contents whose result holds PAGEREF fields, as Word leaves it
    toc = doc.add_paragraph()
    _field(toc, 'TOC \\o "1-3"', "")
    _field(toc, "PAGEREF _Toc1 \\h", "3")
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), " SEQ Tabell \\* ARABIC ")
    doc.add_paragraph()._p.append(simple)
    doc.save(tmp_path / "falt.docx")
    facts = read_word_facts(tmp_path / "falt.docx")
    assert facts.fields == {"DOCPROPERTY", "TOC", "PAGEREF", "SEQ"}
    assert facts.needs_field_refresh


def test_pictures_without_alt_text_are_named_also_in_the_header(tmp_path):
    facts = read_word_facts(make_pictures_docx(tmp_path / "bilder.docx", header_picture=True))
    assert facts.images_without_alt_text == ("'Picture 1'", "'Picture 1' in a page header")
    assert facts.fields == set() and not facts.has_index


@pytest.mark.parametrize("content", [b"not a zip at all", None])
def test_files_it_cannot_read_for_certain_are_left_to_libreoffice(tmp_path, content):
    path = tmp_path / "konstig.docx"
    if content is not None:
        path.write_bytes(content)
    else:  # a Word file with old VML pictures
        make_minutes_docx(path, headings=HEADINGS[:1], paragraphs=1)
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts["word/document.xml"] = parts["word/document.xml"].replace(
            b"</w:body>", b"<v:imagedata r:id='x'/></w:body>")
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
    assert read_word_facts(path) is None


def _convert_both_ways(tmp_path, monkeypatch, docx: Path, options: PdfOptions):
    """Convert with the facts read from the file, and with LibreOffice asked instead."""
    out = []
    with Converter(workers=1, timeout=60) as conv:
        for way in ("read", "asked"):
            if way == "asked":
                monkeypatch.setattr(pdf_module, "read_word_facts", lambda path: None)
            [result] = conv.convert_many([(docx, tmp_path / f"{docx.stem}-{way}.pdf", options)])
            assert result.ok, result.error
            reader = PdfReader(result.pdf)
            # the pictures' warnings; the PDF/UA check's own warning is the same both ways
            out.append((sorted(w for w in result.warnings if not w.startswith("not PDF/UA")),
                        reader.trailer["/Root"]["/Lang"],
                        [page.extract_text() for page in reader.pages]))
    return out


def test_facts_read_from_the_file_give_the_same_pdf_as_asking_libreoffice(tmp_path, monkeypatch):
    docx = make_pictures_docx(tmp_path / "bilder.docx", header_picture=True)
    read, asked = _convert_both_ways(tmp_path, monkeypatch, docx, OPTIONS)
    assert read[1:] == asked[1:]  # the same /Lang and text
    # the same pictures reported (LibreOffice renames the header's 'Picture 1' to 'Image2')
    assert len(read[0]) == len(asked[0]) == 2
    assert read[0] == ["image 'Picture 1' has no alternative text; screen readers cannot "
                       "describe it. Give it a description (alt text) in the template",
                       "image 'Picture 1' in a page header has no alternative text; screen "
                       "readers cannot describe it. Give it a description (alt text) in the "
                       "template"]


def test_fields_other_than_page_numbers_show_current_values_in_an_english_template(
        tmp_path, monkeypatch):
    docx = _fields_docx(tmp_path / "falt.docx")
    read, asked = _convert_both_ways(tmp_path, monkeypatch, docx, PdfOptions(title="Ny titel"))
    assert read == asked
    text = read[2][0]
    assert read[1] == "sv-SE"  # repaired: the template said en-US
    assert "Titel: Ny titel" in text and "INAKTUELL" not in text
    assert f"Datum: {dt.date.today():%Y-%m-%d}" in text
