"""The PDF/UA step repairs the document metadata in its own pass (meta.repair_metadata, pikepdf)
exactly as meta.ensure_metadata does on a file (pypdf), so a conversion needs one write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

import trygga_docs
from trygga_docs.pdf import Converter
from trygga_docs.pdf.meta import ensure_metadata, xmp_summary
from trygga_docs.pdf.tagging import make_accessible

from .conftest import HOOR_AGREEMENT


@pytest.fixture(scope="module")
def agreement_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("meta") / "avtal"
    with Converter() as converter:
        (pdf,) = trygga_docs.render_file(HOOR_AGREEMENT, out, formats=["pdf"],
                                         converter=converter)
    return pdf


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
