"""Vector pictures for LibreOffice: the Word file it converts shows each picture's SVG itself.

A Word picture with an SVG names its PNG fallback in ``a:blip/@r:embed`` and the SVG in the blip's
``asvg:svgBlip`` extension (``trygga_docs.word.svg_picture``). LibreOffice 7.4 reads only the
fallback, so the PDF would get the PNG: pixels, and text that cannot be searched. Its graphic
import reads SVG as well as PNG, though, so the copy it converts names the SVG in ``r:embed``
(the same part's relationship, so no relationship changes); it then draws the picture as vector
paths and text, and keeps the picture's alt text and its tag. The Word file itself is not
changed.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from lxml import etree

SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_PARTS = re.compile(r"word/[^/]+\.xml")
"""The parts that may hold pictures: the body, headers, footers, foot- and endnotes."""


def svg_first(xml: bytes) -> bytes | None:
    """The part ``xml`` with every picture that has an SVG naming the SVG as its picture; None
    when it has none."""
    if b"svgBlip" not in xml:
        return None
    root = etree.fromstring(xml)
    changed = False
    for svg_blip in root.iter(f"{{{SVG_NAMESPACE}}}svgBlip"):
        blip = next(svg_blip.iterancestors(f"{{{_A}}}blip"), None)
        target = svg_blip.get(_EMBED)
        if blip is not None and target:
            blip.set(_EMBED, target)
            changed = True
    if not changed:
        return None
    rewritten: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    return rewritten


def for_libreoffice(docx: Path, folder: Path) -> Path:
    """The Word file LibreOffice should convert: ``docx`` itself when no picture has an SVG (or
    it is no Word file: LibreOffice says so), else a copy in ``folder`` whose pictures name their
    SVG (the entries' order and the rest of the package unchanged)."""
    try:
        package = zipfile.ZipFile(docx)
    except zipfile.BadZipFile:
        return docx
    with package:
        changed = {}
        for info in package.infolist():
            if _PARTS.fullmatch(info.filename):
                try:
                    rewritten = svg_first(package.read(info))
                except (etree.XMLSyntaxError, zipfile.BadZipFile):
                    return docx
                if rewritten is not None:
                    changed[info.filename] = rewritten
        if not changed:
            return docx
        copy = folder / f"vector-{docx.name}"
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
            for info in package.infolist():
                if info.filename in changed:
                    out.writestr(info, changed[info.filename])
                else:
                    with package.open(info) as source, out.open(info, "w") as target:
                        shutil.copyfileobj(source, target)
    return copy


__all__ = ["for_libreoffice", "svg_first"]
