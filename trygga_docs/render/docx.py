"""Context to Word: docxtpl renders the house style's template; the file is written atomically."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, InlineImage, RichText
from jinja2.sandbox import SandboxedEnvironment

from .. import text
from ..context import Inline, Prepared, Properties, prepare
from ..context.common import Picture, house_context
from ..errors import TemplateError
from ..files import atomic_path
from ..style import HouseStyle
from .ooxml import schema_order


def jinja_env() -> jinja2.Environment:
    """The environment every template renders in: sandboxed, strict about unknown names,
    escaping every value (so ``&``, ``<`` and ``{{ … }}`` in data are printed as text), and with
    the Swedish filters of ``trygga_docs.text``."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(text.FILTERS)
    return env


class _DescribedImage(InlineImage):
    """docxtpl's InlineImage with alternative text (``wp:docPr/@descr``) for screen readers."""

    def __init__(self, tpl: DocxTemplate, picture: Picture) -> None:
        super().__init__(tpl, None, width=Mm(picture.width_mm))
        self.picture = picture

    def _insert_image(self) -> str:
        image = self.picture.image
        # a fresh stream each time: the same picture may be shown in several headers
        source = io.BytesIO(image) if isinstance(image, bytes) else str(image)
        part = self.tpl.current_rendering_part
        inline = part.new_pic_inline(source, self.width, self.height)
        # next_id sees the template, not what this render added: count placed pictures on top
        placed = getattr(self.tpl, "_pictures_placed", 0)
        self.tpl._pictures_placed = placed + 1
        inline.docPr.set("id", str(part.next_id + placed))
        inline.docPr.set("descr", self.picture.alt_text)
        if self.picture.title:
            inline.docPr.set("title", self.picture.title)
        return ("</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % inline.xml)


def _rich(value: Any, tpl: DocxTemplate | None = None) -> Any:
    if isinstance(value, Inline):
        rich = RichText()
        for segment, superscript in value.segments:
            rich.add(segment, superscript=superscript)
        return rich
    if isinstance(value, Picture):
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

    def _compiled(self, part_key: str, source: Any, jinja_env: jinja2.Environment | None
                  ) -> tuple[jinja2.Template, str]:
        env = jinja_env or shared_env()
        key = (*self._key, part_key, id(env))
        found = _COMPILED.get(key)
        if found is None:
            xml, encoding = source()
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", self.patch_xml(xml))
            found = _COMPILED[key] = (env.from_string(xml), encoding)
        return found

    def _render_compiled(self, template: jinja2.Template, part: Any, context: Any) -> str:
        # the steps of DocxTemplate.render_xml_part after its from_string
        self.current_rendering_part = part
        dst_xml = template.render(context)
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = (dst_xml.replace("{_{", "{{").replace("}_}", "}}")
                   .replace("{_%", "{%").replace("%_}", "%}"))
        # resolve_listing only turns \t \a \n \f in texts into Word runs; without any of them
        # its three nested regex passes give back the same string
        if any(c in dst_xml for c in "\t\a\n\f"):
            dst_xml = self.resolve_listing(dst_xml)
        return dst_xml

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
            setattr(core, prop, _property_template(env, getattr(core, prop)).render(context))


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
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"{path}: the template uses a value this document type does not "
                             f"provide: {exc.message}")
    return TemplateError(f"{path}: the template failed: {type(exc).__name__}: {exc}")


def set_properties(template: DocxTemplate, properties: Properties) -> None:
    core = template.docx.core_properties
    core.title = properties.title
    core.subject = properties.subject
    core.author = properties.author
    core.keywords = ", ".join(properties.keywords)
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


def render_prepared(prepared: Prepared, out: str | Path, style: HouseStyle) -> Path:
    """Render an already prepared context into ``out`` (a .docx path), atomically."""
    path = style.template(prepared.template)
    template = load_template(path)
    try:
        context = {"house": house_context(style), **prepared.context}
        template.render(_rich(context, template), jinja_env=shared_env(), autoescape=True)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
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
