"""Every document type, found once: the ``DataFileType`` records the family modules of
``trygga_docs.context`` declare. Everything that lists document types (the loader's ``type:``,
the CLI's choices, ``schema``, ``new``, the template check, the reference page for template
authors) reads them from here.

>>> ' '.join(sorted(DATA_FILE_TYPES))
'agreement atgardsplan atgardsplan_uppfoljning followup lagesbild meeting promises report'
>>> document("extract").file_word
'protokollsutdrag'
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

from trygga_docs.context.record import DataFileType, Document

_PACKAGE = "trygga_docs.context"
_FOLDER = Path(__file__).resolve().parent


def _discover() -> list[DataFileType]:
    """The records declared at module level in the context package, in module order."""
    found: list[DataFileType] = []
    for info in sorted(pkgutil.iter_modules([str(_FOLDER)]), key=lambda i: i.name):
        if info.name in ("registry", "record", "identity") or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_PACKAGE}.{info.name}")
        found += [v for v in vars(module).values()
                  if isinstance(v, DataFileType) and v not in found]
    return found


DATA_FILE_TYPES: dict[str, DataFileType] = {t.key: t for t in _discover()}
"""``type:`` key → its record."""

DOCUMENT_TYPES: dict[str, type] = {key: t.model for key, t in DATA_FILE_TYPES.items()}
"""``type:`` key → the model class a file of that type loads into."""

DOCUMENTS: dict[str, Document] = {d.name: d for t in DATA_FILE_TYPES.values()
                                  for d in t.documents}
"""Document (template) name → its record."""

BY_MODEL: dict[type, Document] = {d.model: d for d in DOCUMENTS.values()}
"""The class a document is made from → its record."""


def data_file_type(key: str) -> DataFileType:
    """The record of a ``type:``; ``KeyError`` naming the known ones."""
    try:
        return DATA_FILE_TYPES[key]
    except KeyError:
        raise KeyError(f"unknown type '{key}'; known: {', '.join(DATA_FILE_TYPES)}") from None


def type_of(model: Any) -> DataFileType | None:
    """The record of the data file type ``model`` is an instance of, if any."""
    return next((t for t in DATA_FILE_TYPES.values() if isinstance(model, t.model)), None)


def document(name: str) -> Document:
    """The record of a document by its name; ``KeyError`` naming the known ones."""
    try:
        return DOCUMENTS[name]
    except KeyError:
        raise KeyError(f"unknown document '{name}'; known: {', '.join(DOCUMENTS)}") from None


def document_of(model: Any) -> Document | None:
    """The record of the document ``model`` (``Agreement``, ``Protocol``, …) is rendered as."""
    return BY_MODEL.get(type(model))


__all__ = ["BY_MODEL", "DATA_FILE_TYPES", "DOCUMENTS", "DOCUMENT_TYPES", "DataFileType", "Document",
           "data_file_type", "document", "document_of", "type_of"]
