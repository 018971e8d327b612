"""One municipality per document: does a house style that names a municipality fit the data?

A document's issuer comes from its data: the author of its properties (the parties of an
agreement or of promises, a meeting's ``issuer``, a report's organisation, a lägesbild's
municipality). A style's ``municipality``, logo, ``header_text`` and ``footer_text`` are another
municipality's identity when the issuer does not name the style's municipality: the rule compares
the place name (``Ekby`` of *Ekby kommun*, ``Höör`` of *Höörs kommun*) with the issuer's words,
a genitive *s* allowed. A style without a municipality (``default``) fits every document.

>>> place_name("Ekby kommun"), place_name("Höörs kommun"), place_name("Malmö stad")
('Ekby', 'Höör', 'Malmö')
>>> names_place("Höörs kommun och Polisen", "Höör"), names_place("Ekby kommun", "Höör")
(True, False)
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from trygga_docs.context.registry import document_of, type_of
from trygga_docs.style import HouseStyle

class StyleIdentityWarning(UserWarning):
    """A house style names another municipality than the document's issuer (``api.render``
    warns with it; the command line prints it as a warning; a batch lists it in its result)."""


_ORGANISATION_WORDS = re.compile(r"\b(kommuns?|stads?|regions?|kommunstyrelsen?s?)\b", re.IGNORECASE)


def place_name(municipality: str) -> str:
    """The place a municipality's name names: ``Höör`` for *Höörs kommun*."""
    words = _ORGANISATION_WORDS.sub(" ", municipality).split()
    name = " ".join(words)
    if len(words) == 1 and re.search(r"(?i)\bkommun\b", municipality) and name.endswith("s") \
            and not name.endswith("ss"):
        name = name[:-1]  # Höörs kommun: the genitive
    return name


def names_place(text: str, place: str) -> bool:
    """Whether ``text`` names ``place`` as a word (``Höör``, ``Höörs``), case aside."""
    return re.search(rf"(?<!\w){re.escape(place)}s?(?!\w)", text, re.IGNORECASE) is not None


def issuer(model: Any) -> str:
    """Who issues the document ``model`` renders as, from its data (its properties' author)."""
    record = document_of(model)
    if record is None:
        kind = type_of(model)
        if kind is not None and kind.own is not None:
            model = kind.own(model)
            record = document_of(model)
    if record is None:
        for part in getattr(model, "meetings", ()) or ():  # a series of meetings
            return issuer(part)
        return ""
    return record.properties(model).author


def identity_mismatch(model: Any, style: HouseStyle) -> str | None:
    """Why ``style`` would print another municipality's identity on ``model``'s document, or
    ``None`` when it fits (or names no municipality, or the data names no issuer).

    >>> from trygga_docs.loader import EXAMPLES, load
    >>> from trygga_docs.style import load_style
    >>> identity_mismatch(load(EXAMPLES / "hoor" / "medborgarloften-2019.yaml"), load_style("klassisk"))
    "the house style 'klassisk' is Ekby kommun's (its logo, header and footer), but the document is issued by Höörs kommun och Lokalpolisområde Eslöv, which does not name Ekby; use a style of the issuer's own, or one without a municipality (such as 'default')"
    >>> identity_mismatch(load(EXAMPLES / "hoor" / "medborgarloften-2019.yaml"), load_style()) is None
    True
    """
    if not style.municipality:
        return None
    who = issuer(model)
    place = place_name(style.municipality)
    if not who or names_place(who, place):
        return None
    return (f"the house style '{style.name}' is {style.municipality}'s (its logo, header and "
            f"footer), but the document is issued by {who}, which does not name {place}; use a "
            f"style of the issuer's own, or one without a municipality (such as 'default')")


def without_identity(style: HouseStyle) -> HouseStyle:
    """The style's look (fonts, colours, rules) without its municipality: no municipality, logo,
    header or footer line; for showing the look on another municipality's data."""
    return attrs.evolve(style, municipality=None, logo=None, header_text="", footer_text="")


__all__ = ["StyleIdentityWarning", "identity_mismatch", "issuer", "names_place", "place_name", "without_identity"]
