"""Data paths (``items[3].actions[0].owner``): built by one helper, ``errors.data_path``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import trygga_docs
from trygga_docs.errors import DataError, data_path

PACKAGE = Path(trygga_docs.__file__).parent


@pytest.mark.parametrize("steps, path", [
    (("items", 3, "actions", 0, "owner"), "items[3].actions[0].owner"),
    (("meetings[2]", "items", 0, "title"), "meetings[2].items[0].title"),
    (("", "title"), "title"),
    ((None, "title", None), "title"),
    (("promises", 1, "targets", 0, *()), "promises[1].targets[0]"),
    (("meetings", 1, "[2].x"), "meetings[1][2].x"),
    (("rates", ""), "rates."),  # as f"rates.{key}" wrote an empty key
])
def test_a_path_is_joined_as_the_messages_have_always_shown_it(steps, path):
    assert data_path(*steps) == path


def test_a_located_error_puts_the_prefix_before_its_path():
    assert DataError("x", path="title").located(path_prefix="meetings[1]").path == \
        "meetings[1].title"
    assert DataError("x", path="[0].name").located(path_prefix="guests").path == "guests[0].name"
    assert DataError("x").located(path_prefix="meetings[1]").path == "meetings[1]"


def _hand_joined(tree: ast.AST) -> list[int]:
    """Lines where an f-string that indexes (``…[{i}]…``) is passed as a path or kept as one."""
    def indexes(node: ast.AST) -> bool:
        if not isinstance(node, ast.JoinedStr):
            return False
        parts = node.values
        return any(isinstance(a, ast.Constant) and str(a.value).endswith("[")
                   and isinstance(b, ast.FormattedValue)
                   for a, b in zip(parts, parts[1:]))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("path", "path_prefix"):
            values = [node.value, *([node.value.body, node.value.orelse]
                                    if isinstance(node.value, ast.IfExp) else [])]
            if any(indexes(v) for v in values):
                found.append(node.value.lineno)
        elif isinstance(node, ast.Assign) and indexes(node.value) and any(
                isinstance(t, ast.Name) and t.id in ("path", "where", "prefix", "sub_path")
                for t in node.targets):
            found.append(node.lineno)
    return found


def test_no_data_path_is_joined_by_hand():
    hand = {f"{source.relative_to(PACKAGE)}:{line}"
            for source in sorted(PACKAGE.rglob("*.py"))
            for line in _hand_joined(ast.parse(source.read_text(encoding="utf-8")))}
    assert not hand, f"join these with errors.data_path: {sorted(hand)}"
