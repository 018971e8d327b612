"""The public version holds no secret: a leak test that cannot pass with a leak.

The planted values come from the model itself: ``plant`` walks the attrs classes and puts a
unique token in every text field of a secret item, of a secret bilaga, of a secret paragraph and
of a protected person that the model does not mark ``shown_in_public`` (so a field added later is
planted, and scanned for, without editing this test). Every public document type is rendered to
DOCX and PDF; every XML part of each DOCX, each PDF's text, Info, XMP, bookmarks, embedded files
and every string of every PDF object (alt texts, annotations), and every file name are scanned.

Three things together make the scan trustworthy: the public version shows none of the tokens;
the internal version of the same documents shows every one of them (so each token can be found
where it is printed); and a leak planted on purpose in one context builder, in the document
properties or in the bilagor is found.
"""

from __future__ import annotations

import datetime as dt
import itertools
import types
import typing
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pypdf
import pytest

import trygga_docs
from trygga_docs.context import Prepared, _BUILDERS
from trygga_docs.model.meeting import ActionItem, AgendaItem, Meeting, MeetingKind, Participant
from trygga_docs.model.common import Attachment
from trygga_docs.model.meeting_series import MeetingSeries, Protocol
from trygga_docs.model.report import CaseDocument, Officer
from trygga_docs.model.secrecy import PUBLIC, ProtectedName, SecretText
from trygga_docs.model import Period
from trygga_docs.new import report_from_meetings
from trygga_docs.pdf.convert import Converter

REFERENCE = "OSL 26 kap. 1 §"
PERSONNUMMER = "19121212-1212"
DOCUMENTS = "notice,minutes,protocol,extract,register,anslag"
"""Every document of the meeting cycle (the report drafted from meetings is rendered apart)."""


# ---------------------------------------------------------------------------------------------
# Planting: a token in every withheld field, found by walking the model's classes


class Tokens:
    """Unique tokens, each remembered with where it was planted; none is part of another."""

    def __init__(self) -> None:
        self._count = itertools.count(1)
        self.planted: dict[str, str] = {}

    def __call__(self, where: str) -> str:
        token = f"Qzv{next(self._count):04d}kxj"
        self.planted[token] = where
        return token


def _value(hint: Any, where: str, tokens: Tokens, fills: dict[type, dict[str, Callable[[], Any]]]
           ) -> Any:
    """A planted value for a field of type ``hint``: a token for a text, one item for a list
    (one of each kind for a list of text-or-class), a planted object for an attrs class."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return tokens(where)
    if origin is tuple:
        inner = args[0]
        kinds = typing.get_args(inner) or (inner,)
        return tuple(_value(kind, f"{where}[{i}]", tokens, fills) for i, kind in enumerate(kinds))
    if origin in (typing.Union, types.UnionType):
        chosen = [a for a in args if a is not type(None)]
        return _value(chosen[0], where, tokens, fills) if len(chosen) == 1 else None
    if attrs.has(hint):
        return plant(hint, where, tokens, fills)
    return None  # a date, a number, an enum: not text, keeps its default


def plant(cls: type, where: str, tokens: Tokens,
          fills: dict[type, dict[str, Callable[[], Any]]]) -> Any:
    """An instance of ``cls`` with a fresh token in every field the public version withholds;
    ``fills[cls][field]()`` gives a value a field must have to be valid (an owner who is a
    participant, a bilaga that is a PDF), fields kept in public keep their defaults unless
    filled."""
    hints = typing.get_type_hints(cls)
    given = fills.get(cls, {})
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if not field.init:
            continue
        if field.name in given:
            values[field.name] = given[field.name]()
        elif not field.metadata.get(PUBLIC):
            value = _value(hints[field.name], f"{where}.{field.name}", tokens, fills)
            if value is not None:
                values[field.name] = value
    return cls(**values)


def text_pdf(path: Path, text: str) -> Path:
    """A one-page PDF whose only text is ``text`` (base-14 font; enough for pypdf to read)."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
               b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


@attrs.frozen
class Planted:
    """A year of two meetings with every kind of secret planted, and the tokens."""

    series: MeetingSeries
    report: Any
    tokens: Tokens
    folder: Path


def planted_year(folder: Path) -> Planted:
    """Two protocol meetings of one body. Each has a protected participant (secretary and
    justerare, named in a public item's text too), a secret item, a secret bilaga and a secret
    paragraph in a public item; the first meeting's secret item has an action still open when
    the second meeting's notice goes out. A personnummer stands in a public item's text."""
    tokens = Tokens()
    folder.mkdir(parents=True, exist_ok=True)

    def meeting(n: int, date: dt.date) -> Meeting:
        person = plant(Participant, f"m{n}.protected", tokens, {Participant: {
            "role": lambda: "socialsekreterare", "organisation": lambda: "Socialförvaltningen",
            "protected": lambda: True, "member": lambda: True}})

        presenter = tokens(f"m{n}.secret_item.presenters[0]")
        jav, away = (Participant(name=tokens(f"m{n}.secret_item.{what}[0]"), role="ledamot",
                                 organisation=party, protected=True)
                     for what, party in (("disqualified", "(V)"), ("absent", "(KD)")))

        def pdf() -> str:  # a bilaga whose name and text are both a token
            name = tokens(f"m{n}.bilaga")
            text_pdf(folder / f"{name}.pdf", name)
            return f"{name}.pdf"

        fills: dict[type, dict[str, Callable[[], Any]]] = {
            ActionItem: {"owner": lambda: person.name},
            Attachment: {"file": pdf, "secrecy": lambda: REFERENCE},
            SecretText: {"secrecy": lambda: REFERENCE},
            # names of people must be known: a declared role, protected participants
            AgendaItem: {"secrecy": lambda: REFERENCE, "public_title": lambda: "Neutral rubrik",
                         "presenters": lambda: (presenter,), "disqualified": lambda: (jav.name,),
                         "absent": lambda: (away.name,)},
        }
        secret_item = plant(AgendaItem, f"m{n}.secret_item", tokens, fills)
        secret_item = attrs.evolve(secret_item, actions=tuple(
            attrs.evolve(a, due=date + dt.timedelta(days=60), done=None) for a in secret_item.actions))
        secret_attachment = plant(Attachment, f"m{n}.secret_attachment", tokens, fills)
        secret_paragraph = plant(SecretText, f"m{n}.secret_paragraph", tokens, fills)
        public_item = AgendaItem(
            title=f"Lägesbild {n}", presenters=(person.name,),
            matter=(f"{person.name} redovisade läget. Personnummer {PERSONNUMMER}.", secret_paragraph),
            decision=("Utskottet tackar för informationen.",),
            attachments=(Attachment(title="Offentlig karta"), secret_attachment),
            actions=(ActionItem(owner=person.name, task="följa upp läget"),))
        others = (Participant(name="Karin Ordförande", organisation="(S)", member=True),
                  Participant(name="Mats Ledamot", organisation="(M)", member=True))
        return Meeting(issuer="Ekby kommun", body="Trygghetsutskottet",
                       kind=MeetingKind.PROTOCOL, date=date, start=dt.time(13), end=dt.time(15),
                       place="Kommunhuset", participants=(*others, person, jav, away),
                       roles=(presenter,),
                       chair="Karin Ordförande", secretary=person.name,
                       minutes_checkers=(person.name,), kept_at="Kommunledningskontoret",
                       notice_date=date - dt.timedelta(days=7),
                       items=(public_item, secret_item, AgendaItem(title="Meddelanden")))

    series = MeetingSeries((meeting(1, dt.date(2025, 3, 10)), meeting(2, dt.date(2025, 4, 14))))
    report = report_from_meetings(
        series, period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        organisation="Ekby kommun", department="Kommunledningskontoret",
        officer=Officer(name="Anna Handläggare", title="utredare"), case_number="KS 2025/1",
        date=dt.date(2025, 12, 15))
    named = plant(ProtectedName, "report.protected", tokens,
                  {ProtectedName: {"shown_as": lambda: "en anhörig"}})
    report = attrs.evolve(
        report, draft=False, protected=(*report.protected, named),
        summary=(*report.summary, plant(SecretText, "report.summary", tokens,
                                        {SecretText: {"secrecy": lambda: REFERENCE}})),
        background=(*report.background, f"Uppgifterna kommer från {named.name}."),
        documents=(*report.documents, plant(CaseDocument, "report.document", tokens,
                                            {CaseDocument: {"secrecy": lambda: REFERENCE,
                                                            "file": lambda: None}})))
    return Planted(series=series, report=report, tokens=tokens, folder=folder)


def test_every_withheld_field_of_the_secret_classes_gets_a_token(tmp_path):
    """The walk covers the classes' fields: a field added to them later is planted too."""
    year = planted_year(tmp_path)
    planted = set(year.tokens.planted.values())
    for cls, where in ((AgendaItem, "m1.secret_item"), (Attachment, "m1.secret_attachment"),
                       (Participant, "m1.protected"), (SecretText, "m1.secret_paragraph")):
        for field in attrs.fields(cls):
            hint = typing.get_type_hints(cls)[field.name]
            inner = typing.get_args(hint)[0] if typing.get_args(hint) else hint
            holds_text = "str" in str(hint) or attrs.has(inner)
            if field.metadata.get(PUBLIC) or not holds_text or field.name == "file":
                continue
            assert any(w == f"{where}.{field.name}" or w.startswith(f"{where}.{field.name}[")
                       or w.startswith(f"{where}.{field.name}.") for w in planted), (cls, field.name)


# ---------------------------------------------------------------------------------------------
# Rendering and scanning


def docx_parts(path: Path) -> Iterator[tuple[str, str]]:
    """Every part of a Word file (every XML part, the relationships, the core properties), by
    name, and the names themselves."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            yield f"{path.name}: part name", name
            yield f"{path.name}: {name}", archive.read(name).decode("utf-8", "replace")


def _pdf_objects(reader: pypdf.PdfReader) -> Iterator[str]:
    """Every text string and every (decoded) stream of every object reachable from the
    trailer: alt texts, annotations, the structure tree, content streams and fonts alike."""
    yield from _strings(reader.trailer, set())


def _strings(obj: Any, seen: set[Any]) -> Iterator[str]:
    if isinstance(obj, pypdf.generic.IndirectObject):
        if (obj.idnum, obj.generation) in seen:
            return
        seen.add((obj.idnum, obj.generation))
        obj = obj.get_object()
    if isinstance(obj, str):
        yield str(obj)
    elif isinstance(obj, bytes):
        yield obj.decode("latin-1")
    elif isinstance(obj, pypdf.generic.StreamObject):
        try:
            yield obj.get_data().decode("latin-1")
        except Exception:  # noqa: BLE001 - an image stream pypdf cannot decode
            pass
        for value in obj.values():
            yield from _strings(value, seen)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield str(key)
            yield from _strings(value, seen)
    elif isinstance(obj, list):
        for value in obj:
            yield from _strings(value, seen)


def pdf_parts(path: Path) -> Iterator[tuple[str, str]]:
    """A PDF's page text, Info, XMP, bookmarks, embedded files and every string and stream of
    every object."""
    reader = pypdf.PdfReader(path)
    for i, page in enumerate(reader.pages, 1):
        yield f"{path.name}: text of page {i}", page.extract_text() or ""
    for key, value in (reader.metadata or {}).items():
        yield f"{path.name}: Info {key}", str(value)
    metadata = reader.root_object.get("/Metadata")
    if metadata is not None:
        yield f"{path.name}: XMP", metadata.get_object().get_data().decode("utf-8", "replace")

    def outline(items: Any) -> Iterator[tuple[str, str]]:
        for item in items:
            if isinstance(item, list):
                yield from outline(item)
            else:
                yield f"{path.name}: bookmark", str(item.title)
    yield from outline(reader.outline)
    for name, contents in reader.attachments.items():
        yield f"{path.name}: embedded file name", name
        for content in contents:
            yield f"{path.name}: embedded file {name}", content.decode("latin-1")
    for text in _pdf_objects(reader):
        yield f"{path.name}: PDF object", text


def scan(paths: list[Path], tokens: dict[str, str]) -> dict[str, list[str]]:
    """Each token found, with where (file name, DOCX part, PDF part): a token is searched for
    without case (a sentence may lower its first letter)."""
    found: dict[str, list[str]] = {}
    folded = {t.casefold(): t for t in tokens}

    def look(where: str, text: str) -> None:
        text = text.casefold()
        for key, token in folded.items():
            if key in text:
                found.setdefault(token, []).append(where)

    for path in paths:
        look(f"file name {path.name}", str(path))
        parts = docx_parts(path) if path.suffix == ".docx" else pdf_parts(path) \
            if path.suffix == ".pdf" else [(path.name, path.read_text(encoding="utf-8"))]
        for where, text in parts:
            look(where, text)
    return found


def render_all(year: Planted, out: Path, *, public: bool, formats: str = "docx,pdf",
               converter: Converter | None = None) -> list[Path]:
    """Every document of the meeting cycle for both meetings, and the report, in one version."""
    written = trygga_docs.render(year.series, out / "möten", formats=formats, document=DOCUMENTS,
                                 base_dir=year.folder, public=public, converter=converter)
    written += trygga_docs.render(year.report, out / "återrapportering", formats=formats,
                                  public=public, converter=converter)
    return written


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Planted:
    return planted_year(tmp_path_factory.mktemp("planted") / "bilagor")


@pytest.fixture(scope="module")
def converter() -> Iterator[Converter]:
    with Converter(workers=2) as conv:
        conv.start(wait=False)
        yield conv


@pytest.fixture(scope="module")
def public_files(year, converter, tmp_path_factory) -> list[Path]:
    return render_all(year, tmp_path_factory.mktemp("publik"), public=True, converter=converter)


@pytest.fixture(scope="module")
def internal_files(year, converter, tmp_path_factory) -> list[Path]:
    return render_all(year, tmp_path_factory.mktemp("intern"), public=False, converter=converter)


def test_every_public_document_is_rendered_to_word_and_pdf(public_files):
    names = [p.name for p in public_files]
    for word in ("kallelse", "minnesanteckningar", "protokoll", "protokollsutdrag", "anslag",
                 "atgardsregister", "återrapportering"):
        assert any(word in n and n.endswith("-publik.docx") for n in names), word
        assert any(word in n and n.endswith("-publik.pdf") for n in names), word
    assert all(p.stem.endswith("-publik") for p in public_files)


def test_the_public_version_holds_no_planted_token(year, public_files):
    leaks = scan(public_files, year.tokens.planted)
    assert not leaks, "\n".join(f"{token} ({year.tokens.planted[token]}) in {places[:3]}"
                                for token, places in leaks.items())


def test_the_public_version_masks_the_personnummer(public_files):
    assert not scan(public_files, {PERSONNUMMER: "personnummer"})
    assert not scan(public_files, {PERSONNUMMER.replace("-", ""): "personnummer"})


def test_the_internal_version_shows_every_token(year, internal_files):
    """So each token is findable where it is printed: the scan above has something to miss."""
    found = scan(internal_files, {**year.tokens.planted, PERSONNUMMER: "personnummer"})
    missing = {t: w for t, w in {**year.tokens.planted, PERSONNUMMER: "pnr"}.items()
               if t not in found}
    assert not missing, missing


# ---------------------------------------------------------------------------------------------
# A leak planted on purpose is found


def _secret_title(year: Planted) -> str:
    return year.series.meetings[0].items[1].title


@pytest.mark.parametrize("channel", ["context", "properties"])
def test_a_leak_planted_in_a_context_builder_is_found(year, converter, tmp_path, monkeypatch,
                                                      channel):
    """The protocol's builder (``context._BUILDERS``) is made to add the secret item's real
    title to the document (its title) or to its properties (Word's core properties, PDF Info
    and XMP); the scan finds it, in every place it went."""
    leak = _secret_title(year)
    build = _BUILDERS[Protocol]

    def leaky(document: Any, style: Any) -> Prepared:
        prepared = build(document, style)
        if channel == "context":
            return Prepared(prepared.template,
                            {**prepared.context, "title": f"{prepared.context['title']} {leak}"},
                            prepared.properties)
        return Prepared(prepared.template, prepared.context,
                        attrs.evolve(prepared.properties, subject=leak))

    monkeypatch.setitem(_BUILDERS, Protocol, leaky)
    written = trygga_docs.render(year.series, tmp_path / "läcka.docx", formats="docx,pdf",
                                 document="protocol", meeting="2025-03-10", base_dir=year.folder,
                                 public=True, converter=converter)
    places = scan(written, {leak: "the secret item's title"}).get(leak, [])
    assert places, "the planted leak was not found"
    if channel == "context":
        assert any("word/document.xml" in p for p in places)
        assert any("text of page" in p for p in places) and any("bookmark" in p for p in places)
    else:
        assert any("docProps/core.xml" in p for p in places)
        assert any("Info /Subject" in p for p in places) and any("XMP" in p for p in places)


def test_a_secret_bilaga_appended_on_purpose_is_found(year, converter, tmp_path, monkeypatch):
    """The PDF step is made to append the secret bilaga after all: its bookmark and its text
    are found."""
    import trygga_docs.to_pdf as to_pdf

    attachment = year.series.meetings[0].items[0].attachments[1]
    token = attachment.title
    inside = Path(attachment.file or "").stem
    monkeypatch.setattr(to_pdf, "attachments_of",
                        lambda model, base_dir=None: [(token, year.folder / (attachment.file or ""))])
    written = trygga_docs.render(year.series, tmp_path / "läcka", formats="pdf",
                                 document="protocol", meeting="2025-03-10", base_dir=year.folder,
                                 public=True, converter=converter)
    places = scan(written, {token: "title", inside: "text"})
    assert any("bookmark" in p for p in places.get(token, []))
    assert any("text of page" in p for p in places.get(inside, []))
