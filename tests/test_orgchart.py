"""Organisationsskiss: drawn by Graphviz from the agreement's bodies, placed as Figur 1."""

from __future__ import annotations

import html
import re
import zipfile
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from trygga_docs.cli import main
from trygga_docs.context.agreement import structure_in_words
from trygga_docs.loader import EXAMPLES, load, structure
from trygga_docs.model import Agreement
from trygga_docs.word.docx import render_docx
from trygga_docs.context.orgchart import (MIN_FONT_PT, best_graph, fit_width_mm, orgchart,
                                         orgchart_drawing, orgchart_graph, png_size_mm,
                                         write_orgchart)
from trygga_docs.style import load_style

HOOR = EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"


@pytest.fixture(scope="module")
def hoor() -> Agreement:
    return load(HOOR)


def organisation(n: int, shape: str) -> Agreement:
    """An agreement with ``n`` bodies with long names: a star, a chain or a tree of threes."""
    bodies = []
    for i in range(n):
        parent = {"star": "G0", "chain": f"G{i - 1}", "tree": f"G{(i - 1) // 3}"}[shape]
        bodies.append({"name": f"Trygga Exempelby arbetsgrupp för brottsförebyggande arbete {i}",
                       "short_name": f"G{i}", "kind": "arbetsgrupp",
                       "reports_to": parent if i else None,
                       "composition": [{"role": "Kommunpolis"}], "convener": "Kommunpolis"})
    data = {"title": "Överenskommelse", "parties": [{"name": "Polisen"}, {"name": "Ekby kommun"}],
            "period": {"start": "2020-01-01", "end": "2023-12-31"},
            "roles": [{"name": "Kommunpolis"}], "bodies": bodies}
    return structure(data, Agreement)


def boxes(agreement: Agreement, **kw) -> dict[str, tuple[float, float, float, float]]:
    """Each body's box (x0, y0, x1, y1, in inches) as Graphviz lays it out."""
    plain = best_graph(agreement, **kw).pipe(format="plain").decode()
    found = {}
    for line in plain.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            x, y, w, h = map(float, parts[2:6])
            found[parts[1]] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return found


def overlapping(found: dict[str, tuple[float, float, float, float]]) -> list[tuple[str, str]]:
    names = sorted(found)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
            if found[a][0] < found[b][2] and found[b][0] < found[a][2]
            and found[a][1] < found[b][3] and found[b][1] < found[a][3]]


def test_hoor_chart_matches_the_seed_layers(hoor):
    found = boxes(hoor)
    ids = {b.short_name: f"b{i}" for i, b in enumerate(hoor.bodies)}
    top = {name: (found[ids[name]][1] + found[ids[name]][3]) / 2 for name in ids}  # y grows upwards
    assert top["Trygghetsrådet"] > top["Styrgruppen"] > top["Arbetsgrupp vuxen"]
    assert top["Styrgruppen"] == top["Krisstödet"]
    assert top["Arbetsgrupp vuxen"] == top["Arbetsgrupp ung"]
    assert top["Arbetsgrupp ung"] > top["SIG"]  # activated by ung: drawn below it
    assert not overlapping(found)


def test_chart_has_a_box_per_body_with_name_convener_and_arrows(hoor):
    svg = orgchart(hoor, "svg").decode()
    assert svg.count('class="node"') == len(hoor.bodies)
    assert svg.count('class="edge"') == 6  # five reporting lines and one activation
    for text in ("Trygga Höör trygghetsråd", "Sammankallande: Säkerhetschef", "aktiverar",
                 "Kommunstyrelsens"):
        assert text in svg
    assert "stroke-dasharray" in svg  # the activation arrow is dashed


def test_long_swedish_names_are_wrapped_at_spaces(hoor):
    source = orgchart_graph(hoor).source
    assert "Trygga Höör arbetsgrupp<BR/>SIG (social insatsgrupp)" in source
    assert "å" in source and "ö" in source


def test_colours_and_fonts_come_from_the_house_style(hoor):
    klassisk = load_style("klassisk")
    source = orgchart_graph(hoor, klassisk).source
    assert f"#{klassisk.primary}" in source and f'FACE="{klassisk.heading_font}"' in source
    assert "#1F3A5F" not in source
    assert "#1F3A5F" in orgchart_graph(hoor).source


@pytest.mark.parametrize("n,shape", [(2, "star"), (12, "star"), (30, "star"), (30, "tree"),
                                     (8, "chain")])
def test_two_to_thirty_bodies_are_laid_out_without_overlaps(n, shape):
    agreement = organisation(n, shape)
    found = boxes(agreement)
    assert len(found) == n
    assert not overlapping(found)


def test_a_wide_organisation_is_packed_to_fit_a_page():
    width, height = png_size_mm(orgchart(organisation(30, "star"), "png", dpi=40), dpi=40)
    assert width / height < 1.5  # not one row of 29 boxes
    assert fit_width_mm(orgchart(organisation(30, "star"), "png")) > 100


def test_png_is_high_resolution(hoor):
    png = orgchart(hoor, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width_px = int.from_bytes(png[16:20], "big")
    width_mm, _ = png_size_mm(png)
    assert width_px / (width_mm / 25.4) == pytest.approx(300, rel=0.01)
    assert width_px > 1500


def test_write_orgchart_by_suffix_and_cli(hoor, tmp_path):
    assert write_orgchart(hoor, tmp_path / "skiss.svg").read_bytes().startswith(b"<?xml")
    result = CliRunner().invoke(main, ["orgchart", str(HOOR), "--out", str(tmp_path / "s.png"),
                                       "--style", "klassisk"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"
    bad = CliRunner().invoke(main, ["orgchart", str(HOOR), "--out", str(tmp_path / "s.gif")])
    assert bad.exit_code == 1 and ".svg or .png" in bad.output


def test_agreement_shows_bild_1_with_the_structure_as_alt_text(hoor, tmp_path):
    out = render_docx(hoor, tmp_path / "avtal.docx")
    with zipfile.ZipFile(out) as z:
        document = z.read("word/document.xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert media
    described = [html.unescape(d) for d in re.findall(r'<wp:docPr [^>]*descr="([^"]*)"',
                                                      document)]
    assert structure_in_words(hoor) in described
    assert "SIG aktiveras vid behov av arbetsgrupp ung." in structure_in_words(hoor)
    assert "Figur 1. Organisationsskiss Trygga Höör" in document
    assert "bilden ritas i en senare version" not in document


def smallest_printed_pt(agreement: Agreement) -> float:
    """The smallest text of the chart as the agreement prints it, in points: the SVG's smallest
    font size, scaled as the picture is shrunk to fit the page."""
    drawing = orgchart_drawing(agreement)
    root = ElementTree.fromstring(drawing.svg)
    sizes = [float(t.get("font-size")) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    natural_mm = float(root.get("width").removesuffix("pt")) * 25.4 / 72
    return min(sizes) * fit_width_mm(drawing.png) / natural_mm


@pytest.mark.parametrize("n,shape", [(2, "star"), (6, "star"), (12, "star"), (30, "star"),
                                     (16, "tree"), (30, "tree"), (8, "chain")])
def test_no_text_of_the_chart_prints_below_8_pt(n, shape):
    assert smallest_printed_pt(organisation(n, shape)) >= MIN_FONT_PT


def test_the_hoor_chart_shows_names_and_conveners_at_8_pt_or_more(hoor):
    svg = orgchart_drawing(hoor).svg.decode()
    for label in ("Trygga Höör arbetsgrupp", "SIG (social insatsgrupp)",
                  "Sammankallande: Säkerhetschef", "Integrationskoordinator", "aktiverar"):
        assert label in svg
    assert smallest_printed_pt(hoor) >= MIN_FONT_PT


def test_a_large_organisation_is_drawn_more_compactly_rather_than_smaller():
    """Thirty bodies with long names do not fit a page at 8 pt with every name and convener:
    the boxes then show the short names (the text of the agreement has the rest)."""
    svg = orgchart_drawing(organisation(30, "star")).svg.decode()
    assert ">G29<" in svg and "Sammankallande" not in svg
    assert "Sammankallande: Kommunpolis" in orgchart_drawing(organisation(6, "star")).svg.decode()


def test_the_drawing_is_one_layout_as_svg_and_png(hoor):
    drawing = orgchart_drawing(hoor)
    root = ElementTree.fromstring(drawing.svg)
    width_mm = float(root.get("width").removesuffix("pt")) * 25.4 / 72
    height_mm = float(root.get("height").removesuffix("pt")) * 25.4 / 72
    png_width, png_height = png_size_mm(drawing.png)
    assert png_width == pytest.approx(width_mm, abs=0.5)
    assert png_height == pytest.approx(height_mm, abs=0.5)
    # the SVG's drawing is its natural size (a resolution set for the PNG would scale it)
    assert float(root.get("viewBox").split()[2]) == pytest.approx(float(root.get("width")[:-2]), abs=1)
