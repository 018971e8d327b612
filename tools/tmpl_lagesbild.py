"""Template: lägesbild (``lagesbild.docx``): the statistics as tables and a chart, other relevant
information, the analysis and the prioritised problems."""

from __future__ import annotations

from templatekit import WD_ALIGN_PARAGRAPH, Look, Pt, cell_text, new_document, page_frame, shade, table, tag
from tmpl_promises import example_banner, section, signatures



def figure_table(doc, look: Look, first: str, headings: str, rows: str) -> None:
    """A table of a label column and as many figure columns as ``headings`` has (``{%tc %}``)."""
    # docxtpl's {%tc %} loop keeps the table's width and spreads it evenly over the columns
    grid = table(doc, look, [4.0] * 4)
    head = grid.rows[0].cells
    for cell in head:
        shade(cell, look.table_header_shading)
    cell_text(head[0], first, "Table label")
    cell_text(head[1], "{%%tc for h in %s %%}" % headings)
    cell_text(head[2], "{{ h }}", "Table label").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell_text(head[3], "{%tc endfor %}")
    grid.add_row()
    grid.add_row()
    cell_text(grid.rows[1].cells[0], "{%%tr for row in %s %%}" % rows)
    body = grid.rows[2].cells
    cell_text(body[0], "{{ row.label }}")
    cell_text(body[1], "{%tc for c in row.cells %}")
    cell_text(body[2], "{{ c }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell_text(body[3], "{%tc endfor %}")
    cell_text(grid.rows[3].cells[0], "{%tr endfor %}")


def build(look: Look):
    """Lägesbild: title block, statistics, other information, analysis, problems, sources."""
    doc = new_document(look)
    page_frame(doc, look, header_left="{{ header_title }}", header_right="{{ header_right }}",
               first_page_plain=False)
    example_banner(doc, look)
    doc.add_paragraph("{{ title }}", style="Title")
    tag(doc, "if authors_line")
    doc.add_paragraph("{{ authors_line }}", style="Cover line")
    tag(doc, "endif")
    doc.add_paragraph("{{ date_line }}", style="Cover line")

    section(doc, "Inledning", "introduction")

    doc.add_heading("Brottsligheten i siffror", level=1)
    doc.add_paragraph("Anmälda brott per år", style="Lead")
    figure_table(doc, look, "Brottskategori", "count_headings", "count_rows")
    doc.add_paragraph("{{ counts_caption }}", style="Caption")
    doc.add_paragraph("Anmälda brott per 100 000 invånare", style="Lead")
    figure_table(doc, look, "Brottskategori", "rate_headings", "rate_rows")
    doc.add_paragraph("{{ rates_caption }}", style="Caption")
    tag(doc, "for n in comparison_notes")
    doc.add_paragraph("{{ n }}", style="Caption")
    tag(doc, "endfor")
    tag(doc, "if chart")
    figure = doc.add_paragraph("{{ chart }}")
    figure.paragraph_format.space_before = Pt(12)
    figure.paragraph_format.keep_with_next = True
    doc.add_paragraph("{{ chart_caption }}", style="Caption")
    tag(doc, "endif")
    tag(doc, "for p in crime_comments")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")

    tag(doc, "if other")
    doc.add_heading("Övrig relevant information", level=1)
    tag(doc, "for info in other")
    doc.add_heading("{{ info.heading }}", level=2)
    tag(doc, "for p in info.text")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "if info.results")
    results = table(doc, look, [10.0, 3.0, 3.0])
    for cell, label in zip(results.rows[0].cells, ("Mått", "{{ info.value_heading }}",
                                                    "{{ info.earlier_heading }}")):
        shade(cell, look.table_header_shading)
        heading = cell_text(cell, label, "Table label")
        if label != "Mått":
            heading.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    results.add_row()
    results.add_row()
    cell_text(results.rows[1].cells[0], "{%tr for r in info.results %}")
    row = results.rows[2].cells
    cell_text(row[0], "{{ r.label }}")
    cell_text(row[1], "{{ r.value }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell_text(row[2], "{{ r.earlier }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell_text(results.rows[3].cells[0], "{%tr endfor %}")
    tag(doc, "endif")
    tag(doc, "if info.source")
    doc.add_paragraph("{{ info.source }}", style="Caption")
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")

    section(doc, "Analys", "analysis")

    doc.add_heading("Prioriterade problem", level=1)
    doc.add_paragraph("{{ problems_lead }}")
    tag(doc, "for problem in problems")
    doc.add_heading("{{ problem.heading }}", level=2)
    tag(doc, "for p in problem.text")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "if problem.categories")
    doc.add_paragraph("{{ problem.categories }}", style="Caption")
    tag(doc, "endif")
    tag(doc, "endfor")

    tag(doc, "if sources")
    doc.add_heading("Källor", level=1)
    tag(doc, "for s in sources")
    doc.add_paragraph("{{ s }}", style="Source")
    tag(doc, "endfor")
    tag(doc, "endif")
    signatures(doc, look)
    return doc
