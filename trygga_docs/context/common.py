"""Context helpers shared by the document families: rich inline text, pictures and document
properties."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from attrs import field, frozen
from docx.image.image import Image as DocxImage

from trygga_docs.style import HouseStyle


@frozen
class Inline:
    """A paragraph of running text with superscript markers (source numbers).

    ``segments`` is a sequence of ``(text, superscript)``; ``str()`` gives the plain text.
    The Word step turns it into formatted runs.
    """

    segments: tuple[tuple[str, bool], ...]

    def __str__(self) -> str:
        return "".join(text for text, _ in self.segments)


@frozen
class Picture:
    """An image for the document: PNG (or JPEG) bytes or a file path, a width and its alt text.

    The context step makes pictures without knowing about Word; the Word step places each one
    inline where the template prints it (``{{ chart }}``) and writes ``alt_text`` as the image's
    description, which screen readers and tagged PDF use.

    >>> Picture(b"\\x89PNG...", 160, "Diagram: mål och utfall").width_mm
    160
    """

    image: bytes | str | Path = field(repr=False)
    width_mm: float
    alt_text: str
    title: str | None = None
    """A short name for the image (Word's *Rubrik*); default: none."""


def house_context(style: HouseStyle) -> dict[str, Any]:
    """What every template sees of the house style, as ``house``: ``house.logo`` (a Picture, or
    empty text without a logo), ``house.municipality``, ``house.header_text``,
    ``house.footer_text``.

    >>> house_context(HouseStyle())["logo"]
    ''
    """
    logo: Picture | str = ""
    if style.logo is not None:
        data = style.logo.read_bytes()
        image = DocxImage.from_blob(data)
        width = style.logo_height_mm * image.px_width / image.px_height
        logo = Picture(data, round(width, 1), f"Logotyp: {style.municipality or style.name}",
                       title="Logotyp")
    return {"name": style.name, "municipality": style.municipality or "", "logo": logo,
            "header_text": style.header_text, "footer_text": style.footer_text}


@frozen
class Properties:
    """Document properties: Word's core properties and the PDF's metadata."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...] = ()


def cite(text: str, pattern: re.Pattern[str], number: Callable[[str], int]) -> Inline:
    """Replace citation markers (``[^id]``) by superscript numbers from ``number(id)``.

    >>> import re
    >>> str(cite("Låg nivå [^a].", re.compile(r"\\s*\\[\\^(\\w+)\\]"), lambda _: 1))
    'Låg nivå1.'
    """
    segments: list[tuple[str, bool]] = []
    last = 0
    for match in pattern.finditer(text):
        segments.append((text[last:match.start()], False))
        segments.append((str(number(match.group(1))), True))
        last = match.end()
    segments.append((text[last:], False))
    return Inline(tuple((t, sup) for t, sup in segments if t))


def paragraphs(items: Iterable[str]) -> list[str]:
    return [p for p in items if p]
