"""A table of contents in long meeting documents: ``toc: true`` (or ``TOC_ITEMS`` items and more)
puts *Innehåll* with page numbers in the minutes, the advisory body's protocol (``kind:
protokoll``) and the sammanträdesprotokoll, filled by LibreOffice in the PDF and from the PDF's
bookmarks in the Word file; without it there is none; ``toc`` where no document takes one is a
located DataError."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

import trygga_docs
from trygga_docs.model.meeting import TOC_ITEMS
from trygga_docs.pdf import Converter
from trygga_docs.word.toc import outline_entries

from .conftest import EXAMPLES, broken

HOOR = "minnesanteckningar-2019-11-25.yaml"
COMMITTEE = "sammantraden-2025.yaml"


@pytest.fixture(scope="module")
def converter():
    with Converter(workers=1, timeout=120) as conv:
        yield conv


def _copy(tmp: Path, folder: str, name: str, *lines: str) -> Path:
    """The example ``folder`` copied (with its bilagor), ``lines`` added under ``type: meeting``."""
    target = tmp / folder
    shutil.copytree(EXAMPLES / folder, target)
    path = target / name
    text = path.read_text(encoding="utf-8")
    for line in lines:
        key = line.split(":")[0]
        if re.search(rf"^{key}:", text, re.M):
            text = re.sub(rf"^{key}:.*$", line, text, count=1, flags=re.M)
        else:
            text = text.replace("type: meeting\n", f"type: meeting\n{line}\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


CASES = {
    "minutes": ("hoor", HOOR, ("toc: true",), {}, 3),
    "advisory protocol": ("hoor", HOOR, ("toc: true", "kind: protokoll"), {}, 3),
    "sammanträdesprotokoll": ("trygghetsutskottet-2025", COMMITTEE, ("toc: true",),
                              {"meeting": "2025-01-20", "document": "protocol"}, 2),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def rendered(request, tmp_path_factory, converter) -> tuple[Path, Path, int]:
    folder, name, lines, options, level = CASES[request.param]
    tmp = tmp_path_factory.mktemp("toc")
    source = _copy(tmp, folder, name, *lines)
    out = tmp / "out" / "dokument"
    trygga_docs.render(trygga_docs.load(source), out, formats=["docx", "pdf"],
                       base_dir=source.parent, converter=converter, **options)
    return out.with_suffix(".docx"), out.with_suffix(".pdf"), level


def _item_headings(path: Path, level: int) -> list[str]:
    """The items' headings of a rendered Word file: its ``Heading <level>`` paragraphs, § or
    numbered."""
    return [p.text for p in docx.Document(str(path)).paragraphs
            if p.style.name == f"Heading {level}" and re.match(r"(§\u00a0)?\d+\.? ", p.text)]


def _plain(text: str) -> str:
    """``text`` with its no-break spaces (after §) as plain ones: a PDF's font reads them back
    as either."""
    return text.replace("\u00a0", " ")


def test_the_pdf_table_of_contents_lists_every_item_on_its_page(rendered):
    word, pdf, level = rendered
    pages = [_plain(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    toc_page = next(i for i, text in enumerate(pages) if re.search(r"^Innehåll$", text, re.M))
    headings = _item_headings(word, level)
    assert len(headings) >= 5
    outline = [(entry_level, _plain(title), page) for entry_level, title, page
               in outline_entries(pdf)]
    for heading in map(_plain, headings):
        # the page the heading stands on: the last with it as a line (a row of the protocol's
        # list of items, *Ärenden*, comes before the heading), which is its bookmark's page
        page = max(i for i in range(toc_page, len(pages)) if
                   re.search(rf"^{re.escape(heading)}$", pages[i], re.M)) + 1
        assert (level, heading, page) in outline
        assert re.search(rf"{re.escape(heading)}\.+\s*{page}\b", pages[toc_page]), heading
    # the document's title and the headings above the items are not items: none in the list
    assert not re.search(r"^(Dagordning|Trygghetsutskottet|Trygghetsrådet.*)\.{3,}",
                         pages[toc_page], re.M)


def test_the_word_table_of_contents_holds_the_same_entries(rendered):
    word, pdf, level = rendered
    document = docx.Document(str(word))
    entries = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    pages = {heading: page for _, heading, page in outline_entries(pdf)}
    assert [e for e in entries if e.split("\t")[0] in _item_headings(word, level)] == [
        f"{h}\t{pages[h]}" for h in _item_headings(word, level)]
    instructions = [i.text for i in document.element.body.iter(qn("w:instrText"))]
    assert any(f'TOC \\o "{level}-{level}"' in (i or "") for i in instructions)


def test_without_toc_the_documents_have_none(tmp_path):
    for folder, name, options in (("hoor", HOOR, {}),
                                  ("trygghetsutskottet-2025", COMMITTEE,
                                   {"meeting": "2025-01-20", "document": "protocol"})):
        out = tmp_path / folder
        trygga_docs.render(trygga_docs.load(EXAMPLES / folder / name), out, formats=["docx"],
                           **options)
        document = docx.Document(str(out.with_suffix(".docx")))
        assert "Innehåll" not in [p.text for p in document.paragraphs]
        assert not any("TOC" in (i.text or "")
                       for i in document.element.body.iter(qn("w:instrText")))


def test_from_toc_items_on_a_meeting_has_one_unless_it_says_toc_false(tmp_path):
    items = "".join(f"  - title: Punkt {n}\n" for n in range(1, TOC_ITEMS + 1))
    head = ("type: meeting\nissuer: Exempelby kommun\nbody: Trygghetsrådet\ndate: 2025-03-10\n"
            "start: \"13.00\"\nend: \"15.00\"\nplace: Kommunhuset\n"
            "participants:\n  - name: Anna Ek\n")
    for extra, shorter, expected in (("", False, True), ("", True, False),
                                     ("toc: false\n", False, False), ("toc: true\n", True, True)):
        path = tmp_path / "m.yaml"
        listed = items if not shorter else "".join(items.splitlines(True)[:TOC_ITEMS - 1])
        path.write_text(head + extra + "items:\n" + listed, encoding="utf-8")
        data = trygga_docs.load(path)
        meeting = data.series.meetings[0]
        assert meeting.has_toc is expected, (extra, shorter)
        out = tmp_path / "m.docx"
        trygga_docs.render(data, out, formats=["docx"])
        assert ("Innehåll" in [p.text for p in docx.Document(str(out)).paragraphs]) is expected


def test_toc_where_no_document_takes_one_is_a_located_error(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("type: meeting\nissuer: Exempelby kommun\nbody: Trygghetsrådet\n"
                    "date: 2025-03-10\nstart: \"13.00\"\nend: \"15.00\"\nplace: Kommunhuset\n"
                    "participants:\n  - name: Anna Ek\nitems:\n  - title: Belysning\n"
                    "    toc: true\n", encoding="utf-8")
    error = broken(path)
    assert error.path == "items[0].toc" and error.line == 12
    assert "only a meeting's minutes and protocol take" in error.message
