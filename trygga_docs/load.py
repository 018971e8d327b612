"""Files to model: read YAML, TOML or JSON, structure it into the typed model, and turn every
problem into one ``DataError`` that names the file, the line where the format tells it, and the
path in the data (``areas[3].responsibilities[1].roles[0]``)."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import re
import tomllib
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
import yaml
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from .errors import DataError
from .model import DOCUMENT_TYPES

T = TypeVar("T")
SUFFIXES = (".yaml", ".yml", ".toml", ".json")

# ---------------------------------------------------------------------------------------------
# Reading: text -> plain data, plus where each path sits in the file


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML without the implicit conversions that bite in this domain: ``2019-02-30`` stays a
    string (the date hook reports it properly) and ``15:00`` is not the sexagesimal 900."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$"),
    list("-+0123456789."))


def _yaml_lines(node: yaml.Node, path: str, lines: dict[str, int],
                seen: set[int] | None = None) -> None:
    """Map each data path to its line, and refuse a key given twice in one mapping (YAML would
    silently keep the last). An anchor's node is walked once, so aliases cannot blow it up."""
    seen = set() if seen is None else seen
    lines[path] = node.start_mark.line + 1
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            child = f"{path}.{name}" if path else name
            line = key.start_mark.line + 1
            if name in first and name != "<<":
                raise DataError(f"'{name}' is given twice in the same place (also on line "
                                f"{first[name]}); keep one of them", path=child, line=line)
            first[name] = line
            lines[child] = line
            _yaml_lines(value, child, lines, seen)
            lines[child] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _yaml_lines(item, f"{path}[{i}]", lines, seen)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DataError(f"'{key}' is given twice in the same object; keep one of them",
                            path=key)
        result[key] = value
    return result


def read_data(path: str | Path) -> tuple[Any, dict[str, int]]:
    """Read a data file into plain Python data and a map from data path to line number.

    >>> data, lines = read_data(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> data["type"], lines["period.start"] > 1
    ('agreement', True)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"unknown file type '{path.suffix}'; use .yaml, .toml or .json", file=str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read); "
                        f"save it with the encoding UTF-8", file=str(path), line=line) from None
    if not text.strip():
        raise DataError("the file is empty; it should describe one document, starting with "
                        "'type:'", file=str(path))
    lines: dict[str, int] = {}
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
        else:
            loader = _YamlLoader(text)
            try:  # parse once (in C where libyaml is there): line map and data from the same nodes
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else None
            finally:
                loader.dispose()
            if node is not None:
                _yaml_lines(node, "", lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError(f"the YAML cannot be read: {exc.problem or exc.context}"
                        + (f" ({exc.context})" if exc.context and exc.problem else ""),
                        file=str(path), line=mark.line + 1 if mark else None) from None
    except DataError as exc:
        raise exc.located(file=str(path)) from None
    except yaml.reader.ReaderError as exc:
        line = text[:exc.position].count("\n") + 1
        raise DataError(f"the file holds a control character (#x{exc.character:04x}) that YAML does "
                        f"not allow, often a line break pasted from Word; replace it with a space "
                        f"or a new line", file=str(path), line=line) from None
    except yaml.YAMLError as exc:
        raise DataError(f"the YAML cannot be read: {exc}", file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise DataError(f"the JSON cannot be read: {exc.msg}", file=str(path), line=exc.lineno) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+)", str(exc))
        raise DataError(f"the TOML cannot be read: {exc}", file=str(path),
                        line=int(match.group(1)) if match else None) from None
    return data, lines


# ---------------------------------------------------------------------------------------------
# Structuring: plain data -> model classes


def _strict(kind: type, what: str) -> Any:
    def hook(value: object, _: type) -> Any:
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            raise DataError(f"expected {what}, got {_describe(value)}")
        return value
    return hook


def _describe(value: object) -> str:
    if isinstance(value, Mapping):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}" if not isinstance(value, str) else repr(value)


def _date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise DataError(f"'{value}' is not a date that exists ({exc}); write YYYY-MM-DD") from None
    raise DataError(f"expected a date written YYYY-MM-DD, got {_describe(value)}")


_TIME = re.compile(r"^(\d{1,2})[.:](\d{2})$")


def _time(value: object, _: type) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, float):  # YAML reads an unquoted 09.30 as the number 9.3
        value = f"{value:.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value}.00"
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
        raise DataError(f"'{value}' is not a time of day; hours run 00–23 and minutes 00–59")
    raise DataError(f"expected a time such as 09.00 or 09:00, got {_describe(value)}")


def _enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    for member in cls:
        if isinstance(value, str) and value.strip().casefold() in (
                str(member.value).casefold(), member.name.casefold()):
            return member
    choices = ", ".join(str(m.value) for m in cls)
    raise DataError(f"{_describe(value)} is not allowed here; expected one of: {choices}")


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict(str, "a text"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(float, lambda v, _: float(_strict((int, float), "a number")(v, _)))
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(dt.time, _time)
    conv.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
                                      _enum)

    def sequence_factory(tp: Any) -> Any:
        inner = conv.get_structure_hook(typing.get_args(tp)[0])

        def hook(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise DataError(f"expected a list, got {_describe(value)}")
            out, errors = [], []
            for i, item in enumerate(value):
                try:
                    out.append(inner(item, typing.get_args(tp)[0]))
                except Exception as exc:  # noqa: BLE001 - collected with its index
                    exc.__notes__ = [*getattr(exc, "__notes__", []), f"@index {i}"]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("while structuring a list", errors, tp)
            return tuple(out)
        return hook

    conv.register_structure_hook_factory(
        lambda t: typing.get_origin(t) is tuple and len(typing.get_args(t)) == 2
        and typing.get_args(t)[1] is Ellipsis, sequence_factory)

    def attrs_factory(cls: type) -> Any:
        inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

        def hook(value: object, _: type) -> Any:
            if not isinstance(value, Mapping):
                raise DataError(f"expected a mapping (key: value) for {cls.__name__}, "
                                f"got {_describe(value)}")
            return inner(value, cls)
        return hook

    conv.register_structure_hook_factory(attrs.has, attrs_factory)

    def mapping_factory(tp: Any) -> Any:  # dict[str, float]: a list or text gets a plain message
        inner = conv.gen_structure_mapping(tp)

        def hook(value: object, _: type) -> Any:
            if not isinstance(value, Mapping):
                raise DataError(f"expected a mapping (key: value), got {_describe(value)}")
            return inner(value, tp)
        return hook

    conv.register_structure_hook_factory(lambda t: typing.get_origin(t) is dict, mapping_factory)
    return conv


CONVERTER = _make_converter()


def _field_names(cls: type) -> list[str]:
    return [a.name for a in attrs.fields(cls)] if attrs.has(cls) else []


def _problems(exc: BaseException, path: str) -> list[tuple[str, BaseException]]:
    """Flatten cattrs' exception groups into (path, leaf exception) pairs."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found = []
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", []):
                text = str(note)
                if m := re.search(r"@ attribute (\w+)", text):
                    sub_path = f"{path}.{m.group(1)}" if path else m.group(1)
                elif m := re.search(r"@ ?index (\d+)", text):
                    sub_path = f"{path}[{m.group(1)}]"
            found.extend(_problems(sub, sub_path))
        return found
    return [(path, exc)]


def _message(path: str, exc: BaseException) -> tuple[str, str]:
    """A reader's message and the final path for one leaf problem."""
    if isinstance(exc, DataError):
        sub = exc.path or ""
        full = path + ("" if not sub else (sub if sub.startswith("[") or not path else "." + sub))
        return exc.message, full
    if isinstance(exc, ForbiddenExtraKeysError):
        names = _field_names(exc.cl)
        extra = sorted(exc.extra_fields)[0]
        close = difflib.get_close_matches(extra, names, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(names)}"
        full = f"{path}.{extra}" if path else extra
        return f"unknown field '{extra}'; {hint}", full
    if isinstance(exc, KeyError):
        name = str(exc.args[0]) if exc.args else "?"
        return f"the required field '{name}' is missing", path
    if isinstance(exc, ValueError | TypeError):
        return f"invalid value: {exc}", path
    return f"{type(exc).__name__}: {exc}", path


def structure(data: Any, cls: type[T], *, file: str | None = None,
              lines: Mapping[str, int] | None = None) -> T:
    """Turn plain data into the model class ``cls``, or raise one DataError naming the first problem.

    >>> from trygga_docs.model import Period
    >>> structure({"start": "2020-01-01", "end": "2019-12-31"}, Period, file="x.yaml")
    Traceback (most recent call last):
    ...
    trygga_docs.errors.DataError: x.yaml, at end: the period ends (2019-12-31) before or on the day it starts (2020-01-01); the end date must come after the start
    """
    try:
        return CONVERTER.structure(data, cls)
    except (ClassValidationError, IterableValidationError, DataError) as exc:
        problems = _problems(exc, "")
    except (ValueError, TypeError, KeyError) as exc:
        problems = [("", exc)]
    # A misspelt key is the likeliest cause of the other problems (a "missing" field), so first
    problems.sort(key=lambda p: not isinstance(p[1], ForbiddenExtraKeysError))
    messages = [_message(path, leaf) for path, leaf in problems]
    message, path = messages[0]
    if len(messages) > 1:
        message += f" (and {len(messages) - 1} more problem{'s' if len(messages) > 2 else ''})"
    return _raise(message, path, file, lines)


def _raise(message: str, path: str, file: str | None, lines: Mapping[str, int] | None) -> Any:
    line = None
    if lines:
        probe = path
        while probe and probe not in lines:  # the deepest part of the path the file has
            shorter = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", probe)
            probe = shorter if shorter != probe else ""
        line = lines.get(probe)
    raise DataError(message, file=file, path=path or None, line=line) from None


def document_type(data: Any, file: str | None = None,
                  lines: Mapping[str, int] | None = None) -> str:
    """The ``type:`` a data file declares."""
    if not isinstance(data, Mapping):
        _raise(f"the file must be a mapping (key: value) starting with 'type:', got "
               f"{_describe(data)}", "", file, lines)
    kind = data.get("type")
    if kind not in DOCUMENT_TYPES:
        known = ", ".join(DOCUMENT_TYPES)
        what = "has no 'type:'" if kind is None else f"has the unknown type {_describe(kind)}"
        _raise(f"the file {what}; expected one of: {known}", "type", file, lines)
    return str(kind)


FILE_REFERENCES: dict[tuple[str, str], str] = {("followup", "promises"): "promises"}
"""Keys whose value may name another data file instead of repeating its data:
``(type, key) -> the type that file must have``. The path is relative to the file naming it."""


def _include_referenced_files(kind: str, body: dict[str, Any], path: str | Path,
                              lines: Mapping[str, int]) -> dict[str, Any]:
    """Replace a reference such as ``promises: medborgarloften-2019.yaml`` by that file's data.

    The referenced file is checked on its own first, so its errors name it and its lines.
    """
    for (owner, key), wanted in FILE_REFERENCES.items():
        value = body.get(key)
        if owner != kind:
            continue
        if isinstance(value, Mapping) and value.get("type") == wanted:
            body = {**body, key: {k: v for k, v in value.items() if k != "type"}}
        if not isinstance(value, str):
            continue
        target = Path(path).parent / value.strip()
        if not target.is_file():
            _raise(f"'{value}' is not a file (looked for {target}); give the {wanted} file's path "
                   f"relative to this file, or write its data here", key, str(path), lines)
        data, target_lines = read_data(target)
        if document_type(data, str(target), target_lines) != wanted:
            _raise(f"'{value}' is a '{data['type']}' file; '{key}' must name a '{wanted}' file",
                   key, str(path), lines)
        referenced = {k: v for k, v in data.items() if k != "type"}
        structure(referenced, DOCUMENT_TYPES[wanted], file=str(target), lines=target_lines)
        body = {**body, key: referenced}
    return body


def load(path: str | Path) -> Any:
    """Load one data file into its model object, the class chosen by its ``type:`` key.

    >>> agreement = load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> agreement.programme, len(agreement.areas)
    ('Trygga Höör', 12)
    """
    data, lines = read_data(path)
    kind = document_type(data, str(path), lines)
    body = {k: v for k, v in data.items() if k != "type"}
    body = _include_referenced_files(kind, body, path, lines)
    model = structure(body, DOCUMENT_TYPES[kind], file=str(path), lines=lines)
    _check_attachment_files(model, Path(path).parent, str(path), lines)
    return model


PLACEHOLDER = re.compile(r"<[^<>\n]{1,80}>")
"""The skeletons' texts to replace, such as ``<kommunens namn>``."""


def placeholders(path: str | Path) -> list[DataError]:
    """The skeleton texts (``<Trygghetsrådet>``) still left in a data file, each as a DataError
    naming the line and place, for ``check`` and ``render`` to warn about; they do not stop a
    render.

    >>> placeholders(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    []
    """
    data, lines = read_data(path)
    found: list[DataError] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, str):
            found.extend(
                DataError(f"still holds the placeholder {hit.group(0)!r}; replace it with the "
                          "real text", file=str(path), path=where or None, line=lines.get(where))
                for hit in PLACEHOLDER.finditer(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")

    walk(data, "")
    return found


def _check_attachment_files(model: Any, base: Path, file: str, lines: Mapping[str, int]) -> None:
    """Every bilaga that names a file must be a readable PDF (relative to the data file), so that
    ``check`` says what a PDF render would find, with the place in the data."""
    from .model import Attachment

    def walk(value: Any, where: str) -> None:
        if isinstance(value, Attachment):
            if value.file:
                problem = _attachment_problem(base / value.file)
                if problem:
                    _raise(f"the bilaga '{value.title}' names the file {value.file}, which "
                           f"{problem}", f"{where}.file", file, lines)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                child = getattr(value, field.name)
                if _may_hold_attachments(child):
                    walk(child, f"{where}.{field.name}" if where else field.name)
        else:  # a tuple of model objects
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")

    walk(model, "")


def _may_hold_attachments(value: Any) -> bool:
    """Model objects and lists of them; texts, dates and lists of texts are skipped (a data file
    holds thousands of them, and the walk runs for every file of a batch)."""
    if isinstance(value, tuple):
        return bool(value) and attrs.has(type(value[0]))
    return attrs.has(type(value))


def _attachment_problem(path: Path) -> str | None:
    if not path.exists():
        return f"does not exist (looked for {path})"
    if not path.is_file():
        return "is a folder, not a PDF file"
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if b"%PDF-" not in head:
        return "is not a PDF file; bilagor are appended as PDF"
    return None


def unstructure(model: Any) -> dict[str, Any]:
    """The model as plain data (dates as ISO strings, enums as their Swedish values)."""
    def plain(value: Any) -> Any:
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, dt.date | dt.time):
            return value.isoformat() if isinstance(value, dt.date) else value.strftime("%H:%M")
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value
    return plain(CONVERTER.unstructure(model))


EXAMPLES = Path(__file__).resolve().parent / "examples"
if not EXAMPLES.is_dir():  # a source checkout: the wheel puts examples inside the package
    EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
