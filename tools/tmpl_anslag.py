"""Template: tillkännagivande (``anslag.docx``): the notice on the (digital) notice board that a
protocol is adjusted: the sentences, the dates in a framed box as on a protocol's ANSLAG/BEVIS,
how to appeal, and who certifies it."""

from __future__ import annotations

from meetingkit import SIGNATURE_LINE, facts, frame, marks, meeting_styles, outline, slim
from templatekit import Look, Pt, new_document, tag


def build(look: Look):
    """Tillkännagivande om justerat protokoll."""
    doc = new_document(look)
    meeting_styles(doc, look)
    frame(doc, look, top_left="{{ issuer }}", top_right="TILLKÄNNAGIVANDE",
          left="{{ body }}", right="{{ header_right }}")

    marks(doc)
    doc.add_heading("{{ title }}", level=1)
    tag(doc, "for p in text")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    doc.add_paragraph()
    box = facts(doc, look, "facts", widths=(6.0, 10.0))
    outline(box, look.primary)

    doc.add_paragraph("Överklagande", style="Lead").paragraph_format.space_before = Pt(12)
    doc.add_paragraph("{{ appeal }}")

    doc.add_paragraph(SIGNATURE_LINE, style="Signature line")
    doc.add_paragraph("{{ signer.name }}", style="Table label")
    doc.add_paragraph("{{ signer.title }}", style="Table text")
    slim(doc)
    return doc
