"""The package's layers look only down (docs/architecture.md): a module imports from its own layer
or the layers below it, never from above, and no two modules import each other in a cycle.

Imports inside functions count too: moving an import into a function hides a cycle from Python,
not from this test.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import trygga_docs

PACKAGE = Path(trygga_docs.__file__).parent

LAYERS: list[tuple[str, ...]] = [
    ("errors",),
    ("text", "files", "structuring"),
    ("style",),
    ("model",),
    ("context",),
    ("loader",),
    ("meeting_files",),
    ("word", "pdf"),
    ("to_pdf",),
    ("api",),
    ("batch", "new", "plan_report", "schema"),
    ("cli",),
    ("__main__", "__init__"),
]
"""Lowest first. Modules in one entry may not import each other's packages either (Word and PDF
are separate subsystems), except ``batch``, ``new`` and ``schema``, which are leaves."""


def _top(module: str) -> str:
    """``trygga_docs.word.docx`` -> ``word``; the package itself -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_of(module: str) -> int:
    top = _top(module)
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"{module} is in no layer; add it to LAYERS in {__file__}")


def modules() -> dict[str, Path]:
    found = {"trygga_docs": PACKAGE / "__init__.py"}
    for info in pkgutil.walk_packages([str(PACKAGE)], "trygga_docs."):
        spec = importlib.util.find_spec(info.name)
        assert spec and spec.origin
        found[info.name] = Path(spec.origin)
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The trygga_docs modules ``path`` imports, at the top or inside functions."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("trygga_docs")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("trygga_docs"):
                continue
            for alias in node.names:  # "from trygga_docs.word import docx" imports a module
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in MODULES else target)
    return {m for m in out if m != name}


MODULES = modules()
GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def _same_package(a: str, b: str) -> bool:
    return _top(a) == _top(b)


def climbing_imports(name: str, graph: dict[str, set[str]]) -> list[str]:
    """The modules ``name`` imports that are not in its own package or a layer below."""
    if name == "trygga_docs":
        return []  # the package re-exports the public API from every layer
    mine = layer_of(name)
    return [m for m in sorted(graph[name])
            if m != "trygga_docs" and (layer_of(m) > mine or
                                        (layer_of(m) == mine and not _same_package(name, m)
                                         and _top(name) not in ("batch", "new", "schema")))]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_imports_only_from_its_layer_or_below(name):
    climbing = climbing_imports(name, GRAPH)
    assert not climbing, f"{name} imports {climbing}, which are not below it"


def test_no_module_imports_reach_back_to_themselves():
    seen: dict[str, int] = {}  # 1: on the path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for child in sorted(GRAPH.get(node, ())):
            if child == "trygga_docs":
                continue
            if seen.get(child) == 1:
                cycles.append(path[path.index(child):] + [child])
            elif child not in seen:
                visit(child, path + [child])
        seen[node] = 2

    for name in sorted(GRAPH):
        if name not in seen:
            visit(name, [name])
    assert not cycles, f"import cycles: {cycles[:3]}"


def test_the_layer_check_sees_a_climbing_import():
    """Planted imports (the PDF step into the model, Word into PDF) are found: the check can fail."""
    planted = dict(GRAPH)
    planted["trygga_docs.model.agreement"] = GRAPH["trygga_docs.model.agreement"] | {
        "trygga_docs.pdf.convert"}
    planted["trygga_docs.pdf.verify"] = GRAPH["trygga_docs.pdf.verify"] | {"trygga_docs.word.docx"}
    assert climbing_imports("trygga_docs.model.agreement", planted) == ["trygga_docs.pdf.convert"]
    assert climbing_imports("trygga_docs.pdf.verify", planted) == ["trygga_docs.word.docx"]


def test_every_module_is_reachable_by_its_dotted_name():
    """No public name hides a module: ``import trygga_docs.pdf.convert as x`` works for all."""
    for name in MODULES:
        if name == "trygga_docs.__main__":
            continue  # importing it runs the command
        module = importlib.import_module(name)
        assert module.__name__ == name
        parent, _, child = name.rpartition(".")
        if parent:
            attribute = getattr(importlib.import_module(parent), child, module)
            assert attribute is module, f"{parent}.{child} is {attribute!r}, not the module"
