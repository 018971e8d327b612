"""Swedish typography and one word per thing (issue 15.5), over the rendered examples: every
document type of every example, in both bundled styles. The words come from ``text.TERMS``; a
word another document once used for the same thing (``text.DRIFT``) is found nowhere; times are
written as Språkrådet writes them (09.00) in every bundled style; what the library writes keeps
Swedish typography (``text.TYPOGRAPHY_RULES``: a no-break space after *§*, between day and month
and before *%*, a decimal comma), in the text and in the charts, while the data's own text comes
out as written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from babel import dates as babel_dates
from docx.oxml.ns import qn
from lxml import etree

import trygga_docs
from trygga_docs import text
from trygga_docs.batch import data_files, render_many
from trygga_docs.context.registry import type_of
from trygga_docs.loader import load
from trygga_docs.word.docx import render_docx
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


def chart_texts(path: Path) -> list[str]:
    """Every text of the charts (SVG pictures) of a Word file: labels, values, axes, legends."""
    with zipfile.ZipFile(path) as archive:
        return ["".join(element.itertext()) for name in archive.namelist()
                if name.endswith(".svg")
                for element in etree.fromstring(archive.read(name)).iter(
                    "{http://www.w3.org/2000/svg}text")]


@pytest.fixture(scope="module", params=bundled_styles())
def rendered(request, tmp_path_factory) -> dict[Path, list[str]]:
    """The examples' documents in one style: Word file → its paragraphs."""
    out = tmp_path_factory.mktemp(request.param)
    files = data_files(trygga_docs.EXAMPLES)
    written = list(render_many(files, out / "egna", style=request.param, workers=1).written)
    written += render_many(files, out / "moten", style=request.param, workers=1,
                           document=DOCUMENTS).written
    return {p: texts(p) + chart_texts(p) for p in written if p.suffix == ".docx"}


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


NBSP = text.NBSP
"""The no-break space (U+00A0) that Swedish typography wants after § and between day and month."""


def example_data() -> str:
    """All the examples' data files as one text, whitespace collapsed: what users wrote."""
    data = "\n".join(p.read_text(encoding="utf-8") for p in data_files(trygga_docs.EXAMPLES))
    return " ".join(data.split())


def generated_faults(documents: dict[Path, list[str]], data: str) -> list[str]:
    """Every break of ``text.TYPOGRAPHY_RULES`` in the documents' paragraphs and chart texts
    that the data does not hold as written (20 characters around it, whitespace collapsed,
    found in ``data``): the faults in what the library wrote."""
    found = []
    for path, paragraphs in documents.items():
        for paragraph in paragraphs:
            for rule, match in text.typography_faults(paragraph):
                around = paragraph[max(0, match.start() - 20):match.end() + 20]
                if " ".join(around.split()) not in data:
                    found.append(f"{path.name}: {rule}: {around!r}")
    return found


def test_what_the_library_writes_keeps_swedish_typography(rendered):
    """No "§ 12", "12 februari" with a breaking space, no "1.5", no "40%" or "40 %" in any
    document of any example, its charts included, but where the data wrote it so."""
    found = generated_faults(rendered, example_data())
    assert not found, "\n".join(found[:30])
    paragraphs = [paragraph for t in rendered.values() for paragraph in t]
    # the rules were met, not merely never tried
    assert any(re.search(rf"§{NBSP}\d", p) for p in paragraphs)
    assert any(re.search(rf"\d{NBSP}(?:januari|mars|november|december)", p) for p in paragraphs)
    assert any(re.search(r"\d,\d", p) for p in paragraphs)
    assert any(re.search(rf"\d{NBSP}%", p) for p in paragraphs)


def test_the_data_keeps_its_own_spaces(rendered):
    """Issue 11: data text comes out exactly as written, the data's own "§ 41", "83,2%" and
    "den 20 november 2025" included."""
    paragraphs = [paragraph for t in rendered.values() for paragraph in t]
    for written in ("Kommunstyrelsens beslut 2025-03-04 § 41 om belysning",
                    "förbättrats till 83,2%", "den 20 november 2025 med 23 deltagare"):
        assert any(written in p for p in paragraphs), written


def _render_examples(tmp_path: Path, kinds: tuple[str, ...]) -> dict[Path, list[str]]:
    """The first document of each example whose file name starts with one of ``kinds``."""
    documents = {}
    for path in data_files(trygga_docs.EXAMPLES):
        if not path.name.startswith(kinds):
            continue
        model = load(path)
        kind = type_of(model)
        document = kind.documents[0].name
        out = render_docx(kind.documents_of(model, document)[0],
                          tmp_path / f"{path.stem}-{document}.docx")
        documents[out] = texts(out) + chart_texts(out)
    return documents


def _spaced_date(d, *, year=True):
    return babel_dates.format_date(d, "d MMMM y" if year else "d MMMM", locale=text.LOCALE)


@pytest.mark.parametrize("name, planted, kinds, rule", [
    ("written_date", _spaced_date, ("samverkansoverenskommelse",), "between day and month"),
    ("paragraph_sign", lambda n: f"§ {n}", ("samverkansoverenskommelse",), "after §"),
    ("percent", lambda v, digits=None: f"{text.decimal(v, digits=digits)}%", ("uppfoljning",),
     "no no-break space before %"),
    ("decimal", lambda v, digits=None: f"{v:.1f}", ("uppfoljning", "lagesbild"), "decimal point"),
])
def test_the_check_finds_a_planted_fault_in_what_the_library_writes(
        name, planted, kinds, rule, tmp_path, monkeypatch):
    """The same check, with one of ``text``'s formatters planted with the old or a wrong way
    of writing: it finds the fault in the rendered documents."""
    data = example_data()
    assert generated_faults(_render_examples(tmp_path / "rätt", kinds), data) == []
    monkeypatch.setattr(text, name, planted)
    found = generated_faults(_render_examples(tmp_path / "fel", kinds), data)
    assert found and all(f": {rule}: " in f for f in found), found[:10]
