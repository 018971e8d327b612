"""How a warm worker runs LibreOffice (real LibreOffice): it starts from one cached, initialised
profile, and converts inside LibreOffice's own process, or drives it from outside when asked to."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_pdf import (
    HEADINGS,
    live_in_groups,
    make_minutes_docx,
    soffice_bin_in,
    soffice_processes,
    wait_until,
)
from trygga_docs.errors import ConversionError
from trygga_docs.pdf import lo_profile
from trygga_docs.pdf._uno_worker import IN_PROCESS_ENV
from trygga_docs.pdf.convert import Converter, PdfOptions


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of this test's own, and no profile remembered from earlier tests."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(lo_profile.CACHE_ENV, str(folder))
    monkeypatch.setattr(lo_profile, "_templates", {})
    return folder


def _convert_two(tmp_path: Path) -> list[Path]:
    docs = [make_minutes_docx(tmp_path / f"protokoll-{n}.docx", headings=HEADINGS[:2],
                              paragraphs=1) for n in (1, 2)]
    with Converter(workers=2, timeout=60) as conv:
        results = conv.convert_many([(d, d.with_suffix(".pdf"), PdfOptions(title=d.stem))
                                     for d in docs])
    assert [r.error for r in results] == [None, None]
    return [r.pdf for r in results]


def test_workers_start_from_one_profile_that_libreoffice_initialised_once(tmp_path, cache):
    pdfs = _convert_two(tmp_path)
    assert all("Lägesbild från lokalpolisområdet" in PdfReader(p).pages[0].extract_text()
               for p in pdfs)

    [profile] = cache.iterdir()  # one profile for both workers, no half-built leftovers
    assert profile.name.startswith("lo-profile-")
    settings = (profile / "user" / "registrymodifications.xcu").read_text()
    assert "DisableMacrosExecution" in settings  # ours: macros stay off
    assert "ooSetupInstCompleted" in settings  # LibreOffice's: its first start is done
    assert not soffice_processes(str(profile.parent))  # initialising left nothing running

    built = profile.stat().st_mtime_ns
    lo_profile._templates.clear()  # as a new Python process would
    _convert_two(tmp_path)
    assert [p.name for p in cache.iterdir()] == [profile.name]
    assert profile.stat().st_mtime_ns == built  # reused, not rebuilt


def test_a_cache_that_cannot_be_written_falls_back_to_fresh_profiles(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv(lo_profile.CACHE_ENV, str(blocked / "cache"))
    monkeypatch.setattr(lo_profile, "_templates", {})
    pdfs = _convert_two(tmp_path)
    assert all(PdfReader(p).metadata["/Title"].startswith("protokoll-") for p in pdfs)


def _convert_with(tmp_path: Path, name: str) -> tuple[bool, PdfReader]:
    docx = make_minutes_docx(tmp_path / f"{name}.docx", headings=HEADINGS[:3], paragraphs=2)
    with Converter(workers=1, timeout=60) as conv:
        [result] = conv.convert_many([(docx, tmp_path / f"{name}.pdf",
                                       PdfOptions(title="Protokoll", author="Åsa Öberg"))])
        in_process = conv._all[0].in_process
    assert result.ok, result.error
    return in_process, PdfReader(result.pdf)


def test_conversion_runs_inside_libreoffice_or_from_outside_with_the_same_result(
        tmp_path, monkeypatch, caplog):
    # Inside when this LibreOffice's Python loader can load the converter (it could not on a
    # fresh Debian 12 machine once: std::bad_alloc); then a warning says so. Outside when asked.
    inside, inside_pdf = _convert_with(tmp_path, "inuti")
    assert inside or "could not load the in-process converter" in caplog.text
    monkeypatch.setenv(IN_PROCESS_ENV, "0")
    outside, outside_pdf = _convert_with(tmp_path, "utifran")
    assert outside is False
    texts = [[page.extract_text() for page in pdf.pages] for pdf in (inside_pdf, outside_pdf)]
    assert texts[0] == texts[1]
    assert "Lägesbild från lokalpolisområdet" in texts[0][0]  # the filled table of contents
    for pdf in (inside_pdf, outside_pdf):
        assert pdf.metadata["/Title"] == "Protokoll" and pdf.metadata["/Author"] == "Åsa Öberg"
        assert pdf.trailer["/Root"]["/Lang"] == "sv-SE"


def test_start_brings_every_worker_up_at_once_and_conversions_use_them(tmp_path):
    docs = [make_minutes_docx(tmp_path / f"p{n}.docx", headings=HEADINGS[:1], paragraphs=1)
            for n in range(4)]
    with Converter(workers=2, timeout=60) as conv:
        conv.start()
        groups = sorted(conv.process_groups)
        assert len(groups) == 2 and len(soffice_bin_in(groups)) == 2  # both running already
        results = conv.convert_many([(d, d.with_suffix(".pdf")) for d in docs])
        assert sorted(conv.process_groups) == groups  # no worker started again
    assert all(r.ok for r in results)
    assert not live_in_groups(groups)


def test_start_in_the_background_then_closing_at_once_leaves_no_libreoffice(tmp_path):
    with Converter(workers=2, timeout=60) as conv:
        conv.start(wait=False)
        assert wait_until(lambda: conv.work_dir is not None)
        marker = str(conv.work_dir)
        assert wait_until(lambda: soffice_processes(marker), timeout=60)  # on its way up
    assert wait_until(lambda: not soffice_processes(marker), timeout=10)
    assert not Path(marker).exists()


def test_start_in_the_background_overlaps_and_the_first_conversion_waits_for_it(tmp_path):
    docx = make_minutes_docx(tmp_path / "p.docx", headings=HEADINGS[:1], paragraphs=1)
    with Converter(workers=1, timeout=60) as conv:
        conv.start(wait=False)
        assert conv.convert(docx, tmp_path / "p.pdf")  # waits for the starting worker
        assert len(conv.process_groups) == 1
    assert "Trygghetsrådet" in PdfReader(tmp_path / "p.pdf").pages[0].extract_text()


def test_start_says_why_libreoffice_does_not_start():
    with Converter(workers=2, soffice="/bin/false") as conv, \
            pytest.raises(ConversionError, match="did not start"):
        conv.start()


BROKEN_LOADER = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("_uno_worker", {script!r})
worker = importlib.util.module_from_spec(spec)
spec.loader.exec_module(worker)
worker.COMPONENT = "org.trygga_docs.NoSuchConverter"  # LibreOffice's loader finds nothing
worker.main(sys.argv[1:])
"""


def test_libreoffice_that_cannot_load_the_in_process_converter_is_named_once_and_still_converts(
        tmp_path, monkeypatch, caplog):
    from trygga_docs.pdf import process as pdf_process

    wrapper = tmp_path / "broken_loader.py"
    wrapper.write_text(BROKEN_LOADER.format(script=str(pdf_process.WORKER_SCRIPT)))
    monkeypatch.setattr(pdf_process, "WORKER_SCRIPT", wrapper)
    pdfs = _convert_two(tmp_path)  # two workers, one converter
    assert all("Lägesbild från lokalpolisområdet" in PdfReader(p).pages[0].extract_text()
               for p in pdfs)
    warnings = [r for r in caplog.records
                if "could not load the in-process converter" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelname == "WARNING"
    assert "NoSuchConverter" in warnings[0].getMessage()
