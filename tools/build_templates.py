"""Regenerate the bundled Word templates: ``python tools/build_templates.py``.

Each ``tools/tmpl_<name>.py`` module builds one document type's template: it names the type in
``DOCUMENT`` and has ``build(look) -> Document``. Templates hold layout and docxtpl tags over
ready values; every value is formatted in ``trygga_docs.context``.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))

from templatekit import LOOKS, save  # noqa: E402

ROOT = TOOLS.parent / "templates"


def builders() -> dict[str, object]:
    modules = (importlib.import_module(p.stem) for p in sorted(TOOLS.glob("tmpl_*.py")))
    return {m.DOCUMENT: m.build for m in modules}


def main(only: list[str] | None = None) -> None:
    for look in LOOKS.values():
        for name, build in builders().items():
            if only and name not in only:
                continue
            path = ROOT / look.name / f"{name}.docx"
            save(build(look), path)
            print(f"wrote {path.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:] or None)
