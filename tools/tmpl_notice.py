"""Template: kallelse (``notice.docx``): time and place, the agenda (föredragningslista), the
action items still open from the body's earlier meetings, and who is called."""

from __future__ import annotations

from meetingkit import marks, slim, facts, frame, guarded, looped_table, meeting_styles
from templatekit import Look, Pt, new_document, tag

from trygga_docs.text import TERMS



def build(look: Look):
    """Kallelse."""
    doc = new_document(look)
    meeting_styles(doc, look)
    frame(doc, look, top_left="{{ issuer }}", top_right="KALLELSE",
          left="{{ body }}", right="{{ header_right }}")

    marks(doc)
    doc.add_heading("{{ title }}", level=1)
    facts(doc, look, "facts")
    doc.add_paragraph()
    tag(doc, "for p in note")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")

    doc.add_heading("{{ agenda_heading }}", level=2)
    looped_table(doc, look, [1.2, 8.4, 3.8, 2.6], ["Nr", "Ärende", "Föredragande", "Dnr"],
                 ["{{ a.number }}", "{{ a.title }}", "{{ a.presenters }}", "{{ a.case_number }}"],
                 "a in agenda")
    doc.add_paragraph()

    doc.add_heading("Uppföljning av åtgärder", level=2)
    tag(doc, "if open_actions")
    doc.add_paragraph("{{ open_actions_intro }}")
    looped_table(doc, look, [2.6, 5.0, 5.8, 2.6], ["Beslutad", "Åtgärd", "Ansvarig", "Klart senast"],
                 ["{{ a.decided }}", "{{ a.task }}", "{{ a.owner }}", "{{ a.due }}"],
                 "a in open_actions")
    doc.add_paragraph()
    tag(doc, "else")
    doc.add_paragraph("{{ no_open_actions }}")
    tag(doc, "endif")

    doc.add_heading("Kallade", level=2)
    # a header row, repeated when the list goes on over the page
    looped_table(doc, look, [5.2, 5.6, 5.2], ["Namn", "Uppdrag", TERMS.party_or_organisation],
                 ["{{ p.name }}", "{{ p.role }}", "{{ p.organisation }}"], "p in called")

    def listed(label: str, loop_over: str):
        def build(d):
            d.add_paragraph(label, style="Lead").paragraph_format.space_before = Pt(10)
            looped_table(d, look, [5.2, 5.6, 5.2], ["Namn", "Uppdrag", TERMS.party_or_organisation],
                         ["{{ p.name }}", "{{ p.role }}", "{{ p.organisation }}"],
                         f"p in {loop_over}")
        return build
    guarded(doc, "informed", listed("Ersättare för kännedom", "informed"))
    guarded(doc, "guests", listed("Gäster", "guests"))

    def sign(d):  # the signatures are one block: every line kept with the next
        when = d.add_paragraph("{{ signed.place_date }}").paragraph_format
        when.space_before = Pt(18)
        when.keep_with_next = True
        tag(d, "for s in signed.people")
        name = d.add_paragraph("{{ s.name }}", style="Table label").paragraph_format
        name.space_before = Pt(10)
        name.keep_with_next = True
        d.add_paragraph("{{ s.title }}", style="Table text").paragraph_format.keep_with_next = True
        tag(d, "endfor")
    guarded(doc, "signed", sign)
    slim(doc)
    return doc
