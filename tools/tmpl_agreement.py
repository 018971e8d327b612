"""Template: samverkansöverenskommelse (``agreement.docx``)."""

from __future__ import annotations

from docx.oxml import OxmlElement

from templatekit import WD_ALIGN_PARAGRAPH, Look, Pt, add_toc, cell_text, new_document, page_break, page_frame, shade, table, tag



def build(look: Look):
    """Samverkansöverenskommelse."""
    doc = new_document(look, numbered_headings=2)
    page_frame(doc, look, header_left="{{ header_title }}", header_right="{{ header_right }}",
               footer_left="{{ footer_text }}")

    # Title page
    for _ in range(4):
        doc.add_paragraph()
    tag(doc, "if draft")
    doc.add_paragraph("UTKAST", style="Draft mark")
    tag(doc, "endif")
    doc.add_paragraph("{{ programme }}", style="Subtitle")
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ parties_line }}", style="Cover line")
    doc.add_paragraph("{{ validity_line }}", style="Cover line")
    adoption = doc.add_paragraph("{{ adoption_line }}", style="Cover line")
    adoption.paragraph_format.space_after = Pt(36)
    tag(doc, "for p in preamble")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    page_break(doc)
    add_toc(doc, levels=2)
    page_break(doc)

    # 1 Övergripande mål
    doc.add_heading("Övergripande mål", level=1)
    tag(doc, "for p in goal")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "if evidence_sentence")
    doc.add_paragraph("{{ evidence_sentence }}")
    tag(doc, "endif")
    doc.add_heading("Samverkansområden", level=2)
    tag(doc, "for t in area_titles")
    doc.add_paragraph("{{ t }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "for p in areas_summary")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")

    # 2 Samverkan <programme>
    doc.add_heading("{{ organisation_heading }}", level=1)
    tag(doc, "for p in organisation_intro")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    # Bild 1 Organisationsskiss: the chart, or the structure in words where it could not be drawn
    tag(doc, "if orgchart")
    tag(doc, "if orgchart.picture")
    picture = doc.add_paragraph("{{ orgchart.picture }}", style="Picture")
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tag(doc, "else")
    chart = table(doc, look, [16.0], header=False)
    shade(chart.rows[0].cells[0], look.box_shading)
    cell_text(chart.rows[0].cells[0], "{{ orgchart.placeholder }}", "Table label")
    chart.rows[0].cells[0].add_paragraph("{{ orgchart.description }}", style="Table text")
    tag(doc, "endif")
    doc.add_paragraph("{{ orgchart.caption }}", style="Caption")
    tag(doc, "endif")
    tag(doc, "for body in bodies")
    doc.add_heading("{{ body.name }}", level=2)
    tag(doc, "for p in body.task")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    facts = table(doc, look, [4.2, 11.8], header=False, row_headers=True)
    facts.add_row()
    facts.add_row()
    cell_text(facts.rows[0].cells[0], "{%tr for f in body.facts %}")
    cell_text(facts.rows[1].cells[0], "{{ f.label }}", "Table label")
    cell_text(facts.rows[1].cells[1], "{{ f.value }}")
    cell_text(facts.rows[2].cells[0], "{%tr endfor %}")
    doc.add_paragraph()
    tag(doc, "endfor")

    # 3 Samverkansområden
    doc.add_heading("Samverkansområden", level=1)
    tag(doc, "for p in areas_intro")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "for area in areas")
    doc.add_heading("{{ area.title }}", level=2)
    tag(doc, "for p in area.situation")
    doc.add_paragraph("{{r p }}")
    tag(doc, "endfor")
    tag(doc, "if area.collaboration")
    doc.add_paragraph("{{ area.collaboration }}")
    tag(doc, "endif")
    tag(doc, "if area.responsibilities")
    doc.add_paragraph("{{ area.responsibilities_heading }}", style="Lead")
    tag(doc, "for r in area.responsibilities")
    tag(doc, "if loop.last and area.sources")
    doc.add_paragraph("{{ r }}", style="List Bullet Keep")
    tag(doc, "else")
    doc.add_paragraph("{{ r }}", style="List Bullet")
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")
    tag(doc, "if area.sources")
    tag(doc, "for s in area.sources")
    doc.add_paragraph("{{ s.number }}\t{{ s.text }}", style="Source")
    tag(doc, "endfor")
    tag(doc, "endif")
    tag(doc, "endfor")

    # 4 (optional) the national model's parts
    tag(doc, "if model_sections")
    doc.add_heading("{{ model_heading }}", level=1)
    tag(doc, "for section in model_sections")
    doc.add_heading("{{ section.title }}", level=2)
    tag(doc, "for p in section.paragraphs")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endif")

    # Beslut
    doc.add_heading("Beslut", level=1)
    tag(doc, "for p in decision")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    doc.add_paragraph("{{ validity_sentence }}")
    doc.add_paragraph("{{ adoption_sentence }}")
    tag(doc, "if signatories")
    signatures = table(doc, look, [8.0, 8.0], header=False)
    signatures.add_row()
    signatures.add_row()
    cell_text(signatures.rows[0].cells[0], "{%tr for row in signatory_rows %}")
    signatures.rows[1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # one block
    for col in range(2):
        # for each party: the party, place and date (or a line for them), a line to sign on,
        # the name and the title; the blank cell that fills a row shows nothing
        cell = signatures.rows[1].cells[col]
        party = cell_text(cell, "{{ row[%d].party }}" % col, "Table label")
        party.paragraph_format.space_before = Pt(12)
        party.paragraph_format.keep_with_next = True
        when = cell.add_paragraph("{{ row[%d].place_date }}" % col, style="Table text")
        when.paragraph_format.space_before = Pt(6)
        when.paragraph_format.keep_with_next = True
        line = cell.add_paragraph("{%% if row[%d].name %%}________________________________"
                                  "{%% endif %%}" % col, style="Table text")
        line.paragraph_format.space_before = Pt(24)
        line.paragraph_format.keep_with_next = True
        cell.add_paragraph("{{ row[%d].name }}" % col, style="Table label")
        cell.add_paragraph("{{ row[%d].title }}" % col, style="Table text")
    cell_text(signatures.rows[2].cells[0], "{%tr endfor %}")
    tag(doc, "endif")
    return doc
