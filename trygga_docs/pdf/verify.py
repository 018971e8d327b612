"""Check a PDF against the Word file it was made from: every word of the Word file is in the PDF.

LibreOffice 7.4 can drop text while laying out pages (table rows after a repeated header row
that ends a page vanish). A municipality publishes these PDFs as records, so each conversion is
checked: the words of the Word file (body, tables, headers and footers, footnotes) are aligned
with the words of the PDF, in order, and every word that has no place in the PDF is reported
with where it should have been (a table row, or the text before it).

Both sides are normalised the same way: Unicode NFKC (ligatures ``ﬁ`` -> ``fi``, no-break space
-> space), case folded, and hyphens inside a word dropped, so ``sam-`` + line break + ``verkan``
equals ``samverkan`` and a soft hyphen does not matter. Field results (page numbers, a table of
contents, dates) are skipped in the Word file: LibreOffice computes them anew. The PDF may hold
more than the Word file (numbering, page numbers, a filled table of contents, bilagor).

The PDF's text is read straight from its content streams through the fonts' ``ToUnicode`` maps,
which is what LibreOffice writes; a page this reader cannot decode goes through pypdf's text
extraction instead.

>>> verify_pdf("protokoll.docx", "protokoll.pdf", document="protokoll.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import attrs
from lxml import etree
from pypdf import PdfReader

from trygga_docs.errors import ConversionError

__all__ = ["Missing", "Unit", "missing_text", "pdf_text", "pdf_words", "verify_pdf", "word_units"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

KEPT_FIELDS = frozenset({"HYPERLINK"})
"""Fields whose shown text stays as it is in the PDF; other fields' results are recomputed."""

_HYPHENS = "\\-\u00ad\u2010\u2011"  # escaped for a character class
# a word, with the parts of a hyphenated word kept together (also when LibreOffice breaks the
# line at the hyphen or draws a no-break hyphen apart)
_WORD = re.compile(r"\w+(?:\s*[" + _HYPHENS + r"]\s*\w+)*")
_NOT_WORD = re.compile(r"[\s" + _HYPHENS + "]+")
_CONTEXT_WORDS = 8
_QUOTE_CHARS = 80


@attrs.frozen
class Unit:
    """A paragraph of a Word file, with the words it holds and where it is.

    ``part`` is ``"body"``, ``"header"``, ``"footer"`` or ``"footnotes"``; ``where`` a table
    cell's place (``"table 2, row 3"``) or ``""`` for a paragraph outside tables.
    """

    part: str
    where: str
    words: tuple[str, ...]


@attrs.frozen
class Missing:
    """Text of the Word file that is not in the PDF, and where it should have been.

    ``part`` is the Word file's part (``body``, ``header``, ``footer``, ``footnotes``),
    ``where`` a table and row (``"table 2, row 3"``) or ``""``, ``after`` the words just before
    it in the Word file.

    >>> str(Missing(text="Åtgärd 2", part="body", where="table 3, row 2", after="Ansvarig"))
    '"Åtgärd 2" (body, table 3, row 2, after "…Ansvarig")'
    """

    text: str
    part: str
    where: str = ""
    after: str = ""

    def __str__(self) -> str:
        place = ", ".join(p for p in (self.part, self.where) if p)
        after = f', after "…{_quote(self.after, tail=True)}"' if self.after else ", at the start"
        return f'"{_quote(self.text)}" ({place}{after})'


def _quote(text: str, *, tail: bool = False) -> str:
    if len(text) <= _QUOTE_CHARS:
        return text
    return "…" + text[-_QUOTE_CHARS:] if tail else text[:_QUOTE_CHARS] + "…"


def _key(word: str) -> str:
    """The form two words are compared in: NFKC, case folded, no hyphens or spaces inside."""
    return _NOT_WORD.sub("", word).casefold()


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text))


# -- the Word side ---------------------------------------------------------------------------

def _field_type(instruction: str) -> str:
    parts = instruction.split()
    return parts[0].upper() if parts else ""


class _Fields:
    """Complex fields open at the current point of a part (``begin`` … ``separate`` … ``end``)."""

    def __init__(self) -> None:
        self.stack: list[list[Any]] = []  # [instruction pieces, in result?]

    def visible(self) -> bool:
        """Text here is shown as written: outside fields, or in the result of a kept field."""
        return all(result and _field_type("".join(instr)) in KEPT_FIELDS
                   for instr, result in self.stack)

    def char(self, kind: str | None) -> None:
        if kind == "begin":
            self.stack.append([[], False])
        elif kind == "separate" and self.stack:
            self.stack[-1][1] = True
        elif kind == "end" and self.stack:
            self.stack.pop()

    def instruction(self, text: str) -> None:
        if self.stack and not self.stack[-1][1]:
            self.stack[-1][0].append(text)


_TAGS = tuple(_W + t for t in ("p", "tr", "t", "tab", "br", "cr", "ptab", "noBreakHyphen",
                               "softHyphen", "fldChar", "instrText"))
_BREAKS = frozenset(_W + t for t in ("tab", "br", "cr", "ptab"))


def _prune(root: Any, xml: bytes) -> None:
    """Drop what Word does not show: fallbacks of alternate content, moved-away text, hidden runs,
    the content of a table-of-contents control, and simple fields' results (kept for links)."""
    doomed = []
    if b"mc:Fallback" in xml:
        doomed += root.iter(_MC + "Fallback")
    if b"moveFrom" in xml:
        doomed += root.iter(_W + "moveFrom")
    if b"w:vanish" in xml:
        doomed += [r for r in root.iter(_W + "r")
                   if r.find(f"{_W}rPr/{_W}vanish") is not None
                   and r.find(f"{_W}rPr/{_W}vanish").get(_W + "val", "true")
                   not in ("0", "false", "off")]
    if b"docPartGallery" in xml:
        doomed += [sdt.find(_W + "sdtContent") for sdt in root.iter(_W + "sdt")
                   if (g := sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")) is not None
                   and g.get(_W + "val", "").startswith("Table of Contents")]
    if b"fldSimple" in xml:
        for simple in root.iter(_W + "fldSimple"):
            if _field_type(simple.get(_W + "instr", "")) not in KEPT_FIELDS:
                doomed += simple.findall(_W + "r")
    for element in doomed:
        if element is not None and element.getparent() is not None:
            element.getparent().remove(element)


def _part_units(xml: bytes, part: str) -> list[Unit]:
    """The paragraphs of one part (``word/document.xml``, a header, footnotes) with their words."""
    root = etree.fromstring(xml)
    _prune(root, xml)
    fields = _Fields()
    units: list[Unit] = []
    tables: dict[Any, int] = {}
    rows: dict[Any, int] = {}
    where = ""
    text: list[str] = []

    def close() -> None:
        if text:
            words = _words("".join(text))
            if words:
                units.append(Unit(part, where, tuple(words)))
            text.clear()

    for el in root.iter(_TAGS):
        tag = el.tag
        if tag == _W + "t":
            if el.text and fields.visible():
                text.append(el.text)
        elif tag == _W + "p":
            close()
            cell = el.getparent()
            row = cell.getparent() if cell is not None and cell.tag == _W + "tc" else None
            where = (f"table {tables[row.getparent()]}, row {rows[row]}"
                     if row is not None and row in rows else "")
        elif tag == _W + "tr":
            close()
            table = el.getparent()
            if table not in tables:
                tables[table] = len(tables) + 1
            rows[el] = sum(1 for r in rows if r.getparent() is table) + 1
        elif tag == _W + "fldChar":
            fields.char(el.get(_W + "fldCharType"))
        elif tag == _W + "instrText":
            fields.instruction(el.text or "")
        elif tag in _BREAKS:
            text.append(" ")
        elif tag == _W + "noBreakHyphen":
            text.append("-")
        elif tag == _W + "softHyphen":
            text.append("\u00ad")
    close()
    return units


def _rels(z: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    except KeyError:
        return {}
    return {rel.attrib["Id"]: "word/" + rel.attrib["Target"].lstrip("/").removeprefix("word/")
            for rel in root.iter(_REL + "Relationship")}


def _shown_headers(z: zipfile.ZipFile, body: bytes, pages: int | None) -> list[tuple[str, str]]:
    """The header and footer parts that show on some page, as ``(part name, "header"/"footer")``.

    A first-page header shows only with ``titlePg``, an even-page one only with
    ``evenAndOddHeaders`` and two pages; the default one not when a one-page document has its
    own first-page header.
    """
    root = etree.fromstring(body)
    rels = _rels(z)
    try:
        even_pages = b"evenAndOddHeaders" in z.read("word/settings.xml")
    except KeyError:
        even_pages = False
    shown: dict[str, str] = {}
    for sect in root.iter(_W + "sectPr"):
        title_pg = sect.find(_W + "titlePg")
        title_page = title_pg is not None and title_pg.get(_W + "val", "true") not in (
            "0", "false", "off")
        for kind in ("header", "footer"):
            for ref in sect.findall(f"{_W}{kind}Reference"):
                which = ref.get(_W + "type", "default")
                if which == "first" and not title_page:
                    continue
                if which == "even" and (not even_pages or (pages is not None and pages < 2)):
                    continue
                if which == "default" and title_page and pages == 1:
                    continue
                name = rels.get(ref.get(_R + "id", ""))
                if name:
                    shown[name] = kind
    return list(shown.items())


def word_units(docx: str | os.PathLike[str], *, pages: int | None = None) -> list[Unit]:
    """The paragraphs of a Word file whose text must be in its PDF, in document order: the body
    (tables included), then the headers and footers that show, then footnotes and endnotes.

    ``pages``, the PDF's page count, tells whether even-page headers show.

    >>> [u.words for u in word_units("protokoll.docx")][:1]  # doctest: +SKIP
    [('Sammanträdesprotokoll',)]
    """
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml")
        units = _part_units(body, "body")
        for name, kind in _shown_headers(z, body, pages):
            try:
                units += _part_units(z.read(name), kind)
            except KeyError:
                continue
        for name, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            try:
                xml = z.read(name)
            except KeyError:
                continue
            root = etree.fromstring(xml)
            for note in root.iter(_W + kind):
                if note.get(_W + "type", "normal") == "normal":
                    units += _part_units(etree.tostring(note), kind + "s")
    return units


# -- the PDF side ----------------------------------------------------------------------------

_LITERAL = rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)"
# the operators that matter for text, in the shapes LibreOffice writes them
_OPS = re.compile(rb"""
    /(?P<font>[^\s/\[\]()<>{}%]+)\s+[-+]?[\d.]+\s+Tf
  | \[(?P<array>(?:<[0-9A-Fa-f\s]*>|""" + _LITERAL + rb"""|[-+\d.\s])*)\]\s*TJ
  | (?P<string><[0-9A-Fa-f\s]*>|""" + _LITERAL + rb""")\s*(?P<show>Tj|'|")
  | /(?P<xobject>[^\s/\[\]()<>{}%]+)\s+Do\b
  | (?P<line>\b(?:BT|ET|Td|TD|Tm)\b|T\*)
  | (?P<inline>\bBI\b)
""", re.X | re.S)
_ITEM = re.compile(rb"<([0-9A-Fa-f\s]*)>|(" + _LITERAL + rb")|([-+]?[\d.]+)")
_WIDE_GAP = re.compile(rb"-(?:\d{4,}|[3-9]\d\d|2[5-9]\d)(?:\.\d*)?(?=[\s<(\]])")
_SPACE_KERN = -250.0  # a TJ gap wider than a quarter em reads as a space
_CMAP_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_CMAP_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])")
_SECTION = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class _Undecodable(Exception):
    """A page this reader cannot turn into text (no ToUnicode map, inline images)."""


def _utf16(hexdigits: bytes) -> str:
    return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", "replace")


class _Unmapped(dict[int, str]):
    """A ``str.translate`` table that drops codes the font does not map."""

    def __missing__(self, key: int) -> str:
        return ""


@attrs.frozen
class _Font:
    """A font's ToUnicode map as a translate table over its codes (one or two bytes each)."""

    table: _Unmapped
    width: int

    def decode(self, data: bytes) -> str:
        if self.width == 1:
            return data.decode("latin-1").translate(self.table)
        return data.decode("utf-16-be", "surrogatepass").translate(self.table)


def _read_cmap(data: bytes, default_width: int) -> _Font:
    codes = _Unmapped()
    width = default_width
    for kind, body in _SECTION.findall(data):
        if kind == b"codespacerange":
            found = re.search(rb"<([0-9A-Fa-f]+)>", body)
            if found:
                width = len(found.group(1)) // 2
        elif kind == b"bfchar":
            for src, dst in _CMAP_CHAR.findall(body):
                codes[int(src, 16)] = _utf16(dst)
        else:
            for lo, hi, dst, array in _CMAP_RANGE.findall(body):
                start, end = int(lo, 16), int(hi, 16)
                if array:
                    for k, item in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", array)):
                        codes[start + k] = _utf16(item)
                else:
                    base = bytes.fromhex(dst.decode())
                    first = int.from_bytes(base[-2:], "big")
                    for k in range(min(end - start + 1, 65536)):
                        last = ((first + k) & 0xFFFF).to_bytes(2, "big")
                        codes[start + k] = (base[:-2] + last).decode("utf-16-be", "replace")
    if width not in (1, 2):
        raise _Undecodable(f"character codes of {width} bytes")
    return _Font(codes, width)


def _unescape(literal: bytes) -> bytes:
    out = bytearray()
    i, body = 0, literal[1:-1]
    while i < len(body):
        c = body[i:i + 1]
        if c == b"\\" and i + 1 < len(body):
            nxt = body[i + 1:i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                octal = re.match(rb"[0-7]{1,3}", body[i + 1:i + 4])
                digits = octal.group(0) if octal else b"0"
                out.append(int(digits, 8) & 0xFF)
                i += 1 + len(digits)
            elif nxt in b"\r\n":
                i += 2
            else:
                out += nxt
                i += 2
        else:
            out += c
            i += 1
    return bytes(out)


def _string(raw: bytes) -> bytes:
    if raw[:1] == b"<":
        return bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode())
    return _unescape(raw)


class _PageText:
    """Text of one page from its content stream; fonts are read once per document."""

    def __init__(self, fonts: dict[int, _Font]) -> None:
        self.fonts = fonts
        self.out: list[str] = []

    def font(self, resources: Any, name: bytes) -> _Font:
        ref = resources["/Font"].raw_get("/" + name.decode("latin-1"))
        key = getattr(ref, "idnum", id(ref))
        if key not in self.fonts:
            font = ref.get_object()
            if "/ToUnicode" not in font:
                raise _Undecodable(f"font {name!r} has no ToUnicode map")
            width = 2 if font.get("/Subtype") == "/Type0" else 1
            self.fonts[key] = _read_cmap(font["/ToUnicode"].get_object().get_data(), width)
        return self.fonts[key]

    def run(self, content: bytes, resources: Any, depth: int = 0) -> None:
        font: _Font | None = None
        out = self.out
        for m in _OPS.finditer(content):
            kind = m.lastgroup
            if kind == "font":
                font = self.font(resources, m.group("font"))
            elif kind in ("array", "show"):
                if font is None:
                    raise _Undecodable("text shown without a font")
                if kind == "show":
                    if m.group("show") != b"Tj":
                        out.append("\n")
                    out.append(font.decode(_string(m.group("string"))))
                    continue
                array = m.group("array")
                if b"(" not in array and not _WIDE_GAP.search(array):  # LibreOffice's usual
                    hexes = re.sub(rb"[^0-9A-Fa-f<]|<", b"", re.sub(rb">[^<]*", b"", array))
                    out.append(font.decode(bytes.fromhex(hexes.decode())))
                    continue
                for hexes, literal, number in _ITEM.findall(array):
                    if number:
                        if float(number) < _SPACE_KERN:
                            out.append(" ")
                    else:
                        out.append(font.decode(_string(literal or b"<" + hexes + b">")))
            elif kind == "line":
                out.append("\n")
            elif kind == "xobject" and depth < 8:
                self.form(resources, m.group("xobject"), depth)
            elif kind == "inline":
                raise _Undecodable("inline image")

    def form(self, resources: Any, name: bytes, depth: int) -> None:
        xobjects = resources.get("/XObject")
        key = "/" + name.decode("latin-1")
        if xobjects is None or key not in xobjects:
            return
        xobject = xobjects[key].get_object()
        if xobject.get("/Subtype") != "/Form":
            return
        self.run(xobject.get_data(), xobject.get("/Resources") or resources, depth + 1)


def _contents(page: Any) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    if isinstance(contents, list):
        return b"\n".join(c.get_object().get_data() for c in contents)
    data: bytes = contents.get_data()
    return data


def pdf_text(pdf: str | os.PathLike[str]) -> list[str]:
    """The text of each page of a PDF, in the order its content streams draw it, one line per
    piece of text drawn (LibreOffice draws each line of a paragraph as one piece).

    >>> pdf_text("protokoll.pdf")[0].splitlines()[:2]  # doctest: +SKIP
    ['Ekby kommun', 'Sammanträdesprotokoll 2025-03-17']
    """
    reader = PdfReader(os.fspath(pdf))
    fonts: dict[int, _Font] = {}
    pages: list[str] = []
    for page in reader.pages:
        text = _PageText(fonts)
        try:
            text.run(_contents(page), page.get("/Resources") or {})
            pages.append(re.sub(r"\n+", "\n", "".join(text.out)).strip("\n"))
        except (_Undecodable, KeyError, ValueError, TypeError, AttributeError):
            pages.append(page.extract_text() or "")
    return pages


def pdf_words(pdf: str | os.PathLike[str]) -> list[list[str]]:
    """The words of each page of a PDF, in the order its content streams draw them.

    >>> pdf_words("protokoll.pdf")[0][:2]  # doctest: +SKIP
    ['Ekby', 'kommun']
    """
    return [_words(page) for page in pdf_text(pdf)]


# -- aligning the two ------------------------------------------------------------------------

def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both (pairs sorted by the first)."""
    import bisect

    tails: list[int] = []  # b index ending the best chain of each length
    ends: list[int] = []  # index into pairs of that chain's end
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = bisect.bisect_left(tails, j)
        if n == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[n] = j
            ends[n] = k
        back[k] = ends[n - 1] if n else -1
    chain = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _align(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Matched positions ``(i, j)`` with ``a[i] == b[j]``, increasing in both: patience diff
    (words unique in both ranges anchor the match, the gaps between them are aligned in turn),
    with difflib for ranges without such words."""
    matched: list[tuple[int, int]] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            matched.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            matched.append((ahi, bhi))
        if alo >= ahi or blo >= bhi:
            continue
        count_a = Counter(a[alo:ahi])
        count_b = Counter(b[blo:bhi])
        where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
        anchors = _lis([(i, where_b[a[i]]) for i in range(alo, ahi)
                        if count_a[a[i]] == 1 and a[i] in where_b])
        if anchors:
            prev_i, prev_j = alo, blo
            for i, j in anchors:
                matched.append((i, j))
                todo.append((prev_i, i, prev_j, j))
                prev_i, prev_j = i + 1, j + 1
            todo.append((prev_i, ahi, prev_j, bhi))
        else:
            matched.extend(_repetitive(a, b, alo, ahi, blo, bhi))
    matched.sort()
    return matched


def _repetitive(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int,
                bhi: int) -> list[tuple[int, int]]:
    """Align a range without words unique to it (text repeated many times): in order, when
    every word of ``a`` is there (the usual case, linear), else with difflib."""
    pairs, j = [], blo
    for i in range(alo, ahi):
        while j < bhi and b[j] != a[i]:
            j += 1
        if j == bhi:
            break
        pairs.append((i, j))
        j += 1
    else:
        return pairs
    matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi],
                              autojunk=(ahi - alo) * (bhi - blo) > 4_000_000)
    return [(alo + i + k, blo + j + k) for i, j, n in matcher.get_matching_blocks()
            for k in range(n)]


def _gaps(a: Sequence[str], b: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Runs ``[start, end)`` of ``a`` whose words are not in ``b`` where they belong: neither
    matched word by word, nor found as letters in the stretch of ``b`` between the neighbouring
    matched words (a word the PDF splits in two, or two it runs together)."""
    matched = _align(a, b)
    bounds = [(-1, -1), *matched, (len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if i1 - i0 > 1 and "".join(a[i0 + 1:i1]) not in "".join(b[j0 + 1:j1]):
            yield i0 + 1, i1


def _flatten(units: Sequence[Unit]) -> tuple[list[str], list[str], list[int]]:
    keys, shown, owner = [], [], []
    for n, unit in enumerate(units):
        for word in unit.words:
            keys.append(_key(word))
            shown.append(word)
            owner.append(n)
    return keys, shown, owner


def _report(units: Sequence[Unit], shown: list[str], owner: list[int], start: int,
            end: int) -> list[Missing]:
    """One Missing per paragraph or table row the run ``[start, end)`` touches."""
    found: list[Missing] = []
    k = start
    while k < end:
        unit = units[owner[k]]
        stop = k
        while stop < end and (units[owner[stop]].part, units[owner[stop]].where) == (
                unit.part, unit.where) and (unit.where or owner[stop] == owner[k]):
            stop += 1
        first = k
        while first > 0 and units[owner[first - 1]].part == unit.part and (
                k - first) < _CONTEXT_WORDS:
            first -= 1
        found.append(Missing(text=" ".join(shown[k:stop]), part=unit.part, where=unit.where,
                             after=" ".join(shown[first:k])))
        k = stop
    return found


def missing_text(docx_path: str | os.PathLike[str],
                 pdf_path: str | os.PathLike[str]) -> list[Missing]:
    """Text of the Word file that its PDF lacks; empty when the PDF holds all of it.

    The body (with tables) and the footnotes are aligned word by word with the whole PDF, in
    order, so a table row that is gone is found even when its words occur elsewhere; each header
    and footer paragraph must be on some page.

    >>> missing_text("protokoll.docx", "protokoll.pdf")  # doctest: +SKIP
    [Missing(text='Ny belysning Tekniska förvaltningen 30 juni 2025', part='body',
             where='table 4, row 2', after='Åtgärder Åtgärd Ansvarig Klart senast')]
    """
    pages = pdf_words(pdf_path)
    units = word_units(docx_path, pages=len(pages))
    pdf_keys = [_key(w) for page in pages for w in page]
    page_keys = [[_key(w) for w in page] for page in pages]
    page_text = ["".join(keys) for keys in page_keys]
    found: list[Missing] = []
    flowing = [u for u in units if u.part not in ("header", "footer")]
    for part in dict.fromkeys(u.part for u in flowing):
        these = [u for u in flowing if u.part == part]
        keys, shown, owner = _flatten(these)
        for start, end in _gaps(keys, pdf_keys):
            found += _report(these, shown, owner, start, end)
    for unit in units:
        if unit.part not in ("header", "footer"):
            continue
        keys = [_key(w) for w in unit.words]
        if any("".join(keys) in text for text in page_text):
            continue
        best: list[tuple[int, int]] | None = None
        for page in page_keys:
            gaps = list(_gaps(keys, page))
            if best is None or sum(e - s for s, e in gaps) < sum(e - s for s, e in best):
                best = gaps
        for start, end in best or [(0, len(keys))]:
            found += _report([unit], list(unit.words), [0] * len(keys), start, end)
    return found


def verify_pdf(docx_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str], *,
               document: str) -> None:
    """Raise ConversionError naming ``document`` when its PDF lacks text of its Word file.

    The message quotes what is missing and where it should have been (at most five places).

    >>> verify_pdf("protokoll.docx", "protokoll.pdf", document="protokoll.pdf")  # doctest: +SKIP
    Traceback (most recent call last):
    ...
    trygga_docs.errors.ConversionError: protokoll.pdf: LibreOffice left out text of the Word
    file: "Ny belysning …" (body, table 4, row 2, after "…Ansvarig Klart senast"); no PDF written
    """
    lost = missing_text(docx_path, pdf_path)
    if not lost:
        return
    shown = "; ".join(str(m) for m in lost[:5])
    more = f"; and {len(lost) - 5} more" if len(lost) > 5 else ""
    raise ConversionError(
        f"{document}: the PDF lacks text of the Word file, so it was not written: {shown}{more}. "
        "This is a LibreOffice layout fault; changing the text before the place named (or the "
        "house style's template) moves the page break and usually avoids it")


if __name__ == "__main__":  # pragma: no cover - a quick check by hand
    import sys

    for item in missing_text(Path(sys.argv[1]), Path(sys.argv[2])):
        print(item)
