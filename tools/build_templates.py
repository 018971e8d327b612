"""Regenerate the bundled Word templates: ``python tools/build_templates.py``.

Each ``tools/tmpl_<name>.py`` module builds the template of the document ``<name>`` (a name of
``trygga_docs.context.registry.DOCUMENTS``) with ``build(look) -> Document``. Templates hold
layout and docxtpl tags over ready values; every value is formatted in ``trygga_docs.context``,
and ``docs/templates.md`` lists what each template may use.
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
    """Document name → the function that builds its template, one per registered document."""
    from trygga_docs.context.registry import DOCUMENTS

    found = {p.stem.removeprefix("tmpl_"): importlib.import_module(p.stem).build
             for p in sorted(TOOLS.glob("tmpl_*.py"))}
    if set(found) != set(DOCUMENTS):
        raise SystemExit(f"tools/tmpl_<name>.py and the registered documents differ: without a "
                         f"template builder {sorted(set(DOCUMENTS) - set(found))}, not registered "
                         f"{sorted(set(found) - set(DOCUMENTS))}")
    return found


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
