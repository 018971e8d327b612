"""Template: tjänsteskrivelse (``report.docx``)."""

from __future__ import annotations

from meetingkit import classification_style
from templatekit import Look, Pt, cell_text, new_document, page_frame, shade, table, tag
from tmpl_promises import borderless, signatures



def paragraphs(doc, heading: str, name: str) -> None:
    """A standard heading that is always printed, with its paragraphs."""
    doc.add_heading(heading, level=2)
    tag(doc, f"for p in {name}")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")


def build(look: Look):
    """Tjänsteskrivelse: the officer's block, every standard heading, documents, sändlista, signatories.

    The header, with the diarienummer, is the same on every page, the first included.
    """
    doc = new_document(look)
    classification_style(doc, look)
    page_frame(doc, look, header_left="{{ header_left }}", header_right="{{ header_right }}",
               first_page_plain=False)

    block = borderless(table(doc, look, [9.5, 6.5], header=False))
    left, right = block.rows[0].cells
    cell_text(left, "{{ organisation }}", "Table label").runs[0].font.size = Pt(13)
    left.add_paragraph("{{ department }}", style="Table text")
    left.add_paragraph("Handläggare", style="Table label").paragraph_format.space_before = Pt(8)
    left.add_paragraph("{{ officer_line }}", style="Table text")
    left.add_paragraph("{%p if contact_line %}", style="Table text")
    left.add_paragraph("{{ contact_line }}", style="Table text")
    left.add_paragraph("{%p endif %}", style="Table text")
    cell_text(right, "{{ document_kind }}", "Table label").runs[0].font.size = Pt(13)
    right.add_paragraph("{{ date }}", style="Table text")
    right.add_paragraph("{{ case_number }}", style="Table text")
    addressee = right.add_paragraph("{{ addressee }}", style="Table label")
    addressee.paragraph_format.space_before = Pt(8)

    tag(doc, "if draft")
    doc.add_paragraph("UTKAST", style="Draft mark")
    tag(doc, "endif")
    tag(doc, "if classification")
    doc.add_paragraph("{{ classification }}", style="Classification")
    tag(doc, "endif")
    title = doc.add_heading("{{ title }}", level=1)
    title.paragraph_format.space_before = Pt(24)

    doc.add_heading("Förslag till beslut", level=2)
    proposals = borderless(table(doc, look, [16.0], header=False))
    shade(proposals.rows[0].cells[0], look.box_shading)
    cell = proposals.rows[0].cells[0]
    cell_text(cell, "{%p for p in proposals %}")
    cell.add_paragraph("{{ p }}")
    cell.add_paragraph("{%p endfor %}")

    doc.add_heading("Beslutsnivå", level=2)
    doc.add_paragraph("{{ decision_level }}")
    paragraphs(doc, "Sammanfattning", "summary")
    paragraphs(doc, "Bakgrund", "background")
    paragraphs(doc, "Ärendebeskrivning", "description")
    paragraphs(doc, "Bedömning", "assessment")
    tag(doc, "for c in consequences")
    doc.add_heading("{{ c.heading }}", level=2)
    tag(doc, "for p in c.paragraphs")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "endfor")

    doc.add_heading("Handlingar i ärendet", level=2)
    tag(doc, "if documents")
    documents = table(doc, look, [1.4, 11.6, 3.0])
    for cell, label in zip(documents.rows[0].cells, ("Nr", "Handling", "{{ attached_heading }}")):
        shade(cell, look.table_header_shading)
        cell_text(cell, label, "Table label")
    documents.add_row()
    documents.add_row()
    cell_text(documents.rows[1].cells[0], "{%tr for d in documents %}")
    cell_text(documents.rows[2].cells[0], "{{ d.number }}")
    cell_text(documents.rows[2].cells[1], "{{ d.title }}")
    cell_text(documents.rows[2].cells[2], "{{ d.attached }}")
    cell_text(documents.rows[3].cells[0], "{%tr endfor %}")
    tag(doc, "else")
    doc.add_paragraph("{{ no_documents }}")
    tag(doc, "endif")

    doc.add_heading("Sändlista för beslutsexpediering", level=2)
    tag(doc, "if distribution")
    tag(doc, "for r in distribution")
    doc.add_paragraph("{{ r }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "else")
    doc.add_paragraph("{{ no_distribution }}")
    tag(doc, "endif")

    signatures(doc, look, lines=False)
    return doc
