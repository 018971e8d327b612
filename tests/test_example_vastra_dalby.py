"""The example written from scratch as a secretary would (issue 14.10): Västra Dalby's advisory
safety council, ``kind: protokoll`` with a table of contents, nine items with sub-headings, lists
and named statements, two guests from the neighbouring municipality, three bilagor with the
numbers they had in the mailing, actions and two absentees; and the next meeting as
``new meeting --from`` drafted it, whose notice lists the actions still open. Rendered in both
styles to DOCX and PDF, and opened."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

import trygga_docs
from trygga_docs.cli import main
from trygga_docs.pdf import Converter
from trygga_docs.style import load_style
from trygga_docs.word.toc import outline_entries

from .conftest import EXAMPLES, structure_kinds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

FOLDER = EXAMPLES / "vastra-dalby-trygghetsrad"
PROTOCOL = FOLDER / "protokoll-2026-02-12.yaml"
NEXT = FOLDER / "protokoll-2026-04-16.yaml"
ITEMS = ["1. Mötets öppnande och dagordning", "2. Lägesbild från polisen",
         "3. Trygghetsmätningen 2025", "4. Samverkan med Ekholms kommun",
         "5. Trygghetsvandringen i centrum",
         "6. Samverkan mellan skola, socialtjänst, polis och fritid",
         "7. Sommarlovsaktiviteter 2026", "8. Uppföljning av åtgärdsplanen 2025–2026",
         "9. Övriga frågor", "10. Nästa möte"]


@pytest.fixture(scope="module")
def converter():
    with Converter(workers=1, timeout=120) as conv:
        yield conv


@pytest.fixture(scope="module", params=["default", "klassisk"])
def rendered(request, tmp_path_factory, converter) -> tuple[Path, Path]:
    import gallery  # the look of the style, without Ekby's identity on another municipality

    model = trygga_docs.load(PROTOCOL)
    style = gallery.style_for(model, load_style(request.param))
    out = tmp_path_factory.mktemp(request.param) / "protokoll"
    trygga_docs.render(model, out, formats=["docx", "pdf"], style=style, converter=converter,
                       base_dir=FOLDER)
    return out.with_suffix(".docx"), out.with_suffix(".pdf")


def _paragraphs(path: Path) -> list[tuple[str, str, bool]]:
    """(style name, text, has Word numbering) of every body paragraph."""
    return [(p.style.name, p.text,
             p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
             or p.style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None)
            for p in docx.Document(str(path)).paragraphs]


def test_items_sub_headings_and_lists_are_word_styles(rendered):
    rows = _paragraphs(rendered[0])
    assert [t for s, t, _ in rows if s == "Heading 3"] == ITEMS
    assert {"Det som har ökat", "Resultat i korthet", "Platser som behöver åtgärdas",
            "Inte påbörjade"} <= {t for s, t, _ in rows if s == "Heading 4"}
    bullets = [(t, n) for s, t, n in rows if s == "List Bullet"]
    numbered = [(t, n) for s, t, n in rows if s == "List Number"]
    assert ("samordnade insatser mot förrådsinbrott", True) in bullets
    assert ("Parkeringen bakom biblioteket: skymd av buskage", True) in numbered
    assert all(n for _, n in bullets + numbered)  # real Word numbering, no typed characters
    assert not any(t.startswith(("- ", "### ", "1. ")) for s, t, _ in rows if s == "Normal")


def test_named_statements_are_bold_names(rendered):
    document = docx.Document(str(rendered[0]))
    bold = {r.text.strip() for p in document.paragraphs for r in p.runs if r.bold}
    assert {"Amira Hassan:", "Fredrik Holm:", "Lina Sandberg:", "Eva Lindgren:",
            "Karin Ström:"} <= bold
    assert not any("**" in p.text for p in document.paragraphs)


def test_the_pdf_tags_headings_and_lists(rendered):
    kinds = structure_kinds(rendered[1])
    assert kinds.get("/H3", 0) >= len(ITEMS) and kinds.get("/H4", 0) >= 8
    assert kinds.get("/L", 0) >= 10 and kinds.get("/LI", 0) >= 26


def test_the_table_of_contents_lists_every_item_on_its_page(rendered):
    word, pdf = rendered
    bookmarks = {title: page for level, title, page in outline_entries(pdf) if level == 3}
    assert list(bookmarks) == ITEMS
    reader = pypdf.PdfReader(pdf)
    first = reader.pages[0].extract_text()
    for item in ITEMS:
        assert re.search(rf"{re.escape(item)}\.+\s*{bookmarks[item]}\b", first), item
        assert item in reader.pages[bookmarks[item] - 1].extract_text()
    entries = [t for s, t, _ in _paragraphs(word) if s == "toc 1"]
    assert entries == [f"{item}\t{bookmarks[item]}" for item in ITEMS]


def test_guests_and_absentees_stand_under_their_own_headings(rendered):
    text = pypdf.PdfReader(rendered[1]).pages[0].extract_text()
    order = [text.index(s) for s in ("Deltagare", "Sanna Wik", "Gäster", "Fredrik Holm",
                                     "Lina Sandberg", "Frånvarande", "Per Åkesson", "Mikael Öst")]
    assert order == sorted(order)
    assert "Säkerhetschef, Ekholms kommun" in text
    assert text.count("Fredrik Holm") == 1  # not among the council's own


def test_the_protocol_says_protocol_and_has_no_justering_or_anslag(rendered):
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(rendered[1]).pages)
    assert "Protokoll 2026-02-12" in text and "Vid protokollet" in text
    assert "Minnesanteckningar" not in text
    for word in ("Justerare", "ANSLAG", "överklag"):
        assert word not in text


def test_the_bilagor_are_appended_with_their_own_numbers_stamped(rendered):
    word, pdf = rendered
    reader = pypdf.PdfReader(pdf)
    own = int(re.search(r"Sida 1 \((\d+)\)", reader.pages[0].extract_text()).group(1))
    assert len(reader.pages) == own + 3
    stamps = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages[own:]]
    for page, (number, item) in zip(stamps, ((2, 2), (1, 3), (3, 8))):
        assert f"Bilaga {number} till protokoll 2026-02-12, punkt {item}" in page
    listed = [t for s, t, _ in _paragraphs(word) if t.startswith("Bilaga ")]
    assert listed == ["Bilaga 2: Polisens lägesbild november 2025–januari 2026",
                      "Bilaga 1: Trygghetsmätningen 2025, sammanfattning",
                      "Bilaga 3: Uppföljning av åtgärdsplanen, februari 2026"]


def test_the_next_meeting_is_the_draft_new_meeting_writes(tmp_path):
    out = tmp_path / "next.yaml"
    result = CliRunner().invoke(main, ["new", "meeting", "--from", str(PROTOCOL), "--out", str(out)])
    assert result.exit_code == 0, result.output

    def body(path: Path) -> list[str]:
        return [line for line in path.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#")]
    assert body(NEXT) == body(out)


def test_the_next_meeting_s_notice_lists_the_open_actions_and_no_old_bilaga(tmp_path, converter):
    [pdf] = trygga_docs.render(trygga_docs.load(NEXT), tmp_path / "kallelse", formats=["pdf"],
                               document="notice", converter=converter, base_dir=FOLDER)
    reader = pypdf.PdfReader(pdf)
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages))
    for task in ("Ta fram ett informationsblad", "Beskära buskaget", "Lämna polisens bedömning",
                 "Presentera det slutliga sommarprogrammet"):
        assert task in text, task
    assert "2026-02-12 punkt 2" in text
    # the last meeting's bilagor go with its protocol, not with the next meeting's notice
    assert "Bilaga" not in text
    assert len(reader.pages) == int(re.search(r"Sida 1 \((\d+)\)", text).group(1))
