"""House style: a municipality's look, and where its Word templates live.

A style is a folder with ``style.toml`` (optional) and Word templates named by document type
(``agreement.docx``, ``minutes.docx`` …). A template the folder lacks comes from the bundled
``default`` style, so a municipality can start by replacing only one document type.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from attrs import field, frozen

from .errors import DataError, TemplateError

_PACKAGE = Path(__file__).resolve().parent
BUNDLED_TEMPLATES = _PACKAGE / "templates"
if not BUNDLED_TEMPLATES.is_dir():  # a source checkout; the wheel ships them inside the package
    BUNDLED_TEMPLATES = _PACKAGE.parent / "templates"


@frozen(kw_only=True)
class HouseStyle:
    """Husstil: name, template folder, and the few conventions formatting depends on."""

    name: str = "default"
    directory: Path = field(default=BUNDLED_TEMPLATES / "default", converter=Path)
    time_separator: str = "."
    """``09.00`` (``.``) or ``09:00`` (``:``)."""
    municipality: str | None = None

    def template(self, document: str) -> Path:
        """The Word template for a document type: the style's own, else the bundled default."""
        for folder in (self.directory, BUNDLED_TEMPLATES / "default"):
            path = folder / f"{document}.docx"
            if path.is_file():
                return path
        raise TemplateError(f"no Word template for '{document}' in {self.directory} "
                            f"nor among the bundled templates")


def bundled_styles() -> list[str]:
    """Names of the styles that ship with the library."""
    return sorted(p.name for p in BUNDLED_TEMPLATES.iterdir() if p.is_dir())


def load_style(name_or_path: str | Path | None = None) -> HouseStyle:
    """A bundled style by name (``default``), or a style folder by path.

    >>> load_style().name
    'default'
    """
    if name_or_path is None:
        return HouseStyle()
    folder = Path(name_or_path)
    if not folder.is_dir():
        bundled = BUNDLED_TEMPLATES / str(name_or_path)
        if not bundled.is_dir():
            raise DataError(f"no house style '{name_or_path}': not a folder, and the bundled "
                            f"styles are {', '.join(bundled_styles())}")
        folder = bundled
    config: dict[str, object] = {}
    config_file = folder / "style.toml"
    if config_file.is_file():
        try:
            config = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"the style configuration cannot be read: {exc}",
                            file=str(config_file)) from None
    separator = str(config.get("time_separator", "."))
    if separator not in (".", ":"):
        raise DataError("time_separator must be '.' or ':'", file=str(config_file),
                        path="time_separator")
    municipality = config.get("municipality")
    return HouseStyle(name=str(config.get("name", folder.name)), directory=folder,
                      time_separator=separator,
                      municipality=str(municipality) if municipality else None)
