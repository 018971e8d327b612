"""People as they attend and decisions as municipalities record them (issue 14, deliverables 2, 5
and 6): the protocol of an advisory body (``kind: protokoll``), the meeting's own title in the
running header and the metadata, guests, deputies called for information, jäv and per-§
attendance, beslutsunderlag and *Beslutet skickas till*. Broken files are in ``test_meetings``.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

import trygga_docs

from trygga_docs.context.meeting import MINUTES, own_document

from .conftest import EXAMPLES, docx_text

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""

YEAR = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"

ADVISORY = {
    "type": "meeting",
    "issuer": "Exempelby kommun",
    "body": "Trygghetsrådet",
    "kind": "protokoll",
    "date": "2025-03-10",
    "start": "13.00",
    "end": "15.00",
    "place": "Kommunhuset",
    "chair": "Anna Ek",
    "secretary": "Bo Lind",
    "participants": [
        {"name": "Anna Ek", "role": "kommunstyrelsens ordförande"},
        {"name": "Bo Lind", "role": "säkerhetssamordnare"},
        {"name": "Cia Berg", "role": "kommunpolis", "organisation": "Polisen"},
        {"name": "Lars Öberg", "role": "säkerhetssamordnare", "organisation": "Västerby kommun",
         "guest": True},
    ],
    "items": [
        {"title": "Lägesbild", "presenters": ["Cia Berg"],
         "matter": ["Polisen redovisar läget i centrum."],
         "decision": ["Rådet tackar för informationen."],
         "basis": [{"title": "Polisens lägesbild", "date": "2025-03-03"}],
         "distribution": ["Socialnämnden"]},
        {"title": "Grannkommunens arbete", "presenters": ["Lars Öberg"],
         "matter": ["Västerby berättar om sitt trygghetsråd."], "absent": ["Anna Ek"]},
    ],
}


def paragraphs(path: Path) -> list[str]:
    return [p.text.replace("\u2011", "-") for p in docx.Document(str(path)).paragraphs]


def rows(path: Path) -> list[list[str]]:
    return [[c.text for c in row.cells] for t in docx.Document(str(path)).tables for row in t.rows]


def header(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


def write(folder: Path, data: dict, name: str = "rad.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("people")


@pytest.fixture(scope="module")
def april(out) -> Path:
    return trygga_docs.render_file(YEAR, out / "april.docx", meeting="2025-04-14")[0]


# -- the protocol of an advisory body -------------------------------------------------------------

@pytest.fixture(scope="module")
def advisory(out) -> Path:
    folder = out / "rad"
    folder.mkdir()
    return trygga_docs.render_file(write(folder, ADVISORY), folder / "ut", formats=("docx", "pdf"))


def test_an_advisory_protocol_says_protokoll_and_is_named_so(advisory, out):
    word = next(p for p in advisory if p.suffix == ".docx")
    document = own_document(trygga_docs.load(out / "rad" / "rad.yaml"))
    assert MINUTES.file_name(document, "2025-03-10") == "2025-03-10-protokoll"
    assert "Protokoll 2025-03-10" in header(word)
    assert "Minnesanteckningar" not in docx_text(word)
    text = paragraphs(word)
    assert "Trygghetsrådet – protokoll från mötet 2025-03-10" in text
    assert "Ärendet" in text and "Vid protokollet" in text and "Vid pennan" not in text
    properties = docx.Document(str(word)).core_properties
    assert properties.subject == "Protokoll" and "protokoll" in properties.keywords


def test_an_advisory_protocol_has_no_justering_anslag_or_appeal(advisory):
    word = next(p for p in advisory if p.suffix == ".docx")
    everything = docx_text(word)
    for absent in ("Justerare", "justera", "ANSLAG", "anslag", "överklag", "Expedieras"):
        assert absent not in everything, absent
    pdf = next(p for p in advisory if p.suffix == ".pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Ärendet" in text and "ANSLAG" not in text and "Justerare" not in text


def test_an_advisory_protocol_shows_guests_basis_recipients_and_who_was_out(advisory):
    word = next(p for p in advisory if p.suffix == ".docx")
    text = paragraphs(word)
    assert "Gäster" in text
    table = rows(word)
    assert ["Lars Öberg", "Säkerhetssamordnare, Västerby kommun"] in table
    start, end = table.index(["Anna Ek", "Kommunstyrelsens ordförande, ej punkt 2"]), \
        table.index(["Lars Öberg", "Säkerhetssamordnare, Västerby kommun"])
    assert start < end  # the guest comes after the participants, apart
    assert "Beslutsunderlag" in text and "Polisens lägesbild 2025-03-03" in text
    assert "Beslutet skickas till: Socialnämnden" in text
    assert "Anna Ek är inte närvarande under punkten." in text


def test_an_advisory_protocol_is_the_default_document_of_its_file(out):
    folder = out / "rad2"
    folder.mkdir()
    written = trygga_docs.render_file(write(folder, ADVISORY), folder / "ut")
    assert [p.suffix for p in written] == [".docx"]
    assert "Protokoll 2025-03-10" in header(written[0])


# -- the meeting's own title ----------------------------------------------------------------------

def test_minutes_with_a_title_do_not_say_minnesanteckningar_in_the_header(out):
    folder = out / "titel"
    folder.mkdir()
    data = {**ADVISORY, "kind": "minnesanteckningar", "title": "Trygghetsrådets vårmöte"}
    word = trygga_docs.render_file(write(folder, data), folder / "m.docx")[0]
    assert "Trygghetsrådets vårmöte 2025-03-10" in header(word)
    assert "Minnesanteckningar" not in header(word)
    assert docx.Document(str(word)).core_properties.title == "Trygghetsrådets vårmöte"


def test_a_protocol_with_a_title_shows_it_in_the_header_and_metadata(out):
    folder = out / "titel2"
    folder.mkdir()
    data = yaml.safe_load(YEAR.read_text(encoding="utf-8"))
    first = data["meetings"][0]
    data["meetings"] = [{**first, "title": "Extra sammanträde om pendlarparkeringen",
                         "items": first["items"][:2]}]
    word = trygga_docs.render_file(write(folder, data, "ar.yaml"), folder / "p.docx")[0]
    assert "Extra sammanträde om pendlarparkeringen" in header(word)
    assert "SAMMANTRÄDESPROTOKOLL" not in header(word)
    assert (docx.Document(str(word)).core_properties.title
            == "Extra sammanträde om pendlarparkeringen 2025-01-20")


def test_a_protocol_without_a_title_keeps_its_header(april):
    assert "SAMMANTRÄDESPROTOKOLL" in header(april)


# -- the example year: guests, jäv, per-§ attendance, beslutsunderlag, deputies --------------------

def test_the_guest_is_listed_under_gaster_not_among_those_who_decide(april):
    text, table = paragraphs(april), rows(april)
    assert ["Lars Öberg", "Säkerhetssamordnare", "Västerby kommun"] in table
    assert text.index("Gäster") > text.index("Övriga närvarande")
    decided = table[table.index(["Namn", "Funktion", "Parti eller organisation"]) + 1:]
    names = [r[0] for r in decided[:decided.index(["Namn", "Funktion", "Parti eller organisation"])]]
    assert "Lars Öberg" not in names and "Karin Lindqvist" in names


def test_jav_and_per_paragraph_attendance_are_in_the_protocol(april):
    text, table = paragraphs(april), rows(april)
    heading = text.index(f"§{NBSP}16 Föreningsbidrag för trygghetsfrämjande insatser")
    assert ("Leila Haddad anmäler jäv och deltar inte i handläggningen av ärendet."
            in text[heading:heading + 5])
    assert ["Leila Haddad", f"Ledamot, ej §{NBSP}16 (jäv)", "(C)"] in table
    assert ["Mats Holm", f"Vice ordförande, ej §{NBSP}17", "(M)"] in table
    assert "Mats Holm är inte närvarande under paragrafen." in text


def test_beslutsunderlag_with_dates_comes_before_the_decision(april):
    text = paragraphs(april)
    start = text.index(f"§{NBSP}16 Föreningsbidrag för trygghetsfrämjande insatser")
    section = text[start:]
    assert section.index("Beslutsunderlag") < section.index("Beslut")
    assert "Sammanställning av ansökningarna om föreningsbidrag 2025-04-01" in section


def test_the_notice_calls_deputies_for_information_and_says_where_the_papers_are(out):
    notice = trygga_docs.render_file(YEAR, out / "kallelse.docx", document="notice",
                                     meeting="2025-04-14")[0]
    text, table = paragraphs(notice), rows(notice)
    assert text.index("Kallade") < text.index("Ersättare för kännedom") < text.index("Gäster")
    informed = table[table.index(["Jonas Åberg", "Ersättare", "(S)"]) - 1]
    assert informed == ["Namn", "Uppdrag", "Parti eller organisation"]
    called = [r[0] for r in table[:table.index(["Jonas Åberg", "Ersättare", "(S)"])]]
    assert "Leila Haddad" in called and "Lars Öberg" not in called
    assert ["Handlingar", "I kommunens mötesapp och hos kommunledningskontoret, Storgatan 1, "
                          "Ekby"] in table
    assert any(p.startswith("Ledamot som är förhindrad att delta meddelar det") for p in text)


def test_a_serving_deputy_is_called_not_informed(out):
    notice = trygga_docs.render_file(YEAR, out / "kallelse-feb.docx", document="notice",
                                     meeting="2025-02-17")[0]
    table = rows(notice)
    split = table.index(["Jonas Åberg", "Ersättare", "(S)"])
    assert ["Ingrid Sjögren", "Ersättare", "(M)"] in table[:split]  # serves for Per-Olof Ek


def test_apologies_to_replaces_the_secretary_in_the_notice(out):
    folder = out / "forhinder"
    folder.mkdir()
    data = {**ADVISORY, "apologies_to": "Bo Lind, bo.lind@exempelby.se"}
    notice = trygga_docs.render_file(write(folder, data), folder / "k.docx", document="notice")[0]
    assert ["Förhinder anmäls till", "Bo Lind, bo.lind@exempelby.se"] in rows(notice)
    assert "Meddela förhinder till Bo Lind, bo.lind@exempelby.se." in paragraphs(notice)
