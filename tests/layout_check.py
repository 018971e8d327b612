"""A machine check of a PDF's page layout, as a registrar and a typographer would look at it.

It reads the tagged PDF that LibreOffice writes: the structure tree says what each piece of
text is (a heading ``H1``-``H6``, a table row ``TR``, a paragraph style such as ``Signature
line``) and on which page, the content streams say where it is. Headers and footers are
artifacts, outside the structure tree. Rules (``check(pdf)`` gives every breach as a
``Finding``):

- ``heading-ends-page``: a heading is the last text of a page that is not the last page;
- ``orphan-label``: a page after the first starts with *Expedieras till* or a signature label
  (a signature line, *Ordförande*, *Sekreterare*, *Justerare* …) in its first two lines (a
  signature's name stands above its title), cut off from what it closes;
- ``header-gap`` / ``footer-gap``: body text less than ``GAP_MM`` below the lowest line of the
  header (text or logo), or less than ``GAP_MM`` above the footer's highest line;
- ``row-split``: one table row with text on two pages;
- ``empty-page``: a page other than the last whose body text fills less than ``MIN_FILL`` of the
  space between header and footer.

``check_all(folder)`` checks every PDF under a folder.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MM = 72 / 25.4
"""Points per millimetre."""
GAP_MM = 4.0
MIN_FILL = 0.10
SIGNATURE_LABELS = ("Expedieras till", "Ordförande", "Sekreterare", "Justerare", "Justerande",
                    "Underskrift", "Vid protokollet", "Vid pennan", "____")
"""Texts that close what comes before them and must not start a page."""
HEADINGS = {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Heading 1", "/Heading 2", "/Heading 3"}
SIGNATURE_STYLES = {"/Signature line"}
LEAD_STYLES = {"/Lead"}
"""Paragraph styles that lead in to what follows them, as a heading does."""
ASCENT, DESCENT = 0.78, 0.22
"""Share of the font size above and below the baseline (Liberation, Carlito and Caladea)."""


@dataclass(frozen=True)
class Finding:
    """One breach of a rule: which rule, on which page (1-based) and what is there."""

    rule: str
    page: int
    text: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.rule}: {self.text}"


@dataclass(frozen=True)
class Tag:
    """Where a marked-content sequence belongs in the structure tree."""

    path: tuple[str, ...]
    """The structure types from the root down to the element (role names as LibreOffice writes
    them: ``/H2``, ``/TR``, ``/Table text``)."""
    row: int | None
    """An id of the table row (``TR``) it is in, if any."""


@dataclass
class Line:
    """One line of text on a page: top and bottom in points from the page's top edge."""

    top: float
    bottom: float
    baseline: float
    text: str = ""
    tags: list[Tag] = field(default_factory=list)


@dataclass
class Page:
    """What the check needs of a page: body lines, the header's bottom and the footer's top."""

    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    header_bottom: float = 0.0
    footer_top: float = math.inf


def _structure(reader: pypdf.PdfReader) -> dict[tuple[int, int], Tag]:
    """(page index, MCID) → its place in the structure tree."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)
             if page.indirect_reference is not None}
    root = reader.trailer["/Root"].get_object().get("/StructTreeRoot")
    found: dict[tuple[int, int], Tag] = {}
    if root is None:
        return found

    def page_of(element: DictionaryObject, inherited: int | None) -> int | None:
        ref = element.get("/Pg")
        if isinstance(ref, IndirectObject):
            return pages.get(ref.idnum, inherited)
        return inherited

    def walk(node: Any, path: tuple[str, ...], page: int | None, row: int | None) -> None:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, int):
            if page is not None:
                found[(page, int(node))] = Tag(path, row)
            return
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid, path, page, row)
            return
        if not isinstance(node, DictionaryObject):
            return
        if node.get("/Type") == "/MCR":
            walk(int(node["/MCID"]), path, page_of(node, page), row)
            return
        if node.get("/Type") == "/OBJR":
            return
        kind = str(node.get("/S", ""))
        here = (*path, kind) if kind else path
        if kind == "/TR":
            row = id(node)
        kids = node.get("/K")
        if kids is not None:
            walk(kids, here, page_of(node, page), row)

    walk(root.get("/K"), (), None, None)
    return found


def _spans(reader: pypdf.PdfReader, index: int) -> Iterator[tuple[float, float, str, int | None, bool]]:
    """The text and images of a page: (baseline from the bottom, size, text, MCID, artifact).

    An image is given as its bottom edge with its height as size and text ``"<image>"``.
    """
    page = reader.pages[index]
    stack: list[tuple[int | None, bool]] = []
    out: list[tuple[float, float, str, int | None, bool]] = []
    xobjects = page.get("/Resources", {}).get("/XObject", {}) if "/Resources" in page else {}

    def current() -> tuple[int | None, bool]:
        mcid, artifact = None, False
        for m, a in stack:
            mcid = m if m is not None else mcid
            artifact = artifact or a
        return mcid, artifact

    def before(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        if op == b"BDC":
            props = args[1].get_object() if len(args) > 1 else {}
            mcid = props.get("/MCID") if isinstance(props, dict) else None
            stack.append((int(mcid) if mcid is not None else None, args[0] == "/Artifact"))
        elif op == b"BMC":
            stack.append((None, args[0] == "/Artifact"))
        elif op == b"EMC" and stack:
            stack.pop()
        elif op == b"Do":
            xobject = xobjects.get(args[0]) if xobjects else None
            if xobject is not None and xobject.get_object().get("/Subtype") == "/Image":
                mcid, artifact = current()
                out.append((cm[5], math.hypot(cm[2], cm[3]), "<image>", mcid, artifact))

    def text(shown: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not shown.strip():
            return
        m = _multiply(tm, cm)
        mcid, artifact = current()
        out.append((m[5], size * math.hypot(m[2], m[3]), shown, mcid, artifact))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    yield from out


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def read_pages(pdf: Path) -> list[Page]:
    """The pages of a PDF as lines of body text with their tags, and the header's and footer's
    extent (artifacts in the top and bottom quarter of the page)."""
    reader = pypdf.PdfReader(str(pdf))
    structure = _structure(reader)
    pages = []
    for index, pdf_page in enumerate(reader.pages):
        height = float(pdf_page.mediabox.height)
        page = Page(index + 1, height)
        body: list[tuple[float, float, str, Tag | None]] = []
        frame: list[tuple[float, float]] = []
        for baseline, size, shown, mcid, artifact in _spans(reader, index):
            y = height - baseline  # from the top
            image = shown == "<image>"
            top, bottom = (y - size, y) if image else (y - ASCENT * size, y + DESCENT * size)
            if artifact or mcid is None or (index, mcid) not in structure:
                if shown.strip(". ") or image:  # a table of contents' leader dots are artifacts
                    frame.append((top, bottom))
                continue
            if not image:
                body.append((y, size, shown, structure[(index, mcid)]))
        for y, size, shown, tag in sorted(body, key=lambda s: s[0]):
            if page.lines and abs(page.lines[-1].baseline - y) < 2.0:
                line = page.lines[-1]
                line.top = min(line.top, y - ASCENT * size)
                line.bottom = max(line.bottom, y + DESCENT * size)
            else:
                line = Line(y - ASCENT * size, y + DESCENT * size, y)
                page.lines.append(line)
            line.text = (line.text + " " + shown.strip()).strip()
            if tag is not None:
                line.tags.append(tag)
        if page.lines:  # header and footer: artifacts above and below all of the body
            first, last = page.lines[0], page.lines[-1]
            page.header_bottom = _header_bottom(
                [(t, b) for t, b in frame if b < height / 4 and b < first.bottom])
            page.footer_top = min([t for t, b in frame if t > height * 3 / 4 and t > last.top],
                                  default=math.inf)
        pages.append(page)
    return pages


def _header_bottom(spans: list[tuple[float, float]]) -> float:
    """The bottom of the page header: the topmost run of artifacts with no gap over 3 mm (a
    table's header row repeated on the page is an artifact too, further down)."""
    bottom = 0.0
    for top, low in sorted(spans):
        if bottom and top - bottom > 3 * MM:
            break
        bottom = max(bottom, low)
    return bottom


def _is_heading(line: Line) -> bool:
    return bool(line.tags) and all(HEADINGS & set(tag.path) for tag in line.tags)


_LABEL = re.compile("^(?:" + "|".join(re.escape(label) for label in SIGNATURE_LABELS) + r")(?!\w)")


def _is_lead_in(line: Line) -> bool:
    return any((HEADINGS | LEAD_STYLES) & set(tag.path) for tag in line.tags)


def _is_closing(line: Line) -> bool:
    return bool(_LABEL.match(line.text)) or any(SIGNATURE_STYLES & set(tag.path) for tag in line.tags)


def check_pages(pages: list[Page]) -> list[Finding]:
    """Every breach of the rules on the pages of one document."""
    findings: list[Finding] = []
    rows: dict[int, set[int]] = {}
    written = [page for page in pages if page.lines]  # appended bilagor have no tagged text
    for page in written:
        last_page = page is written[-1]
        first, last = page.lines[0], page.lines[-1]
        if not last_page and _is_heading(last):
            findings.append(Finding("heading-ends-page", page.number, last.text))
        # a signature's name may stand above its title; a heading may lead in to signatures
        opening = [line for line in page.lines[:1 if _is_lead_in(first) else 2] if _is_closing(line)]
        if page.number > 1 and opening:
            findings.append(Finding("orphan-label", page.number, opening[0].text))
        if page.header_bottom and first.top - page.header_bottom < GAP_MM * MM:
            findings.append(Finding("header-gap", page.number,
                                    f"{(first.top - page.header_bottom) / MM:.1f} mm: {first.text}"))
        if page.footer_top < math.inf and page.footer_top - last.bottom < GAP_MM * MM:
            findings.append(Finding("footer-gap", page.number,
                                    f"{(page.footer_top - last.bottom) / MM:.1f} mm: {last.text}"))
        space = min(page.footer_top, page.height) - page.header_bottom
        fill = (last.bottom - first.top) / space if space > 0 else 1.0
        if not last_page and fill < MIN_FILL:
            findings.append(Finding("empty-page", page.number, f"{fill:.0%} filled: {first.text}"))
        for line in page.lines:
            for tag in line.tags:
                if tag.row is not None:
                    rows.setdefault(tag.row, set()).add(page.number)
    for row, numbers in rows.items():
        if len(numbers) > 1:
            findings.append(Finding("row-split", min(numbers), f"a table row on pages {sorted(numbers)}"))
    return findings


def check(pdf: Path) -> list[Finding]:
    """Every breach of the layout rules in one PDF (empty when it is publishable)."""
    return check_pages(read_pages(pdf))


def check_all(folder: Path) -> dict[Path, list[Finding]]:
    """The findings of every PDF under ``folder`` that has any, by file."""
    results = {pdf: check(pdf) for pdf in sorted(folder.rglob("*.pdf"))}
    return {pdf: found for pdf, found in results.items() if found}


def report(results: dict[Path, list[Finding]]) -> str:
    """The findings as lines of text, for an assertion's message."""
    return "\n".join(f"{pdf.name}: {finding}" for pdf, found in results.items() for finding in found)


def iter_findings(results: dict[Path, list[Finding]]) -> Iterable[tuple[Path, Finding]]:
    for pdf, found in results.items():
        for finding in found:
            yield pdf, finding


if __name__ == "__main__":  # python tests/layout_check.py FOLDER|PDF …
    import sys

    for arg in sys.argv[1:]:
        target = Path(arg)
        found = check_all(target) if target.is_dir() else {target: check(target)}
        print(report(found) or f"{arg}: no findings")
