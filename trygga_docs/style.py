"""House style: a municipality's look, and where its Word templates live.

A style is a folder with ``style.toml`` and, optionally, Word templates named by document type
(``agreement.docx``, ``minutes.docx`` …). A template the folder lacks comes from the bundled
``default`` style, so a municipality can start with only ``style.toml`` and a logo and replace one
document type at a time. ``style.toml`` (every key optional)::

    name = "ekby"
    municipality = "Ekby kommun"
    logo = "logo.png"              # PNG or JPEG, relative to the folder
    logo_height_mm = 14
    primary = "#1E5B4F"            # headings, title, chart boxes
    secondary = "#6B5A3E"          # header, footer, captions, chart lines
    heading_font = "Cambria"
    body_font = "Cambria"
    header_text = "Ekby kommun"    # a line in every page header
    footer_text = "Ekby kommun · 123 45 Ekby · ekby.example"
    time_separator = "."           # 09.00 ("."), or 09:00 (":")

The bundled templates are built from the same values (``tools/build_templates.py``); the
colours and fonts also draw the organisation chart.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from attrs import field, frozen

from trygga_docs.errors import DataError, TemplateError

_PACKAGE = Path(__file__).resolve().parent
BUNDLED_TEMPLATES = _PACKAGE / "templates"
if not BUNDLED_TEMPLATES.is_dir():  # a source checkout; the wheel ships them inside the package
    BUNDLED_TEMPLATES = _PACKAGE.parent / "templates"

_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")
_LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


_FONT = re.compile(r"\w[\w .\-]{0,63}")
_TEXT_LIMIT = 300
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def font_name(value: str) -> str:
    """A font name as Word, LibreOffice, Graphviz and SVG all take it: letters, digits,
    spaces, dots and hyphens, at most 64 characters (``Times New Roman``, ``Source Sans 3``).

    >>> font_name("Liberation Serif")
    'Liberation Serif'
    """
    if not isinstance(value, str) or not _FONT.fullmatch(value):
        raise ValueError(f"'{str(value)[:80]}' is not a font name; write the name of an installed "
                         f"font with letters, digits, spaces, dots and hyphens, e.g. \"Cambria\"")
    return value


def style_text(value: str) -> str:
    """A text of the style (name, municipality, header and footer lines): one line of at most
    300 characters that XML can carry."""
    if not isinstance(value, str):
        raise ValueError("must be a text in quotes")
    if len(value) > _TEXT_LIMIT:
        raise ValueError(f"is {len(value)} characters long; at most {_TEXT_LIMIT} fit a page "
                         f"header or footer")
    bad = _NOT_IN_XML.search(value) or re.search(r"[\n\r\t]", value)
    if bad:
        raise ValueError(f"holds the character U+{ord(bad.group()):04X}, which a document "
                         f"cannot show; write the text on one line without control characters")
    return value


def _checked(check: object) -> object:
    """An attrs validator from a checking function."""
    def validate(instance: object, attribute: object, value: object) -> None:
        if value is not None:
            check(value)  # type: ignore[operator]
    return validate


def _colour(value: str) -> str:
    match = _HEX.fullmatch(str(value).strip())
    if not match:
        raise ValueError(f"'{value}' is not a colour; write it as six hex digits, e.g. \"#1F3A5F\"")
    return match.group(1).upper()


@frozen(kw_only=True)
class HouseStyle:
    """Husstil: a municipality's look (logo, colours, fonts, header and footer texts) and the
    folder with its Word templates.

    >>> HouseStyle().primary, HouseStyle().time_separator
    ('1F3A5F', '.')
    """

    name: str = field(default="default", validator=_checked(style_text))
    directory: Path = field(default=BUNDLED_TEMPLATES / "default", converter=Path)
    time_separator: str = "."
    """``09.00`` (``.``) or ``09:00`` (``:``)."""
    municipality: str | None = field(default=None, validator=_checked(style_text))
    logo: Path | None = field(default=None, converter=lambda p: None if p is None else Path(p))
    """The logo shown in page headers (PNG or JPEG); ``None`` for none."""
    logo_height_mm: float = 14.0
    primary: str = field(default="1F3A5F", converter=_colour)
    """Headings, title and chart boxes, as hex ``RRGGBB``."""
    secondary: str = field(default="5B6B7F", converter=_colour)
    """Header and footer text, captions and chart lines."""
    heading_font: str = field(default="Calibri", validator=_checked(font_name))
    body_font: str = field(default="Calibri", validator=_checked(font_name))
    header_text: str = field(default="", validator=_checked(style_text))
    """A line of the style's own in every page header (the municipality's name, a unit)."""
    footer_text: str = field(default="", validator=_checked(style_text))
    """A line of the style's own in every page footer (address, web site)."""

    def template(self, document: str) -> Path:
        """The Word template for a document type: the style's own, else the bundled default."""
        for folder in (self.directory, BUNDLED_TEMPLATES / "default"):
            path = folder / f"{document}.docx"
            if path.is_file():
                return path
        raise TemplateError(f"no Word template for '{document}' in {self.directory} "
                            f"nor among the bundled templates")

    def has_own_template(self, document: str) -> bool:
        """Whether the style folder has its own template for ``document``."""
        return (self.directory / f"{document}.docx").is_file()


def bundled_styles() -> list[str]:
    """Names of the styles that ship with the library."""
    return sorted(p.name for p in BUNDLED_TEMPLATES.iterdir() if p.is_dir())


_KEYS = {"name", "municipality", "logo", "logo_height_mm", "primary", "secondary", "heading_font",
         "body_font", "header_text", "footer_text", "time_separator"}


def _config(folder: Path) -> tuple[dict[str, object], Path]:
    config_file = folder / "style.toml"
    if not config_file.is_file():
        return {}, config_file
    try:
        return tomllib.loads(config_file.read_text(encoding="utf-8")), config_file
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"the style configuration cannot be read: {exc}",
                        file=str(config_file)) from None


def _valid(fail: Callable[[str, str], DataError], key: str, check: Callable[[str], str],
           value: str) -> str:
    """``check(value)``, its ``ValueError`` turned into the style file's ``DataError``."""
    if value == "" and check is font_name:
        raise fail(key, f"{key} is empty; name a font, e.g. \"Calibri\"")
    try:
        return check(value) if value else value
    except ValueError as exc:
        raise fail(key, f"{key} {exc}" if check is style_text else str(exc)) from None


def load_style(name_or_path: str | Path | None = None) -> HouseStyle:
    """A bundled style by name (``default``, ``klassisk``), or a style folder by path.

    >>> load_style().name
    'default'
    >>> load_style("klassisk").body_font
    'Cambria'
    """
    if name_or_path is None:
        name_or_path = "default"
    folder = Path(name_or_path)
    if not folder.is_dir():
        bundled = BUNDLED_TEMPLATES / str(name_or_path)
        if not bundled.is_dir():
            raise DataError(f"no house style '{name_or_path}': not a folder, and the bundled "
                            f"styles are {', '.join(bundled_styles())}", path="--style")
        folder = bundled
    config, config_file = _config(folder)

    def fail(key: str, message: str) -> DataError:
        return DataError(message, file=str(config_file), path=key)

    for key in config:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else \
                f"; the keys are {', '.join(sorted(_KEYS))}"
            raise fail(key, f"unknown key '{key}'{hint}")
    values: dict[str, object] = {"name": _valid(fail, "name", style_text,
                                                str(config.get("name", folder.name))),
                                 "directory": folder}
    separator = str(config.get("time_separator", "."))
    if separator not in (".", ":"):
        raise fail("time_separator", "time_separator must be '.' (09.00) or ':' (09:00)")
    values["time_separator"] = separator
    for key in ("municipality", "heading_font", "body_font", "header_text", "footer_text"):
        if key in config:
            if not isinstance(config[key], str):
                raise fail(key, f"{key} must be a text in quotes")
            check = font_name if key.endswith("_font") else style_text
            value = _valid(fail, key, check, config[key].strip())
            values[key] = value or (None if key == "municipality" else "")
    for key in ("primary", "secondary"):
        if key in config:
            try:
                values[key] = _colour(str(config[key]))
            except ValueError as exc:
                raise fail(key, str(exc)) from None
    if "logo_height_mm" in config:
        height = config["logo_height_mm"]
        if not isinstance(height, (int, float)) or isinstance(height, bool) or not 3 <= height <= 60:
            raise fail("logo_height_mm", "logo_height_mm must be a number of millimetres "
                                         "between 3 and 60")
        values["logo_height_mm"] = float(height)
    if "logo" in config:
        logo = folder / str(config["logo"])
        if not logo.resolve().is_relative_to(folder.resolve()):
            raise fail("logo", f"the logo '{str(config['logo'])[:80]}' lies outside the style "
                               f"folder; put the file in {folder} and name it relative to it")
        if logo.suffix.lower() not in _LOGO_SUFFIXES:
            raise fail("logo", f"the logo must be a PNG or JPEG file, not '{logo.name}'")
        if not logo.is_file():
            raise fail("logo", f"the logo file '{logo}' does not exist")
        values["logo"] = logo
    return HouseStyle(**values)  # type: ignore[arg-type]
