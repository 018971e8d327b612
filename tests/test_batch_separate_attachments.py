"""``batch --separate-attachments`` publishes as ``render --separate-attachments`` does: the PDF
without its bilagor' pages, each bilaga a file of its own beside it under the name render gives
it, and the same /MarkInfo and PDF/UA claim."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
from pypdf import PdfReader

import trygga_docs

from .conftest import CLI, EXAMPLES

YEAR = "trygghetsutskottet-2025"
NAME = "sammantraden-2025.yaml"


def _first_quarter(tmp: Path) -> Path:
    """The example year cut to its meetings of January to March (the March meeting has two
    bilagor, one of them secret; January has one): a short batch that still has them all."""
    folder = tmp / "data"
    shutil.copytree(EXAMPLES / YEAR, folder)
    path = folder / NAME
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("\n  - date: 2025-04-14")] + "\n", encoding="utf-8")
    return path


def _claims(pdf: Path) -> tuple[int, dict[str, bool], bool, list[str]]:
    """Pages, /MarkInfo, whether the XMP claims PDF/UA, and the page labels."""
    with pikepdf.open(pdf) as doc:
        mark_info = {str(k): bool(v) for k, v in doc.Root.MarkInfo.items()}
        xmp = doc.Root.Metadata.read_bytes().decode("utf-8")
        pages = len(doc.pages)
    return pages, mark_info, "pdfuaid" in xmp, list(PdfReader(pdf).page_labels)


def test_batch_separate_attachments_writes_the_bilagor_beside_as_render_does(tmp_path):
    source = _first_quarter(tmp_path)
    out = tmp_path / "batch"
    run = subprocess.run([*CLI, "batch", str(source.parent), "--out", str(out), "--format", "pdf",
                          "--document", "protocol", "--workers", "2", "--separate-attachments"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    folder = out / "sammantraden-2025"
    assert sorted(p.name for p in folder.iterdir()) == [
        "2025-01-20-protokoll-bilaga-1.pdf", "2025-01-20-protokoll.pdf",
        "2025-02-17-protokoll.pdf",
        "2025-03-17-protokoll-bilaga-1.pdf", "2025-03-17-protokoll-bilaga-2.pdf",
        "2025-03-17-protokoll.pdf"]

    # the same meeting rendered alone, with and without merging
    alone = trygga_docs.render_file(source, tmp_path / "render" / "protokoll", formats=["pdf"],
                                    document="protocol", meeting="2025-03-17",
                                    separate_attachments=True)
    merged = trygga_docs.render_file(source, tmp_path / "merged" / "protokoll", formats=["pdf"],
                                     document="protocol", meeting="2025-03-17")
    assert sorted(p.name for p in alone) == ["protokoll-bilaga-1.pdf", "protokoll-bilaga-2.pdf",
                                             "protokoll.pdf"]
    for n, title in ((1, "polisen"), (2, "socialforvaltningen")):  # copied as given, in order
        given = (source.parent / "bilagor" / f"bilaga-2025-03-17-{title}.pdf").read_bytes()
        assert (folder / f"2025-03-17-protokoll-bilaga-{n}.pdf").read_bytes() == given
        assert (tmp_path / "render" / f"protokoll-bilaga-{n}.pdf").read_bytes() == given

    pages, mark_info, ua, labels = _claims(folder / "2025-03-17-protokoll.pdf")
    assert (pages, mark_info, ua) == _claims(tmp_path / "render" / "protokoll.pdf")[:3]
    assert not any("Bilaga" in label for label in labels)  # no bilaga's page in it
    assert mark_info == {"/Marked": True} and ua  # the claim render writes without merging
    merged_pages, merged_info, merged_ua, merged_labels = _claims(
        next(p for p in merged if p.suffix == ".pdf"))
    assert merged_pages > pages and any("Bilaga" in label for label in merged_labels)
    assert merged_info.get("/Suspects") and not merged_ua  # what merging would have cost
