"""A warm LibreOffice behind a pipe: one worker process driving one ``soffice`` over UNO.

Runs as a script under a Python that can ``import uno`` (Debian's ``/usr/bin/python3`` with
``python3-uno``, or the Python bundled with LibreOffice), never inside the library's own
interpreter. Keep it to the standard library and Python 3.8 syntax for that reason (the
annotations are never evaluated: ``from __future__ import annotations``).

``trygga_docs.pdf.convert`` starts it with ``start_new_session=True``, so this process leads a
process group that also holds ``soffice``, ``oosplash`` and ``soffice.bin``; killing the group
kills all of LibreOffice.

Protocol, one JSON object per line. The parent writes commands to stdin::

    {"op": "convert", "id": 1, "docx": "/abs/in.docx", "pdf": "/abs/out.pdf",
     "updated_docx": null, "pdf_a": true, "title": "...", "author": "...",
     "subject": "...", "keywords": ["..."], "fallback_title": "...",
     "facts": {"indexes": true, "refresh_fields": false}}

``facts`` is what the parent read from the Word file (``trygga_docs.pdf.word_facts``); when it
is null, LibreOffice is asked for them, and the reply also carries the document language and the
pictures without alternative text.
    {"op": "quit"}

and reads replies from stdout: first ``{"ready": true, "soffice_pid": 123, "in_process": true, "in_process_error": null}``
(``in_process_error`` says why LibreOffice could not load the in-process converter; or
``{"ready": false, "error": "..."}``), then for each command
``{"id": 1, "ok": true, "warnings": [...], "doc_lang": "sv-SE", "ms": 187.5, "phases": {...}}``
(plus timestamps) or ``{"id": 1, "ok": false, "error": "...", "crashed": false}``. ``crashed``
means LibreOffice itself is gone or unusable and the parent should restart the worker.

The work for one document runs inside LibreOffice: LibreOffice's Python loader loads this same
file as a UNO component (``InProcessConverter``), so a conversion is one UNO call rather than a
round trip per API call. There it runs on LibreOffice's main thread (handed over with
``com.sun.star.awt.AsyncCallback``), as in LibreOffice's own ``--convert-to``. A LibreOffice
without a Python loader, or ``TRYGGA_DOCS_IN_PROCESS=0`` in the environment, has it driven from
this process instead, with the same code.

When stdin closes (the parent died, or wants the worker gone) the worker kills every other
process of its group, reaps them and exits, so no LibreOffice outlives its owner.

Test hook: when ``TRYGGA_DOCS_TEST_HANG`` holds a glob such as ``*haenger*``, converting a
document whose file name matches it sleeps for an hour instead, standing in for a hung
LibreOffice; the parent's real timeout, kill and restart code then has to deal with it.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from typing import Any, Callable, Dict, List, NoReturn, Optional

# Bound by load_uno(): importing this module must work without uno (pytest collects it).
# UNO ships no types: its modules and classes are Any here.
uno: Any = None
unohelper: Any = None
PropertyValue: Any = None
NoConnectException: Any = None
DisposedException: Any = None
RuntimeException: Any = None
XCallback: Any = None
IllegalArgumentException: Any = None
NamedValue: Any = None

Job = Dict[str, Any]
"""A convert command as the parent sends it (JSON)."""

HANG_ENV = "TRYGGA_DOCS_TEST_HANG"
COMPONENT = "org.trygga_docs.InProcessConverter"
IN_PROCESS_ENV = "TRYGGA_DOCS_IN_PROCESS"  # "0": drive LibreOffice from this process instead
ALT_TEXT_WARNING = ("image %s has no alternative text; screen readers cannot describe it. Give "
                    "it a description (alt text) in the template")


class Refused(Exception):
    """LibreOffice works but will not take this document; retrying would not help."""


def load_uno() -> None:
    global uno, unohelper, PropertyValue, NoConnectException, DisposedException
    global RuntimeException, XCallback, IllegalArgumentException, NamedValue
    import uno as _uno
    import unohelper as _unohelper
    from com.sun.star.awt import XCallback as _xcb
    from com.sun.star.beans import NamedValue as _nv
    from com.sun.star.beans import PropertyValue as _pv
    from com.sun.star.connection import NoConnectException as _nce
    from com.sun.star.lang import IllegalArgumentException as _iae
    from com.sun.star.lang import DisposedException as _de
    from com.sun.star.uno import RuntimeException as _re

    uno, unohelper, PropertyValue, NoConnectException, DisposedException = (
        _uno, _unohelper, _pv, _nce, _de)
    RuntimeException, XCallback, IllegalArgumentException, NamedValue = _re, _xcb, _iae, _nv


WORD_FILTER = "MS Word 2007 XML"
LAYOUT_FIELDS = ("com.sun.star.text.textfield.PageNumber", "com.sun.star.text.textfield.PageCount")


def props(**values: Any) -> tuple[Any, ...]:
    """A tuple of PropertyValue, the way UNO wants named arguments."""
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name = name
        p.Value = value
        out.append(p)
    return tuple(out)


_callback_type: list[type] = []


def CallbackType() -> type:  # noqa: N802 - returns a class
    """An XCallback that runs a Python function; built once, after uno is loaded."""
    if not _callback_type:
        class Callback(unohelper.Base, XCallback):  # type: ignore[misc]  # UNO ships no types
            def __init__(self, fn: Callable[[], None]) -> None:
                self.fn = fn

            def notify(self, _data: object) -> None:
                self.fn()

        _callback_type.append(Callback)
    return _callback_type[0]


def on_main_thread(async_callback: Any, fn: Callable[[], Job],
                   check: Optional[Callable[[], None]] = None) -> Job:
    """Run ``fn`` on LibreOffice's main thread, as its own ``--convert-to`` does, and wait.

    ``check`` is called every 0.2 s while waiting and may raise to stop waiting.
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            box["error"] = exc
        finally:
            done.set()

    async_callback.addCallback(CallbackType()(run), None)
    while not done.wait(0.2):
        if check is not None:
            check()
    if "error" in box:
        raise box["error"]
    result: Job = box["result"]
    return result


class Channel:
    """Replies on a private copy of stdout; fd 1 itself goes to stderr so stray prints can't
    corrupt the protocol."""

    def __init__(self) -> None:
        self._out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
        os.dup2(2, 1)
        self._lock = threading.Lock()

    def send(self, obj: Dict[str, Any]) -> None:
        line = json.dumps(obj, ensure_ascii=True)
        try:
            with self._lock:
                self._out.write(line + "\n")
                self._out.flush()
        except (OSError, ValueError):
            kill_everything_and_exit(0)  # the parent is gone


def set_subreaper() -> None:
    """Adopt orphaned grandchildren (soffice.bin when oosplash dies) so we can reap them."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:  # noqa: BLE001 - best effort, the parent sweeps the group anyway
        pass


def group_members() -> list[int]:
    """Other processes in this process group (Linux /proc; empty elsewhere)."""
    me = os.getpid()
    pgid = os.getpgrp()
    found: list[int] = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        # Fields after the command name "(...)": state ppid pgrp ...
        rest = stat[stat.rfind(")") + 2:].split()
        if len(rest) > 2 and int(rest[2]) == pgid and rest[0] != "Z":
            found.append(int(name))
    return found


CLEANUP_DIRS: list[str] = []  # our temporary directory (and its parent, if that ends up empty)
CLEANUP_FILES: list[str] = []  # LibreOffice's sockets, which a killed soffice leaves in /tmp
PARENT_PID = [os.getppid()]


def osl_sockets(pipe_name: str, profile_url: str) -> list[str]:
    """The Unix sockets LibreOffice creates for our --accept pipe and its single-instance pipe.

    LibreOffice names the latter after the MD5 of the profile URL in UTF-16, in hex digits
    without zero padding (desktop/source/app/officeipcthread.cxx), in /tmp or else /var/tmp.
    """
    if sys.platform == "win32":  # named pipes vanish with the process
        return []
    data = profile_url.encode("utf-16-le")
    try:
        digest = hashlib.md5(data, usedforsecurity=False).digest()  # a name, not security
    except TypeError:  # Python < 3.9
        digest = hashlib.md5(data).digest()
    ipc = "SingleOfficeIPC_" + "".join("%x" % b for b in bytearray(digest))
    uid = os.getuid()
    return [os.path.join(base, "OSL_PIPE_%d_%s" % (uid, name))
            for base in ("/tmp", "/var/tmp") for name in (pipe_name, ipc)]


_exit_lock = threading.Lock()
SOFFICE: list[subprocess.Popen[bytes]] = []  # the soffice process, once started


def kill_everything_and_exit(code: int, soffice: Optional[subprocess.Popen[bytes]] = None) -> NoReturn:
    """Kill LibreOffice (all of our group but us), reap it, remove our files, and leave.

    Safe to call from any thread, any number of times: the first caller does the work and
    ends the process; later callers just wait for that.
    """
    if not _exit_lock.acquire(blocking=False):
        while True:
            time.sleep(60)
    soffice = soffice if soffice is not None else (SOFFICE[0] if SOFFICE else None)
    if os.getpgrp() == os.getpid():
        for pid in group_members():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    elif soffice is not None:
        try:
            soffice.kill()
        except OSError:
            pass
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.01)
    for path in CLEANUP_FILES:
        try:
            os.unlink(path)
        except OSError:
            pass
    orphaned = os.getppid() != PARENT_PID[0]
    for directory in CLEANUP_DIRS:
        shutil.rmtree(directory, ignore_errors=True)
        if orphaned:  # the parent cannot tidy up its converter's directory any more
            parent = os.path.dirname(directory)
            for name in os.listdir(parent) if os.path.isdir(parent) else ():
                if name.startswith("job-"):  # the dead parent's conversions in progress
                    shutil.rmtree(os.path.join(parent, name), ignore_errors=True)
            try:
                os.rmdir(parent)  # only succeeds when nothing is left
            except OSError:
                pass
    os._exit(code)


# -- converting one document (runs inside LibreOffice, or here over UNO) ------------------------

def convert_document(desktop: Any, job: Job) -> Job:
    """Convert one Word file as ``job`` says; return the reply's result fields.

    The same code runs inside LibreOffice (the in-process converter below, where every call is
    a plain function call) or in this worker process (where every call is a UNO round trip).
    """
    docx = job["docx"]
    phases: dict[str, float] = {}
    mark = [time.perf_counter()]

    def phase(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round((now - mark[0]) * 1000, 1)
        mark[0] = now

    load: dict[str, object] = dict(Hidden=True, ReadOnly=True, Silent=True, MacroExecutionMode=0,
                UpdateDocMode=0)
    # ReadOnly: no lock file beside the input (LibreOffice's own batch mode does the same);
    # indexes can still be updated in memory. MacroExecutionMode 0: never run macros.
    if docx.lower().endswith((".docx", ".docm", ".dotx")):
        # Don't let type detection turn a damaged .docx into a page of plain-text garbage.
        load["FilterName"] = WORD_FILTER
    try:
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(docx), "_blank", 0, props(**load))
    except IllegalArgumentException:
        doc = None
    if doc is None:
        raise Refused("LibreOffice cannot open it as a Word document (damaged, or not "
                      "a .docx file)")
    phase("load")
    warnings: list[str] = []
    result: Job = {"warnings": warnings, "phases": phases}
    try:
        if not hasattr(doc, "getDocumentIndexes"):
            raise Refused("it is not a text document")
        facts = job.get("facts") or {}  # what the parent read from the Word file, if it could
        update_indexes_and_fields(doc, facts.get("indexes"), facts.get("refresh_fields"),
                                  facts.get("toc_levels"))
        phase("update")
        set_metadata(doc, job)
        if not facts:
            warnings.extend(images_without_alt_text(doc))
            result["doc_lang"] = document_language(doc)
        phase("inspect")
        if job.get("updated_docx"):
            doc.storeToURL(uno.systemPathToFileUrl(job["updated_docx"]),
                           props(FilterName=WORD_FILTER, Overwrite=True))
            phase("docx")
        filter_data = props(
            UseTaggedPDF=True,
            SelectPdfVersion=2 if job.get("pdf_a", True) else 0,
            ExportBookmarks=True,
            DisplayPDFDocumentTitle=True,
            ExportNotes=False,
        )
        doc.storeToURL(uno.systemPathToFileUrl(job["pdf"]), props(
            FilterName="writer_pdf_Export", Overwrite=True,
            FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", filter_data)))
        phase("pdf")
    finally:
        try:
            doc.close(True)
        except Exception:  # noqa: BLE001 - closing a half-dead document may fail; dispose
            try:
                doc.dispose()
            except Exception:  # noqa: BLE001
                pass
        phase("close")
    return result


def from_heading_styles(index: Any, low: int, high: int) -> None:
    """Make a table of contents over the headings ``low``-``high`` alone (``TOC \\o "2-2"``):
    LibreOffice's import keeps only the upper bound of ``\\o`` and would list the document's
    title too, so the index is built from the heading styles, level ``low`` as its first."""
    if not index.supportsService("com.sun.star.text.ContentIndex"):
        return
    index.CreateFromOutline = False
    index.CreateFromLevelParagraphStyles = True
    styles = index.LevelParagraphStyles
    for level in range(high - low + 1):  # a sequence of strings, which pyuno must be told
        uno.invoke(styles, "replaceByIndex",
                   (level, uno.Any("[]string", (f"Heading {low + level}",))))
    index.Level = high - low + 1


def update_indexes_and_fields(doc: Any, indexes_present: Optional[bool] = None,
                              other_fields: Optional[bool] = None,
                              toc_levels: Optional[list[int]] = None) -> None:
    """Fill the indexes, and refresh fields other than page numbers when there are any.

    ``indexes_present``/``other_fields`` say what the parent found in the Word file; None
    means it could not tell and LibreOffice is asked (each question is a round trip).
    ``toc_levels`` (``[2, 2]``): the heading levels of a table of contents that does not
    begin at level 1.
    """
    if indexes_present is not False:
        indexes = doc.getDocumentIndexes()
        if toc_levels:
            for i in range(indexes.getCount()):
                from_heading_styles(indexes.getByIndex(i), *toc_levels)
        # One pass is enough: update() lays the document out again before it fills in page
        # numbers, also when the filled table of contents pushes headings onto later pages
        # (tests/test_pdf.py checks a table of contents spanning pages).
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
    # Page number and page count fields follow the layout by themselves; refreshing costs
    # about 15 ms per document, so only do it when other fields (dates, document
    # properties, references) are present.
    if other_fields is not None:
        if other_fields:
            doc.getTextFields().refresh()
        return
    fields = doc.getTextFields()
    found = fields.createEnumeration()
    while found.hasMoreElements():
        field = found.nextElement()
        if not any(field.supportsService(s) for s in LAYOUT_FIELDS):
            fields.refresh()
            break


def set_metadata(doc: Any, job: Job) -> None:
    dp = doc.getDocumentProperties()
    if job.get("title"):
        dp.Title = job["title"]
    elif not dp.Title and job.get("fallback_title"):
        dp.Title = job["fallback_title"]  # an accessible PDF needs some title
    if job.get("author"):
        dp.Author = job["author"]
    if job.get("subject"):
        dp.Subject = job["subject"]
    if job.get("keywords"):
        dp.Keywords = tuple(job["keywords"])


def document_language(doc: Any) -> str:
    """The default language as a BCP 47 tag; LibreOffice writes it as the PDF's /Lang."""
    loc = doc.createInstance("com.sun.star.text.Defaults").CharLocale
    return "-".join(part for part in (loc.Language, loc.Country) if part)


def images_without_alt_text(doc: Any) -> list[str]:
    out: list[str] = []
    if not hasattr(doc, "getGraphicObjects"):
        return out
    graphics = doc.getGraphicObjects()
    for name in graphics.getElementNames():
        g = graphics.getByName(name)
        if not (g.Description or g.Title):
            out.append(ALT_TEXT_WARNING % repr(name))
    return out


class Worker:
    def __init__(self, soffice_path: str, profile_url: str, pipe_name: str,
                 startup_timeout: float, log_path: str) -> None:
        self.soffice_path = soffice_path
        self.profile_url = profile_url
        self.pipe_name = pipe_name
        self.startup_timeout = startup_timeout
        self.log_path = log_path
        self.proc: Optional[subprocess.Popen[bytes]] = None
        self.desktop: Any = None
        self.component: Any = None
        self.in_process_error: Optional[str] = None
        self.async_callback: Any = None
        self.hang_glob = os.environ.get(HANG_ENV) or None

    def launch(self) -> None:
        """Start soffice (no uno needed yet, so LibreOffice starts while uno is imported)."""
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [
                self.soffice_path,
                "-env:UserInstallation=" + self.profile_url,
                "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
                "--nofirststartwizard", "--norestore", "--nolockcheck",
                "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe_name,
            ],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, close_fds=True,
        )
        SOFFICE.append(self.proc)
        log.close()

    def connect(self) -> None:
        """Wait until LibreOffice accepts the connection; load the in-process converter."""
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe_name
        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                ctx = resolver.resolve(url)
                break
            except NoConnectException:
                # Not listening yet (a fresh profile can even make soffice.bin restart once,
                # which oosplash handles); give up on timeout or when soffice has exited.
                if time.monotonic() > deadline:
                    raise RuntimeError("LibreOffice did not accept a connection within %.0f s"
                                       % self.startup_timeout)
                assert self.proc is not None  # launch() came first
                if self.proc.poll() is not None:
                    raise RuntimeError("LibreOffice exited with code %s while starting"
                                       % self.proc.returncode)
                time.sleep(0.01)
        smgr = ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.component, self.in_process_error = (
            self.load_in_process_converter(ctx) if os.environ.get(IN_PROCESS_ENV, "1") != "0"
            else (None, None))
        self.async_callback = smgr.createInstanceWithContext("com.sun.star.awt.AsyncCallback", ctx)

    @staticmethod
    def load_in_process_converter(ctx: Any) -> tuple[Any, Optional[str]]:
        """This very file, loaded into LibreOffice by its Python loader as a UNO component.

        A conversion is then one UNO call instead of a dozen round trips of about 0.8 ms each:
        about 5 % less time and 10 % less processor time per document. Returns the component
        and None, or None and why LibreOffice could not load it (no Python loader; LibreOffice
        7.4.7's loader has been seen to throw std::bad_alloc): the worker then converts over UNO
        round trips, with the same result, and the parent says so once.
        """
        try:
            loader = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.loader.Python", ctx)
            if loader is None:
                raise RuntimeError("LibreOffice has no Python loader")
            factory = loader.activate(COMPONENT, "", uno.systemPathToFileUrl(
                os.path.abspath(__file__)), None)
            if factory is None:
                raise RuntimeError("LibreOffice's Python loader found no %s" % COMPONENT)
            return factory.createInstanceWithContext(ctx), None
        except Exception as exc:  # noqa: BLE001 - fall back to driving LibreOffice over UNO
            reason = "%s: %s" % (type(exc).__name__, getattr(exc, "Message", None) or exc)
            sys.stderr.write("converting over UNO round trips: LibreOffice could not load the "
                             "in-process converter (%s)\n" % reason)
            return None, reason

    def alive(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            return False
        try:
            self.desktop.getComponents()
            return True
        except Exception:  # noqa: BLE001 - any failure here means the bridge is gone
            return False

    def convert(self, job: Job) -> Job:
        """Run one conversion; return its result dict."""
        docx = job["docx"]
        if self.hang_glob and fnmatch.fnmatch(os.path.basename(docx), self.hang_glob):
            time.sleep(3600)
        if self.component is not None:
            return self.convert_in_process(job)

        def check() -> None:
            assert self.proc is not None  # launched before any job
            if self.proc.poll() is not None:
                raise DisposedException("LibreOffice exited (code %s) during the conversion"
                                        % self.proc.returncode, None)

        return on_main_thread(self.async_callback, lambda: convert_document(self.desktop, job),
                              check)

    def convert_in_process(self, job: Job) -> Job:
        arg = NamedValue()
        arg.Name, arg.Value = "job", json.dumps(job)
        reply: Job = json.loads(self.component.execute((arg,)))
        if reply.get("ok"):
            result: Job = reply["result"]
            return result
        if reply.get("refused"):
            raise Refused(reply["error"])
        raise InProcessError(reply["error"])


class InProcessError(Exception):
    """The in-process converter failed on a document (LibreOffice may or may not be fine)."""


def in_process_converter() -> type:
    """The UNO component class LibreOffice's Python loader instantiates from this file."""
    from com.sun.star.task import XJob

    class InProcessConverter(unohelper.Base, XJob):  # type: ignore[misc]  # UNO ships no types
        """Converts inside LibreOffice: ``execute`` takes the job as JSON, returns the reply."""

        def __init__(self, ctx: Any) -> None:
            smgr = ctx.ServiceManager
            self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            self.async_callback = smgr.createInstanceWithContext(
                "com.sun.star.awt.AsyncCallback", ctx)

        def execute(self, args: Any) -> str:
            job = json.loads(args[0].Value)
            try:
                result = on_main_thread(self.async_callback,
                                        lambda: convert_document(self.desktop, job))
                reply: Job = {"ok": True, "result": result}
            except Refused as exc:
                reply = {"ok": False, "refused": True, "error": str(exc)}
            except Exception as exc:  # noqa: BLE001 - reported to the worker, which decides
                msg = getattr(exc, "Message", None) or str(exc) or type(exc).__name__
                reply = {"ok": False, "error": "%s: %s" % (type(exc).__name__, msg)}
            return json.dumps(reply)

    return InProcessConverter


if __name__ == "uno_component":  # loaded into LibreOffice by its Python loader
    load_uno()
    g_ImplementationHelper = unohelper.ImplementationHelper()
    g_ImplementationHelper.addImplementation(in_process_converter(), COMPONENT,
                                             ("com.sun.star.task.Job",))


def main(argv: List[str]) -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", required=True)
    ap.add_argument("--profile-url", required=True)
    ap.add_argument("--pipe", required=True)
    ap.add_argument("--startup-timeout", type=float, default=60.0)
    ap.add_argument("--log", required=True)
    ap.add_argument("--cleanup-dir", help="remove this directory when the parent goes away")
    args = ap.parse_args(argv)
    if args.cleanup_dir:
        CLEANUP_DIRS.append(args.cleanup_dir)
    CLEANUP_FILES.extend(osl_sockets(args.pipe, args.profile_url))

    channel = Channel()
    set_subreaper()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    worker = Worker(args.soffice, args.profile_url, args.pipe, args.startup_timeout, args.log)

    commands: queue.Queue[Job] = queue.Queue()

    def read_stdin() -> None:
        try:
            for line in sys.stdin:
                line = line.strip()
                if line:
                    try:
                        commands.put(json.loads(line))
                    except ValueError:
                        sys.stderr.write("ignoring a garbled command: %r\n" % line[:200])
        finally:
            # EOF: the parent is gone or wants us gone. Works even while main is stuck in UNO.
            kill_everything_and_exit(0, worker.proc)

    threading.Thread(target=read_stdin, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: kill_everything_and_exit(143, worker.proc))

    try:
        worker.launch()
        load_uno()
        worker.connect()
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
        channel.send({"ready": False, "error": "%s: %s" % (type(exc).__name__, exc)})
        kill_everything_and_exit(1, worker.proc)
    assert worker.proc is not None  # launched, or we have exited
    channel.send({"ready": True, "soffice_pid": worker.proc.pid,
                  "in_process": worker.component is not None,
                  "in_process_error": worker.in_process_error})

    while True:
        cmd = commands.get()
        received_at = time.time()
        op = cmd.get("op")
        if op == "quit":
            try:
                worker.desktop.terminate()
            except Exception:  # noqa: BLE001 - terminating a dead office is fine
                pass
            kill_everything_and_exit(0, worker.proc)
        if op != "convert":
            channel.send({"id": cmd.get("id"), "ok": False, "crashed": False,
                          "error": "unknown command %r" % op})
            continue
        started = time.perf_counter()
        try:
            result = worker.convert(cmd)
        except (DisposedException, RuntimeException) as exc:
            channel.send({"id": cmd["id"], "ok": False, "crashed": not worker.alive(),
                          "error": "%s: %s" % (type(exc).__name__, getattr(exc, "Message", exc))})
            continue
        except Refused as exc:
            channel.send({"id": cmd["id"], "ok": False, "crashed": False, "error": str(exc)})
            continue
        except Exception as exc:  # noqa: BLE001 - reported per document; the batch goes on
            msg = getattr(exc, "Message", None) or str(exc) or type(exc).__name__
            channel.send({"id": cmd["id"], "ok": False, "crashed": not worker.alive(),
                          "error": "%s: %s" % (type(exc).__name__, msg),
                          "trace": traceback.format_exc(limit=3)})
            continue
        result.update(id=cmd["id"], ok=True, received_at=received_at, sent_at=time.time(),
                      ms=round((time.perf_counter() - started) * 1000, 1))
        channel.send(result)


if __name__ == "__main__":
    # The script's own directory (trygga_docs/pdf) must not shadow anything uno imports.
    if sys.path and os.path.basename(sys.path[0].rstrip("/\\")) == "pdf":
        del sys.path[0]
    try:
        main(sys.argv[1:])
    except BaseException:  # noqa: BLE001 - never leave LibreOffice behind, whatever happened
        traceback.print_exc()
        kill_everything_and_exit(1)
