"""No silent overwrite: two documents of one run never share a path. Documents that can be told
apart get names of their own (one action register per body); documents whose names reduce to the
same file name are refused before anything is written. The summary's count is the files on disk."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import trygga_docs

from .conftest import CLI

EXAMPLE = trygga_docs.EXAMPLES / "trygghetsutskottet-2025"


def meeting_file(folder: Path, second_body: str, *, name: str = "moten.yaml") -> Path:
    """The example year of meetings with its second meeting held by ``second_body``."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "bilagor").exists():
        shutil.copytree(EXAMPLE / "bilagor", folder / "bilagor")
    data = yaml.safe_load((EXAMPLE / "sammantraden-2025.yaml").read_text(encoding="utf-8"))
    data["meetings"][1]["body"] = second_body
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_batch_of_a_file_with_two_bodies_writes_one_action_register_per_body(tmp_path):
    source = meeting_file(tmp_path / "in", "Brottsförebyggande rådet")
    result = run("batch", source, "--out", tmp_path / "ut", "--document", "register")
    assert result.returncode == 0, result.stderr
    written = files_in(tmp_path / "ut")
    assert sorted(p.name for p in written) == ["atgardsregister-brottsforebyggande-radet.docx",
                                               "atgardsregister-trygghetsutskottet.docx"]
    assert f"{len(written)} written, 0 failed" in result.stdout
    swedish = run("batch", source, "--out", tmp_path / "sv", "--document", "register",
                  "--swedish-names")
    assert swedish.returncode == 0, swedish.stderr
    assert sorted(p.name for p in files_in(tmp_path / "sv")) == [
        "åtgärdsregister-brottsförebyggande-rådet.docx", "åtgärdsregister-trygghetsutskottet.docx"]


def test_render_of_a_file_with_two_bodies_writes_one_action_register_per_body(tmp_path):
    source = meeting_file(tmp_path / "in", "Brottsförebyggande rådet")
    result = run("render", source, "--out", tmp_path / "ut", "--document", "register")
    assert result.returncode == 0, result.stderr
    assert len(files_in(tmp_path / "ut")) == 2 == result.stdout.count("wrote ")


def test_body_names_that_reduce_to_one_file_name_are_refused_before_anything_is_written(tmp_path):
    source = meeting_file(tmp_path / "in", "Trygghetsutskottet/")
    result = run("render", source, "--out", tmp_path / "ut", "--document", "protocol,register")
    assert result.returncode == 1
    assert "atgardsregister-trygghetsutskottet.docx" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_in(tmp_path / "ut") == []


def test_batch_refuses_documents_that_would_share_a_path_and_counts_only_files_on_disk(tmp_path):
    source = meeting_file(tmp_path / "in", "Trygghetsutskottet/")
    result = run("batch", source, "--out", tmp_path / "ut", "--document", "protocol,register")
    assert result.returncode == 1
    assert "atgardsregister-trygghetsutskottet.docx" in result.stderr
    written = files_in(tmp_path / "ut")
    assert not [p for p in written if "atgardsregister" in p.name]
    assert f"{len(written)} written, 1 failed" in result.stderr


@pytest.mark.parametrize("second", ["Trygghetsutskottet/", "TRYGGHETSUTSKOTTET."])
def test_meetings_on_one_date_and_hour_of_bodies_with_one_file_name_get_two_names(second):
    from datetime import date, time
    from types import SimpleNamespace

    from trygga_docs.meeting_files import meeting_label

    meetings = [SimpleNamespace(date=date(2025, 3, 17), start=time(13), body=body)
                for body in ("Trygghetsutskottet", second)]
    assert len({meeting_label(m, meetings) for m in meetings}) == 2
