"""The agreement as PDF through a real LibreOffice: archival, tagged, Swedish, with a filled TOC."""

from __future__ import annotations

import os
import re
import subprocess

import docx
from docx.oxml.ns import qn
import pypdf
import pytest

import trygga_docs

from .conftest import CLI, HOOR_AGREEMENT


def soffice_processes(marker: str) -> list[str]:
    found = subprocess.run(["pgrep", "-f", f"soffice.bin.*{marker}"], capture_output=True,
                           text=True).stdout
    return found.split()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    result = subprocess.run([*CLI, "render", str(HOOR_AGREEMENT), "--out", str(folder / "avtal"),
                             "--format", "docx,pdf", "--fill-toc"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return folder


def test_pdf_text_keeps_the_swedish_characters(rendered):
    reader = pypdf.PdfReader(rendered / "avtal.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for key in ("Samverkansöverenskommelse mellan Polisen och Höörs kommun", "Övergripande mål",
                "Trygga Höör krisstöd (POSOM)", "Skadegörelse och klotter",
                "Gäller 22 december 2016 – 31 december 2019"):
        assert key in text


def test_pdf_is_tagged_pdfa_2b_in_swedish_with_metadata(rendered):
    reader = pypdf.PdfReader(rendered / "avtal.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv-SE"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")2", xmp)
    assert reader.metadata.title.startswith("Trygga Höör – Samverkansöverenskommelse")


def test_pdf_bookmarks_follow_the_headings(rendered):
    reader = pypdf.PdfReader(rendered / "avtal.pdf")

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title
    found = list(titles(reader.outline))
    assert "1. Övergripande mål" in found
    assert any(t.endswith("Kommunikationsstrategi") for t in found)
    assert "4. Beslut" in found


def test_toc_page_shows_page_numbers_and_footer_counts_pages(rendered):
    reader = pypdf.PdfReader(rendered / "avtal.pdf")
    toc = reader.pages[1].extract_text()
    assert re.search(r"Övergripande mål\.+\s*3", toc)
    assert re.search(r"Beslut\.+\s*\d+", toc)
    last = reader.pages[-1].extract_text()
    assert f"Sida {len(reader.pages)} ({len(reader.pages)})" in last


def test_fill_toc_gives_word_users_a_filled_table_of_contents(rendered):
    body = docx.Document(str(rendered / "avtal.docx")).element.body
    # the filled TOC sits in a content control and hyperlinks, which python-docx's
    # Document.paragraphs does not list; read every paragraph's runs instead
    lines = ["".join("\t" if el.tag == qn("w:tab") else el.text or "" for el in p.iter(qn("w:t"), qn("w:tab")))
             .strip() for p in body.iter(qn("w:p"))]
    assert "1. Övergripande mål\t3" in lines
    assert any(re.fullmatch(r"3\.12 Kommunikationsstrategi\t\d+", line) for line in lines)


def test_plain_pdf_on_request_and_no_libreoffice_left_behind(tmp_path):
    own_tmp = tmp_path / "tmp"  # LibreOffice's profile goes here, so only ours is counted
    own_tmp.mkdir()
    result = subprocess.run([*CLI, "render", str(HOOR_AGREEMENT), "--out", str(tmp_path / "a.pdf"),
                             "--no-pdfa"], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "TMPDIR": str(own_tmp)})
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(tmp_path / "a.pdf")
    metadata = reader.trailer["/Root"].get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8") if metadata else ""
    assert "pdfaid" not in xmp
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert soffice_processes(str(own_tmp)) == []
    assert list(own_tmp.iterdir()) == []


def test_no_page_starts_with_an_areas_list_of_sources(rendered):
    """A source list stays with the end of its area's text instead of opening the next page."""
    agreement = trygga_docs.load(HOOR_AGREEMENT)
    sources = [" ".join(s.text.split())[:40] for s in agreement.sources]
    assert len(sources) >= 2
    reader = pypdf.PdfReader(rendered / "avtal.pdf")
    for number, page in enumerate(reader.pages[2:], start=3):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        first = " ".join(lines[1].split())  # lines[0] is the page header
        first_text = first.split(" ", 1)[-1]  # past the source number
        assert not any(first_text.startswith(s[:30]) for s in sources), (number, first)
