"""Files a registrar can file (issue 15.8): every document of a meeting file in one layout, its
folder, each file named by meeting and document; plain ASCII names by default, Swedish names on
request, in the batch and in ``render``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import trygga_docs
from trygga_docs.batch import data_files, render_many
from trygga_docs.files import ascii_name, document_file_name

EXAMPLES = trygga_docs.EXAMPLES
ALL = "notice,minutes,protocol,extract,register,anslag"
PLAIN = re.compile(r"[A-Za-z0-9._-]+")


def relative(paths: list[Path], root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in paths)


@pytest.fixture(scope="module")
def batch_of_every_meeting_document(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("ut")
    result = render_many(data_files(EXAMPLES), out, document=ALL, workers=2)
    # the Höör notes and Västra Dalby's advisory protocols have no justerare: their
    # sammanträdesprotokoll, extracts and anslag are refused
    assert all("minnesanteckningar-2019-11-25" in f.message or "vastra-dalby-trygghetsrad" in
               f.message for f in result.failed), result.failed
    return out, relative(list(result.written), out)


def test_every_meeting_document_is_in_its_files_folder_named_by_meeting_and_document(
        batch_of_every_meeting_document):
    out, names = batch_of_every_meeting_document
    by_folder: dict[str, list[str]] = {}
    for name in names:
        folder, _, file = name.rpartition("/")
        by_folder.setdefault(folder, []).append(file)
    # a file with one meeting and a file with twelve: the same layout
    assert sorted(by_folder["hoor/minnesanteckningar-2019-11-25"]) == [
        "2019-11-25-kallelse.docx", "2019-11-25-minnesanteckningar.docx", "atgardsregister.docx"]
    year = by_folder["trygghetsutskottet-2025/sammantraden-2025"]
    kinds = {re.sub(r"^\d{4}-\d\d-\d\d-", "", f).split(".")[0].rstrip("0123456789") for f in year}
    assert kinds == {"kallelse", "minnesanteckningar", "protokoll", "protokollsutdrag-p", "anslag",
                     "atgardsregister"}
    assert "2025-03-17-protokollsutdrag-p12.docx" in year
    # a body whose meetings are in two files (Västra Dalby's protocol and the next meeting drafted
    # from it) gets one action register for both, beside the folders
    assert sorted(by_folder["vastra-dalby-trygghetsrad/protokoll-2026-02-12"]) == [
        "2026-02-12-kallelse.docx", "2026-02-12-protokoll.docx"]
    assert by_folder[""] == ["atgardsregister-trygghetsradet-i-vastra-dalby.docx"]
    assert set(by_folder) == {"hoor/minnesanteckningar-2019-11-25",
                              "trygghetsutskottet-2025/sammantraden-2025",
                              "vastra-dalby-trygghetsrad/protokoll-2026-02-12",
                              "vastra-dalby-trygghetsrad/protokoll-2026-04-16", ""}


def test_every_generated_file_name_is_plain_ascii_by_default(batch_of_every_meeting_document):
    out, names = batch_of_every_meeting_document
    for name in names:
        assert all(PLAIN.fullmatch(part) for part in name.split("/")), name


def test_swedish_names_keep_swedish_letters_and_the_paragraph_sign(tmp_path):
    result = render_many([EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"],
                         tmp_path, document="extract,register", workers=1, swedish_names=True)
    assert result.ok, result.failed
    names = relative(list(result.written), tmp_path)
    assert "sammantraden-2025/2025-03-17-protokollsutdrag-§12.docx" in names
    assert "sammantraden-2025/åtgärdsregister.docx" in names


def test_render_names_the_files_of_several_documents_the_same_way(tmp_path):
    year = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"
    written = trygga_docs.render_file(year, tmp_path / "mars", document="notice,protocol,extract",
                                      meeting="2025-03-17", public=True)
    assert [p.name for p in written][:3] == ["2025-03-17-kallelse-publik.docx",
                                              "2025-03-17-protokoll-publik.docx",
                                              "2025-03-17-protokollsutdrag-p10-publik.docx"]
    assert all(PLAIN.fullmatch(p.name) for p in written)


@pytest.mark.parametrize("swedish, plain", [
    ("åtgärdsregister-brottsförebyggande-rådet", "atgardsregister-brottsforebyggande-radet"),
    ("2025-03-17-protokollsutdrag-§12", "2025-03-17-protokollsutdrag-p12"),
    ("ÅÄÖ éü æø ß", "AAO-eu-aeo-ss"),
    ("möte: 1/2", "mote-1-2"),
    ("§§§", "ppp"),
    ("", "dokument"),
])
def test_ascii_names(swedish, plain):
    assert ascii_name(swedish) == plain
    assert PLAIN.fullmatch(document_file_name(swedish))
    assert document_file_name(swedish, swedish=True) == (swedish.replace(":", "-").replace("/", "-")
                                                         or "dokument")
