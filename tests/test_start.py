"""``trygga-docs --help`` starts fast: it imports click, rich and the command line itself, not the
models, the templates or the Word and PDF libraries. Checked by what a fresh process has imported,
not by timing it (bench/bench_start.py times it)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("docxtpl", "docx", "pypdf", "matplotlib", "graphviz", "babel", "jinja2", "lxml",
         "num2words", "yaml", "cattrs", "attrs", "concurrent.futures")
"""What a command may import when it needs it, and --help never does."""

LIGHT = {"trygga_docs", "trygga_docs.cli", "trygga_docs.errors"}
"""The only trygga_docs modules --help loads."""

VERBS = ["render", "batch", "new", "schema", "check", "orgchart", "check-template"]


def imported_by(*argv: str, code: str | None = None) -> set[str]:
    """The modules a fresh Python has loaded after running ``trygga-docs ARGV``."""
    script = code or (
        "import sys\n"
        "from trygga_docs.cli import main\n"
        f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass\n")
    script += "\nimport json, sys\nprint('MODULES', json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules for h in HEAVY if m == h or m.startswith(h + "."))


def test_help_imports_none_of_the_heavy_modules():
    modules = imported_by("--help")
    assert heavy_in(modules) == []
    assert {m for m in modules if m.startswith("trygga_docs")} == LIGHT


@pytest.mark.parametrize("verb", VERBS)
def test_help_of_every_command_imports_none_of_the_heavy_modules(verb):
    modules = imported_by(verb, "--help")
    assert heavy_in(modules) == []
    assert {m for m in modules if m.startswith("trygga_docs")} == LIGHT


def test_importing_the_package_loads_its_public_names_on_first_use():
    modules = imported_by(code="import trygga_docs\n")
    assert heavy_in(modules) == [] and "trygga_docs.api" not in modules
    modules = imported_by(code="import trygga_docs\ntrygga_docs.load\n")
    assert {"trygga_docs.api", "trygga_docs.loader"} & modules == {"trygga_docs.loader"}


def test_the_lazy_public_names_are_the_modules_own():
    import trygga_docs
    from trygga_docs import api, loader, style

    assert trygga_docs.render is api.render and trygga_docs.load is loader.load
    assert trygga_docs.HouseStyle is style.HouseStyle
    assert set(trygga_docs.__all__) <= set(dir(trygga_docs))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        trygga_docs.nothing  # noqa: B018


def test_a_command_still_finds_the_document_types_when_it_needs_them():
    from click.testing import CliRunner

    from trygga_docs.cli import main
    from trygga_docs.context.registry import DOCUMENT_TYPES

    result = CliRunner().invoke(main, ["schema", "sammanträde"])
    assert result.exit_code == 2
    assert ", ".join(f"'{key}'" for key in sorted(DOCUMENT_TYPES)) in result.output
