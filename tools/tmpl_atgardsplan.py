"""Template: åtgärdsplan (``atgardsplan.docx``), landscape: Brå's table (Orsak, Åtgärd, Operativa
mål, När, Vem, Uppföljning) per prioritised problem, with the status in words on a shaded cell."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from templatekit import Cm, Look, cell_text, new_document, page_frame, shade, table, tag
from tmpl_promises import example_banner, section

COLUMNS = (("Orsak", 3.6), ("Åtgärd", 4.6), ("Operativa mål", 3.8), ("När", 2.6), ("Vem", 3.0),
           ("Uppföljning", 4.0), ("Status", 2.1))
"""Brå's columns and the status, widths in cm (24.7 cm between the margins)."""


def build(look: Look):
    """Åtgärdsplan: title block, introduction, status summary, a table per problem, links, rule."""
    doc = new_document(look)
    page = doc.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Cm(29.7), Cm(21.0)
    page.top_margin, page.bottom_margin = Cm(2.0), Cm(1.8)
    page_frame(doc, look, header_left="{{ header_title }}", header_right="{{ header_right }}",
               first_page_plain=False)
    width = sum(w for _, w in COLUMNS)
    example_banner(doc, look, width)
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ period_line }}", style="Cover line")
    tag(doc, "if decision_line")
    doc.add_paragraph("{{ decision_line }}", style="Cover line")
    tag(doc, "endif")
    doc.add_paragraph("{{ basis_line }}", style="Cover line")
    doc.add_paragraph("{{ status_line }}", style="Cover line")
    section(doc, "Inledning", "introduction")
    doc.add_paragraph("{{ status_summary }}")

    tag(doc, "for s in sections")
    doc.add_heading("{{ s.heading }}", level=1)
    tag(doc, "if s.summary")
    doc.add_paragraph("{{ s.summary }}").paragraph_format.keep_with_next = True
    tag(doc, "endif")
    grid = table(doc, look, [w for _, w in COLUMNS])
    for cell, (label, _) in zip(grid.rows[0].cells, COLUMNS):
        shade(cell, look.table_header_shading)
        cell_text(cell, label, "Table label")
    grid.add_row()
    grid.add_row()
    cell_text(grid.rows[1].cells[0], "{%tr for r in s.rows %}")
    row = grid.rows[2].cells
    cell_text(row[0], "{{ r.cause }}")
    cell_text(row[1], "{{ r.number }}", "Table label")
    row[1].add_paragraph("{{ r.action }}", style="Table text")
    links = row[1].add_paragraph("{%p if r.links %}", style="Table text")
    row[1].add_paragraph("{{ r.links }}", style="Caption")
    row[1].add_paragraph("{%p endif %}", style="Table text")
    del links
    cell_text(row[2], "{{ r.goal }}")
    cell_text(row[3], "{{ r.when }}")
    cell_text(row[4], "{{ r.who }}")
    cell_text(row[5], "{{ r.follow_up }}")
    cell_text(row[6], "{% cellbg r.fill %}{{ r.status }}", "Table label")
    cell_text(grid.rows[3].cells[0], "{%tr endfor %}")
    doc.add_paragraph()  # ends the table's keep-with-next chain: the next problem may share the page
    tag(doc, "endfor")

    tag(doc, "if links")
    doc.add_heading("Koppling till samverkansöverenskommelsen och medborgarlöftena", level=1)
    tag(doc, "for l in links")
    doc.add_paragraph("{{ l }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "endif")
    doc.add_heading("Så räknas statusen fram", level=1)
    doc.add_paragraph("{{ status_rule }}")
    section(doc, "Uppföljning av planen", "follow_up")
    return doc
