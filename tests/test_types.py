"""The package's type hints are checked: ``mypy --strict`` as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_passes_mypy_strict() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "-p", "trygga_docs"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"mypy --strict -p trygga_docs failed:\n{run.stdout}{run.stderr}"


def test_model_names_exactly_the_classes_a_document_is_rendered_from() -> None:
    from typing import get_args

    from trygga_docs.context.registry import DATA_FILE_TYPES, DOCUMENTS
    from trygga_docs.model.documents import Model

    rendered = {d.model for d in DOCUMENTS.values()}
    for kind in DATA_FILE_TYPES.values():
        if kind.own is not None:
            rendered |= {kind.model, *kind.parts}
    assert set(get_args(Model)) == rendered
