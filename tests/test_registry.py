"""A document type is one record: everything that lists types reads them from the registry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from trygga_docs.cli import main
from trygga_docs.context import prepare
from trygga_docs.context.common import Block, Inline, Picture
from trygga_docs.context.registry import DATA_FILE_TYPES, DOCUMENTS, document
from trygga_docs.context.vocabulary import entries, vocabulary
from trygga_docs.errors import TryggaDocsError
from trygga_docs.loader import EXAMPLES, FILE_REFERENCES, load
from trygga_docs.model.meeting_series import DocumentKind
from trygga_docs.new import SKELETONS, skeleton
from trygga_docs.schema import json_schema
from trygga_docs.style import BUNDLED_TEMPLATES, HouseStyle, bundled_styles
from trygga_docs.word.templatecheck import check_template, known_documents, provided

ROOT = Path(__file__).resolve().parent.parent


def test_the_cli_offers_exactly_the_registered_types():
    for name in ("new", "schema"):
        choice = next(p for p in main.commands[name].params if p.name == "document_type")
        assert isinstance(choice.type, click.Choice)
        assert set(choice.type.choices) == set(DATA_FILE_TYPES), name


@pytest.mark.parametrize("key", sorted(DATA_FILE_TYPES))
def test_every_type_has_a_skeleton_a_schema_and_templates_in_every_style(key):
    kind = DATA_FILE_TYPES[key]
    assert (SKELETONS / kind.skeleton).is_file() and skeleton(key).startswith("#")
    assert json_schema(key)["properties"]["type"]["const"] == key
    for doc in kind.documents:
        for style in bundled_styles():
            assert (BUNDLED_TEMPLATES / style / f"{doc.name}.docx").is_file(), (style, doc.name)
        assert (ROOT / "tools" / f"tmpl_{doc.name}.py").is_file(), doc.name


def test_the_meeting_records_name_the_models_document_kinds():
    assert [d.name for d in DATA_FILE_TYPES["meeting"].documents] == [k.value for k in DocumentKind]


def test_file_references_come_from_the_records():
    assert FILE_REFERENCES == {("followup", "promises"): "promises",
                               ("atgardsplan", "lagesbild"): "lagesbild",
                               ("atgardsplan_uppfoljning", "plan"): "atgardsplan"}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_context_field_is_documented_for_template_authors(name):
    undocumented = [e.name for e in entries(DOCUMENTS[name].context) if not e.help]
    assert undocumented == []


def test_the_vocabulary_needs_no_example_file():
    assert known_documents() == sorted(DOCUMENTS)
    agreement = provided("agreement")
    assert agreement["bodies"] == [{"name": "leaf", "short_name": "leaf", "task": ["leaf"],
                                    "facts": [{"label": "leaf", "value": "leaf"}]}]
    assert agreement["orgchart"]["caption"] == "leaf" and "logo" in agreement["house"]


def test_a_type_without_an_example_is_checked(monkeypatch):
    """A registered document no example yields still has its vocabulary: its context class."""
    monkeypatch.setattr("trygga_docs.word.templatecheck.example_files", lambda: [])
    monkeypatch.setattr("trygga_docs.word.templatecheck.load", None)  # no data file is read
    report = check_template(BUNDLED_TEMPLATES / "default" / "register.docx", "register",
                            vocabulary=provided("register"))
    assert report.unknown == []


def test_every_example_document_builds_its_typed_context_and_a_plain_one():
    style = HouseStyle()
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        model = load(path)
        kind = next(t for t in DATA_FILE_TYPES.values() if isinstance(model, t.model))
        for doc_record in kind.documents:
            try:
                docs = kind.documents_of(model, doc_record.name)
            except TryggaDocsError:  # notes have no protocol or extracts
                continue
            for doc in docs[:3]:
                assert isinstance(doc_record.build(doc, style), doc_record.context)
                prepared = prepare(doc, style)
                assert prepared.template == doc_record.name
                assert set(prepared.context) == set(vocabulary(doc_record.context))
                _plain(prepared.context)


def _plain(value: object) -> None:
    """The template gets dicts, lists and leaf values only (Inline, Picture and the Block of
    structured text for Word)."""
    if isinstance(value, dict):
        for item in value.values():
            _plain(item)
    elif isinstance(value, list):
        for item in value:
            _plain(item)
    else:
        assert isinstance(value, (str, int, float, bool, Inline, Picture, Block, type(None))), value


def test_meeting_file_names_come_from_the_records():
    assert document("protocol").file_name(None, "2025-03-17") == "2025-03-17-protokoll"
    # plain ASCII by default, Swedish letters and § on request
    assert document("register").file_name(None, None) == "atgardsregister"
    assert document("register").file_name(None, None, swedish=True) == "åtgärdsregister"
    assert document("notice").file_word == "kallelse"
    assert document("agreement").file_word is None


def test_the_template_reference_page_is_what_the_generator_prints():
    printed = subprocess.run([sys.executable, str(ROOT / "tools" / "template_reference.py")],
                             capture_output=True, text=True, check=True).stdout
    committed = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    assert committed == printed, ("docs/templates.md is out of date: run "
                                  "python tools/template_reference.py > docs/templates.md")
