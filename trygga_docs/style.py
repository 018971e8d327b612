"""House style: a municipality's look, and where its Word templates live.

A style is a folder with ``style.toml`` and, optionally, Word templates named by document type
(``agreement.docx``, ``minutes.docx`` …). A template the folder lacks comes from the bundled
``default`` style, so a municipality can start with only ``style.toml`` and a logo and replace one
document type at a time. The keys of ``style.toml`` are the fields of ``HouseStyle`` (all but
``directory``), every one optional; ``templates/klassisk/style.toml`` uses them all. The file is
structured like a data file (``structuring``): an error names the file and the key.

The bundled templates are built from the same values (``tools/build_templates.py``), and every
colour, font and line of the bundled default templates is one of them: a style folder without
its own templates gets them all at render time (``trygga_docs.word.look``). The colours and fonts
also draw the charts (the organisation chart, the follow-up's and the lägesbild's: the ``chart_*``
keys) and shade the status cells (the ``status_*`` keys), in any style.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from attrs import field, frozen

from trygga_docs.errors import DataError, TemplateError
from trygga_docs.structuring import structure

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
    if value == "":
        raise ValueError('is empty; name a font, e.g. "Calibri"')
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


def _checked(check: Callable[[Any], object]) -> Callable[[object, Any, object], None]:
    """An attrs validator from a checking function."""
    def validate(instance: object, attribute: object, value: object) -> None:
        if value is not None:
            check(value)
    return validate


def _colour(value: str) -> str:
    match = _HEX.fullmatch(str(value).strip())
    if not match:
        raise ValueError(f"'{value}' is not a colour; write it as six hex digits, e.g. \"#1F3A5F\"")
    return match.group(1).upper()


def _colours(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple) or not 1 <= len(value) <= 8:
        raise ValueError("must be a list of one to eight colours, e.g. [\"#1F4E79\", \"#9AA9B8\"]")
    return tuple(_colour(v) for v in value)


def _boolean(value: object) -> None:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")


def _one_of(*choices: str, why: str) -> Callable[[object, Any, object], None]:
    def validate(instance: object, attribute: object, value: object) -> None:
        if value not in choices:
            raise ValueError(why)
    return validate


def _millimetres(instance: object, attribute: object, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 3 <= value <= 60:
        raise ValueError("must be a number of millimetres between 3 and 60")


def _stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _blank_as_none(value: object) -> object:
    return (value.strip() or None) if isinstance(value, str) else value


def _path_or_none(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)


@frozen(kw_only=True)
class HouseStyle:
    """Husstil: a municipality's look (logo, colours, fonts, header and footer texts) and the
    folder with its Word templates.

    >>> HouseStyle().primary, HouseStyle().time_separator
    ('1F3A5F', '.')
    """

    name: str = field(default="default", validator=_checked(style_text))
    """The style's name; in ``style.toml`` by default the folder's."""
    directory: Path = field(default=BUNDLED_TEMPLATES / "default", converter=Path,
                            metadata={"in_file": False})
    """The style folder: its ``style.toml``, logo and own templates (not a key of the file)."""
    time_separator: str = field(default=".", validator=_one_of(
        ".", ":", why="must be '.' (09.00) or ':' (09:00)"))
    """``09.00`` (``.``) or ``09:00`` (``:``)."""
    municipality: str | None = field(default=None, converter=_blank_as_none,
                                     validator=_checked(style_text))
    logo: Path | None = field(default=None, converter=_path_or_none)
    """The logo shown in page headers (PNG or JPEG, in ``style.toml`` relative to the folder);
    ``None`` for none."""
    logo_height_mm: float = field(default=14.0, validator=_millimetres)
    protocol_first_page: str = field(default="signatures", validator=_one_of(
        "signatures", "attendance", why="must be 'signatures' or 'attendance'"))
    """What a sammanträdesprotokoll's first page holds: ``signatures`` (Swedish practice: place
    and time, justering, the signatures and the ANSLAG/BEVIS box, the attendance on the next
    page) or ``attendance`` (the older layout: the attendance first, signatures and anslag after
    it)."""
    primary: str = field(default="1F3A5F", converter=_colour)
    """Headings, title and chart boxes, as hex ``RRGGBB`` (``#`` allowed in ``style.toml``)."""
    secondary: str = field(default="5B6B7F", converter=_colour)
    """Header and footer text, captions and chart lines."""
    accent: str = field(default="C8102E", converter=_colour)
    """The marking of a draft or example (*UTKAST*, *EXEMPEL*) and of secrecy (*SEKRETESS*)."""
    rule: str = field(default="A7B4C2", converter=_colour)
    """Lines: table rules, the line under the page header, the protocol's boxes for initials."""
    box_shading: str = field(default="F3F5F8", converter=_colour)
    """Shaded boxes (a report's proposals, the organisation chart's placeholder)."""
    table_header_shading: str = field(default="E9EEF3", converter=_colour)
    """The header rows of every document's tables (the meeting documents' as the report's,
    follow-up's, lägesbild's and åtgärdsplan's)."""
    note_shading: str = field(default="FBEBCB", converter=_colour)
    """The note an example document opens with."""
    status_met: str = field(default="DCEFE2", converter=_colour)
    """The shade of a status cell that says met or done (*Uppfyllt*, *Genomförd*): light green.
    A status is always written out as well: its colour is never the only carrier of meaning."""
    status_partly: str = field(default="FBEBCB", converter=_colour)
    """The shade of *Delvis uppfyllt* and *Pågår*: light amber."""
    status_not_met: str = field(default="F6D5D3", converter=_colour)
    """The shade of *Ej uppfyllt* and *Försenad*: light red."""
    status_open: str = field(default="E6EAEE", converter=_colour)
    """The shade of *Ej redovisat* and *Ej påbörjad*: light grey."""
    chart_met: str = field(default="2E7D4F", converter=_colour)
    """A chart's bar for an outcome that met its target: green."""
    chart_partly: str = field(default="C27C0E", converter=_colour)
    """A chart's bar for an outcome that partly met its target: amber."""
    chart_not_met: str = field(default="B3261E", converter=_colour)
    """A chart's bar for an outcome that did not meet its target: red."""
    chart_open: str = field(default="8A96A3", converter=_colour)
    """A chart's bar (and its legend) for a target with no outcome reported: grey."""
    chart_target: str = field(default="C9D3DE", converter=_colour)
    """A chart's bar for a target, and its axis line."""
    chart_series: tuple[str, ...] = field(default=("1F4E79", "9AA9B8", "C9D8E6", "E2C792"),
                                          converter=_colours)
    """The bars of a chart's series in order (the lägesbild's: the municipality, then each
    comparison); one to eight colours. The series also differ in hatching."""
    chart_edge: str = field(default="5B6B7B", converter=_colour)
    """The outline and hatching of a chart's hatched bars."""
    chart_grid: str = field(default="E6EBF0", converter=_colour)
    """A chart's grid lines."""
    chart_text: str = field(default="1F2933", converter=_colour)
    """A chart's labels, values and axis figures."""
    heading_rule: bool = field(default=False, validator=_checked(_boolean))
    """A line in the primary colour under each level-1 heading."""
    heading_font: str = field(default="Calibri", converter=_stripped, validator=_checked(font_name))
    body_font: str = field(default="Calibri", converter=_stripped, validator=_checked(font_name))
    header_text: str = field(default="", converter=_stripped, validator=_checked(style_text))
    """A line of the style's own in every page header (the municipality's name, a unit)."""
    footer_text: str = field(default="", converter=_stripped, validator=_checked(style_text))
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


COLOUR_KEYS = ("primary", "secondary", "accent", "rule", "box_shading", "table_header_shading",
               "note_shading")
"""The keys of ``HouseStyle`` that are the colours of the bundled templates: every colour of
them is one (``trygga_docs.word.look`` replaces them)."""
STATUS_COLOUR_KEYS = ("status_met", "status_partly", "status_not_met", "status_open")
"""The keys of ``HouseStyle`` that shade a status cell (``status_colours``)."""
CHART_COLOUR_KEYS = ("chart_met", "chart_partly", "chart_not_met", "chart_open", "chart_target",
                     "chart_series", "chart_edge", "chart_grid", "chart_text")
"""The keys of ``HouseStyle`` that colour the charts (``chart_series`` is a list of colours)."""


def style_colours(style: HouseStyle) -> list[str]:
    """Every colour of ``style``: the templates', the status cells' and the charts'.

    >>> len(style_colours(HouseStyle()))
    23
    """
    colours: list[str] = []
    for key in (*COLOUR_KEYS, *STATUS_COLOUR_KEYS, *CHART_COLOUR_KEYS):
        value = getattr(style, key)
        colours += list(value) if isinstance(value, tuple) else [value]
    return colours
FONT_KEYS = ("heading_font", "body_font")
"""The keys of ``HouseStyle`` that are fonts: every font of the bundled templates is one."""


def bundled_styles() -> list[str]:
    """Names of the styles that ship with the library."""
    return sorted(p.name for p in BUNDLED_TEMPLATES.iterdir() if p.is_dir())


def _as_data_error(check: Any, name: str) -> Any:
    """A field's converter or validator whose ``ValueError`` becomes a ``DataError`` at the key
    (a message that does not start with the quoted value follows the key's name)."""
    def checked(*args: Any) -> Any:
        try:
            return check(*args)
        except ValueError as exc:
            message = str(exc)
            raise DataError(message if message.startswith("'") else f"{name} {message}",
                            path=name) from None
    return checked


def _file_class() -> type:
    """``style.toml`` as a class: HouseStyle's fields that are keys of the file, with the same
    types, converters and validators, their errors as ``DataError`` at the key."""
    attrs.resolve_types(HouseStyle)
    fields = {}
    for a in attrs.fields(HouseStyle):
        if not a.metadata.get("in_file", True):
            continue
        fields[a.name] = attrs.field(
            default=a.default, type=a.type, kw_only=True,
            converter=_as_data_error(a.converter, a.name) if a.converter else None,
            validator=_as_data_error(a.validator, a.name) if a.validator else None)
    return attrs.make_class("StyleFile", fields, frozen=True)


StyleFile: type[Any] = _file_class()  # made at run time: its fields are HouseStyle's
"""The keys of ``style.toml``, derived from ``HouseStyle``."""


def _config(folder: Path) -> tuple[dict[str, object], Path]:
    config_file = folder / "style.toml"
    if not config_file.is_file():
        return {}, config_file
    try:
        return tomllib.loads(config_file.read_text(encoding="utf-8")), config_file
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"the style configuration cannot be read: {exc}",
                        file=str(config_file)) from None


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
    given = structure({"name": folder.name, **config}, StyleFile, file=str(config_file))
    values = attrs.asdict(given, recurse=False)
    if given.logo is not None:
        values["logo"] = _logo(folder, given.logo, str(config_file))
    return HouseStyle(**values, directory=folder)


def _logo(folder: Path, name: Path, config_file: str) -> Path:
    """The logo named in ``style.toml``: a PNG or JPEG file inside the style folder."""
    def fail(message: str) -> DataError:
        return DataError(message, file=config_file, path="logo")

    logo = folder / name
    if not logo.resolve().is_relative_to(folder.resolve()):
        raise fail(f"the logo '{str(name)[:80]}' lies outside the style folder; put the file "
                   f"in {folder} and name it relative to it")
    if logo.suffix.lower() not in _LOGO_SUFFIXES:
        raise fail(f"the logo must be a PNG or JPEG file, not '{logo.name}'")
    if not logo.is_file():
        raise fail(f"the logo file '{logo}' does not exist")
    return logo
