"""Every PDF is checked against its Word file: text LibreOffice leaves out is an error, not a PDF.

Real LibreOffice, real example data (the first meeting of the 2025 committee year). The losses
are planted in two ways: a PDF made from the Word file with a table row taken out, and the table
layout LibreOffice 7.4 really drops rows from (a header row that ends a page, before the fix in
``tools/templatekit.keep_with_next_row``).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

import trygga_docs
from trygga_docs.errors import ConversionError
from trygga_docs.pdf.convert import Converter
from trygga_docs.pdf.verify import missing_text, pdf_words, verify_pdf, word_units

from .conftest import CLI, EXAMPLES

COMMITTEE = EXAMPLES / "trygghetsutskottet-2025"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FILLER = ("Rådet diskuterar läget i centrum och kommunpolisen redovisar anmälda brott under "
          "perioden medan säkerhetschefen beskriver arbetet med belysning och "
          "trygghetsvandringar tillsammans med föreningar bostadsbolaget och "
          "räddningstjänsten").split()


def first_meeting(folder: Path, *, matter_words: int | None = None,
                  extra_actions: list[dict] | None = None) -> Path:
    """The committee's first meeting of 2025 as its own data file (with its bilagor); the first
    item's matter replaced by ``matter_words`` words, more actions for the second item."""
    data = yaml.safe_load((COMMITTEE / "sammantraden-2025.yaml").read_text(encoding="utf-8"))
    data["meetings"] = data["meetings"][:1]
    items = data["meetings"][0]["items"]
    if matter_words is not None:
        items[0]["matter"] = [" ".join(FILLER[i % len(FILLER)] for i in range(matter_words)) + "."]
    if extra_actions:
        items[1]["actions"] = [*items[1]["actions"], *extra_actions]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(COMMITTEE / "bilagor", folder / "bilagor", dirs_exist_ok=True)
    path = folder / "mote.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def edit_docx(src: Path, dst: Path, change) -> Path:
    """A copy of a Word file with ``change(root)`` applied to its body."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            zout.writestr(item, data)
    return dst


def action_tables(root) -> list:
    return [t for t in root.iter(W + "tbl")
            if "Klart senast" in "".join(t.itertext())]


@pytest.fixture(scope="module")
def converter():
    with Converter() as conv:
        conv.start()
        yield conv


def test_a_complete_pdf_has_nothing_missing(tmp_path, converter):
    data = first_meeting(tmp_path)
    docx, pdf = trygga_docs.render_file(data, tmp_path / "out", formats=["docx", "pdf"],
                                        document="minutes", converter=converter)
    assert missing_text(docx, pdf) == []
    verify_pdf(docx, pdf, document=pdf.name)  # no error


def test_word_text_is_read_from_body_tables_headers_and_footers_without_field_results(tmp_path):
    docx = trygga_docs.render_file(first_meeting(tmp_path), tmp_path / "out",
                                   formats=["docx"], document="minutes")[0]
    units = word_units(docx)
    parts = {u.part for u in units}
    assert {"body", "header", "footer"} <= parts
    footer = " ".join(w for u in units if u.part == "footer" for w in u.words)
    assert "Sida" in footer and "1" not in footer.split()  # the PAGE field's "1" is skipped
    rows = {u.where for u in units if u.where.startswith("table")}
    assert "table 1, row 1" in rows


def test_a_pdf_without_a_table_row_is_refused_naming_the_row(tmp_path, converter):
    # two identical actions: every word of the removed row is still in the PDF, in the other row,
    # so only a check that knows where each word belongs notices the loss
    twin = {"owner": "Ahmed Karimi", "task": "ta fram ett schema för årets trygghetsvandringar "
            "och bjuda in deltagare", "due": "2025-02-28"}
    data = first_meeting(tmp_path, extra_actions=[twin])
    docx = trygga_docs.render_file(data, tmp_path / "protokoll", formats=["docx"],
                                   document="minutes")[0]

    def drop_last_row(root) -> None:
        table = action_tables(root)[1]
        table.remove(table.findall(W + "tr")[-1])

    lossy = edit_docx(docx, tmp_path / "utan-rad.docx", drop_last_row)
    pdf = converter.convert(lossy, tmp_path / "protokoll.pdf", verify=False)
    row_words = {"Ta", "fram", "schema", "Ahmed", "Karimi", "2025-02-28"}
    assert row_words <= {w for page in pdf_words(pdf) for w in page}

    with pytest.raises(ConversionError) as caught:
        verify_pdf(docx, pdf, document="protokoll.pdf")
    message = str(caught.value)
    assert message.startswith("protokoll.pdf:")
    assert "Ta fram ett schema för årets trygghetsvandringar" in message
    lost = missing_text(docx, pdf)
    assert [m.part for m in lost] == ["body"]
    assert lost[0].where.endswith("row 3")
    assert lost[0].text.startswith("Ta fram ett schema")
    assert "Ahmed Karimi" in lost[0].text
    assert "Ahmed Karimi" in lost[0].after  # the text before it: the row above


def old_layout_style(folder: Path) -> Path:
    """The default style with the tables as they were before the fix: rows not kept together."""
    folder.mkdir()
    src = Path(trygga_docs.__file__).parent / "templates" / "default" / "minutes.docx"
    if not src.is_file():
        src = Path(__file__).resolve().parents[1] / "templates" / "default" / "minutes.docx"

    def unkeep(root) -> None:
        for table in root.iter(W + "tbl"):
            if table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None:
                for keep in list(table.iter(W + "keepNext")):
                    keep.getparent().remove(keep)

    edit_docx(src, folder / "minutes.docx", unkeep)
    return folder


def test_libreoffice_dropping_table_rows_is_an_error_and_nothing_is_written(tmp_path, converter):
    # The real fault: with the old layout and this much text, the first item's action table
    # header ends page 1 and LibreOffice 7.4 drops its row.
    style = old_layout_style(tmp_path / "gammal")
    data = first_meeting(tmp_path / "data", matter_words=115)
    out = tmp_path / "ut"
    with pytest.raises(ConversionError) as caught:
        trygga_docs.render_file(data, out / "protokoll", formats=["docx", "pdf"],
                                document="minutes", style=style, converter=converter)
    message = str(caught.value)
    assert "protokoll.pdf" in message
    assert "Ta fram statistik över stölder" in message
    assert "table 3, row 2" in message
    assert not out.exists() or not any(out.iterdir())

    written = trygga_docs.render_file(data, out / "protokoll", formats=["docx", "pdf"],
                                      document="minutes", style=style, converter=converter,
                                      verify=False)
    docx, pdf = sorted(written)
    assert [m.where for m in missing_text(docx, pdf)] == ["table 3, row 2"]


def test_the_same_text_in_todays_layout_loses_nothing(tmp_path, converter):
    data = first_meeting(tmp_path, matter_words=115)
    docx, pdf = trygga_docs.render_file(data, tmp_path / "protokoll", formats=["docx", "pdf"],
                                        document="minutes", converter=converter)
    assert missing_text(docx, pdf) == []


def test_cli_render_verifies_the_pdf_and_no_verify_skips_the_check(tmp_path):
    example = EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"
    good = subprocess.run([*CLI, "render", str(example), "--out", str(tmp_path / "a.pdf")],
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "a.pdf").is_file()

    style = old_layout_style(tmp_path / "gammal")
    data = first_meeting(tmp_path / "data", matter_words=115)
    command = [*CLI, "render", str(data), "--document", "minutes", "--style", str(style),
               "--format", "docx,pdf", "--out"]
    refused = subprocess.run([*command, str(tmp_path / "b")], capture_output=True, text=True)
    assert refused.returncode == 1
    assert "Ta fram statistik över stölder" in refused.stderr
    assert not list(tmp_path.glob("b*"))  # neither the PDF nor the Word file

    unchecked = subprocess.run([*command, str(tmp_path / "c"), "--no-verify"],
                               capture_output=True, text=True)
    assert unchecked.returncode == 0, unchecked.stderr
    assert (tmp_path / "c.pdf").is_file() and (tmp_path / "c.docx").is_file()


def test_word_units_skip_the_table_of_contents_field_result(tmp_path):
    agreement = trygga_docs.render_file(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml",
                                        tmp_path / "avtal.docx")[0]
    text = " ".join(w for u in word_units(agreement) for w in u.words)
    assert "Innehåll" in text  # the heading above the table of contents is plain text
    assert "fylls i" not in text  # the TOC field's placeholder result is not


def test_text_repeated_many_times_with_a_table_of_contents_is_complete(tmp_path, converter):
    # the same paragraph over six pages, headings that are also in the filled table of contents:
    # no word is unique to anchor on, and the check once reported all of it missing
    from .test_pdf import make_minutes_docx

    docx = make_minutes_docx(tmp_path / "minnesanteckningar.docx")
    pdf = converter.convert(docx, tmp_path / "minnesanteckningar.pdf")  # verified
    assert missing_text(docx, pdf) == []
