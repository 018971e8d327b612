"""PDF/UA-1: every example PDF passes the project's checks, claims PDF/UA only then, and every
rule of the checker catches a defect planted in a real rendered PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

import trygga_docs
from trygga_docs.batch import data_files, render_many
from trygga_docs.pdf import Converter
from trygga_docs.pdf.accessibility import RULES, check_pdfua
from trygga_docs.pdf.meta import xmp_summary

from .conftest import EXAMPLES, HOOR_AGREEMENT

MEETINGS = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"


@pytest.fixture(scope="module")
def converter():
    with Converter() as conv:
        yield conv


@pytest.fixture(scope="module")
def agreement_pdf(tmp_path_factory, converter) -> Path:
    """The agreement: headings, lists, a figure, key/value and layout tables, links in its TOC."""
    out = tmp_path_factory.mktemp("ua") / "avtal"
    (pdf,) = trygga_docs.render_file(HOOR_AGREEMENT, out, formats=["pdf"], converter=converter)
    return pdf


def xmp_text(pdf: Path) -> str:
    with pikepdf.open(pdf) as doc:
        return doc.Root.Metadata.read_bytes().decode("utf-8")


def planted(source: Path, tmp_path: Path, edit: Callable[[pikepdf.Pdf], None]) -> Path:
    """A copy of ``source`` with one defect planted by ``edit``."""
    target = tmp_path / f"planted-{source.name}"
    with pikepdf.open(source) as doc:
        edit(doc)
        doc.save(target)
    return target


def elements(doc: pikepdf.Pdf, tag: str) -> list[pikepdf.Dictionary]:
    """Structure elements of type ``tag``, depth-first."""
    found = []

    def walk(obj: pikepdf.Object) -> None:
        k = obj.get("/K") if isinstance(obj, pikepdf.Dictionary) else None
        for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S == tag:
                    found.append(kid)
                walk(kid)

    walk(doc.Root.StructTreeRoot)
    return found


def has_bilaga(pdf: Path) -> bool:
    """Whether a bilaga was merged into ``pdf`` (its bookmark ``Bilaga n – titel``)."""
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:
        return any(item.title.startswith("Bilaga") for item in outline.root)


def failed(pdf: Path, rule: str) -> tuple[str, ...]:
    """The problems ``rule`` finds; asserts that it failed."""
    result = check_pdfua(pdf).result(rule)
    assert result.status == "failed", result
    return result.problems


# -- the rendered documents ------------------------------------------------------------------

def test_the_agreement_passes_every_check_and_says_so_in_its_xmp(agreement_pdf):
    report = check_pdfua(agreement_pdf)
    assert report.conforms, report.summary()
    assert [r.rule for r in report.results] == list(RULES)
    xmp = xmp_text(agreement_pdf)
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" in xmp
    summary = xmp_summary(agreement_pdf)  # PDF/A-2b kept
    assert (summary["pdfaid:part"], summary["pdfaid:conformance"]) == ("2", "B")
    with pikepdf.open(agreement_pdf) as doc:  # PDF/A: the metadata stream stays plain XML
        assert "/Filter" not in doc.Root.Metadata


def test_the_org_chart_is_one_figure_with_its_picture_alt_text_and_bbox(agreement_pdf):
    with pikepdf.open(agreement_pdf) as doc:
        (figure,) = elements(doc, "/Figure")
        assert str(figure.Alt).startswith("Figur 1. Organisationsskiss")
        assert isinstance(figure.K, int)  # the picture's marked content, no longer an artifact
        assert "/Picture" in doc.Root.StructTreeRoot.RoleMap  # the paragraph style, as a P


def test_the_bodies_facts_have_row_headers_and_signatures_are_not_a_data_table(agreement_pdf):
    with pikepdf.open(agreement_pdf) as doc:
        headers = elements(doc, "/TH")
        assert headers
        scopes = {str(a.Scope) for th in headers for a in th.A if a.get("/O") == "/Table"}
        assert scopes == {"/Row"}
        assert len(elements(doc, "/Table")) < len(elements(doc, "/TR")) // 2


@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_every_example_pdf_passes_the_checks_unless_bilagor_are_merged(style, tmp_path):
    result = render_many(data_files(EXAMPLES), tmp_path, formats=["pdf"], style=style,
                         workers=2)
    cycle = render_many([MEETINGS], tmp_path / "cykel", formats=["pdf"], style=style,
                        document="notice,extract,register", workers=2)
    assert result.ok and cycle.ok, result.summary() + cycle.summary()
    pdfs = [p for p in (*result.written, *cycle.written) if p.suffix == ".pdf"]
    assert len(pdfs) > 60
    merged = {p.name for p in pdfs if has_bilaga(p)}
    assert merged  # the 2025 protocols with their bilaga
    for pdf in pdfs:
        report = check_pdfua(pdf)
        if pdf.name in merged:  # an untagged attachment: honest failure, and no claim
            assert [r.rule for r in report.failed] == ["identification", "marked",
                                                        "tagged-content"]
        else:
            assert report.conforms, report.summary()


def test_a_merged_untagged_bilaga_gives_no_pdfua_claim(tmp_path, converter):
    out = tmp_path / "protokoll"
    written = trygga_docs.render_file(MEETINGS, out, formats=["pdf"], document="protocol",
                                      meeting="2025-01-20", converter=converter)
    (pdf,) = [p for p in written if p.suffix == ".pdf"]
    assert "pdfuaid" not in xmp_text(pdf)
    assert "not in the structure tree" in " ".join(failed(pdf, "tagged-content"))
    with pikepdf.open(pdf) as doc:  # /MarkInfo says the tagging is incomplete
        assert bool(doc.Root.MarkInfo.Marked) and bool(doc.Root.MarkInfo.Suspects)


def test_publication_without_merging_keeps_the_claim_and_writes_the_bilagor_beside(tmp_path,
                                                                                   converter):
    written = trygga_docs.render_file(MEETINGS, tmp_path / "protokoll", formats=["pdf"],
                                      document="protocol", meeting="2025-01-20",
                                      converter=converter, separate_attachments=True)
    pdf = tmp_path / "protokoll.pdf"
    bilagor = sorted(p for p in written if p.name.startswith("protokoll-bilaga-"))
    assert pdf in written and [p.name for p in bilagor] == ["protokoll-bilaga-1.pdf"]
    assert not has_bilaga(pdf)
    assert check_pdfua(pdf).conforms and "pdfuaid" in xmp_text(pdf)
    with pikepdf.open(pdf) as doc:
        assert "/Suspects" not in doc.Root.MarkInfo
    assert bilagor[0].read_bytes()[:5] == b"%PDF-"


def test_cli_render_separate_attachments(tmp_path):
    from click.testing import CliRunner

    from trygga_docs.cli import main

    result = CliRunner().invoke(main, ["render", str(MEETINGS), "--meeting", "2025-01-20",
                                       "--document", "protocol", "--format", "pdf", "--out",
                                       str(tmp_path / "p"), "--separate-attachments"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p-bilaga-1.pdf").exists() and not has_bilaga(tmp_path / "p.pdf")


def test_verapdf_agrees_when_it_is_installed(agreement_pdf):
    verapdf = shutil.which("verapdf")
    if verapdf is None:
        pytest.skip("verapdf is not on PATH: the PDF/UA-1 reference check was skipped")
    run = subprocess.run([verapdf, "--flavour", "ua1", "--format", "text", str(agreement_pdf)],
                         capture_output=True, text=True, timeout=600)
    assert run.stdout.startswith("PASS"), run.stdout + run.stderr


# -- each rule catches its planted defect ----------------------------------------------------

def test_identification_needs_pdfuaid_and_its_extension_schema(agreement_pdf, tmp_path):
    def without(text: str) -> Callable[[pikepdf.Pdf], None]:
        def edit(doc: pikepdf.Pdf) -> None:
            xmp = doc.Root.Metadata.read_bytes().decode("utf-8")
            doc.Root.Metadata.write(xmp.replace(text, "").encode("utf-8"))
        return edit

    no_part = planted(agreement_pdf, tmp_path, without("<pdfuaid:part>1</pdfuaid:part>"))
    assert failed(no_part, "identification") == ("the XMP has no pdfuaid:part 1",)
    schema = "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    no_schema = planted(agreement_pdf, tmp_path, without(schema))
    assert "extension schema" in failed(no_schema, "identification")[0]


def test_marked_needs_markinfo_marked_true(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        doc.Root.MarkInfo.Marked = False
    assert failed(planted(agreement_pdf, tmp_path, edit), "marked")


def test_marked_fails_when_markinfo_says_the_tags_are_suspect(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        doc.Root.MarkInfo.Suspects = True
    assert "/Suspects true" in failed(planted(agreement_pdf, tmp_path, edit), "marked")[0]


def test_without_a_structure_tree_the_tree_rules_are_skipped_not_passed(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        del doc.Root["/StructTreeRoot"]
    pdf = planted(agreement_pdf, tmp_path, edit)
    report = check_pdfua(pdf)
    assert report.result("structure-tree").status == "failed"
    assert {r.rule for r in report.skipped} == {"role-map", "headings", "figures", "tables",
                                                 "lists"}
    assert not report.conforms


def test_role_map_refuses_remapped_standard_types_and_unknown_types(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        doc.Root.StructTreeRoot.RoleMap.P = pikepdf.Name.H1
        elements(doc, "/H2")[0].S = pikepdf.Name("/Rubrik")
    problems = failed(planted(agreement_pdf, tmp_path, edit), "role-map")
    assert problems == ("the standard type P is remapped to H1",
                        "structure type Rubrik maps to no standard type")


def test_tagged_content_catches_a_line_drawn_outside_marked_content(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        page = doc.pages[2]
        page.contents_add(doc.make_stream(b"0 0 m 100 100 l S"), prepend=False)
    problems = failed(planted(agreement_pdf, tmp_path, edit), "tagged-content")
    assert problems == ("page 3: 1 drawing operator(s) (S) neither tagged nor marked as artifact",)


def test_tagged_content_catches_text_outside_marked_content(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        page = doc.pages[0]
        font = next(iter(page.Resources.Font.keys()))
        page.contents_add(doc.make_stream(f"BT {font} 12 Tf 72 72 Td (x) Tj ET".encode()),
                          prepend=False)
    assert "(Tj)" in failed(planted(agreement_pdf, tmp_path, edit), "tagged-content")[0]


def test_annotations_must_be_in_the_structure_tree(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        page = next(p for p in doc.pages if p.obj.get("/Annots"))
        del page.Annots[0]["/StructParent"]
    assert "not in the structure tree" in failed(planted(agreement_pdf, tmp_path, edit),
                                                 "annotations")[0]


def test_headings_catch_a_skipped_level(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        elements(doc, "/H2")[0].S = pikepdf.Name.H4
    assert failed(planted(agreement_pdf, tmp_path, edit), "headings") == (
        "H4 follows H1: level 2 skipped",)


def test_headings_must_start_at_h1(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        elements(doc, "/H1")[0].S = pikepdf.Name.H2
    assert failed(planted(agreement_pdf, tmp_path, edit), "headings")[0] == (
        "the first heading is H2, not H1")


def test_figures_need_alt_text_and_a_bbox(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        (figure,) = elements(doc, "/Figure")
        del figure["/Alt"]
        del figure.A["/BBox"]
    assert failed(planted(agreement_pdf, tmp_path, edit), "figures") == (
        "figure 1 (Figure) has no alternative text (/Alt)", "figure 1 (Figure) has no /BBox")


def test_tables_need_a_scope_on_header_cells(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        th = elements(doc, "/TH")[0]
        th.A = pikepdf.Array([a for a in th.A if a.get("/O") != "/Table"])
    assert "has no /Scope" in failed(planted(agreement_pdf, tmp_path, edit), "tables")[0]


def test_tables_need_header_cells(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        for th in elements(doc, "/TH"):
            th.S = pikepdf.Name.TD
    assert "has no header cell (TH)" in failed(planted(agreement_pdf, tmp_path, edit),
                                                "tables")[0]


def test_lists_hold_list_items(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        elements(doc, "/LI")[0].S = pikepdf.Name.P
    assert failed(planted(agreement_pdf, tmp_path, edit), "lists")[0] == (
        "list 1 holds P, not LI")


def test_language_needs_lang_in_the_catalog(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        del doc.Root["/Lang"]
    assert failed(planted(agreement_pdf, tmp_path, edit), "language")


def test_title_needs_display_doc_title(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        doc.Root.ViewerPreferences.DisplayDocTitle = False
    assert failed(planted(agreement_pdf, tmp_path, edit), "title") == (
        "/ViewerPreferences lacks /DisplayDocTitle true",)


def test_tab_order_needs_tabs_s_on_pages_with_annotations(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        page = next(p for p in doc.pages if p.obj.get("/Annots"))
        del page.obj["/Tabs"]
    assert "no /Tabs /S" in failed(planted(agreement_pdf, tmp_path, edit), "tab-order")[0]


def test_the_command_line_checker_exits_1_on_a_defect(agreement_pdf, tmp_path):
    def edit(doc: pikepdf.Pdf) -> None:
        del doc.Root["/Lang"]
    bad = planted(agreement_pdf, tmp_path, edit)
    run = subprocess.run([sys.executable, "-m", "trygga_docs.pdf.accessibility",
                          str(agreement_pdf), str(bad)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "failed  language" in run.stdout
    assert run.stdout.count("does not pass") == 1
