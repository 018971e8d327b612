"""Mallsandlåda: the Jinja environment a Word template runs in, closed to everything but data.

A municipality's own template is code it may have downloaded from anywhere, so it gets:

- **plain data only.** Attributes are looked up as keys of mappings (``item.title`` is
  ``item["title"]``), never as Python attributes; the only other objects with visible attributes
  are Jinja's ``loop`` and ``namespace()``. Lists, texts and numbers show no attributes
  (``title.upper`` is refused: use the ``upper`` filter), and pictures are inert markers the Word
  step resolves after rendering.
- **no method calls.** Only macros, ``caller()``, recursive ``loop(…)``, ``loop.cycle``,
  ``loop.changed``, ``range``, ``dict`` and ``namespace`` can be called.
- **bounded work.** ``range`` is capped; loop steps, macro calls, ranges and filter results are
  counted against a budget that grows with the document's data; texts and lists made by
  operators and filters are capped in size; so is the output. Exceeding any of them is a
  ``SecurityError`` that the Word step turns into a ``TemplateError`` naming the template.

>>> env = DocumentSandbox()
>>> env.from_string("{{ item.title|upper }}").render(item={"title": "möte"})
'MÖTE'
>>> env.from_string("{{ title.upper() }}").render(title="möte")
Traceback (most recent call last):
...
jinja2.exceptions.SecurityError: access to attribute 'upper' of a str value is not allowed ...
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

MAX_RANGE = 100_000
"""The longest ``range()`` a template may make."""
BASE_WORK = 1_000_000
"""Loop steps, calls and produced items a template may spend on any document …"""
WORK_PER_VALUE = 50
"""… plus this many per value of the document's context (a big protocol may loop more)."""
BASE_CHARS = 4_000_000
"""The longest text or list an operator or filter may produce, plus twice the context's text."""
BASE_OUTPUT = 256_000_000
"""Characters a template part may write, plus a hundred times the context's text."""
MAX_INT_BITS = 4096
"""The largest integer (in bits) arithmetic in a template may produce."""

SAFE_BUILTIN_FILTERS = frozenset({
    "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
    "float", "forceescape", "groupby", "int", "items", "join", "last", "length", "list", "lower",
    "map", "max", "min", "reject", "rejectattr", "replace", "reverse", "round", "safe", "select",
    "selectattr", "sort", "string", "striptags", "sum", "title", "trim", "truncate", "unique",
    "upper", "wordcount"})
"""Jinja's filters a template keeps: none of them can be told to make a result much larger than
its input (``center``, ``indent``, ``format``, ``batch`` and ``slice`` can, and ``random`` would
make documents differ)."""

_LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last",
                              "length", "depth", "depth0", "previtem", "nextitem", "cycle",
                              "changed"})


# ---- the budget of one render ------------------------------------------------------------------

class Budget:
    """How much work and how large values one render may spend (``charge``, ``check_size``)."""

    def __init__(self, work: int = BASE_WORK, chars: int = BASE_CHARS,
                 output: int = BASE_OUTPUT) -> None:
        self.work_limit, self.chars_limit, self.output_limit = work, chars, output
        self.work = 0

    @classmethod
    def for_context(cls, context: Any) -> Budget:
        """A budget that grows with the document: big data may be looped over more."""
        values, chars = _measure(context)
        return cls(BASE_WORK + WORK_PER_VALUE * values, BASE_CHARS + 2 * chars,
                   BASE_OUTPUT + 100 * chars)

    def charge(self, steps: int = 1) -> None:
        self.work += steps
        if self.work > self.work_limit:
            raise SecurityError(
                f"the template does too much work (more than {self.work_limit:,} loop steps, "
                f"calls and produced items); a template loops over the document's values, it "
                f"does not compute")

    def check_size(self, value: Any, what: str = "a value") -> Any:
        if isinstance(value, (str, list, tuple)) and len(value) > self.chars_limit:
            raise SecurityError(f"the template makes {what} of {len(value):,} characters or "
                                f"items, more than the {self.chars_limit:,} allowed")
        return value


def _measure(value: Any) -> tuple[int, int]:
    """The number of values and of text characters in a context, iteratively."""
    values = chars = 0
    stack = [value]
    while stack:
        current = stack.pop()
        values += 1
        if isinstance(current, str):
            chars += len(current)
        elif isinstance(current, Mapping):
            stack.extend(current.values())
        elif isinstance(current, (list, tuple)):
            stack.extend(current)
    return values, chars


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("template_budget",
                                                                         default=None)


def current_budget() -> Budget:
    """The budget of the render under way; outside ``budget()``, a fresh base budget each time
    (each loop or call is then bounded on its own)."""
    return _CURRENT.get() or Budget()


@contextmanager
def budget(context: Any) -> Iterator[Budget]:
    """Render within a budget sized for ``context``."""
    token = _CURRENT.set(Budget.for_context(context))
    try:
        yield _CURRENT.get()  # type: ignore[misc]
    finally:
        _CURRENT.reset(token)


# ---- the code a template compiles to -----------------------------------------------------------

class _GuardingCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``for`` loop's iterable counted step by step and
    every ``~`` concatenation checked for size."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loop_iterables: set[int] = set()

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        self._loop_iterables.add(id(node.iter))
        try:
            super().visit_For(node, frame)
        finally:
            self._loop_iterables.discard(id(node.iter))

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        if id(node) not in self._loop_iterables:
            return super().visit(node, *args, **kwargs)
        self._loop_iterables.discard(id(node))
        self.write("environment.guard_loop(")
        super().visit(node, *args, **kwargs)
        self.write(")")
        return None

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.guard_size(")
        super().visit_Concat(node, frame)
        self.write(")")


# ---- the environment ---------------------------------------------------------------------------

def _bounded_range(*args: int) -> range:
    """``range`` for templates: at most ``MAX_RANGE`` numbers, counted against the budget."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() of {len(numbers):,} numbers; a template may count to at "
                            f"most {MAX_RANGE:,}")
    current_budget().charge(len(numbers))
    return numbers


def _filter_guard(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its input counted and its result checked for size."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget_ = current_budget()
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, (str, list, tuple)):
                budget_.charge(len(arg) // 64 + 1)
        if name == "join":
            _check_join(args, kwargs, budget_)
        elif name == "replace":
            _check_replace(args, kwargs, budget_)
        result = function(*args, **kwargs)
        return budget_.check_size(result, f"with the filter '{name}' a value")

    return guarded


def _check_join(args: tuple[Any, ...], kwargs: dict[str, Any], budget_: Budget) -> None:
    """Refuse a ``join`` whose result would be too large, before joining."""
    items = [a for a in args if isinstance(a, (list, tuple))]
    if not items:
        return
    parts = items[0]
    separator = str(kwargs.get("d", args[-1] if isinstance(args[-1], str) else ""))
    total = sum(len(p) if isinstance(p, str) else 0 for p in parts)
    total += len(separator) * max(len(parts) - 1, 0)
    if total > budget_.chars_limit:
        raise SecurityError(f"the template joins a text of {total:,} characters, more than the "
                            f"{budget_.chars_limit:,} allowed")


def _check_replace(args: tuple[Any, ...], kwargs: dict[str, Any], budget_: Budget) -> None:
    """Refuse a ``replace`` whose result would be too large, before replacing."""
    text, old, new, *rest = [*args[1:], None, None, None][:4]  # args[0] is the eval context
    old, new = kwargs.get("old", old), kwargs.get("new", new)
    if text is None or old is None or new is None:
        return
    text, old, new = str(text), str(old), str(new)
    times = len(text) + 1 if not old else text.count(old)
    count = kwargs.get("count", rest[0] if rest else None)
    if isinstance(count, int):
        times = min(times, max(count, 0))
    if len(text) + times * max(len(new) - len(old), 0) > budget_.chars_limit:
        raise SecurityError(f"the template's replace would make a text of more than "
                            f"{budget_.chars_limit:,} characters")


def _arithmetic_guard(operator_: str, left: Any, right: Any, budget_: Budget) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be too large, before computing."""
    sequence = (str, list, tuple)
    if operator_ == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, sequence) and isinstance(times, int):
                if len(seq) * max(times, 0) > budget_.chars_limit:
                    raise SecurityError(f"the template repeats a value to {len(seq) * times:,} "
                                        f"characters or items, more than allowed")
        if _ints(left, right) and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
            raise SecurityError("the template multiplies numbers larger than allowed")
    elif operator_ == "**":
        if _ints(left, right) and right > 0 and abs(left).bit_length() * right > MAX_INT_BITS:
            raise SecurityError("the template raises a number to a power larger than allowed")
    elif operator_ == "+":
        if isinstance(left, sequence) and isinstance(right, sequence):
            if len(left) + len(right) > budget_.chars_limit:
                raise SecurityError("the template adds values to a size larger than allowed")
    elif operator_ == "%" and isinstance(left, str):
        raise SecurityError("text formatting with % is not available in templates; the values "
                            "come formatted, or use the filters")


def _ints(left: Any, right: Any) -> bool:
    return (isinstance(left, int) and isinstance(right, int)
            and not isinstance(left, bool) and not isinstance(right, bool))


class DocumentSandbox(SandboxedEnvironment):
    """A sandboxed environment in which a template sees plain data only, can call nothing but
    its own macros and a few of Jinja's helpers, and has bounded work (see the module's text).
    """

    code_generator_class = _GuardingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals = {"range": _bounded_range, "dict": dict, "namespace": Namespace}
        self.filters = {name: _filter_guard(name, function)
                        for name, function in self.filters.items()
                        if name in SAFE_BUILTIN_FILTERS}

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        """Add filters (``text.FILTERS``), guarded like the built-in ones."""
        self.filters.update({name: _filter_guard(name, f) for name, f in filters.items()})

    # -- what a template can see

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRIBUTES
        return isinstance(obj, Namespace)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, jinja2.Undefined):
            return getattr(obj, attribute)  # raises the usual "… is undefined"
        if isinstance(obj, Mapping):
            if attribute in obj:
                return obj[attribute]
            return self.undefined(obj=obj, name=attribute)
        if isinstance(obj, LoopContext) and attribute in _LOOP_ATTRIBUTES:
            return getattr(obj, attribute)
        if isinstance(obj, Namespace) and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                return self.undefined(obj=obj, name=attribute)
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__} value "
                            f"is not allowed in a template; templates see the document's values "
                            f"and their keys only")

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, jinja2.Undefined):
            return obj[argument]
        if isinstance(obj, (Mapping, list, tuple, str)):
            try:
                return obj[argument]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=argument)
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        raise SecurityError(f"a {type(obj).__name__} value cannot be indexed in a template")

    # -- what a template can call

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, (Macro, LoopContext)):
            return True
        if any(obj is allowed for allowed in (_bounded_range, dict, Namespace)):
            return True
        owner = getattr(obj, "__self__", None)
        return isinstance(owner, LoopContext) and getattr(obj, "__name__", "") in ("cycle",
                                                                                 "changed")

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805
             *args: Any, **kwargs: Any) -> Any:
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"a template cannot call {_describe(__obj)}; it can call its own "
                                f"macros, range(), dict() and namespace(), and use filters")
        budget_ = current_budget()
        budget_.charge()
        for arg in (*args, *kwargs.values()):
            budget_.check_size(arg, "an argument")
        if isinstance(__obj, LoopContext) and args:
            args = (__self.guard_loop(args[0]), *args[1:])
        return __context.call(__obj, *args, **kwargs)

    def call_binop(self, context: jinja2.runtime.Context, operator_: str, left: Any,
                   right: Any) -> Any:
        _arithmetic_guard(operator_, left, right, current_budget())
        return super().call_binop(context, operator_, left, right)

    # -- hooks of the generated code

    def guard_loop(self, iterable: Any) -> Iterator[Any]:
        """The items of a ``for`` loop, each step charged to the budget."""
        if isinstance(iterable, jinja2.Undefined):
            return iterable  # Jinja reports it as usual
        return _counted(iterable, current_budget())

    def guard_size(self, value: Any) -> Any:
        """A concatenation's result, refused when too large."""
        return current_budget().check_size(value, "a joined text")


def _counted(iterable: Iterable[Any], budget_: Budget) -> Iterator[Any]:
    for item in iterable:
        budget_.charge()
        yield item


def _describe(obj: Any) -> str:
    name = getattr(obj, "__name__", None)
    return f"{name}()" if name else f"a {type(obj).__name__} value"


def render_bounded(template: jinja2.Template, context: Any) -> str:
    """``template.render(context)``, stopped when its output grows past the budget."""
    budget_ = current_budget()
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > budget_.output_limit:
            raise SecurityError(f"the template writes more than {budget_.output_limit:,} "
                                f"characters")
        pieces.append(piece)
    return "".join(pieces)


__all__ = ["MAX_RANGE", "Budget", "DocumentSandbox", "budget", "current_budget", "render_bounded"]
