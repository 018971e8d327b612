"""``batch --resume`` goes on after an interrupted batch: a document whose files are newer than its
data file and the house style (templates included) is kept and reported as skipped; anything
missing or older is rendered again. Times are set with ``os.utime``, never waited for."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import trygga_docs
from trygga_docs.style import BUNDLED_TEMPLATES

from .conftest import CLI


def batch(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*CLI, "batch", str(source), "--out", str(out), "--workers", "2",
                             "--document", "protocol,extract", *extra],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def stamps(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def changed(out: Path, *paths: Path) -> None:
    """Make ``paths`` newer than everything in ``out``, and both older than what is written
    next, as if they had been edited after the last batch."""
    now = time.time()
    for path in out.rglob("*"):
        os.utime(path, (now - 60, now - 60))
    for path in paths:
        os.utime(path, (now - 30, now - 30))


def copied_example(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    shutil.copytree(trygga_docs.EXAMPLES / "trygghetsutskottet-2025", source)
    return source


def test_resume_keeps_documents_newer_than_their_data_and_renders_what_is_missing(tmp_path):
    source, out = copied_example(tmp_path), tmp_path / "ut"
    first = batch(source, out)
    before = stamps(out)
    assert f"{len(before)} written, 0 failed" in first.stdout

    missing = sorted(before)[3]
    (out / missing).unlink()  # as if the batch had been stopped before this one
    again = batch(source, out, "--resume")
    assert f"1 written, 0 failed, {len(before) - 1} skipped as up to date" in again.stdout
    after = stamps(out)
    assert after.keys() == before.keys()
    assert {k: v for k, v in after.items() if k != missing} == {
        k: v for k, v in before.items() if k != missing}


def test_resume_renders_again_what_a_changed_data_file_or_style_template_affects(tmp_path):
    source, out = copied_example(tmp_path), tmp_path / "ut"
    style = tmp_path / "stil"
    shutil.copytree(BUNDLED_TEMPLATES / "klassisk", style)
    count = batch(source, out, "--style", str(style)).stdout.split()[0]

    changed(out, source / "sammantraden-2025.yaml")  # § numbers run across the file: all of it again
    assert f"{count} written, 0 failed" in batch(source, out, "--style", str(style),
                                                 "--resume").stdout
    assert f"0 written, 0 failed, {count} skipped as up to date" in batch(
        source, out, "--style", str(style), "--resume").stdout

    changed(out, next(style.glob("*.docx")))
    assert f"{count} written, 0 failed" in batch(source, out, "--style", str(style),
                                                 "--resume").stdout


def test_resume_keeps_one_document_files_that_are_up_to_date(tmp_path):
    out = tmp_path / "ut"
    hoor = trygga_docs.EXAMPLES / "hoor"
    run = [*CLI, "batch", str(hoor), "--out", str(out), "--workers", "2"]
    first = subprocess.run(run, capture_output=True, text=True, timeout=300)
    count = len(stamps(out))
    assert f"{count} written, 0 failed" in first.stdout
    again = subprocess.run([*run, "--resume"], capture_output=True, text=True, timeout=300)
    assert f"0 written, 0 failed, {count} skipped as up to date" in again.stdout
