"""Model to PDF: the Word step into a temporary file, then LibreOffice, metadata and bilagor."""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trygga_docs.context import Prepared, Properties, prepare
from trygga_docs.context.appendix import attachment_stamps
from trygga_docs.errors import ConversionError, DataError
from trygga_docs.files import atomic_path
from trygga_docs.loader import attachment_path
from trygga_docs.model import Attachment
from trygga_docs.model.common import attachments_in
from trygga_docs.style import HouseStyle
from trygga_docs.word.docx import render_prepared
from trygga_docs.word.toc import fill_toc_from_pdf, fill_toc_without_pages, has_toc
from trygga_docs.pdf.convert import Appendix, Converter, PdfOptions, check_attachments

if TYPE_CHECKING:
    from trygga_docs.model.documents import Model

log = logging.getLogger(__name__)


def _attachment_files(model: Model, base_dir: str | Path | None) -> list[tuple[Attachment, Path]]:
    """The bilagor with a file, in the order the model names them, with their paths."""
    found: list[tuple[Attachment, Path]] = []
    # a document that is part of a larger one says which bilagor are its own (an extract: its §)
    for _, attachment in attachments_in(getattr(model, "appended_attachments", model)):
        if attachment.file:  # inside base_dir, as load checked it (DataError otherwise)
            try:
                path = attachment_path(attachment.file, base_dir if base_dir is not None else ".")
            except DataError as exc:
                raise DataError(f"the bilaga {attachment.title!r} names the file "
                                f"{attachment.file!r}, which {exc.message}") from None
            found.append((attachment, path))
    return found


def attachments_of(model: Model, base_dir: str | Path | None = None) -> list[tuple[str, Path]]:
    """The bilagor with a file, in the order the model names them, as ``(title, path)``.

    Paths are read from ``base_dir`` (the data file's folder; default the current folder) and
    must stay inside it (``load.attachment_path``). Attachments without a file are only
    mentioned in the document, not appended.
    """
    return list(dict.fromkeys((a.title, path) for a, path in _attachment_files(model, base_dir)))


def appendices_of(model: Model, base_dir: str | Path | None = None) -> list[Appendix]:
    """The bilagor to append (``attachments_of``), each with its number in the document and the
    stamp its pages carry (``context.appendix.attachment_stamps``; a document outside the
    meeting cycle numbers them by their place and stamps *Bilaga n*)."""
    stamps = attachment_stamps(model)
    known: dict[tuple[str, Path], tuple[int, str]] = {}
    for place, (attachment, path) in enumerate(_attachment_files(model, base_dir), start=1):
        number, words = stamps.get(id(attachment), (attachment.number or place, ""))
        known.setdefault((attachment.title, path), (number, words or f"Bilaga {number}"))
    return [Appendix(title, path, *known.get((title, path), (place, f"Bilaga {place}")))
            for place, (title, path) in enumerate(attachments_of(model, base_dir), start=1)]


def pdf_options(properties: Properties, *, pdf_a: bool = True) -> PdfOptions:
    return PdfOptions(pdf_a=pdf_a, title=properties.title, author=properties.author,
                      subject=properties.subject, keywords=properties.keywords)


def render_pdf(model: Model, out: str | Path, *, style: HouseStyle | None = None,
               converter: Converter | None = None, base_dir: str | Path | None = None,
               pdf_a: bool = True, updated_docx: str | Path | None = None,
               docx_copy: str | Path | None = None, prepared: Prepared | None = None,
               verify: bool = True, merge_attachments: bool = True) -> Path:
    """Render a model to PDF/A-2b (tagged, Swedish, with bookmarks and bilagor appended).

    ``updated_docx`` also writes the Word file as LibreOffice left it, with the table of contents
    and page numbers filled in; ``docx_copy`` the Word file the PDF was made from, as rendered
    (written after the PDF, so a failed conversion writes neither). ``merge_attachments=False``
    leaves the bilagor out of the PDF (``write_attachments_beside`` publishes them as files of
    their own), so an untagged bilaga does not cost the document its PDF/UA claim. Without
    ``converter`` a
    LibreOffice is started for this one call. With ``verify`` (the default) a PDF that lacks text
    of the Word file is a ConversionError naming the text, and neither file is written.
    """
    style = style or HouseStyle()
    prepared = prepared or prepare(model, style)
    attachments = appendices_of(model, base_dir)
    check_attachments(attachments)  # before anything is written
    options = pdf_options(prepared.properties, pdf_a=pdf_a)
    with contextlib.ExitStack() as stack:
        if converter is None:
            converter = stack.enter_context(Converter(workers=1))
            converter.start(wait=False)  # LibreOffice starts while the Word file is made
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="trygga-docs-"))
        docx = render_prepared(prepared, Path(tmp) / (Path(out).stem + ".docx"), style)
        converter.convert(docx, out, options, updated_docx,
                          attachments=attachments if merge_attachments else (),
                          verify=verify)
        if docx_copy is not None:
            fill_toc_from_pdf(docx, out)  # the Word file shows the PDF's table of contents
            with atomic_path(docx_copy) as copy:
                shutil.copyfile(docx, copy)
        if updated_docx is not None:
            _reorder(Path(updated_docx), docx)
    return Path(out)


def fill_toc_in_background(docx: str | Path, converter: Converter | None = None) -> int:
    """Fill the table of contents of a Word file rendered alone (in place), as the Word file made
    with its PDF is filled: LibreOffice lays the file out into a PDF that is thrown away, and the
    entries and page numbers come from its bookmarks (``word.toc.fill_toc_from_pdf``). Without
    LibreOffice, or when it fails, the entries are written without page numbers (``PAGEREF``
    fields Word fills when it opens the file) and one warning says so. Returns the number of
    entries; a file without a table of contents is left alone and starts no LibreOffice.
    """
    if not has_toc(docx):
        return 0
    try:
        with contextlib.ExitStack() as stack:
            if converter is None:
                converter = stack.enter_context(Converter(workers=1))
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trygga-docs-")))
            pdf = converter.convert(docx, tmp / "sidnummer.pdf", PdfOptions(pdf_a=False),
                                    verify=False)
            written = fill_toc_from_pdf(docx, pdf)
            reason = "the PDF's bookmarks do not name every heading"
    except ConversionError as exc:
        written, reason = 0, f"LibreOffice did not lay it out: {exc}"
    if not written:
        written = fill_toc_without_pages(docx)
        log.warning("%s: the table of contents lists the headings without page numbers (%s); "
                    "Word fills them in when it opens the file", docx, reason)
    return written


def write_attachments_beside(model: Model, out: str | Path,
                             base_dir: str | Path | None = None) -> list[Path]:
    """Publish the bilagor as files of their own next to ``out`` (``protokoll.pdf`` gets
    ``protokoll-bilaga-1.pdf`` …), for publication without merging; returns the paths written.
    """
    out = Path(out)
    written = []
    for n, (_, path) in enumerate(attachments_of(model, base_dir), start=1):
        target = out.with_name(f"{out.stem}-bilaga-{n}{path.suffix.lower()}")
        with atomic_path(target) as tmp:
            shutil.copyfile(path, tmp)
        written.append(target)
    return written


def _reorder(path: Path, source: Path) -> None:
    """LibreOffice's DOCX export writes some run properties out of schema order, row properties
    as ``true`` where the schema takes ``on``, drops the pictures' titles and saves SVG pictures
    as PNG only; mend them (titles and SVG from ``source``, the Word file as rendered) so Word
    opens the filled document without complaint and loses nothing."""
    import docx as python_docx

    from trygga_docs.files import atomic_path
    from trygga_docs.word.ooxml import on_off_only, restore_picture_titles, schema_order
    from trygga_docs.word.svg_picture import restore_svg_pictures

    document = python_docx.Document(str(path))
    schema_order(document.element)
    on_off_only(document.element)
    rendered = python_docx.Document(str(source))
    restore_picture_titles(document.element, rendered.element)
    restore_svg_pictures(document, rendered)  # LibreOffice saved the charts as PNG only
    with atomic_path(path) as tmp:
        document.save(str(tmp))
