"""Files to model: read YAML, TOML or JSON, structure it into the typed model, and turn every
problem into one ``DataError`` that names the file, the line where the format tells it, and the
path in the data (``areas[3].responsibilities[1].roles[0]``)."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import math
import re
import stat
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import yaml

from trygga_docs.errors import DataError, data_path, quote
from trygga_docs.structuring import STRUCTURER, structure
from trygga_docs.structuring import describe as _describe
from trygga_docs.structuring import line_of as _line_of
from trygga_docs.structuring import raise_at as _raise
from trygga_docs.context.registry import DATA_FILE_TYPES, DOCUMENT_TYPES

if TYPE_CHECKING:
    from trygga_docs.model.documents import Model

T = TypeVar("T")
SUFFIXES = (".yaml", ".yml", ".toml", ".json")

MAX_DEPTH = 32
"""Data nested deeper than this is refused: the deepest document needs about ten levels."""

MAX_VALUES = 2_000_000
"""A file that holds (or whose YAML aliases expand to) more values than this is refused: no
document is meant to be that large, and a few lines of aliases can expand to billions."""

MAX_NUMBER = 10**12
"""Numbers larger than this (in size) are refused as not meant: no count, §, year or amount in
these documents comes near it, and larger ones print as 'minst ∞' or overflow."""

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters an XML 1.0 document (a Word file) cannot hold: control characters other than tab
and line breaks, lone halves of a surrogate pair, and the two non-characters U+FFFE/U+FFFF."""

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
            line = key.start_mark.line + 1
            _text_key(key, path, line)
            name = str(key.value)
            child = data_path(path, name)
            if name in first and name != "<<":
                raise DataError(f"'{name}' is given twice in the same place (also on line "
                                f"{first[name]}); keep one of them", path=child, line=line)
            first[name] = line
            lines[child] = line
            _yaml_lines(value, child, lines, seen)
            lines[child] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _yaml_lines(item, data_path(path, i), lines, seen)


_YAML_STR = "tag:yaml.org,2002:str"
_KEY_KINDS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
              "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:null": "nothing (null)"}


def _text_key(key: yaml.Node, path: str, line: int) -> None:
    """Refuse a key that YAML does not read as text: ``1:``, ``~:``, and ``on:``/``yes:``, which
    YAML 1.1 reads as true. Every key of a document is a name."""
    if key.tag == _YAML_STR or key.tag == "tag:yaml.org,2002:merge":
        return
    if isinstance(key, yaml.ScalarNode):
        kind = _KEY_KINDS.get(key.tag, f"the type {key.tag.rsplit(':', 1)[-1]}")
        raise DataError(f"the key {quote(key.value)} is read as {kind}, not as a name; every key "
                        f"is a name such as 'title' (put it in quotes, \"{key.value}\": …, if "
                        f"it is meant)", path=data_path(path, key.value),
                        line=line)
    raise DataError("a key is a list or a mapping; every key is a name such as 'title'",
                    path=path or None, line=line)


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
        raise DataError(f"unknown file type {quote(path.suffix)}; use .yaml, .toml or .json",
                        file=str(path))
    raw = _read_regular_file(path)
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
        if suffix == ".json":
            lines = _json_lines(text)
        _check_plain(data, lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError(f"the YAML cannot be read: {exc.problem or exc.context}"
                        + (f" ({exc.context})" if exc.context and exc.problem else ""),
                        file=str(path), line=mark.line + 1 if mark else None) from None
    except DataError as exc:
        if exc.line is None and exc.path:
            exc = exc.located(line=_line_of(exc.path, lines))
        raise exc.located(file=str(path)) from None
    except RecursionError:
        raise DataError(f"the data is nested too deeply (lists or mappings inside each other "
                        f"more than {MAX_DEPTH} levels); no document needs that",
                        file=str(path), line=_nesting_line(text)) from None
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
    except ValueError as exc:  # Python's limit on the digits of an integer (CVE-2020-10735)
        if "digits" not in str(exc):
            raise
        raise DataError(f"a number has more than {sys.get_int_max_str_digits()} digits; no "
                        f"document needs a number that large", file=str(path),
                        line=_line_of_long_number(text)) from None
    return data, lines


_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words (``"a FIFO (named pipe)"``).

    >>> import os
    >>> file_kind(os.stat("/dev/null").st_mode)
    'a character device'
    """
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; a folder, FIFO or device (``/dev/zero`` reads forever) is
    refused by what it is, before anything is read."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise DataError(f"this is {file_kind(mode)}, not a data file; give the path of a "
                            f".yaml, .toml or .json file", file=str(path))
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", file=str(path)) from None


def _json_lines(text: str) -> dict[str, int]:
    """The line of each data path of a JSON file, as far as YAML (a superset of JSON's syntax)
    can tell it; escapes are blanked first, since only positions matter. Empty when it cannot."""
    lines: dict[str, int] = {}
    blanked = re.sub(r"\\(?:u[0-9a-fA-F]{4}|.)", "__", text)
    try:
        loader = _YamlLoader(blanked)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is not None:
            _yaml_lines(node, "", lines)
    except (yaml.YAMLError, DataError, RecursionError):
        return {}
    return lines


def _nesting_line(text: str) -> int | None:
    """The line where brackets (``[``, ``{``) outside quoted strings first nest deeper than
    ``MAX_DEPTH``; for JSON exact, for TOML and YAML flow style a good guess."""
    depth, quote_char, escaped = 0, "", False
    for at, char in enumerate(text):
        if quote_char:
            if escaped:
                escaped = False
            elif char == "\\" and quote_char == '"':
                escaped = True
            elif char == quote_char:
                quote_char = ""
        elif char in "\"'":
            quote_char = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text[:at].count("\n") + 1
        elif char in "]}":
            depth -= 1
    return None


def _line_of_long_number(text: str) -> int | None:
    match = re.search(r"\d{%d,}" % (sys.get_int_max_str_digits() + 1), text)
    return text[:match.start()].count("\n") + 1 if match else None


def _check_plain(data: Any, lines: Mapping[str, int]) -> None:
    """Refuse plain data that would change or break a document: keys that are not text, text
    an XML file cannot hold, numbers that are not numbers or too large to be meant, nesting
    deeper than ``MAX_DEPTH`` and more than ``MAX_VALUES`` values (aliases counted as often as
    they are used). Raises a DataError with the data path; shared (aliased) parts are checked
    once."""
    seen: set[int] = set()
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise DataError(f"the data is nested more than {MAX_DEPTH} levels deep (lists "
                                f"or mappings inside each other); no document needs that",
                                path=where or None)
            if id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, dict):
                for key, item in value.items():
                    child = _check_key(key, where)
                    stack.append((item, child, depth + 1))
            else:
                stack.extend((item, data_path(where, i), depth + 1) for i, item in enumerate(value))
        else:
            problem = _scalar_problem(value)
            if problem:
                raise DataError(problem, path=where or None)
    sizes = _value_counts(data, MAX_VALUES)
    if sizes.get(id(data), 1) > MAX_VALUES:
        raise DataError(f"the data holds more than {MAX_VALUES:,} values (YAML aliases counted "
                        f"each time they are used); no document is that large: write the data "
                        f"out instead of repeating it with aliases (*name)".replace(",", " "),
                        path=_largest_part(data, sizes))


def _largest_part(data: Any, sizes: Mapping[int, int]) -> str | None:
    """The key of the mapping ``data`` that holds the most values, to point at a blown-up part."""
    if not isinstance(data, dict) or not data:
        return None
    key = max(data, key=lambda k: sizes.get(id(data[k]), 1))
    return str(key)


def _check_key(key: object, where: str) -> str:
    if not isinstance(key, str):
        raise DataError(f"the key {quote(key)} is not a name; every key is a name such as "
                        f"'title'", path=where or None)
    child = data_path(where, key)
    problem = _text_problem(key)
    if problem:
        raise DataError(f"the key {problem}", path=child)
    return child


def _scalar_problem(value: object) -> str | None:
    """What is wrong with one plain value, or None."""
    if isinstance(value, str):
        problem = _text_problem(value)
        return f"the text {problem}" if problem else None
    if isinstance(value, float):
        if math.isnan(value):
            return "'NaN' (not a number) is not a number a document can show; write the number"
        if math.isinf(value):
            return ("the number is infinite (or too large for a number, such as 1.0e+999); "
                    "write the number it should be")
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
        return (f"the number {quote(value)} is larger than any number a document is meant to "
                f"show (at most {MAX_NUMBER:,}); check it".replace(",", " "))
    return None


_CHARACTER_NAMES = {"\x0b": "a vertical tab (U+000B, written \\v)",
                    "\x0c": "a form feed (U+000C, written \\f)",
                    "\x00": "a null character (U+0000)",
                    "\x1b": "an escape character (U+001B, written \\e)",
                    "\x07": "a bell character (U+0007, written \\a)",
                    "\x08": "a backspace (U+0008, written \\b)"}


def _text_problem(text: str) -> str | None:
    """Why ``text`` cannot go into a Word file unchanged, or None."""
    found = _NOT_IN_XML.search(text)
    if found is None:
        return None
    char = found.group(0)
    code = f"U+{ord(char):04X}"
    before = quote(text[max(0, found.start() - 30):found.start()])
    at = f"after {before}" if found.start() else "at its start"
    if "\ud800" <= char <= "\udfff":
        return (f"holds half a character ({code}, a lone surrogate: the text was cut or "
                f"converted wrongly) {at}; write that character again")
    name = _CHARACTER_NAMES.get(char, f"a control character ({code})")
    return (f"holds {name} {at}, which a Word document cannot hold; remove it or replace it "
            f"with a space")


def _value_counts(data: Any, limit: int) -> dict[int, int]:
    """How many values each list and mapping of ``data`` holds (by ``id``), shared parts counted
    each time they are used, counting no further than ``limit + 1``. Linear in the distinct
    parts: each size is computed once."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        value, children_done = stack.pop()
        if not isinstance(value, dict | list) or id(value) in sizes:
            continue
        items = list(value.values()) if isinstance(value, dict) else value
        containers = [v for v in items if isinstance(v, dict | list)]
        if not children_done:
            stack.append((value, True))
            stack.extend((child, False) for child in containers if id(child) not in sizes)
            continue
        size = 1 + len(items) - len(containers) + sum(sizes.get(id(c), 0) for c in containers)
        sizes[id(value)] = min(size, limit + 1)
    return sizes


def document_type(data: Any, file: str | None = None,
                  lines: Mapping[str, int] | None = None) -> str:
    """The ``type:`` a data file declares."""
    if not isinstance(data, Mapping):
        _raise(f"the file must be a mapping (key: value) starting with 'type:', got "
               f"{_describe(data)}", "", file, lines)
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in DOCUMENT_TYPES:
        known = ", ".join(DOCUMENT_TYPES)
        what = ("has no 'type:'" if kind is None else f"has the unknown type {_describe(kind)}"
                if isinstance(kind, str) else f"gives as 'type:' {_describe(kind)}, not a name")
        _raise(f"the file {what}; expected one of: {known}", "type", file, lines)
    return str(kind)


FILE_REFERENCES: dict[tuple[str, str], str] = {
    (owner, key): wanted for owner, kind in DATA_FILE_TYPES.items()
    for key, wanted in kind.references.items()}
"""Keys whose value may name another data file instead of repeating its data:
``(type, key) -> the type that file must have`` (from the records' ``references``). The path is
relative to the file naming it."""


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
        referenced = _include_referenced_files(  # a follow-up's plan names its lägesbild
            wanted, {k: v for k, v in data.items() if k != "type"}, target, target_lines)
        referenced = _read_named_files(wanted, referenced, target, target_lines)
        structure(referenced, DOCUMENT_TYPES[wanted], file=str(target), lines=target_lines)
        body = {**body, key: referenced}
    return body


def _read_named_files(kind: str, body: dict[str, Any], path: Path,
                      lines: Mapping[str, int]) -> dict[str, Any]:
    """The data with the files it names read in, as its record says (``read_files``)."""
    read_files = DATA_FILE_TYPES[kind].read_files
    return body if read_files is None else read_files(body, path, lines)


def load(path: str | Path, *, attachments_dir: str | Path | None = None) -> Any:
    """Load one data file into its model object, the class chosen by its ``type:`` key.

    Bilagor are looked for inside ``attachments_dir``, by default the data file's folder.

    >>> agreement = load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> agreement.programme, len(agreement.areas)
    ('Trygga Höör', 12)
    """
    return read_model(path, attachments_dir=attachments_dir)[0]


def read_model(path: str | Path, *, attachments_dir: str | Path | None = None
               ) -> tuple[Model, dict[str, int]]:
    """``load``, also giving the file's line map (data path → line) for messages about it,
    such as ``placeholders(model, file=path, lines=lines)``."""
    data, lines = read_data(path)
    kind = document_type(data, str(path), lines)
    body = {k: v for k, v in data.items() if k != "type"}
    body = _include_referenced_files(kind, body, path, lines)
    body = _read_named_files(kind, body, Path(path), lines)
    model: Model = structure(body, DOCUMENT_TYPES[kind], file=str(path), lines=lines)
    root = Path(attachments_dir) if attachments_dir is not None else Path(path).parent
    _check_attachment_files(model, root, str(path), lines)
    return model, lines


PLACEHOLDER = re.compile(r"<[^<>\n]{1,80}>")
"""The skeletons' texts to replace, such as ``<kommunens namn>``."""


def placeholders(model: Any, *, file: str | Path | None = None,
                 lines: Mapping[str, int] | None = None) -> list[DataError]:
    """The skeleton texts (``<Trygghetsrådet>``) still left in a loaded model, each as a DataError
    naming the place (and the line, given the file's ``lines``), for ``check`` and ``render`` to
    warn about; they do not stop a render.

    The model is walked, not the raw data: only what the document shows is looked at, and YAML
    aliases cannot blow the walk up.

    >>> model, lines = read_model(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> placeholders(model, lines=lines)
    []
    """
    found: list[DataError] = []
    where_file = str(file) if file is not None else None
    for where, text in _texts(model):
        found.extend(
            DataError(f"still holds the placeholder {quote(hit.group(0))}; replace it with the "
                      "real text", file=where_file, path=where or None,
                      line=_line_of(where, lines))
            for hit in PLACEHOLDER.finditer(text))
    return found


def identity_numbers(model: Any, *, file: str | Path | None = None,
                     lines: Mapping[str, int] | None = None) -> list[DataError]:
    """Every personnummer and samordningsnummer in a loaded model's texts (``model.personnummer``:
    with or without century and separator, Luhn-checked), each as a DataError naming the place,
    for ``check`` and ``render`` to warn about: such a number never goes on the web, and the
    public version (``--public``) masks it.

    >>> model, lines = read_model(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> identity_numbers(model, lines=lines)
    []
    """
    from trygga_docs.model import personnummer

    where_file = str(file) if file is not None else None
    return [DataError(f"holds a {hit.kind} ({quote(hit.text)}); it must not be published: the "
                      f"public version (--public) masks it, but consider leaving it out",
                      file=where_file, path=where or None, line=_line_of(where, lines))
            for where, text in _texts(model) for hit in personnummer.find(text)]


def _texts(model: Any) -> list[tuple[str, str]]:
    """Every text of a model with its data path, in the order of the fields; only the fields a
    data file gives (``init``), so derived values are not counted twice."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(model, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            found.append((where, value))
        elif attrs.has(type(value)):
            stack.extend((getattr(value, f.name), data_path(where, f.name))
                         for f in reversed(attrs.fields(type(value))) if f.init)
        elif isinstance(value, tuple | list):
            stack.extend((item, data_path(where, i))
                         for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            stack.extend((item, data_path(where, str(key)))
                         for key, item in reversed(list(value.items())))
    return found


def _check_attachment_files(model: Any, root: Path, file: str, lines: Mapping[str, int]) -> None:
    """Every bilaga that names a file must be a complete, readable PDF inside ``root`` (the data
    file's folder or the ``--attachments`` folder), so that ``check`` says what a PDF render would
    find, with the place in the data."""
    from trygga_docs.model.common import attachments_in

    for where, attachment in attachments_in(model):
        if attachment.file:
            try:
                problem = attachment_problem(attachment_path(attachment.file, root))
            except DataError as exc:
                problem = exc.message
            if problem:
                _raise(f"the bilaga {quote(attachment.title)} names the file "
                       f"{quote(attachment.file)}, which {problem}", data_path(where, "file"),
                       file, lines)


def attachment_path(file: str, root: str | Path) -> Path:
    """Where the bilaga ``file`` is: relative to ``root`` (the data file's folder, or the folder
    given with ``--attachments``) and inside it. An absolute path, ``..`` or a link that leads out
    of ``root`` is a DataError, so a data file cannot pull any file of the machine into a PDF.

    >>> attachment_path("bilagor/karta.pdf", "/data/2025")
    PosixPath('/data/2025/bilagor/karta.pdf')
    >>> attachment_path("/etc/passwd", "/data/2025")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    trygga_docs.errors.DataError: is an absolute path; ...
    """
    root = Path(root).resolve()
    given = Path(file)
    if given.is_absolute():
        raise DataError(f"is an absolute path; give the path relative to {root} (the data "
                        f"file's folder, or the folder given with --attachments)")
    candidate = root / given
    resolved = candidate.resolve()
    if not resolved.is_relative_to(root):
        how = ("goes up out of it with '..'" if ".." in given.parts
               else f"is a link that leads out of it (to {quote(str(resolved))})")
        raise DataError(f"lies outside {root} (the data file's folder, or the folder given with "
                        f"--attachments): the path {how}; copy the file into that folder")
    return resolved


def attachment_problem(path: Path) -> str | None:
    """Why ``path`` cannot be appended as a bilaga, or None: it must be a regular file holding a
    complete PDF whose every page can be read. ``check`` (through ``load``) and the PDF step ask
    the same question, so they agree on every bilaga.

    >>> attachment_problem(Path("/nonexistent/karta.pdf"))
    'does not exist (looked for /nonexistent/karta.pdf)'
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        return f"does not exist (looked for {path})"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(status.st_mode):
        return f"is {file_kind(status.st_mode)}, not a PDF file"
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(max(0, path.stat().st_size - 1024))
            tail = handle.read()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if b"%PDF-" not in head:
        return "is not a PDF file; bilagor are appended as PDF (export it as PDF first)"
    if b"%%EOF" not in tail:
        return ("is cut short: a PDF ends with '%%EOF' and this one does not (it was not copied "
                "or saved completely); export or copy it again")
    return _pdf_problem(path, (status.st_dev, status.st_ino, status.st_size,
                               status.st_mtime_ns, head, tail))


@functools.lru_cache(maxsize=64)
def _pdf_problem(path: Path, version: tuple[object, ...]) -> str | None:
    """Open the PDF with pypdf and read every page's content, as appending it will; once per
    ``version`` of the file (its inode, size, time, first and last kilobyte): ``check``, ``render``
    and the converter ask about the same bilaga, and reading every page is the slow part."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            return ("is password-protected (encrypted); save an unprotected copy and attach "
                    "that")
        if len(reader.pages) == 0:
            return "has no pages"
        for page in reader.pages:
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            OSError) as exc:
        return f"is a damaged PDF that cannot be read ({quote(str(exc))}); export it again"
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
    data: dict[str, Any] = plain(STRUCTURER.unstructure(model))
    return data


EXAMPLES = Path(__file__).resolve().parent / "examples"
if not EXAMPLES.is_dir():  # a source checkout: the wheel puts examples inside the package
    EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
