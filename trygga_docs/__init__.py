"""trygga_docs: municipality-styled Word and PDF documents for Swedish local safety work.

>>> import trygga_docs
>>> agreement = trygga_docs.load(trygga_docs.EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
>>> agreement.period.year_span
'2016–2019'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from trygga_docs.errors import ConversionError, DataError, OutputError, TemplateError, TryggaDocsError

if TYPE_CHECKING:
    from trygga_docs.api import FORMATS, render, render_file
    from trygga_docs.loader import EXAMPLES, load, read_data
    from trygga_docs.structuring import structure
    from trygga_docs.style import HouseStyle, load_style

__version__ = "0.1.0"

_LAZY = {"FORMATS": "api", "render": "api", "render_file": "api", "EXAMPLES": "loader",
         "load": "loader", "read_data": "loader", "structure": "structuring", "HouseStyle": "style",
         "load_style": "style"}
"""Public names imported on first use (PEP 562): ``import trygga_docs.cli`` for ``--help`` need
not load the models, templates and Word libraries behind them."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f"trygga_docs.{_LAZY[name]}"), name)
        globals()[name] = value  # found directly next time
        return value
    raise AttributeError(f"module 'trygga_docs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "EXAMPLES", "FORMATS", "ConversionError", "DataError", "HouseStyle", "OutputError", "TemplateError",
    "TryggaDocsError", "load", "load_style", "read_data", "render", "render_file", "structure",
    "__version__",
]
