"""Many data files to many documents: in parallel over the cores, continuing past broken files.

A batch runs in two rounds over one pool of worker processes:

1. every file is loaded in a worker. An agreement (or any other one-document file) is rendered
   there and then; a meeting file sends its meetings back;
2. the meetings of all files are put together, so § numbers run on across a body's meetings of a
   year and a notice sees the actions still open from earlier meetings even when each meeting is
   its own file; the documents they call for are then rendered in chunks by the workers.

A file that fails is reported with the reason and the others go on; ``BatchResult.ok`` tells
whether anything failed.

Ctrl-C, SIGTERM and SIGHUP stop a batch the same way: the parent tells the workers to stop after
the document each is writing, waits for them, and they close their LibreOffice; nothing is left
half-written or running (``Terminated`` carries the signal for the exit code).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from types import FrameType
from typing import Any

from attrs import field, frozen

from trygga_docs.errors import DataError, TryggaDocsError, data_path
from trygga_docs.loader import SUFFIXES
from trygga_docs.meeting_files import (file_name, meeting_label, parse_kinds, plan, public_path,
                                      shared_path_message, shared_paths)


_CONVERTER: dict[int, Any] = {}
"""This process's warm LibreOffice (by process id: a forked worker must not use its parent's)."""


def _converter(formats: tuple[str, ...]) -> Any:
    """The warm PDF converter of this process, started on first use when PDF is wanted.

    A pool worker ends through multiprocessing's exit handlers (not ``atexit``), so the
    converter is closed by a ``multiprocessing.util.Finalize``; the parent closes its own at the
    end of ``render_many``.
    """
    if "pdf" not in formats:
        return None
    pid = os.getpid()
    if pid not in _CONVERTER:
        from multiprocessing import util

        from trygga_docs.pdf.convert import Converter
        converter = _CONVERTER[pid] = Converter(workers=1)
        util.Finalize(None, converter.close, exitpriority=100)
        converter.start(wait=False)  # LibreOffice starts while the first Word file is made
    return _CONVERTER[pid]


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""Signals that stop a batch the way Ctrl-C does."""

_STOP: Any = None
"""In a pool worker: the parent's stop event (a ``multiprocessing.Event``)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP reached the batch; it stops as on Ctrl-C. ``signum`` is the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """While in the block, SIGTERM and SIGHUP raise ``Terminated`` (a ``KeyboardInterrupt``).

    Only a signal left at its default action is taken (``nohup``'s ignored SIGHUP stays
    ignored, an application's own handler stays its own), and only in the main thread. After
    the first, both are ignored, so a second cannot cut the clean-up short.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        for other in STOP_SIGNALS:
            signal.signal(other, signal.SIG_IGN)
        raise Terminated(signum)

    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    for signum, handler in previous.items():
        if handler == signal.SIG_DFL:
            signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _init_worker(stop: Any) -> None:
    """A pool worker leaves Ctrl-C, SIGTERM and SIGHUP to the parent, which sets ``stop``: the
    worker then ends the document in progress and starts no other, so nothing is left half-done
    (temporary folders included)."""
    global _STOP
    _STOP = stop
    for signum in (signal.SIGINT, *STOP_SIGNALS):
        signal.signal(signum, signal.SIG_IGN)


def _stopping() -> bool:
    """True in a pool worker once the parent has been told to stop."""
    return _STOP is not None and _STOP.is_set()


def _close_converter() -> None:
    converter = _CONVERTER.pop(os.getpid(), None)
    if converter is not None:
        converter.close()


@frozen
class Failure:
    """A data file that could not be rendered, and why."""

    file: Path
    message: str


@frozen
class BatchResult:
    """What a batch wrote and what failed; ``ok`` only when nothing failed. ``skipped`` are files
    that are not meeting files when only meeting documents were asked for; ``up_to_date`` the
    files a resumed batch kept because they were newer than their data and style."""

    written: tuple[Path, ...] = field(factory=tuple)
    failed: tuple[Failure, ...] = field(factory=tuple)
    skipped: tuple[Path, ...] = field(factory=tuple)
    up_to_date: tuple[Path, ...] = field(factory=tuple)
    warnings: tuple[str, ...] = field(factory=tuple)
    """What was written but deserves a look, one line each: a house style that names another
    municipality than the data's issuer (``context.identity``)."""

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """``12 written, 1 failed`` (and ``, 2 skipped`` or ``, 8 skipped as up to date`` when
        any were)."""
        text = f"{len(self.written)} written, {len(self.failed)} failed"
        text += f", {len(self.skipped)} skipped" if self.skipped else ""
        return text + (f", {len(self.up_to_date)} skipped as up to date" if self.up_to_date
                       else "")


def style_time(style: str | Path | None) -> float:
    """When the house style last changed: the newest of its files (``style.toml``, logo,
    templates) and of the bundled templates it falls back on."""
    from trygga_docs.style import BUNDLED_TEMPLATES, load_style

    folders = {load_style(style).directory, BUNDLED_TEMPLATES / "default"}
    return max((p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()),
               default=0.0)


def outputs_of(base: Path, formats: Sequence[str]) -> list[Path]:
    """The files a document with ``base`` (no suffix, or ``.docx``) is written to.

    >>> outputs_of(Path("ut/avtal"), ("docx", "pdf"))
    [PosixPath('ut/avtal.docx'), PosixPath('ut/avtal.pdf')]
    """
    base = base.with_suffix("") if base.suffix.lower() == ".docx" else base
    return [base.with_name(f"{base.name}.{fmt}") for fmt in formats]


def is_up_to_date(outputs: Sequence[Path], inputs_time: float) -> bool:
    """Every output exists and is newer than ``inputs_time`` (a resumed batch keeps it)."""
    try:
        return all(p.stat().st_mtime > inputs_time for p in outputs)
    except OSError:
        return False


def data_files(folder: str | Path) -> list[Path]:
    """The data files in a folder and its subfolders (.yaml, .yml, .toml, .json), sorted; a
    single data file gives itself."""
    root = Path(folder)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


# ---------------------------------------------------------------------------------------------
# Work done in the worker processes (module-level functions, so they pickle)


_Stored = tuple[str, int, int]
"""Where a meeting waits between the rounds: spool file, offset, length."""


def _pack(meetings: Sequence[Any], spool: Path, actions: bool) -> list[tuple[Any, _Stored]]:
    """A file's meetings for the parent: each one's outline for planning (§ numbers, open
    actions, the register; see ``MeetingOutline``), and where the whole meeting waits, a
    compressed pickle in the batch's spool folder, for the worker that renders it. The parent
    then keeps a few hundred bytes per meeting, however much text it holds."""
    from trygga_docs.model.meeting_series import MeetingOutline

    fd, name = tempfile.mkstemp(suffix=".meetings", dir=spool)
    packed = []
    with os.fdopen(fd, "wb") as out:
        for meeting in meetings:
            blob = zlib.compress(pickle.dumps(meeting, protocol=pickle.HIGHEST_PROTOCOL), 1)
            packed.append((MeetingOutline.of(meeting, actions=actions),
                           (name, out.tell(), len(blob))))
            out.write(blob)
    return packed


def _unpack(document: Any, stored: _Stored | None) -> Any:
    """The document with its whole meeting, read back from the spool, in place of the
    outline (a register has no meeting: ``stored`` None)."""
    if stored is None:
        return document
    import attrs

    name, offset, length = stored
    with open(name, "rb") as spooled:
        spooled.seek(offset)
        meeting = pickle.loads(zlib.decompress(spooled.read(length)))
    return attrs.evolve(document, meeting=meeting)


def _without_identity_warnings(work: Callable[..., Any]) -> Callable[..., Any]:
    """``work`` with ``api.render``'s StyleIdentityWarning silenced: the batch reports it once
    per file in ``BatchResult.warnings`` instead of on a worker's stderr."""
    @functools.wraps(work)
    def run(*args: Any, **kwargs: Any) -> Any:
        from trygga_docs.context.identity import StyleIdentityWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StyleIdentityWarning)
            return work(*args, **kwargs)
    return run


@_without_identity_warnings
def _load_files(paths: Sequence[tuple[Path, Path]], formats: tuple[str, ...], style: str | None,
                meetings_only: bool, verify: bool = True, attachments_dir: Path | None = None,
                style_changed: float | None = None, spool: Path | None = None,
                actions: bool = True, public: bool = False,
                separate_attachments: bool = False) -> list[tuple[Path, str, Any, str]]:
    """Load each file: a meeting file returns its meetings (packed into ``spool``, see
    ``_pack``; ``actions`` whether their outlines keep the action items), another file
    is rendered at once (or skipped when only meeting documents are wanted, or kept when
    resuming, ``style_changed`` given, and its outputs are newer than it and the style).
    ``public``: the public versions; a meeting file's meetings are packed as theirs.
    ``separate_attachments``: bilagor beside the PDF, not merged (see ``api.render``). The fourth
    item of each result is a warning about the file (empty for none): a house style of another
    municipality than the data's issuer."""
    from trygga_docs.api import render
    from trygga_docs.context.identity import identity_mismatch
    from trygga_docs.style import load_style
    from trygga_docs.loader import load
    from trygga_docs.model.meeting_file import MeetingData
    from trygga_docs.model.public import public_version

    house = load_style(style)
    results: list[tuple[Path, str, Any, str]] = []
    for path, base in paths:  # each with its output base, not the whole batch's: memory stays flat
        if _stopping():
            break
        try:
            model = load(path, attachments_dir=attachments_dir)
            mismatch = identity_mismatch(model, house)
            note = f"{path}: {mismatch}" if mismatch else ""
            if isinstance(model, MeetingData):
                series = public_version(model.series) if public else model.series
                results.append((path, "meetings", _pack(series.meetings,
                                                        spool or Path(tempfile.gettempdir()),
                                                        actions), note))
            elif meetings_only:
                results.append((path, "skipped", None, ""))
            elif style_changed is not None and is_up_to_date(
                    outputs := outputs_of(public_path(base) if public else base, formats),
                    max(style_changed, path.stat().st_mtime)):
                results.append((path, "up to date", outputs, note))
            else:
                results.append((path, "written", render(model, base,
                                                        formats=formats, style=house,
                                                        base_dir=attachments_dir or path.parent,
                                                        converter=_converter(formats),
                                                        verify=verify, public=public,
                                                        separate_attachments=separate_attachments),
                                note))
        except TryggaDocsError as exc:
            results.append((path, "failed", str(exc), ""))
        except Exception as exc:  # noqa: BLE001 - a batch reports, it does not stop
            results.append((path, "failed", f"{path}: unexpected {type(exc).__name__}: {exc}", ""))
    return results


@_without_identity_warnings
def _render_documents(jobs: Sequence[tuple[Any, _Stored | None, Path, Path]],
                      formats: tuple[str, ...], style: str | None, verify: bool = True,
                      attachments_dir: Path | None = None, separate_attachments: bool = False
                      ) -> list[tuple[Path, list[Path] | None, str | None]]:
    """Render meeting documents: ``(document, stored meeting, target, source file)`` each;
    ``separate_attachments``: bilagor beside the PDF, not merged."""
    from trygga_docs.api import render
    from trygga_docs.style import load_style

    house = load_style(style)
    results: list[tuple[Path, list[Path] | None, str | None]] = []
    for document, stored, target, source in jobs:
        if _stopping():
            break
        try:
            results.append((source, render(_unpack(document, stored), target, formats=formats,
                                           style=house, base_dir=attachments_dir or source.parent,
                                           converter=_converter(formats), verify=verify,
                                           separate_attachments=separate_attachments),
                            None))
        except TryggaDocsError as exc:
            results.append((source, None, f"{source}: {exc}"))
        except Exception as exc:  # noqa: BLE001
            results.append((source, None, f"{source}: unexpected {type(exc).__name__}: {exc}"))
    gc.collect(1)  # Word documents leave reference cycles (lxml, docx parts); young ones suffice
    return results


# ---------------------------------------------------------------------------------------------
# Running work inline or in the pool


def _chunks(items: Sequence[Any], workers: int, *, most: int = 16) -> list[Sequence[Any]]:
    """Slices small enough to share out over the workers and to show progress, large enough to
    keep the cost of sending work to a process low."""
    size = max(1, min(most, len(items) // (workers * 4) or 1))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _run(pool: ProcessPoolExecutor | None, fn: Callable[..., list[Any]],
         chunks: Iterable[Sequence[Any]], *args: Any) -> Iterator[tuple[Sequence[Any], list[Any] | BaseException]]:
    """``fn(chunk, *args)`` for every chunk; yields each chunk with its results as they finish."""
    if pool is None:
        for chunk in chunks:
            try:
                yield chunk, fn(chunk, *args)
            except Exception as exc:  # noqa: BLE001
                yield chunk, exc
        return
    pending: dict[Future[list[Any]], Sequence[Any]] = {
        pool.submit(fn, chunk, *args): chunk for chunk in chunks}
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = pending.pop(future)
            try:
                yield chunk, future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died: the chunk fails, not the batch
                yield chunk, exc


# ---------------------------------------------------------------------------------------------


def output_bases(files: Sequence[Path], out_dir: Path) -> dict[Path, Path]:
    """Where each file's documents go: its folder below the files' common folder, kept below
    ``out_dir``, and its name without suffix (``2025/loften.yaml`` → ``OUT/2025/loften``).

    >>> output_bases([Path("ex/2024/a.yaml"), Path("ex/2025/a.yaml")], Path("ut"))
    {PosixPath('ex/2024/a.yaml'): PosixPath('ut/2024/a'), PosixPath('ex/2025/a.yaml'): PosixPath('ut/2025/a')}
    """
    if not files:
        return {}
    root = Path(os.path.commonpath([p.parent.resolve() for p in files]))
    return {p: out_dir / p.parent.resolve().relative_to(root) / p.stem for p in files}


@frozen
class _Placed:
    """A meeting of the batch: where it came from and where its documents go."""

    source: Path
    index: int
    """Its index in its file's meetings."""
    count: int
    """How many meetings its file holds."""


def render_many(files: Sequence[Path], out_dir: str | Path, *, formats: Iterable[str] = ("docx",),
                style: str | None = None, workers: int | None = None,
                document: str | Iterable[str] | None = None,
                on_progress: Callable[[Path, list[Path] | None, str | None], None] | None = None,
                on_plan: Callable[[int], None] | None = None, verify: bool = True,
                attachments_dir: str | Path | None = None, resume: bool = False,
                public: bool = False, swedish_names: bool = False,
                separate_attachments: bool = False) -> BatchResult:
    """Render every file into ``out_dir`` using ``workers`` processes (default: all cores).

    A one-document file (an agreement) is written as ``<stem>.<format>``. A meeting file gives
    the documents ``document`` names (``"notice,protocol"``; default: each meeting's notes or
    protocol), all of them in one layout whether it holds one meeting or many: into the folder
    ``<stem>/``, each named by its meeting and document, ``<date>-kallelse``,
    ``<date>-protokoll``, ``<date>-protokollsutdrag-p12``, ``<date>-anslag``, and its register
    ``atgardsregister`` (``atgardsregister-<body>`` beside other bodies' registers; a register
    of meetings from several files goes into ``out_dir`` as ``atgardsregister-<body>``). The
    names are plain ASCII; ``swedish_names`` keeps å, ä, ö and § (``åtgärdsregister``,
    ``…-protokollsutdrag-§12``). When ``document`` is given, other files are skipped.
    ``verify`` (on by default) checks every PDF against its Word file (see ``api.render``).
    ``attachments_dir`` is the folder every file's bilagor are in (default: each file's own).
    ``resume`` keeps a document whose files are all newer than its data file (for a meeting
    document: every file of its body, whose § numbers it shares) and than the house style and
    templates; they are counted in ``BatchResult.up_to_date``. ``public`` writes the public
    versions (see ``api.render``), each file named ``…-publik``. ``separate_attachments``
    writes each PDF's bilagor next to it (``<name>-bilaga-<n>.pdf``) instead of merging them,
    as ``api.render`` does: for publishing, where an untagged bilaga would cost the merged file
    its PDF/UA claim.

    ``on_progress(file, written, error)`` is called for every file loaded and every document
    written or failed; ``on_plan(total)`` tells how many such calls to expect (first the number
    of files, then again once the meetings' documents are known).

    >>> import tempfile
    >>> from trygga_docs.loader import EXAMPLES
    >>> result = render_many([EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"],
    ...                      tempfile.mkdtemp(), document="notice,minutes", workers=1)
    >>> result.summary(), sorted(p.name for p in result.written)
    ('2 written, 0 failed', ['2019-11-25-kallelse.docx', '2019-11-25-minnesanteckningar.docx'])
    """
    out_dir = Path(out_dir)
    formats = tuple(formats)
    kinds = parse_kinds(document)
    workers = workers or os.cpu_count() or 1
    files = list(files)
    written: list[Path] = []
    failed: list[Failure] = []
    skipped: list[Path] = []
    kept: list[Path] = []

    def report(path: Path, outputs: list[Path] | None, error: str | None) -> None:
        if outputs is not None:
            written.extend(outputs)
        elif error is not None:
            failed.append(Failure(path, error))
        if on_progress:
            on_progress(path, outputs, error)

    if on_plan:
        on_plan(len(files))
    warned: list[str] = []
    # the spool outlives the pool: its workers are done with it before it goes. The pool's
    # workers are forked before the batch's own lists grow: each would otherwise start with
    # (and count in its memory) a copy of the parent's per-file state.
    with tempfile.TemporaryDirectory(prefix="trygga-docs-batch-") as spool, \
            stop_signals_interrupt(), _worker_pool(workers, workers > 1 and len(files) > 0) as pool:
        bases = output_bases(files, out_dir)
        taken: dict[Path, Path] = {}
        for path in list(files):  # x.yaml beside x.toml would write the same documents
            other = taken.setdefault(bases[path], path)
            if other is not path:
                files.remove(path)
                report(path, None, f"{path}: its documents would overwrite those of "
                                   f"{other.name} (same name); rename one of the files")
        del taken
        _render_rounds(files, pool, workers, bases, formats, style, kinds, out_dir, report,
                       skipped, on_plan, verify,
                       Path(attachments_dir) if attachments_dir is not None else None,
                       kept if resume else None, style_time(style) if resume else None,
                       Path(spool), public, swedish_names, warned, separate_attachments)
    return BatchResult(tuple(sorted(written)), tuple(sorted(failed, key=lambda f: f.file)),
                       tuple(sorted(skipped)), tuple(sorted(kept)), tuple(warned))


@contextlib.contextmanager
def _worker_pool(workers: int, use: bool) -> Iterator[ProcessPoolExecutor | None]:
    """The batch's pool of worker processes (None: work in this process); on the way out the
    pool ends (its workers close their LibreOffice) and so does this process's converter.

    After an interruption the workers are told to stop first: each finishes the document it is
    writing and takes no other; what has not started never will."""
    stop = multiprocessing.Event() if use else None
    pool = (ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(stop,))
            if use else None)
    try:
        if pool is not None:
            pool.submit(os.getpid).result()  # the workers are forked now (all at once), while small
        yield pool
    except BaseException:
        if stop is not None:
            stop.set()
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _close_converter()


def _render_rounds(files: list[Path], pool: ProcessPoolExecutor | None, workers: int,
                   bases: dict[Path, Path], formats: tuple[str, ...], style: str | None,
                   kinds: Any, out_dir: Path,
                   report: Callable[[Path, list[Path] | None, str | None], None],
                   skipped: list[Path], on_plan: Callable[[int], None] | None,
                   verify: bool = True, attachments_dir: Path | None = None,
                   kept: list[Path] | None = None, style_changed: float | None = None,
                   spool: Path | None = None, public: bool = False,
                   swedish_names: bool = False, warned: list[str] | None = None,
                   separate_attachments: bool = False) -> None:
    """The two rounds of ``render_many``: load (and render one-document files), then render
    the meetings' documents. When resuming (``style_changed`` given) documents that are up to
    date are not rendered again but added to ``kept``. The meetings wait in ``spool`` between
    the rounds. A file's warning goes to ``warned``."""
    warned = warned if warned is not None else []
    from trygga_docs.model.meeting_series import DocumentKind

    # the outlines keep the action items only for the documents that show earlier meetings' ones
    actions = kinds is not None and bool({DocumentKind.NOTICE, DocumentKind.REGISTER} & set(kinds))
    # Round 1: load every file; render the one-document files at once
    placed: list[tuple[_Placed, Any, _Stored]] = []
    earlier: list[Path] = []
    for chunk, results in _run(pool if len(files) > 1 else None, _load_files,
                               _chunks([(p, bases[p]) for p in files], workers, most=8),
                               formats, style,
                               kinds is not None, verify, attachments_dir, style_changed, spool,
                               actions, public, separate_attachments):
        if isinstance(results, BaseException):
            for path, _ in chunk:
                report(path, None, f"{path}: the worker failed: {results}")
            continue
        for (path, _), (_, status, value, note) in zip(chunk, results):  # the parent's own paths
            if note:
                warned.append(note)
            if status == "meetings":
                placed.extend((_Placed(path, i, len(value)), outline, stored)
                              for i, (outline, stored) in enumerate(value))
                report(path, [], None)
            elif status == "written":
                earlier.extend(value)
                report(path, value, None)
            elif status == "skipped":
                skipped.append(path)
                report(path, [], None)
            elif status == "up to date" and kept is not None:
                kept.extend(value)
                earlier.extend(value)
                report(path, [], None)
            else:
                report(path, None, value)

    # Between the rounds: one series over all meetings, then the documents to write
    jobs = _without_shared_paths(_plan_jobs(placed, kinds, out_dir, bases, report, public,
                                            swedish_names), earlier, report)
    if style_changed is not None and kept is not None:
        jobs = _not_up_to_date(jobs, placed, formats, style_changed, kept)
    if on_plan:
        on_plan(len(files) + len(jobs))

    # Round 2: render the meetings' documents
    for chunk, results in _run(pool if len(jobs) > 1 else None, _render_documents,
                               _chunks(jobs, workers), formats, style, verify, attachments_dir,
                               separate_attachments):
        if isinstance(results, BaseException):
            for _, _, target, source in chunk:
                report(source, None, f"{source}: {target.name}: the worker failed: {results}")
            continue
        for source, outputs, error in results:
            report(source, outputs, error)


def _not_up_to_date(jobs: list[tuple[Any, _Stored | None, Path, Path]],
                    placed: list[tuple[_Placed, Any, _Stored]], formats: tuple[str, ...],
                    style_changed: float, kept: list[Path]
                    ) -> list[tuple[Any, _Stored | None, Path, Path]]:
    """The jobs whose files are not all newer than the style and every data file of their body
    (§ numbers and open actions run across them); the others' files go to ``kept``."""
    changed: dict[Any, float] = {}
    for where, meeting, _ in placed:
        changed[_body_of(meeting)] = max(changed.get(_body_of(meeting), style_changed),
                                         where.source.stat().st_mtime)
    newest = max(changed.values(), default=style_changed)
    todo = []
    for job in jobs:
        document, _, target, source = job
        outputs = outputs_of(target, formats)
        if is_up_to_date(outputs, changed.get(_body_of(document), newest)):
            kept.extend(outputs)
        else:
            todo.append(job)
    return todo


def _body_of(item: Any) -> tuple[str, str]:
    """The body a meeting or a meeting's document (a register too) belongs to."""
    item = getattr(item, "meeting", None) or item
    return item.issuer.casefold(), item.body.casefold()


def _plan_jobs(placed: list[tuple[_Placed, Any, _Stored]], kinds: Any, out_dir: Path,
               bases: dict[Path, Path],
               report: Callable[[Path, list[Path] | None, str | None], None],
               public: bool = False, swedish_names: bool = False
               ) -> list[tuple[Any, _Stored | None, Path, Path]]:
    from trygga_docs.model.meeting_series import DocumentKind, MeetingSeries

    if not placed:
        return []
    series = MeetingSeries(tuple(m for _, m, _ in placed))
    broken: dict[Path, str] = {}
    for (where, meeting, _), numbering in zip(placed, series.numbering):
        if numbering.error and where.source not in broken:
            prefix = data_path("meetings", where.index) if where.count > 1 else None
            error = numbering.error.located(file=str(where.source), path_prefix=prefix)
            broken[where.source] = (f"{error} (the § numbers run on from the body's earlier "
                                    f"meetings of {meeting.date.year} in this batch)")
    for source, message in broken.items():
        report(source, None, message)

    by_file: dict[Path, list[Any]] = {}
    for where, meeting, _ in placed:
        by_file.setdefault(where.source, []).append(meeting)
    jobs: list[tuple[Any, _Stored | None, Path, Path]] = []
    suffix = ".docx"
    for where, meeting, stored in placed:
        if where.source in broken:
            continue
        siblings = by_file[where.source]
        wanted = tuple(k for k in (kinds or ()) if k is not DocumentKind.REGISTER) or None
        if kinds is not None and not wanted:
            continue
        docs = []
        for kind in wanted or (None,):  # one kind at a time: a refused protocol keeps its notice
            try:
                docs += plan(series, (kind,) if kind else None, meetings=[meeting])
            except DataError as exc:
                report(where.source, None, str(exc.located(
                    file=str(where.source),
                    path_prefix=data_path("meetings", where.index) if where.count > 1 else None)))
        for doc, m in docs:  # one layout: the file's folder, each name by meeting and document
            assert m is not None  # a meeting's own document: the register was left out above
            target = bases[where.source] / (
                file_name(doc, meeting_label(m, siblings), swedish=swedish_names) + suffix)
            jobs.append((doc, stored, public_path(target) if public else target, where.source))
    if kinds is not None and DocumentKind.REGISTER in kinds:
        from trygga_docs.model.meeting_series import documents
        registers = {(d.issuer.casefold(), d.body.casefold()): d
                     for d in documents(series, DocumentKind.REGISTER)}
        for key in series.bodies():
            sources = list(dict.fromkeys(w.source for w, m, _ in placed if m.key == key))
            sources = [s for s in sources if s not in broken]
            if not sources:
                continue
            register = registers[key]
            if len(sources) == 1:
                several = len({m.key for m in by_file[sources[0]]}) > 1  # one register per body
                target = bases[sources[0]] / (file_name(register, None, by_body=several,
                                                        swedish=swedish_names) + suffix)
            else:  # the body's meetings come from several files: beside their folders
                target = out_dir / (file_name(register, None, by_body=True,
                                              swedish=swedish_names) + suffix)
            jobs.append((register, None, public_path(target) if public else target, sources[0]))
    return jobs


def _without_shared_paths(jobs: list[tuple[Any, _Stored | None, Path, Path]], earlier: list[Path],
                          report: Callable[[Path, list[Path] | None, str | None], None]
                          ) -> list[tuple[Any, _Stored | None, Path, Path]]:
    """The jobs less those that would write where another document of the batch writes (or
    has written: ``earlier``); each such group is reported as one failure and none of it is
    written."""
    targets = [target for _, _, target, _ in jobs]
    refused: set[int] = set()
    for group in shared_paths([*targets, *earlier]):
        mine = [i for i in group if i < len(targets)]
        if mine:
            refused.update(mine)
            source = jobs[mine[0]][3]
            report(source, None, f"{source}: {shared_path_message(targets[mine[0]], len(group))}")
    return [job for i, job in enumerate(jobs) if i not in refused]
