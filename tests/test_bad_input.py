"""Broken data files: each gives one DataError naming the file and the place, and no output.

``EXPECTED`` holds the broken agreements and the hostile input of every document type (text a
Word file cannot hold, numbers that are not meant, keys that are not names, nesting, aliases,
bilagor outside the data's folder); the other broken files of ``tests/data/bad`` are specified
next to their document type (``test_meetings``, ``test_promises``, ``test_report``). Every file
there goes through the command line below.
"""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner

import trygga_docs
from trygga_docs import DataError

from trygga_docs.cli import main

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
    "agreement-toc.yaml": ("toc", 3, "only a meeting's minutes and protocol take"),
    "agreement-unknown-kind.yaml": ("bodies[0].kind", 17, "expected one of: råd, styrgrupp"),
    "agreement-one-party.yaml": ("parties", 4, "at least 2 parties"),
    "agreement-missing-type.yaml": ("type", None, "has no 'type:'"),
    "agreement-unknown-cited-source.yaml": ("areas[0].situation[0]", 26, "'[^ntu]'"),
    "agreement-duplicate-key.yaml": ("bodies[0].convener", 22, "given twice in the same place (also on line 21)"),
    "agreement-duplicate-key.json": ("title", None, "'title' is given twice"),
    "agreement-control-character.yaml": (None, 3, "control character (#x000b)"),
    "agreement-alias-bomb.yaml": ("g", 7, "YAML aliases counted each time they are used"),
    # structured text (Markdown subset): a heading above its place, a list nested too deep
    "agreement-markup-heading-above-place.yaml": ("areas[0].situation[0]", 26,
                                                  "'## Orsaker' (line 3 of the text) is above "
                                                  "its place"),
    "agreement-markup-list-too-deep.yaml": ("areas[0].situation[0]", 26,
                                            "line 5 of the text ('- lågstadiet') nests too deep"),
}

# hostile input, every document type: file -> (path in the data or None, line or None, fragment)
HOSTILE = {
    # text a Word (XML) file cannot hold: lone surrogates, control characters, in header and body
    "agreement-lone-surrogate.json": ("title", 3, "half a character (U+D800, a lone surrogate"),
    "agreement-control-escape.json": ("title", 3, "control character (U+0001) after 'Avtal '"),
    "agreement-vertical-tab-in-title.yaml": ("title", 4, "vertical tab (U+000B, written \\v)"),
    "agreement-control-escape-in-body.yaml": ("areas[0].responsibilities[0].duty", 29,
                                              "control character (U+0001) after 'ansvarar'"),
    "promises-lone-surrogate.json": ("promises[0].targets[0].unit", 26, "(U+DC00, a lone surrogate"),
    "promises-control-escape.json": ("promises[0].text", 20, "bell character (U+0007"),
    "followup-lone-surrogate.json": ("outcomes[0].comment[0]", 40, "(U+DFFF, a lone surrogate"),
    "followup-control-escape.yaml": ("outcomes[0].comment[0]", 22, "form feed (U+000C"),
    "report-lone-surrogate.json": ("officer.name", 6, "(U+D83D, a lone surrogate"),
    "report-control-character-in-title.yaml": ("title", 10, "control character (U+0001)"),
    "report-vertical-tab.json": ("proposals[0]", 14, "vertical tab (U+000B"),
    "meeting-lone-surrogate.json": ("items[1].title", 36, "(U+DBFF, a lone surrogate"),
    "meeting-control-escape.yaml": ("items[1].title", 24, "escape character (U+001B"),
    "meeting-control-escape.json": ("place", 7, "control character (U+001F) after 'Kommun'"),
    # numbers that are not numbers, or too large to be meant
    "agreement-area-number-nan.yaml": ("areas[0].number", 24, "expected a whole number, got '.nan'"),
    "agreement-area-number-too-large.yaml": ("areas[0].number", 24,
                                             "larger than any number a document is meant to show"),
    "agreement-adoption-paragraph-too-large.yaml": ("adoption.paragraph", 15,
                                                    "§ 99999999999 cannot be a paragraph number"),
    "promises-quantity-nan.yaml": ("promises[0].targets[0].quantity", 16, "expected a number"),
    "promises-nan.toml": ("promises[0].targets[0].quantity", None, "'NaN' (not a number)"),
    "promises-quantity-infinity.json": ("promises[0].targets[0].quantity", 25, "infinite"),
    "promises-quantity-overflow.yaml": ("promises[0].targets[0].quantity", 16, "such as 1.0e+999"),
    "promises-quantity-too-large.yaml": ("promises[0].targets[0].quantity", 16,
                                         "the number 1e+300 is larger than"),
    "followup-achieved-nan.yaml": ("outcomes[0].achieved.insatser", 23, "expected a number, got '.NaN'"),
    "followup-achieved-infinity.yaml": ("outcomes[0].achieved.insatser", 23, "got '-.inf'"),
    "followup-achieved-overflow.json": ("outcomes[0].achieved.insatser", 38, "infinite"),
    "meeting-paragraph-too-large.yaml": ("items[0].number", 23, "larger than any number"),
    "meeting-paragraph-negative.yaml": ("first_paragraph", 10, "§ -3 cannot be a paragraph number"),
    "meeting-paragraph-zero.yaml": ("items[0].number", 23, "§ 0 cannot be a paragraph number"),
    "meeting-start-infinity.yaml": ("start", 8, "expected a time such as 09.00"),
    # integers over Python's digit limit
    "agreement-too-many-digits.json": (None, 43, "a number has more than 4300 digits"),
    "agreement-too-many-digits.toml": (None, 8, "a number has more than 4300 digits"),
    "promises-too-many-digits.yaml": (None, 16, "a number has more than 4300 digits"),
    "followup-too-many-digits.yaml": (None, 23, "a number has more than 4300 digits"),
    "report-too-many-digits.json": (None, 12, "a number has more than 4300 digits"),
    "meeting-too-many-digits.yaml": (None, 23, "a number has more than 4300 digits"),
    # nesting deeper than any document needs
    "agreement-deep-nesting.json": (None, 3, "nested too deeply"),
    "agreement-deep-nesting.yaml": (None, 4, "exceeded maximum nesting depth"),
    "promises-deep-nesting.yaml": (None, 3, "exceeded maximum nesting depth"),
    "followup-deep-nesting.json": (None, 3, "nested too deeply"),
    "report-deep-nesting.json": (None, 13, "nested too deeply"),
    "meeting-deep-nesting.yaml": (None, 25, "exceeded maximum nesting depth"),
    # aliases that expand to billions of values
    "meeting-alias-bomb.yaml": ("x6", 27, "more than 2 000 000 values"),
    # keys that are not names: 1:, ~:, on:
    "agreement-number-key.yaml": ("period.1", 10, "the key '1' is read as a number"),
    "agreement-null-key.yaml": ("roles[0].~", 14, "the key '~' is read as nothing (null)"),
    "agreement-on-key.yaml": ("bodies[0].on", 19, "the key 'on' is read as true or false"),
    "promises-null-key.yaml": ("promises[0].targets[0].~", 18, "the key '~' is read as nothing"),
    "followup-number-key.yaml": ("outcomes[0].achieved.1", 23, "the key '1' is read as a number"),
    "report-on-key.yaml": ("on", 10, "the key 'on' is read as true or false"),
    "report-null-key.yaml": ("officer.~", 8, "the key '~' is read as nothing"),
    "meeting-null-key.yaml": ("participants[0].~", 13, "the key '~' is read as nothing"),
    "meeting-on-key.yaml": ("on", 8, "the key 'on' is read as true or false"),
    # a type: that is a list or a mapping
    "agreement-type-list.yaml": ("type", 3, "gives as 'type:' a list, not a name"),
    "agreement-type-mapping.json": ("type", 2, "gives as 'type:' a mapping (key: value)"),
    "promises-type-list.json": ("type", 2, "gives as 'type:' a list"),
    "followup-type-mapping.yaml": ("type", 2, "gives as 'type:' a mapping"),
    "report-type-list.yaml": ("type", 2, "gives as 'type:' a list"),
    "meeting-type-list.json": ("type", 2, "gives as 'type:' a list"),
    # a value longer than an error message quotes
    "agreement-long-unknown-role.yaml": ("areas[0].responsibilities[0].roles[0]", 28,
                                         "…' (5100 characters); declare it"),
    # bilagor: inside the data file's folder, regular files, complete PDFs
    "meeting-bilaga-absolute-path.yaml": ("items[1].attachments[0].file", 27,
                                          "'/etc/passwd', which is an absolute path"),
    "meeting-bilaga-outside-folder.yaml": ("items[1].attachments[0].file", 27,
                                           "goes up out of it with '..'"),
    "meeting-bilaga-folder.yaml": ("items[1].attachments[0].file", 27, "is a folder, not a PDF"),
    "meeting-bilaga-not-pdf.yaml": ("items[1].attachments[0].file", 27, "is not a PDF file"),
    "meeting-bilaga-truncated.yaml": ("items[1].attachments[0].file", 27, "is cut short"),
    "meeting-bilaga-missing.yaml": ("items[1].attachments[0].file", 27, "does not exist"),
}

# secrecy: a secret item, bilaga or paragraph needs its legal reference; protected people need a
# role or organisation to be shown by; no personnummer where the public version cannot mask it
SECRECY = {
    "meeting-secret-item-without-reference.yaml": ("items[0].secrecy", 17,
                                                   "a secret item needs its legal reference"),
    "meeting-secret-attachment-without-reference.yaml": (
        "items[0].attachments[0].secrecy", 19, "a secret attachment needs its legal reference"),
    "meeting-secret-paragraph-without-reference.yaml": (
        "items[0].matter[1].secrecy", 19, "the required field 'secrecy' is missing"),
    "meeting-public-title-without-secrecy.yaml": ("items[0].public_title", 17,
                                                  "the item is not secret"),
    "meeting-protected-owner-not-participant.yaml": (
        "items[0].actions[0].protected", 20, "'Samhällsbyggnadsförvaltningen' is marked protected "
                                             "but is not a participant"),
    "meeting-protected-without-role.yaml": ("participants[1].protected", 13,
                                            "give a 'role' or an 'organisation'"),
    "meeting-secrecy-personnummer-in-file-name.yaml": (
        "items[0].attachments[0].file", 19, "holds a personnummer ('19121212-1212'); the public "
                                            "version cannot mask a file name"),
}

DATA_FILES = sorted(p.name for p in BAD.iterdir() if p.is_file() and p.suffix != ".pdf")
TYPES = ("agreement", "promises", "followup", "report", "meeting")


def test_the_corpus_is_complete():
    on_disk = {p.name for p in BAD.glob("agreement-*")}
    assert on_disk == set(EXPECTED) | {n for n in HOSTILE if n.startswith("agreement-")}
    assert set(HOSTILE) <= set(DATA_FILES) and set(SECRECY) <= set(DATA_FILES)
    assert not set(EXPECTED) & set(HOSTILE)


def test_the_corpus_covers_every_document_type_with_sixty_files_or_more():
    assert len(DATA_FILES) >= 60
    for kind in TYPES:
        assert sum(name.startswith(kind + "-") for name in HOSTILE) >= 5, kind


@pytest.mark.parametrize("name", sorted(EXPECTED) + sorted(HOSTILE) + sorted(SECRECY))
def test_broken_file_gives_one_located_data_error(name):
    path, line, fragment = {**EXPECTED, **HOSTILE, **SECRECY}[name]
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


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_broken_file_is_one_error_with_exit_1_and_no_output(name, tmp_path):
    """In-process, so that all the files of every type are quick to run; the subprocess test
    above covers the real command for the agreements."""
    out = tmp_path / "out" / "dokument.docx"
    result = CliRunner().invoke(main, ["render", str(BAD / name), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert f"error: {BAD / name}" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 4
    assert len(result.stderr) < 1500
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_failing_render_leaves_an_existing_file_untouched(tmp_path, monkeypatch, hoor_agreement):
    out = tmp_path / "avtal.docx"
    out.write_bytes(b"the previous version")
    from trygga_docs.word import docx as docx_step

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


