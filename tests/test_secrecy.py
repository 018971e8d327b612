"""Secrecy and the public version: what the data marks as secret, the internal version that shows
it marked, the public version (``--public``) that withholds it, personnummer, and the notice for
the notice board (``--document anslag``). That no planted secret reaches any public file is
proved in ``tests/test_leaks.py``; the broken files are in ``tests/test_bad_input.py``."""

from __future__ import annotations

import datetime as dt
import shutil
import json

import attrs
import docx
import pytest
from click.testing import CliRunner

import trygga_docs
from trygga_docs import DataError
from trygga_docs.batch import render_many
from trygga_docs.cli import main
from trygga_docs.context import prepare
from trygga_docs.model import Period
from trygga_docs.model import personnummer
from trygga_docs.model.common import Attachment
from trygga_docs.model.meeting import ActionItem, AgendaItem, Meeting, MeetingKind, Participant
from trygga_docs.model.meeting_series import DocumentKind, MeetingSeries, documents
from trygga_docs.model.public import is_public, public_version
from trygga_docs.model.report import CaseDocument, Officer
from trygga_docs.model.secrecy import DEFAULT_PUBLIC_TITLE, PUBLIC, WITHHELD, ProtectedName, SecretText
from trygga_docs.new import report_from_meetings
from trygga_docs.schema import json_schema
from trygga_docs.style import HouseStyle

from .conftest import EXAMPLES, docx_text

NBSP = "\u00a0"
"""A no-break space: after § and between day and month in what the library writes."""

YEAR = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"
MARCH = dt.date(2025, 3, 17)
OSL = "OSL 26 kap. 1 §"


@pytest.fixture(scope="module")
def year() -> MeetingSeries:
    return trygga_docs.load(YEAR).series


@pytest.fixture(scope="module")
def march(year) -> Meeting:
    return next(m for m in year if m.date == MARCH)


def small_meeting(**changes) -> Meeting:
    """A protocol meeting with a protected participant and one public item."""
    people = (Participant(name="Karin Lund", organisation="(S)", member=True),
              Participant(name="Bo Ek", organisation="(M)", member=True),
              Participant(name="Sara Lind", role="socialsekreterare",
                          organisation="Socialförvaltningen", protected=True),
              Participant(name="Per Holm", role="fältsekreterare", organisation="Socialförvaltningen"))
    fields = dict(issuer="Ekby kommun", body="Trygghetsutskottet", kind=MeetingKind.PROTOCOL,
                  date=MARCH, start=dt.time(13), end=dt.time(15), place="Kommunhuset",
                  participants=people, chair="Karin Lund", secretary="Per Holm",
                  minutes_checkers=("Bo Ek",), kept_at="Kommunledningskontoret",
                  items=(AgendaItem(title="Lägesbild", matter=("Sara Lind redovisade.",)),))
    return Meeting(**{**fields, **changes})


# -- the model --------------------------------------------------------------------------------

def test_the_example_year_has_a_secret_item_bilaga_paragraph_and_a_protected_person(march):
    secret = march.items[2]
    assert (secret.secrecy, secret.public_title) == (OSL, "Information från socialförvaltningen")
    assert secret.public_heading == "Information från socialförvaltningen"
    first = march.items[0]
    assert isinstance(first.matter[1], SecretText) and first.matter[1].secrecy == "OSL 18 kap. 1 §"
    assert first.attachments[0].secrecy == "OSL 18 kap. 1 §"
    assert march.participant("Sara Lind").protected
    assert march.secrecy_references() == ("OSL 18 kap. 1 §", OSL)


def test_a_secret_item_shows_sekretessbelagt_arende_without_a_public_title():
    item = AgendaItem(title="Orosanmälan", secrecy=OSL)
    assert item.public_heading == DEFAULT_PUBLIC_TITLE == "Sekretessbelagt ärende"
    assert AgendaItem(title="Lägesbild").public_heading == "Lägesbild"


def test_a_reference_must_be_a_text_and_a_public_title_needs_secrecy():
    with pytest.raises(DataError, match="needs its legal reference") as caught:
        AgendaItem(title="Orosanmälan", secrecy=True)  # type: ignore[arg-type]
    assert caught.value.path == "secrecy"
    with pytest.raises(DataError, match="the item is not secret") as caught:
        AgendaItem(title="Lägesbild", public_title="Ärende")
    assert caught.value.path == "public_title"
    with pytest.raises(DataError, match="needs its legal reference"):
        SecretText(text="Hemligt", secrecy=" ")


def test_protected_needs_a_role_or_organisation_and_an_action_owner_who_is_a_participant():
    with pytest.raises(DataError, match="give a 'role' or an 'organisation'"):
        small_meeting(participants=(Participant(name="Karin Lund", member=True),
                                    Participant(name="Bo Ek", member=True),
                                    Participant(name="Per Holm", protected=True)))
    item = AgendaItem(title="Lägesbild", actions=(ActionItem(owner="Polisen", task="se över",
                                                             protected=True),))
    with pytest.raises(DataError, match="is not a participant") as caught:
        small_meeting(roles=("Polisen",), items=(item,))
    assert caught.value.path == "items[0].actions[0].protected"


def test_the_schema_offers_secrecy_and_never_the_derived_public_flag():
    schema = json_schema("meeting")
    item = schema["$defs"]["AgendaItem"]["properties"]
    assert {"secrecy", "public_title"} <= set(item)
    assert {"$ref": "#/$defs/SecretText"} in item["matter"]["items"]["anyOf"]
    assert "protected" in schema["$defs"]["Participant"]["properties"]
    assert "public" not in schema["properties"]
    assert "public" not in json_schema("report")["properties"]


# -- the public version of the model ------------------------------------------------------------

def test_a_secret_item_keeps_its_number_reference_and_neutral_title_and_nothing_else(march):
    internal = march.items[2]
    public = public_version(march).items[2]
    for field in attrs.fields(AgendaItem):
        value = getattr(public, field.name)
        if field.name == "title":
            assert value == "Information från socialförvaltningen"
        elif field.metadata.get(PUBLIC):
            assert value == getattr(internal, field.name), field.name
        elif field.name in ("actions", "attachments"):  # rows and numbers, nothing to read
            assert len(value) == len(getattr(internal, field.name))
            assert all(not a.title for a in public.attachments)
            assert all(not a.file for a in public.attachments)
            assert all((a.owner, a.task, a.due) == (WITHHELD, WITHHELD, None) for a in public.actions)
        else:
            assert not value, field.name


def test_a_secret_bilaga_and_paragraph_are_withheld_and_the_internal_model_untouched(march):
    public = public_version(march)
    bilaga, paragraph = public.items[0].attachments[0], public.items[0].matter[1]
    assert (bilaga.title, bilaga.file, bilaga.secrecy) == (WITHHELD, None, "OSL 18 kap. 1 §")
    assert (paragraph.text, paragraph.secrecy) == (WITHHELD, "OSL 18 kap. 1 §")
    assert march.items[0].attachments[0].title == "Polisens sammanställning av anmälda stölder"
    assert public.public and is_public(public) and not march.public


def test_a_protected_name_is_replaced_in_every_text_whatever_its_case_spacing_or_genitive():
    meeting = small_meeting(items=(AgendaItem(
        title="Lägesbild", presenters=("Sara Lind",),
        matter=("SARA   LIND redovisade. Sara Linds kollega och Sarah Lindqvist var där.",),
        actions=(ActionItem(owner="Sara Lind", task="ringa Sara Lind"),)),))
    public = public_version(meeting)
    item = public.items[0]
    label = "socialsekreterare, Socialförvaltningen"
    assert public.participants[2].name == label
    assert item.presenters == (label,) and item.actions[0].owner == label
    assert item.matter == (f"{label} redovisade. {label} kollega och Sarah Lindqvist var där.",)
    assert item.actions[0].task == f"ringa {label}"
    assert not any("Sara Lind" in text for text in _texts(public) if "Lindqvist" not in text)


def _texts(value):
    if isinstance(value, str):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, tuple):
        for v in value:
            yield from _texts(v)


def test_an_action_marked_protected_shows_its_owner_by_role_in_that_action_only():
    meeting = small_meeting(items=(AgendaItem(title="Uppföljning", actions=(
        ActionItem(owner="Per Holm", task="kontakta familjen", protected=True),
        ActionItem(owner="Per Holm", task="boka lokal"))),))
    public = public_version(meeting)
    assert [a.owner for a in public.items[0].actions] == ["fältsekreterare, Socialförvaltningen",
                                                           "Per Holm"]
    assert public.secretary == "Per Holm"


def test_the_public_version_masks_personnummer_everywhere():
    meeting = small_meeting(items=(AgendaItem(title="Lägesbild", matter=(
        "Gäller 19121212-1212 och 1212121212, inte 1212121213.",)),))
    assert public_version(meeting).items[0].matter == (
        "Gäller XXXXXXXX-XXXX och XXXXXXXXXX, inte 1212121213.",)


# -- the two versions in the documents ------------------------------------------------------------

def test_the_internal_protocol_is_stamped_secret_and_the_public_one_says_it_is_public(year, march):
    style = HouseStyle()
    [protocol] = documents(MeetingSeries((march,)), DocumentKind.PROTOCOL)
    internal = prepare(protocol, style)
    assert internal.context["classification"] == (
        "SEKRETESS – innehåller uppgifter som omfattas av sekretess enligt OSL 18 kap. 1 § och "
        "OSL 26 kap. 1 § och skyddade personuppgifter")
    assert "sekretess" in internal.properties.keywords
    assert "innehåller sekretessbelagda uppgifter" in internal.properties.subject
    public = prepare(public_version(protocol), style)
    assert public.context["classification"].startswith("OFFENTLIG VERSION – uppgifter som omfattas")
    assert "offentlig version" in public.properties.keywords


def test_a_document_without_secrets_is_not_stamped(year):
    [protocol] = documents(year, DocumentKind.PROTOCOL, year.meetings[0])
    assert prepare(protocol, HouseStyle()).context["classification"] == ""


def test_the_public_protocol_shows_a_secret_item_by_number_title_and_reference_only(year):
    public = public_version(year)
    march = next(m for m in public if m.date == MARCH)
    [protocol] = documents(public, DocumentKind.PROTOCOL, march)
    items = prepare(protocol, HouseStyle()).context["items"]
    secret = items[2]
    assert secret["heading"] == f"§{NBSP}12 Information från socialförvaltningen"
    assert secret["meta"] == [f"Sekretess enligt {OSL}"]
    assert all(not secret[k] for k in ("matter", "decision", "votes", "reservations", "attachments",
                                       "actions", "distribution"))
    first = items[0]
    assert first["matter"][1] == "[Sekretess enligt OSL 18 kap. 1 §]"
    assert first["attachments"] == []  # the secret bilaga is neither listed nor appended
    assert items[2]["number"] == 12


def test_bilagor_keep_their_internal_numbers_when_a_secret_one_is_left_out():
    bilagor = (Attachment(title="Karta"), Attachment(title="Utredning", secrecy=OSL),
               Attachment(title="Tidplan"))
    meeting = small_meeting(items=(AgendaItem(title="Lägesbild", attachments=bilagor),))
    [internal] = documents(MeetingSeries((meeting,)), DocumentKind.PROTOCOL)
    assert prepare(internal, HouseStyle()).context["items"][0]["attachments"] == [
        "Bilaga 1: Karta", f"Bilaga 2: Utredning (sekretess enligt {OSL})", "Bilaga 3: Tidplan"]
    public = prepare(public_version(internal), HouseStyle()).context["items"][0]["attachments"]
    assert public == ["Bilaga 1: Karta", "Bilaga 3: Tidplan"]


def test_the_public_notice_and_register_show_a_secret_items_actions_as_sekretess(year):
    public = public_version(year)
    register = prepare(documents(public, DocumentKind.REGISTER)[0], HouseStyle()).context
    rows = [r for r in register["rows"] if r["number"] == f"§{NBSP}12"]
    assert rows and all((r["item"], r["task"], r["owner"], r["due"]) ==
                        ("Information från socialförvaltningen", f"Sekretess enligt {OSL}", "–", "–")
                        for r in rows)
    internal = prepare(documents(year, DocumentKind.REGISTER)[0], HouseStyle()).context
    assert [r["owner"] for r in internal["rows"] if r["number"] == f"§{NBSP}12"] == ["Sara Lind"]
    assert internal["classification"].startswith("SEKRETESS")
    march = next(m for m in public if m.date == MARCH)
    notice = prepare(documents(public, DocumentKind.NOTICE, march)[0], HouseStyle()).context
    assert notice["agenda"][2]["title"] == "Information från socialförvaltningen"
    assert notice["agenda"][2]["presenters"] == ""
    assert "Sara Lind" not in json.dumps(notice, ensure_ascii=False, default=str)


def test_render_public_writes_files_named_publik_that_hold_no_secret(tmp_path):
    written = trygga_docs.render_file(YEAR, tmp_path / "ut", meeting="2025-03-17",
                                      document="protocol,extract", public=True)
    assert [p.name for p in written][:2] == ["2025-03-17-protokoll-publik.docx",
                                              "2025-03-17-protokollsutdrag-p10-publik.docx"]
    assert all(p.stem.endswith("-publik") for p in written)
    text = docx_text(written[0])
    assert "OFFENTLIG VERSION" in text and "Sekretess enligt OSL 26 kap. 1 §" in text
    for secret in ("Lägesbild om enskilda ungdomar", "Sara Lind", "SOC 2025/77",
                   "förundersökning mot två misstänkta", "Polisens sammanställning"):
        assert secret not in text
    core = docx.Document(str(written[0])).core_properties
    assert "offentlig version" in core.keywords
    single = trygga_docs.render_file(YEAR, tmp_path / "protokoll.docx", meeting="2025-03-17",
                                     public=True)
    assert [p.name for p in single] == ["protokoll-publik.docx"]


def test_the_internal_protocol_shows_everything_marked(tmp_path):
    [path] = trygga_docs.render_file(YEAR, tmp_path / "intern.docx", meeting="2025-03-17")
    text = docx_text(path)
    assert "SEKRETESS – innehåller uppgifter" in text
    for secret in ("Lägesbild om enskilda ungdomar", "Sara Lind", "SOC 2025/77",
                   "[Sekretess enligt OSL 18 kap. 1 §] Polisen har inlett förundersökning",
                   "Bilaga 1: Polisens sammanställning av anmälda stölder (sekretess enligt OSL 18 kap. 1 §)"):
        assert secret in text, secret


def test_batch_public_writes_the_public_versions(tmp_path):
    result = render_many([YEAR], tmp_path, document="protocol,register", workers=1, public=True)
    assert result.ok, result.failed
    names = sorted(p.name for p in result.written)
    assert all(n.endswith("-publik.docx") for n in names)
    assert "2025-03-17-protokoll-publik.docx" in names and "atgardsregister-publik.docx" in names
    march = next(p for p in result.written if p.name == "2025-03-17-protokoll-publik.docx")
    assert "Sara Lind" not in docx_text(march)
    register = next(p for p in result.written if p.name.startswith("atgardsregister"))
    assert "Sara Lind" not in docx_text(register)
    assert "Sekretess enligt OSL 26 kap. 1 §" in docx_text(register)


def test_cli_render_public(tmp_path):
    result = CliRunner().invoke(main, ["render", str(YEAR), "--meeting", "2025-03-17", "--public",
                                       "--out", str(tmp_path / "protokoll.docx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "protokoll-publik.docx").is_file()
    assert not (tmp_path / "protokoll.docx").exists()


# -- personnummer -------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["19121212-1212", "191212121212", "121212-1212", "1212121212",
                                     "20121212+1212", "121212 1212"])
def test_a_personnummer_is_found_with_or_without_century_and_separator(written):
    assert [n.text for n in personnummer.find(f"Gäller {written}.")] == [written]


@pytest.mark.parametrize("written", ["1212121213", "19121312-1212", "KS 2025/1212121212",
                                     "0701234567", "2025-03-17"])
def test_a_number_that_only_looks_like_a_personnummer_is_not_taken_for_one(written):
    assert personnummer.find(written) == []


def test_a_samordningsnummer_is_the_day_plus_sixty():
    [found] = personnummer.find("Samordningsnummer 121272-1219.")
    assert found.kind == "samordningsnummer"


def _with_personnummer(tmp_path):
    text = YEAR.read_text(encoding="utf-8").replace(
        "Protokoll från Brottsförebyggande rådets nätverksträff 2024-12-05.",
        "Protokoll från nätverksträffen, ärende 19121212-1212.")
    path = tmp_path / "år.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copytree(YEAR.parent / "bilagor", tmp_path / "bilagor")
    return path


def test_check_and_render_warn_about_a_personnummer_with_file_line_and_place(tmp_path):
    path = _with_personnummer(tmp_path)
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0
    line = path.read_text(encoding="utf-8").splitlines().index(
        "          - Protokoll från nätverksträffen, ärende 19121212-1212.") + 1
    assert (f"warning: {path}, line {line}, at meetings[0].items[4].matter[0]: holds a "
            f"personnummer ('19121212-1212')") in checked.stderr
    rendered = CliRunner().invoke(main, ["render", str(path), "--meeting", "2025-01-20", "--public",
                                         "--out", str(tmp_path / "ut.docx")])
    assert rendered.exit_code == 0, rendered.output
    assert "holds a personnummer" in rendered.stderr
    text = docx_text(tmp_path / "ut-publik.docx")
    assert "19121212-1212" not in text and "ärende XXXXXXXX-XXXX" in text


# -- the notice for the notice board (anslag) ---------------------------------------------------

def test_anslag_is_the_notice_of_the_adjusted_protocol_with_a_json_record(march, tmp_path):
    written = trygga_docs.render_file(YEAR, tmp_path / "anslag", meeting="2025-03-17",
                                      document="anslag")
    assert [p.name for p in written] == ["anslag.docx", "anslag.json"]
    dates = march.notice_board_dates()
    record = json.loads(written[1].read_text(encoding="utf-8"))
    assert record["paragraphs"] == [10, 11, 12, 13] and record["paragraph_span"] == f"§§{NBSP}10–\u206013"
    assert (record["meeting_date"], record["adjusted"], record["posted"], record["taken_down"],
            record["appeal_ends"]) == ("2025-03-17", "2025-03-21", "2025-03-24", "2025-04-15",
                                       "2025-04-14")
    assert record["posted"] == dates.posted.isoformat()
    assert record["kept_at"] == "Kommunledningskontoret, Storgatan 1, Ekby"
    assert record["appeal_period_days"] == 21
    text = docx_text(written[0])
    for sentence in record["text"]:
        assert sentence in text
    assert "Lägesbild om enskilda ungdomar" not in text and "Sara Lind" not in text
    assert f"senast den 14{NBSP}april 2025" in text


def test_the_anslag_appends_no_bilaga(year, march):
    [anslag] = documents(year, DocumentKind.ANSLAG, march)
    assert anslag.appended_attachments == ()


def test_minnesanteckningar_have_no_anslag():
    hoor = trygga_docs.load(EXAMPLES / "hoor" / "minnesanteckningar-2019-11-25.yaml").series
    with pytest.raises(DataError):
        documents(hoor, DocumentKind.ANSLAG)


# -- the report -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def drafted(year):
    return report_from_meetings(year, period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                                organisation="Ekby kommun", department="Kommunledningskontoret",
                                officer=Officer(name="Anna Berg", title="utredare"),
                                case_number="KS 2025/200", date=dt.date(2025, 12, 15))


def test_the_report_drafted_from_meetings_keeps_secret_items_as_secret_paragraphs(drafted):
    secret = [p for p in drafted.description if isinstance(p, SecretText)]
    assert secret and all(p.secrecy == OSL for p in secret)
    assert any("Lägesbild om enskilda ungdomar" in p.text for p in secret)
    plain = " ".join(p for p in drafted.description if isinstance(p, str))
    assert "Lägesbild om enskilda ungdomar" not in plain
    assert "- §\u00a012 Information från socialförvaltningen" in plain  # the neutral title, as written
    assert drafted.protected == (ProtectedName(name="Sara Lind",
                                               shown_as="socialsekreterare, Socialförvaltningen"),)


def test_the_public_report_withholds_secret_paragraphs_documents_and_protected_names(drafted,
                                                                                     tmp_path):
    report = attrs.evolve(drafted, documents=(*drafted.documents, CaseDocument(
        title="Social utredning", secrecy=OSL)))
    [internal] = trygga_docs.render(report, tmp_path / "intern.docx")
    [public] = trygga_docs.render(report, tmp_path / "skrivelse.docx", public=True)
    assert public.name == "skrivelse-publik.docx"
    inside, outside = docx_text(internal), docx_text(public)
    assert "SEKRETESS" in inside and "Social utredning" in inside and "Sara Lind" in inside
    assert "OFFENTLIG VERSION" in outside
    for secret in ("Social utredning", "Sara Lind", "Lägesbild om enskilda ungdomar"):
        assert secret not in outside
    assert f"[Sekretess enligt {OSL}]" in outside


def test_a_name_protected_at_one_meeting_is_replaced_at_every_meeting_of_the_series():
    march = small_meeting()
    april = small_meeting(date=dt.date(2025, 4, 14), participants=march.participants[:2] + (
        Participant(name="Per Holm", role="fältsekreterare"),),
        items=(AgendaItem(title="Uppföljning", matter=("Sara Lind har återkommit.",)),))
    public = public_version(MeetingSeries((march, april)))
    assert public.meetings[1].items[0].matter == (
        "socialsekreterare, Socialförvaltningen har återkommit.",)
