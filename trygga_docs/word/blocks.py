"""Structured text in Word: a ``Block`` of the context (``trygga_docs.context.markup``) becomes
formatted runs in the paragraph the template prints it in, and that paragraph gets the block's
style after rendering: a heading relative to the heading it stands under, or a list item with
real Word numbering (``w:numPr``), so Word's navigation pane and LibreOffice's tagged PDF
(H, L, LI) see the structure.

Two steps, because a template only prints values: ``BlockSlot`` (what the template sees: it has
no attributes) writes the runs and a ``<trygga-block>`` marker; ``resolve_blocks`` then walks
the rendered body in order and turns each marker into the paragraph's style, numbering and
hyperlinks.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from trygga_docs.context.common import Block, Run
from trygga_docs.word.ooxml import schema_order

MARKER = "trygga-block"
LINK = "trygga-href"
MAX_HEADING = 9


class BlockSlot:
    """All a template sees of a ``Block``: printed (``{{ p }}`` or ``{{r p }}``), it writes the
    block's runs and a marker for ``resolve_blocks``.

    >>> from trygga_docs.context.common import Block, Run
    >>> BlockSlot(Block(runs=(Run("fet", bold=True),), whole_runs=True)).__html__()[:63]
    '<trygga-block style="" heading="0" start=""/><w:r><w:rPr><w:b/>'
    """

    __slots__ = ("_block",)

    def __init__(self, block: Block) -> None:
        self._block = block

    def __html__(self) -> str:
        block = self._block
        marker = (f'<{MARKER} style={quoteattr(block.style)} heading="{block.heading}" '
                  f'start="{"" if block.start is None else block.start}"/>')
        runs = marker + "".join(_run(r) for r in block.runs)
        if block.whole_runs:  # {{r p }}: the template's run is gone, we stand in the paragraph
            return runs
        return f'</w:t></w:r>{runs}<w:r><w:t xml:space="preserve">'

    def __str__(self) -> str:
        return str(self._block)


def _run(run: Run) -> str:
    props = "".join(tag for on, tag in ((run.bold, "<w:b/>"), (run.italic, "<w:i/>"),
                                        (run.superscript, '<w:vertAlign w:val="superscript"/>'))
                    if on)
    if run.link:
        props = '<w:rStyle w:val="Hyperlink"/>' + props
    pieces = run.text.split("\n")
    content = '<w:br/>'.join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in pieces)
    xml = f'<w:r>{"<w:rPr>" + props + "</w:rPr>" if props else ""}{content}</w:r>'
    if run.link:
        return f"<w:hyperlink {LINK}={quoteattr(run.link)}>{xml}</w:hyperlink>"
    return xml


def _styles(document: Any) -> tuple[dict[str, str], dict[str, int]]:
    """Paragraph style ids by lower-case name, and the heading level of each heading style id."""
    ids: dict[str, str] = {}
    levels: dict[str, int] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name_el = style.find(qn("w:name"))
        sid = style.get(qn("w:styleId"))
        if name_el is None or sid is None:
            continue
        name = (name_el.get(qn("w:val")) or "").lower()
        ids[name] = sid
        if name.startswith("heading ") and name[8:].isdigit():
            levels[sid] = int(name[8:])
        elif name == "title":
            levels[sid] = 0
    return ids, levels


def _style_numbering(document: Any, style_id: str) -> str | None:
    """The ``numId`` a paragraph style's numbering uses, if it has one."""
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            num = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            return None if num is None else num.get(qn("w:val"))
    return None


def _restarted(document: Any, num_id: str, start: int) -> str:
    """A new ``w:num`` on the same list definition as ``num_id``, starting at ``start``."""
    numbering = document.part.numbering_part.element
    abstract = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            ref = num.find(qn("w:abstractNumId"))
            abstract = None if ref is None else ref.get(qn("w:val"))
    if abstract is None:
        return num_id
    used = [int(n.get(qn("w:numId")) or 0) for n in numbering.findall(qn("w:num"))]
    new_id = str(max(used, default=0) + 1)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), new_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract)
    num.append(ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start_el = OxmlElement("w:startOverride")
    start_el.set(qn("w:val"), str(start))
    override.append(start_el)
    num.append(override)
    numbering.append(num)
    return new_id


def _set_style(paragraph: Any, style_id: str, num_id: str | None) -> None:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        paragraph.insert(0, ppr)
    for old in ppr.findall(qn("w:pStyle")) + ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    ppr.insert(0, style)
    if num_id is not None:
        numpr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        num = OxmlElement("w:numId")
        num.set(qn("w:val"), num_id)
        numpr.append(ilvl)
        numpr.append(num)
        style.addnext(numpr)
    schema_order(ppr, ("pPr",))  # numPr after a keepNext the template's paragraph may have


def _drop_empty_runs(paragraph: Any) -> None:
    """Remove the empty runs left of the template's ``{{ p }}`` run around the block's runs."""
    for run in paragraph.findall(qn("w:r")):
        content = [c for c in run if c.tag != qn("w:rPr")]
        if len(content) == 1 and content[0].tag == qn("w:t") and not content[0].text:
            paragraph.remove(run)


def resolve_blocks(document: Any) -> None:
    """Give every paragraph that shows a ``Block`` its style, numbering and hyperlinks.

    A sub-heading takes the level of the last heading of the template before it plus the
    block's ``heading``; a numbered list with a ``start`` gets its own ``w:num`` (so each list
    counts from its own start), its other items continue it.
    """
    body = document.element.body
    if next(body.iter(MARKER), None) is None:
        return
    ids, levels = _styles(document)
    base = 0
    current: dict[str, str] = {}  # list style id -> the numId its items use now
    for paragraph in list(body.iter(qn("w:p"))):
        marker = paragraph.find(MARKER)
        if marker is None:
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and style.get(qn("w:val")) in levels:
                base = levels[style.get(qn("w:val")) or ""]
            continue
        for extra in paragraph.findall(MARKER)[1:]:
            paragraph.remove(extra)
        heading = int(marker.get("heading") or 0)
        name = marker.get("style") or ""
        start = marker.get("start") or ""
        paragraph.remove(marker)
        _drop_empty_runs(paragraph)
        if heading:
            level = min(base + heading, MAX_HEADING)
            _set_style(paragraph, ids.get(f"heading {level}", f"Heading{level}"), None)
        elif name:
            style_id = ids.get(name.lower(), name.replace(" ", ""))
            num_id = _style_numbering(document, style_id)
            if num_id is not None and start:
                num_id = current[style_id] = _restarted(document, num_id, int(start))
            elif num_id is not None:
                num_id = current.get(style_id, num_id)
            _set_style(paragraph, style_id, num_id)
    for link in list(body.iter(qn("w:hyperlink"))):
        url = link.attrib.pop(LINK, None)
        if url is not None:
            link.set(qn("r:id"), document.part.relate_to(url, RT.HYPERLINK, is_external=True))


__all__ = ["BlockSlot", "resolve_blocks"]
