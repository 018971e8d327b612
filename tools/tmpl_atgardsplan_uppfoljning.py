"""Template: uppföljning av åtgärdsplanen (``atgardsplan_uppfoljning.docx``): the status per
problem, then per problem its actions with what was done, every status in words on a shaded
cell, and the rule the statuses follow."""

from __future__ import annotations

from templatekit import Look, Pt, cell_text, new_document, page_frame, shade, table, tag
from tmpl_promises import example_banner, section, signatures

OVERVIEW = (("Problem", 8.0), ("Åtgärder", 5.4), ("Status", 2.6))
"""The overview's columns, widths in cm (16 cm between the margins)."""

ACTIONS = (("Nr", 1.2), ("Åtgärd och operativa mål", 5.6), ("Vad som har gjorts", 6.6),
           ("Status", 2.6))
"""The columns of a problem's actions."""


def _header(grid, columns, look: Look) -> None:
    for cell, (label, _) in zip(grid.rows[0].cells, columns):
        shade(cell, look.table_header_shading)
        cell_text(cell, label, "Table label")


def build(look: Look):
    """Uppföljning av åtgärdsplan: title block, summary, status per problem, each problem's
    actions with what was done, the rule, further work, signatories."""
    doc = new_document(look)
    page_frame(doc, look, header_left="{{ header_title }}", header_right="{{ header_right }}",
               first_page_plain=False)
    example_banner(doc, look)
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ date_line }}", style="Cover line")
    doc.add_paragraph("{{ plan_line }}", style="Cover line")
    doc.add_paragraph("{{ status_line }}", style="Cover line")

    doc.add_heading("Sammanfattning", level=1)
    tag(doc, "for p in summary")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    doc.add_paragraph("{{ status_summary }}")

    doc.add_heading("Status per problem", level=1)
    overview = table(doc, look, [w for _, w in OVERVIEW])
    _header(overview, OVERVIEW, look)
    overview.add_row()
    overview.add_row()
    cell_text(overview.rows[1].cells[0], "{%tr for o in overview %}")
    row = overview.rows[2].cells
    cell_text(row[0], "{{ o.problem }}")
    cell_text(row[1], "{{ o.actions }}")
    cell_text(row[2], "{% cellbg o.fill %}{{ o.status }}", "Table label")
    cell_text(overview.rows[3].cells[0], "{%tr endfor %}")
    doc.add_paragraph("Så räknas statusen fram", style="Lead")
    doc.add_paragraph("{{ status_rule }}")

    tag(doc, "for s in sections")
    doc.add_heading("{{ s.heading }}", level=1)
    grid = table(doc, look, [w for _, w in ACTIONS])
    _header(grid, ACTIONS, look)
    grid.add_row()
    grid.add_row()
    cell_text(grid.rows[1].cells[0], "{%tr for r in s.rows %}")
    cells = grid.rows[2].cells
    cell_text(cells[0], "{{ r.number }}", "Table label")
    cell_text(cells[1], "{{ r.action }}")
    cells[1].add_paragraph("Mål: {{ r.goal }}", style="Table text")
    cells[1].add_paragraph("{{ r.when_who }}", style="Caption")
    cell_text(cells[2], "{{ r.done }}")
    cells[2].add_paragraph("{%p if r.completed %}", style="Table text")
    cells[2].add_paragraph("{{ r.completed }}", style="Caption")
    cells[2].add_paragraph("{%p endif %}", style="Table text")
    cell_text(cells[3], "{% cellbg r.fill %}{{ r.status }}", "Table label")
    cell_text(grid.rows[3].cells[0], "{%tr endfor %}")
    # the problem's status and assessment after its table: LibreOffice leaves a heading at the
    # foot of a page when a lead-in stands between it and a table kept whole
    doc.add_paragraph("{{ s.status_line }}").paragraph_format.space_before = Pt(6)
    tag(doc, "for p in s.assessment")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "endfor")

    section(doc, "Fortsatt arbete", "conclusions")
    signatures(doc, look)
    return doc
