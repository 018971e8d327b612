"""Template: medborgarlöften (``promises.docx``)."""

from __future__ import annotations

from docx.oxml.ns import qn
from templatekit import Look, Pt, cell_text, new_document, page_frame, shade, table, tag



def section(doc, heading: str, name: str) -> None:
    """A heading and its paragraphs, left out when the data has none."""
    tag(doc, f"if {name}")
    doc.add_heading(heading, level=1)
    tag(doc, f"for p in {name}")
    doc.add_paragraph("{{ p }}")
    tag(doc, "endfor")
    tag(doc, "endif")


def borderless(tbl):
    """A layout table without rules (signatures, a header block)."""
    for borders in tbl._tbl.tblPr.findall(qn("w:tblBorders")):
        tbl._tbl.tblPr.remove(borders)
    return tbl


def example_banner(doc, look: Look, width: float = 16.0) -> None:
    """The shaded note an example document opens with (``{{ example_note }}``), shown only when
    the data says it is an example (``{% if example %}``)."""
    tag(doc, "if example")
    note = borderless(table(doc, look, [width], header=False))
    shade(note.rows[0].cells[0], look.note_shading)
    cell_text(note.rows[0].cells[0], "{{ example_note }}", "Table label")
    doc.add_paragraph()
    tag(doc, "endif")


def signatures(doc, look: Look, *, lines: bool = True) -> None:
    """Names with titles, two to a row; with ``lines`` a line to sign on above each name."""
    tag(doc, "if signatory_rows")
    names = borderless(table(doc, look, [8.0, 8.0], header=False))
    names.add_row()
    names.add_row()
    cell_text(names.rows[0].cells[0], "{%tr for row in signatory_rows %}")
    for col in range(2):
        cell = names.rows[1].cells[col]
        if lines:
            line = cell_text(cell, "{%% if row[%d].name %%}______________________________{%% endif %%}" % col)
            line.paragraph_format.space_before = Pt(24)
            cell.add_paragraph("{{ row[%d].name }}" % col, style="Table label")
        else:
            cell_text(cell, "{{ row[%d].name }}" % col, "Table label").paragraph_format.space_before = Pt(12)
        cell.add_paragraph("{{ row[%d].title }}" % col, style="Table text")
    cell_text(names.rows[2].cells[0], "{%tr endfor %}")
    tag(doc, "endif")


def build(look: Look):
    """Medborgarlöften: title, validity, the sections of the seed, the promises and the signatories."""
    doc = new_document(look)
    page_frame(doc, look, header_left="{{ header_title }}", header_right="{{ header_right }}",
               first_page_plain=False)
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ validity_line }}", style="Cover line")
    tag(doc, "for r in related")
    related = doc.add_paragraph("{{ r }}", style="Cover line")
    related.runs[0].italic = True
    tag(doc, "endfor")

    section(doc, "Inledning", "introduction")
    section(doc, "Syfte", "purpose")
    section(doc, "Mål", "goal")
    section(doc, "Situationen idag", "situation")

    doc.add_heading("{{ promises_heading }}", level=1)
    tag(doc, "for p in promises")
    doc.add_paragraph("{{ p }}", style="List Bullet")
    tag(doc, "endfor")

    tag(doc, "if follow_up")
    doc.add_heading("Uppföljning", level=1)
    doc.add_paragraph("{{ follow_up }}")
    tag(doc, "endif")
    signatures(doc, look)
    return doc
