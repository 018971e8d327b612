"""PDF output through a real LibreOffice: archival, accessible, with a filled table of contents.

No mocks and no skips: when LibreOffice is missing these tests fail, as CI must. The Word inputs
are built here with python-docx (Heading 1 styles, Swedish text, a TOC field and PAGE/NUMPAGES
fields written as field XML, the document language set in styles.xml).
"""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from pypdf import PdfReader, PdfWriter

from trygga_docs.errors import ConversionError, DataError
from trygga_docs.pdf.convert import (
    Converter,
    PdfJob,
    PdfOptions,
    append_attachments,
    check_attachments,
    convert,
    find_soffice,
)
from trygga_docs.pdf.meta import ensure_metadata, xmp_summary

REPO = Path(__file__).resolve().parents[1]

HEADINGS = [f"§ {n} {topic}" for n, topic in enumerate([
    "Trygghetsvandring på Ågatan – åtgärder",
    "Lägesbild från lokalpolisområdet",
    "Skadegörelse vid Höörs station",
    "Belysning i Ekparken – förslag",
    "Medborgarlöften 2019 – uppföljning",
    "Övriga frågor och nästa möte",
], start=1)]

BODY = ("Rådet diskuterade läget i Höörs centrum. Polisen redovisade statistik över skadegörelse, "
        "och kommunen berättade om belysningen vid stationen – ökad närvaro behövs på "
        "fredagskvällar. ")

TOC_PLACEHOLDER = "Högerklicka för att uppdatera innehållsförteckningen"


# -- building Word inputs ----------------------------------------------------------------------

def _set_document_language(doc, lang: str) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)


def _field(paragraph, instruction: str | list[str], shown: str) -> None:
    """A complex field (begin / instrText / separate / result / end), as Word writes it; a list
    of instruction pieces goes into one instrText each, as Word sometimes splits them."""
    def fld_char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    fld_char("begin")
    for piece in [f" {instruction} "] if isinstance(instruction, str) else instruction:
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = piece
        paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run(shown)
    fld_char("end")


def make_minutes_docx(path: Path, *, lang: str = "sv-SE", headings=HEADINGS,
                      paragraphs: int = 5) -> Path:
    """Minnesanteckningar with a TOC field, headings and a 'Sida X (Y)' header."""
    doc = Document()
    _set_document_language(doc, lang)
    header = doc.sections[0].header.paragraphs[0]
    header.add_run("Minnesanteckningar 2019-11-25   Sida ")
    _field(header, "PAGE", "1")
    header.add_run(" (")
    _field(header, "NUMPAGES", "1")
    header.add_run(")")
    doc.add_paragraph("Minnesanteckningar – Trygghetsrådet i Höör", style="Title")
    doc.add_paragraph("Innehåll")
    _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', TOC_PLACEHOLDER)
    for heading in headings:
        doc.add_heading(heading, level=1)
        for _ in range(paragraphs):
            doc.add_paragraph(BODY * 3)
        table = doc.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = ["Åtgärd", "Ansvarig", "Klart"][c] if r == 0 else f"Punkt {r}.{c} – ök"
    doc.save(path)
    return path


def make_png(path: Path, size: int = 4) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * size for _ in range(size))
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def make_attachment_pdf(path: Path, pages: int = 2) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


# -- reading PDFs -------------------------------------------------------------------------------

def outline_titles(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every bookmark."""
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


# -- processes ------------------------------------------------------------------------------------

def _proc_stat(pid: str) -> tuple[str, int] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()
    return fields[0], int(fields[2])  # state, process group


def live_in_groups(pgids) -> list[int]:
    """Live (non-zombie) processes in any of the process groups."""
    pgids = set(pgids)
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _proc_stat(entry)
            if st and st[0] != "Z" and st[1] in pgids:
                found.append(int(entry))
    return found


def soffice_processes(marker: str = "") -> list[int]:
    """Live soffice/oosplash/soffice.bin processes whose command line contains ``marker``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        st = _proc_stat(entry)
        if st and st[0] != "Z" and ("soffice" in cmd or "oosplash" in cmd) and marker in cmd:
            found.append(int(entry))
    return found


def soffice_bin_in(pgids) -> list[int]:
    out = []
    for pid in live_in_groups(pgids):
        try:
            if b"soffice.bin" in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.append(pid)
        except OSError:
            pass
    return out


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


# -- fixtures ---------------------------------------------------------------------------------

OPTIONS = PdfOptions(title="Minnesanteckningar Trygghetsrådet 2019-11-25",
                     author="Åsa Öberg, trygghetssamordnare", subject="Trygghetsrådet i Höör",
                     keywords=("trygghet", "Höör", "brottsförebyggande"))


@pytest.fixture(scope="module")
def converter():
    with Converter(workers=2, timeout=60) as conv:
        yield conv


@pytest.fixture(scope="module")
def minutes(tmp_path_factory, converter):
    """One converted set of minutes (PDF + updated DOCX) that several tests read."""
    d = tmp_path_factory.mktemp("minutes")
    docx = make_minutes_docx(d / "minnesanteckningar-2019-11-25.docx")
    pdf = converter.convert(docx, d / "minnesanteckningar å ä ö.pdf", OPTIONS,
                            updated_docx=d / "uppdaterad.docx")
    return pdf, d / "uppdaterad.docx"


# -- archival and accessible --------------------------------------------------------------------

def test_finds_libreoffice_and_fails_with_install_hint_when_pointed_nowhere(monkeypatch):
    assert find_soffice().is_file()
    monkeypatch.setenv("TRYGGA_DOCS_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(ConversionError, match="apt-get install libreoffice-writer-nogui"):
        find_soffice()
    with pytest.raises(ConversionError, match="brew install --cask libreoffice"):
        Converter()


def test_pdf_keeps_swedish_text_intact(minutes):
    pdf, _ = minutes
    text = " ".join(" ".join(page_texts(pdf)).split())
    for expected in ("Minnesanteckningar – Trygghetsrådet i Höör", "Skadegörelse vid Höörs station",
                     "Belysning i Ekparken – förslag", "Övriga frågor och nästa möte",
                     "Åtgärd", "ökad närvaro"):
        assert expected in text


def test_pdf_is_tagged_with_structure_tree_and_swedish_language(minutes):
    pdf, _ = minutes
    root = PdfReader(pdf).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv-SE"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_pdf_claims_pdfa_2b_and_carries_metadata_in_info_and_xmp(minutes):
    pdf, _ = minutes
    info = PdfReader(pdf).metadata
    assert info["/Title"] == OPTIONS.title
    assert info["/Author"] == OPTIONS.author
    assert info["/Subject"] == OPTIONS.subject
    assert info["/Keywords"] == "trygghet, Höör, brottsförebyggande"
    xmp = xmp_summary(pdf)
    assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
    assert {k: xmp[k] for k in ("/Title", "/Author", "/Subject", "/Keywords")} == {
        k: info[k] for k in ("/Title", "/Author", "/Subject", "/Keywords")}


def test_bookmarks_follow_the_headings(minutes):
    pdf, _ = minutes
    assert [t for _, t, _ in outline_titles(PdfReader(pdf))] == HEADINGS


def test_table_of_contents_shows_the_right_page_numbers(minutes):
    pdf, _ = minutes
    pages = page_texts(pdf)
    assert TOC_PLACEHOLDER not in pages[0]
    toc = {}
    for line in pages[0].splitlines():
        m = re.match(r"(§ \d+ .+?)[ .…]*(\d+)$", line.strip())
        if m:
            toc[m.group(1).rstrip(" .")] = int(m.group(2))
    assert list(toc) == HEADINGS
    actual = {h: next(n for n, text in enumerate(pages, 1)
                      if any(line.strip() == h for line in text.splitlines()))
              for h in HEADINGS}
    assert toc == actual
    assert len(set(actual.values())) > 2  # the headings really are spread over pages


def toc_entries(pages: list[str]) -> dict[str, int]:
    toc = {}
    for text in pages:
        for line in text.splitlines():
            m = re.match(r"(§ \d+ .+?)[ .…]*\.{3,}[ .…]*(\d+)$", line.strip())
            if m:
                toc[m.group(1).rstrip(" .")] = int(m.group(2))
    return toc


def test_table_of_contents_spanning_pages_pushes_headings_and_still_numbers_right(
        tmp_path, converter):
    headings = [f"§ {n} Ärende {n} – Höör" for n in range(1, 41)]
    docx = make_minutes_docx(tmp_path / "lang-innehall.docx", headings=headings, paragraphs=1)
    pages = page_texts(converter.convert(docx, tmp_path / "lang-innehall.pdf", OPTIONS))
    toc = toc_entries(pages)
    assert list(toc) == headings
    actual = {h: next(n for n, text in enumerate(pages, 1)
                      if any(line.strip() == h for line in text.splitlines()))
              for h in headings}
    assert toc == actual
    assert actual[headings[0]] >= 2  # the filled table of contents pushed § 1 onwards


def test_page_header_says_sida_x_of_y_on_every_page(minutes):
    pdf, _ = minutes
    pages = page_texts(pdf)
    assert len(pages) >= 4
    for n, text in enumerate(pages, 1):
        assert f"Sida {n} ({len(pages)})" in text


def test_updated_docx_holds_the_filled_table_of_contents_for_word_users(minutes):
    _, updated = minutes
    xml = zipfile.ZipFile(updated).read("word/document.xml").decode("utf-8")
    assert TOC_PLACEHOLDER not in xml
    body = re.sub(r"<[^>]+>", "", xml)
    for heading in HEADINGS:
        assert body.count(heading) >= 2  # once in the table of contents, once as heading


def test_template_left_in_english_still_gets_swedish_pdf_language(tmp_path, converter):
    docx = make_minutes_docx(tmp_path / "engelsk-mall.docx", lang="en-US", headings=HEADINGS[:2],
                             paragraphs=1)
    pdf = converter.convert(docx, tmp_path / "ut.pdf", OPTIONS)
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    xmp = xmp_summary(pdf)
    assert xmp["pdfaid:part"] == "2"
    assert xmp["/Title"] == reader.metadata["/Title"] == OPTIONS.title


def test_plain_pdf_when_pdf_a_is_turned_off_still_tagged_with_metadata(tmp_path, converter):
    docx = make_minutes_docx(tmp_path / "vanlig.docx", headings=HEADINGS[:2], paragraphs=1)
    pdf = converter.convert(docx, tmp_path / "vanlig.pdf", PdfOptions(pdf_a=False, title="Vanlig"))
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"].value is True
    xmp = xmp_summary(pdf)
    assert "pdfaid:part" not in xmp
    assert xmp["/Title"] == reader.metadata["/Title"] == "Vanlig"


def test_metadata_repair_rewrites_info_and_xmp_together_and_keeps_the_pdfa_claim(
        tmp_path, minutes):
    pdf = tmp_path / "lagad.pdf"
    pdf.write_bytes(minutes[0].read_bytes())
    assert ensure_metadata(pdf, lang="sv-SE", info={"/Title": "Ny titel – Höör",
                                                     "/Keywords": "BRÅ, trygghet"})
    reader = PdfReader(pdf)
    assert reader.metadata["/Title"] == "Ny titel – Höör"
    assert reader.xmp_metadata.dc_title == {"x-default": "Ny titel – Höör"}  # well-formed XMP
    xmp = xmp_summary(pdf)
    assert (xmp["/Title"], xmp["/Keywords"], xmp["/Author"]) == (
        "Ny titel – Höör", "BRÅ, trygghet", OPTIONS.author)
    assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "B")
    assert not ensure_metadata(pdf, lang="sv-SE", info={"/Title": "Ny titel – Höör"})


def test_missing_title_falls_back_to_the_file_name(tmp_path, converter):
    docx = make_minutes_docx(tmp_path / "utan-titel.docx", headings=HEADINGS[:1], paragraphs=1)
    pdf = converter.convert(docx, tmp_path / "protokoll-2019-11-25.pdf", PdfOptions())
    assert PdfReader(pdf).metadata["/Title"] == "protokoll-2019-11-25"


def make_pictures_docx(path: Path, *, header_picture: bool = False) -> Path:
    """Two pictures of a coat of arms, the second with alt text; optionally a third, without
    alt text, in the page header."""
    logo = make_png(path.with_suffix(".png"))
    doc = Document()
    _set_document_language(doc, "sv-SE")
    doc.add_paragraph("Höörs kommun")
    doc.add_picture(str(logo), width=Cm(2))
    doc.add_picture(str(logo), width=Cm(2))
    doc.inline_shapes[1]._inline.docPr.set("descr", "Höörs kommunvapen")
    if header_picture:
        doc.sections[0].header.paragraphs[0].add_run().add_picture(str(logo), width=Cm(1))
    doc.save(path)
    return path


def test_images_without_alt_text_are_reported(tmp_path, converter):
    make_pictures_docx(tmp_path / "bilder.docx")
    [result] = converter.convert_many([(tmp_path / "bilder.docx", tmp_path / "bilder.pdf",
                                        OPTIONS)])
    assert result.ok
    alt_text, pdfua = result.warnings  # the Word side's warning, and why the PDF is not PDF/UA
    assert "no alternative text" in alt_text
    assert pdfua == "not PDF/UA: figure 1 (Figure) has no alternative text (/Alt)"


def test_one_shot_convert_helper(tmp_path):
    docx = make_minutes_docx(tmp_path / "enstaka.docx", headings=HEADINGS[:1], paragraphs=1)
    pdf = convert(docx, tmp_path / "enstaka.pdf", PdfOptions(title="Enstaka"))
    assert PdfReader(pdf).metadata["/Title"] == "Enstaka"


# -- attachments (bilagor) ----------------------------------------------------------------------

def test_attachments_are_appended_with_bilaga_bookmarks_after_the_document(tmp_path, converter):
    docx = make_minutes_docx(tmp_path / "protokoll.docx", headings=HEADINGS[:3], paragraphs=2)
    karta = make_attachment_pdf(tmp_path / "karta.pdf", pages=2)
    statistik = make_attachment_pdf(tmp_path / "statistik.pdf", pages=1)
    pdf = converter.convert(docx, tmp_path / "protokoll.pdf", OPTIONS, attachments=[
        ("Karta över Höörs centrum", karta), ("Brottsstatistik 2019 – Höör", statistik)])
    reader = PdfReader(pdf)
    bookmarks = outline_titles(reader)
    assert [t for _, t, _ in bookmarks] == HEADINGS[:3] + [
        "Bilaga 1 – Karta över Höörs centrum", "Bilaga 2 – Brottsstatistik 2019 – Höör"]
    n = len(reader.pages)
    assert bookmarks[-2][2] == n - 2 and bookmarks[-1][2] == n
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv-SE" and "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"].value is True
    assert xmp_summary(pdf)["pdfaid:part"] == "2"
    assert "LibreOffice" in reader.metadata["/Producer"]  # Info still agrees with the XMP


def test_append_attachments_to_an_existing_pdf_keeps_its_bookmarks(tmp_path, minutes):
    pdf = tmp_path / "kopia.pdf"
    pdf.write_bytes(minutes[0].read_bytes())
    append_attachments(pdf, [("Närvarolista", make_attachment_pdf(tmp_path / "n.pdf"))])
    titles = [t for d, t, _ in outline_titles(PdfReader(pdf)) if d == 0]
    assert titles == HEADINGS + ["Bilaga 1 – Närvarolista"]


def _encrypted_pdf(path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("hemligt")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


@pytest.mark.parametrize("kind, message", [
    ("missing", "does not exist"),
    ("not_pdf", "is not a PDF"),
    ("damaged", "damaged PDF"),
    ("encrypted", "password-protected"),
])
def test_bad_attachment_is_an_error_naming_the_file_before_anything_is_written(
        tmp_path, converter, kind, message):
    bad = tmp_path / f"bilaga-{kind}.pdf"
    if kind == "not_pdf":
        bad.write_text("Det här är ingen PDF – bara text.", encoding="utf-8")
    elif kind == "damaged":
        bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%EOF trasig")
    elif kind == "encrypted":
        _encrypted_pdf(bad)
    with pytest.raises(DataError, match=message) as err:
        check_attachments([("Bilagan", bad)])
    assert str(bad) in str(err.value)

    docx = make_minutes_docx(tmp_path / "p.docx", headings=HEADINGS[:1], paragraphs=1)
    with pytest.raises(DataError, match=message):
        converter.convert(docx, tmp_path / "p.pdf", OPTIONS, tmp_path / "p-uppdaterad.docx",
                          attachments=[("Karta", make_attachment_pdf(tmp_path / "ok.pdf")),
                                       ("Bilagan", bad)])
    assert not (tmp_path / "p.pdf").exists() and not (tmp_path / "p-uppdaterad.docx").exists()
    [result] = converter.convert_many([PdfJob(docx=docx, pdf=tmp_path / "q.pdf",
                                              attachments=[("Bilagan", bad)])])
    assert not result.ok and str(bad) in result.error
    assert not (tmp_path / "q.pdf").exists()


# -- batches and faults --------------------------------------------------------------------------

def test_batch_reports_failures_and_goes_on(tmp_path, converter):
    good = [make_minutes_docx(tmp_path / f"möte-{i}.docx", headings=HEADINGS[:1], paragraphs=1)
            for i in range(3)]
    damaged = tmp_path / "trasig.docx"
    damaged.write_bytes(b"PK\x03\x04" + os.urandom(3000))
    jobs = [(good[0], tmp_path / "ut-0.pdf", OPTIONS),
            (tmp_path / "finns-inte.docx", tmp_path / "ut-x.pdf", OPTIONS),
            (good[1], tmp_path / "ut-1.pdf", OPTIONS),
            (damaged, tmp_path / "ut-y.pdf", OPTIONS),
            (good[2], tmp_path / "ut-2.pdf", OPTIONS)]
    seen = []
    results = converter.convert_many(jobs, on_done=seen.append)
    assert [r.ok for r in results] == [True, False, True, False, True]
    assert "finns-inte.docx" in results[1].error and "does not exist" in results[1].error
    assert "trasig.docx" in results[3].error and "cannot open it" in results[3].error
    assert results[3].attempts == 1  # a document LibreOffice refuses is not retried
    assert sorted(str(r.pdf) for r in seen) == sorted(str(j[1]) for j in jobs)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [
        "ut-0.pdf", "ut-1.pdf", "ut-2.pdf"]  # no temporary leftovers


def test_libreoffice_that_will_not_start_fails_every_job_with_the_reason(tmp_path):
    docx = make_minutes_docx(tmp_path / "a.docx", headings=HEADINGS[:1], paragraphs=1)
    with Converter(workers=2, soffice="/bin/false") as conv:
        results = conv.convert_many([(docx, tmp_path / f"{i}.pdf", OPTIONS) for i in range(5)])
    assert [r.ok for r in results] == [False] * 5
    assert all("did not start" in r.error or "could not be started" in r.error for r in results)
    assert "exited with code 1" in results[0].error
    assert not list(tmp_path.glob("*.pdf"))


def test_libreoffice_killed_mid_batch_is_restarted_and_the_batch_finishes(tmp_path):
    docs = [make_minutes_docx(tmp_path / f"d{i}.docx", headings=HEADINGS[:2], paragraphs=2)
            for i in range(5)]
    killed = []
    with Converter(workers=1, timeout=60) as conv:
        def on_done(result):
            if not killed:
                victims = soffice_bin_in(conv.process_groups)
                assert victims, "expected a running soffice.bin"
                for pid in victims:
                    os.kill(pid, signal.SIGKILL)
                killed.extend(victims)

        results = conv.convert_many([(d, d.with_suffix(".pdf"), OPTIONS) for d in docs],
                                    on_done=on_done)
    assert killed
    assert all(r.ok for r in results), [r.error for r in results]
    assert any(r.attempts == 2 for r in results)
    for r in results:
        assert PdfReader(r.pdf).trailer["/Root"]["/Lang"] == "sv-SE"


def test_hung_libreoffice_is_killed_restarted_and_the_document_reported_failed(
        tmp_path, monkeypatch):
    # The documented test hook makes the worker sleep on matching files; the timeout, kill and
    # restart that follow are the real ones.
    monkeypatch.setenv("TRYGGA_DOCS_TEST_HANG", "*haenger*")
    docs = [make_minutes_docx(tmp_path / name, headings=HEADINGS[:1], paragraphs=1)
            for name in ("fore.docx", "haenger.docx", "efter.docx")]
    with Converter(workers=1, timeout=2.5) as conv:
        started = time.monotonic()
        results = conv.convert_many([(d, d.with_suffix(".pdf"), OPTIONS) for d in docs])
        elapsed = time.monotonic() - started
        groups = conv.process_groups
    assert [r.ok for r in results] == [True, False, True]
    hung = results[1]
    assert hung.attempts == 2 and "did not finish within 2.5 s" in hung.error
    assert not (tmp_path / "haenger.pdf").exists()
    assert elapsed < 600  # the hung document sleeps an hour: it was given up, not waited for
    assert wait_until(lambda: not live_in_groups(groups))


def test_tiny_timeout_fails_the_document_without_a_test_hook(tmp_path):
    docx = make_minutes_docx(tmp_path / "lang.docx", headings=HEADINGS[:2], paragraphs=3)
    with Converter(workers=1, timeout=0.01) as conv:
        [result] = conv.convert_many([(docx, tmp_path / "lang.pdf", OPTIONS)])
        groups = conv.process_groups
    assert not result.ok and result.attempts == 2
    assert "did not finish within 0.01 s" in result.error
    assert not (tmp_path / "lang.pdf").exists()
    assert not live_in_groups(groups)


def test_no_libreoffice_survives_the_with_block_even_after_an_exception(tmp_path):
    docx = make_minutes_docx(tmp_path / "a.docx", headings=HEADINGS[:1], paragraphs=1)
    groups: list[int] = []
    with pytest.raises(RuntimeError, match="något gick fel"):
        with Converter(workers=2) as conv:
            conv.convert_many([(docx, tmp_path / f"{i}.pdf", OPTIONS) for i in range(2)])
            groups = conv.process_groups
            marker = str(conv.work_dir)
            assert len(groups) == 2 and len(soffice_processes(marker)) >= 2
            raise RuntimeError("något gick fel")
    assert not live_in_groups(groups)
    assert not soffice_processes(marker)
    assert not Path(marker).exists()  # profiles removed too


SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from trygga_docs.pdf.convert import Converter, PdfOptions
    docx, out = Path(sys.argv[1]), Path(sys.argv[2])
    with Converter(workers=2, timeout=60) as conv:
        n = 0
        while True:
            conv.convert_many([(docx, out / f"{n}-{k}.pdf", PdfOptions()) for k in range(2)])
            n += 1
            print("groups", conv.work_dir, *conv.process_groups, flush=True)
""")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_libreoffice_survives_a_signal_to_the_program(tmp_path, sig):
    docx = make_minutes_docx(tmp_path / "a.docx", headings=HEADINGS[:1], paragraphs=1)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(docx), str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("groups"), proc.stderr.read()
        work_dir = Path(line.split()[1])
        groups = [int(g) for g in line.split()[2:]]
        assert work_dir.is_dir()
        assert len(soffice_bin_in(groups)) == 2
        proc.send_signal(sig)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    # SIGKILL allows no cleanup in the program; each worker notices its parent is gone.
    # (generous limits: wait_until returns at once when done, and a loaded machine is slower)
    assert wait_until(lambda: not live_in_groups(groups), timeout=20 if sig == signal.SIGKILL else 5)
    assert not soffice_processes(marker=f"trygga_docs_{proc.pid}_")
    assert wait_until(lambda: not work_dir.exists(), timeout=20)  # profiles removed as well
    if sig != signal.SIGKILL:  # cleaned up on the way out: no half-written files
        assert not any(p.name.startswith(".") for p in tmp_path.iterdir())


def test_ctrl_c_while_jobs_are_handed_out_leaves_no_thread_behind(tmp_path, monkeypatch):
    """Ctrl-C can arrive while ``convert_many`` starts one of its threads: the thread runs but its
    pool has not recorded it yet. The program must still be able to exit: no conversion thread
    left waiting for work (it made ``test_no_libreoffice_survives_a_signal_to_the_program`` with
    SIGINT hang now and then)."""
    import threading

    docx = make_minutes_docx(tmp_path / "a.docx", headings=HEADINGS[:1], paragraphs=1)
    real_start = threading.Thread.start

    def interrupted_start(self):
        real_start(self)
        if self.name.startswith("trygga-pdf_"):
            raise KeyboardInterrupt  # after the thread started, before the pool records it

    monkeypatch.setattr(threading.Thread, "start", interrupted_start)
    with pytest.raises(KeyboardInterrupt) as interrupted, Converter(workers=2, timeout=60) as conv:
        conv.convert_many([(docx, tmp_path / f"{k}.pdf", PdfOptions()) for k in range(3)])
    monkeypatch.undo()
    # the traceback keeps the pool alive, as it does while the program exits
    assert interrupted.traceback
    assert wait_until(lambda: not [t for t in threading.enumerate()
                                   if t.name.startswith("trygga-pdf")], timeout=10)
