"""Input that would change or break the output: refused at load with the file and the place, or
written exactly as given. The broken files themselves are in ``tests/data/bad`` (see
``test_bad_input``); these are the cases a file in the repository cannot hold."""

from __future__ import annotations

import json
import os

import attrs
import pytest
from click.testing import CliRunner

import trygga_docs
from trygga_docs import DataError
from trygga_docs.cli import main
from trygga_docs.loader import MAX_VALUES, placeholders, read_data, read_model

from .conftest import DATA, docx_text

MINIMAL = DATA / "good" / "agreement-minimal.yaml"
TEN_MB = 10 * 1024 * 1024


def minimal_with(tmp_path, old, new, name="avtal.yaml"):
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- data text comes out exactly as written ------------------------------------------------------

MARKERS = "Avtal {_{ a }_} och {{ b }} och {% x %} och {_% y %_}"


def test_template_markers_in_data_come_out_verbatim_in_title_and_body(tmp_path):
    """docxtpl turned ``{_{ a }_}`` in data into ``{{ a }}`` after rendering."""
    agreement = trygga_docs.load(MINIMAL)
    area = attrs.evolve(agreement.areas[0], title=f"Område {MARKERS}")
    marked = attrs.evolve(agreement, title=MARKERS, areas=(area,))
    text = docx_text(trygga_docs.render(marked, tmp_path / "avtal.docx")[0])
    assert text.count(MARKERS) >= 2
    assert "Avtal {{ a }}" not in text


# -- a data file that is not a regular file ------------------------------------------------------

def test_a_fifo_as_data_file_is_refused_without_waiting_on_it(tmp_path):
    fifo = tmp_path / "avtal.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match=r"this is a FIFO \(named pipe\), not a data file"):
        trygga_docs.load(fifo)


def test_a_link_to_dev_zero_is_refused_without_reading_forever(tmp_path):
    link = tmp_path / "avtal.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(DataError, match="this is a character device, not a data file"):
        trygga_docs.load(link)
    result = CliRunner().invoke(main, ["render", str(link), "--out", str(tmp_path / "a.docx")])
    assert result.exit_code == 1 and "character device" in result.stderr


def test_a_folder_named_like_a_data_file_is_refused(tmp_path):
    (tmp_path / "avtal.yaml").mkdir()
    with pytest.raises(DataError, match="this is a folder, not a data file"):
        read_data(tmp_path / "avtal.yaml")


# -- error messages quote only the start of a long value -----------------------------------------

def test_a_ten_megabyte_value_is_not_echoed_by_load_or_the_command(tmp_path):
    path = minimal_with(tmp_path, "      - roles: [Kommunpolis]",
                        "      - roles: [" + "Fältsekreterare " * (TEN_MB // 16) + "]")
    with pytest.raises(DataError) as caught:
        trygga_docs.load(path)
    assert len(str(caught.value)) < 1000
    assert "unknown role 'Fältsekreterare Fältsekreterare" in caught.value.message
    result = CliRunner().invoke(main, ["render", str(path), "--out", str(tmp_path / "a.docx")])
    assert result.exit_code == 1 and len(result.stderr) < 2000


def test_a_ten_megabyte_key_is_not_echoed_in_the_message_or_the_path(tmp_path):
    path = tmp_path / "avtal.json"
    path.write_text(json.dumps({"type": "agreement", "k" * TEN_MB: 1}), encoding="utf-8")
    with pytest.raises(DataError, match="unknown field") as caught:
        trygga_docs.load(path)
    assert len(str(caught.value)) < 1000 and len(caught.value.path) < 100


# -- numbers and texts at the limits are still taken ---------------------------------------------

def test_the_largest_paragraph_number_and_a_large_quantity_are_accepted(tmp_path):
    path = minimal_with(tmp_path, "roles:\n", "adoption:\n  body: Kommunstyrelsen\n"
                        "  date: 2024-01-10\n  paragraph: 99999\nroles:\n")
    assert trygga_docs.load(path).adoption.paragraph == 99999


def test_tabs_line_breaks_and_any_character_outside_the_control_range_are_text(tmp_path):
    path = minimal_with(tmp_path, "duty: ansvarar för statistiken.",
                        'duty: "ansvarar\\tför\\nstatistiken 😀 \\u00a0ÅÄÖ\\u2011."')
    duty = trygga_docs.load(path).areas[0].responsibilities[0].duty
    assert duty == "ansvarar\tför\nstatistiken 😀 \u00a0ÅÄÖ\u2011."


def test_aliases_used_sensibly_are_fine(tmp_path):
    path = minimal_with(tmp_path, "  - name: Exempelby kommun\n",
                        "  - &kommun {name: Exempelby kommun}\n")
    assert trygga_docs.load(path).parties[1].name == "Exempelby kommun"


def test_aliases_that_expand_past_the_limit_are_refused_before_any_walk(tmp_path):
    levels = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 20) + "]\n"
                     for i in range(1, 8))
    path = tmp_path / "bomb.yaml"
    path.write_text("type: agreement\nl0: &l0 x\n" + levels, encoding="utf-8")
    with pytest.raises(DataError, match=f"more than {MAX_VALUES:,} values".replace(",", " ")):
        trygga_docs.load(path)


# -- placeholders are found in the loaded model --------------------------------------------------

def test_placeholders_are_looked_for_in_the_model_with_place_and_line(tmp_path):
    path = minimal_with(tmp_path, "duty: ansvarar för statistiken.", "duty: <vad rollen gör>")
    model, lines = read_model(path)
    found = placeholders(model, file=path, lines=lines)
    assert [(w.path, w.line) for w in found] == [("areas[0].responsibilities[0].duty", 28)]
    assert "'<vad rollen gör>'" in found[0].message


def test_placeholders_of_a_model_built_in_python_name_the_place():
    agreement = trygga_docs.load(MINIMAL)
    found = placeholders(attrs.evolve(agreement, title="<titel>"))
    assert [(w.path, w.file, w.line) for w in found] == [("title", None, None)]
