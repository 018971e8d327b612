"""The record of a document type: every fact about it in one place.

A data file's ``type:`` (``DataFileType``) loads into one model class and yields one or more
documents (``Document``): an agreement yields the agreement; a meeting file yields the meeting
cycle (notice, minutes, protocol, extract, register). A ``Document`` names its template, the
typed context class its template sees, how that context and the document properties are made
from the model, and the Swedish word its file is named with.

Each family module of ``trygga_docs.context`` declares its records at its end;
``trygga_docs.context.registry`` finds them, so a new document type is registered by writing its
module, not by editing a table.

>>> from trygga_docs.context.registry import data_file_type
>>> [d.name for d in data_file_type("meeting").documents]
['notice', 'minutes', 'protocol', 'extract', 'register', 'anslag']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from trygga_docs.context.common import Properties
from trygga_docs.files import document_file_name
from trygga_docs.style import HouseStyle


def _joined(label: str | None, word: str) -> str:
    return f"{label}-{word}" if label else word


@frozen(kw_only=True)
class Document:
    """One kind of document a template renders (*dokument*): ``agreement``, ``protocol`` …"""

    name: str
    """The template's name (``<name>.docx`` in a house style) and the ``--document`` /
    ``--type`` name."""
    title: str
    """What the document is called in Swedish: *Sammanträdesprotokoll*."""
    model: type
    """The class of the object the document is made from (``Agreement``, ``Protocol``)."""
    context: type
    """The attrs class of everything the template sees (besides ``house``)."""
    build: Callable[[Any, HouseStyle], Any]
    """``build(model, style)``: the ``context`` instance for a model object."""
    properties: Callable[[Any], Properties]
    """``properties(model)``: title, subject, author and keywords for Word and PDF."""
    file_word: str | None = None
    """The Swedish word its file is named with when a data file gives several documents:
    ``protokoll``, ``åtgärdsregister`` (written ``atgardsregister`` unless Swedish file names
    are asked for, see ``file_name``); none for a document written under its data file's name
    (or ``--out``)."""
    name_file: Callable[[Any, str, str | None, bool], str] | None = None
    """``name_file(document, file_word, label, by_body)`` when the name needs more than
    ``<label>-<file_word>`` (the § of an extract, the body of a register)."""
    record: Callable[[Any], dict[str, Any]] | None = None
    """``record(model)``: the document as plain data, written as JSON beside its Word and PDF
    files for a website (the anslag); none for most documents."""

    def file_name(self, document: Any, label: str | None, *, by_body: bool = False,
                  swedish: bool = False) -> str:
        """The file name (without suffix) of ``document``: ``2025-03-17-protokollsutdrag-p12``,
        ``atgardsregister``; with ``swedish=True`` as Swedish writes it,
        ``2025-03-17-protokollsutdrag-§12``, ``åtgärdsregister`` (``files.document_file_name``).

        ``label`` tells a meeting among others of the file; ``by_body`` asks a register for
        its body's name (several registers in one folder).

        >>> from trygga_docs.context.registry import document
        >>> document("register").file_name(None, None), document("register").file_name(None, None, swedish=True)
        ('atgardsregister', 'åtgärdsregister')
        """
        if self.file_word is None:
            raise ValueError(f"a '{self.name}' document is named after its data file")
        if self.name_file is not None:
            name = self.name_file(document, self.file_word, label, by_body)
        else:
            name = _joined(label, self.file_word)
        return document_file_name(name, swedish=swedish)


@frozen(kw_only=True)
class DataFileType:
    """A ``type:`` of data file and the documents it yields."""

    key: str
    """The ``type:`` value: ``agreement``, ``meeting`` …"""
    model: type
    """The model class a file of this type loads into."""
    documents: tuple[Document, ...]
    """The documents it yields; the first is rendered when none is chosen (a meeting file's
    own notes or protocol are chosen by each meeting, see ``select``)."""
    skeleton: str
    """The file under ``trygga_docs/skeletons/`` that ``trygga-docs new <key>`` writes."""
    references: Mapping[str, str] = field(factory=dict)
    """Keys whose value may name another data file instead of repeating its data:
    ``key -> the type that file must have`` (``followup``'s ``promises:``)."""
    select: Callable[[Any, str], Sequence[Any]] | None = None
    """``select(model, document name)``: the objects of that document a loaded file gives
    (one per meeting, one per §, one per body); default: the model itself."""
    own: Callable[[Any], Any] | None = None
    """``own(model)``: the document object a model renders as when no document is chosen (a
    meeting file: its first meeting's notes or protocol); default: the model itself."""
    parts: tuple[type, ...] = ()
    """Other model classes that render through ``own`` too (a series of meetings, a meeting)."""
    read_files: Callable[[dict[str, Any], Path, Mapping[str, int]], dict[str, Any]] | None = None
    """``read_files(data, data file, lines)``: the data with the files it names read in before it
    is structured (a lägesbild's CSV statistics), relative to the data file."""

    def documents_of(self, model: Any, name: str) -> list[Any]:
        """The objects of document ``name`` that ``model`` (of this type) yields."""
        if self.select is not None:
            return list(self.select(model, name))
        return [model] if name in {d.name for d in self.documents} else []
