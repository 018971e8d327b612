"""The protocol's first page as Swedish practice has it (issue 15.3): place and time, justering,
the signatures and the ANSLAG/BEVIS box on page 1, the attendance (närvarolista) on the next
page and the paragraphs after it without a page of their own; ``protocol_first_page =
"attendance"`` in a style's ``style.toml`` keeps the older order. Measured from the PDFs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import trygga_docs
from trygga_docs.style import load_style

from .conftest import EXAMPLES

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""

YEAR = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"
APRIL = "2025-04-14"  # four §§


def _old_style(folder: Path, base: str) -> Path:
    """A style folder like ``base`` with the older first page."""
    folder.mkdir(parents=True)
    source = Path(load_style(base).directory)
    text = (source / "style.toml").read_text(encoding="utf-8") if (source / "style.toml").exists() \
        else ""
    text = re.sub(r'(?m)^(name|protocol_first_page) = .*$', "", text)
    for extra in source.glob("*.png"):
        (folder / extra.name).write_bytes(extra.read_bytes())
    (folder / "style.toml").write_text(f'name = "{base}-gammal"\n{text}\n'
                                       'protocol_first_page = "attendance"\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def protocols(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """April's protocol as PDF in both bundled styles, new and old first page."""
    out = tmp_path_factory.mktemp("first-page")
    found = {}
    for base in ("default", "klassisk"):
        for layout, style in (("signatures", base),
                              ("attendance", str(_old_style(out / f"{base}-old", base)))):
            [pdf] = trygga_docs.render_file(YEAR, out / f"{base}-{layout}.pdf", meeting=APRIL,
                                            formats=("pdf",), style=style)
            found[base, layout] = pdf
    return found


def pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def fill(pdf: Path) -> list[float]:
    """How far down each page the body text reaches, as a share of the body's height (header
    and footer left out), from pdftotext's word boxes."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    shares = []
    for page in re.split(r"<page ", out)[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        body = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page) if 90 < float(y) < height - 110]
        shares.append((max(body) - 90) / (height - 200) if body else 0.0)
    return shares


@pytest.mark.parametrize("base", ["default", "klassisk"])
def test_signatures_and_anslag_are_on_the_first_page(protocols, base):
    first, second = pages(protocols[base, "signatures"])[:2]
    for text in ("Plats och tid", "Utses att justera", "Paragrafer", "Underskrifter", "Sekreterare",
                 "Ordförande", "Justera", "ANSLAG/BEVIS", "Sista dag för överklagande",
                 "Förvaringsplats för protokollet"):
        assert text in first, text
    assert "Beslutande" not in first and "Närvarolista" in second and "Beslutande" in second
    # the paragraphs follow the attendance on the same page
    # the § and its number are bound by a no-break space, which the PDF's font reads back as
    # one (Caladea) or as a plain space (Carlito)
    assert "§ 14 Lägesbild från polisen" in second.replace(NBSP, " ")


@pytest.mark.parametrize("base", ["default", "klassisk"])
def test_the_older_first_page_is_a_style_option(protocols, base):
    first, second = pages(protocols[base, "attendance"])[:2]
    assert "Beslutande" in first and "Närvarolista" not in first + second
    assert "ANSLAG/BEVIS" in second and "ANSLAG/BEVIS" not in first


@pytest.mark.parametrize("base", ["default", "klassisk"])
def test_a_four_paragraph_meeting_has_no_half_empty_page_before_its_last(protocols, base):
    new, old = fill(protocols[base, "signatures"]), fill(protocols[base, "attendance"])
    assert len(new) <= len(old)
    assert min(old[:-1]) < 0.65  # the older layout's second page: signatures and the box only
    assert new[0] > 0.8 and new[1] > 0.8  # a full first page, then attendance and paragraphs


def test_no_empty_page_when_the_first_page_is_full(tmp_path):
    """17 March (a secret item: the classification line too) fills klassisk's first page; the
    attendance starts the next page with no blank page between."""
    [pdf] = trygga_docs.render_file(YEAR, tmp_path / "mars.pdf", meeting="2025-03-17",
                                    formats=("pdf",), style="klassisk")
    assert min(fill(pdf)[:4]) > 0.5
    assert "Närvarolista" in pages(pdf)[1]


def test_a_style_with_an_unknown_first_page_is_refused(tmp_path):
    (tmp_path / "style.toml").write_text('protocol_first_page = "närvaro"\n', encoding="utf-8")
    with pytest.raises(trygga_docs.DataError) as caught:
        load_style(tmp_path)
    assert caught.value.path == "protocol_first_page"
    assert "'signatures' or 'attendance'" in caught.value.message
