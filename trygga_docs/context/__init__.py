"""Model to template context: what each document's template sees, formatted in Swedish.

Each family module (``agreement.py``, ``promises.py``, ``report.py``, ``meeting.py``) holds the
typed context classes of its documents, the functions that build them from the model, and at its
end the records (``context.record``) that register its document types; ``context.registry``
finds them. ``prepare(model, style)`` gives the template name, the context as plain data for the
template and the document properties.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import frozen

from trygga_docs.context.common import Inline, Picture, Properties, plain
from trygga_docs.context.record import DataFileType, Document
from trygga_docs.context.registry import DATA_FILE_TYPES, DOCUMENTS
from trygga_docs.style import HouseStyle

if TYPE_CHECKING:
    from trygga_docs.model.documents import Model


@frozen
class Prepared:
    """A document ready for a template: which template, what it shows (plain data: the typed
    context as dicts and lists, ``Inline`` and ``Picture`` values kept), its metadata."""

    template: str
    context: dict[str, Any]
    properties: Properties


def _builder(record: Document) -> Callable[[Any, HouseStyle], Prepared]:
    """A document's model object: its record's context, as plain data, and properties."""
    def build(document: Any, style: HouseStyle) -> Prepared:
        return Prepared(record.name, plain(record.build(document, style)),
                        record.properties(document))
    return build


def _own_builder(kind: DataFileType) -> Callable[[Any, HouseStyle], Prepared]:
    """A data-file model (or a part of one) that renders as the document ``own`` picks."""
    assert kind.own is not None
    own = kind.own

    def build(model: Any, style: HouseStyle) -> Prepared:
        document = own(model)
        return _BUILDERS[type(document)](document, style)
    return build


def _builders() -> dict[type, Callable[[Any, HouseStyle], Prepared]]:
    found: dict[type, Callable[[Any, HouseStyle], Prepared]] = {
        record.model: _builder(record) for record in DOCUMENTS.values()}
    for kind in DATA_FILE_TYPES.values():
        if kind.own is not None:
            for model_type in (kind.model, *kind.parts):
                found[model_type] = _own_builder(kind)
    return found


_BUILDERS: dict[type, Callable[[Any, HouseStyle], Prepared]] = _builders()
"""Model class → how it is prepared; derived from the records (an index, not a second list)."""


def prepare(model: Model, style: HouseStyle) -> Prepared:
    """The template, context and properties for a model object: a document (``Agreement``,
    ``Protocol`` …) or a data file's model that renders as one (a meeting file: its first
    meeting's notes or protocol)."""
    try:
        build = _BUILDERS[type(model)]
    except KeyError:
        raise TypeError(f"no document is defined for {type(model).__name__}") from None
    return build(model, style)


__all__ = ["Inline", "Picture", "Prepared", "Properties", "prepare"]
