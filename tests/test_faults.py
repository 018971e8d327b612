"""Faults end a PDF batch cleanly: SIGTERM and SIGHUP (to the batch or to its whole process group)
stop it the way Ctrl-C does. Nothing of it lives on (pool workers, UNO workers, LibreOffice), no
half-written file stays beside the output and no temporary folder is left behind.

Every process of the batch is found by a unique marker in its environment, which every process it
starts inherits (LibreOffice included), by walking /proc."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pypdf
import pytest

import trygga_docs

from .conftest import CLI

MARKER_ENV = "TRYGGA_DOCS_TEST_MARKER"
EXAMPLE = trygga_docs.EXAMPLES / "trygghetsutskottet-2025"

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")


def marked_processes(marker: str) -> list[int]:
    """Live (not zombie) processes whose environment or command line holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if stat[stat.rfind(")") + 2:].startswith("Z"):
                continue
            if marker.encode() in (entry / "environ").read_bytes() + (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_for(predicate, what: str, timeout: float = 180.0) -> None:
    """Poll until ``predicate()`` holds; the timeout only guards against a hang."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def start_batch(tmp_path: Path, marker: str) -> tuple[subprocess.Popen[str], Path, Path]:
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    out = tmp_path / "ut"
    proc = subprocess.Popen(
        [*CLI, "batch", str(EXAMPLE), "--out", str(out), "--format", "pdf", "--workers", "2",
         "--document", "protocol,extract"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "TMPDIR": str(own_tmp), MARKER_ENV: marker})
    return proc, out, own_tmp


@pytest.fixture
def marker():
    """A marker unique to the test; whatever carries it is killed afterwards, pass or fail."""
    marker = f"trygga-test-{uuid.uuid4().hex}"
    yield marker
    for pid in marked_processes(marker):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize(("signum", "to_group"), [
    (signal.SIGTERM, False),  # kill PID, systemd, a CI runner's time-out
    (signal.SIGHUP, True),  # the terminal closes: its whole foreground process group
    (signal.SIGTERM, True),
])
def test_sigterm_and_sighup_stop_a_pdf_batch_leaving_no_process_part_file_or_temp_folder(
        tmp_path, marker, signum, to_group):
    proc, out, own_tmp = start_batch(tmp_path, marker)
    with proc:
        wait_for(lambda: list(out.rglob("*.pdf")) or proc.poll() is not None, "the first PDF")
        assert proc.poll() is None, proc.communicate()[1]
        # mid-batch: the pool workers and their LibreOffice are running
        assert len(marked_processes(marker)) >= 3
        if to_group:
            os.killpg(proc.pid, signum)
        else:
            os.kill(proc.pid, signum)
        wait_for(lambda: proc.poll() is not None, "the batch to end")
        left = marked_processes(marker)
        stderr = proc.stderr.read() if not left else ""  # survivors would hold the pipe open
    assert proc.returncode == 128 + signum, stderr
    assert left == []  # nothing lives on to write after the batch ended
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert [p.name for p in out.rglob(".*")] == []  # no .part files
    written = list(out.rglob("*.pdf"))
    for pdf in written:  # what was written is whole
        assert pypdf.PdfReader(pdf).pages
    assert len(written) < 52  # it stopped: the work not yet started was dropped
    assert list(own_tmp.iterdir()) == []  # no /tmp/trygga-docs* folders, no profiles


def test_a_pdf_batch_stopped_by_sigterm_is_finished_by_resume(tmp_path, marker):
    proc, out, own_tmp = start_batch(tmp_path, marker)
    with proc:
        wait_for(lambda: list(out.rglob("*.pdf")) or proc.poll() is not None, "the first PDF")
        os.kill(proc.pid, signal.SIGTERM)
        wait_for(lambda: proc.poll() is not None, "the batch to end")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    resumed = subprocess.run(
        [*CLI, "batch", str(EXAMPLE), "--out", str(out), "--format", "pdf", "--workers", "2",
         "--document", "protocol,extract", "--resume"],
        capture_output=True, text=True, timeout=600, env={**os.environ, MARKER_ENV: marker})
    assert resumed.returncode == 0, resumed.stderr
    assert (f"{52 - len(before)} written, 0 failed, {len(before)} skipped as up to date"
            in resumed.stdout)
    assert len(list(out.rglob("*.pdf"))) == 52
    assert {p: p.stat().st_mtime_ns for p in before} == before  # kept, not written again
