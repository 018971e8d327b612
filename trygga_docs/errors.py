"""Error types. Each message says what was wrong, where, and what would be right."""

from __future__ import annotations

import re

QUOTE_LIMIT = 80
"""At most this many characters of a value are quoted in a message (a 10 MB title is not echoed)."""

MESSAGE_LIMIT = 1000
"""A message longer than this is cut: it is read on a terminal, not scrolled through."""


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, with ``…`` and the full length when it was longer.

    >>> shorten("kort")
    'kort'
    >>> shorten("x" * 100, 10)
    'xxxxxxxxxx… (100 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message shows it: a text in quotes (``repr``, so control characters show),
    anything else as Python writes it, cut to about ``limit`` characters.

    >>> quote("Fältsekreterare")
    "'Fältsekreterare'"
    >>> quote("ab" * 100, 6)
    "'ababab…' (200 characters)"
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{repr(value[:limit])[:-1]}…{repr(value)[0]} ({len(value)} characters)"
    return shorten(repr(value), limit)


_LONG_QUOTED = re.compile(r"(?<!\w)'([^'\n]{%d,})'(?!\w)" % (QUOTE_LIMIT + 2))
_LONG_WORD = re.compile(r"[^\s']{%d,}" % (QUOTE_LIMIT + 2))


def _bounded(message: str) -> str:
    """A message with every quoted value and every unbroken run of characters cut to about
    ``QUOTE_LIMIT`` characters, and at most ``MESSAGE_LIMIT`` long: a safety net for messages
    that interpolate data without ``quote``."""
    if len(message) <= QUOTE_LIMIT:
        return message
    message = _LONG_QUOTED.sub(
        lambda m: f"'{m.group(1)[:QUOTE_LIMIT]}…' ({len(m.group(1))} characters)", message)
    message = _LONG_WORD.sub(lambda m: m.group(0)[:QUOTE_LIMIT] + "…", message)
    return message if len(message) <= MESSAGE_LIMIT else message[:MESSAGE_LIMIT] + "…"


def data_path(*steps: str | int | None) -> str:
    """A place in the data, as messages show it, from its steps: a field name (or a path
    already built), an index in a list; steps before the first that is not empty are left out.

    >>> data_path("items", 3, "actions", 0, "owner")
    'items[3].actions[0].owner'
    >>> data_path("meetings[2]", "items[0]"), data_path("", "title"), data_path("rates", "[1]")
    ('meetings[2].items[0]', 'title', 'rates[1]')
    """
    path = ""
    for step in steps:
        if isinstance(step, int):
            path += f"[{step}]"
        elif step is not None and (path or step):
            path += step if not path or step.startswith("[") else "." + step
    return path


class TryggaDocsError(Exception):
    """Base class of every error the library raises on purpose."""


class DataError(TryggaDocsError):
    """A data file (or Python data) does not describe a valid document.

    ``file`` is the data file, ``path`` the place in the data (``areas[3].title``),
    ``line`` the 1-based line in the file where the format tells it.
    """

    def __init__(self, message: str, *, file: str | None = None, path: str | None = None,
                 line: int | None = None) -> None:
        self.message = _bounded(message)
        self.file = file
        self.path = _bounded(path) if path else path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.file is None:  # Python data or a command-line option (path "--format")
            return f"{self.path}: {self.message}" if self.path else self.message
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.path:
            where += f", at {self.path}"
        return f"{where}: {self.message}"

    def located(self, *, file: str | None = None, path_prefix: str | None = None,
                line: int | None = None) -> DataError:
        """The same error with file, path prefix or line filled in where missing."""
        path = data_path(path_prefix, self.path) if path_prefix else self.path
        return DataError(self.message, file=self.file or file, path=path,
                         line=self.line if self.line is not None else line)


class OutputError(TryggaDocsError):
    """A file cannot be written where it was asked for (a folder, no permission, no such place)."""


class TemplateError(TryggaDocsError):
    """A Word template is broken or asks for something the document type does not provide."""


class ConversionError(TryggaDocsError):
    """LibreOffice could not turn a document into PDF (missing, hung, crashed or refused)."""
