"""The short, typed entry points for scripts: load a file, render a model.

>>> import tempfile, pathlib
>>> import trygga_docs
>>> agreement = trygga_docs.load(trygga_docs.EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
>>> [p.suffix for p in trygga_docs.render(agreement, pathlib.Path(tempfile.mkdtemp()) / "avtal.docx")]
['.docx']
"""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trygga_docs.context.identity import StyleIdentityWarning, identity_mismatch
from trygga_docs.context.registry import document_of
from trygga_docs.errors import DataError
from trygga_docs.files import write_bytes_atomic
from trygga_docs.loader import load
from trygga_docs.word.docx import render_docx
from trygga_docs.word.toc import fill_toc_without_pages
from trygga_docs.meeting_files import is_meeting_model, public_path, render_meetings
from trygga_docs.style import HouseStyle, load_style

if TYPE_CHECKING:
    from trygga_docs.model.documents import Model
    from trygga_docs.pdf.convert import Converter

FORMATS = ("docx", "pdf")


def parse_formats(formats: Iterable[str] | str | None, out: Path | None = None) -> tuple[str, ...]:
    """The wanted formats: given (``"docx,pdf"``), else from the suffix of ``out``.

    >>> parse_formats("docx, PDF")
    ('docx', 'pdf')
    """
    return _formats(out or Path("dokument"), formats)


def _formats(out: Path, formats: Iterable[str] | str | None) -> tuple[str, ...]:
    if formats is None:
        suffix = out.suffix.lower().lstrip(".")
        if suffix not in FORMATS:
            raise DataError(f"cannot tell the format from '{out.name}'; end the name in .docx or "
                            f".pdf, or give the format", path="--out")
        return (suffix,)
    if isinstance(formats, str):
        formats = formats.split(",")
    wanted = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise DataError(f"unknown format {', '.join(unknown) or '(none)'}; "
                        f"choose from {', '.join(FORMATS)}", path="--format")
    return wanted


def render(model: Model, out: str | Path, *, formats: Iterable[str] | str | None = None,
           style: HouseStyle | str | Path | None = None, base_dir: str | Path | None = None,
           pdf_a: bool = True, fill_toc: bool = False, converter: Converter | None = None,
           document: str | Iterable[str] | None = None, meeting: str | None = None,
           verify: bool = True, public: bool = False,
           separate_attachments: bool = False, swedish_names: bool = False) -> list[Path]:
    """Render a model to ``out``; with ``formats`` (``["docx", "pdf"]``) one file per format,
    named after ``out`` with the format's suffix. Returns the paths written.

    For a meeting file, ``document`` picks the documents of the meeting cycle (``"notice"``,
    ``"minutes"``, ``"protocol"``, ``"extract"``, ``"register"``, or several comma-separated;
    default: its notes or protocol) and ``meeting`` (``"2025-03-17"``) one meeting of a
    multi-meeting file; several documents go into the folder ``out`` (``<date>-<document>``),
    named in plain ASCII (``2025-03-17-protokollsutdrag-p12``) unless ``swedish_names``
    (``2025-03-17-protokollsutdrag-§12``).

    PDF is PDF/A-2b and tagged unless ``pdf_a=False``; bilagor with a file are appended (paths
    relative to ``base_dir``, by default the current folder, and inside it), or, with
    ``separate_attachments``, written next to the PDF as ``<name>-bilaga-<n>.pdf`` (publication
    without merging: the document keeps its PDF/UA claim, docs/accessibility.md).

    A Word file's table of contents is filled in (``word.toc``): with the PDF's page numbers when
    the PDF is made too; a Word file made alone lists the headings with page numbers Word fills
    in when it opens the file, at no cost, or, with ``fill_toc``, with the page numbers of a PDF
    LibreOffice lays out in the background and throws away (about a second more per document
    with a table of contents; without LibreOffice a warning says the pages are left to Word).
    ``converter`` is a warm ``trygga_docs.pdf.convert.Converter`` to reuse across calls.
    ``verify`` (on by default) checks each PDF against its Word file: text LibreOffice left out
    is a ConversionError naming it, and nothing is written for that document.

    ``public`` writes the public version (``model.public.public_version``): secret items,
    bilagor and paragraphs withheld, protected names replaced, identity numbers masked; every
    file's name ends in ``-publik``. A document with a record for a website (the anslag) also
    writes it as ``<name>.json``.

    A house style that names another municipality than the document's issuer (its data) is
    warned about with ``context.identity.StyleIdentityWarning``: one municipality per document.
    """
    out = Path(out)
    style = style if isinstance(style, HouseStyle) else load_style(style)
    mismatch = identity_mismatch(model, style)
    if mismatch:
        warnings.warn(StyleIdentityWarning(mismatch), stacklevel=2)
    if public:
        from trygga_docs.model.public import public_version
        model = public_version(model)
    if document is not None or meeting is not None or is_meeting_model(model):
        if not is_meeting_model(model):
            raise DataError(f"--document and --meeting apply to meeting files (type: meeting), "
                            f"not to {type(model).__name__}")
        house = style if isinstance(style, HouseStyle) else load_style(style)
        with contextlib.ExitStack() as stack:
            if converter is None and "pdf" in _formats(out, formats or "docx"):
                from trygga_docs.pdf.convert import Converter
                converter = stack.enter_context(Converter())  # one warm LibreOffice for them all
                converter.start(wait=False)  # starting while the first Word file is made
            return render_meetings(model, out, document=document, meeting=meeting, public=public,
                                   swedish_names=swedish_names, folder=base_dir,
                                   write=lambda doc, to: render(
                                       doc, to, formats=formats, style=house, base_dir=base_dir,
                                       pdf_a=pdf_a, fill_toc=fill_toc, converter=converter,
                                       verify=verify, separate_attachments=separate_attachments))
    wanted = _formats(out, formats)
    house = style if isinstance(style, HouseStyle) else load_style(style)
    base = out.with_suffix("") if out.suffix.lower().lstrip(".") in FORMATS else out
    base = public_path(base) if public else base
    targets = {fmt: base.with_name(base.name + "." + fmt) for fmt in wanted}
    written: list[Path] = []
    if "pdf" in targets:
        from trygga_docs.to_pdf import render_pdf, write_attachments_beside
        copy = targets.get("docx")  # the Word file is made only once, its TOC filled from the PDF
        render_pdf(model, targets["pdf"], style=house, converter=converter, base_dir=base_dir,
                   pdf_a=pdf_a, docx_copy=copy, verify=verify,
                   merge_attachments=not separate_attachments)
        written.extend(p for p in (copy, targets["pdf"]) if p)
        if separate_attachments:
            written.extend(write_attachments_beside(model, targets["pdf"], base_dir))
    elif "docx" in targets:
        docx = render_docx(model, targets["docx"], style=house)
        # each does nothing to a file without a table of contents (and starts no LibreOffice)
        if fill_toc:  # laid out by LibreOffice for its page numbers
            from trygga_docs.to_pdf import fill_toc_in_background
            fill_toc_in_background(docx, converter)
        else:  # the headings now, their pages when Word opens the file
            fill_toc_without_pages(docx)
        written.append(docx)
    record = document_of(model)
    if record is not None and record.record is not None:
        data = json.dumps(record.record(model), ensure_ascii=False, indent=2) + "\n"
        written.append(write_bytes_atomic(base.with_name(base.name + ".json"), data.encode("utf-8")))
    return written


def render_file(path: str | Path, out: str | Path, *, formats: Iterable[str] | str | None = None,
                style: HouseStyle | str | Path | None = None,
                attachments_dir: str | Path | None = None, **options: Any) -> list[Path]:
    """Load a data file and render it (see ``render``); bilagor are found in, and must stay in,
    ``attachments_dir`` (by default the data file's folder)."""
    root = Path(attachments_dir) if attachments_dir is not None else Path(path).parent
    return render(load(path, attachments_dir=root), out, formats=formats, style=style,
                  base_dir=root, **options)


__all__ = ["FORMATS", "load", "render", "render_file"]
