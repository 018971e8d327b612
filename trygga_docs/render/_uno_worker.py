"""A warm LibreOffice behind a pipe: one worker process driving one ``soffice`` over UNO.

Runs as a script under a Python that can ``import uno`` (Debian's ``/usr/bin/python3`` with
``python3-uno``, or the Python bundled with LibreOffice), never inside the library's own
interpreter. Keep it to the standard library and Python 3.8 syntax for that reason.

``trygga_docs.render.pdf`` starts it with ``start_new_session=True``, so this process leads a
process group that also holds ``soffice``, ``oosplash`` and ``soffice.bin``; killing the group
kills all of LibreOffice.

Protocol, one JSON object per line. The parent writes commands to stdin::

    {"op": "convert", "id": 1, "docx": "/abs/in.docx", "pdf": "/abs/out.pdf",
     "updated_docx": null, "pdf_a": true, "title": "...", "author": "...",
     "subject": "...", "keywords": ["..."]}
    {"op": "quit"}

and reads replies from stdout: first ``{"ready": true, "soffice_pid": 123}`` (or
``{"ready": false, "error": "..."}``), then for each command
``{"id": 1, "ok": true, "warnings": [...], "ms": 87.5}`` or
``{"id": 1, "ok": false, "error": "...", "crashed": false}``. ``crashed`` means LibreOffice itself
is gone or unusable and the parent should restart the worker.

When stdin closes (the parent died, or wants the worker gone) the worker kills every other
process of its group, reaps them and exits, so no LibreOffice outlives its owner.

Test hook: when ``TRYGGA_DOCS_TEST_HANG`` holds a glob such as ``*haenger*``, converting a
document whose file name matches it sleeps for an hour instead, standing in for a hung
LibreOffice; the parent's real timeout, kill and restart code then has to deal with it.
"""

import fnmatch
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback

# Bound by load_uno(): importing this module must work without uno (pytest collects it).
uno = PropertyValue = NoConnectException = DisposedException = RuntimeException = None

HANG_ENV = "TRYGGA_DOCS_TEST_HANG"


def load_uno():
    global uno, PropertyValue, NoConnectException, DisposedException, RuntimeException
    import uno as _uno
    from com.sun.star.beans import PropertyValue as _pv
    from com.sun.star.connection import NoConnectException as _nce
    from com.sun.star.lang import DisposedException as _de
    from com.sun.star.uno import RuntimeException as _re

    uno, PropertyValue, NoConnectException, DisposedException, RuntimeException = (
        _uno, _pv, _nce, _de, _re)
WORD_FILTER = "MS Word 2007 XML"


def props(**values):
    """A tuple of PropertyValue, the way UNO wants named arguments."""
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name = name
        p.Value = value
        out.append(p)
    return tuple(out)


class Channel:
    """Replies on a private copy of stdout; fd 1 itself goes to stderr so stray prints can't
    corrupt the protocol."""

    def __init__(self):
        self._out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
        os.dup2(2, 1)
        self._lock = threading.Lock()

    def send(self, obj):
        line = json.dumps(obj, ensure_ascii=True)
        with self._lock:
            self._out.write(line + "\n")
            self._out.flush()


def set_subreaper():
    """Adopt orphaned grandchildren (soffice.bin when oosplash dies) so we can reap them."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:  # noqa: BLE001 - best effort, the parent sweeps the group anyway
        pass


def group_members():
    """Other processes in this process group (Linux /proc; empty elsewhere)."""
    me = os.getpid()
    pgid = os.getpgrp()
    found = []
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


def kill_everything_and_exit(code, soffice=None):
    """Kill LibreOffice (all of our group but us), reap it, and leave."""
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
    os._exit(code)


class Worker:
    def __init__(self, soffice_path, profile_url, pipe_name, startup_timeout, log_path):
        self.soffice_path = soffice_path
        self.profile_url = profile_url
        self.pipe_name = pipe_name
        self.startup_timeout = startup_timeout
        self.log_path = log_path
        self.proc = None
        self.desktop = None
        self.hang_glob = os.environ.get(HANG_ENV) or None

    def start(self):
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
        log.close()
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
                # soffice restarts itself once on a fresh profile; only give up on timeout.
                if time.monotonic() > deadline:
                    raise RuntimeError("LibreOffice did not accept a connection within %.0f s"
                                       % self.startup_timeout)
                if self.proc.poll() not in (None, 0, 81):
                    raise RuntimeError("LibreOffice exited with code %s while starting"
                                       % self.proc.returncode)
                time.sleep(0.05)
        self.desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)

    def alive(self):
        if self.proc is None or self.proc.poll() is not None:
            return False
        try:
            self.desktop.getComponents()
            return True
        except Exception:  # noqa: BLE001 - any failure here means the bridge is gone
            return False

    def convert(self, job):
        docx = job["docx"]
        if self.hang_glob and fnmatch.fnmatch(os.path.basename(docx), self.hang_glob):
            time.sleep(3600)
        doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(docx), "_blank", 0,
            props(Hidden=True, MacroExecutionMode=0, UpdateDocMode=0))
        if doc is None:
            raise ValueError("LibreOffice could not open %s as a text document" % docx)
        warnings = []
        try:
            self.update_indexes_and_fields(doc)
            self.set_metadata(doc, job)
            warnings.extend(self.images_without_alt_text(doc))
            if job.get("updated_docx"):
                doc.storeToURL(uno.systemPathToFileUrl(job["updated_docx"]),
                               props(FilterName=WORD_FILTER, Overwrite=True))
            filter_data = props(
                UseTaggedPDF=True,
                SelectPdfVersion=2 if job.get("pdf_a", True) else 0,
                ExportBookmarks=True,
                DisplayPDFDocumentTitle=True,
                ExportNotes=False,
                UseLosslessCompression=False,
            )
            doc.storeToURL(uno.systemPathToFileUrl(job["pdf"]), props(
                FilterName="writer_pdf_Export", Overwrite=True,
                FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", filter_data)))
        finally:
            try:
                doc.close(True)
            except Exception:  # noqa: BLE001 - closing a half-dead document may fail; dispose
                try:
                    doc.dispose()
                except Exception:  # noqa: BLE001
                    pass
        return warnings

    @staticmethod
    def update_indexes_and_fields(doc):
        if not hasattr(doc, "getDocumentIndexes"):
            return
        indexes = doc.getDocumentIndexes()
        count = indexes.getCount()
        if count:
            # The first update fills the placeholder, which can move text onto other pages;
            # the second one picks up the page numbers of the final layout.
            for _ in range(2):
                for i in range(count):
                    indexes.getByIndex(i).update()
        fields = doc.getTextFields()
        fields.refresh()

    @staticmethod
    def set_metadata(doc, job):
        dp = doc.getDocumentProperties()
        if job.get("title"):
            dp.Title = job["title"]
        if job.get("author"):
            dp.Author = job["author"]
        if job.get("subject"):
            dp.Subject = job["subject"]
        if job.get("keywords"):
            dp.Keywords = tuple(job["keywords"])

    @staticmethod
    def images_without_alt_text(doc):
        out = []
        if not hasattr(doc, "getGraphicObjects"):
            return out
        graphics = doc.getGraphicObjects()
        for name in graphics.getElementNames():
            g = graphics.getByName(name)
            if not (g.Description or g.Title):
                out.append("image %r has no alternative text" % name)
        return out


def main(argv):
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", required=True)
    ap.add_argument("--profile-url", required=True)
    ap.add_argument("--pipe", required=True)
    ap.add_argument("--startup-timeout", type=float, default=60.0)
    ap.add_argument("--log", required=True)
    args = ap.parse_args(argv)

    channel = Channel()
    set_subreaper()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    worker = Worker(args.soffice, args.profile_url, args.pipe, args.startup_timeout, args.log)

    commands = queue.Queue()

    def read_stdin():
        for line in sys.stdin:
            line = line.strip()
            if line:
                commands.put(json.loads(line))
        # EOF: the parent is gone or wants us gone. Works even while main is stuck in UNO.
        kill_everything_and_exit(0, worker.proc)

    threading.Thread(target=read_stdin, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: kill_everything_and_exit(143, worker.proc))

    try:
        worker.start()
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
        channel.send({"ready": False, "error": "%s: %s" % (type(exc).__name__, exc)})
        kill_everything_and_exit(1, worker.proc)
    channel.send({"ready": True, "soffice_pid": worker.proc.pid})

    while True:
        cmd = commands.get()
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
            warnings = worker.convert(cmd)
        except (DisposedException, RuntimeException) as exc:
            channel.send({"id": cmd["id"], "ok": False, "crashed": not worker.alive(),
                          "error": "%s: %s" % (type(exc).__name__, getattr(exc, "Message", exc))})
            continue
        except Exception as exc:  # noqa: BLE001 - reported per document; the batch goes on
            msg = getattr(exc, "Message", None) or str(exc) or type(exc).__name__
            channel.send({"id": cmd["id"], "ok": False, "crashed": not worker.alive(),
                          "error": "%s: %s" % (type(exc).__name__, msg),
                          "trace": traceback.format_exc(limit=3)})
            continue
        channel.send({"id": cmd["id"], "ok": True, "warnings": warnings,
                      "ms": round((time.perf_counter() - started) * 1000, 1)})


if __name__ == "__main__":
    # The script's own directory (trygga_docs/render) must not shadow anything uno imports.
    if sys.path and os.path.basename(sys.path[0].rstrip("/\\")) == "render":
        del sys.path[0]
    load_uno()
    main(sys.argv[1:])
