"""What a template may use, read from the typed context classes: the names (with their nesting,
``bodies[].facts[].label``), what each holds, and its field docstring as help for template authors.

The template check (``word.templatecheck``) compares a template with ``vocabulary(cls)``; the
reference page ``docs/templates.md`` lists ``entries(cls)``. Neither needs an example file.

>>> from trygga_docs.context.common import Labelled
>>> vocabulary(Labelled)
{'label': 'leaf', 'value': 'leaf'}
>>> [(e.name, e.kind) for e in entries(Labelled)]
[('label', 'text'), ('value', 'text')]
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import types
import typing
from functools import lru_cache
from typing import Any

import attrs
from attrs import frozen

from trygga_docs.context.common import Block, Inline, Picture

ANY = "any"
"""A value whose shape cannot be told: anything goes under it."""
LEAF = "leaf"
"""Text, a number, a picture: shown as it is, with no names under it."""
ITEM = "[]"
"""The path segment of a list's items: ``bodies[].name``."""


def _is_context_class(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and not issubclass(tp, (Inline, Picture, Block))


@lru_cache(maxsize=None)
def field_docs(cls: type) -> dict[str, str]:
    """The attribute docstrings of an attrs class (the string under a field), its bases' too.

    >>> field_docs(Picture)["title"]
    "A short name for the image (Word's *Rubrik*); default: none."
    """
    docs: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if not attrs.has(base):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(base)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, following in zip(body, body[1:]):
            if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)):
                docs[node.target.id] = " ".join(inspect.cleandoc(following.value.value).split())
    return docs


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _options(tp: Any) -> tuple[list[Any], bool]:
    """The types of a union without ``None``, and whether ``None`` is one of them."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        return [a for a in args if a is not type(None)], type(None) in args
    return [tp], False


def _item_type(tp: Any) -> Any | None:
    """The item type of ``list[X]`` or ``tuple[X, ...]``; ``None`` for anything else."""
    if typing.get_origin(tp) in (list, tuple) and typing.get_args(tp):
        return typing.get_args(tp)[0]
    return None


def shape_of(tp: Any) -> Any:
    """The shape of a value of type ``tp``: a dict of shapes, ``[item shape]``, ``LEAF`` or ``ANY``.

    >>> shape_of(list[str]), shape_of(Picture | str), shape_of(Any)
    (['leaf'], 'leaf', 'any')
    """
    options, _ = _options(tp)
    if len(options) != 1:
        shapes = [shape_of(o) for o in options]
        return LEAF if all(s == LEAF for s in shapes) else ANY
    tp = options[0]
    item = _item_type(tp)
    if item is not None:
        return [shape_of(item)]
    if _is_context_class(tp):
        return vocabulary(tp)
    if tp in (str, int, float, bool, Inline, Picture, Block):
        return LEAF
    return ANY


def vocabulary(cls: type) -> dict[str, Any]:
    """The names a template may use of a context class, with their shapes."""
    hints = _hints(cls)
    return {a.name: shape_of(hints[a.name]) for a in attrs.fields(cls)}


def describe(tp: Any) -> str:
    """What a value of type ``tp`` is, in a few words for template authors.

    >>> describe(list[Inline]), describe(Picture | None)
    ('list of text with superscript markers', 'picture, or none')
    """
    options, optional = _options(tp)
    words = []
    for option in options:
        item = _item_type(option)
        if item is not None:
            words.append(f"list of {describe(item)}")
        elif _is_context_class(option):
            words.append(option.__name__)
        else:
            words.append({str: "text", int: "number", float: "number", bool: "yes/no",
                          Inline: "text with superscript markers",
                          Picture: "picture"}.get(option, "value"))
    if options == [Picture, str] or options == [str, Picture]:
        words = ["picture, or empty text"]
    if Block in options:  # a paragraph of running text, plain or structured
        words = ["text paragraph" + (" with superscript markers" if Inline in options else "")
                 + " (plain or with sub-headings, lists, bold, italic, links)"]
    return ", or ".join(words) + (", or none" if optional else "")


@frozen
class Entry:
    """One name a template may use: ``bodies[].facts[].label``, what it holds, and help."""

    name: str
    kind: str
    help: str
    depth: int


def entries(cls: type, prefix: str = "", depth: int = 0) -> list[Entry]:
    """Every name a template may use of a context class, depth first, nested classes inside
    their field (``areas[]`` then ``areas[].title`` …)."""
    hints = _hints(cls)
    docs = field_docs(cls)
    out: list[Entry] = []
    for a in attrs.fields(cls):
        tp = hints[a.name]
        name = f"{prefix}{a.name}"
        out.append(Entry(name, describe(tp), docs.get(a.name, ""), depth))
        options, _ = _options(tp)
        inner, suffix = options[0], ""
        while _item_type(inner) is not None:
            inner, suffix = _item_type(inner), suffix + ITEM
        if len(options) == 1 and _is_context_class(inner):
            out += entries(inner, f"{name}{suffix}.", depth + 1)
    return out


__all__ = ["ANY", "ITEM", "LEAF", "Entry", "describe", "entries", "field_docs", "shape_of",
           "vocabulary"]
