"""Charts as vector pictures: the organisation chart, the follow-up's chart and the lägesbild's
rate chart are SVG with a PNG fallback in Word (``asvg:svgBlip``), vector paths and text in the
PDF, with no text below 8 pt as printed and their alt text kept (issue 15, deliverable 9)."""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import docx
import jinja2
import pikepdf
import pypdf
import pytest
from lxml import etree
from PIL import Image

import trygga_docs
from trygga_docs.context.common import Drawing, Picture
from trygga_docs.pdf import Converter
from trygga_docs.pdf.vector_pictures import for_libreoffice, svg_first
from trygga_docs.style import HouseStyle, load_style
from trygga_docs.word.svg_picture import SVG_EXTENSION, SVG_NAMESPACE
from trygga_docs.word.template import load_template, shared_env

from .conftest import EXAMPLES
from .test_sandbox import render_attack

CHARTS = {
    "agreement": (EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml",
                  "Trygghetsrådet har det övergripande ansvaret.",
                  ("Trygga Höör styrgrupp", "Sammankallande: Säkerhetschef", "aktiverar")),
    "followup": (EXAMPLES / "hoor" / "uppfoljning-medborgarloften-2019.yaml",
                 "Stapeldiagram över mål och utfall",
                 ("Trafikinsatser", "Gemensamma tillsynsbesök", "Mål")),
    "lagesbild": (EXAMPLES / "ekby" / "lagesbild-2020-2024.yaml",
                  "Liggande stapeldiagram över anmälda brott per 100 000 invånare",
                  ("Misshandel", "Bedrägeri", "Riket 2024")),
}
"""Per document: its data file, the start of the chart's alt text, texts of the chart's labels.
The PDF's alt text is the Word picture's, after its title (the agreement's *Bild 1 …*)."""
STYLES = ("default", "klassisk")
MIN_PT = 8.0
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
PT_PER_EMU = 1 / 12700


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], tuple[Path, Path]]:
    """Each chart's document as DOCX and PDF in both styles: ``(name, style) -> (docx, pdf)``."""
    out = tmp_path_factory.mktemp("vector")
    found = {}
    with Converter() as converter:
        for style in STYLES:
            for name, (data, _, _) in CHARTS.items():
                docx_path, pdf_path = trygga_docs.render_file(
                    data, out / style / name, formats=["docx", "pdf"], style=load_style(style),
                    converter=converter)
                found[(name, style)] = (docx_path, pdf_path)
    return found


def svg_pictures(path: Path) -> list[tuple[etree._Element, bytes, bytes]]:
    """The pictures of a Word file's body that have an SVG: (wp:inline, SVG, PNG fallback)."""
    document = docx.Document(str(path))
    related = document.part.related_parts
    found = []
    for inline in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline"):
        blip = inline.find(f".//{A}blip")
        extension = blip.find(f"{A}extLst/{A}ext[@uri='{SVG_EXTENSION}']")
        if extension is None:
            continue
        svg_blip = extension.find(f"{{{SVG_NAMESPACE}}}svgBlip")
        svg_part, png_part = related[svg_blip.get(R_EMBED)], related[blip.get(R_EMBED)]
        assert svg_part.content_type == "image/svg+xml"
        assert png_part.content_type == "image/png"
        found.append((inline, svg_part.blob, png_part.blob))
    return found


def svg_size_pt(svg: bytes) -> tuple[float, float]:
    root = etree.fromstring(svg)
    return tuple(float(root.get(side).removesuffix("pt")) for side in ("width", "height"))


def svg_font_sizes(svg: bytes) -> list[float]:
    """Every text's font size in an SVG (Graphviz writes an attribute, matplotlib a style)."""
    sizes = []
    for text in etree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"):
        size = text.get("font-size") or re.search(r"font-size:\s*([\d.]+)", text.get("style", ""))[1]
        sizes.append(float(size.removesuffix("px").removesuffix("pt")))
    return sizes


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", CHARTS)
def test_the_word_file_holds_the_chart_as_svg_with_a_png_fallback(rendered, name, style):
    docx_path, _ = rendered[(name, style)]
    (picture,) = svg_pictures(docx_path)
    inline, svg, png = picture
    assert etree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    alt = inline.find("{*}docPr").get("descr")
    assert alt.startswith(CHARTS[name][1])
    for label in CHARTS[name][2]:  # the SVG keeps its text as text
        assert label in svg.decode()
    # in the house font first (Word has Calibri and Cambria), then the metric twin measured here
    font = load_style(style).body_font
    assert f"font-family: '{font}'" in svg.decode() or f'font-family="{font}"' in svg.decode()
    # the fallback is the same picture: the same proportions as the SVG and the frame
    extent = inline.find("{*}extent")
    frame = int(extent.get("cx")) / int(extent.get("cy"))
    width, height = svg_size_pt(svg)
    png_width, png_height = Image.open(io.BytesIO(png)).size
    assert width / height == pytest.approx(frame, rel=0.02)
    assert png_width / png_height == pytest.approx(frame, rel=0.02)
    with zipfile.ZipFile(docx_path) as package:
        types = package.read("[Content_Types].xml").decode()
    assert 'ContentType="image/svg+xml"' in types


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", CHARTS)
def test_no_text_of_the_chart_is_printed_below_8_pt_in_word(rendered, name, style):
    (picture,) = svg_pictures(rendered[(name, style)][0])
    inline, svg, _ = picture
    shown_pt = int(inline.find("{*}extent").get("cx")) * PT_PER_EMU
    scale = shown_pt / svg_size_pt(svg)[0]
    assert min(svg_font_sizes(svg)) * scale >= MIN_PT - 0.05


def figures(pdf: Path) -> list[tuple[int, str, list[float], object]]:
    """Each Figure of the structure tree: (page index, alt text, BBox, its /K)."""
    found = []
    with pikepdf.open(pdf) as doc:
        pages = {p.obj.objgen: i for i, p in enumerate(doc.pages)}

        def walk(node: object, page: int | None) -> None:
            if not isinstance(node, pikepdf.Dictionary):
                return
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            if node.get("/S") == "/Figure":
                a = node.get("/A")
                attributes = list(a) if isinstance(a, pikepdf.Array) else [a] if a else []
                bbox = next(list(map(float, d.BBox)) for d in attributes if "/BBox" in d)
                found.append((page, str(node.get("/Alt", "")), bbox, node.get("/K")))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid, page)

        walk(doc.Root.StructTreeRoot, None)
    return found


def drawn_in(pdf: Path, page: int, bbox: list[float]) -> tuple[list[tuple[str, float]], int]:
    """The texts drawn inside ``bbox`` on ``page`` with their size as printed (points), and how
    many images are drawn there."""
    reader = pypdf.PdfReader(str(pdf))
    texts: list[tuple[str, float]] = []
    images = 0
    xobjects = reader.pages[page]["/Resources"].get("/XObject", {})

    def inside(x: float, y: float) -> bool:
        return bbox[0] - 1 <= x <= bbox[2] + 1 and bbox[1] - 1 <= y <= bbox[3] + 1

    def before(op: bytes, args: list, cm: list[float], tm: list[float]) -> None:
        nonlocal images
        if op == b"Do" and xobjects[args[0]].get_object()["/Subtype"] == "/Image":
            # an image fills the unit square the current matrix maps: its middle is inside
            images += inside(cm[4] + (cm[0] + cm[2]) / 2, cm[5] + (cm[1] + cm[3]) / 2)

    def text(shown: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        if shown.strip() and inside(x, y):
            texts.append((shown.strip(), size * scale))

    reader.pages[page].extract_text(visitor_operand_before=before, visitor_text=text)
    return texts, images


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", CHARTS)
def test_the_pdf_draws_the_chart_as_vector_text_of_8_pt_or_more_with_its_alt_text(
        rendered, name, style):
    _, pdf = rendered[(name, style)]
    _, alt_start, labels = CHARTS[name]
    (figure,) = [f for f in figures(pdf) if alt_start in f[1]]
    page, alt, bbox, content = figure
    assert isinstance(content, int)  # the drawing is the Figure's marked content
    texts, images = drawn_in(pdf, page, bbox)
    assert images == 0  # no raster picture: the chart is paths and text
    drawn = " ".join(t for t, _ in texts).replace("\xa0", " ")
    for label in labels:
        assert label in drawn
    assert min(size for _, size in texts) >= MIN_PT - 0.05


def test_the_pdf_keeps_the_word_file_unchanged_and_converts_a_copy(rendered, tmp_path):
    docx_path, _ = rendered[("followup", "default")]
    before = docx_path.read_bytes()
    copy = for_libreoffice(docx_path, tmp_path)
    assert copy != docx_path and docx_path.read_bytes() == before
    with zipfile.ZipFile(copy) as package, zipfile.ZipFile(docx_path) as original:
        assert package.namelist() == original.namelist()
        rels = package.read("word/_rels/document.xml.rels").decode()
        blips = re.findall(r'<a:blip r:embed="(rId\d+)"', package.read("word/document.xml").decode())
    (svg_rid,) = blips
    assert re.search(rf'Id="{svg_rid}"[^>]*Target="media/[^"]+\.svg"', rels)


def test_a_word_file_without_svg_is_converted_as_it_is(tmp_path):
    out = trygga_docs.render_file(EXAMPLES / "hoor" / "medborgarloften-2019.yaml",
                                  tmp_path / "loften", formats=["docx"])[0]
    assert for_libreoffice(out, tmp_path) == out
    assert svg_first(b"<w:document/>") is None
    broken = tmp_path / "trasig.docx"  # LibreOffice names what is wrong with it
    broken.write_bytes(b"not a zip")
    assert for_libreoffice(broken, tmp_path) == broken


def test_the_filled_word_file_keeps_the_svg_and_the_png(tmp_path):
    """LibreOffice re-saves the Word file with the table of contents filled in; it would keep
    only a PNG of its own."""
    data = CHARTS["agreement"][0]
    filled, _ = trygga_docs.render_file(data, tmp_path / "filled", formats=["docx", "pdf"],
                                        fill_toc=True)
    plain = trygga_docs.render_file(data, tmp_path / "plain", formats=["docx"])[0]
    ((inline, svg, png),) = svg_pictures(filled)
    ((plain_inline, plain_svg, plain_png),) = svg_pictures(plain)
    assert (svg, png) == (plain_svg, plain_png)
    described = inline.find("{*}docPr")
    assert described.get("descr").startswith(CHARTS["agreement"][1])
    assert described.get("title") == plain_inline.find("{*}docPr").get("title")
    assert "Organisationsskiss" in described.get("title")
    with zipfile.ZipFile(filled) as package:  # LibreOffice's own PNG is gone
        assert len([n for n in package.namelist() if n.startswith("word/media/")]) == 2


@pytest.mark.parametrize("reach", ["{{ chart.image.svg }}", "{{ chart.image }}",
                                   "{{ chart.__class__ }}"])
def test_a_template_cannot_reach_the_drawing_behind_a_chart(tmp_path, reach):
    """A chart is an inert marker for a template, as every picture is: its SVG and PNG are out
    of reach, for the template check (tests/test_sandbox.py) and, behind it, the sandbox."""
    render_attack(tmp_path, reach, data=CHARTS["followup"][0], document="followup")
    template = load_template(HouseStyle().template("followup"))
    slot = template.slot(Picture(Drawing(svg=b"<svg/>", png=b"\x89PNG"), 160, "Diagram"))
    with pytest.raises(jinja2.exceptions.SecurityError):
        shared_env().from_string(reach).render(chart=slot)
    assert "<trygga-picture-0/>" in shared_env().from_string("{{ chart }}").render(chart=slot)
