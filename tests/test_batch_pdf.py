"""A batch to PDF: warm LibreOffice workers, every file converted, none left running."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pypdf

import trygga_docs

from .conftest import CLI, docx_text


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
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    docxs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert len(pdfs) == len(docxs) == 5
    assert "10 written, 0 failed" in result.stdout
    # a meeting file's documents go into its folder, named by meeting and document
    notes = "minnesanteckningar-2019-11-25/2019-11-25-minnesanteckningar.pdf"
    assert notes in pdfs
    for name, key in (("samverkansoverenskommelse.pdf", "Trygga Höör trygghetsråd"),
                      (notes, "Vid pennan"),
                      ("medborgarloften-2019.pdf", "Minst tolv trafikinsatser")):
        reader = pypdf.PdfReader(out / name)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert key in text, name
        assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    assert soffice_processes(str(own_tmp)) == set()
    assert list(own_tmp.iterdir()) == []  # profiles removed too


def test_ctrl_c_during_a_pdf_batch_leaves_no_partial_file_and_no_libreoffice(tmp_path):
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    out = tmp_path / "ut"
    proc = subprocess.Popen([*CLI, "batch", str(trygga_docs.EXAMPLES / "trygghetsutskottet-2025"),
                             "--out", str(out), "--format", "docx,pdf", "--workers", "2",
                             "--document", "protocol,extract"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "TMPDIR": str(own_tmp)})
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(out.rglob("*.pdf")):
            time.sleep(0.1)
        assert list(out.rglob("*.pdf")), "no PDF was written before the interruption"
        # mid-batch: the first PDF is there and the rest are not (asserted below)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C goes to the whole process group
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert [p.name for p in out.rglob(".*")] == []  # no temporary names left beside the output
    for pdf in out.rglob("*.pdf"):  # what was written is whole
        assert pypdf.PdfReader(pdf).pages
    # the batch stopped: the work not yet started was dropped, not carried out after Ctrl-C
    everything = subprocess.run([*CLI, "batch", str(trygga_docs.EXAMPLES / "trygghetsutskottet-2025"),
                                 "--out", str(tmp_path / "allt"), "--format", "docx",
                                 "--document", "protocol,extract"],
                                capture_output=True, text=True, timeout=300)
    assert everything.returncode == 0, everything.stderr
    assert len(list(out.rglob("*.pdf"))) < len(list((tmp_path / "allt").rglob("*.docx")))
    assert soffice_processes(str(own_tmp)) == set()
    assert list(own_tmp.iterdir()) == []


def test_render_to_word_and_pdf_writes_the_same_word_file_and_nothing_when_pdf_fails(tmp_path):
    minutes = trygga_docs.EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"

    def render(out, formats, **env):
        return subprocess.run([*CLI, "render", str(minutes), "--out", str(out), "--format",
                               formats], capture_output=True, text=True, timeout=300,
                              env={**os.environ, **env})

    both = render(tmp_path / "bada" / "anteckningar", "docx,pdf")
    alone = render(tmp_path / "ensam" / "anteckningar", "docx")
    assert both.returncode == alone.returncode == 0, both.stderr + alone.stderr
    assert docx_text(tmp_path / "bada" / "anteckningar.docx") == docx_text(
        tmp_path / "ensam" / "anteckningar.docx")
    assert pypdf.PdfReader(tmp_path / "bada" / "anteckningar.pdf").pages

    failed = render(tmp_path / "trasig" / "anteckningar", "docx,pdf",
                    TRYGGA_DOCS_SOFFICE="/bin/false")
    assert failed.returncode == 1 and "did not start" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert not (tmp_path / "trasig").exists() or not list((tmp_path / "trasig").iterdir())
