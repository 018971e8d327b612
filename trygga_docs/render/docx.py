"""Context to Word: docxtpl renders the house style's template; the file is written atomically."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree
from docx.shared import Mm
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, InlineImage, RichText

from .. import text
from ..context import Inline, Prepared, Properties, prepare
from ..context.common import Picture, house_context
from ..errors import TemplateError
from ..files import atomic_path
from ..style import BUNDLED_TEMPLATES, HouseStyle
from .ooxml import schema_order
from .sandbox import DocumentSandbox, budget, render_bounded


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


class _DescribedImage(InlineImage):
    """docxtpl's InlineImage with alternative text (``wp:docPr/@descr``) for screen readers.

    Only for plain docxtpl (the tests and the benchmark compare with it): the object carries
    the whole template, so a sandboxed render never gets one (it gets a ``PictureSlot``).
    """

    def __init__(self, tpl: DocxTemplate, picture: Picture) -> None:
        super().__init__(tpl, None, width=Mm(picture.width_mm))
        self.picture = picture

    def _insert_image(self) -> str:
        inline = _picture_inline(self.tpl, self.tpl.current_rendering_part, self.picture)
        return ("</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % inline)


def _picture_inline(tpl: DocxTemplate, part: Any, picture: Picture) -> str:
    """The ``wp:inline`` XML of ``picture`` placed in ``part``, with its alt text."""
    image = picture.image
    # a fresh stream each time: the same picture may be shown in several headers
    source = io.BytesIO(image) if isinstance(image, bytes) else str(image)
    inline = part.new_pic_inline(source, Mm(picture.width_mm), None)
    # next_id sees the template, not what this render added: count placed pictures on top
    placed = getattr(tpl, "_pictures_placed", 0)
    tpl._pictures_placed = placed + 1
    inline.docPr.set("id", str(part.next_id + placed))
    inline.docPr.set("descr", picture.alt_text)
    if picture.title:
        inline.docPr.set("title", picture.title)
    return inline.xml


def _rich(value: Any, tpl: DocxTemplate | None = None) -> Any:
    """The context as a template gets it: ``Inline`` as docxtpl ``RichText``, a ``Picture`` as
    a ``PictureSlot`` of ``tpl`` (a ``CompiledDocxTemplate``), or, for plain docxtpl only, as
    a live image."""
    if isinstance(value, Inline):
        rich = RichText()
        for segment, superscript in value.segments:
            rich.add(segment, superscript=superscript)
        return rich
    if isinstance(value, Picture):
        if isinstance(tpl, CompiledDocxTemplate):
            return tpl.slot(value)
        if tpl is None:
            raise TypeError("a Picture needs the template it is shown in")
        return _DescribedImage(tpl, value)
    if isinstance(value, dict):
        return {k: _rich(v, tpl) for k, v in value.items()}
    if isinstance(value, list):
        return [_rich(v, tpl) for v in value]
    return value


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


class CompiledDocxTemplate(DocxTemplate):
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
            return _picture_inline(self, part, self._pictures[number])

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


def _template_failure(path: Path, exc: Exception) -> TemplateError:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        from ..templatecheck import check_syntax  # reads the template part by part, to say where
        try:
            check_syntax(path)
        except TemplateError as located:
            return located
        return TemplateError(f"{path}: template syntax error: {exc.message}")
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateError(f"{path}: the template does what a template may not: {exc.message}")
    if isinstance(exc, (OverflowError, RecursionError, MemoryError)):
        return TemplateError(f"{path}: the template does too much work ({type(exc).__name__}: "
                             f"{str(exc)[:80]})")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"{path}: the template uses a value this document type does not "
                             f"provide: {exc.message}")
    return TemplateError(f"{path}: the template failed: {type(exc).__name__}: {exc}")


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


def set_properties(template: DocxTemplate, properties: Properties) -> None:
    """Word's core properties from the document's ``Properties``, each within 255 characters."""
    core = template.docx.core_properties
    core.title = fit_property(properties.title)
    core.subject = fit_property(properties.subject)
    core.author = fit_property(properties.author)
    core.keywords = fit_property(", ".join(properties.keywords))
    core.language = "sv-SE"
    core.comments = "Skapad med trygga_docs"


_HEADING_STYLES = {"Title", "Subtitle", "TOCHeading"} | {f"Heading{i}" for i in range(1, 10)}


def apply_look(document: Any, style: HouseStyle) -> None:
    """Give a bundled template a style folder's fonts and colours, for document types the folder
    has no Word template of its own for.

    The bundled default template carries the default look; its fonts and its primary and
    secondary colours are swapped for the style's, heading styles taking the heading font. A
    style's own template is used as it is.
    """
    default = HouseStyle()
    swap_colour = {default.primary.upper(): style.primary, default.secondary.upper(): style.secondary}
    styles = document.styles.element
    for element in styles.iter(qn("w:rFonts")):
        owner = next((a for a in element.iterancestors(qn("w:style"))), None)
        is_heading = owner is not None and owner.get(qn("w:styleId")) in _HEADING_STYLES
        font = style.heading_font if is_heading else style.body_font
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            if element.get(qn(attr)) in (default.body_font, default.heading_font):
                element.set(qn(attr), font)
    for element in styles.iter(qn("w:color")):
        value = (element.get(qn("w:val")) or "").upper()
        if value in swap_colour:
            element.set(qn("w:val"), swap_colour[value])


@lru_cache(maxsize=64)
def _template_source(path: Path, mtime_ns: int) -> str:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8", "replace")


def _template_text(path: Path) -> str:
    """The body XML of a template (read once per change), to see which docxtpl tags it uses."""
    return _template_source(path, path.stat().st_mtime_ns)


def is_bundled(path: Path) -> bool:
    """Whether ``path`` is one of the templates that ship with the library."""
    return path.resolve().is_relative_to(BUNDLED_TEMPLATES.resolve())


def check_custom_template(path: Path, document: str, style: HouseStyle,
                          context: dict[str, Any]) -> None:
    """Run the template check on a style's own template before it is rendered: a name the
    document type does not provide (``{{ titel }}``, ``{{ house.logo.tpl }}``) is a
    ``TemplateError`` naming the template, even in a branch this document never takes."""
    from ..templatecheck import check_template, document_vocabulary

    report = check_template(path, document, vocabulary=document_vocabulary(document, style,
                                                                           context))
    if report.unknown:
        findings = "; ".join(str(f) for f in report.unknown[:5])
        more = f" (and {len(report.unknown) - 5} more)" if len(report.unknown) > 5 else ""
        raise TemplateError(f"{path}: the template uses what a '{document}' document does not "
                            f"provide: {findings}{more}; run 'trygga-docs check-template' for "
                            f"the whole list")


def render_prepared(prepared: Prepared, out: str | Path, style: HouseStyle) -> Path:
    """Render an already prepared context into ``out`` (a .docx path), atomically."""
    path = style.template(prepared.template)
    context = {"house": house_context(style), **prepared.context}
    if not is_bundled(path):
        check_custom_template(path, prepared.template, style, context)
    template = load_template(path)
    try:
        with budget(context):
            template.render(_rich(context, template), jinja_env=shared_env(), autoescape=True)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, OverflowError,
            RecursionError, MemoryError) as exc:
        raise _template_failure(path, exc) from None
    set_properties(template, prepared.properties)
    if "cellbg" in _template_text(path):  # docxtpl puts the cell shading before the width
        schema_order(template.docx.element.body, ("tcPr",))
    if not style.has_own_template(prepared.template):
        apply_look(template.docx, style)
    with atomic_path(out) as tmp:
        template.save(str(tmp))
    return Path(out)


def render_docx(model: Any, out: str | Path, *, style: HouseStyle | None = None) -> Path:
    """Render a model object to a Word file.

    >>> import tempfile, pathlib
    >>> from trygga_docs.load import load, EXAMPLES
    >>> agreement = load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> out = render_docx(agreement, pathlib.Path(tempfile.mkdtemp()) / "avtal.docx")
    >>> out.stat().st_size > 10_000
    True
    """
    style = style or HouseStyle()
    return render_prepared(prepare(model, style), out, style)
