"""A batch to PDF: warm LibreOffice workers, every file converted, none left running."""

from __future__ import annotations

import os
import subprocess

import pypdf

import trygga_docs

from .conftest import CLI


def soffice_processes(marker: str) -> set[str]:
    """LibreOffice processes whose command line holds ``marker`` (their profile's folder)."""
    return set(subprocess.run(["pgrep", "-f", f"soffice.bin.*{marker}"], capture_output=True,
                              text=True).stdout.split())


def test_batch_writes_word_and_pdf_for_every_example_and_stops_its_libreoffice(tmp_path):
    # the batch's LibreOffice profiles go under a folder of this test's own, so other tests'
    # LibreOffice (running in parallel) cannot be mistaken for a leftover of this one
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    out = tmp_path / "out"
    result = subprocess.run([*CLI, "batch", str(trygga_docs.EXAMPLES / "hoor"), "--out", str(out),
                             "--format", "docx,pdf", "--workers", "2"],
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "TMPDIR": str(own_tmp)})
    assert result.returncode == 0, result.stderr
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    docxs = sorted(p.name for p in out.glob("*.docx"))
    assert len(pdfs) == len(docxs) == 5
    assert "10 written, 0 failed" in result.stdout
    for name, key in (("samverkansoverenskommelse.pdf", "Trygga Höör trygghetsråd"),
                      ("minnesanteckningar-2019-11-25.pdf", "Vid pennan"),
                      ("medborgarloften-2019.pdf", "Minst tolv trafikinsatser")):
        reader = pypdf.PdfReader(out / name)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert key in text, name
        assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    assert soffice_processes(str(own_tmp)) == set()
    assert list(own_tmp.iterdir()) == []  # profiles removed too
