"""Template: sammanträdesprotokoll (``protocol.docx``): place and time, justerare, signatures and
the anslag/bevis box on the first page, then who decided, who else was there, the guests and who
was absent (närvarolista), the list of items and each § with its matter and decision; with the
style's ``protocol_first_page = "attendance"`` the older order, attendance first. Every page
carries boxes for the justerare's initials."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from meetingkit import (contents, marks, slim, SIGNATURE_LINE, facts, frame, guarded, item_body, looped_table,
                        meeting_styles, outline)
from templatekit import Look, Pt, cell_text, new_document, page_break, table, tag

from trygga_docs.text import TERMS



def people(doc, look: Look, label: str, loop_over: str) -> None:
    doc.add_paragraph(label, style="Lead")
    looped_table(doc, look, [5.2, 5.6, 5.2], ["Namn", "Funktion", TERMS.party_or_organisation],
                 ["{{ p.name }}", "{{ p.function }}", "{{ p.organisation }}"], f"p in {loop_over}")


def attendance(doc, look: Look) -> None:
    """Beslutande, övriga närvarande, gäster and frånvarande."""
    people(doc, look, "Beslutande", "deciding")
    guarded(doc, "others", lambda d: people(d, look, "Övriga närvarande", "others"))
    guarded(doc, "guests", lambda d: people(d, look, "Gäster", "guests"))
    guarded(doc, "absent", lambda d: people(d, look, "Frånvarande", "absent"))


def signatures_block(doc, look: Look) -> None:
    """*Underskrifter*: secretary, chair and justerare, each a line to sign on, one block."""
    doc.add_paragraph("Underskrifter", style="Lead")
    signatures = table(doc, look, [4.2, 11.8], header=False)
    signatures.add_row()
    signatures.add_row()
    cell_text(signatures.rows[0].cells[0], "{%tr for s in signatures %}")
    label = cell_text(signatures.rows[1].cells[0], "{{ s.label }}", "Table label")
    label.paragraph_format.space_before = Pt(18)
    sign = signatures.rows[1].cells[1]
    cell_text(sign, SIGNATURE_LINE, "Signature line")
    sign.add_paragraph("{{ s.name }}", style="Table text")
    cell_text(signatures.rows[2].cells[0], "{%tr endfor %}")
    _no_inner_lines(signatures)
    _keep_together(signatures)
    doc.add_paragraph()


def anslag_box(doc, look: Look) -> None:
    """ANSLAG/BEVIS: the notice that the protocol is adjusted, with the dates by the law's rule."""
    box = table(doc, look, [6.0, 10.0], header=False)
    box.alignment = WD_TABLE_ALIGNMENT.LEFT
    rows = [("Organ", "{{ anslag.body }}"),
            ("Sammanträdesdatum", "{{ anslag.meeting_date }}"),
            ("Protokollet justerat", "{{ anslag.adjusted }}"),
            ("Datum då anslaget sätts upp", "{{ anslag.posted }}"),
            ("Sista dag för överklagande", "{{ anslag.appeal_ends }}"),
            ("Datum då anslaget tas ned", "{{ anslag.taken_down }}"),
            ("Förvaringsplats för protokollet", "{{ anslag.kept_at }}")]
    for _ in range(len(rows) + 1):
        box.add_row()
    head = box.rows[0].cells[0].merge(box.rows[0].cells[1])
    cell_text(head, "ANSLAG/BEVIS", "Table label")
    head.add_paragraph("{{ anslag.sentence }}", style="Table text")
    for row, (label_text, value) in zip(box.rows[1:], rows):
        cell_text(row.cells[0], label_text, "Table label")
        cell_text(row.cells[1], value)
    last = box.rows[len(rows) + 1]
    cell_text(last.cells[0], "Underskrift", "Table label").paragraph_format.space_before = Pt(22)
    cell_text(last.cells[1], SIGNATURE_LINE, "Signature line")
    last.cells[1].add_paragraph("{{ anslag.signer }}", style="Table text")
    outline(box, look.primary)
    _keep_together(box)  # the box is one block: on the first page whole, or whole on the next
    for paragraph in last.cells[1].paragraphs[-1:] + last.cells[0].paragraphs[-1:]:
        paragraph.paragraph_format.keep_with_next = False


def build(look: Look):
    """Sammanträdesprotokoll."""
    doc = new_document(look)
    meeting_styles(doc, look)
    frame(doc, look, top_left="{{ issuer }}", top_right="{{ document_label }}",
          left="{{ body }}", right="Sammanträdesdatum {{ date_iso }}",
          boxes=(TERMS.adjusters_signature, "Utdragsbestyrkande"))

    marks(doc)
    doc.add_heading("{{ title }}", level=1)
    facts(doc, look, "place_and_time")

    # Swedish practice (the style's protocol_first_page = "signatures"): the first page holds
    # place and time, justering, the signatures and the ANSLAG/BEVIS box; the attendance
    # (närvarolista) begins the next page and the paragraphs follow it without a page break.
    # The older layout: the attendance first, then justering, signatures and the box, and the
    # paragraphs on a page of their own.
    tag(doc, "if signatures_first")
    facts(doc, look, "adjustment")
    signatures_block(doc, look)
    anslag_box(doc, look)
    # a page break before the heading, not a paragraph with a break: a full first page would
    # otherwise push that paragraph alone onto an empty page
    doc.add_heading("Närvarolista", level=2).paragraph_format.page_break_before = True
    attendance(doc, look)
    doc.add_paragraph()
    tag(doc, "else")
    attendance(doc, look)
    doc.add_paragraph()
    facts(doc, look, "adjustment")
    signatures_block(doc, look)
    anslag_box(doc, look)
    page_break(doc)
    tag(doc, "endif")
    contents(doc, look, 2)
    doc.add_heading("Ärenden", level=2)
    looped_table(doc, look, [1.8, 10.6, 3.6], ["§", "Ärende", "Dnr"],
                 ["{{ i.number }}", "{{ i.title }}", "{{ i.case_number }}"], "i in index")
    doc.add_paragraph()

    tag(doc, "for item in items")
    doc.add_heading("{{ item.heading }}", level=2)
    item_body(doc, look)
    tag(doc, "endfor")
    slim(doc)
    return doc


def _keep_together(tbl) -> None:
    """Rows that do not split and stay on the page with the next: the signatures as one block."""
    for row in tbl.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _no_inner_lines(tbl) -> None:
    borders = tbl._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is not None:
        tbl._tbl.tblPr.remove(borders)
