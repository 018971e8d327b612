"""A Word file rendered alone has its table of contents filled too (issue 16.2), in the ``toc N``
styles the template names: by default from its headings, at no cost, with page numbers Word fills
in when it opens the file (``PAGEREF`` fields marked for update); with ``fill_toc``/``--fill-toc``
with the page numbers of a layout LibreOffice makes in the background, and without LibreOffice
one warning line says the pages are left to Word. A document without a table of contents starts
no LibreOffice."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import trygga_docs
from trygga_docs.pdf import Converter
from trygga_docs.style import load_style
from trygga_docs.word.toc import outline_entries

from .conftest import CLI, EXAMPLES, HOOR_AGREEMENT
from .test_word_schema import schema_errors

NO_LIBREOFFICE = {**os.environ, "TRYGGA_DOCS_SOFFICE": "/nonexistent/soffice"}


@pytest.fixture(scope="module")
def converter():
    with Converter(workers=1) as conv:
        yield conv


def entries(path: Path) -> list[tuple[str, str, str, str]]:
    """The table of contents of a Word file: each entry's style name, its text and page (split at
    the tab), and the bookmark its ``PAGEREF`` field names."""
    document = docx.Document(str(path))
    found = []
    for paragraph in document.paragraphs:
        instructions = " ".join(i.text or "" for i in paragraph._p.iter(qn("w:instrText")))
        pageref = re.search(r"PAGEREF (\S+)", instructions)
        if paragraph.style.name.lower().startswith("toc ") and pageref:
            text, _, page = paragraph.text.partition("\t")
            found.append((paragraph.style.name, text, page, pageref.group(1)))
    return found


def bookmarked_headings(path: Path) -> dict[str, str]:
    """Bookmark name -> the text of the heading it marks."""
    document = docx.Document(str(path))
    return {start.get(qn("w:name")): paragraph.text for paragraph in document.paragraphs
            if paragraph.style.name.startswith("Heading")
            for start in paragraph._p.iter(qn("w:bookmarkStart"))}


def test_the_agreement_rendered_to_word_alone_has_its_entries_and_page_numbers(tmp_path,
                                                                              converter):
    (alone,) = trygga_docs.render(trygga_docs.load(HOOR_AGREEMENT), tmp_path / "avtal.docx",
                                  converter=converter, fill_toc=True)
    # the pages LibreOffice gives the headings when the PDF is made for the user
    trygga_docs.render(trygga_docs.load(HOOR_AGREEMENT), tmp_path / "med-pdf" / "avtal",
                       formats=["docx", "pdf"], converter=converter)
    pages = [(title, str(page)) for level, title, page in
             outline_entries(tmp_path / "med-pdf" / "avtal.pdf") if level <= 2]
    found = entries(alone)
    assert [(text, page) for _, text, page, _ in found] == pages
    assert found[0][1:3] == ("1. Övergripande mål", "3")
    assert ("3.12 Kommunikationsstrategi", pages[-2][1]) == found[-2][1:3]
    # each entry points at its heading
    headings = bookmarked_headings(alone)
    assert all(text.endswith(" " + headings[name]) for _, text, _, name in found)
    # in the styles the template names them, not LibreOffice's (Contents 1)
    template = docx.Document(str(load_style(None).template("agreement")))
    names = {s.name for s in template.styles}
    assert {style for style, *_ in found} == {"toc 1", "toc 2"} <= names
    assert not any(s.name.startswith("Contents") for s in docx.Document(str(alone)).styles)


@pytest.mark.parametrize("fill_toc", [False, True], ids=["default", "fill-toc"])
def test_without_a_layout_the_entries_have_no_page_numbers_until_word_opens_the_file(tmp_path,
                                                                                    fill_toc):
    """By default no LibreOffice is asked and nothing is said; asked for (``--fill-toc``) where
    there is none, one warning line says the pages are left to Word."""
    out = tmp_path / "avtal.docx"
    run = subprocess.run([*CLI, "render", str(HOOR_AGREEMENT), "--out", str(out),
                          *(["--fill-toc"] if fill_toc else [])],
                         capture_output=True, text=True, timeout=300, env=NO_LIBREOFFICE)
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.strip()]
    if fill_toc:
        assert len(warnings) == 1 and "without page numbers" in warnings[0], run.stderr
    else:
        assert warnings == [], run.stderr
    found = entries(out)
    assert len(found) > 10 and all(page == "" for _, _, page, _ in found)
    assert found[0][1] == "1. Övergripande mål" and found[-1][1] == "4. Beslut"
    document = docx.Document(str(out))
    dirty = [c for c in document.element.body.iter(qn("w:fldChar"))
             if c.get(qn("w:fldCharType")) == "begin"]
    assert all(c.get(qn("w:dirty")) == "true" for c in dirty)  # Word updates them on opening
    assert schema_errors(out) == []  # bookmarks, links and empty PAGEREF fields as Word takes them


def test_a_document_without_a_table_of_contents_starts_no_libreoffice(tmp_path):
    minutes = EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"
    run = subprocess.run([*CLI, "render", str(minutes), "--out", str(tmp_path / "a.docx")],
                         capture_output=True, text=True, timeout=300, env=NO_LIBREOFFICE)
    assert run.returncode == 0 and run.stderr.strip() == "", run.stderr  # no warning: not tried
    assert entries(tmp_path / "a.docx") == []


def test_a_protocol_rendered_to_word_alone_lists_its_items_with_their_pages(tmp_path, converter):
    """Long minutes and protocols have a table of contents too (``toc: true``); its headings
    (``§`` and number joined by a no-break space) are found among the PDF's bookmarks however
    the PDF spaces them."""
    source = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"
    data = tmp_path / "sammantraden.yaml"
    data.write_text(source.read_text(encoding="utf-8").replace(
        "type: meeting\n", "type: meeting\ntoc: true\n", 1), encoding="utf-8")
    year = trygga_docs.load(data, attachments_dir=source.parent)
    (alone,) = trygga_docs.render(year, tmp_path / "protokoll.docx", document="protocol",
                                  meeting="2025-01-20", base_dir=source.parent,
                                  converter=converter, fill_toc=True)
    trygga_docs.render(year, tmp_path / "med-pdf" / "protokoll", formats=["docx", "pdf"],
                       document="protocol", meeting="2025-01-20", base_dir=source.parent,
                       converter=converter)
    found = entries(alone)
    items = [(text, page) for _, text, page, _ in found if text.startswith("§")]
    assert len(items) >= 5 and all(page.isdigit() for _, page in items)
    assert [(text, page) for _, text, page, _ in found] == [
        (text, page) for _, text, page, _ in entries(tmp_path / "med-pdf" / "protokoll.docx")]
