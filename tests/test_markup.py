"""Structured text: the Markdown subset in paragraph fields becomes real Word styles (headings
relative to where they stand, List Bullet / List Number with numbering, bold, italic, links)
and tagged PDF structure (H, L, LI, Link); plain text renders as before; anything outside the
subset is printed literally."""

from __future__ import annotations

from pathlib import Path

import attrs
import docx
import pypdf
import pytest
from docx.oxml.ns import qn

import trygga_docs
from trygga_docs.context import prepare
from trygga_docs.context.common import Block, Run
from trygga_docs.loader import EXAMPLES
from trygga_docs.model.markup import MarkupError, is_plain, parse
from trygga_docs.pdf import Converter
from trygga_docs.style import HouseStyle
from trygga_docs.word.blocks import BlockSlot
from trygga_docs.word.template import jinja_env

from .conftest import DATA, structure_kinds

MARKUP = DATA / "good" / "meeting-markup.yaml"


@pytest.fixture(scope="module")
def converter():
    with Converter(workers=1, timeout=120) as conv:
        yield conv


@pytest.fixture(scope="module")
def protocol(tmp_path_factory, converter) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("markup") / "protokoll"
    meeting = trygga_docs.load(MARKUP)
    trygga_docs.render(meeting, out, formats=["docx", "pdf"], document="protocol",
                       converter=converter)
    return out.with_suffix(".docx"), out.with_suffix(".pdf")


def _paragraphs(path: Path) -> list[tuple[str, str, str | None]]:
    """(style name, text, numId) of every body paragraph."""
    rows = []
    for p in docx.Document(str(path)).paragraphs:
        num = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        rows.append((p.style.name, p.text, None if num is None else num.get(qn("w:val"))))
    return rows


def _after(rows, text):
    return rows[[r[1] for r in rows].index(text)]


def test_sub_headings_stand_one_and_two_levels_below_the_item_heading(protocol):
    rows = _paragraphs(protocol[0])
    assert _after(rows, "§\u00a01 Lägesbild")[0] == "Heading 2"  # § and number do not break
    assert _after(rows, "Fokusgrupper")[0] == "Heading 3"
    assert _after(rows, "Nästa steg")[0] == "Heading 4"


def test_lists_are_word_list_styles_with_numbering_not_typed_characters(protocol):
    rows = _paragraphs(protocol[0])
    centrum = _after(rows, "Centrum och resecentrum")
    assert centrum[0] == "List Bullet" and centrum[2]
    assert _after(rows, "grundskolan")[0] == "List Bullet 2" and _after(rows, "grundskolan")[2]
    first, second = _after(rows, "Sammanställa svaren"), _after(rows, "Återrapportera till rådet")
    assert first[0] == second[0] == "List Number"
    assert first[2] and first[2] == second[2]
    assert not any(text.startswith(("- ", "* ", "1. ", "•")) for _, text, _ in rows)


def test_each_numbered_list_counts_from_its_own_start(protocol):
    rows = _paragraphs(protocol[0])
    first = _after(rows, "Sammanställa svaren")[2]
    again = _after(rows, "Ny lista som börjar på tre")[2]
    assert again != first
    numbering = docx.Document(str(protocol[0])).part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == again)
    start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
    assert start is not None and start.get(qn("w:val")) == "3"


def test_bold_italic_statements_and_links_are_formatted_runs(protocol):
    document = docx.Document(str(protocol[0]))
    said = next(p for p in document.paragraphs if p.text.startswith("Karin Lindqvist:"))
    assert said.runs[0].bold and said.runs[0].text == "Karin Lindqvist:"
    assert not said.runs[1].bold
    assert "kvällarna.\nEn ny rad" in said.text  # the hard line break
    skolor = next(p for p in document.paragraphs if p.text.startswith("Skolor"))
    assert skolor.runs[0].italic
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == ["https://www.ekby.se/trygghet"]
    hyperlink = document.element.body.find(f".//{qn('w:hyperlink')}")
    assert hyperlink is not None and hyperlink.get(qn("r:id"))
    assert "".join(t.text for t in hyperlink.iter(qn("w:t"))) == "kommunens sida"


def test_raw_html_and_images_are_printed_literally(protocol):
    texts = [text for _, text, _ in _paragraphs(protocol[0])]
    assert "<b>inte fet</b> och ![bild](bild.png) skrivs som de står." in texts


def test_the_pdf_tags_headings_lists_and_links(protocol):
    kinds = structure_kinds(protocol[1])
    reader = pypdf.PdfReader(protocol[1])
    uris = [a.get_object()["/A"].get("/URI") for page in reader.pages
            for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    # LibreOffice exports Heading n as Hn, a numbered paragraph as L > LI > LBody
    assert kinds.get("/H3") and kinds.get("/H4")
    assert kinds.get("/L", 0) >= 3 and kinds.get("/LI", 0) >= 8
    assert kinds.get("/Link")
    assert "https://www.ekby.se/trygghet" in uris


def test_plain_text_stays_the_same_string_in_every_example():
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        model = trygga_docs.load(path)
        prepared = prepare(model, HouseStyle()) if not hasattr(model, "meetings") else None
        if prepared is None:
            continue
        stack = [prepared.context]
        while stack:
            value = stack.pop()
            assert not isinstance(value, Block), path
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)


@pytest.mark.parametrize("text", [
    "Vanlig text.", "3 * 4 = 12 och 5 - 2 = 3", "Polisen & kommunen <samverkar>",
    "Rad ett\nrad två", "a &amp; b", "Källa [^ntu].", "2019 var ett bra år.",
])
def test_text_without_the_subset_is_plain(text):
    assert is_plain(text)


def test_a_new_line_inside_a_paragraph_is_a_space_as_in_plain_text():
    """A paragraph wrapped over several lines of a YAML block reads as one flowing paragraph,
    with or without formatting (plain text has always shown a new line as a space, so a
    statement in bold would otherwise break where the YAML happened to wrap); a hard break
    (a backslash or two spaces at the end of the line) is a line break."""
    assert "".join(s.text for s in parse("**Amira:** jobbar med\ndem tillsammans.")[0].spans) \
        == "Amira: jobbar med dem tillsammans."
    assert "".join(s.text for s in parse("**Amira:** ny\\\nrad")[0].spans) == "Amira: ny\nrad"


@pytest.mark.parametrize("text, shown", [
    ("**Se** `dnr_2025_12` och \\_", "Se `dnr_2025_12` och \\_"),
    ("**Se** <https://ekby.se/a_b_c>", "Se https://ekby.se/a_b_c"),
    ("**Se** [dnr_1](https://ekby.se/a_b)", "Se dnr_1"),
])
def test_an_underscore_is_shown_as_written_in_code_and_links(text, shown):
    """'_' is escaped before parsing so that it never marks emphasis; where CommonMark keeps a
    backslash (code spans, autolinks), the escape must not show (a property test found it)."""
    spans = parse(text)[0].spans
    assert "".join(s.text for s in spans) == shown
    assert all(s.link is None or "%5C" not in s.link and "_" in s.link for s in spans)


@pytest.mark.parametrize("text, fragment", [
    ("# Rubrik", "above its place"),
    ("## Rubrik", "above its place"),
    ("##### Rubrik", "too deep"),
    ("- a\n  - b\n    - c", "nests too deep"),
])
def test_misused_subset_is_an_error(text, fragment):
    with pytest.raises(MarkupError, match=fragment):
        parse(text)


def test_a_citation_in_a_structured_situation_is_a_superscript(tmp_path):
    agreement = trygga_docs.load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    area = agreement.areas[0]
    cited = next(p for p in area.situation if "[^" in p)
    changed = attrs.evolve(area, situation=(f"### Läget\n\n- {cited}", *area.situation[1:]))
    model = attrs.evolve(agreement, areas=(changed, *agreement.areas[1:]))
    [out] = trygga_docs.render(model, tmp_path / "avtal.docx")
    document = docx.Document(str(out))
    item = next(p for p in document.paragraphs
                if p.style.name == "List Bullet" and p.text.startswith(cited[:20]))
    assert any(r.font.superscript for r in item.runs)
    heading = next(p for p in document.paragraphs if p.text == "Läget")
    assert heading.style.name == "Heading 3"


def test_a_template_cannot_look_inside_a_block():
    slot = BlockSlot(Block(runs=(Run("x"),)))
    with pytest.raises(Exception, match="not allowed"):
        jinja_env().from_string("{{ p._block }}{{ p.runs }}").render(p=slot)
