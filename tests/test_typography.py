"""Swedish typography and one word per thing (issue 15.5), over the rendered examples: every
document type of every example, in both bundled styles. The words come from ``text.TERMS``; a
word another document once used for the same thing (``text.DRIFT``) is found nowhere; times are
written as Språkrådet writes them (09.00) in every bundled style; a percentage the library
writes has a space before the sign."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import trygga_docs
from trygga_docs import text
from trygga_docs.batch import data_files, render_many
from trygga_docs.style import bundled_styles

DOCUMENTS = "notice,minutes,protocol,extract,register,anslag"


def texts(path: Path) -> list[str]:
    """Every paragraph of a Word file: body, tables, headers and footers."""
    document = docx.Document(str(path))
    parts = [document.element]
    for section in document.sections:
        parts += [part._element for part in (section.header, section.footer,
                                             section.first_page_header, section.first_page_footer)]
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for part in parts
            for p in part.iter(qn("w:p"))]


@pytest.fixture(scope="module", params=bundled_styles())
def rendered(request, tmp_path_factory) -> dict[Path, list[str]]:
    """The examples' documents in one style: Word file → its paragraphs."""
    out = tmp_path_factory.mktemp(request.param)
    files = data_files(trygga_docs.EXAMPLES)
    written = list(render_many(files, out / "egna", style=request.param, workers=1).written)
    written += render_many(files, out / "moten", style=request.param, workers=1,
                           document=DOCUMENTS).written
    return {p: texts(p) for p in written if p.suffix == ".docx"}


def test_every_document_type_is_looked_at(rendered):
    kinds = {re.sub(r"-p\d+$", "-p", re.sub(r"^\d{4}-\d\d-\d\d-", "", p.stem)) for p in rendered}
    assert {"kallelse", "minnesanteckningar", "protokoll", "protokollsutdrag-p", "anslag",
            "atgardsregister", "samverkansoverenskommelse", "medborgarloften-2019",
            "uppfoljning-medborgarloften-2019", "lagesbild-2020-2024", "atgardsplan-2025-2026",
            "tjansteskrivelse-aterrapportering-trygghetsradet-2019"} <= kinds


def test_one_word_per_thing_in_every_document(rendered):
    drift = {old: re.compile(rf"(?<!\w){re.escape(old)}(?!\w)") for old in text.DRIFT}
    found = [f"{p.name}: {old} (say {text.DRIFT[old]})" for p, paragraphs in rendered.items()
             for paragraph in paragraphs for old, pattern in drift.items()
             if pattern.search(paragraph)]
    assert not found, "\n".join(found[:20])


def test_protocol_and_extract_say_justerare(rendered):
    # an advisory body's protocol (kind: protokoll, "Vid protokollet") has no justering
    protocols = [t for p, t in rendered.items() if p.stem.endswith("-protokoll")
                 and "Vid protokollet" not in t]
    extracts = [t for p, t in rendered.items() if "-protokollsutdrag-" in p.stem]
    assert protocols and extracts
    assert all(any(paragraph == text.TERMS.adjuster for paragraph in t) for t in protocols)
    assert all(any(paragraph == text.TERMS.adjuster for paragraph in t) for t in extracts)


def test_captions_say_figur(rendered):
    captions = [paragraph for t in rendered.values() for paragraph in t
                if re.match(r"\w+ \d+\. ", paragraph) and "Organisationsskiss" in paragraph
                or paragraph.startswith(f"{text.TERMS.figure} 1. ")]
    assert any("Organisationsskiss" in c for c in captions)  # the agreement's chart
    assert any("Mål och utfall" in c for c in captions)      # the follow-up's
    assert all(c.startswith(f"{text.TERMS.figure} ") for c in captions)


def test_times_are_written_with_a_full_stop_in_every_style(rendered):
    colons = [f"{p.name}: {m.group(0)}" for p, t in rendered.items() for paragraph in t
              for m in re.finditer(r"(?<![\d:])\d\d:\d\d(?![\d:])", paragraph)]
    assert not colons, colons[:10]
    assert any("13.00–\u206015.30" in paragraph for t in rendered.values() for paragraph in t)


def test_a_percentage_has_a_space_before_the_sign_unless_the_data_wrote_it_so(rendered):
    data = "\n".join(p.read_text(encoding="utf-8") for p in data_files(trygga_docs.EXAMPLES))
    data = " ".join(data.split())
    tight = [m.group(0) for t in rendered.values() for paragraph in t
             for m in re.finditer(r"\S+\d%", paragraph)]
    assert all(word in data for word in tight), [w for w in tight if w not in data]
    assert any(f"83,2{text.NBSP}%" in paragraph for t in rendered.values() for paragraph in t)


@pytest.mark.parametrize("sample, rule", [
    ("Måndagen den 8 september 2025", "between day and month"),
    ("kl. 13.00", "after kl."),
    ("§ 12 Meddelanden", "after §"),
])
def test_the_no_break_rules_find_a_breaking_space_and_no_break_mends_it(sample, rule):
    assert [f.split(":")[0] for f in text.breaking_spaces(sample)] == [rule]
    assert text.breaking_spaces(text.no_break(sample)) == []
    assert text.no_break(sample).replace(text.NBSP, " ") == sample


def test_no_column_of_party_letters_is_headed_organisation(rendered):
    """*(S)*, *(M)* are parties: a column holding them is *Parti eller organisation*, as in the
    notice and the protocol alike."""
    checked = 0
    for path in rendered:
        for table in docx.Document(str(path)).tables:
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            for column, header in enumerate(rows[0] if rows else []):
                values = [r[column] for r in rows[1:] if len(r) > column]
                if text.is_party_mark(header):
                    break  # a list without a header row (the notes' participants)
                if any(text.is_party_mark(v) for v in values):
                    checked += 1
                    assert header == text.TERMS.party_or_organisation, (path.name, header)
    assert checked  # the protocols' and notices' lists of people


def test_no_title_leaves_its_date_alone_on_a_line(rendered):
    """A title that ends in a year, a span of years or a date binds it to the word before."""
    titles = [paragraph for path in rendered for paragraph in
              (p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Title")
              if re.search(r"\d{4}(?:\u2013\u2060?\d{2,4})?$", paragraph)]
    assert len(titles) >= 4  # follow-up, lägesbild, åtgärdsplan and its follow-up
    assert all(text.breaking_spaces(t) == [] and re.search(r"\S\u00a0\d{4}", t) for t in titles), titles
    assert all("\u2013" not in t[-9:] or "\u2013\u2060" in t for t in titles), titles


def test_kl_and_a_time_span_do_not_break_in_what_the_library_writes(rendered):
    """The notice's and the protocol's time, the notes' next meeting: *kl.* with a no-break
    space, the span with a word joiner after its en dash."""
    written = [paragraph for t in rendered.values() for paragraph in t
               if re.match(r"(Måndagen|Tisdagen|Onsdagen|Torsdagen|Fredagen) den .* kl\.", paragraph)
               or re.match(r"[^,]+, \w+dagen den .* kl\.", paragraph)]
    assert len(written) > 20
    for paragraph in written:
        assert not [b for b in text.breaking_spaces(paragraph) if b.startswith("after kl.")], paragraph
        assert not re.search(r"\d\d\.\d\d\u2013(?!\u2060)", paragraph), paragraph
