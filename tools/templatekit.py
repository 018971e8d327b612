"""Building blocks for the bundled Word templates: a house look, styles, numbered headings,
fields (table of contents, page numbers) and the page frame.

The templates under ``templates/`` are real ``.docx`` files a municipality can open and edit in
Word; this kit only makes them reproducible. Run ``python tools/build_templates.py``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from pathlib import Path

import attrs
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from trygga_docs.style import HouseStyle, load_style
from trygga_docs.word.ooxml import schema_order
from docx.text.paragraph import Paragraph


_HOUSE = HouseStyle()
"""The default house style, whose values the default look takes."""


@dataclass(frozen=True)
class Look:
    """A house style's look: fonts, sizes and colours (hex ``RRGGBB``).

    The fields named as in ``HouseStyle`` come from the style (``from_style``); the others are
    the templates' own. The logo and the style's header and footer texts are not part of the
    look: every template shows ``house.logo``, ``house.header_text`` and ``house.footer_text``
    from the style it is rendered with, so one template serves any style folder that falls back
    to it.
    """

    name: str = _HOUSE.name
    body_font: str = _HOUSE.body_font
    heading_font: str = _HOUSE.heading_font
    body_size: float = 11
    primary: str = _HOUSE.primary      # headings, title
    secondary: str = _HOUSE.secondary  # header/footer text, captions
    accent: str = _HOUSE.accent                  # the UTKAST mark
    rule: str = _HOUSE.rule                      # table borders and lines
    box_shading: str = _HOUSE.box_shading        # shaded boxes
    table_header_shading: str = _HOUSE.table_header_shading  # every table's header row
    note_shading: str = _HOUSE.note_shading      # the example note
    heading_rule: bool = _HOUSE.heading_rule     # a line under each level-1 heading

    @classmethod
    def from_style(cls, folder: Path, **extra: object) -> Look:
        """The look of a style folder, read by ``load_style`` (fonts, colours, the heading rule:
        every field the look shares with ``HouseStyle``), so the bundled templates and the
        style's data cannot disagree."""
        style = load_style(folder)
        shared = [f.name for f in fields(cls) if f.name in attrs.fields_dict(HouseStyle)]
        values: dict[str, object] = {name: getattr(style, name) for name in shared}
        values["name"] = folder.name
        values.update(extra)
        return cls(**values)  # type: ignore[arg-type]


STYLES = Path(__file__).resolve().parent.parent / "templates"

LOOKS: dict[str, Look] = {
    "default": Look(),
    "klassisk": Look.from_style(STYLES / "klassisk"),
}
"""The bundled house looks by name; each gets every template under ``templates/<name>/``.
A look other than ``default`` takes its fonts and colours from ``templates/<name>/style.toml``."""


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def _set_lang(rpr: OxmlElement, lang: str = "sv-SE") -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")
    rpr.append(el)


def _font(style, name: str, size: float | None = None, bold: bool | None = None,
          colour: str | None = None) -> None:
    style.font.name = name
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attr), None)
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = _rgb(colour)


def _paragraph_style(doc: DocxDocument, name: str, base: str = "Normal"):
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        style.quick_style = True
        return style


def _character_style(doc: DocxDocument, name: str):
    try:
        return doc.styles[name]
    except KeyError:
        return doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)


def _remove_thumbnail(doc: DocxDocument) -> None:
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]


def _remove_styles_with_effects(doc: DocxDocument) -> None:
    """Drop python-docx's Word 2010 copy of the styles: it no longer matches ``styles.xml`` once
    the house styles are added, which Word may report as unreadable content (openxml-audit's
    app-compat rule); Word writes it anew when it saves."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rel_id]


def _swedish_settings(doc: DocxDocument) -> None:
    """The theme fonts' language and the number separators Swedish (python-docx's template has
    en-US, '.' and ',')."""
    settings = doc.settings.element
    for tag_name, attrs in (("w:themeFontLang", {"w:val": "sv-SE", "w:eastAsia": "sv-SE"}),
                            ("w:decimalSymbol", {"w:val": ","}),
                            ("w:listSeparator", {"w:val": ";"})):
        el = settings.find(qn(tag_name))
        if el is None:
            el = OxmlElement(tag_name)
            settings.append(el)  # save() puts the settings in schema order
        for key in list(el.attrib):
            del el.attrib[key]
        for key, value in attrs.items():
            el.set(qn(key), value)


def _heading_numbering(doc: DocxDocument, levels: int) -> None:
    """Multilevel list 1, 1.1, 1.1.1 linked to Heading 1..levels, as in the Höör agreement."""
    numbering = doc.part.numbering_part.element
    abstract_id = "90"
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "multilevel")
    abstract.append(multi)
    for level in range(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"),
                         ("w:pStyle", f"Heading{level + 1}"),
                         ("w:lvlText", ".".join(f"%{i + 1}" for i in range(level + 1))
                          + ("." if level == 0 else "")),
                         ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(567 + 284 * level))
        ind.set(qn("w:hanging"), str(567 + 284 * level))
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), abstract_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    for level in range(levels):
        ppr = doc.styles[f"Heading {level + 1}"].element.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        numid = OxmlElement("w:numId")
        numid.set(qn("w:val"), abstract_id)
        numpr.append(ilvl)
        numpr.append(numid)
        ppr.insert(0, numpr)


def _no_numbering(style) -> None:
    """A style based on a numbered heading that must not be numbered itself."""
    ppr = style.element.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), "0")
    numpr.append(numid)
    ppr.insert(0, numpr)


def new_document(look: Look, *, numbered_headings: int = 0) -> DocxDocument:
    """An empty A4 document with the house look's styles, Swedish as its language."""
    doc = Document()
    _remove_thumbnail(doc)
    _remove_styles_with_effects(doc)
    _swedish_settings(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.1)

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    _set_lang(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))

    normal = doc.styles["Normal"]
    _font(normal, look.body_font, look.body_size)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    sizes = {1: 16, 2: 13, 3: 11.5, 4: 11, 5: 11}  # 4 and 5: sub-headings in structured text
    for level, size in sizes.items():
        style = doc.styles[f"Heading {level}"]
        _font(style, look.heading_font, size, True, look.primary)
        style.font.italic = False
        fmt = style.paragraph_format
        fmt.space_before = Pt(18 if level == 1 else 12)
        fmt.space_after = Pt(6)
        fmt.keep_with_next = True
    if look.heading_rule:
        _bottom_rule(doc.styles["Heading 1"].element.get_or_add_pPr(), look.primary, size=6, space=2)
    if numbered_headings:
        _heading_numbering(doc, numbered_headings)

    title = doc.styles["Title"]
    _font(title, look.heading_font, 28, True, look.primary)
    title.element.get_or_add_pPr()
    for border in title.element.pPr.findall(qn("w:pBdr")):
        title.element.pPr.remove(border)
    title.paragraph_format.space_after = Pt(12)
    subtitle = doc.styles["Subtitle"]
    _font(subtitle, look.heading_font, 15, False, look.secondary)
    subtitle.font.italic = False

    for name in ("Header", "Footer"):
        _font(doc.styles[name], look.body_font, 8.5, None, look.secondary)
        tabs = doc.styles[name].element.pPr.find(qn("w:tabs"))
        if tabs is not None:  # the Letter-size centre/right stops of python-docx's template
            doc.styles[name].element.pPr.remove(tabs)
    caption = doc.styles["Caption"]
    _font(caption, look.body_font, 9, False, look.secondary)
    caption.font.italic = True

    toc_heading = doc.styles["TOC Heading"]
    _font(toc_heading, look.heading_font, 16, True, look.primary)
    _no_numbering(toc_heading)
    for level in (1, 2):
        style = _paragraph_style(doc, f"toc {level}")
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(3 if level == 2 else 4)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
        if level == 1:
            style.font.bold = True

    lead = _paragraph_style(doc, "Lead")
    lead.font.bold = True
    lead.font.color.rgb = _rgb(look.primary)
    lead.paragraph_format.space_before = Pt(6)
    lead.paragraph_format.space_after = Pt(3)
    lead.paragraph_format.keep_with_next = True

    sources = _paragraph_style(doc, "Source")
    _font(sources, look.body_font, 8.5, None, look.secondary)
    sources.paragraph_format.space_after = Pt(2)
    sources.paragraph_format.left_indent = Cm(0.5)
    sources.paragraph_format.first_line_indent = Cm(-0.5)
    sources.paragraph_format.keep_with_next = True  # an area's sources stay together

    draft = _paragraph_style(doc, "Draft mark")
    _font(draft, look.heading_font, 20, True, look.accent)
    draft.paragraph_format.space_after = Pt(12)

    cover = _paragraph_style(doc, "Cover line")
    _font(cover, look.body_font, 12, None, look.secondary)
    cover.paragraph_format.space_after = Pt(4)

    table_text = _paragraph_style(doc, "Table text")
    _font(table_text, look.body_font, 10)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0
    table_label = _paragraph_style(doc, "Table label", "Table text")
    table_label.font.bold = True
    table_label.font.color.rgb = _rgb(look.primary)

    # not "Figure": LibreOffice tags a paragraph by its style name, and a style named like the
    # PDF structure type Figure becomes a second, empty Figure around the picture
    figure = _paragraph_style(doc, "Picture")
    figure.paragraph_format.space_before = Pt(6)
    figure.paragraph_format.space_after = Pt(2)
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.line_spacing = 1.0

    bullet = doc.styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(3)
    # structured text's lists (trygga_docs.context.markup): the numbering of python-docx's
    # template, one list definition per style (List Bullet 2 / List Number 2: a sub-list)
    for name in ("List Bullet 2", "List Number", "List Number 2"):
        doc.styles[name].paragraph_format.space_after = Pt(3)
    link = _character_style(doc, "Hyperlink")
    link.font.color.rgb = _rgb(look.primary)
    link.font.underline = True
    # the last point before a list of sources takes them along, so no page starts with sources
    last = _paragraph_style(doc, "List Bullet Keep", "List Bullet")
    last.paragraph_format.keep_with_next = True
    _character_style(doc, "Citation")

    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    doc.core_properties.language = "sv-SE"
    doc.core_properties.author = "trygga_docs"
    doc.core_properties.title = ""
    doc.core_properties.comments = ""
    return doc


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (``PAGE``, ``NUMPAGES``, ``TOC …``) that Word and LibreOffice update."""
    def run_with(child: OxmlElement) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def add_toc(doc: DocxDocument, title: str = "Innehåll", levels: int = 2) -> None:
    """A table-of-contents field, filled when the document is opened or converted."""
    doc.add_paragraph(title, style="TOC Heading")
    add_field(doc.add_paragraph(), f'TOC \\o "1-{levels}" \\h \\z \\u',
              "Innehållsförteckningen fylls i när dokumentet öppnas i Word eller görs om till PDF.")


def page_frame(doc: DocxDocument, look: Look, *, header_left: str, header_right: str,
               footer_left: str = "", first_page_plain: bool = True) -> None:
    """Header (two texts, left and right) and footer (text and ``Sida X (Y)``) on every page.

    With ``first_page_plain`` the first page (a title page) has neither.
    """
    section = doc.sections[0]
    section.different_first_page_header_footer = first_page_plain
    width = section.page_width - section.left_margin - section.right_margin

    # the house style's logo and header line: paragraphs that vanish when the style has none
    house = section.header.paragraphs[0]
    house.text = "{%p if house.logo or house.header_text %}"
    house_line = section.header.add_paragraph(style="Header")
    house_line.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    house_line.paragraph_format.space_after = Pt(4)
    house_line.add_run("{{ house.logo }}\t{{ house.header_text }}")
    section.header.add_paragraph("{%p endif %}", style="Header")

    header = section.header.add_paragraph(style="Header")
    header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    header.add_run(header_left)
    header.add_run("\t" + header_right)
    _bottom_rule(header._p.get_or_add_pPr(), look.rule)
    # a header taller than the top margin (a style's own logo) pushes the text down; this space
    # then stays between the header's rule and the text
    header.paragraph_format.space_after = Pt(14)

    footer = section.footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    footer.paragraph_format.space_before = Pt(12)  # kept from the text when the footer grows
    footer.add_run(footer_left + "\tSida ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" (")
    add_field(footer, "NUMPAGES", "1")
    footer.add_run(")")
    for line in ("{%p if house.footer_text %}", "{{ house.footer_text }}", "{%p endif %}"):
        section.footer.add_paragraph(line, style="Footer")

    if first_page_plain:  # the title page: only the logo and the style's own lines
        first = section.first_page_header.paragraphs[0]
        first.style = "Header"
        first.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        first.add_run("{{ house.logo }}\t{{ house.header_text }}")
        first_footer = section.first_page_footer.paragraphs[0]
        first_footer.style = "Footer"
        first_footer.add_run("{{ house.footer_text }}")


def _bottom_rule(ppr, colour: str, *, size: int = 4, space: int = 4) -> None:
    """A line under a paragraph (or every paragraph of a style), given its ``w:pPr``; ``save``
    puts the border in the place the schema wants."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(space)),
                     ("w:color", colour)):
        bottom.set(qn(key), val)
    borders.append(bottom)
    ppr.append(borders)


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def tag(doc: DocxDocument, statement: str) -> None:
    """A paragraph that holds only a docxtpl paragraph tag (``{%p for … %}``); it disappears."""
    doc.add_paragraph("{%p " + statement + " %}")


def table(doc: DocxDocument, look: Look, columns: list[float], *, header: bool = True,
          row_headers: bool = False) -> Table:
    """A light table: thin rules in the house colour, no vertical lines; widths in cm.

    What the table means for a screen reader: ``header`` makes the first row a repeated header
    row (the PDF's column headers), ``row_headers`` the first column the row headers (a
    key/value table); a table with neither is layout, not data, and is not tagged as a table.
    """
    tbl = doc.add_table(rows=2 if header else 1, cols=len(columns))
    tbl.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl.autofit = False
    for column, width in zip(tbl.columns, columns):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    for row in tbl.rows:
        for cell, width in zip(row.cells, columns):
            cell.width = Cm(width)
    tblpr = tbl._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        el = OxmlElement(f"w:{edge}")
        for key, val in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"),
                         ("w:color", look.rule)):
            el.set(qn(key), val)
        borders.append(el)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", "40"), ("left", "80"), ("bottom", "40"), ("right", "80")):  # schema order
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), size)
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.append(margins)
    look_el = tblpr.find(qn("w:tblLook"))
    if look_el is not None:  # Word's table style options say which row and column are headers
        look_el.set(qn("w:firstRow"), "1" if header else "0")
        look_el.set(qn("w:firstColumn"), "1" if row_headers else "0")
        look_el.set(qn("w:val"), f"{0x0400 | (0x20 if header else 0) | (0x80 if row_headers else 0):04X}")
    if header:
        trpr = tbl.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        trpr.append(repeat)
    return tbl


def shade(cell, colour: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tcpr.append(shd)


def cell_text(cell, text: str, style: str = "Table text") -> Paragraph:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.text = text
    return paragraph


def keep_with_next_row(row) -> None:
    """Keep a table row on the page of what follows it (``keepNext`` on its paragraphs).

    LibreOffice 7.4 drops the last rows of a table of unsplittable rows (``cantSplit``) when the
    table breaks across pages before them: the next page starts with a blank gap where they
    belong (seen with a header row ending a page, and with the last row of two). A table whose
    rows are all kept with the next never breaks while it fits on a page: the header, the rows
    and the lead-in before the table move to the next page together, as Word does. (Letting
    rows split avoids it too, but splits rows.)
    """
    for paragraph in row.iter(qn("w:p")):
        ppr = paragraph.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            ppr.append(OxmlElement("w:keepNext"))  # save() puts it in schema order


def save(doc: DocxDocument, path: Path) -> None:
    """Save a template: table rows kept whole on a page, every part's properties in the order
    Word requires."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for row in doc.element.body.iter(qn("w:tr")):  # a row is never split across pages
        trpr = row.get_or_add_trPr()
        if trpr.find(qn("w:cantSplit")) is None:
            trpr.insert(0, OxmlElement("w:cantSplit"))
    for tbl in doc.element.body.iter(qn("w:tbl")):  # a table with a header is kept together
        rows = tbl.findall(qn("w:tr"))
        if rows and rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
            for row in rows:
                keep_with_next_row(row)
    package = doc.part.package
    for part in package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None:
            schema_order(element)
    doc.save(str(path))


__all__ = ["Look", "LOOKS", "new_document", "add_field", "add_toc", "page_frame", "page_break", "tag",
           "table", "shade", "cell_text", "save", "WD_ALIGN_PARAGRAPH", "WD_SECTION", "Cm", "Pt",
           "copy"]
