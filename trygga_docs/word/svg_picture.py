"""SVG pictures in Word: the vector picture beside its PNG fallback, as Word 2016 and later write it.

Word shows an SVG through an extension of DrawingML's ``a:blip``: the blip itself names the PNG
(what Word 2013 and older, and other programs, show) and its ``a:extLst`` holds an
``asvg:svgBlip`` naming the SVG part (MS-ODRAWXML 2.26.1.1, namespace
``http://schemas.microsoft.com/office/drawing/2016/SVG/main``)::

    <a:blip r:embed="rId9">
      <a:extLst>
        <a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">
          <asvg:svgBlip r:embed="rId10"/>
        </a:ext>
      </a:extLst>
    </a:blip>

The SVG is a part of its own (``/word/media/imageN.svg``, ``image/svg+xml``) related to the same
part as the PNG. LibreOffice 7.4 reads only the PNG; the PDF step lets it read the SVG instead
(``trygga_docs.pdf.vector_pictures``), and when LibreOffice re-saves the Word file (the table of
contents filled in) ``restore_svg_pictures`` gives its pictures back their SVG and PNG.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
"""The ``a:ext/@uri`` of the SVG extension."""
SVG_CONTENT_TYPE = "image/svg+xml"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def svg_part(part: Any, svg: bytes) -> str:
    """The relationship id from ``part`` to an SVG part holding ``svg``: an SVG already in the
    package with the same bytes is shared (as python-docx shares a PNG shown twice)."""
    digest = hashlib.sha1(svg).digest()
    package = part.package
    found = None
    for existing in package.iter_parts():
        if (existing.content_type == SVG_CONTENT_TYPE
                and hashlib.sha1(existing.blob).digest() == digest):
            found = existing
            break
    if found is None:
        name: PackURI = package.next_partname("/word/media/image%d.svg")
        found = Part(name, SVG_CONTENT_TYPE, svg, package)
    rid: str = part.relate_to(found, RT.IMAGE)
    return rid


def add_svg(part: Any, inline: Any, svg: bytes) -> None:
    """Give the picture ``inline`` (the ``wp:inline`` python-docx made for its PNG, placed in
    ``part``) the SVG ``svg`` as its vector picture; the PNG stays as the fallback."""
    blip = inline.find(f".//{{{_A}}}blip")
    if blip is None:
        raise ValueError("the picture has no a:blip to carry the SVG")
    extensions = blip.find(f"{{{_A}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(blip, f"{{{_A}}}extLst")
    extension = etree.SubElement(extensions, f"{{{_A}}}ext", uri=SVG_EXTENSION)
    svg_blip = etree.SubElement(extension, f"{{{SVG_NAMESPACE}}}svgBlip",
                                nsmap={"asvg": SVG_NAMESPACE})
    svg_blip.set(f"{{{_R}}}embed", svg_part(part, svg))


def _svg_blip(picture: Any) -> Any:
    return next(picture.iter(f"{{{SVG_NAMESPACE}}}svgBlip"), None)


def restore_svg_pictures(document: Any, source: Any) -> int:
    """Give the pictures of ``document`` (a python-docx ``Document`` of a Word file LibreOffice
    re-saved) the SVG and PNG they have in ``source`` (the document as rendered): LibreOffice
    7.4 saves an SVG picture as a PNG of its own, without the SVG. Pictures of the body are
    matched in document order, and only while both documents have the same number of them.
    Returns how many were restored.
    """
    pictures = list(document.element.body.iter(f"{{{_PIC}}}pic"))
    originals = list(source.element.body.iter(f"{{{_PIC}}}pic"))
    if len(pictures) != len(originals):
        return 0
    restored = 0
    for picture, original in zip(pictures, originals):
        svg_blip, original_blip = _svg_blip(original), original.find(f".//{{{_A}}}blip")
        blip = picture.find(f".//{{{_A}}}blip")
        if svg_blip is None or original_blip is None or blip is None:
            continue
        related = source.part.related_parts
        svg = related[svg_blip.get(f"{{{_R}}}embed")].blob
        png = related[original_blip.get(f"{{{_R}}}embed")].blob
        old = blip.get(f"{{{_R}}}embed")
        rid, _ = document.part.get_or_add_image(io.BytesIO(png))
        blip.set(f"{{{_R}}}embed", rid)
        stale = _svg_blip(picture)
        if stale is not None:
            stale.getparent().getparent().remove(stale.getparent())
        add_svg(document.part, picture, svg)
        if old and old != rid and not document.element.xpath(
                f"//@*[namespace-uri()='{_R}' and .='{old}']"):
            del document.part.rels[old]  # LibreOffice's PNG, shown nowhere else
        restored += 1
    return restored


__all__ = ["SVG_CONTENT_TYPE", "SVG_EXTENSION", "SVG_NAMESPACE", "add_svg", "restore_svg_pictures",
           "svg_part"]
