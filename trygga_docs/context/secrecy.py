"""How the documents word secrecy, in both versions: the stamp on a secret item, a secret
paragraph, the first-page marking of a document that holds secret information (internal
version) or is the public version, and the same in the document properties.

What is secret, and the public version itself, are the model's (``model.secrecy``,
``model.public``); here only the words.

>>> classification(("OSL 26 kap. 1 §",), protected=True, public=False)
'SEKRETESS – innehåller uppgifter som omfattas av sekretess enligt OSL 26 kap. 1 § och skyddade personuppgifter'
>>> classification(("OSL 26 kap. 1 §",), protected=False, public=True)
'OFFENTLIG VERSION – uppgifter som omfattas av sekretess enligt OSL 26 kap. 1 § är borttagna'
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from trygga_docs import text
from trygga_docs.context.common import Properties
from trygga_docs.model.secrecy import Passage, SecretText, is_withheld

DASH = "\u2013"


def secrecy_line(reference: str) -> str:
    """``Sekretess enligt OSL 26 kap. 1 §``: what a secret item shows under its heading."""
    return f"Sekretess enligt {reference}"


def passage(value: Passage) -> str:
    """A paragraph of an item's text as the document shows it: a secret paragraph marked with
    its reference in the internal version, only the reference in the public version."""
    if not isinstance(value, SecretText):
        return value
    if is_withheld(value):
        return f"[{secrecy_line(value.secrecy)}]"
    return f"[{secrecy_line(value.secrecy)}] {value.text}"


def passages(values: Sequence[Passage]) -> list[str]:
    return [passage(v) for v in values]


def classification(references: Sequence[str], *, protected: bool, public: bool) -> str:
    """The first-page marking: the internal version that holds secret information or protected
    people (*SEKRETESS – …*), the public version (*OFFENTLIG VERSION*, and what is taken out);
    empty for an internal version with nothing secret in it."""
    refs = text.join_list(references)
    if public:
        if references:
            return (f"OFFENTLIG VERSION {DASH} uppgifter som omfattas av sekretess enligt {refs} "
                    f"är borttagna")
        if protected:
            return f"OFFENTLIG VERSION {DASH} skyddade personuppgifter är borttagna"
        return "OFFENTLIG VERSION"
    parts = []
    if references:
        parts.append(f"uppgifter som omfattas av sekretess enligt {refs}")
    if protected:
        parts.append("skyddade personuppgifter")
    return f"SEKRETESS {DASH} innehåller {text.join_list(parts)}" if parts else ""


def classified(properties: Properties, references: Sequence[str], *, protected: bool,
               public: bool) -> Properties:
    """The document properties (Word, PDF Info and XMP) marked as the first page is: the
    subject says it and a keyword, *sekretess* or *offentlig version*, finds it."""
    if public:
        return attrs.evolve(properties, subject=f"{properties.subject} ({'offentlig version'})",
                            keywords=(*properties.keywords, "offentlig version"))
    if references or protected:
        return attrs.evolve(properties,
                            subject=f"{properties.subject} (innehåller sekretessbelagda uppgifter)",
                            keywords=(*properties.keywords, "sekretess"))
    return properties
