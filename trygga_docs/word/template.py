"""The Word templates as docxtpl loads them: the sandboxed Jinja environment, each part compiled
once per process, pictures placed after rendering, core properties within Word's limits."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate
from lxml import etree

from trygga_docs import text
from trygga_docs.context.common import Drawing, Picture
from trygga_docs.errors import TemplateError
from trygga_docs.word.sandbox import DocumentSandbox, render_bounded
from trygga_docs.word.svg_picture import add_svg


def jinja_env() -> jinja2.Environment:
    """The environment every template renders in: a ``DocumentSandbox`` (plain data only, no
    method calls, bounded work), strict about unknown names, escaping every value (so ``&``,
    ``<`` and ``{{ … }}`` in data are printed as text), and with the Swedish filters of
    ``trygga_docs.text``."""
    env = DocumentSandbox(undefined=jinja2.StrictUndefined, autoescape=True)
    env.add_filters(text.FILTERS)
    return env


class PictureSlot:
    """All a template sees of a ``Picture``: where it goes. It has no attributes and does
    nothing; printed (``{{ house.logo }}``) it leaves a marker that the Word step replaces with
    the picture after the part is rendered (``CompiledDocxTemplate.place_pictures``)."""

    __slots__ = ("_number",)

    def __init__(self, number: int) -> None:
        self._number = number

    def __html__(self) -> str:
        return ("</w:t></w:r><w:r><w:drawing><trygga-picture-%d/></w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % self._number)

    def __str__(self) -> str:
        return ""


_PICTURE_MARKER = re.compile(r"<trygga-picture-(\d+)/>")



def picture_inline(tpl: DocxTemplate, part: Any, picture: Picture) -> str:
    """The ``wp:inline`` XML of ``picture`` placed in ``part``, with its alt text."""
    image = picture.image
    # a fresh stream each time: the same picture may be shown in several headers
    raster = image.png if isinstance(image, Drawing) else image
    source = io.BytesIO(raster) if isinstance(raster, bytes) else str(raster)
    inline = part.new_pic_inline(source, Mm(picture.width_mm), None)
    if isinstance(image, Drawing):  # the SVG, with the PNG as its fallback
        add_svg(part, inline, image.svg)
    # next_id sees the template, not what this render added: count placed pictures on top
    placed = getattr(tpl, "_pictures_placed", 0)
    tpl._pictures_placed = placed + 1
    inline.docPr.set("id", str(part.next_id + placed))
    inline.docPr.set("descr", picture.alt_text)
    if picture.title:
        inline.docPr.set("title", picture.title)
    xml: str = inline.xml
    return xml



@lru_cache(maxsize=32)
def _template_bytes(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


_SHARED_ENV: list[jinja2.Environment] = []


def shared_env() -> jinja2.Environment:
    """One ``jinja_env()`` per process: the compiled templates below belong to it."""
    if not _SHARED_ENV:
        _SHARED_ENV.append(jinja_env())
    return _SHARED_ENV[0]


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_COMPILED: dict[tuple[object, ...], tuple[jinja2.Template, str]] = {}


class CompiledDocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl ships no types
    """docxtpl with each part's Jinja compiled once per process and template file.

    Plain docxtpl re-serialises, patches (``patch_xml``) and compiles the body, every header and
    footer and the core properties on every render, which is most of its time. The patched source
    depends only on the template file, so this class keeps the compiled template per
    ``(file, mtime, part)`` and renders it the way ``DocxTemplate.render_xml_part`` does; the
    output is the same as plain docxtpl's (``tests/test_meetings_render.py`` checks it).
    """

    def __init__(self, template_file: Any, key: tuple[object, ...]) -> None:
        super().__init__(template_file)
        self._key = key
        self._pictures: list[Picture] = []

    def slot(self, picture: Picture) -> PictureSlot:
        """A marker for ``picture`` that ``place_pictures`` resolves after rendering."""
        self._pictures.append(picture)
        return PictureSlot(len(self._pictures) - 1)

    def place_pictures(self, xml: str, part: Any) -> str:
        """Replace the picture markers in a rendered part by the pictures, placed in ``part``."""
        if "<trygga-picture-" not in xml:
            return xml

        def drawing(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if number >= len(self._pictures):
                raise ValueError(f"the template names picture {number}, which it was not given")
            return picture_inline(self, part, self._pictures[number])

        return _PICTURE_MARKER.sub(drawing, xml)

    def render_xml_part(self, src_xml: str, part: Any, context: Any,
                        jinja_env: jinja2.Environment | None = None) -> str:
        """docxtpl's rendering of a part (the footnotes use it), in the shared sandbox."""
        env = jinja_env or shared_env()
        template = env.from_string(_literal_markers(re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)))
        return self._render_compiled(template, part, context)

    def _compiled(self, part_key: str, source: Any, jinja_env: jinja2.Environment | None
                  ) -> tuple[jinja2.Template, str]:
        env = jinja_env or shared_env()
        key = (*self._key, part_key, id(env))
        found = _COMPILED.get(key)
        if found is None:
            xml, encoding = source()
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", self.patch_xml(xml))
            found = _COMPILED[key] = (env.from_string(_literal_markers(xml)), encoding)
        return found

    def _render_compiled(self, template: jinja2.Template, part: Any, context: Any) -> str:
        # the steps of DocxTemplate.render_xml_part after its from_string
        self.current_rendering_part = part
        dst_xml = self.place_pictures(render_bounded(template, context), part)
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        # docxtpl turns {_{ into {{ here, in data too; _literal_markers did it in the template
        # resolve_listing only turns \t \a \n \f in texts into Word runs; without any of them
        # its three nested regex passes give back the same string
        if any(c in dst_xml for c in "\t\a\n\f"):
            dst_xml = self.resolve_listing(dst_xml)
        return dst_xml

    def map_tree(self, tree: Any) -> None:
        """docxtpl's ``map_tree`` (the rendered body into the document) in linear time.

        lxml moves a subtree into another document in time quadratic in its ``xml:space``
        attributes (20,000 agenda items: 9 s, 40,000: 38 s), so they are taken off for the move
        and put back after; the XML is the same.
        """
        spaced = [(element, element.attrib.pop(_XML_SPACE))
                  for element in tree.iter(etree.Element) if _XML_SPACE in element.attrib]
        super().map_tree(tree)
        for element, value in spaced:
            element.set(_XML_SPACE, value)

    def build_xml(self, context: Any, jinja_env: jinja2.Environment | None = None) -> str:
        template, _ = self._compiled("body", lambda: (self.get_xml(), "utf-8"), jinja_env)
        return self._render_compiled(template, self.docx._part, context)

    def build_headers_footers_xml(self, context: Any, uri: str,
                                  jinja_env: jinja2.Environment | None = None) -> Any:
        for rel_key, part in self.get_headers_footers(uri):
            def source(part: Any = part) -> tuple[str, str]:
                xml = self.get_part_xml(part)
                return xml, self.get_headers_footers_encoding(xml)
            template, encoding = self._compiled(f"{uri}#{rel_key}", source, jinja_env)
            yield rel_key, self._render_compiled(template, part, context).encode(encoding)

    def render_properties(self, context: Any, jinja_env: jinja2.Environment | None = None) -> None:
        env = jinja_env or shared_env()
        core = self.docx.core_properties
        # the string properties DocxTemplate.render_properties renders, in its order
        for prop in ("author", "comments", "identifier", "language", "subject", "title"):
            value = render_bounded(_property_template(env, getattr(core, prop)), context)
            setattr(core, prop, fit_property(value))


_LITERAL_MARKERS = re.compile(r"\{_\{|\}_\}|\{_%|%_\}")


def _literal_markers(source: str) -> str:
    """docxtpl's way for a template to print ``{{`` (written ``{_{``, likewise ``}_}``, ``{_%``,
    ``%_}``) as a Jinja string literal, so the markers are resolved in the template only: docxtpl
    replaces them in the rendered XML, which changed data such as ``{_{ a }_}`` into ``{{ a }}``.
    """
    return _LITERAL_MARKERS.sub(lambda m: '{{ "%s" }}' % m.group(0).replace("_", ""), source)


@lru_cache(maxsize=256)
def _property_template(env: jinja2.Environment, source: str) -> jinja2.Template:
    return env.from_string(source)


def load_template(path: Path) -> DocxTemplate:
    """A fresh DocxTemplate for ``path``; the file is read from disk once per change and its
    Jinja compiled once per process (``CompiledDocxTemplate``)."""
    try:
        mtime = path.stat().st_mtime_ns
        data = _template_bytes(path, mtime)
        return CompiledDocxTemplate(io.BytesIO(data), (str(path), mtime))
    except (OSError, KeyError, ValueError) as exc:
        raise TemplateError(f"{path}: cannot be opened as a Word template ({exc})") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors
        raise TemplateError(f"{path}: is not a Word (.docx) file ({exc})") from None



CORE_PROPERTY_LIMIT = 255
"""The most characters Word's core properties (title, subject, author …) may hold."""


def fit_property(value: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """``value`` as a core property: a longer text is shortened, ending in an ellipsis. The
    document itself keeps the full text; only its metadata is shortened.

    >>> fit_property("x" * 300)[-2:]
    'x…'
    >>> len(fit_property("x" * 300))
    255
    """
    if len(value) <= limit:
        return value
    return value[:limit - 1].rstrip() + "\u2026"
