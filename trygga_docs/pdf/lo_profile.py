"""The LibreOffice user profile each warm worker starts from.

Every worker gets a profile of its own, so parallel workers never share a profile lock. A
brand-new profile costs LibreOffice about 0.1 s of first-start work (copying its defaults,
writing its registry) on every worker start. That work is done once instead: the first start
initialises a profile with ``soffice --terminate_after_init`` into the user's cache folder
(``platformdirs.user_cache_dir("trygga_docs")``, or ``TRYGGA_DOCS_CACHE_DIR``), and each worker
starts from a copy of it. The cached profile is keyed by the LibreOffice program and by our
settings, so an upgrade or a changed setting builds a new one. When the cache cannot be written
or LibreOffice cannot initialise it, workers start from a fresh profile as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import platformdirs

__all__ = ["CACHE_ENV", "cache_dir", "make_profile", "product_version", "profile_settings"]

CACHE_ENV = "TRYGGA_DOCS_CACHE_DIR"
INIT_TIMEOUT = 60.0  # seconds LibreOffice gets to initialise the cached profile

_templates: dict[str, Path | None] = {}
_templates_lock = threading.Lock()


def product_version(soffice: Path) -> str | None:
    """LibreOffice's ``major.minor`` from its bootstraprc (``ProductKey=LibreOffice 7.4``)."""
    program = soffice.resolve().parent
    for rc in (program / "bootstraprc", program.parent / "Resources" / "bootstraprc",
               program / "bootstrap.ini"):
        with contextlib.suppress(OSError):
            for line in rc.read_text("utf-8", "replace").splitlines():
                if line.startswith("ProductKey="):
                    version = line.rsplit(" ", 1)[-1].strip()
                    if version.replace(".", "").isdigit():
                        return version
    return None


def profile_settings(version: str | None) -> str:
    """registrymodifications.xcu for a worker profile.

    Telling LibreOffice its last version was this one skips the graphics self-test it runs on
    the first start of a new or upgraded profile (0.7 s of the 1.1 s start-up here). Macros stay
    off whatever a document says, and nothing is saved for crash recovery.
    """
    def item(path: str, name: str, value: str) -> str:
        return (f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
                f"<value>{value}</value></prop></item>\n")

    items = [
        item("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
        item("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
        item("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "false"),
        item("/org.openoffice.Office.Recovery/RecoveryInfo", "Enabled", "false"),
        item("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
    ]
    if version:
        items.append(item("/org.openoffice.Setup/Product", "ooSetupLastVersion", version))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            + "".join(items) + "</oor:items>\n")


def cache_dir() -> Path:
    """Where the initialised profiles are kept: ``TRYGGA_DOCS_CACHE_DIR`` or the user's cache."""
    env = os.environ.get(CACHE_ENV)
    return Path(env).expanduser() if env else Path(platformdirs.user_cache_dir("trygga_docs"))


def _fresh(profile: Path, settings: str) -> None:
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(settings, encoding="utf-8")


def _template_name(soffice: Path, version: str | None, settings: str) -> str:
    program = soffice.resolve()
    stat = program.stat()
    key = f"{program}|{stat.st_size}|{stat.st_mtime_ns}|{settings}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"lo-profile-{version or 'unknown'}-{digest}"


def _initialise(soffice: Path, profile: Path, scratch: Path) -> bool:
    """Let LibreOffice do its first-start work on ``profile`` and exit; True when it did."""
    command = [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--invisible", "--nocrashreport", "--nodefault", "--nologo",
               "--nofirststartwizard", "--norestore", "--nolockcheck", "--terminate_after_init"]
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=scratch,
                                env={**os.environ, "TMPDIR": str(scratch)},
                                start_new_session=True)
    except OSError:
        return False
    try:
        proc.wait(timeout=INIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
    finally:
        if sys.platform != "win32":  # sweep the group: oosplash, soffice.bin and helpers
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        proc.kill()
        proc.wait()
    return proc.returncode == 0 and (profile / "user" / "registrymodifications.xcu").is_file()


def _template(soffice: Path, version: str | None, settings: str) -> Path | None:
    """The cached, initialised profile for this LibreOffice; built on first use; None if it
    cannot be had."""
    try:
        name = _template_name(soffice, version, settings)
    except OSError:
        return None
    with _templates_lock:
        if name in _templates:
            return _templates[name]
        base = cache_dir()
        final = base / name
        if not (final / "user" / "registrymodifications.xcu").is_file():
            try:
                base.mkdir(parents=True, exist_ok=True)
                build = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=base))
            except OSError:
                _templates[name] = None
                return None
            try:
                scratch = build / "scratch"
                scratch.mkdir()
                _fresh(build / "profile", settings)
                if _initialise(soffice, build / "profile", scratch):
                    # another process may have got there first; then its copy is as good
                    with contextlib.suppress(OSError):
                        os.rename(build / "profile", final)
            finally:
                shutil.rmtree(build, ignore_errors=True)
        found = final if (final / "user" / "registrymodifications.xcu").is_file() else None
        _templates[name] = found
        return found


def make_profile(soffice: Path, profile: Path) -> None:
    """Create ``profile`` (which must not exist) as a worker's LibreOffice user profile."""
    version = product_version(soffice)
    settings = profile_settings(version)
    template = _template(soffice, version, settings)
    if template is not None:
        try:
            shutil.copytree(template, profile)
            return
        except OSError:  # the cache went away under us: start fresh instead
            shutil.rmtree(profile, ignore_errors=True)
    _fresh(profile, settings)
