"""Bilagor: named in the data, checked when loading, appended to the PDF with a bookmark."""

from __future__ import annotations

import logging

import os
import shutil

import pypdf
import pytest
from click.testing import CliRunner

import trygga_docs
from trygga_docs import DataError
from trygga_docs.cli import main
from trygga_docs.loader import attachment_problem
from trygga_docs.model import Attachment
from trygga_docs.pdf.convert import check_attachments
from trygga_docs.to_pdf import attachments_of

YEAR = trygga_docs.EXAMPLES / "trygghetsutskottet-2025"


def outline(path):
    return [item.title for item in pypdf.PdfReader(path).outline if not isinstance(item, list)]


def test_a_missing_bilaga_is_found_by_load_with_its_place_in_the_data(tmp_path):
    copy = tmp_path / "år"
    shutil.copytree(YEAR, copy, ignore=shutil.ignore_patterns("bilagor"))
    with pytest.raises(DataError) as caught:
        trygga_docs.load(copy / "sammantraden-2025.yaml")
    error = caught.value
    assert error.path == "meetings[0].items[2].attachments[0].file"
    assert error.line is not None
    assert "bilagor/forslag-medborgarloften-2025.pdf" in error.message
    assert "does not exist" in error.message


def test_a_bilaga_that_is_not_a_pdf_is_refused(tmp_path):
    copy = tmp_path / "år"
    shutil.copytree(YEAR, copy)
    (copy / "bilagor" / "forslag-medborgarloften-2025.pdf").write_text("inte en pdf", encoding="utf-8")
    with pytest.raises(DataError, match="is not a PDF file"):
        trygga_docs.load(copy / "sammantraden-2025.yaml")


def test_protocol_and_its_extract_carry_the_bilaga_and_other_extracts_do_not(tmp_path):
    written = trygga_docs.render_file(YEAR / "sammantraden-2025.yaml", tmp_path, formats="pdf",
                                      document="protocol,extract", meeting="2025-01-20")
    names = {p.name: p for p in written}
    bookmark = "Bilaga 1 – Förslag till medborgarlöften 2025"
    assert bookmark in outline(names["2025-01-20-protokoll.pdf"])
    assert bookmark in outline(names["2025-01-20-protokollsutdrag-p3.pdf"])
    assert bookmark not in outline(names["2025-01-20-protokollsutdrag-p1.pdf"])
    last_page = pypdf.PdfReader(names["2025-01-20-protokollsutdrag-p3.pdf"]).pages[-1].extract_text()
    assert "Förslag till medborgarlöften 2025" in last_page


# -- bilagor stay where the data is, and check and render agree on each -------------------------

BILAGA = "bilagor/forslag-medborgarloften-2025.pdf"
ERROR_PLACE = "meetings[0].items[2].attachments[0].file"


def year_with_bilaga(folder, file_line):
    """A copy of the example year whose first bilaga is named by ``file_line`` instead."""
    shutil.copytree(YEAR, folder)
    data = folder / "sammantraden-2025.yaml"
    text = data.read_text(encoding="utf-8")
    assert f"file: {BILAGA}" in text
    data.write_text(text.replace(f"file: {BILAGA}", f"file: {file_line}", 1), encoding="utf-8")
    return data


def load_error(path, **options):
    with pytest.raises(DataError) as caught:
        trygga_docs.load(path, **options)
    assert caught.value.path == ERROR_PLACE and caught.value.line is not None
    return caught.value


def test_a_bilaga_by_an_absolute_path_is_refused(tmp_path):
    data = year_with_bilaga(tmp_path / "år", str((YEAR / BILAGA).resolve()))
    assert "is an absolute path" in load_error(data).message


def test_a_bilaga_outside_the_data_folder_by_dot_dot_is_refused(tmp_path):
    shutil.copy(YEAR / BILAGA, tmp_path / "utanför.pdf")
    data = year_with_bilaga(tmp_path / "år", "../utanför.pdf")
    assert "goes up out of it with '..'" in load_error(data).message


def test_a_bilaga_that_is_a_link_leading_out_is_refused(tmp_path):
    shutil.copy(YEAR / BILAGA, tmp_path / "hemlig.pdf")
    data = year_with_bilaga(tmp_path / "år", "bilagor/länk.pdf")
    (data.parent / "bilagor" / "länk.pdf").symlink_to(tmp_path / "hemlig.pdf")
    assert "is a link that leads out of it" in load_error(data).message


def test_a_link_that_stays_inside_the_folder_is_fine(tmp_path):
    data = year_with_bilaga(tmp_path / "år", "bilagor/länk.pdf")
    (data.parent / "bilagor" / "länk.pdf").symlink_to(data.parent / BILAGA)
    trygga_docs.load(data)


def test_a_fifo_is_named_for_what_it_is_and_nothing_waits_on_it(tmp_path):
    data = year_with_bilaga(tmp_path / "år", "bilagor/rör.pdf")
    os.mkfifo(data.parent / "bilagor" / "rör.pdf")
    assert "is a FIFO (named pipe), not a PDF file" in load_error(data).message


def test_a_truncated_pdf_fails_check_as_it_fails_render(tmp_path):
    data = year_with_bilaga(tmp_path / "år", BILAGA)
    pdf = data.parent / BILAGA
    pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    assert "is cut short" in load_error(data).message
    checked = CliRunner().invoke(main, ["check", str(data)])
    assert checked.exit_code == 1 and "is cut short" in checked.stderr


@pytest.mark.parametrize("damage", ["truncated", "not a pdf", "folder", "fifo", "no eof"])
def test_load_and_the_pdf_step_give_the_same_verdict_on_a_bilaga(tmp_path, damage):
    pdf = tmp_path / "bilaga.pdf"
    whole = (YEAR / BILAGA).read_bytes()
    if damage == "truncated":
        pdf.write_bytes(whole[: len(whole) // 3])
    elif damage == "not a pdf":
        pdf.write_text("inte en pdf", encoding="utf-8")
    elif damage == "folder":
        pdf.mkdir()
    elif damage == "fifo":
        os.mkfifo(pdf)
    else:
        pdf.write_bytes(whole.replace(b"%%EOF", b"%%XXX"))
    problem = attachment_problem(pdf)
    assert problem
    with pytest.raises(DataError) as caught:
        check_attachments([("Bilagan", pdf)])
    assert problem in caught.value.message


def test_a_good_bilaga_passes_both(tmp_path):
    assert attachment_problem(YEAR / BILAGA) is None
    check_attachments([("Bilagan", YEAR / BILAGA)])


def test_a_bilaga_is_read_once_however_many_steps_ask_and_again_when_it_changes(
        tmp_path, monkeypatch):
    opened = []
    reader = pypdf.PdfReader
    monkeypatch.setattr(pypdf, "PdfReader", lambda path, *a, **k: opened.append(path) or
                        reader(path, *a, **k))
    pdf = tmp_path / "bilaga.pdf"
    shutil.copyfile(YEAR / BILAGA, pdf)
    assert attachment_problem(pdf) is None  # load, and so check
    check_attachments([("Bilagan", pdf)])  # render, then the converter, then its worker
    check_attachments([("Bilagan", pdf)])
    assert len(opened) == 1
    whole = pdf.read_bytes()  # the same size and the same first and last kilobyte
    middle = len(whole) // 2
    pdf.write_bytes(whole[:middle] + b"\0" * 64 + whole[middle + 64:])
    os.utime(pdf, ns=(pdf.stat().st_atime_ns, pdf.stat().st_mtime_ns + 1))
    attachment_problem(pdf)
    assert len(opened) == 2


def test_load_and_the_pdf_step_find_the_bilagor_by_one_walk():
    from trygga_docs.model.common import attachments_in
    from trygga_docs.to_pdf import _attachment_files

    model = trygga_docs.load(YEAR / "sammantraden-2025.yaml")
    walked = [a for _, a in attachments_in(model) if a.file]
    assert walked and [a for a, _ in _attachment_files(model, YEAR)] == walked
    assert [p for p, a in attachments_in(model) if a.file][0].startswith("meetings[")


@pytest.mark.parametrize("file, problem", [("/etc/passwd", "is an absolute path"),
                                           ("../../etc/passwd", "lies outside")])
def test_the_pdf_step_refuses_a_bilaga_outside_its_folder_in_a_model_built_in_python(
        tmp_path, file, problem):
    model = trygga_docs.load(YEAR / "sammantraden-2025.yaml")
    assert attachments_of(model, YEAR)  # the example's own bilaga is inside its folder
    with pytest.raises(DataError, match=problem):
        attachments_of(Attachment(title="Lösenord", file=file), tmp_path)


def test_attachments_dir_names_the_folder_the_bilagor_are_in(tmp_path):
    data_folder, shared = tmp_path / "data", tmp_path / "gemensamt"
    data_folder.mkdir()
    shutil.copytree(YEAR / "bilagor", shared / "bilagor")
    shutil.copy(YEAR / "sammantraden-2025.yaml", data_folder)
    data = data_folder / "sammantraden-2025.yaml"
    assert "does not exist" in load_error(data).message
    model = trygga_docs.load(data, attachments_dir=shared)
    assert attachments_of(model, shared)[0] == ("Förslag till medborgarlöften 2025",
                                                 (shared / BILAGA).resolve())
    assert all(path.is_relative_to(shared.resolve()) for _, path in attachments_of(model, shared))
    assert CliRunner().invoke(main, ["check", str(data)]).exit_code == 1
    checked = CliRunner().invoke(main, ["check", str(data), "--attachments", str(shared)])
    assert checked.exit_code == 0, checked.output
    rendered = CliRunner().invoke(main, ["render", str(data), "--attachments", str(shared),
                                         "--meeting", "2025-01-20", "--out",
                                         str(tmp_path / "ut.docx")])
    assert rendered.exit_code == 0, rendered.output


def test_render_file_appends_a_bilaga_from_attachments_dir(tmp_path):
    data_folder, shared = tmp_path / "data", tmp_path / "gemensamt"
    data_folder.mkdir()
    shutil.copytree(YEAR / "bilagor", shared / "bilagor")
    shutil.copy(YEAR / "sammantraden-2025.yaml", data_folder)
    written = trygga_docs.render_file(data_folder / "sammantraden-2025.yaml", tmp_path / "ut",
                                      formats="pdf", document="extract", meeting="2025-01-20",
                                      attachments_dir=shared)
    extract = next(p for p in written if p.name.endswith("-protokollsutdrag-p3.pdf"))
    assert "Bilaga 1 – Förslag till medborgarlöften 2025" in outline(extract)


def test_batch_takes_the_bilagor_from_attachments(tmp_path):
    data_folder, shared = tmp_path / "data", tmp_path / "gemensamt"
    data_folder.mkdir()
    shutil.copytree(YEAR / "bilagor", shared / "bilagor")
    shutil.copy(YEAR / "sammantraden-2025.yaml", data_folder)
    args = ["batch", str(data_folder), "--out", str(tmp_path / "ut"), "--document", "notice",
            "--workers", "1"]
    without = CliRunner().invoke(main, args)
    assert without.exit_code == 1 and "does not exist" in without.output + without.stderr
    given = CliRunner().invoke(main, [*args, "--attachments", str(shared)])
    assert given.exit_code == 0, given.output + given.stderr


# -- bilagor as the secretary numbers them: fixed numbers, stamps, page labels, A4 (issue 14.4) -

MEDBORGARLOFTEN = """        attachments:
          - title: Förslag till medborgarlöften 2025
            file: bilagor/forslag-medborgarloften-2025.pdf
"""


def year_numbered(folder, number="3", mention="bilaga 3"):
    """The example year with the January bilaga numbered ``number`` and named in the text."""
    shutil.copytree(YEAR, folder)
    data = folder / "sammantraden-2025.yaml"
    text = data.read_text(encoding="utf-8")
    assert MEDBORGARLOFTEN in text
    text = text.replace(MEDBORGARLOFTEN, MEDBORGARLOFTEN + f"            number: {number}\n", 1)
    text = text.replace("höstas. Löftena gäller", f"höstas ({mention}). Löftena gäller", 1)
    data.write_text(text, encoding="utf-8")
    return data


def test_a_bilaga_keeps_the_number_the_secretary_gave_it(tmp_path):
    import docx

    data = year_numbered(tmp_path / "år")
    january = trygga_docs.load(data).series.meetings[0]
    assert january.items[2].attachments[0].number == 3
    [protocol] = trygga_docs.render(january, tmp_path / "protokoll.docx", document="protocol")
    paragraphs = [p.text for p in docx.Document(str(protocol)).paragraphs]
    assert "Bilaga 3: Förslag till medborgarlöften 2025" in paragraphs
    assert not any(p.startswith("Bilaga 1:") for p in paragraphs)


def test_two_bilagor_of_a_meeting_may_not_share_a_number(tmp_path):
    data = year_numbered(tmp_path / "år", number="1")
    text = data.read_text(encoding="utf-8")
    second = """      - title: Sammanträdesplan 2025
        case_number: KS 2024/402
        attachments:
          - title: Sammanträdesplan
            number: 1
"""
    assert "      - title: Sammanträdesplan 2025\n        case_number: KS 2024/402\n" in text
    data.write_text(text.replace("      - title: Sammanträdesplan 2025\n        case_number: KS 2024/402\n",
                                 second, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        trygga_docs.load(data)
    error = caught.value
    assert error.path == "meetings[0].items[3].attachments[0].number"
    assert error.line is not None and "items[2].attachments[0]" in error.message
    assert "number of its own" in error.message


def test_a_bad_bilaga_number_names_its_place(tmp_path):
    data = year_numbered(tmp_path / "år", number="tre")
    with pytest.raises(DataError) as caught:
        trygga_docs.load(data)
    assert caught.value.path == "meetings[0].items[2].attachments[0].number"


def test_check_warns_when_the_text_names_a_bilaga_the_meeting_does_not_have(tmp_path):
    data = year_numbered(tmp_path / "år", mention="bilaga 4")
    result = CliRunner().invoke(main, ["check", str(data)])
    assert result.exit_code == 0, result.output
    output = result.output + result.stderr
    assert "warning:" in output and "meetings[0].items[2].matter[0]" in output
    assert "mentions bilaga 4, but the meeting of 2025-01-20 has no bilaga 4 (its bilagor: 3)" in output
    assert "1 bilaga mentioned but missing" in output
    fine = year_numbered(tmp_path / "rätt", mention="bilaga 3")
    assert "mentions bilaga" not in CliRunner().invoke(main, ["check", str(fine)]).output


def test_appended_pages_are_a4_stamped_and_labelled(tmp_path, caplog):
    data = year_numbered(tmp_path / "år")
    with caplog.at_level(logging.WARNING):
        written = trygga_docs.render_file(data, tmp_path / "ut", formats="pdf",
                                          document="protocol,extract", meeting="2025-01-20")
    names = {p.name: p for p in written}
    # the warning names the file the user gets, not the temporary Word file it was made from
    scaled = [r.getMessage() for r in caplog.records if "scaled to A4" in r.getMessage()]
    assert scaled and all(m.startswith(str(tmp_path / "ut")) and ".pdf: " in m for m in scaled)
    protocol = pypdf.PdfReader(names["2025-01-20-protokoll.pdf"])
    own = len(protocol.pages) - 1
    assert "Bilaga 3 – Förslag till medborgarlöften 2025" in outline(names["2025-01-20-protokoll.pdf"])
    assert protocol.page_labels == [str(n) for n in range(1, own + 1)] + ["Bilaga 3, s. 1"]
    last = protocol.pages[-1]
    assert "Bilaga 3 till protokoll 2025-01-20, §\u00a03" in last.extract_text()  # § binds its number
    # the example bilaga is US Letter: scaled to A4, not mixed in as it is
    assert abs(float(last.mediabox.width) - 595.3) < 1 and abs(float(last.mediabox.height) - 841.9) < 1
    assert pypdf.PdfReader(YEAR / BILAGA).pages[0].mediabox.width == 612
    # the stamp is an artifact: marked content the PDF/UA check does not count as untagged
    content = last.get_contents().get_data()
    assert b"/Artifact BMC" in content
    extract = pypdf.PdfReader(names["2025-01-20-protokollsutdrag-p3.pdf"])
    assert extract.page_labels[-1] == "Bilaga 3, s. 1"
    assert "Bilaga 3 till protokoll 2025-01-20, §\u00a03" in extract.pages[-1].extract_text()


def test_the_stamp_is_no_untagged_content_for_the_pdfua_check(tmp_path):
    from trygga_docs.pdf.accessibility import check_pdfua
    from trygga_docs.pdf.stamp import stamp

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595.276, 841.89)
    stamp(writer.pages[0], "Bilaga 2 till protokoll 2025-03-17, § 12")
    path = tmp_path / "stämpel.pdf"
    writer.write(path)
    report = check_pdfua(path)
    assert "tagged-content" not in [r.rule for r in report.failed], report.summary()
    page = pypdf.PdfReader(path).pages[0]
    assert "Bilaga 2 till protokoll 2025-03-17, § 12" in page.extract_text()
    fonts = page["/Resources"]["/Font"]
    assert all("/FontFile2" in f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
               or "/FontFile2" in f.get_object().get("/FontDescriptor", {})
               for f in fonts.values())  # embedded, as PDF/A asks


def test_the_public_protocol_appends_and_stamps_no_secret_bilaga(tmp_path):
    written = trygga_docs.render_file(YEAR / "sammantraden-2025.yaml", tmp_path / "ut",
                                      formats="pdf", document="protocol", meeting="2025-03-17",
                                      public=True)
    [pdf] = [p for p in written if p.suffix == ".pdf"]
    reader = pypdf.PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Bilaga 2 till protokoll" not in text and "Bilaga 1 till protokoll" not in text
    assert not any(label.startswith("Bilaga") for label in reader.page_labels)
