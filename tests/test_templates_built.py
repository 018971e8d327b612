"""The bundled templates are what ``tools/build_templates.py`` builds from the committed tools.

A template committed from an older tree (a rebuild that predates a change to its ``tools/tmpl_*.py``)
would ship a layout the tools no longer describe; this compares every part but the core properties
(their dates change with every build)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

import build_templates  # noqa: E402
from templatekit import LOOKS, save  # noqa: E402

CASES = [(look, name) for look in LOOKS for name in build_templates.builders()]


def differing_parts(built: Path, committed: Path) -> list[str]:
    a, b = zipfile.ZipFile(built), zipfile.ZipFile(committed)
    names = sorted(set(a.namelist()) | set(b.namelist()) - {"docProps/core.xml"})
    return [n for n in names if n != "docProps/core.xml"
            and (n not in a.namelist() or n not in b.namelist() or a.read(n) != b.read(n))]


@pytest.mark.parametrize("look, name", CASES)
def test_the_committed_template_is_what_the_tools_build(tmp_path, look, name):
    built = tmp_path / f"{name}.docx"
    save(build_templates.builders()[name](LOOKS[look]), built)
    committed = build_templates.ROOT / LOOKS[look].name / f"{name}.docx"
    assert not differing_parts(built, committed), (
        f"{committed} differs from what tools/build_templates.py builds; rebuild and commit it")


def test_the_comparison_finds_a_changed_part(tmp_path):
    look, name = CASES[0]
    committed = build_templates.ROOT / LOOKS[look].name / f"{name}.docx"
    planted = tmp_path / "planted.docx"
    with zipfile.ZipFile(committed) as src, zipfile.ZipFile(planted, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<w:p/></w:body>")
            dst.writestr(item, data)
    assert differing_parts(planted, committed) == ["word/document.xml"]
