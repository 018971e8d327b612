"""Mallkontroll: does a Word template ask only for what its document type provides?

A municipality that brings its own ``minutes.docx`` wants to know before the first meeting whether
``{{ meeting.dat }}`` is a typo. ``check_template`` reads the template the way docxtpl will (body,
headers, footers), parses its Jinja, and compares the names it uses with what the document type
provides:

- **unknown**: a variable, attribute or filter the template uses and the type does not provide,
  with the closest provided name as a suggestion. Rendering would fail on it.
- **ignored**: values the type provides and the template never shows. Not an error: a template may
  leave things out on purpose, but it is worth a look.

What a type provides is read from its typed context class (its record's ``context``, see
``trygga_docs.context.vocabulary``): the fields, with their nesting (``bodies[].facts[].label``),
are the type's vocabulary, so a type is checked without any example file; every template also gets
``house`` (the house style: ``house.logo``, ``house.header_text`` …). ``data=`` (``--data`` on
the command line) also runs those data files through the context step and admits what they hold.

A Jinja syntax error is reported as one ``TemplateError`` naming the file, the part (body, header,
footer) and the paragraph it is in.

>>> report = check_template(BUNDLED_TEMPLATES / "default" / "agreement.docx", "agreement")
>>> report.unknown
[]
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from attrs import field, frozen
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import DocxTemplate
from jinja2 import nodes

from trygga_docs.context import prepare
from trygga_docs.context.common import House
from trygga_docs.context.registry import DOCUMENTS, type_of
from trygga_docs.context.vocabulary import ANY, ITEM as _ITEM, LEAF, vocabulary
from trygga_docs.errors import TemplateError
from trygga_docs.loader import EXAMPLES, load
from trygga_docs.word.template import jinja_env, load_template
from trygga_docs.style import BUNDLED_TEMPLATES, HouseStyle  # noqa: F401 - BUNDLED_TEMPLATES for the doctests

_JINJA_GLOBALS = {"range", "loop", "lipsum", "dict", "cycler", "joiner", "namespace", "true",
                  "false", "none", "True", "False", "None"}
_DATA_SUFFIXES = (".yaml", ".yml", ".toml", ".json")


# ---- what a document type provides -------------------------------------------------------------

def shape(value: Any) -> Any:
    """The shape of a context value: a dict of shapes, ``[item shape]``, ``LEAF`` or ``ANY``.

    >>> shape({"a": [{"b": "x"}], "c": None})
    {'a': [{'b': 'leaf'}], 'c': 'any'}
    """
    if value is None:
        return ANY
    if isinstance(value, dict):
        return {str(k): shape(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        item: Any = ANY
        for element in value:
            item = merge(item, shape(element))
        return [item]
    return LEAF


def merge(a: Any, b: Any) -> Any:
    """The shape that admits both ``a`` and ``b`` (from two examples, or two list items)."""
    if a == ANY:
        return b
    if b == ANY:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: merge(a.get(k, ANY), b.get(k, ANY)) if k in a and k in b else a.get(k, b.get(k))
                for k in {**a, **b}}
    if isinstance(a, list) and isinstance(b, list):
        return [merge(a[0], b[0])]
    if a == b:
        return a
    return ANY


def example_files() -> list[Path]:
    """The bundled example data files."""
    return sorted(p for p in EXAMPLES.rglob("*") if p.suffix.lower() in _DATA_SUFFIXES)


def provided(document: str, *, data: Iterable[str | Path] | None = None,
             style: HouseStyle | None = None) -> Any:
    """The shape of everything a document type's template gets: its context class's fields,
    plus ``house``; with ``data``, also what those files hold for it (run through the context
    step).

    Raises ``TemplateError`` for an unknown document, or when no given data file yields it.
    """
    record = DOCUMENTS.get(document)
    if record is None:
        raise TemplateError(f"there is no '{document}' document; choose one of: "
                            f"{', '.join(known_documents())}")
    found: Any = vocabulary(record.context)
    if data is not None:
        style = style or HouseStyle()
        seen = False
        for path in (Path(p) for p in data):
            model = load(path)
            kind = type_of(model)
            for doc in kind.documents_of(model, document) if kind is not None else []:
                found = merge(found, shape(prepare(doc, style).context))
                seen = True
        if not seen:
            raise TemplateError(f"no given data file is a '{document}' document; give a data "
                                f"file of that type with --data, or leave --data out")
    found.setdefault("house", vocabulary(House))
    return found


@lru_cache(maxsize=32)
def _type_vocabulary(document: str) -> Any:
    """``provided(document)``, read once per process."""
    return provided(document)


def document_vocabulary(document: str, style: HouseStyle, context: dict[str, Any]) -> Any:
    """What a template of ``document`` may use when it renders ``context``: what the type
    provides, and what this document's own context holds.

    >>> vocabulary = document_vocabulary("report", HouseStyle(), {"extra": ["x"]})
    >>> vocabulary["extra"], "house" in vocabulary
    (['leaf'], True)
    """
    try:
        declared = _type_vocabulary(document)
    except TemplateError:  # not a registered document: the context alone tells
        declared = ANY
    found = merge(declared, shape(context))
    return found if isinstance(found, dict) else {}


def known_documents(style: HouseStyle | None = None) -> list[str]:
    """The document (template) names of every registered document type."""
    return sorted(DOCUMENTS)


# ---- what a template uses -----------------------------------------------------------------------

@frozen
class Part:
    """One part of a template that docxtpl renders: the body, a header or a footer, as the Jinja
    source docxtpl makes of it, one paragraph per line."""

    name: str
    source: str

    def paragraph(self, lineno: int) -> str:
        """The visible text of the paragraph on ``lineno`` (1-based), shortened."""
        lines = self.source.split("\n")
        if not 0 < lineno <= len(lines):
            return ""
        text = re.sub(r"<[^>]+>", "", lines[lineno - 1])
        text = re.sub(r"\s+", " ", text).strip()
        return text if len(text) <= 90 else text[:87] + "…"


def template_parts(path: str | Path) -> list[Part]:
    """The body, headers and footers of a Word template as Jinja source."""
    path = Path(path)
    template: DocxTemplate = load_template(path)
    template.init_docx()

    def jinja_source(xml: str) -> str:
        # a line per paragraph and table row, so an error's line number finds its paragraph
        return re.sub(r"(</w:p>|</w:tr>)", r"\1\n", template.patch_xml(xml))

    parts = [Part("body", jinja_source(template.get_xml()))]
    for kind, uri in (("header", RT.HEADER), ("footer", RT.FOOTER)):
        for number, (_, part) in enumerate(template.get_headers_footers(uri), start=1):
            parts.append(Part(f"{kind} {number}", jinja_source(template.get_part_xml(part))))
    return parts


@frozen
class Use:
    """A name the template uses: ``path`` like ``("bodies", "[]", "facts")``, and where."""

    path: tuple[str, ...]
    part: str
    paragraph: str


@frozen
class Finding:
    """Something to fix in a template (``kind`` is ``variable`` or ``filter``)."""

    kind: str
    name: str
    part: str
    paragraph: str
    suggestion: str | None = None

    def __str__(self) -> str:
        text = f"unknown {self.kind} '{self.name}' in the {self.part}"
        if self.paragraph:
            text += f", paragraph “{self.paragraph}”"
        if self.suggestion:
            text += f"; did you mean '{self.suggestion}'?"
        return text


def _syntax_error(path: Path, part: Part, exc: jinja2.TemplateSyntaxError) -> TemplateError:
    where = f"the {part.name}"
    paragraph = part.paragraph(exc.lineno or 0)
    if paragraph:
        where += f", paragraph “{paragraph}”"
    return TemplateError(f"{path}: template syntax error in {where}: {exc.message}")


def parse_parts(path: str | Path, env: jinja2.Environment | None = None
                ) -> list[tuple[Part, nodes.Template]]:
    """Each part of the template with its Jinja syntax tree; a syntax error raises one
    ``TemplateError`` naming the file, the part and the paragraph."""
    path = Path(path)
    env = env or jinja_env()
    parsed = []
    for part in template_parts(path):
        try:
            parsed.append((part, env.parse(part.source)))
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(path, part, exc) from None
    return parsed


def check_syntax(path: str | Path) -> None:
    """Raise ``TemplateError`` if the template has a Jinja syntax error; nothing is rendered."""
    parse_parts(path)


class _Walker:
    """Collects the names a template uses, resolving loop and ``set`` variables to the value
    they stand for (``for f in body.facts`` inside ``for body in bodies``: ``f`` is
    ``bodies[].facts[]``)."""

    def __init__(self, part: Part) -> None:
        self.part = part
        self.uses: list[Use] = []
        self.filters: list[tuple[str, int]] = []

    def use(self, path: tuple[str, ...] | None, lineno: int) -> None:
        if path:
            self.uses.append(Use(path, self.part.name, self.part.paragraph(lineno)))

    def expr(self, node: nodes.Node, scope: dict[str, tuple[str, ...] | None]
             ) -> tuple[str, ...] | None:
        """The path an expression stands for (``None``: not a context value), recording uses."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in _JINJA_GLOBALS:
                return None
            return (node.name,)
        if isinstance(node, nodes.Getattr):
            base = self.expr(node.node, scope)
            return base + (node.attr,) if base is not None else None
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            arg = node.arg
            self.walk_expr_uses(arg, scope)
            if base is None:
                return None
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                return base + (arg.value,)
            if isinstance(arg, nodes.Slice):
                return base
            return base + (_ITEM,)
        if isinstance(node, nodes.Filter):
            self.filters.append((node.name, node.lineno))
            if node.node is not None:
                self.use(self.expr(node.node, scope), node.lineno)
            for child in [*node.args, *(k.value for k in node.kwargs)]:
                self.walk_expr_uses(child, scope)
            return None
        self.walk_expr_uses(node, scope, top=False)
        return None

    def walk_expr_uses(self, node: nodes.Node, scope: dict[str, tuple[str, ...] | None],
                       top: bool = True) -> None:
        if top:
            self.use(self.expr(node, scope), node.lineno)
            return
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.use(self.expr(child, scope), child.lineno)

    def stmts(self, body: Iterable[nodes.Node], scope: dict[str, tuple[str, ...] | None]) -> None:
        for node in body:
            self.stmt(node, scope)

    def stmt(self, node: nodes.Node, scope: dict[str, tuple[str, ...] | None]) -> None:
        if isinstance(node, nodes.For):
            source = self.expr(node.iter, scope)
            self.use(source, node.lineno)
            inner = dict(scope)
            for name in _target_names(node.target):
                inner[name] = None
            if isinstance(node.target, nodes.Name) and source is not None:
                inner[node.target.name] = source + (_ITEM,)
            inner["loop"] = None
            if node.test is not None:
                self.walk_expr_uses(node.test, inner)
            self.stmts(node.body, inner)
            self.stmts(node.else_, scope)
        elif isinstance(node, nodes.If):
            self.walk_expr_uses(node.test, scope)
            self.stmts(node.body, scope)
            for elif_ in node.elif_:
                self.stmt(elif_, scope)
            self.stmts(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            value = self.expr(node.node, scope)
            self.use(value, node.lineno)
            for name in _target_names(node.target):
                scope[name] = value if isinstance(node.target, nodes.Name) else None
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope)
            for arg in getattr(node, "args", []):
                inner[arg.name] = None
            inner.update({"caller": None, "varargs": None, "kwargs": None})
            self.stmts(node.body, inner)
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.walk_expr_uses(child, scope)
        elif isinstance(node, nodes.Stmt):
            for sub in node.iter_child_nodes():
                if isinstance(sub, nodes.Stmt):
                    self.stmt(sub, scope)
                elif isinstance(child, nodes.Expr):
                    self.walk_expr_uses(child, scope)
        elif isinstance(node, nodes.Expr):
            self.walk_expr_uses(node, scope)


def _target_names(target: nodes.Node) -> Iterator[str]:
    for name in target.find_all(nodes.Name):
        yield name.name
    if isinstance(target, nodes.Name):
        yield target.name


def template_uses(path: str | Path) -> tuple[list[Use], list[tuple[str, str, str]]]:
    """The names (as paths) and filters (name, part, paragraph) a template uses; read once per
    change of the file."""
    path = Path(path)
    uses, filters = _template_uses(path, path.stat().st_mtime_ns)
    return list(uses), list(filters)


@lru_cache(maxsize=64)
def _template_uses(path: Path, mtime_ns: int
                   ) -> tuple[tuple[Use, ...], tuple[tuple[str, str, str], ...]]:
    uses: list[Use] = []
    filters: list[tuple[str, str, str]] = []
    for part, tree in parse_parts(path):
        walker = _Walker(part)
        walker.stmts(tree.body, {})
        uses += walker.uses
        filters += [(name, part.name, part.paragraph(line)) for name, line in walker.filters]
    return tuple(uses), tuple(filters)


# ---- the comparison ----------------------------------------------------------------------------

def dotted(path: Iterable[str]) -> str:
    """``("bodies", "[]", "name")`` as ``bodies[].name``."""
    text = ""
    for segment in path:
        text += segment if segment == _ITEM or not text else "." + segment
    return text


def _resolve(path: tuple[str, ...], vocabulary: Any) -> tuple[int, Any] | None:
    """Follow ``path`` through the shape; ``None`` if it is provided (or cannot be told),
    else the index of the first segment that is not, with the shape it was looked up in."""
    current = vocabulary
    for i, segment in enumerate(path):
        if current == ANY:
            return None
        if isinstance(current, list):
            if segment == _ITEM:
                current = current[0]
                continue
            return i, current
        if isinstance(current, dict):
            if segment in current:
                current = current[segment]
                continue
            return i, current
        return i, current  # a leaf has no names under it
    return None


def _suggest(name: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


@frozen
class TemplateReport:
    """What ``check_template`` found: ``unknown`` (errors) and ``ignored`` (for information)."""

    path: Path
    document: str
    unknown: list[Finding] = field(factory=list)
    ignored: list[str] = field(factory=list)
    used: list[str] = field(factory=list)

    @property
    def ok(self) -> bool:
        return not self.unknown


def _all_paths(vocabulary: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(vocabulary, dict):
        for key, value in vocabulary.items():
            yield prefix + (key,)
            yield from _all_paths(value, prefix + (key,))
    elif isinstance(vocabulary, list):
        yield from _all_paths(vocabulary[0], prefix + (_ITEM,))


def check_template(path: str | Path, document: str, *, data: Iterable[str | Path] | None = None,
                   style: HouseStyle | None = None, vocabulary: Any = None) -> TemplateReport:
    """Compare what the Word template at ``path`` uses with what ``document`` provides.

    ``vocabulary`` (a shape from ``provided``) saves learning it again for many templates.
    """
    path = Path(path)
    vocabulary = vocabulary if vocabulary is not None else provided(document, data=data,
                                                                        style=style)
    uses, filters = template_uses(path)
    unknown: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    for use in uses:
        problem = _resolve(use.path, vocabulary)
        if problem is None:
            continue
        index, where = problem
        name = dotted(use.path[:index + 1])
        if (name, use.part) in reported:
            continue
        reported.add((name, use.part))
        choices: list[str] = list(where) if isinstance(where, dict) else []
        suggestion = _suggest(use.path[index], choices)
        if suggestion and index:
            suggestion = dotted(use.path[:index] + (suggestion,))
        if isinstance(where, list):
            suggestion = dotted(use.path[:index] + (_ITEM,))
            name += " (a list: loop over it)"
        elif where == LEAF:
            name += f" ({dotted(use.path[:index])} is a single value with no names under it)"
        unknown.append(Finding("variable", name, use.part, use.paragraph, suggestion))
    env_filters = jinja_env().filters
    for name, part, paragraph in filters:
        if name not in env_filters and ("filter:" + name, part) not in reported:
            reported.add(("filter:" + name, part))
            unknown.append(Finding("filter", name, part, paragraph,
                                   _suggest(name, env_filters)))
    used = {use.path[:i] for use in uses for i in range(1, len(use.path) + 1)}
    ignored = []
    for candidate in _all_paths({k: v for k, v in vocabulary.items() if k != "house"}):
        parent = candidate[:-1]
        while parent and parent[-1] == _ITEM:
            parent = parent[:-1]
        if candidate not in used and (not parent or parent in used):
            if candidate[-1] != _ITEM:
                ignored.append(dotted(candidate))
    return TemplateReport(path, document, unknown, ignored,
                          sorted({dotted(u.path) for u in uses}))


# ---- accessibility ------------------------------------------------------------------------------

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "v": "urn:schemas-microsoft-com:vml",
       "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"}
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def _w(name: str) -> str:
    return f"{{{_NS['w']}}}{name}"


@frozen
class AccessibilityFinding:
    """Something in a template that makes its documents hard to read with assistive technology
    (``rule``: picture-alt, heading-order, language, table-header, floating, text-as-image);
    ``error`` is false for what may be intended (a table that is layout)."""

    rule: str
    message: str
    where: str = ""
    error: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def _text(element: Any) -> str:
    text = "".join(t.text or "" for t in element.iter(_w("t")))
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 60 else text[:57] + "…"


def _style_levels(styles: Any) -> tuple[dict[str, int], str | None]:
    """Each paragraph style's outline level (0 = Heading 1), following ``basedOn``, and the
    default paragraph style's id."""
    own: dict[str, int | None] = {}
    based: dict[str, str] = {}
    default = None
    for style in styles.iterfind("w:style[@w:type='paragraph']", _NS):
        sid = style.get(_w("styleId")) or ""
        level = style.find("w:pPr/w:outlineLvl", _NS)
        name = style.find("w:name", _NS)
        named = re.fullmatch(r"heading ([1-9])", (name.get(_w("val")) or "").lower()
                             if name is not None else "")
        own[sid] = (int(level.get(_w("val")) or 9) if level is not None
                    else int(named.group(1)) - 1 if named else None)
        parent = style.find("w:basedOn", _NS)
        if parent is not None:
            based[sid] = parent.get(_w("val")) or ""
        if style.get(_w("default")) in ("1", "true"):
            default = sid
    levels = {}
    for sid in own:
        seen, current = set(), sid
        while current in own and own[current] is None and current in based and current not in seen:
            seen.add(current)
            current = based[current]
        level = own.get(current)
        if level is not None and level < 9:
            levels[sid] = level
    return levels, default


def _has_language(styles: Any, default_style: str | None) -> bool:
    paths = ["w:docDefaults/w:rPrDefault/w:rPr/w:lang"]
    if default_style:
        paths.append(f"w:style[@w:styleId='{default_style}']/w:rPr/w:lang")
    return any((lang.get(_w("val")) or "").strip()
               for path in paths for lang in styles.iterfind(path, _NS))


def check_accessibility(path: str | Path) -> list[AccessibilityFinding]:
    """What in a Word template's body keeps its documents from being accessible: pictures
    without alternative text, heading levels skipped, no document language, tables without a
    repeated header row, floating objects, text as images (WordArt, or a picture as the only
    content of a heading or title).

    The body is read as the template holds it (docxtpl tags included); headers and footers
    become artifacts in the PDF and are not checked.

    >>> found = check_accessibility(BUNDLED_TEMPLATES / "default" / "agreement.docx")
    >>> [f for f in found if f.error], sorted({f.rule for f in found})  # signatures: layout
    ([], ['table-header'])
    """
    import zipfile

    from lxml import etree

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            body = etree.fromstring(archive.read("word/document.xml"))
            styles_xml = (archive.read("word/styles.xml")
                          if "word/styles.xml" in archive.namelist() else b"<w:styles "
                          b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"{path}: not a Word file that can be read ({exc})") from None
    styles = etree.fromstring(styles_xml)
    levels, default_style = _style_levels(styles)
    found: list[AccessibilityFinding] = []

    if not _has_language(styles, default_style):
        found.append(AccessibilityFinding(
            "language", "no document language: the default paragraph style has none, so the PDF "
            "gets no /Lang; set the language (Swedish) on the Normal style"))

    def paragraph_of(element: Any) -> Any:
        return next(element.iterancestors(_w("p")), None)

    def where(element: Any) -> str:
        paragraph = paragraph_of(element)
        text = _text(paragraph) if paragraph is not None else ""
        return f"paragraph “{text}”" if text else "an empty paragraph"  # with the drawing

    for number, drawing in enumerate(body.iter(_w("drawing"), _w("pict")), start=1):
        docpr = drawing.find(".//wp:docPr", _NS)
        shape = drawing.find(".//v:shape", _NS)
        alt = ((docpr.get("descr") or docpr.get("title") or "") if docpr is not None
               else (shape.get("alt") or "") if shape is not None else "")
        decorative = any(d.get("val") in ("1", "true") for d in drawing.iter(_DECORATIVE))
        if drawing.find(".//wp:anchor", _NS) is not None or (
                shape is not None and "position:absolute" in (shape.get("style") or "")
                .replace(" ", "")):
            found.append(AccessibilityFinding(
                "floating", f"picture or shape {number} floats over the text (not in line with "
                "it): its place in the reading order is undefined; set it 'in line with text'",
                where(drawing)))
        if drawing.find(".//v:textpath", _NS) is not None or drawing.find(
                ".//a:prstTxWarp", _NS) is not None or drawing.find(".//wps:txbx", _NS) is not None \
                or drawing.find(".//v:textbox", _NS) is not None:
            found.append(AccessibilityFinding(
                "text-as-image", f"shape {number} holds text as a drawing (WordArt or a text "
                "box): it is not read as text; write it as a paragraph", where(drawing)))
        elif not alt.strip() and not decorative:
            found.append(AccessibilityFinding(
                "picture-alt", f"picture {number} has no alternative text: add one (Word: "
                "right-click, Edit Alt Text) or mark it decorative", where(drawing)))
        paragraph = paragraph_of(drawing)
        if paragraph is not None and not _text(paragraph):
            style = paragraph.find("w:pPr/w:pStyle", _NS)
            sid = style.get(_w("val")) if style is not None else ""
            if sid in levels or sid == "Title":
                found.append(AccessibilityFinding(
                    "text-as-image", f"picture {number} is the whole of a heading ({sid}): "
                    "a heading must be text", where(drawing)))

    for frame in body.iter(_w("framePr")):
        paragraph = paragraph_of(frame)
        if paragraph is not None:
            found.append(AccessibilityFinding(
                "floating", "a paragraph in a frame floats over the text: its place in the "
                "reading order is undefined; remove the frame", where(frame)))

    previous = -1
    for paragraph in body.iter(_w("p")):
        style = paragraph.find("w:pPr/w:pStyle", _NS)
        own = paragraph.find("w:pPr/w:outlineLvl", _NS)
        level = (int(own.get(_w("val")) or 9) if own is not None
                 else levels.get(style.get(_w("val")) or "") if style is not None else None)
        if level is None or level >= 9:
            continue
        if level > previous + 1:
            found.append(AccessibilityFinding(
                "heading-order", f"heading level {level + 1} follows "
                + (f"level {previous + 1}" if previous >= 0 else "no heading")
                + f": level {previous + 2} is skipped", f"paragraph “{_text(paragraph)}”"))
        previous = level

    for number, table in enumerate(body.iter(_w("tbl")), start=1):
        rows = table.findall("w:tr", _NS)
        if not rows:
            continue
        first = rows[0]
        header = first.find("w:trPr/w:tblHeader", _NS)
        repeated = header is not None and header.get(_w("val")) not in ("0", "false", "off")
        look = table.find("w:tblPr/w:tblLook", _NS)

        def option(name: str, bit: int) -> bool:
            if look is None:
                return False
            if look.get(_w(name)) is not None:
                return look.get(_w(name)) in ("1", "true", "on")
            return bool(int(look.get(_w("val")) or "0", 16) & bit)

        label = f"table {number}, first row “{_text(first)}”"
        if repeated:
            continue
        if option("firstRow", 0x20):
            found.append(AccessibilityFinding(
                "table-header", "its header row is not marked 'repeat as header row': the PDF "
                "tags it as data, not as column headers", label))
        elif not option("firstColumn", 0x80):
            found.append(AccessibilityFinding(
                "table-header", "no repeated header row: the PDF tags the table as layout; if "
                "it holds data, mark its first row 'repeat as header row'",
                label, error=False))
    return found


__all__ = ["ANY", "LEAF", "AccessibilityFinding", "Finding", "TemplateReport", "check_accessibility", "check_syntax", "check_template",
           "known_documents", "merge", "provided", "shape", "template_parts", "template_uses"]
