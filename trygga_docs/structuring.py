"""Plain data to typed attrs classes: one strict structurer, ``STRUCTURER`` (a ``cattrs.Converter``:
no text for a number, no number for a text, no unknown keys, dates and times as written in Swedish
documents) and its errors turned into one ``DataError`` with the file, the path in the data and
the line. Data files (``loader``) and ``style.toml`` (``style``) are structured with it. (In this
package a "converter" is only the LibreOffice ``pdf.Converter``.)
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import attrs
import cattrs
from cattrs.errors import (AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError,
                           IterableValidationError, IterableValidationNote)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from trygga_docs.errors import DataError, data_path, quote

T = TypeVar("T")

WHEN_GIVEN = "when_given"
"""Field metadata key: the message for a key given in a data file without a text in it
(``secrecy:`` left empty), which would otherwise read as left out (``model.secrecy`` uses it)."""


def line_of(path: str, lines: Mapping[str, int] | None) -> int | None:
    """The line of the deepest part of ``path`` that the line map has."""
    if not lines:
        return None
    probe = path
    while probe and probe not in lines:
        shorter = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", probe)
        probe = shorter if shorter != probe else ""
    return lines.get(probe)


# ---------------------------------------------------------------------------------------------
# Structuring: plain data -> model classes


def _strict(kind: type | tuple[type, ...], what: str) -> Callable[[object, type], Any]:
    def hook(value: object, _: type) -> Any:
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            raise DataError(f"expected {what}, got {describe(value)}")
        return value
    return hook


def describe(value: object) -> str:
    if isinstance(value, Mapping):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {quote(value)}" if not isinstance(value, str) else quote(value)


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
    raise DataError(f"expected a date written YYYY-MM-DD, got {describe(value)}")


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
    raise DataError(f"expected a time such as 09.00 or 09:00, got {describe(value)}")


def _enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    for member in cls:
        if isinstance(value, str) and value.strip().casefold() in (
                str(member.value).casefold(), member.name.casefold()):
            return member
    choices = ", ".join(str(m.value) for m in cls)
    raise DataError(f"{describe(value)} is not allowed here; expected one of: {choices}")


def _origin(tp: object) -> object:
    """``tuple`` for ``tuple[int, ...]``, ``dict`` for ``dict[str, float]``; else None."""
    return typing.get_origin(tp)


def _make_structurer() -> cattrs.Converter:
    structurer = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    structurer.register_structure_hook(str, _strict(str, "a text in quotes"))
    structurer.register_structure_hook(
        Path, lambda v, _: Path(_strict(str, "a file name in quotes")(v, _)))
    structurer.register_structure_hook(int, _strict(int, "a whole number"))
    structurer.register_structure_hook(bool, _strict(bool, "true or false"))
    structurer.register_structure_hook(
        float, lambda v, _: float(_strict((int, float), "a number")(v, _)))
    structurer.register_structure_hook(dt.date, _date)
    structurer.register_structure_hook(dt.time, _time)
    structurer.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum)

    def sequence_factory(tp: Any) -> Any:
        inner = structurer.get_structure_hook(typing.get_args(tp)[0])

        def hook(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise DataError(f"expected a list, got {describe(value)}")
            out, errors = [], []
            for i, item in enumerate(value):
                try:
                    out.append(inner(item, typing.get_args(tp)[0]))
                except Exception as exc:  # noqa: BLE001 - collected with its index
                    exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(
                        f"Structuring {tp} @ index {i}", i, typing.get_args(tp)[0])]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("while structuring a list", errors, tp)
            return tuple(out)
        return hook

    structurer.register_structure_hook_factory(
        lambda t: _origin(t) is tuple and len(typing.get_args(t)) == 2
        and typing.get_args(t)[1] is Ellipsis, sequence_factory)

    def attrs_factory(cls: type) -> Any:
        inner: Callable[[Mapping[str, Any], type], Any] = make_dict_structure_fn(
            cls, structurer, _cattrs_forbid_extra_keys=True)
        # a key that may be left out but, when given, must hold a text (``secrecy:`` left
        # empty would otherwise read as "not secret"): its message is in the field's metadata
        when_given = {a.name: a.metadata[WHEN_GIVEN] for a in attrs.fields(cls)
                      if WHEN_GIVEN in a.metadata}

        def hook(value: object, _: type) -> Any:
            if not isinstance(value, Mapping):
                raise DataError(f"expected a mapping (key: value) for {cls.__name__}, "
                                f"got {describe(value)}")
            for name, message in when_given.items():
                given = value.get(name, "")
                if name in value and (not isinstance(given, str) or not given.strip()):
                    raise DataError(f"{message} (got {describe(given)})", path=name)
            return inner(value, cls)
        return hook

    structurer.register_structure_hook_factory(attrs.has, attrs_factory)

    def unstructure_factory(cls: type) -> Any:  # never ``secrecy: null``, which is refused
        overrides: dict[str, Any] = {a.name: override(omit_if_default=True)
                                     for a in attrs.fields(cls) if WHEN_GIVEN in a.metadata}
        return make_dict_unstructure_fn(cls, structurer, **overrides)

    structurer.register_unstructure_hook_factory(
        lambda t: attrs.has(t) and any(WHEN_GIVEN in a.metadata for a in attrs.fields(t)),
        unstructure_factory)

    def text_or_class_factory(tp: Any) -> Any:  # ``str | SecretText``: a text, or a mapping
        cls = next(a for a in typing.get_args(tp) if a is not str)
        as_text = structurer.get_structure_hook(str)
        as_class = structurer.get_structure_hook(cls)

        def hook(value: object, _: type) -> Any:
            if isinstance(value, Mapping):
                return as_class(value, cls)
            return as_text(value, str)
        return hook

    structurer.register_structure_hook_factory(
        lambda t: _origin(t) in (typing.Union, types.UnionType)
        and len(typing.get_args(t)) == 2 and str in typing.get_args(t)
        and any(attrs.has(a) for a in typing.get_args(t)), text_or_class_factory)

    def mapping_factory(tp: Any) -> Any:  # dict[str, float]: a list or text gets a plain message
        inner = structurer.gen_structure_mapping(tp)

        def hook(value: object, _: type) -> Any:
            if not isinstance(value, Mapping):
                raise DataError(f"expected a mapping (key: value), got {describe(value)}")
            return inner(value, tp)
        return hook

    structurer.register_structure_hook_factory(lambda t: _origin(t) is dict, mapping_factory)
    return structurer


STRUCTURER = _make_structurer()


def _field_names(cls: type) -> list[str]:
    return [a.name for a in attrs.fields(cls)] if attrs.has(cls) else []


def _problems(exc: BaseException, path: str) -> list[tuple[str, BaseException]]:
    """Flatten cattrs' exception groups into (path, leaf exception) pairs, the path built from
    cattrs' structured notes (the attribute's name, the list index)."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found = []
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, AttributeValidationNote):
                    sub_path = data_path(path, note.name)
                elif isinstance(note, IterableValidationNote):  # a list's index, a mapping's key
                    sub_path = (data_path(path, note.index) if isinstance(note.index, int)
                                else f"{path}.{note.index}")
            found.extend(_problems(sub, sub_path))
        return found
    return [(path, exc)]


def _kind(cls: type) -> str:
    """``an Agreement``: the class a key was written in, for a message."""
    name = getattr(cls, "__name__", "this part")
    return f"{'an' if name[:1] in 'AEIOU' else 'a'} {name}"


def _message(path: str, exc: BaseException) -> tuple[str, str]:
    """A reader's message and the final path for one leaf problem."""
    if isinstance(exc, DataError):
        sub = exc.path or ""
        full = data_path(path, sub or None)
        return exc.message, full
    if isinstance(exc, ForbiddenExtraKeysError):
        names = _field_names(exc.cl)
        extra = sorted(exc.extra_fields)[0]
        full = data_path(path, extra)
        renamed: Mapping[str, str] = getattr(exc.cl, "renamed_keys", {})
        if extra in renamed:
            return (f"'{extra}' is now called '{renamed[extra]}'; rename the key (what it holds "
                    f"stays the same)", full)
        if extra == "toc":  # a meeting's switch, written where there is nothing to switch
            return (f"'toc' asks for a table of contents, which only a meeting's minutes and "
                    f"protocol take (type: meeting, at the top of the file or in one meeting); "
                    f"{_kind(exc.cl)} has no table of contents to switch on or off here", full)
        close = difflib.get_close_matches(extra, names, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(names)}"
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

    >>> from trygga_docs.model.common import Period
    >>> structure({"start": "2020-01-01", "end": "2019-12-31"}, Period, file="x.yaml")
    Traceback (most recent call last):
    ...
    trygga_docs.errors.DataError: x.yaml, at end: the period ends (2019-12-31) before or on the day it starts (2020-01-01); the end date must come after the start
    """
    try:
        return STRUCTURER.structure(data, cls)
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
    return raise_at(message, path, file, lines)


def raise_at(message: str, path: str, file: str | None, lines: Mapping[str, int] | None
             ) -> NoReturn:
    raise DataError(message, file=file, path=path or None, line=line_of(path, lines)) from None
