"""What the PDF step needs to know about a Word file, read from its XML before LibreOffice opens it.

Asking a running LibreOffice the same questions over UNO costs a round trip of about 0.8 ms per
call (enumerating a document's fields alone takes about 6 ms), on the critical path of every
conversion. Reading the parts from the ``.docx`` takes well under a millisecond: which fields it
holds (does it have a table of contents to update, fields other than page numbers to refresh?),
its default language (the PDF's ``/Lang``) and which pictures lack alternative text.

A file this module cannot read with certainty (not a zip, another XML prefix, VML pictures) gives
``None``, and LibreOffice is asked instead.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import attrs

__all__ = ["INDEX_FIELDS", "LAYOUT_FIELDS", "WordFacts", "read_word_facts"]

W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAYOUT_FIELDS = frozenset({"PAGE", "NUMPAGES"})
"""Fields LibreOffice keeps right by itself while laying out the pages."""
INDEX_FIELDS = frozenset({"TOC", "INDEX", "TOA", "BIBLIOGRAPHY"})
"""Fields LibreOffice turns into indexes, filled by an index update."""
INERT_FIELDS = frozenset({"HYPERLINK"})
"""Fields LibreOffice imports as something else than a text field (a link)."""

_FIELD_TOKENS = re.compile(
    rb'<w:fldChar\b[^>]*?w:fldCharType="(begin|separate|end)"'
    rb"|<w:instrText\b[^>/]*>([^<]*)</w:instrText>"
    rb'|<w:fldSimple\b[^>]*?w:instr="([^"]*)"')
_DRAWING = re.compile(rb"<wp:(inline|anchor)\b.*?</wp:\1>", re.DOTALL)
_DOC_PR = re.compile(rb"<wp:docPr\b[^>]*>")
_DEFAULTS = re.compile(rb"<w:docDefaults>.*?</w:docDefaults>", re.DOTALL)
_LANG = re.compile(rb'<w:lang\b[^>]*?w:val="([^"]*)"')
_TOC_LEVELS = re.compile(rb'<w:instrText\b[^>/]*>\s*TOC\b[^<]*?\\o\s+"(\d)-(\d)"')
_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


@attrs.frozen
class WordFacts:
    """A Word file's fields, default language and pictures without alternative text."""

    fields: frozenset[str]
    language: str | None
    images_without_alt_text: tuple[str, ...] = ()
    """Each as its name and where it is: ``'Picture 1'``, ``'Logo' in a page header``."""
    toc_levels: tuple[int, int] | None = None
    """The heading levels a table of contents covers when they do not begin at 1 (``TOC \\o
    "2-2"``: the items of a protocol without its title); LibreOffice reads only the upper bound
    of ``\\o``, so the worker builds such an index from the heading styles instead."""

    @property
    def has_index(self) -> bool:
        """It holds a table of contents (or another index) for LibreOffice to fill."""
        return bool(self.fields & INDEX_FIELDS)

    @property
    def needs_field_refresh(self) -> bool:
        """It holds fields (dates, document properties, references) that need a refresh."""
        return bool(self.fields - LAYOUT_FIELDS - INDEX_FIELDS - INERT_FIELDS)


def _attribute(tag: bytes, name: bytes) -> str:
    found = re.search(rb"\s" + name + rb'="([^"]*)"', tag)
    return found.group(1).decode("utf-8", "replace").strip() if found else ""


def _field_types(xml: bytes) -> set[str]:
    """The field types (first word of each instruction) of one part, nested fields included."""
    found: set[str] = set()
    open_fields: list[list[bytes] | None] = []  # instruction pieces, None after 'separate'
    for match in _FIELD_TOKENS.finditer(xml):
        kind, instr, simple = match.groups()
        if simple is not None:
            found.add(_field_type(simple))
        elif instr is not None:
            if open_fields and open_fields[-1] is not None:
                open_fields[-1].append(instr)
        elif kind == b"begin":
            open_fields.append([])
        elif open_fields:
            pieces = open_fields[-1]
            if pieces is not None:
                found.add(_field_type(b"".join(pieces)))
            if kind == b"separate":
                open_fields[-1] = None
            else:
                open_fields.pop()
    return found


def _field_type(instruction: bytes) -> str:
    words = instruction.decode("utf-8", "replace").split()
    return words[0].upper() if words else ""


def _images_without_alt_text(xml: bytes, part: str) -> list[str]:
    """The pictures of one part that lack alt text, as ``'Picture 1'`` or ``'Logo' in a page
    header``."""
    where = next((f" in a page {kind}" for kind in ("header", "footer", "footnote", "endnote")
                  if part.startswith(f"word/{kind}")), "")
    missing = []
    for drawing in _DRAWING.finditer(xml):
        block = drawing.group(0)
        doc_pr = _DOC_PR.search(block)
        if b"<pic:pic" not in block or doc_pr is None:
            continue
        tag = doc_pr.group(0)
        if not (_attribute(tag, b"descr") or _attribute(tag, b"title")):
            missing.append(f"{_attribute(tag, b'name') or 'unnamed'!r}{where}")
    return missing


def read_word_facts(path: str | os.PathLike[str]) -> WordFacts | None:
    """Read the facts from a ``.docx``; None when the file cannot be read with certainty.

    >>> read_word_facts("/nonexistent.docx") is None
    True
    """
    try:
        with zipfile.ZipFile(Path(path)) as docx:
            names = sorted((n for n in docx.namelist() if _PARTS.fullmatch(n)),
                           key=lambda n: (n != "word/document.xml", n))
            if "word/document.xml" not in names:
                return None
            parts = {name: docx.read(name) for name in names}
            styles = docx.read("word/styles.xml") if "word/styles.xml" in docx.namelist() else b""
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return None
    fields: set[str] = set()
    images: list[str] = []
    for part, xml in parts.items():
        if W_NS not in xml[:4000] or b"<v:imagedata" in xml:
            return None  # another prefix for Word's namespace, or old VML pictures
        fields |= _field_types(xml)
        images += _images_without_alt_text(xml, part)
    language = None
    defaults = _DEFAULTS.search(styles)
    if defaults is not None:
        lang = _LANG.search(defaults.group(0))
        language = lang.group(1).decode("ascii", "replace") if lang else None
    levels = _TOC_LEVELS.search(parts["word/document.xml"])
    low, high = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 1)
    return WordFacts(fields=frozenset(fields), language=language,
                     images_without_alt_text=tuple(images),
                     toc_levels=(low, high) if 1 < low <= high else None)
