"""Context to Word: docxtpl renders the house style's template; the file is written atomically."""

from __future__ import annotations

import zipfile
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText

from trygga_docs.context import Inline, Prepared, Properties, prepare
from trygga_docs.context.common import Block, Picture, house_context
from trygga_docs.errors import TemplateError
from trygga_docs.files import atomic_path
from trygga_docs.style import BUNDLED_TEMPLATES, HouseStyle
from trygga_docs.word.blocks import BlockSlot, resolve_blocks
from trygga_docs.word.look import styled_template
from trygga_docs.word.ooxml import schema_order
from trygga_docs.word.sandbox import budget
from trygga_docs.word.template import (CompiledDocxTemplate, fit_property,
                                       picture_inline, shared_env)
from trygga_docs.word.templatecheck import check_syntax, check_template, document_vocabulary

if TYPE_CHECKING:
    from trygga_docs.model.documents import Model


class _DescribedImage(InlineImage):  # type: ignore[misc]  # docxtpl ships no types
    """docxtpl's InlineImage with alternative text (``wp:docPr/@descr``) for screen readers.

    Only for plain docxtpl (the tests and the benchmark compare with it): the object carries
    the whole template, so a sandboxed render never gets one (it gets a ``PictureSlot``).
    """

    def __init__(self, tpl: DocxTemplate, picture: Picture) -> None:
        super().__init__(tpl, None, width=Mm(picture.width_mm))
        self.picture = picture

    def _insert_image(self) -> str:
        inline = picture_inline(self.tpl, self.tpl.current_rendering_part, self.picture)
        return ("</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % inline)


def _rich(value: Any, tpl: DocxTemplate | None = None) -> Any:
    """The context as a template gets it: ``Inline`` as docxtpl ``RichText``, a ``Picture`` as
    a ``PictureSlot`` of ``tpl`` (a ``CompiledDocxTemplate``), or, for plain docxtpl only, as
    a live image."""
    if isinstance(value, Inline):
        rich = RichText()
        for segment, superscript in value.segments:
            rich.add(segment, superscript=superscript)
        return rich
    if isinstance(value, Block):
        return BlockSlot(value)
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


def _template_failure(path: Path, exc: Exception) -> TemplateError:
    if isinstance(exc, jinja2.TemplateSyntaxError):
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


def set_properties(template: DocxTemplate, properties: Properties,
                   now: datetime | None = None) -> None:
    """Word's core properties from the document's ``Properties``, each within 255 characters;
    created and modified are the render time (``now``), not the template's dates."""
    core = template.docx.core_properties
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    core.created = core.modified = now
    core.revision = 1
    core.title = fit_property(properties.title)
    core.subject = fit_property(properties.subject)
    core.author = fit_property(properties.author)
    core.keywords = fit_property(", ".join(properties.keywords))
    core.language = "sv-SE"
    core.comments = "Skapad med trygga_docs"


def drop_styles_with_effects(document: Any) -> None:
    """Drop Word 2010's copy of the styles (``stylesWithEffects.xml``) a template may carry: it
    no longer matches the styles once they change, which Word may report as unreadable content,
    and Word writes it anew when it saves."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[rel_id]


@lru_cache(maxsize=64)
def _template_source(path: Path, mtime_ns: int) -> str:
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
    template = styled_template(path, style)
    try:
        with budget(context):
            template.render(_rich(context, template), jinja_env=shared_env(), autoescape=True)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, OverflowError,
            RecursionError, MemoryError) as exc:
        raise _template_failure(path, exc) from None
    resolve_blocks(template.docx)
    set_properties(template, prepared.properties)
    drop_styles_with_effects(template.docx)
    if "cellbg" in _template_text(path):  # docxtpl puts the cell shading before the width
        schema_order(template.docx.element.body, ("tcPr",))
    with atomic_path(out) as tmp:
        template.save(str(tmp))
    return Path(out)


def render_docx(model: Model, out: str | Path, *, style: HouseStyle | None = None) -> Path:
    """Render a model object to a Word file.

    >>> import tempfile, pathlib
    >>> from trygga_docs.loader import load, EXAMPLES
    >>> agreement = load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> out = render_docx(agreement, pathlib.Path(tempfile.mkdtemp()) / "avtal.docx")
    >>> out.stat().st_size > 10_000
    True
    """
    style = style or HouseStyle()
    return render_prepared(prepare(model, style), out, style)
