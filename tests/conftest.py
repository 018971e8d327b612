"""Shared fixtures: the bundled examples and helpers to read what was written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase

import trygga_docs

EXAMPLES = trygga_docs.EXAMPLES
HOOR_AGREEMENT = EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"
DATA = Path(__file__).parent / "data"
CLI = [sys.executable, "-m", "trygga_docs"]

# Property tests (tests/test_properties.py): a document per example, so few examples by default,
# derandomized for reproducible CI; HYPOTHESIS_PROFILE=slow (or --hypothesis-profile=slow) runs
# 1,000 per document type. Drawing a whole document is slow and large by nature, hence the
# suppressed health checks; a render has no deadline.
_PROPERTIES = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("default", max_examples=12, derandomize=True, database=None, **_PROPERTIES)
settings.register_profile("slow", max_examples=1000, print_blob=True, **_PROPERTIES, database=
                          DirectoryBasedExampleDatabase(Path(__file__).parent.parent / ".hypothesis"))
# HYPOTHESIS_PROFILE=noshrink: the default examples, a failure reported as found (no shrinking)
settings.register_profile("noshrink", parent=settings.get_profile("default"),
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def docx_text(path: Path) -> str:
    """All text of a Word file: body paragraphs, tables, headers and footers, in order."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            parts.extend(p.text for p in part.paragraphs)
    # a date in a title keeps together with non-breaking hyphens; a reader sees "-"
    return "\n".join(parts).replace("\u2011", "-")


def broken(path: Path) -> trygga_docs.DataError:
    """The one DataError that loading a broken file gives; it always names the file."""
    with pytest.raises(trygga_docs.DataError) as caught:
        trygga_docs.load(path)
    assert caught.value.file == str(path)
    assert str(path) in str(caught.value)
    return caught.value


@pytest.fixture(scope="session")
def hoor_agreement():
    return trygga_docs.load(HOOR_AGREEMENT)


@pytest.fixture(scope="session")
def hoor_docx(tmp_path_factory, hoor_agreement) -> Path:
    out = tmp_path_factory.mktemp("agreement") / "samverkansoverenskommelse.docx"
    trygga_docs.render(hoor_agreement, out)
    return out


def structure_kinds(pdf: Path) -> dict[str, int]:
    """How many structure elements of each kind (``/H2``, ``/LI`` …) a tagged PDF's tree holds."""
    kinds: dict[str, int] = {}
    stack = [pypdf.PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                kinds[str(node["/S"])] = kinds.get(str(node["/S"]), 0) + 1
            if "/K" in node:
                stack.append(node["/K"])
        elif isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
    return kinds
