"""The documents of the meeting cycle as written: what the Word files say (python-docx), that the
compiled-once rendering writes what plain docxtpl writes, the batch and the command line."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docxtpl import DocxTemplate

import trygga_docs
from trygga_docs.context import prepare
from trygga_docs.context.common import house_context
from trygga_docs.loader import read_data
from trygga_docs.model.meeting_series import documents
from trygga_docs.batch import data_files, render_many
from trygga_docs.word.docx import _rich, set_properties
from trygga_docs.style import load_style

from .conftest import CLI, DATA, EXAMPLES, docx_text

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""

HOOR_NOTES = EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml"
YEAR = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"

# The published notes (../shared/seeds/hoor-minnesanteckningar-trygghetsradet-2019-11-25.txt),
# carried here so the test runs without the seeds folder.
SEED = """\
Kommunstyrelsen

Trygghetsrådet Trygga Höör – minnesanteckningar från mötet 2019-11-25

Tid: 09:00 – 11:00

Lokal: Mejeriet 4, Mejerigatan Höör

Deltagare: Johan Svahnberg, kommunstyrelsens ordförande, Susanne Andersson, första vice ordförande i barn- och utbildningsnämnden, Margareta Johansson, ordförande i socialnämnden, Erik Mårtensson, ersättare i nämnden för kultur, arbetsmarknad och folkhälsa, Michael Andersson, kommundirektör, Lisbeth Bonthron, barn- och utbildningschef, Ewa Näslund, socialchef, Catharina Pålsson, chef för kultur, arbetsmarknad och folkhälsa, Anna Johansson, kommunpolis, Per Björkman, räddningschef, Dan Bengtsson, säkerhets- och trygghetssamordnare.

Dagordning:

1. Trygghetsmätning
Anna Johansson går igenom den lokala trygghetsmätningen från polisen. Höör har förbättrat sitt index till 1.81 vilket är bäst i lokalpolisområdet. Faktorer som anses störande är nedskräpning och buskörning. Andelen av befolkningen som inte har varit utsatt för något brott har förbättrats till 83,2%.

Anna ska redogöra för mätningen på kommunstyrelsen den 14 januari. (sedan mötet hölls har detta förändrats XX kommer att föredra resultatet på kommunfullmäktige i januari 2020.)
2. Trygghetsmätning i skolan
Diskussion om mätningen ska göras för högstadielärover i kommunen. Anna ska undersöka möjligheten att genomföra undersökningen även i åldersgruppen för högstadielärover. Diskussion fortsätter vid nästa möte.
3. Samverkansdokument
Ewa Näslund leder arbetet med nytt samverkansavtal tillsammans med polisen. Utkast ska vara klart 1 mars för behandling inför KF.
4. Medborgarlöften
Diskussion kring medborgarlöftena 2019 och 2020. Halvårsuppföljning eftersträvas i framtiden samt att löftena för 2020 ska innehålla punkter som inte är ordinarie verksamhet. Löftena ska vara klara till nästa Trygga Höör möte.

5. Handlingsplan mot våldsbejakande extremism
Arbetet fortskrider för att ta fram en handlingsplan. Diskussion kring syftet med planen och lägesbilden idag. Utkast ska vara klart 1 mars för behandling i kommunstyrelsen.
6. Kommunikationssystem
Per och Dan redogör för Cocrisis som kommunikationssystem vid kriser. Frågan skickas till ledningsgruppen för vidare diskussion.
7. Nästa möte
Måndagen den 2e mars kl. 15.00.

Vid pennan
Johan Svahnberg
Kommunstyrelsens ordförande
"""


def paragraphs(path: Path) -> list[str]:
    # a date in a title keeps together with non-breaking hyphens; a reader sees "-"
    return [p.text.replace("\u2011", "-") for p in docx.Document(str(path)).paragraphs]


def table_rows(path: Path) -> list[list[str]]:
    rows = []
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            rows.append([c.text for c in row.cells])
    return rows


def header_footer_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = []
    for section in document.sections:
        for hf in (section.header, section.footer):
            parts.extend(p.text for p in hf.paragraphs)
            for table in hf.tables:
                parts.extend(c.text for row in table.rows for c in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def year():
    return trygga_docs.load(YEAR).series


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("möten")


# -- minnesanteckningar ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hoor_minutes(out) -> Path:
    return trygga_docs.render_file(HOOR_NOTES, out / "minnesanteckningar.docx")[0]


def test_hoor_notes_reproduce_the_seed(hoor_minutes):
    text = docx_text(hoor_minutes)
    flat = re.sub(r"\s+", " ", text)
    seed_lines = [line.strip() for line in SEED.splitlines() if line.strip()]
    # the running text of every item, word for word
    for line in seed_lines:
        if re.match(r"^(\d\.|Tid:|Lokal:|Deltagare:|Dagordning:|Måndagen den 2e)", line):
            continue
        assert line in flat, line
    # numbered items, headings and facts, in the document's own form
    for number, title in enumerate(["Trygghetsmätning", "Trygghetsmätning i skolan",
                                    "Samverkansdokument", "Medborgarlöften",
                                    "Handlingsplan mot våldsbejakande extremism",
                                    "Kommunikationssystem", "Nästa möte"], start=1):
        assert f"{number}. {title}" in paragraphs(hoor_minutes)
    assert "Måndagen den 25 november 2019 kl. 09.00–\u206011.00" in flat  # spaces flattened  # Tid: 09:00 – 11:00
    assert "Lokal Mejeriet 4, Mejerigatan Höör" in " ".join(" ".join(r) for r in table_rows(hoor_minutes))
    assert f"Måndagen den 2{NBSP}mars 2020 kl.\u00a015.00." in paragraphs(hoor_minutes)
    # every participant with the role the seed gives
    deltagare = SEED.split("Deltagare: ")[1].split(".\n")[0]
    pairs = re.findall(r"([A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+), ((?:(?![A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+,).)+?)(?:, (?=[A-ZÅÄÖ])|$)",
                       deltagare)
    assert len(pairs) == 11
    rows = {r[0]: r[1] for r in table_rows(hoor_minutes) if len(r) == 2}
    for name, role in pairs:
        assert rows[name] == role[0].upper() + role[1:], name


def test_minutes_add_no_actions_the_seed_does_not_have_and_show_who_held_the_pen(hoor_minutes):
    rows = table_rows(hoor_minutes)
    assert ["Åtgärd", "Ansvarig", "Klart senast"] not in rows
    text = paragraphs(hoor_minutes)
    assert text[-3:] == ["Vid pennan", "Johan Svahnberg", "Kommunstyrelsens ordförande"]
    assert "Föredragande: Per Björkman och Dan Bengtsson" in text
    headers = header_footer_text(hoor_minutes)
    assert "Kommunstyrelsen\tMinnesanteckningar 2019-11-25" in headers
    assert "Sida" in headers
    core = docx.Document(str(hoor_minutes)).core_properties
    assert core.title == "Trygghetsrådet Trygga Höör – minnesanteckningar från mötet 2019-11-25"


# -- sammanträdesprotokoll ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def march_protocol(out) -> Path:
    return trygga_docs.render_file(YEAR, out / "protokoll-mars.docx", meeting="2025-03-17")[0]


def test_protocol_paragraphs_run_on_from_the_years_earlier_meetings(march_protocol):
    headings = [p.text for p in docx.Document(str(march_protocol)).paragraphs
                if p.style.name == "Heading 2"]
    assert headings == ["Närvarolista", "Ärenden", f"§{NBSP}10 Stölder vid pendlarparkeringen", f"§{NBSP}11 Trygghetsmätning 2025",
                        f"§{NBSP}12 Lägesbild om enskilda ungdomar", f"§{NBSP}13 Meddelanden"]
    rows = table_rows(march_protocol)
    assert [f"§{NBSP}10", "Stölder vid pendlarparkeringen", "KS 2025/48"] in rows
    assert ["Paragrafer", f"§§{NBSP}10–\u206013"] in rows


def test_protocol_anslag_block_has_the_dates_by_the_rule(march_protocol):
    rows = {r[0]: r[1] for r in table_rows(march_protocol) if len(r) == 2}
    assert rows["Sammanträdesdatum"] == "2025-03-17"
    assert rows["Protokollet justerat"] == "2025-03-21"
    assert rows["Datum då anslaget sätts upp"] == "2025-03-24"
    assert rows["Sista dag för överklagande"] == "2025-04-14"
    assert rows["Datum då anslaget tas ned"] == "2025-04-15"
    assert rows["Förvaringsplats för protokollet"] == "Kommunledningskontoret, Storgatan 1, Ekby"
    assert rows["Justeringens plats och tid"] == "Kommunledningskontoret, 2025-03-21"
    assert rows["Utses att justera"] == "Sofia Bergström"
    assert any(r[0] == "ANSLAG/BEVIS" and "Protokollet är justerat" in r[0] + r[-1]
               or "ANSLAG/BEVIS" in r[0] for r in table_rows(march_protocol))


def test_protocol_lists_who_decided_who_else_was_there_and_the_signatures(march_protocol):
    rows = table_rows(march_protocol)
    assert ["Karin Lindqvist", "Ordförande", "(S)"] in rows
    assert ["Mats Holm", "Vice ordförande", "(M)"] in rows
    assert ["Maria Nilsson", "Kommunsekreterare", "Kommunledningskontoret"] in rows
    assert ["Elin Strand", "Kommunpolis", "Polisen, lokalpolisområde Ekby"] in rows
    signatures = [r for r in rows if r and r[0] in ("Sekreterare", "Ordförande", "Justerare")]
    assert [r[0] for r in signatures] == ["Sekreterare", "Ordförande", "Justerare"]
    assert "Sofia Bergström" in signatures[2][1] and "______" in signatures[2][1]
    frame = header_footer_text(march_protocol)
    for text in ("Ekby kommun\tSAMMANTRÄDESPROTOKOLL", "Trygghetsutskottet\tSammanträdesdatum 2025-03-17",
                 "Justerares signatur", "Utdragsbestyrkande", "Sida"):
        assert text in frame


def test_a_secret_item_is_whole_and_stamped_in_the_internal_protocol(march_protocol):
    # the public version (--public) is specified in tests/test_secrecy.py
    text = paragraphs(march_protocol)
    assert "Sekretess enligt OSL 26 kap. 1 §" in text
    assert any(p.startswith("Sara Lind och fältsekreterarna redovisar") for p in text)
    assert text[text.index("Sekretess enligt OSL 26 kap. 1 §") - 1] == f"§{NBSP}12 Lägesbild om enskilda ungdomar"


def test_protocol_shows_votes_reservations_and_attachments(out):
    april = trygga_docs.render_file(YEAR, out / "april.docx", meeting="2025-04-14")[0]
    text = paragraphs(april)
    assert "Per-Olof Ek (SD) reserverar sig mot beslutet om bidrag till Sjöparkens vänner." in text
    assert "Omröstning" in text and "Reservation" in text
    assert "Bilaga 1: Beskrivning av arbetssättet EST" in text
    may = trygga_docs.render_file(YEAR, out / "maj.docx", meeting="2025-05-12")[0]
    text = paragraphs(may)
    assert "Paragrafen förklaras omedelbart justerad." in text
    assert ["Jonas Åberg", "Tjänstgörande ersättare för Sofia Bergström", "(S)"] in table_rows(may)
    assert ["Sofia Bergström", "Ledamot", "(L)"] in table_rows(may)  # under Frånvarande


# -- kallelse, protokollsutdrag, åtgärdsregister --------------------------------------------------

def test_notice_has_agenda_and_the_open_actions_oldest_due_first(out):
    notice = trygga_docs.render_file(YEAR, out / "kallelse.docx", document="notice",
                                     meeting="2025-09-08")[0]
    text = paragraphs(notice)
    assert "Kallelse till sammanträde med Trygghetsutskottet" in text
    assert "Föredragningslista" in text and "Uppföljning av åtgärder" in text
    rows = table_rows(notice)
    assert ["Tid", f"Måndagen den 8{NBSP}september 2025 kl.\u00a013.00–\u206015.30"] in rows
    assert ["1", "Beslut om kameraövervakning", "Ahmed Karimi", "KS 2025/48"] in rows
    start = rows.index(["Beslutad", "Åtgärd", "Ansvarig", "Klart senast"])
    actions = rows[start + 1:start + 5]
    assert [r[0] for r in actions] == [f"2025-02-17 §{NBSP}8", f"2025-08-18 §{NBSP}27", f"2025-08-18 §{NBSP}26",
                                       f"2025-06-09 §{NBSP}22"]
    assert [r[3] for r in actions] == sorted(r[3] for r in actions)
    assert "KALLELSE" in header_footer_text(notice)


def test_the_first_notice_of_the_year_says_it_cannot_know_earlier_meetings(out):
    # nothing before January in the file or its folder: not "there are none", but "not known"
    notice = trygga_docs.render_file(YEAR, out / "kallelse-jan.docx", document="notice",
                                     meeting="2025-01-20")[0]
    text = paragraphs(notice)
    assert "Det finns inga öppna åtgärder från tidigare möten." not in text
    assert any("öppna åtgärder från dem kan inte redovisas" in p for p in text)


def test_extracts_one_file_per_paragraph(out):
    written = trygga_docs.render_file(YEAR, out / "utdrag", document="extract", meeting="2025-05-12")
    assert [p.name for p in written] == ["2025-05-12-protokollsutdrag-p18.docx",
                                         "2025-05-12-protokollsutdrag-p19.docx",
                                         "2025-05-12-protokollsutdrag-p20.docx"]
    swedish = trygga_docs.render_file(YEAR, out / "utdrag-sv", document="extract",
                                      meeting="2025-05-12", swedish_names=True)
    assert [p.name for p in swedish] == ["2025-05-12-protokollsutdrag-§18.docx",
                                         "2025-05-12-protokollsutdrag-§19.docx",
                                         "2025-05-12-protokollsutdrag-§20.docx"]
    first = paragraphs(written[0])
    assert first[1] == f"§{NBSP}18 Ansökan om kameraövervakning av pendlarparkeringen"
    assert (f"Paragrafen justerades omedelbart vid sammanträdet den 12{NBSP}maj 2025 och justeringen "
            f"tillkännagavs på kommunens anslagstavla den 13{NBSP}maj 2025.") in first
    # the certification, its signature and the recipients are one block that does not break
    assert first[-1] == "Utdragsbestyrkande"
    [block] = [row[0] for row in table_rows(written[0]) if "Utdragets riktighet" in row[0]]
    assert block.splitlines()[0] == "Utdragets riktighet bestyrks."
    assert block.splitlines()[-3:] == ["Expedieras till", "Säkerhetschef",
                                       "Polisen lokalpolisområde Ekby"]
    assert "PROTOKOLLSUTDRAG" in header_footer_text(written[0])
    second = paragraphs(written[1])
    assert (f"Protokollet justerades den 16{NBSP}maj 2025 och justeringen tillkännagavs på kommunens "
            f"anslagstavla den 19{NBSP}maj 2025.") in second


def test_the_action_register_document(out, year):
    register = trygga_docs.render_file(YEAR, out / "register.docx", document="register")[0]
    rows = table_rows(register)
    assert rows[0] == ["Möte", "Nr", "Ärende", "Åtgärd", "Ansvarig", "Klart senast", "Status"]
    assert len(rows) == 1 + len(year.register())
    assert rows[1] == ["2025-01-20", f"§{NBSP}1", "Lägesbild från polisen",
                       "Ta fram statistik över stölder vid pendlarparkeringen för de senaste tre åren",
                       "Elin Strand", "2025-03-14", "Klar 2025-03-10"]
    assert {r[-1].split()[0] for r in rows[1:]} == {"Klar", "Öppen", "Försenad"}
    summary = paragraphs(register)
    assert any(p.startswith(f"17 åtgärder från tio möten, läget den 8{NBSP}december 2025") for p in summary)
    section = docx.Document(str(register)).sections[0]
    assert section.page_width > section.page_height  # landscape


# -- the same content as plain docxtpl -----------------------------------------------------------

def plain_docxtpl(document, target: Path, style) -> Path:
    """What plain docxtpl writes: one DocxTemplate per document, its own default Environment."""
    prepared = prepare(document, style)
    template = DocxTemplate(str(style.template(prepared.template)))
    context = {"house": house_context(style), **prepared.context}
    template.render(_rich(context, template), autoescape=True)
    set_properties(template, prepared.properties)
    template.save(str(target))
    return target


_RENDER_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def parts(path: Path) -> dict[str, bytes]:
    """Every part of a Word file; the core properties without their render time (the created and
    modified dates are the moment of rendering, which differs between two renders)."""
    with zipfile.ZipFile(path) as z:
        return {name: _RENDER_TIME.sub(rb"\1\2", z.read(name)) if name == "docProps/core.xml"
                else z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("style_name", ["default", "klassisk"])
def test_compiled_once_rendering_writes_what_plain_docxtpl_writes(year, tmp_path, style_name):
    style = load_style(style_name)
    chosen = [documents(year, kind)[i] for kind, i in
              (("notice", 7), ("protocol", 4), ("extract", 20), ("register", 0), ("minutes", 2))]
    for n, document in enumerate(chosen):
        plain = plain_docxtpl(document, tmp_path / f"plain-{n}.docx", style)
        for attempt in range(2):  # the first render compiles, the second reuses
            ours = trygga_docs.render(document, tmp_path / f"ours-{n}-{attempt}.docx", style=style)[0]
            assert parts(ours) == parts(plain), type(document).__name__


def split_year(folder: Path) -> list[Path]:
    """The example year as one file per meeting, as a secretary might keep it."""
    data, _ = read_data(YEAR)
    shared = {k: v for k, v in data.items() if k != "meetings"}
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(YEAR.parent / "bilagor", folder / "bilagor")  # the bilagor the year names
    paths = []
    for entry in data["meetings"]:
        path = folder / f"{entry['date']}.yaml"
        path.write_text(yaml.safe_dump({**shared, **entry}, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_the_batch_writes_what_plain_docxtpl_writes(year, tmp_path):
    split_year(tmp_path / "år")
    result = render_many(data_files(tmp_path / "år"), tmp_path / "ut", document="notice,protocol",
                         workers=2)
    assert result.ok and len(result.written) == 24
    style = load_style()
    for document in (documents(year, "protocol")[5], documents(year, "notice")[9]):
        kind = "protokoll" if document.__class__.__name__ == "Protocol" else "kallelse"
        day = document.meeting.date.isoformat()
        written = tmp_path / "ut" / day / f"{day}-{kind}.docx"  # the file 2025-…yaml's folder
        plain = plain_docxtpl(document, tmp_path / "plain.docx", style)
        assert parts(written) == parts(plain)


# -- batch ----------------------------------------------------------------------------------------

def test_batch_numbers_paragraphs_across_separate_meeting_files(tmp_path):
    split_year(tmp_path / "år")
    result = render_many(data_files(tmp_path / "år"), tmp_path / "ut",
                         document="protocol,extract,register", workers=2)
    assert result.ok, result.failed
    february = tmp_path / "ut" / "2025-02-17" / "2025-02-17-protokoll.docx"
    headings = [p.text for p in docx.Document(str(february)).paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == ["Närvarolista", "Ärenden"]
    assert headings[2:] == [f"§{NBSP}6 Lägesbild från polisen",
                            f"§{NBSP}7 Belysning i gångtunnlarna under riksvägen",
                            f"§{NBSP}8 Sommarlovsaktiviteter för unga", f"§{NBSP}9 Meddelanden"]
    names = {p.name for p in result.written}
    assert "2025-12-08-protokollsutdrag-p40.docx" in names
    # the body's meetings come from twelve files: its register goes beside their folders
    assert tmp_path / "ut" / "atgardsregister-trygghetsutskottet.docx" in result.written
    assert len(names) == 12 + 40 + 1


def test_batch_of_a_multi_meeting_file_writes_into_its_folder(tmp_path):
    progress, totals = [], []
    result = render_many([YEAR], tmp_path, document="protocol", workers=2,
                         on_progress=lambda *a: progress.append(a), on_plan=totals.append)
    assert result.ok and len(result.written) == 12
    assert (tmp_path / "sammantraden-2025" / "2025-09-29-protokoll.docx").is_file()
    assert totals == [1, 13] and len(progress) == 13


def test_batch_goes_on_past_broken_files_and_names_them(tmp_path):
    folder = tmp_path / "data"
    paths = split_year(folder)
    for path in paths[2:]:
        path.unlink()
    for name in ("meeting-absent-adjuster.yaml", "meeting-time-25.yaml"):
        (folder / name).write_bytes((DATA / "bad" / name).read_bytes())
    (folder / "hoor.yaml").write_bytes(HOOR_NOTES.read_bytes())
    result = subprocess.run([*CLI, "batch", str(folder), "--out", str(tmp_path / "ut"),
                             "--document", "notice,protocol"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert "5 written, 3 failed" in result.stderr
    assert "meeting-absent-adjuster.yaml, line 21, at minutes_checkers[0]" in result.stderr
    assert "meeting-time-25.yaml, line 6, at start" in result.stderr
    # the Höör notes have no justerare: their notice is written, the protocol is refused
    assert "hoor.yaml" in result.stderr and "render its minnesanteckningar" in result.stderr
    # every meeting file's documents in its own folder, named by meeting and document
    assert sorted(p.relative_to(tmp_path / "ut").as_posix()
                  for p in (tmp_path / "ut").rglob("*") if p.is_file()) == [
        "2025-01-20/2025-01-20-kallelse.docx", "2025-01-20/2025-01-20-protokoll.docx",
        "2025-02-17/2025-02-17-kallelse.docx", "2025-02-17/2025-02-17-protokoll.docx",
        "hoor/2019-11-25-kallelse.docx"]


def test_batch_skips_other_documents_when_meeting_documents_are_asked_for(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "avtal.yaml").write_bytes((EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml").read_bytes())
    (folder / "möte.yaml").write_bytes(HOOR_NOTES.read_bytes())
    result = render_many(data_files(folder), tmp_path / "ut", document="minutes", workers=1)
    assert result.ok and result.summary() == "1 written, 0 failed, 1 skipped"
    assert [p.relative_to(tmp_path / "ut").as_posix() for p in result.written] == [
        "möte/2019-11-25-minnesanteckningar.docx"]


# -- command line ---------------------------------------------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, encoding="utf-8")


def test_render_picks_the_document_of_the_cycle(tmp_path):
    result = run("render", str(HOOR_NOTES), "--document", "notice", "--out", str(tmp_path / "k.docx"))
    assert result.returncode == 0, result.stderr
    assert "Kallelse till möte med Trygghetsrådet Trygga Höör" in paragraphs(tmp_path / "k.docx")
    default = run("render", str(HOOR_NOTES), "--out", str(tmp_path / "m.docx"))
    assert default.returncode == 0
    assert "Vid pennan" in paragraphs(tmp_path / "m.docx")


def test_render_of_a_year_file_without_meeting_writes_a_folder(tmp_path):
    result = run("render", str(YEAR), "--out", str(tmp_path / "protokoll"))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "protokoll").glob("2025-*-protokoll.docx"))) == 12


def test_unknown_document_and_meeting_are_refused(tmp_path):
    wrong = run("render", str(HOOR_NOTES), "--document", "protokol", "--out", str(tmp_path / "x.docx"))
    assert wrong.returncode == 1 and "unknown document 'protokol'" in wrong.stderr
    missing = run("render", str(YEAR), "--meeting", "2025-03-18", "--out", str(tmp_path / "x.docx"))
    assert missing.returncode == 1 and "no meeting on 2025-03-18" in missing.stderr
    agreement = run("render", str(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"),
                    "--document", "notice", "--out", str(tmp_path / "x.docx"))
    assert agreement.returncode == 1 and "apply to meeting files" in agreement.stderr


# -- the templates ask only for what the documents provide -----------------------------------------

@pytest.mark.parametrize("style_name", ["default", "klassisk"])
@pytest.mark.parametrize("kind", ["notice", "minutes", "protocol", "extract", "register"])
def test_each_meeting_template_uses_only_what_its_document_provides(year, kind, style_name):
    from trygga_docs.style import BUNDLED_TEMPLATES
    from trygga_docs.word.templatecheck import check_template, merge, shape

    style = load_style(style_name)
    hoor = trygga_docs.load(HOOR_NOTES).series
    found = {}
    for series in (year,) if kind in ("protocol", "extract") else (year, hoor):
        for document in documents(series, kind):
            found = merge(found, shape(prepare(document, style).context))
    found["house"] = shape(house_context(style))
    template = BUNDLED_TEMPLATES / style_name / f"{kind}.docx"
    report = check_template(template, kind, vocabulary=found)
    assert report.unknown == [], "\n".join(map(str, report.unknown))
