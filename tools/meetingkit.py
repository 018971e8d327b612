"""Parts shared by the meeting templates (notice, minutes, protocol, extract, register): the
two-line protocol header, the signature boxes in the footer, looped tables and signature lines.

Built on ``templatekit``; every value the templates print is a ready string from
``trygga_docs.context.meeting``.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from templatekit import Look, add_field, cell_text, page_frame, shade, table, tag

SIGNATURE_LINE = "_" * 34

STRUCTURED_TEXT_STYLES = {"Heading3", "Heading4", "Heading5", "ListBullet", "ListBullet2",
                          "ListNumber", "ListNumber2", "Hyperlink"}
"""Style ids that ``slim`` keeps: sub-headings, lists and links of structured text
(``trygga_docs.context.markup``)."""


def meeting_styles(doc, look: Look) -> None:
    """Paragraph styles the meeting templates add to the kit's: item metadata and signatures."""
    styles = doc.styles
    meta = styles.add_style("Item meta", WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = styles["Normal"]
    meta.quick_style = True
    meta.font.size = Pt(9.5)
    meta.font.color.rgb = RGBColor.from_string(look.secondary)
    meta.paragraph_format.space_after = Pt(4)
    meta.paragraph_format.keep_with_next = True

    line = styles.add_style("Signature line", WD_STYLE_TYPE.PARAGRAPH)
    line.base_style = styles["Table text"]
    line.paragraph_format.space_before = Pt(18)
    line.paragraph_format.space_after = Pt(0)
    line.paragraph_format.keep_with_next = True

    box = styles.add_style("Box label", WD_STYLE_TYPE.PARAGRAPH)
    box.base_style = styles["Footer"]
    box.font.size = Pt(7)
    box.paragraph_format.space_after = Pt(0)

    doc.styles["Heading 2"].paragraph_format.keep_with_next = True
    doc.styles["Heading 3"].paragraph_format.keep_with_next = True
    classification_style(doc, look)


def classification_style(doc, look: Look) -> None:
    """The first page's marking of secrecy (*SEKRETESS – …*, *OFFENTLIG VERSION*): bold, in the
    accent colour, smaller than the draft mark."""
    style = doc.styles.add_style("Classification", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.bold = True
    style.font.size = Pt(11)
    style.font.color.rgb = RGBColor.from_string(look.accent)
    style.paragraph_format.space_after = Pt(10)
    style.paragraph_format.keep_with_next = True


def marks(doc) -> None:
    """The document's marking (*EXEMPEL …*) and its marking of secrecy, each only when given,
    at the top of the first page."""
    guarded(doc, "marking", lambda d: d.add_paragraph("{{ marking }}", style="Draft mark"))
    guarded(doc, "classification",
            lambda d: d.add_paragraph("{{ classification }}", style="Classification"))


def frame(doc, look: Look, *, top_left: str, top_right: str, left: str, right: str,
          footer_left: str = "", boxes: tuple[str, ...] = ()) -> None:
    """Header on every page in two lines (issuer and document type above, body and date below),
    footer with ``Sida X (Y)`` and, for protocols, boxes for the justerare's initials."""
    page_frame(doc, look, header_left=left, header_right=right, footer_left=footer_left,
               first_page_plain=False)
    section = doc.sections[0]
    ruled = section.header.paragraphs[-1]
    top = ruled.insert_paragraph_before(style="Header")
    top.paragraph_format.tab_stops.add_tab_stop(
        section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT)
    first = top.add_run(top_left)
    first.bold = True
    first.font.size = Pt(10)
    first.font.color.rgb = RGBColor.from_string(look.primary)
    second = top.add_run("\t" + top_right)
    second.bold = True
    second.font.size = Pt(10)
    second.font.color.rgb = RGBColor.from_string(look.primary)
    if boxes:
        footer = section.footer
        grid = footer.add_table(rows=1, cols=len(boxes) * 2 - 1, width=Cm(16))
        widths = []
        for i in range(len(boxes) * 2 - 1):
            widths.append(Cm(4.2) if i % 2 == 0 else Cm(0.4))
        for cell, width in zip(grid.rows[0].cells, widths):
            cell.width = width
        for column, width in zip(grid.columns, widths):
            column.width = width
        grid.rows[0].height = Cm(1.15)
        grid.rows[0].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for i, label in enumerate(boxes):
            cell = grid.rows[0].cells[i * 2]
            cell_text(cell, label, "Box label")
            _box(cell, look.rule)
        footer._element.insert(0, grid._tbl)
        spacer = OxmlElement("w:p")
        grid._tbl.addnext(spacer)
        # above the boxes: a space the text keeps when the footer is taller than the margin
        above = footer.add_paragraph(style="Footer")
        above.paragraph_format.space_before = Pt(12)
        above.paragraph_format.space_after = Pt(0)
        above.paragraph_format.line_spacing = Pt(1)
        grid._tbl.addprevious(above._p)


def _box(cell, colour: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        for key, val in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", colour)):
            el.set(qn(key), val)
        borders.append(el)
    tcpr.append(borders)


def outline(tbl, colour: str) -> None:
    """A frame around a whole table (the anslag/bevis box)."""
    tblpr = tbl._tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        for key, val in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"), ("w:color", colour)):
            el.set(qn(key), val)
        borders.append(el)
    # schema order in tblPr: tblBorders before shd, tblLayout, tblCellMar, tblLook
    mar = tblpr.find(qn("w:tblCellMar"))
    if mar is not None:
        mar.addprevious(borders)
    else:
        tblpr.append(borders)


def looped_table(doc, look: Look, widths: list[float], headers: list[str] | None,
                 cells: list[str], loop: str, *, label_first: bool = False):
    """A table with an optional header row and one row per item of ``loop``
    (``"r in rows"``); ``cells`` are the row's texts (``"{{ r.name }}"``)."""
    tbl = table(doc, look, widths, header=headers is not None, row_headers=label_first)
    base = 1 if headers is not None else 0
    tbl.add_row()
    tbl.add_row()
    if headers is not None:
        for cell, text in zip(tbl.rows[0].cells, headers):
            cell_text(cell, text, "Table label")
            shade(cell, look.table_header_shading)
    cell_text(tbl.rows[base].cells[0], "{%tr for " + loop + " %}")
    for i, (cell, text) in enumerate(zip(tbl.rows[base + 1].cells, cells)):
        cell_text(cell, text, "Table label" if label_first and i == 0 else "Table text")
    cell_text(tbl.rows[base + 2].cells[0], "{%tr endfor %}")
    return tbl


def facts(doc, look: Look, loop_over: str, *, widths: tuple[float, float] = (4.2, 11.8)):
    """Label/value rows: *Plats och tid …*, *Utses att justera …*."""
    return looped_table(doc, look, list(widths), None, ["{{ f.label }}", "{{ f.value }}"],
                        f"f in {loop_over}", label_first=True)


def signature(cell_or_doc, name: str, title: str) -> None:
    """A line to sign on, the printed name and the title under it."""
    add = cell_or_doc.add_paragraph
    add(SIGNATURE_LINE, style="Signature line")
    add(name, style="Table label")
    if title:
        add(title, style="Table text")


def guarded(doc, condition: str, build) -> None:
    """``build(doc)`` between ``{%p if condition %}`` and ``{%p endif %}``."""
    tag(doc, f"if {condition}")
    build(doc)
    tag(doc, "endif")


TOC_STYLES = {"TOCHeading", "toc1"}
"""Style ids that ``slim`` keeps in a template with a table of contents: its heading and the
entries' style (the first level the field covers is *toc 1*), which the template itself does not
use: ``trygga_docs.word.toc`` and LibreOffice fill the entries."""


def contents(doc, look: Look, level: int) -> None:
    """*Innehåll*, when the context's ``toc`` says so: a TOC field over the headings of
    ``level`` (the items' headings), filled by LibreOffice in the PDF and from the PDF's
    bookmarks in the Word file (``trygga_docs.word.toc``), updated by Word on opening."""
    def build(d) -> None:
        d.add_paragraph("Innehåll", style="TOC Heading")
        add_field(d.add_paragraph(), f'TOC \\o "{level}-{level}" \\h \\z \\u',
                  "Innehållsförteckningen fylls i när dokumentet öppnas i Word eller görs om till PDF.")
        d.add_paragraph()
    guarded(doc, "toc", build)


def item_body(doc, look: Look, item: str = "item") -> None:
    """One agenda item below its heading: presenters and case number, the matter (or its secrecy
    note), decision, votes, reservations, immediate adjustment, attachments, actions and who gets
    the decision. Every part vanishes when the item has none of it."""
    def paragraphs(name: str, label: str) -> None:
        tag(doc, f"if {item}.{name}")
        if label.startswith("{{"):
            tag(doc, "if " + label.strip("{} "))
            doc.add_paragraph(label, style="Lead")
            tag(doc, "endif")
        elif label:
            doc.add_paragraph(label, style="Lead")
        tag(doc, f"for p in {item}.{name}")
        doc.add_paragraph("{{ p }}")
        tag(doc, "endfor")
        tag(doc, "endif")

    tag(doc, f"for m in {item}.meta")
    doc.add_paragraph("{{ m }}", style="Item meta")
    tag(doc, "endfor")
    # jäv and who is not in the room: part of the record, in the body text's own style
    tag(doc, f"for m in {item}.attendance")
    doc.add_paragraph("{{ m }}").paragraph_format.keep_with_next = True
    tag(doc, "endfor")
    paragraphs("matter", "{{ %s.matter_label }}" % item)
    _lead_list(doc, "Beslutsunderlag", f"{item}.basis")
    # with a distribution the decision and what follows it are kept with *Expedieras till*, so
    # it never starts a page above the next § (taken for that §'s distribution)
    tag(doc, f"if {item}.distribution")
    start = len(doc.element.body)
    _closing(doc, look, item, paragraphs)
    for p in list(doc.element.body)[start:]:
        if p.tag == qn("w:p") and "{%p" not in "".join(p.itertext()):
            ppr = p.get_or_add_pPr()
            if ppr.find(qn("w:keepNext")) is None:
                ppr.append(OxmlElement("w:keepNext"))
        elif p.tag == qn("w:tbl"):
            for cell_p in p.iter(qn("w:p")):
                cpr = cell_p.get_or_add_pPr()
                if cpr.find(qn("w:keepNext")) is None:
                    cpr.append(OxmlElement("w:keepNext"))
    doc.add_paragraph("{{ %s.distribution }}" % item, style="Item meta")
    tag(doc, "else")
    _closing(doc, look, item, paragraphs)
    tag(doc, "endif")


def _lead_list(doc, lead: str, values: str) -> None:
    """A lead line and a bulleted list of ``values``, shown only when there are any."""
    tag(doc, f"if {values}")
    doc.add_paragraph(lead, style="Lead")
    tag(doc, f"for v in {values}")
    doc.add_paragraph("{{ v }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "endif")


def _closing(doc, look: Look, item: str, paragraphs) -> None:
    """A §'s decision, votes, reservations, immediate adjustment, attachments and actions."""
    paragraphs("decision", "{{ %s.decision_label }}" % item)
    paragraphs("votes", "Omröstning")
    paragraphs("reservations", "Reservation")
    tag(doc, f"if {item}.immediate")
    doc.add_paragraph("{{ %s.immediate }}" % item)
    tag(doc, "endif")
    _lead_list(doc, "Bilagor", f"{item}.attachments")
    tag(doc, f"if {item}.actions")
    doc.add_paragraph("Åtgärder", style="Lead")
    looped_table(doc, look, [7.4, 5.8, 2.8], ["Åtgärd", "Ansvarig", "Klart senast"],
                 ["{{ a.task }}", "{{ a.owner }}", "{{ a.due }}"], f"a in {item}.actions")
    doc.add_paragraph()
    tag(doc, "endif")


def slim(doc):
    """Drop what a generated document never shows: the Word 2010 ``stylesWithEffects`` copy of
    the styles, and style definitions that neither the template nor a style it uses refers to.

    python-docx's blank document carries 177 styles (350 KB) and that copy (440 KB); every render
    parses, re-serialises and compresses them. Word adds a built-in style back when someone
    picks it, so the template stays fully editable.
    """
    import re

    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[rel_id]
    xml = [part._element.xml]
    for section in doc.sections:
        for hf in (section.header, section.footer, section.first_page_header,
                   section.first_page_footer, section.even_page_header, section.even_page_footer):
            if not hf.is_linked_to_previous:
                xml.append(hf._element.xml)
    used = set(re.findall(r'w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"',
                          "".join(xml)))
    styles = doc.styles.element
    by_id = {el.get(qn("w:styleId")): el for el in styles.findall(qn("w:style"))}
    used |= {sid for sid, el in by_id.items() if el.get(qn("w:default")) in ("1", "true")}
    used |= STRUCTURED_TEXT_STYLES  # what structured text may use, though the template does not
    if "TOCHeading" in used:
        used |= TOC_STYLES
    numbering = doc.part.numbering_part.element.xml
    used |= set(re.findall(r'w:(?:pStyle|styleLink|numStyleLink) w:val="([^"]+)"', numbering))
    todo = list(used)
    while todo:
        el = by_id.get(todo.pop())
        if el is None:
            continue
        for tag_name in ("w:basedOn", "w:link", "w:next"):
            ref = el.find(qn(tag_name))
            if ref is not None and ref.get(qn("w:val")) not in used:
                used.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, el in by_id.items():
        if sid not in used:
            styles.remove(el)


__all__ = ["slim", "contents", "item_body", "frame", "facts", "guarded", "looped_table", "marks", "meeting_styles",
           "outline", "signature", "classification_style", "SIGNATURE_LINE"]
