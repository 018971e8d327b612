"""Context helpers shared by the document families: rich inline text, pictures and document
properties."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
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
class Run:
    """A piece of a ``Block`` with one formatting; ``"\\n"`` in ``text`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    link: str | None = None
    """The address the text links to (a real hyperlink in Word and PDF); none for plain text."""


@frozen
class Block:
    """One paragraph of structured text (``trygga_docs.context.markup``), shown with
    ``{{ p }}`` like a plain text paragraph (``{{r p }}`` where the field has superscripts).

    The Word step writes the runs and gives the paragraph its style: ``style`` names a Word
    paragraph style (*List Bullet*, *List Number 2* …; empty: the template's own), and
    ``heading`` (1 or 2) makes it a heading that many levels below the heading it stands under.
    ``start`` restarts a numbered list at that number; ``whole_runs`` is set where the template
    shows the field with ``{{r p }}``.
    """

    runs: tuple[Run, ...]
    style: str = ""
    heading: int = 0
    start: int | None = None
    whole_runs: bool = False

    def __str__(self) -> str:
        return "".join(run.text for run in self.runs)


@frozen
class Drawing:
    """A vector picture (a chart): SVG, and the same picture as PNG for programs that cannot
    show SVG. Word shows the SVG and keeps the PNG as its fallback; the PDF draws the SVG, so
    its text stays text at any zoom."""

    svg: bytes = field(repr=False)
    png: bytes = field(repr=False)


@frozen
class Picture:
    """An image for the document: PNG (or JPEG) bytes, a file path or a vector ``Drawing``, a
    width and its alt text.

    The context step makes pictures without knowing about Word; the Word step places each one
    inline where the template prints it (``{{ chart }}``) and writes ``alt_text`` as the image's
    description, which screen readers and tagged PDF use.

    >>> Picture(b"\\x89PNG...", 160, "Diagram: mål och utfall").width_mm
    160
    """

    image: bytes | str | Path | Drawing = field(repr=False)
    width_mm: float
    alt_text: str
    title: str | None = None
    """A short name for the image (Word's *Rubrik*); default: none."""


@frozen(kw_only=True)
class House:
    """What every template sees of the house style, as ``house``."""

    name: str
    """The style's name: ``default``, ``klassisk`` or the folder's."""
    municipality: str
    """The municipality the style is for; empty if not given."""
    logo: Picture | str
    """The logo as a picture (``{{ house.logo }}``), or empty text without a logo."""
    header_text: str
    """A line for every page header; empty if not given."""
    footer_text: str
    """A line for every page footer; empty if not given."""


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
    house: dict[str, Any] = plain(House(name=style.name, municipality=style.municipality or "",
                                        logo=logo, header_text=style.header_text,
                                        footer_text=style.footer_text))
    return house


@frozen
class Properties:
    """Document properties: Word's core properties and the PDF's metadata."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...] = ()


@frozen(kw_only=True)
class Labelled:
    """A labelled value, shown as a two-column row: *Tid* – *Måndagen den 10 februari …*."""

    label: str
    """The label (first column)."""
    value: str
    """The value (second column)."""


@frozen(kw_only=True)
class Signer:
    """A person who signs or is named under a text: name and title."""

    name: str
    """Full name; empty in the blank cell that fills a row of signatures."""
    title: str
    """Title or role, as shown under the name."""


BLANK_SIGNER = Signer(name="", title="")
"""The empty cell that fills the last row of a two-column signature table."""


def signer_rows(people: list[Signer]) -> list[list[Signer]]:
    """People two by two, the last row filled with a blank cell.

    >>> [[p.name for p in row] for row in signer_rows([Signer(name="A", title="")] * 3)]
    [['A', 'A'], ['A', '']]
    """
    return [people[i:i + 2] + [BLANK_SIGNER] * (2 - len(people[i:i + 2]))
            for i in range(0, len(people), 2)]


def plain(value: Any) -> Any:
    """A typed context as the template gets it: attrs classes as dicts (field name → value),
    tuples as lists, ``Inline``, ``Block`` and ``Picture`` kept as they are for the Word step.

    >>> plain(Labelled(label="Tid", value="kl. 13.00"))
    {'label': 'Tid', 'value': 'kl. 13.00'}
    """
    if isinstance(value, (Inline, Picture, Block)):
        return value
    if attrs.has(type(value)):
        return {a.name: plain(getattr(value, a.name)) for a in attrs.fields(type(value))}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


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
