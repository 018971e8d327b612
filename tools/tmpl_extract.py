"""Template: protokollsutdrag (``extract.docx``): one § of a protocol with the protocol's header,
the justering, *Utdragsbestyrkande* and who the extract is sent to (*Expedieras till*)."""

from __future__ import annotations

from meetingkit import marks, slim, SIGNATURE_LINE, facts, frame, guarded, item_body, meeting_styles
from docx.oxml import OxmlElement
from templatekit import Look, Pt, cell_text, new_document, table, tag
from tmpl_promises import borderless



def build(look: Look):
    """Protokollsutdrag."""
    doc = new_document(look)
    meeting_styles(doc, look)
    frame(doc, look, top_left="{{ issuer }}", top_right="PROTOKOLLSUTDRAG",
          left="{{ body }}", right="Sammanträdesdatum {{ date_iso }}")

    marks(doc)
    doc.add_heading("{{ item.heading }}", level=1)
    item_body(doc, look)

    doc.add_paragraph("Justering", style="Lead")
    doc.add_paragraph("{{ adjustment_sentence }}")
    facts(doc, look, "protocol_facts")

    # the certification, its signature and who gets the extract go to a page as one block,
    # with their heading: a table row that does not split (LibreOffice does not always keep a
    # chain of short paragraphs together); a table without headers, tagged as layout, not data
    lead = doc.add_paragraph("Utdragsbestyrkande", style="Lead")
    lead.paragraph_format.space_before = Pt(18)
    lead.paragraph_format.keep_with_next = True
    block = borderless(table(doc, look, [16.0], header=False))
    cell = block.rows[0].cells[0]
    cell_text(cell, "{{ certification }}", "Normal")
    cell.add_paragraph(SIGNATURE_LINE, style="Signature line")
    cell.add_paragraph("{{ certifier.name }}", style="Table label")
    cell.add_paragraph("{{ certifier.title }}", style="Table text")
    block.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def send(d):
        d.add_paragraph("Expedieras till", style="Lead").paragraph_format.space_before = Pt(18)
        tag(d, "for r in recipients")
        d.add_paragraph("{{ r }}", style="List Bullet")
        tag(d, "endfor")
    guarded(cell, "recipients", send)
    slim(doc)
    return doc
