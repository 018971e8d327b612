"""The layout check (``tests/layout_check.py``): each rule is shown to catch a document that
breaks it, and every example, in both bundled styles, passes it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

import trygga_docs
from trygga_docs.pdf.convert import Converter, PdfOptions

from . import layout_check
from .conftest import EXAMPLES

COMMITTEE = EXAMPLES / "trygghetsutskottet-2025"
TEXT = ("Utskottet går igenom lägesbilden för centrum och bostadsområdena och jämför den med "
        "föregående år. ")


@pytest.fixture(scope="module")
def converter() -> Iterator[Converter]:
    with Converter() as conv:
        conv.start()
        yield conv


def pdf_of(build: Callable[[DocxDocument], None], folder: Path, converter: Converter) -> Path:
    """A one-section A4 document with a header and a footer line, built by ``build``, as PDF."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.header.paragraphs[0].text = "Ekby kommun · Trygghetsutskottet"
    section.footer.paragraphs[0].text = "Sida"
    build(doc)
    docx = folder / "planted.docx"
    doc.save(str(docx))
    return converter.convert(docx, folder / "planted.pdf", PdfOptions(pdf_a=False), verify=False)


def rules(pdf: Path) -> set[str]:
    return {finding.rule for finding in layout_check.check(pdf)}


def fill(doc: DocxDocument, paragraphs: int) -> None:
    for _ in range(paragraphs):
        doc.add_paragraph(TEXT * 3)


def tight(paragraphs: list[Paragraph]) -> None:
    """No space around these paragraphs: a header or footer that ends right at the text."""
    for paragraph in paragraphs:
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def test_a_well_set_document_has_no_findings(tmp_path: Path, converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        doc.add_heading("Lägesbild", level=1)
        fill(doc, 12)
        doc.add_heading("Beslut", level=2)
        fill(doc, 3)

    assert layout_check.check(pdf_of(build, tmp_path, converter)) == []


def test_a_heading_that_ends_a_page_is_found(tmp_path: Path, converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        fill(doc, 8)
        doc.add_heading("§ 8 Sommarlovsaktiviteter för unga", level=2)
        page_break(doc)
        fill(doc, 2)

    found = layout_check.check(pdf_of(build, tmp_path, converter))
    assert [(f.rule, f.page) for f in found] == [("heading-ends-page", 1)]
    assert "§ 8" in found[0].text


@pytest.mark.parametrize("label", ["Expedieras till: Kommunstyrelsen", "Sekreterare"])
def test_a_closing_line_that_starts_a_page_is_found(label: str, tmp_path: Path,
                                                    converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        fill(doc, 8)
        page_break(doc)
        if label == "Sekreterare":  # a signature's name above its title, alone on the page
            doc.add_paragraph("Maria Nilsson")
        doc.add_paragraph(label)
        fill(doc, 8)

    found = layout_check.check(pdf_of(build, tmp_path, converter))
    assert [(f.rule, f.page, f.text) for f in found] == [("orphan-label", 2, label)]


def test_a_signature_heading_with_its_signatures_may_start_a_page(tmp_path: Path,
                                                                   converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        fill(doc, 8)
        page_break(doc)
        doc.add_heading("Underskrifter", level=2)
        doc.add_paragraph("Ordförande")
        fill(doc, 8)

    assert rules(pdf_of(build, tmp_path, converter)) == set()


def test_text_too_close_to_the_header_is_found(tmp_path: Path, converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        section = doc.sections[0]
        section.header_distance = Cm(1.0)
        section.top_margin = Cm(1.55)  # the header's line ends about 1.4 cm from the top
        for line in ("Sammanträdesprotokoll", "Sammanträdesdatum 2025-01-20"):
            section.header.add_paragraph(line)
        tight(section.header.paragraphs)
        fill(doc, 3)

    found = layout_check.check(pdf_of(build, tmp_path, converter))
    assert [f.rule for f in found] == ["header-gap"]


def test_text_too_close_to_the_footer_is_found(tmp_path: Path, converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        section = doc.sections[0]
        for line in ("Justerares signatur", "Utdragsbestyrkande"):
            section.footer.add_paragraph(line)
        tight(section.footer.paragraphs)
        text = doc.add_paragraph(TEXT * 60).paragraph_format  # lines down to the footer
        text.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        text.line_spacing = Pt(12)
        text.widow_control = False

    found = layout_check.check(pdf_of(build, tmp_path, converter))
    assert [(f.rule, f.page) for f in found] == [("footer-gap", 1)]


def test_a_table_row_split_across_pages_is_found(tmp_path: Path, converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        fill(doc, 8)
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Åtgärd"
        table.cell(0, 1).text = "Ansvarig"
        cell = table.cell(1, 0)
        cell.text = TEXT
        for _ in range(30):  # taller than what is left of the page: the row splits
            cell.add_paragraph(TEXT)
        table.cell(1, 1).text = "Ahmed Karimi"

    found = layout_check.check(pdf_of(build, tmp_path, converter))
    assert [(f.rule, f.page) for f in found] == [("row-split", 1)]


def test_a_nearly_empty_page_before_the_last_is_found(tmp_path: Path, converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        fill(doc, 8)
        page_break(doc)
        doc.add_paragraph("Maria Nilsson").paragraph_format.space_after = Pt(0)
        page_break(doc)
        doc.add_paragraph(TEXT)

    found = layout_check.check(pdf_of(build, tmp_path, converter))
    assert [(f.rule, f.page) for f in found] == [("empty-page", 2)]


def test_a_short_last_page_is_allowed(tmp_path: Path, converter: Converter) -> None:
    def build(doc: DocxDocument) -> None:
        fill(doc, 8)
        page_break(doc)
        doc.add_paragraph("Maria Nilsson")

    assert rules(pdf_of(build, tmp_path, converter)) == set()


# -- every example, in both bundled styles ------------------------------------------------------

@pytest.fixture(scope="module", params=["default", "klassisk"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             converter: Converter) -> Path:
    """Every example rendered as PDF in one style: each data file's documents, and the
    committee year's notices, extracts and register besides its protocols."""
    out = tmp_path_factory.mktemp(f"layout-{request.param}")
    for data in sorted(EXAMPLES.rglob("*.yaml")):
        trygga_docs.render_file(data, out / data.stem, formats=["pdf"], style=request.param,
                                converter=converter)
    trygga_docs.render_file(COMMITTEE / "sammantraden-2025.yaml", out / "cykel", formats=["pdf"],
                            style=request.param, document="notice,extract,register",
                            converter=converter)
    return out


def test_every_example_is_publishable_in_every_style(rendered: Path) -> None:
    found = layout_check.check_all(rendered)
    assert not found, "\n" + layout_check.report(found)
