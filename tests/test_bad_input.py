"""Broken agreement files: each gives one DataError naming the file and the place, and no output."""

from __future__ import annotations

import subprocess

import pytest

import trygga_docs
from trygga_docs import DataError

from .conftest import CLI, DATA, broken

BAD = DATA / "bad"

# file -> (path in the data or None, line or None, a fragment of the message)
EXPECTED = {
    "agreement-syntax-error.yaml": (None, 13, "YAML cannot be read"),
    "agreement-syntax-error.json": (None, 3, "JSON cannot be read"),
    "agreement-syntax-error.toml": (None, 4, "TOML cannot be read"),
    "agreement-wrong-type.yaml": ("areas[0].number", 23, "expected a whole number, got 'ett'"),
    "agreement-wrong-type.json": ("areas[0].number", None, "expected a whole number, got '1'"),
    "agreement-missing-title.yaml": ("title", None, "required field 'title' is missing"),
    "agreement-end-before-start.yaml": ("period.end", 10, "end date must come after the start"),
    "agreement-end-before-start.toml": ("period.end", None, "end date must come after the start"),
    "agreement-unknown-role.yaml": ("areas[0].responsibilities[0].roles[1]", 27,
                                    "unknown role 'Fältsekreterare'"),
    "agreement-unknown-reports-to.yaml": ("bodies[0].reports_to", 22, "unknown body 'Styrgruppen'"),
    "agreement-unknown-area-body.yaml": ("areas[0].bodies[1]", 25, "unknown body 'Styrgruppen'"),
    "agreement-duplicate-area.yaml": ("areas[1].number", 29, "given twice"),
    "agreement-duplicate-role.yaml": ("roles[2].name", 14, "given twice"),
    "agreement-empty-title.yaml": ("title", 3, "'title' is empty"),
    "agreement-not-utf8.yaml": (None, 3, "not UTF-8"),
    "agreement-empty.yaml": (None, None, "the file is empty"),
    "agreement-list-for-mapping.yaml": ("period", 8, "expected a mapping"),
    "agreement-top-level-list.yaml": (None, 1, "must be a mapping"),
    "agreement-unknown-convener.yaml": ("bodies[0].convener", 21, "unknown role 'Kommundirektör'"),
    "agreement-nonexistent-date.yaml": ("period.start", 9, "'2023-02-30' is not a date that exists"),
    "agreement-unknown-field.yaml": ("titel", 3, "did you mean 'title'?"),
    "agreement-unknown-kind.yaml": ("bodies[0].kind", 17, "expected one of: råd, styrgrupp"),
    "agreement-one-party.yaml": ("parties", 4, "at least 2 parties"),
    "agreement-missing-type.yaml": ("type", None, "has no 'type:'"),
    "agreement-unknown-cited-source.yaml": ("areas[0].situation[0]", 26, "'[^ntu]'"),
    "agreement-duplicate-key.yaml": ("bodies[0].convener", 22, "given twice in the same place (also on line 21)"),
    "agreement-duplicate-key.json": ("title", None, "'title' is given twice"),
    "agreement-control-character.yaml": (None, 3, "control character (#x000b)"),
    "agreement-alias-bomb.yaml": ("a", 1, "unknown field 'a'"),
}


def test_the_corpus_is_complete():
    on_disk = {p.name for p in BAD.glob("agreement-*")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_one_located_data_error(name):
    path, line, fragment = EXPECTED[name]
    error = broken(BAD / name)
    assert error.path == path
    if line is not None:
        assert error.line == line
    assert fragment in error.message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_reports_a_broken_file_briefly_and_writes_nothing(name, tmp_path):
    out = tmp_path / "out" / "dokument.docx"
    result = subprocess.run([*CLI, "render", str(BAD / name), "--out", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert name in result.stderr and "error:" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 4
    assert not out.exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_failing_render_leaves_an_existing_file_untouched(tmp_path, monkeypatch, hoor_agreement):
    out = tmp_path / "avtal.docx"
    out.write_bytes(b"the previous version")
    from trygga_docs.render import docx as docx_step

    def broken(*args, **kwargs):
        raise trygga_docs.TemplateError("the template broke half-way")
    monkeypatch.setattr(docx_step, "set_properties", broken)
    with pytest.raises(trygga_docs.TemplateError):
        trygga_docs.render(hoor_agreement, out)
    assert out.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["avtal.docx"]


def test_yaml_keeps_unquoted_times_and_impossible_dates_as_text_for_clear_errors():
    data, _ = trygga_docs.read_data(DATA / "bad" / "agreement-nonexistent-date.yaml")
    assert data["period"]["start"] == "2023-02-30"


def test_file_with_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "avtal.txt"
    path.write_text("type: agreement\n", encoding="utf-8")
    with pytest.raises(DataError, match="unknown file type '.txt'"):
        trygga_docs.load(path)


