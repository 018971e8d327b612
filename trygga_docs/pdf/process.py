"""The parent side of one warm LibreOffice: start, talk to, and kill a ``_uno_worker`` process.

Each :class:`UnoWorker` owns one process group (the worker script, ``soffice``, ``oosplash``,
``soffice.bin``) and one temporary directory with its own LibreOffice user profile, so parallel
workers never share a profile lock. Killing is always by process group, and every live worker is
registered for ``atexit`` so no LibreOffice outlives the Python process that started it.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from trygga_docs.errors import ConversionError
from trygga_docs.pdf._uno_worker import osl_sockets
from trygga_docs.pdf.lo_profile import make_profile

WORKER_SCRIPT = Path(__file__).with_name("_uno_worker.py")
UNO_PYTHON_ENV = "TRYGGA_DOCS_UNO_PYTHON"
log = logging.getLogger(__name__)
KILL_GRACE = 2.0  # seconds the worker gets to kill and reap LibreOffice itself

_live: set[UnoWorker] = set()
_live_lock = threading.Lock()


class WorkerHung(Exception):
    """No reply within the per-document timeout; the worker has been killed."""


class WorkerDied(Exception):
    """The worker (or LibreOffice under it) went away mid-request; it has been killed."""


def _worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONHOME", None)  # ours would break a different interpreter
    return env


def _python_has_uno(python: str) -> bool:
    try:
        done = subprocess.run([python, "-c", "import uno, unohelper"], capture_output=True,
                              timeout=30, stdin=subprocess.DEVNULL, env=_worker_env())
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


_uno_python_cache: dict[str, Path] = {}


def find_uno_python(soffice: Path) -> Path:
    """A Python interpreter that can ``import uno`` for the LibreOffice at ``soffice``.

    Looks at ``TRYGGA_DOCS_UNO_PYTHON``, the Python bundled with LibreOffice (Windows, macOS,
    the TDF packages under /opt), the running interpreter, then the system ``python3``
    (Debian/Ubuntu ship the bindings as ``python3-uno``).
    """
    env = os.environ.get(UNO_PYTHON_ENV)
    key = f"{soffice}|{env}"
    if key in _uno_python_cache:
        return _uno_python_cache[key]
    if env:
        if not _python_has_uno(env):
            raise ConversionError(
                f"{UNO_PYTHON_ENV}={env} cannot 'import uno'. Point it to a Python with "
                "LibreOffice's UNO bindings, or unset it.")
        _uno_python_cache[key] = Path(env)
        return Path(env)
    program = soffice.resolve().parent
    candidates = [
        program / "python",  # TDF Linux packages (/opt/libreoffice*/program/python)
        program / "python.exe",  # Windows
        program.parent / "Resources" / "python",  # macOS LibreOffice.app
        Path(sys.executable),
        Path("/usr/bin/python3"),
        Path("/usr/local/bin/python3"),
    ]
    for cand in candidates:
        if cand.is_file() and os.access(cand, os.X_OK) and _python_has_uno(str(cand)):
            _uno_python_cache[key] = cand
            return cand
    raise ConversionError(
        "LibreOffice was found but no Python can 'import uno' to drive it. Install the "
        "bindings (Debian/Ubuntu: sudo apt-get install python3-uno) or set "
        f"{UNO_PYTHON_ENV} to a Python that has them.")


_warned_roots: set[Path] = set()


def _warn_not_in_process(root: Path, reason: str) -> None:
    """Say once per converter (its workers share ``root``) that LibreOffice converts over UNO
    round trips because it could not load the in-process converter: same PDF, a little slower."""
    if root in _warned_roots:
        return
    _warned_roots.add(root)
    log.warning("LibreOffice could not load the in-process converter (%s); converting over UNO "
                "round trips instead: the same PDF, about 5 %% slower", reason[:300])


def _kill_group(pgid: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - no process groups; kill the tree
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(pgid)], capture_output=True)
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _exited_without_reaping(pid: int, timeout: float) -> bool:
    """Wait until ``pid`` has exited but leave it unreaped, so its pid (and process group id)
    cannot be reused by a stranger before we sweep the group."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            res = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return True
        if res is not None:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)


class UnoWorker:
    """One warm LibreOffice behind a pipe. Not thread-safe: one caller at a time."""

    def __init__(self, soffice: Path, python: Path, *, root: Path, name: str,
                 startup_timeout: float = 60.0) -> None:
        self.soffice = soffice
        self.python = python
        self.root = root
        self.name = name
        self.startup_timeout = startup_timeout
        self.proc: subprocess.Popen[bytes] | None = None
        self.dir: Path | None = None
        self.soffice_pid: int | None = None
        self.in_process = False  # converting inside LibreOffice (see _uno_worker.py)
        self.jobs_done = 0
        self.retired = False
        self.start_failed = False  # the last attempt to start LibreOffice failed
        self._sockets: list[Path] = []
        self._buf = b""
        self._next_id = 0
        self._proc_lock = threading.Lock()

    # -- life cycle -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        if self.proc is None:
            return False
        if sys.platform == "win32":  # pragma: no cover
            return self.proc.poll() is None
        # Don't reap here: the pid doubles as the process group id that kill() sweeps.
        return not _exited_without_reaping(self.proc.pid, 0)

    @property
    def pgid(self) -> int | None:
        """The process group holding this worker and its LibreOffice (None when not running)."""
        return self.proc.pid if self.proc is not None else None

    def start(self) -> None:
        """Start the worker and wait until LibreOffice accepts work."""
        if self.running:
            return
        if self.retired:
            raise ConversionError("the converter has been closed")
        self.kill()
        self.root.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=f"{self.name}-", dir=self.root))
        profile = self.dir / "profile"
        make_profile(self.soffice, profile)
        pipe_name = f"trygga_docs_{os.getpid()}_{uuid.uuid4().hex[:12]}"
        self._sockets = [Path(p) for p in osl_sockets(pipe_name, profile.as_uri())]
        cmd = [str(self.python), str(WORKER_SCRIPT), "--soffice", str(self.soffice),
               "--profile-url", profile.as_uri(), "--pipe", pipe_name,
               "--startup-timeout", str(self.startup_timeout),
               "--log", str(self.dir / "soffice.log"), "--cleanup-dir", str(self.dir)]
        with open(self.dir / "worker.log", "wb") as log, self._proc_lock:
            if self.retired:  # retired by another thread while this one was getting ready
                raise ConversionError("the converter has been closed")
            self.proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                # LibreOffice's own temporary files (lu*.tmp) go into the worker's folder,
                # which is removed with it, instead of piling up in the system's /tmp
                cwd=self.dir, env={**_worker_env(), "TMPDIR": str(self.dir)},
                start_new_session=True)
            with _live_lock:
                _live.add(self)
        self._buf = b""
        try:
            reply = self._read_reply(time.monotonic() + self.startup_timeout + 10)
        except (WorkerHung, WorkerDied) as exc:
            detail = self.log_tail()
            self.kill()
            raise ConversionError(
                f"LibreOffice ({self.soffice}) did not start: {exc}. {detail}".strip()) from None
        if not reply.get("ready"):
            detail = self.log_tail()
            self.kill()
            raise ConversionError(f"LibreOffice ({self.soffice}) did not start: "
                                  f"{reply.get('error')}. {detail}".strip())
        self.soffice_pid = reply.get("soffice_pid")
        self.in_process = bool(reply.get("in_process"))
        if reply.get("in_process_error"):
            _warn_not_in_process(self.root, reply["in_process_error"])
        self.jobs_done = 0
        if self.retired:  # closed while we were starting
            self.kill()
            raise ConversionError("the converter has been closed")

    def retire(self) -> None:
        """Kill for good: a retired worker refuses to start again (closing a Converter)."""
        self.retired = True
        self.kill()

    def kill(self) -> None:
        """Stop the worker and every LibreOffice process of its group; remove its profile."""
        with self._proc_lock:  # a start() in another thread either finished Popen or sees
            proc, self.proc = self.proc, None  # 'retired' and does not start one
        if proc is not None:
            pgid = proc.pid
            # EOF on stdin makes the worker kill and reap LibreOffice itself (works even when
            # its main thread is stuck in a UNO call); then we sweep the group anyway.
            with contextlib.suppress(OSError):
                proc.stdin.close()  # type: ignore[union-attr]
            if sys.platform != "win32":
                if not _exited_without_reaping(proc.pid, KILL_GRACE):
                    _kill_group(pgid)
                _kill_group(pgid)
            else:  # pragma: no cover
                _kill_group(pgid)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not fail
                pass
            with contextlib.suppress(OSError):
                proc.stdout.close()  # type: ignore[union-attr]
        with _live_lock:
            _live.discard(self)
        self.soffice_pid = None
        for sock in self._sockets:  # a killed LibreOffice leaves its pipes in /tmp
            with contextlib.suppress(OSError):
                sock.unlink()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def log_tail(self, limit: int = 600) -> str:
        """The end of the worker's and LibreOffice's logs, for error messages."""
        parts = []
        for name in ("worker.log", "soffice.log"):
            if self.dir is None:
                break
            with contextlib.suppress(OSError):
                text = (self.dir / name).read_text("utf-8", "replace").strip()
                text = "\n".join(line for line in text.splitlines() if "javaldx" not in line)
                if text:
                    parts.append(f"{name}: {text[-limit:]}")
        return " ".join(parts)

    # -- requests ---------------------------------------------------------------------------

    def request(self, command: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one command and wait for its reply; kill the worker on timeout or death."""
        if not self.running:
            raise WorkerDied("LibreOffice is not running")
        self._next_id += 1
        command = {**command, "id": self._next_id}
        try:
            assert self.proc is not None and self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(command).encode("ascii") + b"\n")
            self.proc.stdin.flush()
        except (OSError, ValueError):
            self.kill()
            raise WorkerDied("LibreOffice's worker is gone") from None
        try:
            while True:
                reply = self._read_reply(time.monotonic() + timeout)
                if reply.get("id") == self._next_id:
                    return reply
        except (WorkerHung, WorkerDied):
            self.kill()
            raise

    def _read_reply(self, deadline: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise WorkerHung("no answer in time")
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                raise WorkerDied("the worker process exited")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            reply: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError:
            raise WorkerDied(f"garbled answer {line[:200]!r}") from None
        return reply


def kill_all_workers() -> None:
    """Kill every LibreOffice this process started (atexit and signal handler use this)."""
    with _live_lock:
        workers = list(_live)
    for worker in workers:
        with contextlib.suppress(Exception):
            worker.kill()


atexit.register(kill_all_workers)

_sigterm_installed = False


def install_sigterm_handler() -> None:
    """Turn SIGTERM into SystemExit (exit code 143) so ``with`` blocks and atexit clean up.

    Only when called from the main thread and nobody else has claimed SIGTERM. Even without it
    LibreOffice does not outlive us: each worker kills its group when its stdin closes.
    """
    global _sigterm_installed
    if _sigterm_installed or threading.current_thread() is not threading.main_thread():
        return
    if sys.platform == "win32":  # pragma: no cover
        return
    if signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None):
        return

    def _on_sigterm(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds through Converter.__exit__, then atexit

    signal.signal(signal.SIGTERM, _on_sigterm)
    _sigterm_installed = True
