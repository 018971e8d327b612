"""DOCX -> PDF through a warm LibreOffice: PDF/A-2b, tagged, bookmarks, filled table of contents.

The last step of the flow (load -> model -> context -> DOCX -> **PDF** -> files). LibreOffice loads
the Word file, updates its indexes and fields (so the table of contents and ``Sida X (Y)`` carry the
right page numbers), optionally stores the updated DOCX back for Word users, and exports PDF/A-2b
with tags, bookmarks from the headings, and title/author/subject/keywords. One pikepdf pass then
repairs ``/Lang`` and the metadata where they differ and makes the PDF/UA repairs and checks
(:mod:`trygga_docs.pdf.tagging`), and pypdf appends attachments (*bilagor*).

One :class:`Converter` keeps one LibreOffice per worker warm for a whole batch::

    with Converter(workers=2) as conv:
        results = conv.convert_many([(docx, pdf, PdfOptions(title="Protokoll"))
                                     for docx, pdf in pairs])

Every output is written atomically, and no LibreOffice process outlives the converter: each
worker runs in its own process group that is killed on close, on exceptions (Ctrl-C included),
at interpreter exit, and by the worker itself when its parent disappears.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor, as_completed
from concurrent.futures import wait as wait_for
from pathlib import Path
from typing import Any, NamedTuple

import attrs
from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.errors import PdfReadError
from pypdf.generic import BooleanObject, NameObject

from trygga_docs.errors import ConversionError, DataError
from trygga_docs.files import atomic_path
from trygga_docs.loader import attachment_problem
from trygga_docs.pdf._uno_worker import ALT_TEXT_WARNING
from trygga_docs.pdf.meta import wanted_info
from trygga_docs.pdf.stamp import stamp, to_a4
from trygga_docs.pdf.process import (
    UnoWorker,
    WorkerDied,
    WorkerHung,
    find_uno_python,
    install_sigterm_handler,
)
from trygga_docs.pdf.tagging import make_accessible
from trygga_docs.pdf.verify import verify_pdf
from trygga_docs.pdf.vector_pictures import for_libreoffice
from trygga_docs.pdf.word_facts import WordFacts, read_word_facts

__all__ = [
    "ConversionResult",
    "Converter",
    "PdfJob",
    "PdfOptions",
    "append_attachments",
    "check_attachments",
    "convert",
    "find_soffice",
]

log = logging.getLogger(__name__)

SOFFICE_ENV = "TRYGGA_DOCS_SOFFICE"
_INSTALL_HINT = (
    "Install it with 'sudo apt-get install libreoffice-writer-nogui python3-uno' (Debian/Ubuntu) "
    "or 'brew install --cask libreoffice' (macOS), or set TRYGGA_DOCS_SOFFICE to the soffice "
    "program.")


# -- finding LibreOffice ---------------------------------------------------------------------

def _soffice_in(directory: Path) -> Path | None:
    for name in ("soffice", "soffice.exe", "libreoffice"):
        cand = directory / name
        if cand.is_file() and os.access(cand, os.X_OK):
            return cand
    return None


def find_soffice() -> Path:
    """Where LibreOffice's ``soffice`` program is; ConversionError saying how to install it if not.

    Order: the ``TRYGGA_DOCS_SOFFICE`` environment variable (the program or its directory),
    ``soffice``/``libreoffice`` on PATH, then the usual Debian, /opt and macOS locations.

    >>> find_soffice().name in {"soffice", "soffice.exe", "libreoffice"}
    True
    """
    env = os.environ.get(SOFFICE_ENV)
    if env:
        path = Path(env).expanduser()
        found = _soffice_in(path) if path.is_dir() else (path if path.is_file() else None)
        if found is None:
            raise ConversionError(
                f"{SOFFICE_ENV}={env} is not LibreOffice's soffice program. Point it to the "
                f"soffice file, or unset it to search the usual places. {_INSTALL_HINT}")
        return found
    for name in ("soffice", "libreoffice"):
        hit = shutil.which(name)
        if hit:
            return Path(hit)
    places = [Path("/usr/bin"), Path("/usr/local/bin"), Path("/usr/lib/libreoffice/program"),
              Path("/snap/bin")]
    places += sorted(Path("/opt").glob("libreoffice*/program"), reverse=True)
    places += [Path("/Applications/LibreOffice.app/Contents/MacOS"),
               Path.home() / "Applications/LibreOffice.app/Contents/MacOS"]
    if sys.platform == "win32":  # pragma: no cover
        for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if base:
                places.append(Path(base) / "LibreOffice" / "program")
    for place in places:
        found = _soffice_in(place)
        if found is not None:
            return found
    raise ConversionError(f"LibreOffice (soffice) was not found. {_INSTALL_HINT}")


# -- options, jobs, results ------------------------------------------------------------------

def _keywords(value: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    return tuple(v for v in value if v)


@attrs.frozen(kw_only=True)
class PdfOptions:
    """How a PDF is written. Tagged PDF and bookmarks are always on.

    ``pdf_a`` gives PDF/A-2b (archival; turn off for plain PDF). ``lang`` is the document
    language in the PDF (``/Lang``); title, author, subject and keywords go to the Info dictionary
    and XMP. A missing title falls back to the DOCX's own title, then to the PDF's file name.

    >>> PdfOptions(title="Protokoll", keywords=["BRÅ", "Höör"]).keywords
    ('BRÅ', 'Höör')
    """

    pdf_a: bool = True
    lang: str = "sv-SE"
    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_keywords)


class Appendix(NamedTuple):
    """A bilaga to append: its title (for the bookmark ``Bilaga n – title``), its PDF, the
    number it has in the document (default: its place among the appended ones) and the text
    stamped on each of its pages (``Bilaga 3 till protokoll 2025-03-17, § 12``; none: no stamp)."""

    title: str
    path: Path
    number: int | None = None
    stamp: str | None = None


def _attachments(value: Iterable[Sequence[Any]]) -> tuple[Appendix, ...]:
    """``(title, path)`` pairs, ``(title, path, number, stamp)`` or ``Appendix`` as Appendix."""
    return tuple(Appendix(str(a[0]), Path(a[1]), *a[2:4]) for a in value)


@attrs.frozen(kw_only=True)
class PdfJob:
    """One document to convert: DOCX in, PDF out, plus the optional updated DOCX and bilagor.

    With ``verify`` (the default) the PDF is checked against the Word file before it is written:
    text LibreOffice left out fails the job (see ``trygga_docs.pdf.verify``).
    """

    docx: Path = attrs.field(converter=Path)
    pdf: Path = attrs.field(converter=Path)
    options: PdfOptions = PdfOptions()
    updated_docx: Path | None = attrs.field(
        default=None, converter=attrs.converters.optional(Path))
    attachments: tuple[Appendix, ...] = attrs.field(default=(), converter=_attachments)
    verify: bool = True

    @classmethod
    def of(cls, job: PdfJob | Sequence[Any]) -> PdfJob:
        """Accept a PdfJob or a ``(docx, pdf[, options[, updated_docx]])`` tuple."""
        if isinstance(job, PdfJob):
            return job
        docx, pdf, *rest = job
        options = rest[0] if rest and rest[0] is not None else PdfOptions()
        updated = rest[1] if len(rest) > 1 else None
        return cls(docx=docx, pdf=pdf, options=options, updated_docx=updated)


@attrs.frozen(kw_only=True)
class ConversionResult:
    """What happened to one job: ``ok`` with the written PDF, or ``error`` saying why not."""

    job: PdfJob
    ok: bool
    error: str | None = None
    warnings: tuple[str, ...] = ()
    attempts: int = 0
    seconds: float = 0.0

    @property
    def docx(self) -> Path:
        return self.job.docx

    @property
    def pdf(self) -> Path:
        return self.job.pdf


class _JobFailed(Exception):
    def __init__(self, message: str, attempts: int = 0) -> None:
        super().__init__(message)
        self.attempts = attempts


# -- attachments -----------------------------------------------------------------------------

def check_attachments(attachments: Sequence[Sequence[Any]]) -> None:
    """Raise DataError naming the file when an attachment cannot be appended.

    Checks every file before anything is written: it exists, is a PDF, opens, is not
    password-protected, has pages, and has a title for its bookmark.

    >>> check_attachments([("Karta", "/nonexistent/karta.pdf")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    trygga_docs.errors.DataError: /nonexistent/karta.pdf: ... 'Karta' does not exist; check the path
    """
    for place, appendix in enumerate(attachments, start=1):
        title, path = appendix[0], Path(appendix[1])
        n = appendix[2] if len(appendix) > 2 and appendix[2] is not None else place
        where = f"attachment (bilaga {n}) {title!r}"
        if not str(title).strip():
            raise DataError(f"attachment (bilaga {n}) has no title; give it one for the "
                            "bookmark 'Bilaga n – title'", file=str(path))
        if not path.exists():
            raise DataError(f"{where} does not exist; check the path", file=str(path))
        # the one check, which load (and so check) makes too: encrypted, no pages, damaged …
        problem = attachment_problem(path)
        if problem:
            raise DataError(f"{where} {problem}", file=str(path))


def _merge_attachments(pdf: Path, attachments: Sequence[Sequence[Any]]) -> list[str]:
    """Append ``attachments`` to ``pdf`` in place (call on a temporary file); return warnings.

    Each bilaga gets its bookmark (``Bilaga 3 – title``), its pages brought to A4 (scaled to
    fit, a warning saying so) and stamped with its ``stamp`` as an artifact, and a page label
    of its own (``Bilaga 3, s. 1``) after the document's own pages (``1``, ``2`` …)."""
    writer = PdfWriter(clone_from=pdf)
    producer = writer.metadata.get("/Producer") if writer.metadata else None
    warnings = []
    own_pages = len(writer.pages)
    sections: list[tuple[int, int, int]] = []
    for place, appendix in enumerate(_attachments(attachments), start=1):
        n = appendix.number if appendix.number is not None else place
        title, path = appendix.title, appendix.path
        first_new = len(writer.pages)
        reader = PdfReader(path)
        metadata = reader.root_object.get("/Metadata")
        if metadata is None or b"pdfaid" not in metadata.get_object().get_data():
            warnings.append(f"bilaga {n} ({path.name}) is not PDF/A; the merged file's PDF/A "
                            "claim may not hold")
        writer.append(reader, outline_item=f"Bilaga {n} – {title}")
        # The appended pages' tags point into the attachment's own structure tree, which is not
        # merged; drop the dangling references so checkers don't map them onto ours.
        for k, page in enumerate(writer.pages[first_new:], start=1):
            if "/StructParents" in page:
                del page[NameObject("/StructParents")]
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    del annot[NameObject("/StructParent")]
            scaled = to_a4(page)
            if scaled:
                warnings.append(f"bilaga {n} ({path.name}) page {k} is {scaled}")
            if appendix.stamp:
                stamp(page, appendix.stamp)
        sections.append((first_new, len(writer.pages) - 1, n))
    if sections:  # the document's pages 1, 2 …; a bilaga's "Bilaga 3, s. 1" …
        writer.set_page_label(0, own_pages - 1, style=PageLabelStyle.DECIMAL, start=1)
        for first, last, n in sections:
            writer.set_page_label(first, last, style=PageLabelStyle.DECIMAL,
                                  prefix=f"Bilaga {n}, s. ", start=1)
    mark_info = writer.root_object.get("/MarkInfo")
    if attachments and mark_info is not None:  # untagged pages now: the tags may be incomplete
        mark_info.get_object()[NameObject("/Suspects")] = BooleanObject(True)
    if producer is not None:  # keep Info's /Producer equal to XMP pdf:Producer (PDF/A)
        writer.add_metadata({"/Producer": producer})
    buf = io.BytesIO()
    writer.write(buf)
    pdf.write_bytes(buf.getvalue())
    return warnings


def append_attachments(pdf: str | os.PathLike[str],
                       attachments: Sequence[Sequence[Any]]) -> None:
    """Append attachment PDFs (*bilagor*) after ``pdf``, each under a bookmark ``Bilaga n – title``.

    The document's own bookmarks stay first; an attachment's bookmarks nest under its entry.
    Everything is checked first (DataError naming the file) and the PDF is replaced atomically.

    What still holds afterwards: tags, ``/Lang``, metadata and the XMP (with its PDF/A-2b claim)
    of the main document are kept. The attachments' pages are appended untagged, and the PDF/A
    claim is only true when every attachment is itself PDF/A-2b conformant; a warning is logged
    for attachments without a PDF/A claim. Nothing here re-validates PDF/A.

    Example::

        append_attachments("protokoll.pdf", [("Karta över Höör", "bilagor/karta.pdf")])
    """
    items = _attachments(attachments)
    check_attachments(items)
    pdf = Path(pdf)
    if not pdf.is_file():
        raise DataError("the PDF to append attachments to does not exist", file=str(pdf))
    with atomic_path(pdf) as tmp:
        shutil.copyfile(pdf, tmp)
        for warning in _merge_attachments(tmp, items):
            log.warning("%s: %s", pdf, warning)


# -- the converter ---------------------------------------------------------------------------

_open_converters: weakref.WeakSet[Converter] = weakref.WeakSet()


@atexit.register
def _close_open_converters() -> None:
    """A converter never closed (no ``with``) is closed at exit: processes and profiles go."""
    for conv in list(_open_converters):
        with contextlib.suppress(Exception):
            conv.close()


class Converter:
    """A pool of warm LibreOffice processes (one per worker) turning DOCX into PDF.

    Each worker has its own user profile and process group and is started on first use. A
    document that takes longer than ``timeout`` seconds, or whose LibreOffice crashes, gets its
    LibreOffice killed and restarted and is tried once more; then it is reported as failed while
    the rest go on. Use it as a context manager; leaving the block (normally, by an exception or
    Ctrl-C) kills every LibreOffice it started.

    Example::

        with Converter(workers=2) as conv:
            conv.convert("protokoll.docx", "protokoll.pdf", PdfOptions(title="Protokoll"),
                         updated_docx="protokoll-med-innehall.docx")
    """

    def __init__(self, workers: int = 1, timeout: float = 120.0,
                 soffice: str | os.PathLike[str] | None = None, *,
                 startup_timeout: float = 60.0) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.timeout = float(timeout)
        self.startup_timeout = float(startup_timeout)
        self.soffice = Path(soffice) if soffice is not None else find_soffice()
        if not self.soffice.is_file():
            raise ConversionError(f"{self.soffice} does not exist. {_INSTALL_HINT}")
        self.python = find_uno_python(self.soffice)
        self._root: Path | None = None
        self._all: list[UnoWorker] = []
        self._idle: list[UnoWorker] = []
        self._lock = threading.Lock()
        self._available = threading.Condition(self._lock)  # a worker was checked in, or closed
        self._batches: list[list[Future[ConversionResult]]] = []  # cancelled by close()
        self._closed = False

    # -- life cycle --

    def __enter__(self) -> Converter:
        install_sigterm_handler()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill every LibreOffice of this converter and remove their profiles."""
        with self._lock:
            self._closed = True  # a thread still on its way in must not start a new worker
            workers, self._all = self._all, []
            self._idle = []
            root, self._root = self._root, None
            batches, self._batches = self._batches, []
            self._available.notify_all()  # a conversion waiting for a worker gives up
        for future in (f for batch in batches for f in batch):
            future.cancel()  # documents not started are dropped; running ones end below
        for worker in workers:
            worker.retire()
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)
        _open_converters.discard(self)

    @property
    def work_dir(self) -> Path | None:
        """The temporary directory holding this converter's LibreOffice profiles, once started."""
        return self._root

    @property
    def process_groups(self) -> list[int]:
        """Process group ids of the running LibreOffice workers (for monitoring and tests)."""
        return [w.pgid for w in list(self._all) if w.running and w.pgid is not None]

    def start(self, *, wait: bool = True) -> None:
        """Start every worker's LibreOffice now, in parallel, instead of on first use.

        With ``wait=True`` it returns when they are up, and raises ConversionError when none
        starts (a worker that failed is tried again by the conversions that need it). With
        ``wait=False`` they start in the background while the caller goes on (rendering the Word
        files, say); conversions wait for a worker that is still starting and report one that
        does not start.

        Example::

            with Converter(workers=2) as conv:
                conv.start(wait=False)      # LibreOffice starts while the Word files are made
                docx_files = make_word_files()
                conv.convert_many([(d, d.with_suffix(".pdf")) for d in docx_files])
        """
        with self._lock:
            new = [self._new_worker() for _ in range(self.workers - len(self._all))]
        if not new:
            return

        def start_one(worker: UnoWorker) -> None:
            try:
                worker.start()
            except ConversionError:
                raise  # the conversions that need this worker try again and report it
            except Exception:
                log.exception("%s: LibreOffice could not be started", worker.name)
                raise
            finally:
                self._checkin(worker)

        pool = ThreadPoolExecutor(max_workers=len(new), thread_name_prefix="trygga-pdf-start")
        futures = [pool.submit(start_one, worker) for worker in new]
        pool.shutdown(wait=wait)
        if wait:
            errors = [e for e in (f.exception() for f in futures) if e is not None]
            unexpected = [e for e in errors if not isinstance(e, ConversionError)]
            if unexpected:
                raise unexpected[0]
            if len(errors) == len(futures):
                raise errors[0]  # none started

    def _new_worker(self) -> UnoWorker:
        """A new, not yet started worker, counted but not idle (call with the lock held)."""
        if self._closed:
            raise ConversionError("the converter has been closed")
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="trygga-docs-lo-"))
            _open_converters.add(self)
        worker = UnoWorker(self.soffice, self.python, root=self._root,
                           name=f"worker{len(self._all) + 1}",
                           startup_timeout=self.startup_timeout)
        self._all.append(worker)
        return worker

    def _checkout(self, avoid: Iterable[UnoWorker] = ()) -> UnoWorker | None:
        """An idle worker (started or not) not in ``avoid``, waiting for one to be checked in;
        None when every worker is in ``avoid``. ConversionError when the converter is closed."""
        with self._available:
            while True:
                if self._closed:
                    raise ConversionError("the converter has been closed")
                worker = next((w for w in self._idle if w not in avoid), None)
                if worker is not None:
                    self._idle.remove(worker)
                    return worker
                if len(self._all) < self.workers:
                    return self._new_worker()
                if all(w in avoid for w in self._all):
                    return None
                self._available.wait()

    def _checkin(self, worker: UnoWorker) -> None:
        with self._available:
            if worker in self._all:
                self._idle.append(worker)
            self._available.notify_all()  # also wakes a batch whose last worker gave up

    # -- one document --

    def convert(self, docx: str | os.PathLike[str], pdf: str | os.PathLike[str],
                options: PdfOptions = PdfOptions(),
                updated_docx: str | os.PathLike[str] | None = None, *,
                attachments: Sequence[Sequence[Any]] = (),
                verify: bool = True) -> Path:
        """Convert one DOCX to PDF (and the updated DOCX when asked); return the PDF path.

        Raises DataError for a bad attachment (before anything is written) and ConversionError
        when LibreOffice fails or, with ``verify``, leaves text of the Word file out of the PDF
        (then nothing is written).
        """
        job = PdfJob(docx=docx, pdf=pdf, options=options, updated_docx=updated_docx,
                     attachments=attachments, verify=verify)
        check_attachments(job.attachments)
        worker = self._checkout()
        assert worker is not None  # nothing avoided
        try:
            result = self._run(worker, job)
        finally:
            self._checkin(worker)
        if not result.ok:
            raise ConversionError(result.error or f"{job.docx}: conversion failed")
        for warning in result.warnings:
            log.warning("%s: %s", job.pdf, warning)  # the file the user gets
        return job.pdf

    def _run(self, worker: UnoWorker, job: PdfJob) -> ConversionResult:
        started = time.monotonic()
        attempts = 0
        warnings: list[str] = []
        try:
            check_attachments(job.attachments)
            if not job.docx.is_file():
                raise _JobFailed(f"{job.docx}: the Word file does not exist")
            with contextlib.ExitStack() as stack:
                tmp_pdf = stack.enter_context(atomic_path(job.pdf))
                tmp_docx = (stack.enter_context(atomic_path(job.updated_docx))
                            if job.updated_docx is not None else None)
                # LibreOffice writes into the converter's private folder, and the result reaches
                # the target's folder only when complete (the PDF written there by the PDF/UA
                # step, the Word file moved): a LibreOffice still busy when the caller is
                # interrupted (Ctrl-C) cannot leave a file in the output folder
                private = Path(tempfile.mkdtemp(prefix="job-", dir=self._root))
                stack.callback(shutil.rmtree, private, ignore_errors=True)
                lo_pdf = private / "out.pdf"
                lo_docx = private / "out.docx" if tmp_docx is not None else None
                facts = read_word_facts(job.docx)
                source = for_libreoffice(job.docx, private)  # pictures as SVG, not PNG
                reply, attempts = self._convert_in_libreoffice(worker, job, lo_pdf, lo_docx,
                                                               facts, source)
                if job.verify:  # before anything reaches the target: no PDF that lacks text
                    try:
                        verify_pdf(job.docx, lo_pdf, document=str(job.pdf))
                    except ConversionError as exc:
                        raise _JobFailed(str(exc), attempts) from None
                if lo_docx is not None and tmp_docx is not None:
                    shutil.move(lo_docx, tmp_docx)
                if facts is not None:
                    warnings.extend(ALT_TEXT_WARNING % name
                                    for name in facts.images_without_alt_text)
                    doc_lang = facts.language
                else:
                    doc_lang = reply.get("doc_lang")
                warnings.extend(reply.get("warnings", ()))
                opts = job.options
                info = wanted_info(title=opts.title, author=opts.author, subject=opts.subject,
                                   keywords=opts.keywords)
                # LibreOffice wrote /Lang from the template's language, or no XMP (plain PDF):
                # repair. Otherwise its output already says everything we asked.
                repair = doc_lang != opts.lang or not opts.pdf_a
                # PDF/UA repairs (and that one), written from LibreOffice's file to the target;
                # the claim only when every check passes and no untagged bilaga is merged into
                # the file (docs/accessibility.md)
                report = make_accessible(tmp_pdf, job.docx, claim=not job.attachments,
                                         source=lo_pdf, lang=opts.lang if repair else None,
                                         info=info)
                if not report.conforms:
                    warnings.append("not PDF/UA: " + "; ".join(
                        p for r in report.failed for p in r.problems[:2]))
                if job.attachments:
                    warnings.extend(_merge_attachments(tmp_pdf, job.attachments))
        except DataError as exc:
            return ConversionResult(job=job, ok=False, error=str(exc), attempts=attempts,
                                    seconds=time.monotonic() - started)
        except _JobFailed as exc:
            return ConversionResult(job=job, ok=False, error=str(exc), attempts=exc.attempts,
                                    seconds=time.monotonic() - started)
        except (OSError, PdfReadError, ValueError) as exc:
            return ConversionResult(job=job, ok=False, attempts=attempts,
                                    error=f"{job.docx}: {type(exc).__name__}: {exc}",
                                    seconds=time.monotonic() - started)
        return ConversionResult(job=job, ok=True, warnings=tuple(warnings), attempts=attempts,
                                seconds=time.monotonic() - started)

    def _convert_in_libreoffice(self, worker: UnoWorker, job: PdfJob, tmp_pdf: Path,
                                tmp_docx: Path | None, facts: WordFacts | None,
                                source: Path | None = None) -> tuple[dict[str, Any], int]:
        opts = job.options
        command = {
            "facts": None if facts is None else {"indexes": facts.has_index,
                                                 "refresh_fields": facts.needs_field_refresh,
                                                 "toc_levels": facts.toc_levels},
            "op": "convert", "docx": str((source or job.docx).resolve()),
            "pdf": str(tmp_pdf.resolve()),
            "updated_docx": str(tmp_docx.resolve()) if tmp_docx is not None else None,
            "pdf_a": opts.pdf_a, "title": opts.title, "author": opts.author,
            "subject": opts.subject, "keywords": list(opts.keywords),
            "fallback_title": job.pdf.stem,
        }
        error = ""
        tried = 0
        worker.start_failed = False
        for attempt in (1, 2):
            try:
                worker.start()
            except ConversionError as exc:
                error = str(exc)
                worker.start_failed = True
                continue
            worker.start_failed = False
            tried += 1
            try:
                reply = worker.request(command, self.timeout)
            except WorkerHung:
                error = (f"{job.docx}: LibreOffice did not finish within {self.timeout:g} s "
                         f"and was stopped (tried {attempt} time{'s' if attempt > 1 else ''})")
                continue
            except WorkerDied as exc:
                error = (f"{job.docx}: LibreOffice stopped unexpectedly ({exc}; tried "
                         f"{attempt} time{'s' if attempt > 1 else ''})")
                continue
            if reply.get("ok"):
                worker.jobs_done += 1
                return reply, attempt
            if reply.get("crashed"):
                worker.kill()
                error = (f"{job.docx}: LibreOffice crashed ({reply.get('error')}; tried "
                         f"{attempt} time{'s' if attempt > 1 else ''})")
                continue
            # LibreOffice is fine but refuses this document; trying again would not help.
            raise _JobFailed(f"{job.docx}: {reply.get('error')}", attempt)
        raise _JobFailed(error, tried)

    # -- many documents --

    def convert_many(self, jobs: Iterable[PdfJob | Sequence[Any]],
                     on_done: Callable[[ConversionResult], object] | None = None,
                     ) -> list[ConversionResult]:
        """Convert many documents over the workers; return one result per job, in job order.

        Jobs are PdfJob objects or ``(docx, pdf, options)`` tuples. Failures are reported, not
        raised, and the batch goes on. ``on_done`` is called in the calling thread as each
        document finishes (in completion order), e.g. to drive a progress bar.

        Example::

            with Converter(workers=os.cpu_count() or 1) as conv:
                results = conv.convert_many(
                    [(docx, docx.with_suffix(".pdf"), PdfOptions()) for docx in files],
                    on_done=lambda r: print(r.pdf, "klar" if r.ok else r.error))
        """
        job_list = [PdfJob.of(j) for j in jobs]
        if not job_list:
            return []
        # A worker whose LibreOffice would not start for two documents in a row is left alone
        # for the rest of the batch; when every worker is, the documents left are reported.
        start_failures: dict[UnoWorker, int] = {}
        given_up: set[UnoWorker] = set()

        def convert_one(job: PdfJob) -> ConversionResult:
            try:
                worker = self._checkout(avoid=given_up)
            except ConversionError:  # closed meanwhile (Ctrl-C, an exception)
                worker = None
            if worker is None:
                return _not_converted(job)
            try:
                result = self._run(worker, job)
            finally:
                with self._lock:
                    failures = start_failures[worker] = (
                        start_failures.get(worker, 0) + 1 if worker.start_failed else 0)
                    if failures >= 2:
                        given_up.add(worker)
                self._checkin(worker)
            return result

        pool = ThreadPoolExecutor(max_workers=min(self.workers, len(job_list)),
                                  thread_name_prefix="trygga-pdf")
        futures: dict[Future[ConversionResult], int] = {}
        batch: list[Future[ConversionResult]] = []
        results: list[ConversionResult | None] = [None] * len(job_list)
        try:
            # handing out the jobs is inside the try: Ctrl-C while a thread starts must still
            # shut the pool down, or that thread waits for work forever and the program cannot exit
            for i, job in enumerate(job_list):
                futures[pool.submit(convert_one, job)] = i
            batch = list(futures)
            with self._lock:
                self._batches.append(batch)
            for future in as_completed(futures):
                i = futures[future]
                results[i] = result = _outcome(future, job_list[i])
                if on_done is not None:
                    on_done(result)
        except BaseException:
            # Ctrl-C, SIGTERM or an exception in on_done: documents not started are dropped,
            # and killing LibreOffice makes the running ones return at once
            running = [f for f in futures if not f.cancel()]
            self.close()
            pool.shutdown(wait=False, cancel_futures=True)
            wait_for(running, timeout=5)
            raise
        finally:
            with self._lock:
                self._batches = [b for b in self._batches if b is not batch]
        pool.shutdown()
        return [r if r is not None else _not_converted(job_list[i])
                for i, r in enumerate(results)]


def _not_converted(job: PdfJob) -> ConversionResult:
    return ConversionResult(job=job, ok=False, error=f"{job.docx}: not converted, LibreOffice "
                                                     "could not be started")


def _outcome(future: Future[ConversionResult], job: PdfJob) -> ConversionResult:
    """The result of one document's future; a failure, not an exception, whatever happened."""
    try:
        return future.result()
    except CancelledError:  # the converter was closed before the document was started
        return _not_converted(job)
    except Exception as exc:  # a fault of ours: report it with the document, log the trace
        log.error("%s: conversion failed", job.docx, exc_info=exc)
        return ConversionResult(job=job, ok=False, error=f"{job.docx}: {type(exc).__name__}: {exc}")


def convert(docx: str | os.PathLike[str], pdf: str | os.PathLike[str],
            options: PdfOptions = PdfOptions(),
            updated_docx: str | os.PathLike[str] | None = None, *,
            attachments: Sequence[Sequence[Any]] = (),
            timeout: float = 120.0, verify: bool = True) -> Path:
    """Convert one DOCX to PDF with a one-off LibreOffice; see :class:`Converter` for batches.

    Example::

        convert("protokoll.docx", "protokoll.pdf", PdfOptions(title="Protokoll 2019-11-25"),
                attachments=[("Närvarolista", "bilagor/narvaro.pdf")])
    """
    check_attachments(_attachments(attachments))
    with Converter(workers=1, timeout=timeout) as conv:
        return conv.convert(docx, pdf, options, updated_docx, attachments=attachments,
                            verify=verify)

