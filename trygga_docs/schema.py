"""JSON Schema of each data format, from the model classes, for editors that check and complete YAML.

>>> schema = json_schema("agreement")
>>> schema["properties"]["type"]["const"], "period" in schema["required"]
('agreement', True)
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import types
import typing
from typing import Any

import attrs

from trygga_docs.context.registry import DATA_FILE_TYPES, DOCUMENT_TYPES
from trygga_docs.model.markup import MARKUP, SUBSET_HELP


def _docs(cls: type) -> dict[str, str]:
    """Attribute docstrings (the string literal under a field) and their field names."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    last = None
    for line in source.splitlines():
        stripped = line.strip()
        if last and stripped.startswith('"""') and stripped.endswith('"""') and len(stripped) > 6:
            docs[last] = stripped.strip('"').strip()
            last = None
            continue
        head = stripped.split(":", 1)[0]
        last = head if ":" in stripped and head.isidentifier() and not stripped.startswith(
            ("def ", "class ", "return", "raise", "if ", "for ")) else None
    return docs


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_schema(a, defs) for a in typing.get_args(tp) if a is not type(None)]
        if type(None) in typing.get_args(tp):
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _schema(typing.get_args(tp)[0], defs)}
    if tp is str:
        return {"type": "string", "minLength": 1}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if tp is dt.time:
        return {"type": "string", "pattern": r"^([01]?\d|2[0-3])[.:][0-5]\d$",
                "description": "A time of day, 09.00 or 09:00"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {}


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    docs: dict[str, str] = {}
    for base in reversed(cls.__mro__):  # a subclass's field docs win over its base's
        if attrs.has(base):  # fields taken from another class have their docstrings there
            docs.update(_docs(getattr(base, "fields_from", base)) | _docs(base))
    properties, required = {}, []
    for a in attrs.fields(cls):
        if not a.init:  # derived (a meeting's ``public``): never in a data file
            continue
        prop = _schema(hints[a.name], defs)
        if a.name in docs:
            prop = {**prop, "description": docs[a.name]}
        if a.metadata.get(MARKUP):
            prop = {**prop, "description": f"{prop.get('description', '')} {SUBSET_HELP}".strip()}
        properties[a.name] = prop
        if a.default is attrs.NOTHING:
            required.append(a.name)
    out: dict[str, Any] = {"type": "object", "properties": properties,
                           "additionalProperties": False}
    if cls.__doc__:
        out["description"] = inspect.cleandoc(cls.__doc__).split("\n\n")[0]
    if required:
        out["required"] = required
    return out


def json_schema(document_type: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file of ``document_type``."""
    cls = DOCUMENT_TYPES[document_type]
    defs: dict[str, Any] = {}
    root = _object(cls, defs)
    for key, kind in DATA_FILE_TYPES[document_type].references.items():  # or the file's name
        root["properties"][key] = {"anyOf": [
            {"type": "string", "minLength": 1,
             "description": f"The '{kind}' data file, relative to this file."},
            root["properties"][key]]}
    root["properties"] = {"type": {"const": document_type}, **root["properties"]}
    root["required"] = ["type", *root.get("required", [])]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://trygga-docs.example/schema/{document_type}.json",
            "title": f"trygga_docs {document_type}", **root, "$defs": defs}
