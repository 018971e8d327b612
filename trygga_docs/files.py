"""Files: atomic output (write to a temporary name beside the target, rename only when complete)
and the rule that names generated files (plain ASCII by default, Swedish on request)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from trygga_docs.errors import OutputError


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    On any exception the temporary file is removed and ``target`` is left untouched.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("klart")
    >>> (d / "a.txt").read_text()
    'klart'
    """
    target = Path(target)
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".part{target.suffix}",
                                    dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp's 0600 is for the temporary name only
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _read_umask() -> int:
    mask = os.umask(0)  # the only way to read it; done once, at import, before any thread starts
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


# ---------------------------------------------------------------------------------------------
# File names

_SPECIAL_LETTERS = str.maketrans({"§": "p", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss",
                                  "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th",
                                  "–": "-", "—": "-", "\u2011": "-"})
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_name(name: str) -> str:
    """A file name in plain ASCII, as e-archives, mail and web uploads keep it: letters lose
    their accents (``å`` → ``a``, ``ö`` → ``o``), ``§`` becomes ``p`` (``§12`` → ``p12``), and
    anything else that is not a letter, digit, ``.``, ``_`` or ``-`` becomes one hyphen.

    >>> ascii_name("2025-03-17-protokollsutdrag-§12"), ascii_name("åtgärdsregister-brå")
    ('2025-03-17-protokollsutdrag-p12', 'atgardsregister-bra')
    >>> ascii_name("Trygghetsrådet Trygga Höör")
    'Trygghetsradet-Trygga-Hoor'
    """
    plain = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = _NOT_PLAIN.sub("-", plain.encode("ascii", "ignore").decode("ascii"))
    return re.sub(r"-{2,}", "-", plain).strip("-.") or "dokument"


def document_file_name(name: str, *, swedish: bool = False) -> str:
    """The file name (without suffix) a generated document is written under: ``name`` in plain
    ASCII (``ascii_name``) by default; with ``swedish=True`` as Swedish writes it (``å``, ``§``
    kept; only characters no file system allows are replaced).

    >>> document_file_name("åtgärdsregister"), document_file_name("åtgärdsregister", swedish=True)
    ('atgardsregister', 'åtgärdsregister')
    """
    if swedish:
        kept = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", unicodedata.normalize("NFC", name))
        return kept.strip(" .-") or "dokument"
    return ascii_name(name)
