"""The warm converter's pool of workers (real LibreOffice): an interruption drops the documents not
yet started, and closing the converter ends the batch it is running."""

from __future__ import annotations

import threading

import pytest

from tests.test_pdf import HEADINGS, live_in_groups, make_minutes_docx, soffice_processes, wait_until
from trygga_docs.pdf.convert import Converter, PdfOptions


def test_ctrl_c_in_a_batch_drops_the_documents_not_started_and_stops_libreoffice(tmp_path):
    docs = [make_minutes_docx(tmp_path / f"d{n}.docx", headings=HEADINGS[:1], paragraphs=1)
            for n in range(6)]
    done = []

    def on_done(result):
        done.append(result)
        raise KeyboardInterrupt  # what Ctrl-C raises in the calling thread

    with Converter(workers=1, timeout=60) as conv:
        with pytest.raises(KeyboardInterrupt):
            conv.convert_many([(d, d.with_suffix(".pdf"), PdfOptions()) for d in docs],
                              on_done=on_done)
        marker = str(conv.work_dir)
        groups = conv.process_groups
    assert len(done) == 1 and done[0].ok
    # the one worker may have begun (or, on a busy machine, finished) the second document
    assert {p.name for p in tmp_path.glob("*.pdf")} - {"d1.pdf"} == {"d0.pdf"}
    assert not groups and wait_until(lambda: not soffice_processes(marker))
    assert not [t for t in threading.enumerate() if t.name.startswith("trygga-pdf")]


def test_closing_the_converter_mid_batch_reports_the_documents_not_started(tmp_path):
    docs = [make_minutes_docx(tmp_path / f"d{n}.docx", headings=HEADINGS[:1], paragraphs=1)
            for n in range(6)]
    with Converter(workers=1, timeout=60) as conv:
        groups: list[int] = []

        def close_after_first(result):
            if not groups:
                groups.extend(conv.process_groups)
                conv.close()  # as another part of the program may, while the batch runs

        results = conv.convert_many([(d, d.with_suffix(".pdf"), PdfOptions()) for d in docs],
                                    on_done=close_after_first)
    assert results[0].ok and groups
    # the second document may have been running when LibreOffice was killed; none after it ran
    assert not any(r.ok for r in results[2:])
    assert all("not converted" in r.error for r in results[2:])
    assert {p.name for p in tmp_path.glob("*.pdf")} - {"d1.pdf"} == {"d0.pdf"}
    assert wait_until(lambda: not live_in_groups(groups))
