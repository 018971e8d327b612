"""The short, typed entry points for scripts: load a file, render a model.

>>> import tempfile, pathlib
>>> import trygga_docs
>>> agreement = trygga_docs.load(trygga_docs.EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
>>> [p.suffix for p in trygga_docs.render(agreement, pathlib.Path(tempfile.mkdtemp()) / "avtal.docx")]
['.docx']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import DataError
from .load import load
from .render.docx import render_docx
from .style import HouseStyle, load_style

FORMATS = ("docx", "pdf")


def _formats(out: Path, formats: Iterable[str] | str | None) -> tuple[str, ...]:
    if formats is None:
        suffix = out.suffix.lower().lstrip(".")
        if suffix not in FORMATS:
            raise DataError(f"cannot tell the format from '{out.name}'; end the name in .docx or "
                            f".pdf, or give the format")
        return (suffix,)
    if isinstance(formats, str):
        formats = formats.split(",")
    wanted = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise DataError(f"unknown format {', '.join(unknown) or '(none)'}; "
                        f"choose from {', '.join(FORMATS)}")
    return wanted


def render(model: Any, out: str | Path, *, formats: Iterable[str] | str | None = None,
           style: HouseStyle | str | Path | None = None) -> list[Path]:
    """Render a model to ``out``; with ``formats`` (``["docx", "pdf"]``) one file per format,
    named after ``out`` with the format's suffix. Returns the paths written."""
    out = Path(out)
    wanted = _formats(out, formats)
    house = style if isinstance(style, HouseStyle) else load_style(style)
    written = []
    base = out.with_suffix("") if out.suffix.lower().lstrip(".") in FORMATS else out
    for fmt in wanted:
        target = base.with_name(base.name + "." + fmt)
        if fmt == "docx":
            written.append(render_docx(model, target, style=house))
        else:
            from .render.to_pdf import render_pdf
            written.append(render_pdf(model, target, style=house))
    return written


def render_file(path: str | Path, out: str | Path, *, formats: Iterable[str] | str | None = None,
                style: HouseStyle | str | Path | None = None) -> list[Path]:
    """Load a data file and render it (see ``render``)."""
    return render(load(path), out, formats=formats, style=style)


__all__ = ["FORMATS", "load", "render", "render_file"]
