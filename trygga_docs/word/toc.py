"""Innehållsförteckning: fill a Word file's table of contents from the PDF made of it.

A ``TOC`` field in a rendered Word file holds only a placeholder until Word updates it. When the
PDF is made too, LibreOffice has laid the document out and its bookmarks say on which page each
heading is; ``fill_toc_from_pdf`` writes those entries into the field's result, so the Word file
shows the same table of contents as the PDF without LibreOffice re-saving the Word file (which
loses picture titles and renames styles). The field stays marked dirty: Word still updates it
with its own page breaks.
"""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.generic import Destination

from trygga_docs.files import atomic_path

_LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')
_TOC_FIELD = re.compile(rb"<w:instrText[^>]*>\s*TOC\b")


def outline_entries(pdf: str | Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as ``(level, title, page)``, level 1 at the top, pages from 1.

    >>> outline_entries(Path("/nonexistent.pdf"))
    []
    """
    try:
        reader = PdfReader(str(pdf))
        outline = reader.outline
    except (OSError, ValueError):
        return []
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif isinstance(item, Destination):
                page = reader.get_destination_page_number(item)
                if page is not None:
                    found.append((level, str(item.title or ""), page + 1))

    walk(list(outline), 1)
    return found


def _heading_level(paragraph: Any, levels: dict[str, int]) -> int | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return levels.get(style.get(qn("w:val")) or "") if style is not None else None


def _style_ids(styles: Any) -> tuple[dict[str, int], dict[int, str]]:
    """Heading style id -> level (1-9), and level -> the ``toc N`` style id."""
    headings: dict[str, int] = {}
    toc: dict[int, str] = {}
    for style in styles.iter(qn("w:style")):
        name_el = style.find(qn("w:name"))
        name = (name_el.get(qn("w:val")) or "").lower() if name_el is not None else ""
        sid = style.get(qn("w:styleId")) or ""
        if (match := re.fullmatch(r"heading ([1-9])", name)):
            headings[sid] = int(match.group(1))
        elif (match := re.fullmatch(r"toc ([1-9])", name)):
            toc[int(match.group(1))] = sid
    return headings, toc


def _text(paragraph: Any) -> str:
    return re.sub(r"\s+", " ", "".join(t.text or "" for t in paragraph.iter(qn("w:t")))).strip()


def _run(child: Any) -> Any:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def _text_run(text: str) -> Any:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    return _run(t)


def fill_toc(document: Any, entries: list[tuple[int, str, int]]) -> int:
    """Write ``entries`` (from ``outline_entries``) into the ``TOC`` field of ``document`` (a
    python-docx ``Document``): one paragraph per heading the field covers, its bookmark title
    and page, in the ``toc N`` styles. Headings are matched to bookmarks in order by their text;
    nothing is written unless every heading the field covers is found. Returns the number of
    entries written."""
    body = document.element.body
    headings, toc_styles = _style_ids(document.styles.element)
    for instr in body.iter(qn("w:instrText")):
        if not (instr.text or "").strip().startswith("TOC"):
            continue
        first = instr.getparent().getparent()
        if first.tag != qn("w:p"):
            continue
        runs = list(first)
        begin = next((r for r in runs if r.find(qn("w:fldChar")) is not None and
                      r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "begin"), None)
        marks = [r.find(qn("w:fldChar")).get(qn("w:fldCharType")) for r in runs
                 if r.find(qn("w:fldChar")) is not None]
        if begin is None or marks != ["begin", "separate", "end"]:
            continue  # already filled, or a field over several paragraphs: left to Word
        levels = _LEVELS.search(instr.text or "")
        low, high = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 3)
        wanted = [(level, _text(p)) for p in body.iter(qn("w:p"))
                  if (level := _heading_level(p, headings)) is not None and low <= level <= high
                  and _text(p)]
        chosen: list[tuple[int, str, int]] = []
        pool = iter(entries)
        for level, text in wanted:
            match = next((e for e in pool if e[1] == text or e[1].endswith(" " + text)), None)
            if match is None:
                return 0
            chosen.append((level, match[1], match[2]))
        if not chosen:
            return 0
        head = [r for r in runs if r.tag != qn("w:pPr")]
        separate_at = next(i for i, r in enumerate(head)
                           if r.find(qn("w:fldChar")) is not None
                           and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "separate")
        opening, closing = head[:separate_at + 1], head[-1]
        paragraphs = []
        for n, (level, title, page) in enumerate(chosen):
            paragraph = OxmlElement("w:p")
            if level - low + 1 in toc_styles:  # the first level covered is "toc 1"
                ppr = OxmlElement("w:pPr")
                style = OxmlElement("w:pStyle")
                style.set(qn("w:val"), toc_styles[level - low + 1])
                ppr.append(style)
                paragraph.append(ppr)
            if n == 0:
                for run in opening:
                    paragraph.append(deepcopy(run))
            paragraph.append(_text_run(title))
            paragraph.append(_run(OxmlElement("w:tab")))
            paragraph.append(_text_run(str(page)))
            if n == len(chosen) - 1:
                paragraph.append(deepcopy(closing))
            paragraphs.append(paragraph)
        for paragraph in paragraphs:
            first.addprevious(paragraph)
        first.getparent().remove(first)
        return len(chosen)
    return 0


def fill_toc_from_pdf(docx: str | Path, pdf: str | Path) -> int:
    """Fill the table of contents of the Word file ``docx`` (in place) from the bookmarks of the
    PDF made of it; returns the number of entries (0: nothing to fill, file untouched)."""
    import zipfile

    import docx as python_docx

    with zipfile.ZipFile(docx) as archive:  # most documents have none: no parse for them
        if not _TOC_FIELD.search(archive.read("word/document.xml")):
            return 0
    document = python_docx.Document(str(docx))
    written = fill_toc(document, outline_entries(pdf))
    if written:
        with atomic_path(docx) as tmp:
            document.save(str(tmp))
    return written


__all__ = ["fill_toc", "fill_toc_from_pdf", "outline_entries"]
