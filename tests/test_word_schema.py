"""Word reads property elements in schema order only: templates and every output keep it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

import trygga_docs
from trygga_docs.batch import data_files, render_many
from trygga_docs.word.ooxml import SCHEMA_ORDER
from trygga_docs.style import BUNDLED_TEMPLATES

from .conftest import HOOR_AGREEMENT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def out_of_order(path: Path) -> list[str]:
    """Every property element in the file whose children break the schema's order."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for parent, order in SCHEMA_ORDER.items():
                for element in root.iter(f"{{{W}}}{parent}"):
                    ranks = [order.index(etree.QName(c).localname) for c in element
                             if etree.QName(c).namespace == W and etree.QName(c).localname in order]
                    if ranks != sorted(ranks):
                        found.append(f"{name}: {parent}: "
                                     + " ".join(etree.QName(c).localname for c in element))
    return found


@pytest.mark.parametrize("template", sorted(BUNDLED_TEMPLATES.glob("*/*.docx")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_templates_keep_the_schema_order(template):
    assert out_of_order(template) == []


@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_every_rendered_example_keeps_the_schema_order(style, tmp_path):
    result = render_many(data_files(trygga_docs.EXAMPLES), tmp_path, style=style,
                         document=None, workers=2)
    assert result.ok, result.summary()
    cycle = render_many(data_files(trygga_docs.EXAMPLES / "trygghetsutskottet-2025"), tmp_path / "cykel",
                        style=style, document="notice,extract,register", workers=2)
    assert cycle.ok, cycle.summary()
    written = [p for p in (*result.written, *cycle.written) if p.suffix == ".docx"]
    assert len(written) > 40
    assert {str(p.name): out_of_order(p) for p in written if out_of_order(p)} == {}


def test_the_filled_docx_from_libreoffice_keeps_the_schema_order(tmp_path):
    (docx,) = trygga_docs.render_file(HOOR_AGREEMENT, tmp_path / "avtal.docx", fill_toc=True)
    assert out_of_order(docx) == []
