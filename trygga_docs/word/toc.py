"""Innehållsförteckning: fill a Word file's table of contents from the PDF made of it.

A ``TOC`` field in a rendered Word file holds only a placeholder until Word updates it. When the
PDF is made (for the user, or in the background for a Word file rendered alone), LibreOffice has
laid the document out and its bookmarks say on which page each heading is; ``fill_toc_from_pdf``
writes those entries into the field's result, so the Word file shows the same table of contents
as the PDF without LibreOffice re-saving the Word file (which loses picture titles and renames
styles). Without a PDF, ``fill_toc_without_pages`` writes the entries from the headings (their
numbers and text) with empty page numbers. Each entry links to a bookmark on its heading and
holds its page as a ``PAGEREF`` field, as Word writes its own; the fields stay marked dirty, so
Word updates them with its own page breaks when it opens the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from trygga_docs.files import atomic_path

_LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')
_TOC_FIELD = re.compile(rb"<w:instrText[^>]*>\s*TOC\b")


def outline_entries(pdf: str | Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as ``(level, title, page)``, level 1 at the top, pages from 1.

    >>> outline_entries(Path("/nonexistent.pdf"))
    []
    """
    from pypdf import PdfReader  # imported here: a Word file without a PDF does not pay for it
    from pypdf.generic import Destination

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
    """A paragraph's text as written (no-break spaces kept: the entry shows it so)."""
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()


def _plain(text: str) -> str:
    """Text for comparing a heading with a bookmark: any run of spaces (no-break too) as one
    space and no word joiners, as the PDF and the Word file may differ in them."""
    return re.sub(r"\s+", " ", text.replace("\u2060", "")).strip()


def _run(child: Any) -> Any:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def _text_run(text: str) -> Any:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    return _run(t)


def _field(instruction: str, result: str | None) -> list[Any]:
    """The runs of a complex field marked for update: begin, instruction, separate, the cached
    ``result`` (none: empty), end."""
    def mark(kind: str) -> Any:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")
        return _run(char)

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    result_runs = [_text_run(result)] if result else []
    return [mark("begin"), _run(instr), mark("separate"), *result_runs, mark("end")]


def _bookmark(paragraph: Any, name: str, number: int) -> None:
    """Put the bookmark ``name`` around the text of ``paragraph`` (a heading), as Word marks
    the headings its table of contents points to."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


def _bookmarks(body: Any, count: int) -> list[tuple[str, int]]:
    """``count`` new bookmark names (``_Toc…``, hidden in Word) and ids, unused in ``body``."""
    names = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    ids = [int(i) for b in body.iter(qn("w:bookmarkStart"))
           if (i := b.get(qn("w:id")) or "").isdigit()]
    free = (n for n in range(1, 10 ** 6) if f"_Toc{n:09d}" not in names)
    first = max(ids, default=0) + 1
    return [(f"_Toc{next(free):09d}", first + k) for k in range(count)]


def _numbering(document: Any) -> tuple[dict[str, dict[int, tuple[str, str, int]]], dict[str, Any]]:
    """The list definitions a heading's number comes from: numId -> level -> (format, text such
    as ``%1.%2``, start); and style id -> its ``w:numPr`` (following ``basedOn``)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}, {}
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for definition in numbering.iter(qn("w:abstractNum")):
        levels = {}
        for lvl in definition.iter(qn("w:lvl")):
            values = {tag: (el.get(qn("w:val")) if (el := lvl.find(qn(f"w:{tag}"))) is not None
                            else None) for tag in ("numFmt", "lvlText", "start")}
            levels[int(lvl.get(qn("w:ilvl")) or 0)] = (
                values["numFmt"] or "decimal", values["lvlText"] or "",
                int(values["start"] or 1))
        abstract[definition.get(qn("w:abstractNumId")) or ""] = levels
    lists = {}
    for num in numbering.iter(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            lists[num.get(qn("w:numId")) or ""] = abstract.get(ref.get(qn("w:val")) or "", {})
    styles = {style.get(qn("w:styleId")) or "": style
              for style in document.styles.element.iter(qn("w:style"))}

    def num_pr(style_id: str, seen: frozenset[str] = frozenset()) -> Any:
        style = styles.get(style_id)
        if style is None or style_id in seen:
            return None
        found = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if found is not None:
            return found
        based = style.find(qn("w:basedOn"))
        return num_pr(based.get(qn("w:val")) or "", seen | {style_id}) if based is not None else None

    return lists, {sid: pr for sid in styles if (pr := num_pr(sid)) is not None}


def _heading_numbers(document: Any, headings: list[Any]) -> dict[int, str]:
    """The number Word shows before each of ``headings`` (``1.``, ``3.12``) when its style or
    paragraph is in a decimal list: every numbered paragraph of the body is counted, as Word
    counts them. Headings without one (or with another format) are left out."""
    lists, style_numbering = _numbering(document)
    if not lists:
        return {}
    wanted = {id(p) for p in headings}
    counters: dict[str, list[int]] = {}
    found: dict[int, str] = {}
    for paragraph in document.element.body.iter(qn("w:p")):
        pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if pr is None:
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            pr = style_numbering.get(style.get(qn("w:val")) or "") if style is not None else None
        if pr is None:
            continue
        num_id = pr.find(qn("w:numId"))
        ilvl = pr.find(qn("w:ilvl"))
        key = num_id.get(qn("w:val")) or "" if num_id is not None else ""
        level = int(ilvl.get(qn("w:val")) or 0) if ilvl is not None else 0
        levels = lists.get(key)
        if not levels or level not in levels:
            continue
        counts = counters.setdefault(key, [levels.get(k, ("", "", 1))[2] - 1 for k in range(9)])
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        if id(paragraph) not in wanted:
            continue
        text = levels[level][1]
        used = [int(k) - 1 for k in re.findall(r"%([1-9])", text)]
        if all(levels.get(k, ("",))[0] == "decimal" for k in used):
            for k in used:
                text = text.replace(f"%{k + 1}", str(counts[k]))
            found[id(paragraph)] = text
    return found


def fill_toc(document: Any, entries: list[tuple[int, str, int]] | None) -> int:
    """Write ``entries`` (from ``outline_entries``) into the ``TOC`` field of ``document`` (a
    python-docx ``Document``): one paragraph per heading the field covers, its bookmark title
    and page, in the ``toc N`` styles. Headings are matched to bookmarks in order by their text;
    nothing is written unless every heading the field covers is found. ``entries`` None: the
    headings' own numbers and text, with empty page numbers for Word to fill. Each entry links
    to a bookmark put on its heading, its page a ``PAGEREF`` field. Returns the number of
    entries written.

    >>> import docx
    >>> fill_toc(docx.Document(), None)  # no table of contents: nothing to fill
    0
    """
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
        wanted = [(level, _text(p), p) for p in body.iter(qn("w:p"))
                  if (level := _heading_level(p, headings)) is not None and low <= level <= high
                  and _text(p)]
        chosen: list[tuple[int, str, int | None, Any]] = []
        if entries is None:
            numbers = _heading_numbers(document, [p for _, _, p in wanted])
            chosen = [(level, f"{numbers[id(p)]} {text}" if id(p) in numbers else text, None, p)
                      for level, text, p in wanted]
        else:
            pool = iter(entries)
            for level, text, heading in wanted:
                match = next((e for e in pool if _plain(e[1]) == _plain(text)
                              or _plain(e[1]).endswith(" " + _plain(text))), None)
                if match is None:
                    return 0
                chosen.append((level, match[1], match[2], heading))
        if not chosen:
            return 0
        links = "\\h" in (instr.text or "")
        head = [r for r in runs if r.tag != qn("w:pPr")]
        separate_at = next(i for i, r in enumerate(head)
                           if r.find(qn("w:fldChar")) is not None
                           and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "separate")
        opening, closing = head[:separate_at + 1], head[-1]
        paragraphs = []
        for n, ((level, title, page, heading), (name, number)) in enumerate(
                zip(chosen, _bookmarks(body, len(chosen)))):
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
            _bookmark(heading, name, number)
            entry = OxmlElement("w:hyperlink") if links else paragraph
            if links:
                entry.set(qn("w:anchor"), name)
                entry.set(qn("w:history"), "1")
                paragraph.append(entry)
            entry.append(_text_run(title))
            entry.append(_run(OxmlElement("w:tab")))
            for run in _field(f" PAGEREF {name} \\h ", None if page is None else str(page)):
                entry.append(run)
            if n == len(chosen) - 1:
                paragraph.append(deepcopy(closing))
            paragraphs.append(paragraph)
        for paragraph in paragraphs:
            first.addprevious(paragraph)
        first.getparent().remove(first)
        return len(chosen)
    return 0


def _fill_in_place(docx: str | Path,
                   entries: Callable[[], list[tuple[int, str, int]] | None]) -> int:
    """``fill_toc`` on the Word file ``docx``, saved in place when anything was written, with
    the ``entries`` asked for only when it has a table of contents (most documents have none:
    no parse for them)."""
    import docx as python_docx

    if not has_toc(docx):
        return 0
    document = python_docx.Document(str(docx))
    written = fill_toc(document, entries())
    if written:
        with atomic_path(docx) as tmp:
            document.save(str(tmp))
    return written


def fill_toc_from_pdf(docx: str | Path, pdf: str | Path) -> int:
    """Fill the table of contents of the Word file ``docx`` (in place) from the bookmarks of the
    PDF made of it; returns the number of entries (0: nothing to fill, file untouched)."""
    return _fill_in_place(docx, lambda: outline_entries(pdf))


def has_toc(docx: str | Path) -> bool:
    """Whether the Word file ``docx`` has a ``TOC`` field (read without parsing the document)."""
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        return bool(_TOC_FIELD.search(archive.read("word/document.xml")))


def fill_toc_without_pages(docx: str | Path) -> int:
    """Fill the table of contents of the Word file ``docx`` (in place) from its headings alone,
    with empty page numbers that Word fills when it opens the file; returns the number of
    entries (0: nothing to fill, file untouched)."""
    return _fill_in_place(docx, lambda: None)


__all__ = ["fill_toc", "fill_toc_from_pdf", "fill_toc_without_pages", "has_toc", "outline_entries"]
