"""Template: åtgärdsregister (``register.docx``): every action item of a body's meetings, open and
done, with who owns it, when it is due and its status on the register's day."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from meetingkit import marks, slim, frame, guarded, looped_table, meeting_styles
from templatekit import Cm, Look, new_document



def build(look: Look):
    """Åtgärdsregister."""
    doc = new_document(look)
    section = doc.sections[0]  # landscape: a wide table that is read across
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(2.6), Cm(1.8)  # room for the two-line header
    meeting_styles(doc, look)
    frame(doc, look, top_left="{{ issuer }}", top_right="ÅTGÄRDSREGISTER",
          left="{{ body }}", right="{{ header_right }}")

    marks(doc)
    doc.add_heading("{{ title }}", level=1)
    doc.add_paragraph("{{ summary }}")
    looped_table(doc, look, [2.2, 1.3, 4.5, 6.5, 5.2, 2.2, 2.8],
                 ["Möte", "Nr", "Ärende", "Åtgärd", "Ansvarig", "Klart senast", "Status"],
                 ["{{ r.meeting }}", "{{ r.number }}", "{{ r.item }}", "{{ r.task }}",
                  "{{ r.owner }}", "{{ r.due }}", "{{ r.status }}"], "r in rows")
    guarded(doc, "not rows", lambda d: d.add_paragraph("Inga åtgärder är registrerade."))
    slim(doc)
    return doc
