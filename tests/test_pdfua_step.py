"""The PDF/UA step's own readings, each held to what it replaces: page content read by its
tokenizer (accessibility.PageContent) exactly as pikepdf's parser reads it, or left to that
parser; the metadata repaired in its pikepdf pass (meta.repair_metadata) exactly as
meta.ensure_metadata repairs a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trygga_docs
from trygga_docs.pdf import Converter
from trygga_docs.pdf.accessibility import PageContent, check_pdfua
from trygga_docs.pdf.meta import ensure_metadata, xmp_summary
from trygga_docs.pdf.tagging import make_accessible

from .conftest import HOOR_AGREEMENT


def pikepdf_reading(data: bytes) -> list[tuple[str, list[object]]] | None:
    """Each instruction's operator and operands as pikepdf parses them; None when it cannot."""
    with pikepdf.new() as pdf:
        try:
            instructions = pikepdf.parse_content_stream(pdf.make_stream(data))
        except pikepdf.PdfError:
            return None
        return [(str(i.operator), list(i.operands)) for i in instructions]


def tokenizer_reading(content: PageContent) -> list[tuple[str, list[object]]]:
    return [(op, content.operands(i)) for i, op in enumerate(content.ops)]


def marking(content: PageContent, index: int) -> tuple[str, object]:
    tag, props = content.marking(index)
    return tag, frozenset(props.keys()) if isinstance(props, pikepdf.Dictionary) else props


def assert_reads_as_pikepdf_or_declines(data: bytes) -> None:
    content = PageContent.tokenize(data)
    if content is not None:
        assert tokenizer_reading(content) == pikepdf_reading(data), data
        with pikepdf.new() as pdf:  # a marked-content tag and properties read the same way
            parsed = PageContent.of_instructions(pikepdf.parse_content_stream(
                pdf.make_stream(data)))
            for index, op in enumerate(content.ops):
                if op in ("BMC", "BDC") and len(parsed.operands(index)) == (op == "BDC") + 1:
                    assert marking(content, index) == marking(parsed, index), data


@pytest.mark.parametrize("data", [
    b"q 1 0 0 1 72 720 cm /Im0 Do Q",
    b"/P <</MCID 0>> BDC BT /F1 11 Tf 72 700 Td [<0B0F>-3<0102>]TJ ET EMC",
    b"/Artifact <</Type/Pagination/Subtype/Header>>BDC 0 0 1 RG 0.5 w 10 10 m 20 10 l S EMC",
    b"/Span<</ActualText(\\(1\\))>>BDC(a\\)b)Tj EMC",
    b"/Artifact BMC BT (x) ' 1 2 (y) \" ET EMC",
    b"[3 1] 0 d /Pattern cs /P0 scn true false null Tz",  # keywords are operands
])
def test_the_tokenizer_reads_what_libreoffice_writes_as_pikepdf_does(data):
    assert PageContent.tokenize(data) is not None
    assert_reads_as_pikepdf_or_declines(data)


@pytest.mark.parametrize("data", [
    b"BT (a (nested) string) Tj ET",  # balanced parentheses inside a string
    b"% a comment\nq Q",
    b"BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI",  # inline image
    b"[[1 2] 3] 0 d",  # nested array
    b"/P <</A <</B 1>>>> BDC EMC",  # nested dictionary
    b"1 0 0 1 72 720cm",  # a number glued to an operator is one (bad) token
    b"q\x00Q",  # NUL is whitespace to PDF
])
def test_the_tokenizer_leaves_what_it_does_not_know_to_pikepdf(data):
    assert PageContent.tokenize(data) is None


_FRAGMENTS = [b"q", b"Q", b"1", b"-2.5", b".5", b"+3", b"/F1", b"/MCID", b"/Artifact", b"BDC",
              b"BMC", b"EMC", b"Tj", b"TJ", b"'", b'"', b"Do", b"re", b"f*", b"S", b"n", b"W",
              b"(", b")", b"\\", b"\\)", b"(a)", b"<", b">", b"<<", b">>", b"<0B0F>", b"[", b"]",
              b"{", b"}", b"%", b"\n", b" ", b"\t", b"\r", b"true", b"null", b"BI", b"ID", b"EI",
              b"720cm", b"/", b"#20", b"\x00", b"\xe5", b"<</MCID 3>>", b"<< /A >>",
              b"/P <</MCID 0>> BDC",
              b"/Artifact <</Type/Pagination/Subtype/Header>>BDC", b"/Span /MC0 BDC",
              b"<</MCID 1.5/A#20 2>>",
              b"<</A null>>", b"<</A[1 2]>>", b"[<01>-2<02>]", b"(a\\(b)", b"(\n)", b"()",
              b"<>", b"d0", b"T*", b"1e5", b"--1", b"/A#20B", b"R", b"0 0 R", b"\x0c", b"."]


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(_FRAGMENTS), st.sampled_from([b"", b" ", b"\n"])),
                max_size=30))
def test_any_stream_is_read_as_pikepdf_reads_it_or_left_to_pikepdf(pieces):
    assert_reads_as_pikepdf_or_declines(b"".join(a + b for a, b in pieces))


# -- the rendered agreement, and a page only pikepdf can read --------------------------------

@pytest.fixture(scope="module")
def agreement_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("content") / "avtal"
    with Converter() as converter:
        (pdf,) = trygga_docs.render_file(HOOR_AGREEMENT, out, formats=["pdf"],
                                         converter=converter)
    return pdf


def test_every_page_of_a_rendered_pdf_is_tokenized_as_pikepdf_parses_it(agreement_pdf):
    with pikepdf.open(agreement_pdf) as pdf:
        for page in pdf.pages:
            data = page.obj.Contents.read_bytes()
            content = PageContent.tokenize(data)
            assert content is not None
            assert tokenizer_reading(content) == pikepdf_reading(data)


def test_drawing_only_pikepdf_can_read_is_checked_and_repaired_too(agreement_pdf, tmp_path):
    planted = tmp_path / "planted.pdf"
    with pikepdf.open(agreement_pdf) as pdf:  # untagged text in a string the tokenizer declines
        page = pdf.pages[1]
        data = page.obj.Contents.read_bytes() + b"\nBT /F1 9 Tf (nested (paren)) Tj ET"
        assert PageContent.tokenize(data) is None
        page.obj.Contents = pdf.make_stream(data)
        pdf.save(planted)
    problems = check_pdfua(planted).result("tagged-content").problems
    assert problems == ("page 2: 1 drawing operator(s) (Tj) neither tagged nor marked as artifact",)

    repaired = tmp_path / "repaired.pdf"
    report = make_accessible(repaired, None, source=planted)
    assert report.result("tagged-content").status == "passed"
    assert check_pdfua(repaired).conforms
    with pikepdf.open(repaired) as pdf:
        instructions = pikepdf.parse_content_stream(pdf.pages[1])
        assert [str(i.operator) for i in instructions[-6:]] == ["BT", "Tf", "BMC", "Tj", "EMC",
                                                                 "ET"]
        assert instructions[-4].operands == [pikepdf.Name.Artifact]


def test_the_repair_hands_the_checks_the_reading_of_the_bytes_it_wrote(agreement_pdf):
    from trygga_docs.pdf.tagging import _untagged_drawing, _with_artifacts

    with pikepdf.open(agreement_pdf) as pdf:
        page = pdf.pages[1]
        untagged = b"q 0 0 m 10 10 l S Q BT /F1 9 Tf (x) Tj ET"
        data = untagged + b"\n" + page.obj.Contents.read_bytes() + b"\n" + untagged
        content = PageContent.tokenize(data)
        assert content is not None
        marks = _untagged_drawing(page, content)
        assert len(marks) == 8  # the path and the text, at the start and at the end
        repaired = _with_artifacts(content, marks)
        again = PageContent.tokenize(repaired.data)
        assert again is not None
        assert (repaired.ops, repaired.ends) == (again.ops, again.ends)
        assert repaired.ops[:11] == ("q", "BMC", "m", "l", "S", "EMC", "Q", "BT", "Tf", "BMC", "Tj")
        via_pikepdf = _with_artifacts(PageContent.of_instructions(
            pikepdf.parse_content_stream(pdf.make_stream(data))), marks)
        assert tokenizer_reading(repaired) == pikepdf_reading(via_pikepdf.data)


# -- the metadata ----------------------------------------------------------------------------

def metadata(pdf: Path) -> tuple[object, ...]:
    """/Lang, DisplayDocTitle, the Info entries and what the XMP says."""
    with pikepdf.open(pdf) as doc:
        info = {str(k): str(v) for k, v in doc.trailer.Info.items()
                if k in ("/Title", "/Author", "/Subject", "/Keywords")}
        assert "/Filter" not in doc.Root.Metadata  # PDF/A: plain XML
        return (str(doc.Root.Lang), bool(doc.Root.ViewerPreferences.DisplayDocTitle), info,
                xmp_summary(pdf))


@pytest.mark.parametrize("without_xmp", [False, True])
@pytest.mark.parametrize(("lang", "info"), [
    ("en-GB", {}),
    ("sv-SE", {"/Title": "Ny titel – Höör", "/Keywords": "BRÅ, trygghet"}),
])
def test_the_pdfua_step_repairs_metadata_as_ensure_metadata_does(agreement_pdf, tmp_path, lang,
                                                                 info, without_xmp):
    source = tmp_path / "libreoffice.pdf"
    with pikepdf.open(agreement_pdf) as doc:
        if without_xmp:  # as LibreOffice writes a plain PDF
            del doc.Root.Metadata
        doc.save(source)
    by_pypdf = tmp_path / "pypdf.pdf"
    shutil.copyfile(source, by_pypdf)
    assert ensure_metadata(by_pypdf, lang=lang, info=info)
    by_pikepdf = tmp_path / "pikepdf.pdf"
    make_accessible(by_pikepdf, None, claim=False, source=source, lang=lang, info=info)
    assert metadata(by_pikepdf) == metadata(by_pypdf)
    assert metadata(by_pikepdf)[0] == lang
    for key, value in info.items():
        assert metadata(by_pikepdf)[2][key] == value == metadata(by_pikepdf)[3][key]
