"""What an appended bilaga carries on its pages: its number in the document and the stamp
*Bilaga 3 till protokoll 2025-03-17, § 12* (``to_pdf`` finds the bilagor, ``pdf.stamp`` draws)."""

from __future__ import annotations

from typing import Any

from trygga_docs import text
from trygga_docs.model.meeting import Meeting
from trygga_docs.model.meeting_series import Announcement, Extract, Notice, item_attachment_numbers


def attachment_stamps(model: Any) -> dict[int, tuple[int, str]]:
    """``id(attachment) -> (number, stamp)`` for the bilagor of a meeting's document: the
    protocol's *Bilaga 3 till protokoll 2025-03-17, § 12*, the notes' *Bilaga 1 till
    minnesanteckningar 2019-11-25, punkt 2*; an extract stamps its § 's bilagor as the
    protocol does. Empty for any other document (its bilagor are numbered by their place).

    >>> from trygga_docs.loader import load, EXAMPLES
    >>> from trygga_docs.model.meeting_series import DocumentKind, documents
    >>> series = load(EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml").series
    >>> [protocol] = documents(series, DocumentKind.PROTOCOL, series.meetings[0])
    >>> stamps = list(attachment_stamps(protocol).values())
    >>> stamps == [(1, "Bilaga 1 till protokoll 2025-01-20, §\u00a03")]
    True
    """
    meeting = getattr(model, "meeting", None)
    numbers = getattr(model, "numbers", None)
    if not isinstance(meeting, Meeting) or isinstance(model, Notice | Announcement) or not numbers:
        return {}
    document = "minnesanteckningar" if not (meeting.is_protocol or meeting.is_advisory) \
        else "protokoll"
    indexes = [model.index] if isinstance(model, Extract) else range(len(meeting.items))
    per_item = item_attachment_numbers(meeting)
    found: dict[int, tuple[int, str]] = {}
    for i in indexes:
        item_number = numbers[i]
        where = text.paragraph_sign(item_number) if meeting.is_protocol else f"punkt {item_number}"
        for attachment, n in zip(meeting.items[i].attachments, per_item[i]):
            found[id(attachment)] = (n, f"Bilaga {n} till {document} "
                                        f"{text.iso_date(meeting.date)}, {where}")
    return found
