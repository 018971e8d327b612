"""Error types. Each message says what was wrong, where, and what would be right."""

from __future__ import annotations


class TryggaDocsError(Exception):
    """Base class of every error the library raises on purpose."""


class DataError(TryggaDocsError):
    """A data file (or Python data) does not describe a valid document.

    ``file`` is the data file, ``path`` the place in the data (``areas[3].title``),
    ``line`` the 1-based line in the file where the format tells it.
    """

    def __init__(self, message: str, *, file: str | None = None, path: str | None = None,
                 line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.path = path
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
        path = self.path
        if path_prefix:
            path = path_prefix + ("" if not path else (path if path.startswith("[") else "." + path))
        return DataError(self.message, file=self.file or file, path=path,
                         line=self.line if self.line is not None else line)


class OutputError(TryggaDocsError):
    """A file cannot be written where it was asked for (a folder, no permission, no such place)."""


class TemplateError(TryggaDocsError):
    """A Word template is broken or asks for something the document type does not provide."""


class ConversionError(TryggaDocsError):
    """LibreOffice could not turn a document into PDF (missing, hung, crashed or refused)."""
