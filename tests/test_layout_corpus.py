"""A generated corpus moves the action tables of a meeting's notes across every line of a page,
in both bundled styles, and every PDF must hold all the text of its Word file.

LibreOffice 7.4 dropped the rows of an action table whose header row ended a page (seen on the
notes of a real meeting, over about twenty words of text before the table). The first item's
text here is one word repeated, so that each document has exactly one line more than the one
before: its action table (one row) and the next item's (two rows) step down a page one line at a
time, through the page break and on until they have been at every line of a page. A table row
is taller than a line of text, so no position where a row can end a page is stepped over.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import trygga_docs
from trygga_docs.errors import ConversionError
from trygga_docs.pdf.convert import Converter
from trygga_docs.pdf.verify import pdf_text

from .conftest import EXAMPLES

COMMITTEE = EXAMPLES / "trygghetsutskottet-2025"
WORD = "trygghetsvandring"
SECOND_ACTION = {"owner": "Elin Strand", "task": "redovisa polisens närvaro vid resecentrum",
                 "due": "2025-03-31"}


@pytest.fixture(scope="module")
def converter():
    with Converter() as conv:
        conv.start()
        yield conv


def notes(folder: Path, words: int) -> Path:
    """The first meeting of the committee year, its first item's matter ``words`` times WORD,
    its second item with two actions."""
    data = yaml.safe_load((COMMITTEE / "sammantraden-2025.yaml").read_text(encoding="utf-8"))
    data["meetings"] = data["meetings"][:1]
    items = data["meetings"][0]["items"]
    items[0]["matter"] = [" ".join([WORD] * max(words, 1))]
    items[1]["actions"] = [*items[1]["actions"], SECOND_ACTION]
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "bilagor").exists():
        shutil.copytree(COMMITTEE / "bilagor", folder / "bilagor")
    path = folder / f"mote-{words:04d}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def render(data: Path, style: str, converter: Converter) -> Path:
    written = trygga_docs.render_file(data, data.with_suffix(""), formats=["pdf"], style=style,
                                      document="minutes", converter=converter)
    return written[0]


def filler_lines(pdf: Path) -> list[int]:
    """For each page, how many of its lines hold only the repeated word, and the most words
    such a line holds (first element: the longest line)."""
    longest, per_page = 0, []
    for page in pdf_text(pdf):
        lines = [line.split() for line in page.splitlines()]
        full = [ws for ws in lines if ws and all(w == WORD for w in ws)]
        longest = max([longest, *(len(ws) for ws in full)])
        per_page.append(len(full))
    return [longest, *per_page]


@pytest.mark.parametrize("style", ["default", "klassisk"])
def test_action_tables_at_every_line_of_a_page_lose_no_row(tmp_path, converter, style):
    # how many words make a line, and how many lines make a page, in this style
    longest, *per_page = filler_lines(render(notes(tmp_path / "calibration", 900), style,
                                             converter))
    lines_per_page = max(per_page)
    assert longest > 1 and lines_per_page > 20

    failures: list[str] = []
    pages_of_table: set[int] = set()
    for lines in range(lines_per_page + 2):
        data = notes(tmp_path, lines * longest)
        try:
            pdf = render(data, style, converter)  # verified: raises when a word is missing
        except ConversionError as exc:
            failures.append(str(exc))
            continue
        pages_of_table |= {n for n, page in enumerate(pdf_text(pdf)) if "Klart senast" in page}
    assert failures == []
    assert len(pages_of_table) >= 2  # the tables went over a page break
