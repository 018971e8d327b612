"""Sekretess: what the data marks as secret, and how the public version is told apart.

Offentlighets- och sekretesslagen (OSL, 2009:400) protects details, not documents: the internal
version of a protocol is kept whole and marked as holding secret information; the public
version keeps every § and says *Sekretess enligt <reference>* where the detail was. The data
marks secrecy in three places, each with the legal reference (``secrecy: OSL 26 kap. 1 §``):

- an agenda item (``AgendaItem.secrecy``, with an optional neutral ``public_title``),
- one attachment (``Attachment.secrecy``),
- one paragraph of an item's text (``{text: …, secrecy: …}`` in ``matter``, ``decision`` …;
  ``SecretText``),

and people whose identity is protected with ``protected: true`` (``Participant.protected``,
``ActionItem.protected``), shown by their role or organisation in the public version.
``trygga_docs.model.public.public_version`` makes that version; this module holds the pieces
the model classes share.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from attrs import Attribute, field, frozen

from trygga_docs.errors import DataError, quote
from trygga_docs.model.markup import MARKUP, structured_text
from trygga_docs.structuring import WHEN_GIVEN

DEFAULT_PUBLIC_TITLE = "Sekretessbelagt ärende"
"""The title a secret item shows in the public version when it gives no ``public_title``."""

WITHHELD = ""
"""What the public version leaves in a text it withholds (the title of a secret attachment,
the task of a secret item's action): nothing, so a template shows nothing."""

PUBLIC = "public"
"""Field metadata key: ``True`` on a field of a secret item (or of a protected person) that the
public version keeps: the item's number, its reference and neutral title; a person's role and
organisation. Every other field is withheld, so a field added later is withheld too until it is
marked. ``tests/test_leaks.py`` plants a value in every field not so marked."""

T = TypeVar("T")


def shown_in_public(declared: T) -> T:
    """Mark a field (``attrs.field()`` or a helper that returns one) as kept by the public
    version: ``role: str | None = shown_in_public(optional_text())``."""
    metadata = getattr(declared, "metadata", None)
    if metadata is None:
        raise TypeError("shown_in_public() marks a field declared with attrs.field()")
    metadata[PUBLIC] = True
    return declared


REFERENCE_MESSAGE = ("a secret {what} needs its legal reference; write the provision that makes "
                     "it secret, e.g. 'secrecy: OSL 26 kap. 1 §'")


def _reference(instance: object, attribute: Attribute[Any], value: object) -> None:
    """attrs validator: a legal reference is a text (``OSL 26 kap. 1 §``), not ``true``."""
    if value is not None and not isinstance(value, str):
        raise DataError(f"{quote(value)} is not a legal reference; "
                        + attribute.metadata[WHEN_GIVEN], path=attribute.name)


def _blank_as_none(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _text(instance: object, attribute: Attribute[Any], value: object) -> None:
    """attrs validator: a text that holds more than whitespace."""
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"'{attribute.name}' is empty; write the text it should hold",
                        path=attribute.name)


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def secrecy_field(what: str) -> str | None:
    """The optional legal reference that makes a ``what`` (*item*, *attachment*) secret. Given
    in a data file it must hold the reference."""
    reference: str | None = field(
        default=None, converter=_blank_as_none, validator=_reference,
        metadata={PUBLIC: True, WHEN_GIVEN: REFERENCE_MESSAGE.format(what=what)})
    return reference


@frozen(kw_only=True)
class SecretText:
    """Sekretessbelagt stycke: one paragraph of an item's text that is secret; the public
    version shows *Sekretess enligt <secrecy>* in its place."""

    text: str = field(converter=_strip, validator=_text)
    secrecy: str = field(converter=_strip, validator=_reference,
                         metadata={PUBLIC: True, WHEN_GIVEN: REFERENCE_MESSAGE.format(
                             what="paragraph")})
    """The legal reference: *OSL 26 kap. 1 §*."""

    def __attrs_post_init__(self) -> None:
        if not self.secrecy:
            raise DataError(REFERENCE_MESSAGE.format(what="paragraph"), path="secrecy")


Passage = str | SecretText
"""A paragraph of an item's text: plain, or secret with its reference."""


def _passage_texts(ps: Iterable[Passage | None]) -> tuple[Passage, ...]:
    """attrs converter: the non-blank paragraphs, texts stripped, secret ones as they are."""
    out: list[Passage] = []
    for p in ps:
        if isinstance(p, SecretText):
            out.append(p)
        elif isinstance(p, str) and p.strip():
            out.append(p.strip())
        elif p is not None and not isinstance(p, str):
            raise DataError(f"expected a paragraph of text, got {quote(p)}")
    return tuple(out)


def passages() -> tuple[Passage, ...]:
    """Paragraphs of an item's text, any of them secret (``{text: …, secrecy: …}``), each in the
    Markdown subset of ``trygga_docs.model.markup`` like every paragraph field."""
    texts: tuple[Passage, ...] = field(factory=tuple, converter=_passage_texts,
                                       validator=structured_text, metadata={MARKUP: True})
    return texts


def plain_text(passage: Passage) -> str:
    """The text of a paragraph, secret or not."""
    return passage.text if isinstance(passage, SecretText) else passage


def is_withheld(passage: Passage) -> bool:
    """A secret paragraph whose text the public version took out."""
    return isinstance(passage, SecretText) and passage.text == WITHHELD


@frozen(kw_only=True)
class ProtectedName:
    """Skyddad person: a name that the public version of a report replaces by ``shown_as``."""

    name: str = field(converter=_strip, validator=_text)
    """The name as the text writes it."""
    shown_as: str = field(converter=_blank_as_none, metadata={PUBLIC: True})
    """What the public version shows instead: the role or organisation, *Fältsekreterare*."""

    def __attrs_post_init__(self) -> None:
        if not self.shown_as:
            raise DataError(f"the protected name {quote(self.name)} needs 'shown_as', what the "
                            f"public version shows instead (a role or an organisation)",
                            path="shown_as")


def references(values: Iterable[str | None]) -> tuple[str, ...]:
    """The distinct legal references among ``values``, in order of first appearance.

    >>> references(["OSL 26 kap. 1 §", None, "osl 26 kap. 1 §", "OSL 21 kap. 1 §"])
    ('OSL 26 kap. 1 §', 'OSL 21 kap. 1 §')
    """
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(" ".join(value.split()).casefold(), value)
    return tuple(seen.values())
