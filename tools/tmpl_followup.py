"""Template: uppföljning av medborgarlöften (``followup.docx``)."""

from __future__ import annotations

from templatekit import (WD_ALIGN_PARAGRAPH, Cm, Look, Pt, cell_text, new_document, page_frame,
                         shade, table, tag)
from tmpl_promises import example_banner, section, signatures



def build(look: Look):
    """Uppföljning: summary, status table, chart, the rule, each promise with its comment, signatories."""
    doc = new_document(look)
    page_frame(doc, look, header_left="{{ header_title }}", header_right="{{ header_right }}",
               footer_left="{{ footer_text }}", first_page_plain=False)

    example_banner(doc, look)
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ parties_line }}", style="Cover line")
    doc.add_paragraph("{{ date_line }}", style="Cover line")
    tag(doc, "if deadline_line")
    doc.add_paragraph("{{ deadline_line }}", style="Cover line")
    tag(doc, "endif")

    doc.add_heading("Sammanfattning", level=1)
    tag(doc, "for p in summary")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    doc.add_paragraph("{{ status_sentence }}")

    doc.add_heading("Måluppfyllelse", level=1)
    status = table(doc, look, [3.3, 2.6, 4.1, 2.8, 3.2])
    for cell, label in zip(status.rows[0].cells, ("Löfte", "Vem lovar", "Mål", "Utfall", "Status")):
        shade(cell, look.table_header_shading)
        heading = cell_text(cell, label, "Table label")
        if label == "Utfall":
            heading.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    status.add_row()
    status.add_row()
    cell_text(status.rows[1].cells[0], "{%tr for row in status_rows %}")
    row = status.rows[2].cells
    cell_text(row[0], "{{ row.promise }}")
    cell_text(row[1], "{{ row.by }}")
    cell_text(row[2], "{{ row.target }}")
    cell_text(row[3], "{{ row.outcome }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell_text(row[4], "{% cellbg row.fill %}{{ row.status }}")
    cell_text(status.rows[3].cells[0], "{%tr endfor %}")

    tag(doc, "if chart")
    figure = doc.add_paragraph("{{ chart }}")
    figure.paragraph_format.space_before = Pt(12)
    figure.paragraph_format.keep_with_next = True
    doc.add_paragraph("{{ chart_caption }}", style="Caption")
    tag(doc, "endif")
    doc.add_paragraph("Så räknas statusen fram", style="Lead")
    doc.add_paragraph("{{ status_rule }}")

    doc.add_heading("Löftena och utfallet", level=1)
    tag(doc, "for promise in promises")
    doc.add_heading("{{ promise.heading }}", level=2)
    quote = doc.add_paragraph("{{ promise.text }}")
    quote.paragraph_format.left_indent = Cm(0.6)
    quote.runs[0].italic = True
    quote.paragraph_format.keep_with_next = True
    facts = table(doc, look, [3.0, 13.0], header=False, row_headers=True)
    facts.add_row()
    facts.add_row()
    cell_text(facts.rows[0].cells[0], "{%tr for f in promise.facts %}")
    # heading, promise, facts and comment stay on one page
    cell_text(facts.rows[1].cells[0], "{{ f.label }}", "Table label").paragraph_format.keep_with_next = True
    cell_text(facts.rows[1].cells[1], "{{ f.value }}").paragraph_format.keep_with_next = True
    cell_text(facts.rows[2].cells[0], "{%tr endfor %}")
    doc.add_paragraph("Kommentar", style="Lead")
    tag(doc, "for p in promise.comment")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "endfor")

    section(doc, "Fortsatt arbete", "conclusions")
    tag(doc, "if communication")
    doc.add_heading("Hur uppföljningen delges medborgarna", level=1)
    doc.add_paragraph("{{ communication }}")
    tag(doc, "endif")
    signatures(doc, look)
    return doc
