"""A batch to PDF: warm LibreOffice workers, every file converted, none left running."""

from __future__ import annotations

import subprocess

import pypdf

import trygga_docs

from .conftest import CLI


def soffice_processes() -> set[str]:
    return set(subprocess.run(["pgrep", "-f", "soffice.bin"], capture_output=True,
                              text=True).stdout.split())


def test_batch_writes_word_and_pdf_for_every_example_and_stops_its_libreoffice(tmp_path):
    before = soffice_processes()
    result = subprocess.run([*CLI, "batch", str(trygga_docs.EXAMPLES / "hoor"), "--out", str(tmp_path),
                             "--format", "docx,pdf", "--workers", "2"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    docxs = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert len(pdfs) == len(docxs) == 5
    assert "10 written, 0 failed" in result.stdout
    for name, key in (("samverkansoverenskommelse.pdf", "Trygga Höör trygghetsråd"),
                      ("minnesanteckningar-2019-11-25.pdf", "Vid pennan"),
                      ("medborgarloften-2019.pdf", "Minst tolv trafikinsatser")):
        reader = pypdf.PdfReader(tmp_path / name)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert key in text, name
        assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    assert soffice_processes() - before == set()
