"""A house style's look on the bundled templates, given at render time.

The bundled ``default`` templates carry the default look: every colour in them is one of
``HouseStyle()``'s colours (``style.COLOUR_KEYS``: primary, secondary, accent, rule and the three
shadings) and every font one of its fonts. A style folder that has no Word template of its own
for a document type gets the default template with each of those values replaced by the style's
own: in every XML part (body, headers, footers, styles, numbering, theme, font table), in any
attribute (``w:color``, ``w:fill``, borders, ``a:srgbClr``, ``w:rFonts``, ``typeface`` …). A font
takes the heading font inside a heading style (``HEADING_STYLES``), the body font elsewhere; the
theme's major and minor fonts become the heading and body fonts. ``heading_rule`` adds the line
under level-1 headings (or takes it away).

The replacement runs once per template file and look, in one pass over the parts' elements, and
its result is compiled once like any template (``CompiledDocxTemplate``), so a render in a
style of its own costs what a render in the default style does. A style's own template is used
as it is.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from attrs import frozen
from lxml import etree

from trygga_docs.errors import TemplateError
from trygga_docs.style import BUNDLED_TEMPLATES, COLOUR_KEYS, FONT_KEYS, HouseStyle
from trygga_docs.word.ooxml import schema_order
from trygga_docs.word.template import CompiledDocxTemplate, load_template

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

_DEFAULT_TEMPLATES = (BUNDLED_TEMPLATES / "default").resolve()

HEADING_STYLES = frozenset({"Title", "Subtitle", "TOCHeading", "Draftmark"}
                           | {f"Heading{i}" for i in range(1, 10)})
"""Style ids whose font is the heading font; every other style's is the body font."""

_THEME_ATTRIBUTES = ("themeColor", "themeShade", "themeTint", "themeFill", "themeFillShade",
                     "themeFillTint")


@frozen
class Look:
    """What a style changes in a bundled template: the default's colours and fonts replaced by
    the style's (only those that differ), and whether level-1 headings get a line."""

    colours: tuple[tuple[str, str], ...]
    """(default ``RRGGBB``, the style's) for every colour key whose value differs."""
    heading_font: str | None
    """The style's heading font, when it is not the default's."""
    body_font: str | None
    """The style's body font, when it is not the default's."""
    heading_rule: bool | None
    """The style's ``heading_rule`` in the primary colour, when it is not the default's."""
    primary: str
    """The style's primary colour (the heading rule's colour)."""

    def __bool__(self) -> bool:
        return bool(self.colours or self.heading_font or self.body_font
                    or self.heading_rule is not None)


def look_of(style: HouseStyle) -> Look:
    """What ``style`` changes in the bundled default templates.

    >>> bool(look_of(HouseStyle()))
    False
    >>> look_of(HouseStyle(primary="8B1A1A")).colours
    (('1F3A5F', '8B1A1A'),)
    """
    default = HouseStyle()
    colours = tuple((getattr(default, key), getattr(style, key)) for key in COLOUR_KEYS
                    if getattr(style, key) != getattr(default, key))
    heading, body = (getattr(style, key) if getattr(style, key) != getattr(default, key) else None
                     for key in FONT_KEYS)
    rule = style.heading_rule if style.heading_rule != default.heading_rule else None
    return Look(colours=colours, heading_font=heading, body_font=body, heading_rule=rule,
                primary=style.primary)


class _Replace:
    """The replacements of one look, part by part; each part's elements are visited once."""

    def __init__(self, look: Look) -> None:
        default = HouseStyle()
        self.look = look
        self.colours = dict(look.colours)
        self.colours.update({f"#{old}": f"#{new}" for old, new in look.colours})
        fonts = {default.heading_font, default.body_font}
        self.heading = {font: look.heading_font or default.heading_font for font in fonts}
        self.body = {font: look.body_font or default.body_font for font in fonts}

    def attributes(self, element: Any, fonts: dict[str, str]) -> None:
        """Replace every default value among ``element``'s attributes."""
        attributes = element.attrib
        swapped = False
        for name, value in attributes.items():
            new = self.colours.get(value.upper()) or fonts.get(value)
            if new is not None:
                attributes[name] = new
                swapped = True
        if swapped:  # Word shows a theme colour in place of the value: the value is the style's
            for name in _THEME_ATTRIBUTES:
                attributes.pop(_W + name, None)

    def part(self, name: str, root: Any) -> None:
        if name == "word/styles.xml":
            self.styles(root)
        elif name == "word/fontTable.xml":
            self.font_table(root)
        else:
            # a theme's major and minor fonts are the style's heading and body fonts
            theme_fonts = {_A + "majorFont": self.look.heading_font,
                           _A + "minorFont": self.look.body_font}
            for element in root.iter(etree.Element):
                parent = element.getparent()
                if element.tag == _A + "latin" and parent is not None \
                        and parent.tag in theme_fonts:
                    font = theme_fonts[parent.tag]
                    if font:
                        element.set("typeface", font)
                    continue
                self.attributes(element, self.body)

    def styles(self, root: Any) -> None:
        for child in root.iterchildren(etree.Element):
            style_id = child.get(_W + "styleId") if child.tag == _W + "style" else None
            fonts = self.heading if style_id in HEADING_STYLES else self.body
            for element in child.iter(etree.Element):
                self.attributes(element, fonts)
            if style_id == "Heading1" and self.look.heading_rule is not None:
                _heading_rule(child, self.look.heading_rule, self.look.primary)

    def font_table(self, root: Any) -> None:
        names = set()
        for font in root.iterchildren(_W + "font"):
            new = self.body.get(font.get(_W + "name", ""))
            if new is not None and new != font.get(_W + "name"):
                font.set(_W + "name", new)
                for child in list(font):  # its panose numbers and signature were the old font's
                    font.remove(child)
            names.add(font.get(_W + "name"))
        for wanted in (self.look.heading_font, self.look.body_font):
            if wanted and wanted not in names:
                etree.SubElement(root, _W + "font").set(_W + "name", wanted)
                names.add(wanted)


def _heading_rule(style: Any, wanted: bool, colour: str) -> None:
    """The line under a heading style: added in ``colour`` or taken away."""
    ppr = style.find(_W + "pPr")
    if ppr is None:
        ppr = etree.Element(_W + "pPr")
        rpr = style.find(_W + "rPr")
        if rpr is not None:  # schema order: pPr before rPr
            rpr.addprevious(ppr)
        else:
            style.append(ppr)
    for old in ppr.findall(_W + "pBdr"):
        ppr.remove(old)
    if wanted:
        borders = etree.SubElement(ppr, _W + "pBdr")
        bottom = etree.SubElement(borders, _W + "bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "2"), ("color", colour)):
            bottom.set(_W + key, value)
        schema_order(ppr, ("pPr",))


def apply_look(docx: bytes, look: Look) -> bytes:
    """A bundled template (the bytes of its ``.docx``) in ``look``: every default colour and
    font in every XML part replaced by the style's, each part's elements visited once."""
    if not look:
        return docx
    replace = _Replace(look)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".xml") and info.filename != "[Content_Types].xml":
                root = etree.fromstring(data)
                replace.part(info.filename, root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(info, data)
    return out.getvalue()


@lru_cache(maxsize=64)
def _styled_bytes(path: Path, mtime_ns: int, look: Look) -> bytes:
    return apply_look(path.read_bytes(), look)


def styled_template(path: Path, style: HouseStyle) -> Any:
    """The template at ``path`` ready to render in ``style``. A bundled default template is
    given the style's look by ``apply_look`` (once per file and look; its parts are then
    compiled once, as ``load_template``'s are); any other template (a style's own) is used as it
    is, like a bundled one when the style looks like the default."""
    look = look_of(style)
    if not look or path.parent.resolve() != _DEFAULT_TEMPLATES:
        return load_template(path)
    try:
        mtime = path.stat().st_mtime_ns
        data = _styled_bytes(path, mtime, look)
        return CompiledDocxTemplate(io.BytesIO(data), (str(path), mtime, look))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"{path}: cannot be opened as a Word template ({exc})") from None


__all__ = ["HEADING_STYLES", "Look", "apply_look", "look_of", "styled_template"]
