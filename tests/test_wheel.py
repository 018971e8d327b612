"""A wheel built from the repository installs into a fresh environment and renders from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
import venv
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parent.parent


def package_index_reachable() -> bool:
    """Whether pip's package index answers (building and installing the wheel needs it)."""
    url = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/")
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5):
            return True
    except (OSError, ValueError):
        return False


@pytest.mark.network
@pytest.mark.skipif(not package_index_reachable(), reason="the package index cannot be reached")
def test_wheel_ships_templates_and_examples_and_renders_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(ROOT)], check=True, timeout=300)
    wheel = next(dist.glob("trygga_docs-*.whl"))
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    located = subprocess.run(
        [str(python), "-c", "import trygga_docs; print(trygga_docs.__file__); print(trygga_docs.EXAMPLES)"],
        capture_output=True, text=True, check=True, cwd=elsewhere).stdout.split()
    assert located[0].startswith(str(env))
    example = Path(located[1]) / "hoor" / "samverkansoverenskommelse.yaml"
    out = elsewhere / "avtal.docx"
    result = subprocess.run([str(env / "bin" / "trygga-docs"), "render", str(example), "--out", "avtal.docx"],
                            capture_output=True, text=True, cwd=elsewhere, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Trygga Höör trygghetsråd" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
