"""Robust at size: the meeting documents' context grows linearly with the agenda."""

from __future__ import annotations

import attrs
import pytest

from trygga_docs.context import prepare
from trygga_docs.loader import EXAMPLES, load
from trygga_docs.model.meeting_series import documents
from trygga_docs.style import HouseStyle

YEAR = EXAMPLES / "trygghetsutskottet-2025" / "sammantraden-2025.yaml"


class CountingItems(tuple):
    """An agenda that counts how many items are read from it (an operation counter)."""

    reads = 0

    def __iter__(self):
        for item in super().__iter__():
            CountingItems.reads += 1
            yield item

    def __getitem__(self, index):
        CountingItems.reads += 1
        return super().__getitem__(index)


def item_reads(kind: str, items: int) -> int:
    """Agenda items read while preparing a ``kind`` document of a meeting with ``items`` items
    (each item with its bilagor)."""
    series = load(YEAR).series
    meeting = next(m for m in series.meetings if m.is_protocol and
                   any(i.attachments for i in m.items))
    model = next(i for i in meeting.items if i.attachments)
    agenda = CountingItems(attrs.evolve(model, title=f"Ärende {n}") for n in range(items))
    big = attrs.evolve(meeting, items=agenda)
    document = documents(attrs.evolve(series, meetings=(big,)), kind)[0]
    CountingItems.reads = 0
    prepare(document, HouseStyle())
    return CountingItems.reads


@pytest.mark.parametrize("kind", ["protocol", "minutes"])
def test_the_context_reads_the_agenda_a_number_of_times_independent_of_its_length(kind):
    small, large = item_reads(kind, 200), item_reads(kind, 400)
    assert large <= 2.2 * small, (small, large)  # linear; recomputing per item gave 4x
