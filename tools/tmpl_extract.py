"""Template: protokollsutdrag (``extract.docx``): one § of a protocol with the protocol's header,
the justering, *Utdragsbestyrkande* and who the extract is sent to (*Expedieras till*)."""

from __future__ import annotations

from meetingkit import slim, SIGNATURE_LINE, facts, frame, guarded, item_body, meeting_styles
from templatekit import Look, Pt, new_document, tag



def build(look: Look):
    """Protokollsutdrag."""
    doc = new_document(look)
    meeting_styles(doc, look)
    frame(doc, look, top_left="{{ issuer }}", top_right="PROTOKOLLSUTDRAG",
          left="{{ body }}", right="Sammanträdesdatum {{ date_iso }}")

    guarded(doc, "marking", lambda d: d.add_paragraph("{{ marking }}", style="Draft mark"))
    doc.add_heading("{{ item.heading }}", level=1)
    item_body(doc, look)

    doc.add_paragraph("Justering", style="Lead")
    doc.add_paragraph("{{ adjustment_sentence }}")
    facts(doc, look, "protocol_facts")

    doc.add_paragraph("Utdragsbestyrkande", style="Lead").paragraph_format.space_before = Pt(18)
    doc.add_paragraph("{{ certification }}")
    doc.add_paragraph(SIGNATURE_LINE, style="Signature line")
    doc.add_paragraph("{{ certifier.name }}", style="Table label")
    doc.add_paragraph("{{ certifier.title }}", style="Table text")

    def send(d):
        d.add_paragraph("Expedieras till", style="Lead").paragraph_format.space_before = Pt(18)
        tag(d, "for r in recipients")
        d.add_paragraph("{{ r }}", style="List Bullet")
        tag(d, "endfor")
    guarded(doc, "recipients", send)
    slim(doc)
    return doc
