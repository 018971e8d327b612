"""Bilagor: named in the data, checked when loading, appended to the PDF with a bookmark."""

from __future__ import annotations

import shutil

import pypdf
import pytest

import trygga_docs
from trygga_docs import DataError

YEAR = trygga_docs.EXAMPLES / "trygghetsutskottet-2025"


def outline(path):
    return [item.title for item in pypdf.PdfReader(path).outline if not isinstance(item, list)]


def test_a_missing_bilaga_is_found_by_load_with_its_place_in_the_data(tmp_path):
    copy = tmp_path / "år"
    shutil.copytree(YEAR, copy, ignore=shutil.ignore_patterns("bilagor"))
    with pytest.raises(DataError) as caught:
        trygga_docs.load(copy / "sammantraden-2025.yaml")
    error = caught.value
    assert error.path == "meetings[0].items[2].attachments[0].file"
    assert error.line is not None
    assert "bilagor/forslag-medborgarloften-2025.pdf" in error.message
    assert "does not exist" in error.message


def test_a_bilaga_that_is_not_a_pdf_is_refused(tmp_path):
    copy = tmp_path / "år"
    shutil.copytree(YEAR, copy)
    (copy / "bilagor" / "forslag-medborgarloften-2025.pdf").write_text("inte en pdf", encoding="utf-8")
    with pytest.raises(DataError, match="is not a PDF file"):
        trygga_docs.load(copy / "sammantraden-2025.yaml")


def test_protocol_and_its_extract_carry_the_bilaga_and_other_extracts_do_not(tmp_path):
    written = trygga_docs.render_file(YEAR / "sammantraden-2025.yaml", tmp_path, formats="pdf",
                                      document="protocol,extract", meeting="2025-01-20")
    names = {p.name: p for p in written}
    bookmark = "Bilaga 1 – Förslag till medborgarlöften 2025"
    assert bookmark in outline(names["2025-01-20-protokoll.pdf"])
    assert bookmark in outline(names["2025-01-20-protokollsutdrag-§3.pdf"])
    assert bookmark not in outline(names["2025-01-20-protokollsutdrag-§1.pdf"])
    last_page = pypdf.PdfReader(names["2025-01-20-protokollsutdrag-§3.pdf"]).pages[-1].extract_text()
    assert "Förslag till medborgarlöften 2025" in last_page
