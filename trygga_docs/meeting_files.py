"""The meeting cycle's documents as files: which documents a meeting file gives, where they
go, and writing them with a given per-document writer (``api.render``). What each file is called
is its document's record's (``context.record.Document.file_name``).

File names are plain ASCII by default, ``2025-03-17-protokollsutdrag-p12.docx``, and keep Swedish
letters and the § sign on request (``swedish_names``): ``2025-03-17-protokollsutdrag-§12.docx``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from trygga_docs.context.meeting import slug
from trygga_docs.context.registry import BY_MODEL
from trygga_docs.errors import DataError, data_path
from trygga_docs.model.meeting import Meeting
from trygga_docs.model.meeting_file import MeetingData
from trygga_docs.model.meeting_series import (ActionRegister, DocumentKind, MeetingSeries, Notice,
                                              default_document, documents, item_attachment_numbers)
from trygga_docs.model.secrecy import SecretText, plain_text

SUFFIXES = (".docx", ".pdf")

PUBLIC_SUFFIX = "-publik"
"""What the name of every file of a public version ends with, before its suffix, so that the
public and the internal version cannot be taken for each other."""


def public_path(path: str | Path) -> Path:
    """The name a public version is written under: ``-publik`` before the suffix (once).

    >>> public_path("ut/2025-03-17-protokoll.docx"), public_path("ut/anslag-publik")
    (PosixPath('ut/2025-03-17-protokoll-publik.docx'), PosixPath('ut/anslag-publik'))
    """
    path = Path(path)
    known = path.suffix.lower() in (*SUFFIXES, ".json")
    stem = path.stem if known else path.name
    if stem.endswith(PUBLIC_SUFFIX):
        return path
    return path.with_name(stem + PUBLIC_SUFFIX + (path.suffix if known else ""))


def is_meeting_model(model: Any) -> bool:
    """A loaded meeting file, a series of meetings, or one meeting."""
    return isinstance(model, MeetingData | MeetingSeries | Meeting)


def as_series(model: Any) -> MeetingSeries:
    """The meetings of a loaded file, a series, one meeting or a list of meetings."""
    if isinstance(model, MeetingData):
        return model.series
    if isinstance(model, MeetingSeries):
        return model
    if isinstance(model, Meeting):
        return MeetingSeries((model,))
    meetings = tuple(model)
    if not all(isinstance(m, Meeting) for m in meetings):
        raise TypeError("expected meetings")
    return MeetingSeries(meetings)


def parse_kinds(value: str | Iterable[str] | None) -> tuple[DocumentKind, ...] | None:
    """``"notice,protocol"`` to document kinds; ``None`` means each meeting's own document.

    >>> parse_kinds("notice, protocol")
    (<DocumentKind.NOTICE: 'notice'>, <DocumentKind.PROTOCOL: 'protocol'>)
    """
    if value is None:
        return None
    names = value.split(",") if isinstance(value, str) else list(value)
    kinds = []
    for name in names:
        name = str(name).strip().lower()
        if not name:
            continue
        try:
            kinds.append(DocumentKind(name))
        except ValueError:
            raise DataError(f"unknown document '{name}'; choose from "
                            f"{', '.join(k.value for k in DocumentKind)}", path="--document") from None
    if not kinds:
        raise DataError("no document named; choose from "
                        f"{', '.join(k.value for k in DocumentKind)}", path="--document")
    return tuple(dict.fromkeys(kinds))


def meeting_label(meeting: Meeting, siblings: Sequence[Meeting]) -> str:
    """The date; with the start time when another meeting of the file has the same date; with
    the body when that is shared too; with a counter when even the body is (so no two meetings
    of a file ever write to the same name)."""
    label = meeting.date.isoformat()
    same = [m for m in siblings if m.date == meeting.date]
    if len(same) > 1:
        label += f"-{meeting.start.hour:02d}{meeting.start.minute:02d}"
        same = [m for m in same if m.start == meeting.start]
    if len(same) > 1:
        label += f"-{slug(meeting.body)}"
        same = [m for m in same if slug(m.body) == slug(meeting.body)]  # the name, not the text
    if len(same) > 1:
        label += f"-{next(i for i, m in enumerate(same, 1) if m is meeting)}"
    return label


def file_name(doc: Any, label: str | None, *, by_body: bool = False, swedish: bool = False) -> str:
    """``<label>-protokoll``, ``<label>-protokollsutdrag-p12``; a register is
    ``atgardsregister``, or ``atgardsregister-<body>`` when ``by_body`` (the run writes registers
    of several bodies); ``swedish`` keeps å, ä, ö and §. The rule is the document's record's."""
    return BY_MODEL[type(doc)].file_name(doc, label, by_body=by_body, swedish=swedish)


def path_key(path: Path) -> str:
    """A path as a case-insensitive, normalising file system (Windows, macOS) sees it; without
    its suffix, since a document is written in each format beside the others.

    >>> path_key(Path("ut/Åtgärdsregister.docx")) == path_key(Path("ut/åtgärdsregister.pdf"))
    True
    """
    return unicodedata.normalize("NFC", str(path.with_suffix(""))).casefold()


def shared_paths(targets: Sequence[Path]) -> list[list[int]]:
    """The groups of indexes into ``targets`` that would be written to one path.

    >>> shared_paths([Path("a.docx"), Path("b.docx"), Path("A.docx")])
    [[0, 2]]
    """
    groups: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        groups.setdefault(path_key(target), []).append(index)
    return [group for group in groups.values() if len(group) > 1]


def shared_path_message(target: Path, count: int = 2) -> str:
    """Why documents that would share ``target`` are refused, and what to do."""
    return (f"{count} documents would be written to the same file, {target.name}: the names of "
            f"their bodies or meetings reduce to the same file name; make the names differ in "
            f"more than case and punctuation, or render the documents one at a time")


def refuse_shared_paths(targets: Sequence[Path]) -> None:
    """Raise ``DataError`` when two documents would be written to one path (before any is)."""
    for group in shared_paths(targets):
        raise DataError(shared_path_message(targets[group[0]], len(group)))


def earlier_meetings(folder: str | Path, meetings: Sequence[Meeting], *,
                     known: Sequence[Meeting] = (), skip: Path | None = None) -> list[Meeting]:
    """The meetings in the meeting files of ``folder`` (not its subfolders) that are of the same
    bodies as ``meetings`` and held before the last of them, less those ``meetings`` and
    ``known`` (the rest of the file they come from) already hold: what a notice rendered from
    one file needs to know which actions are still open.

    A file that is not a meeting file, or does not load, is passed over (``check`` tells what
    is wrong with it); ``skip`` is the data file itself.
    """
    from trygga_docs.loader import SUFFIXES as DATA_SUFFIXES, document_type, read_data
    from trygga_docs.structuring import structure

    keys = {m.key for m in meetings}
    have = {(m.key, m.date, m.start) for m in (*meetings, *known)}
    latest = max((m.date for m in meetings), default=None)
    found: list[Meeting] = []
    folder = Path(folder)
    if latest is None or not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in DATA_SUFFIXES or not path.is_file() or (
                skip is not None and path.resolve() == skip.resolve()):
            continue
        try:
            raw, lines = read_data(path)
            if document_type(raw) != "meeting":
                continue
            # its bilagor are not this notice's business: not looked for
            data = structure({k: v for k, v in raw.items() if k != "type"}, MeetingData,
                             file=str(path), lines=lines)
        except DataError:
            continue
        for m in as_series(data).meetings:
            if m.key in keys and m.date < latest and (m.key, m.date, m.start) not in have:
                have.add((m.key, m.date, m.start))
                found.append(m)
    return found


def with_earlier_meetings(docs: list[tuple[Any, Meeting | None]], series: MeetingSeries,
                          folder: str | Path | None) -> list[tuple[Any, Meeting | None]]:
    """The notices of ``docs`` told the actions still open from the same bodies' meetings in
    the other meeting files of ``folder``; the other documents as they are."""
    notices = [doc for doc, _ in docs if isinstance(doc, Notice)]
    if folder is None or not notices:
        return docs
    earlier = earlier_meetings(folder, [n.meeting for n in notices], known=series.meetings)
    if not earlier:
        return docs
    if any(n.meeting.public for n in notices):  # the other files' secrets stay out of it too
        from trygga_docs.model.public import public_version
        earlier = list(public_version(MeetingSeries(tuple(earlier))).meetings)
    combined = MeetingSeries((*earlier, *series.meetings))
    out: list[tuple[Any, Meeting | None]] = []
    for doc, meeting in docs:
        if isinstance(doc, Notice):
            try:
                doc = Notice(doc.meeting, tuple(combined.open_actions(doc.meeting)),
                             bool(combined.earlier(doc.meeting)))
            except DataError:  # the files' § numbers do not run on together: as the file says
                pass
        out.append((doc, meeting))
    return out


_MENTION = re.compile(r"\bbilag(?:a|or|orna)\s+(\d{1,3}(?:\s*(?:,|och|–|-)\s*\d{1,3})*)", re.IGNORECASE)
"""``bilaga 3``, ``bilagorna 2 och 3``, ``bilaga 1–2``: where the text refers to a bilaga."""


def _mentioned(text: str) -> list[int]:
    """The bilaga numbers a text refers to.

    >>> _mentioned("Se bilaga 3 och bilagorna 4 och 6, samt Bilaga 7–8.")
    [3, 4, 6, 7, 8]
    """
    found: list[int] = []
    for match in _MENTION.finditer(text):
        numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
        span = re.search(r"(\d+)\s*[–-]\s*(\d+)", match.group(1))
        if span and len(numbers) == 2 and int(span.group(1)) < int(span.group(2)) <= 999:
            numbers = list(range(int(span.group(1)), int(span.group(2)) + 1))
        found.extend(numbers)
    return found


def missing_attachments(model: Any, *, file: str | Path | None = None,
                        lines: Mapping[str, int] | None = None) -> list[DataError]:
    """Each place where a meeting's text mentions *bilaga N* and the meeting has no bilaga N, as
    a DataError naming the place, for ``check`` and ``render`` to warn about.

    >>> from trygga_docs.loader import load, EXAMPLES
    >>> missing_attachments(load(EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"))
    []
    """
    from trygga_docs.structuring import line_of

    if not is_meeting_model(model):
        return []
    series = as_series(model)
    several = isinstance(model, MeetingData) and bool(model.meetings)
    found: list[DataError] = []
    for m, meeting in enumerate(series.meetings):
        have = {n for numbers in item_attachment_numbers(meeting) for n in numbers}
        for i, item in enumerate(meeting.items):
            for name, value in ((f.name, getattr(item, f.name)) for f in attrs.fields(type(item))
                                if f.name != "attachments"):
                texts = [(name, value)] if isinstance(value, str) else [
                    (data_path(name, k), plain_text(v)) for k, v in enumerate(value)
                    if isinstance(v, str | SecretText)] if isinstance(value, tuple) else []
                for where, text in texts:
                    for number in dict.fromkeys(_mentioned(text)):
                        if number in have:
                            continue
                        path = data_path(*(("meetings", m) if several else ()), "items", i, where)
                        known = ", ".join(str(n) for n in sorted(have)) or "none"
                        found.append(DataError(
                            f"mentions bilaga {number}, but the meeting of "
                            f"{meeting.date.isoformat()} has no bilaga {number} (its bilagor: "
                            f"{known}); add it under the item's 'attachments' (with 'number: "
                            f"{number}' when it is numbered so)", file=str(file) if file else None,
                            path=path, line=line_of(path, lines) if lines else None))
    return found


@frozen
class Job:
    """One document to write: the document, the path to write (suffix decides the format when
    no formats are given), and the data file it comes from."""

    document: Any
    target: Path
    source: Path | None = None


def plan(series: MeetingSeries, kinds: Sequence[DocumentKind] | None, *,
         meetings: Sequence[Meeting] | None = None) -> list[tuple[Any, Meeting | None]]:
    """The documents to write for ``meetings`` (default: all of the series), each with the
    meeting it belongs to (``None`` for a register). ``kinds`` ``None``: each meeting's own."""
    chosen = list(meetings if meetings is not None else series.meetings)
    out: list[tuple[Any, Meeting | None]] = []
    wanted = kinds or ()
    for meeting in chosen:
        for kind in (wanted or (default_document(meeting),)):
            if kind is DocumentKind.REGISTER:
                continue
            out.extend((doc, meeting) for doc in documents(series, kind, meeting))
    if DocumentKind.REGISTER in wanted:
        keys = list(dict.fromkeys(m.key for m in chosen))
        out.extend((doc, None) for doc in documents(series, DocumentKind.REGISTER)
                   if (doc.issuer.casefold(), doc.body.casefold()) in keys)
    return out


def render_meetings(model: Any, out: str | Path, *, document: str | Iterable[str] | None = None,
                    meeting: str | None = None, suffix: str | None = None, public: bool = False,
                    swedish_names: bool = False, folder: str | Path | None = None,
                    write: Callable[[Any, Path], list[Path]]) -> list[Path]:
    """Write the documents ``document`` names (default: each meeting's notes or protocol) for a
    meeting model. One document goes to ``out``; several (extracts, or every meeting of a
    multi-meeting file) go into the folder ``out``, named ``<date>-<document>`` in plain ASCII
    (``swedish_names``: with å, ä, ö and §).

    ``meeting`` (``2025-03-17``) picks one meeting of a multi-meeting file. ``write(doc, path)``
    writes one document and returns the files written. A notice looks for the body's earlier
    meetings in the other meeting files of ``folder`` (the data file's folder) to list the
    actions still open; without any earlier meeting it says it cannot tell (``Notice.
    earlier_known``). ``public`` names every file as a
    public version (``-publik``); the model is to be the public version already
    (``model.public.public_version``).
    """
    out = Path(out)
    series = as_series(model)
    chosen = list(series.meetings)
    if meeting:
        chosen = [m for m in series.meetings if m.date.isoformat() == meeting.strip()]
        if not chosen:
            dates = ", ".join(m.date.isoformat() for m in series.meetings)
            raise DataError(f"there is no meeting on {meeting}; the file has {dates}",
                            path="--meeting")
    kinds = parse_kinds(document)
    docs = with_earlier_meetings(plan(series, kinds, meetings=chosen), series, folder)
    suffix = suffix or (out.suffix.lower() if out.suffix.lower() in SUFFIXES else ".docx")
    if len(docs) == 1:
        target = out if out.suffix.lower() in SUFFIXES else out.with_name(out.name + suffix)
        return write(docs[0][0], public_path(target) if public else target)
    folder = out.with_suffix("") if out.suffix.lower() in SUFFIXES else out
    by_body = sum(isinstance(doc, ActionRegister) for doc, _ in docs) > 1
    targets = [folder / (file_name(doc, meeting_label(m, series.meetings) if m else None,
                                   by_body=by_body, swedish=swedish_names) + suffix)
               for doc, m in docs]
    if public:
        targets = [public_path(target) for target in targets]
    refuse_shared_paths(targets)
    written: list[Path] = []
    for (doc, _), target in zip(docs, targets):
        written.extend(write(doc, target))
    return written
