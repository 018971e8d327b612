"""One municipality per document (issue 15.7): a house style that names a municipality is warned
about on another municipality's data (API, command line, batch), and the gallery never prints the
invented Ekby's logo, name or address on Höör's documents."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import docx
import pytest

import trygga_docs
from trygga_docs.batch import render_many
from trygga_docs.context.identity import StyleIdentityWarning, identity_mismatch, issuer
from trygga_docs.style import load_style

from .conftest import CLI

EXAMPLES = trygga_docs.EXAMPLES
HOOR = sorted((EXAMPLES / "hoor").glob("*.yaml"))
EKBY = sorted((EXAMPLES / "ekby").glob("*.yaml")) + [
    EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))


def header_footer_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
            parts += [c.text for t in part.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def pictures(path: Path) -> list[str]:
    """The alt texts of the pictures in a document's headers."""
    document = docx.Document(str(path))
    return [el.get("descr") or "" for section in document.sections
            for part in (section.header, section.first_page_header)
            for el in part._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]


@pytest.mark.parametrize("data", HOOR, ids=lambda p: p.stem)
def test_the_ekby_style_on_hoor_data_is_warned_about(data):
    model = trygga_docs.load(data)
    message = identity_mismatch(model, load_style("klassisk"))
    assert message and "Ekby kommun" in message and issuer(model) in message
    assert identity_mismatch(model, load_style()) is None  # the default names no municipality


@pytest.mark.parametrize("data", EKBY, ids=lambda p: p.stem)
def test_the_ekby_style_fits_ekby_data(data):
    assert identity_mismatch(trygga_docs.load(data), load_style("klassisk")) is None


def test_render_warns_and_the_command_line_prints_it(tmp_path):
    promises = EXAMPLES / "hoor" / "medborgarloften-2019.yaml"
    with pytest.warns(StyleIdentityWarning, match="Ekby kommun's"):
        trygga_docs.render_file(promises, tmp_path / "a.docx", style="klassisk")
    with warnings.catch_warnings():
        warnings.simplefilter("error", StyleIdentityWarning)
        trygga_docs.render_file(promises, tmp_path / "b.docx")
        trygga_docs.render_file(EXAMPLES / "ekby" / "lagesbild-2020-2024.yaml", tmp_path / "c.docx",
                                style="klassisk")
    result = subprocess.run([*CLI, "render", str(promises), "--style", "klassisk", "--out",
                             str(tmp_path / "d.docx")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning:") == 1 and "Höörs kommun" in result.stderr


def test_a_batch_lists_each_file_of_another_municipality_once(tmp_path):
    result = render_many([EXAMPLES / "hoor" / "medborgarloften-2019.yaml",
                          EXAMPLES / "ekby" / "lagesbild-2020-2024.yaml"], tmp_path,
                         style="klassisk", workers=1)
    assert result.ok
    assert len(result.warnings) == 1 and "medborgarloften-2019.yaml" in result.warnings[0]


def test_the_gallery_shows_hoor_without_ekby_and_ekby_with_its_identity(tmp_path):
    import gallery

    klassisk = load_style("klassisk")
    hoor = trygga_docs.load(EXAMPLES / "hoor" / "medborgarloften-2019.yaml")
    [shown] = trygga_docs.render(hoor, tmp_path / "hoor.docx", style=gallery.style_for(hoor, klassisk))
    assert "Ekby" not in header_footer_text(shown) and pictures(shown) == []
    ekby = trygga_docs.load(EXAMPLES / "ekby" / "lagesbild-2020-2024.yaml")
    [own] = trygga_docs.render(ekby, tmp_path / "ekby.docx", style=gallery.style_for(ekby, klassisk))
    assert "Storgatan 1" in header_footer_text(own)
    assert any("Ekby kommun" in alt for alt in pictures(own))
