"""Template: minnesanteckningar (``minutes.docx``), the notes of an advisory council such as
Trygghetsrådet: time, place, participants, numbered items with their actions, next meeting and
*Vid pennan*. No justering and no anslag: notes have no legal form."""

from __future__ import annotations

from meetingkit import contents, marks, slim, facts, guarded, item_body, looped_table, meeting_styles
from templatekit import Look, Pt, new_document, page_frame, tag



def build(look: Look):
    """Minnesanteckningar."""
    doc = new_document(look)
    meeting_styles(doc, look)
    page_frame(doc, look, header_left="{{ issuer }}", header_right="{{ header_right }}",
               footer_left="{{ body }}", first_page_plain=False)

    marks(doc)
    doc.add_heading("{{ title }}", level=1)
    facts(doc, look, "facts")
    doc.add_paragraph()

    doc.add_paragraph("Deltagare", style="Lead")
    looped_table(doc, look, [5.5, 10.5], None, ["{{ p.name }}", "{{ p.role }}"],
                 "p in participants")

    def guests(d):
        d.add_paragraph("Gäster", style="Lead")
        looped_table(d, look, [5.5, 10.5], None, ["{{ p.name }}", "{{ p.role }}"], "p in guests")
    guarded(doc, "guests", guests)

    def absent(d):
        d.add_paragraph("Frånvarande", style="Lead")
        looped_table(d, look, [5.5, 10.5], None, ["{{ p.name }}", "{{ p.role }}"], "p in absent")
    guarded(doc, "absent", absent)

    contents(doc, look, 3)
    doc.add_heading("Dagordning", level=2)
    tag(doc, "for item in items")
    doc.add_heading("{{ item.heading }}", level=3)
    item_body(doc, look)
    tag(doc, "endfor")

    def next_meeting(d):
        d.add_heading("{{ next_meeting.heading }}", level=3)
        d.add_paragraph("{{ next_meeting.text }}")
    guarded(doc, "next_meeting", next_meeting)

    def recorder(d):
        d.add_paragraph("{{ recorder_label }}", style="Lead").paragraph_format.space_before = Pt(18)
        d.add_paragraph("{{ secretary.name }}")
        tag(d, "if secretary.title")
        d.add_paragraph("{{ secretary.title }}")
        tag(d, "endif")
    guarded(doc, "secretary", recorder)
    slim(doc)
    return doc
