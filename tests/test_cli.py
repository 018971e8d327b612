"""The trygga-docs command line, run as a user runs it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import docx
import jsonschema
import pytest
import yaml

import trygga_docs
import trygga_docs.style

from .conftest import CLI, DATA, HOOR_AGREEMENT, docx_text

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""


def run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def test_help_teaches_with_examples():
    result = run("--help")
    assert result.returncode == 0
    assert "trygga-docs render examples/hoor/samverkansoverenskommelse.yaml" in result.stdout
    for verb in ("render", "batch", "new", "schema", "check"):
        sub = run(verb, "--help")
        assert sub.returncode == 0
        assert "Example" in sub.stdout, verb


def test_render_writes_the_format_named_by_the_suffix(tmp_path):
    out = tmp_path / "ut" / "avtal.docx"
    result = run("render", str(HOOR_AGREEMENT), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    assert "Trygga Höör trygghetsråd" in docx_text(out)


def test_render_refuses_an_unknown_format_without_writing(tmp_path):
    result = run("render", str(HOOR_AGREEMENT), "--out", str(tmp_path / "avtal.odt"))
    assert result.returncode == 1
    assert "cannot tell the format" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_schema_is_valid_json_schema_that_accepts_the_example_and_rejects_typos():
    result = run("schema", "agreement")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    example = yaml.safe_load(HOOR_AGREEMENT.read_text(encoding="utf-8"))
    example = json.loads(json.dumps(example, default=str))  # dates as the ISO strings they are
    jsonschema.validate(example, schema)
    example["titel"] = example.pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(example, schema)


def test_new_writes_a_commented_skeleton_that_loads_and_renders_as_draft(tmp_path):
    skeleton = tmp_path / "avtal.yaml"
    result = run("new", "agreement", "--out", str(skeleton))
    assert result.returncode == 0, result.stderr
    text = skeleton.read_text(encoding="utf-8")
    assert text.count("\n#") >= 10 and "Giltighetstid" in text
    agreement = trygga_docs.load(skeleton)
    assert agreement.is_draft
    out = trygga_docs.render(agreement, tmp_path / "avtal.docx")[0]
    assert "UTKAST" in docx_text(out)


def test_check_and_render_warn_about_placeholders_left_from_the_skeleton(tmp_path):
    meeting = tmp_path / "mote.yaml"
    assert run("new", "meeting", "--out", str(meeting)).returncode == 0
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("<Trygghetsrådet>", "Trygghetsrådet"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("issuer:"))

    checked = run("check", str(meeting))
    assert checked.returncode == 0  # placeholders are warnings, the file is valid
    assert "placeholders left" in checked.stdout
    assert (f"warning: {meeting}, line {line}, at issuer: still holds the placeholder "
            "'<Kommunstyrelsen eller kommunens namn>'") in checked.stderr
    assert "'<Trygghetsrådet>'" not in checked.stderr
    assert "at participants[0].name: still holds the placeholder '<Ordförandes namn>'" in (
        checked.stderr)

    rendered = run("render", str(meeting), "--out", str(tmp_path / "protokoll.docx"))
    assert rendered.returncode == 0 and (tmp_path / "protokoll.docx").is_file()
    assert rendered.stderr.count("warning:") == checked.stderr.count("warning:") > 10

    clean = run("check", str(HOOR_AGREEMENT))
    assert "warning" not in clean.stderr and "placeholder" not in clean.stdout


def test_new_from_last_period_copies_with_new_period_and_no_adoption(tmp_path):
    draft = tmp_path / "avtal-2020.yaml"
    result = run("new", "agreement", "--from", str(HOOR_AGREEMENT),
                 "--period", "2020-01-01:2023-12-31", "--out", str(draft))
    assert result.returncode == 0, result.stderr
    old, new = trygga_docs.load(HOOR_AGREEMENT), trygga_docs.load(draft)
    assert str(new.period.start) == "2020-01-01" and str(new.period.end) == "2023-12-31"
    assert new.adoption is None
    assert new.areas == old.areas and new.bodies == old.bodies and new.roles == old.roles
    rendered = run("render", str(draft), "--out", str(tmp_path / "utkast.docx"))
    assert rendered.returncode == 0, rendered.stderr
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "utkast.docx")).paragraphs]
    assert "UTKAST" in paragraphs[:10]
    assert f"Gäller 1{NBSP}januari 2020 – 31{NBSP}december 2023" in paragraphs


def test_new_without_period_proposes_the_following_period(tmp_path):
    result = run("new", "agreement", "--from", str(HOOR_AGREEMENT))
    assert result.returncode == 0
    data = yaml.safe_load(result.stdout)
    assert str(data["period"]["start"]) == "2020-01-01"
    assert str(data["period"]["end"]) == "2022-12-31"


def test_new_refuses_a_bad_period_and_an_existing_file(tmp_path):
    bad = run("new", "agreement", "--from", str(HOOR_AGREEMENT), "--period", "2023-12-31:2020-01-01")
    assert bad.returncode == 1 and "--period" in bad.stderr and "Traceback" not in bad.stderr
    existing = tmp_path / "finns.yaml"
    existing.write_text("kvar", encoding="utf-8")
    again = run("new", "agreement", "--out", str(existing))
    assert again.returncode == 1 and existing.read_text(encoding="utf-8") == "kvar"


def test_check_passes_good_files_and_names_bad_ones():
    good = run("check", str(HOOR_AGREEMENT))
    assert good.returncode == 0 and "ok" in good.stdout
    bad = run("check", str(HOOR_AGREEMENT), str(DATA / "bad" / "agreement-unknown-role.yaml"))
    assert bad.returncode == 1
    assert "agreement-unknown-role.yaml, line 27, at areas[0].responsibilities[0].roles[1]" in bad.stderr


def test_batch_writes_the_good_files_and_names_the_broken_one(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(HOOR_AGREEMENT, folder / "hoor.yaml")
    shutil.copy(DATA / "good" / "agreement-minimal.yaml", folder / "exempelby.yaml")
    shutil.copy(DATA / "bad" / "agreement-end-before-start.yaml", folder / "trasig.yaml")
    out = tmp_path / "out"
    result = run("batch", str(folder), "--out", str(out))
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["exempelby.docx", "hoor.docx"]
    assert "2 written, 1 failed" in result.stderr
    assert "trasig.yaml, line 10, at period.end" in result.stderr
    assert "Trygga Höör" in docx_text(out / "hoor.docx")


def test_new_promises_from_last_year_moves_year_and_follow_up_deadline(tmp_path):
    draft = tmp_path / "loften-2020.yaml"
    result = run("new", "promises", "--from", str(trygga_docs.EXAMPLES / "hoor" / "medborgarloften-2019.yaml"),
                 "--out", str(draft))
    assert result.returncode == 0, result.stderr
    promises = trygga_docs.load(draft)
    assert promises.year == 2020
    assert str(promises.follow_up.deadline) == "2021-01-31"


def test_new_report_drafts_an_aterrapportering_from_a_year_of_meetings(tmp_path):
    meetings = trygga_docs.EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"
    draft = tmp_path / "aterrapportering.yaml"
    result = run("new", "report", "--from-meetings", str(meetings), "--period", "2025-01-01:2025-12-31",
                 "--out", str(draft))
    assert result.returncode == 0, result.stderr
    report = trygga_docs.load(draft)
    assert report.case_number == "<diarienummer>"
    assert f"den 20{NBSP}januari" in " ".join(report.summary)
    out = run("render", str(draft), "--out", str(tmp_path / "aterrapportering.docx"))
    assert out.returncode == 0, out.stderr
    assert "UTKAST" in docx_text(tmp_path / "aterrapportering.docx")
    wrong = run("new", "agreement", "--from-meetings", str(meetings), "--period", "2025-01-01:2025-12-31")
    assert wrong.returncode == 1 and "makes a report" in wrong.stderr


def test_a_broken_own_template_gives_one_error_naming_file_and_paragraph(tmp_path):
    style = tmp_path / "egen"
    style.mkdir()
    template = docx.Document(str(trygga_docs.style.BUNDLED_TEMPLATES / "default" / "agreement.docx"))
    template.add_paragraph("Trasig {{ title ")
    template.save(str(style / "agreement.docx"))
    out = tmp_path / "avtal.docx"
    result = run("render", str(HOOR_AGREEMENT), "--out", str(out), "--style", str(style))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{style / 'agreement.docx'}: template syntax error in the body" in result.stderr
    assert "Trasig {{ title" in result.stderr
    assert not out.exists()


def test_an_output_path_that_cannot_be_written_is_one_error_not_a_traceback(tmp_path):
    (tmp_path / "mapp.docx").mkdir()
    (tmp_path / "fil").write_text("", encoding="utf-8")
    for target, reason in ((tmp_path / "mapp.docx", "it is a folder"),
                           (tmp_path / "fil" / "avtal.docx", "cannot write")):
        result = run("render", str(HOOR_AGREEMENT), "--out", str(target))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and reason in result.stderr


def test_a_bad_option_is_named_and_refused_before_any_work(tmp_path):
    result = run("batch", str(trygga_docs.EXAMPLES), "--out", str(tmp_path / "ut"), "--format", "pdf,odt")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: --format: unknown format odt; choose from docx, pdf"
    assert not (tmp_path / "ut").exists()
    style = run("render", str(HOOR_AGREEMENT), "--out", str(tmp_path / "a.docx"), "--style", "saknas")
    assert style.returncode == 1 and style.stderr.startswith("error: --style: no house style 'saknas'")


def test_new_help_names_every_document_type():
    """The list of types in 'new --help' is written by hand: it must not forget a registered one."""
    from trygga_docs.context.registry import DOCUMENT_TYPES

    shown = subprocess.run([*CLI, "new", "--help"], capture_output=True, text=True, check=True).stdout
    listed = re.search(r"TYPE is one of:(.*?)\.\n", shown, re.S)
    assert listed, shown
    assert set(re.findall(r"[a-z_]+", listed.group(1))) == set(DOCUMENT_TYPES)
