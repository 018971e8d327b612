"""The machine-checkable rules of PDF/UA-1 (ISO 14289-1) that matter for these documents.

veraPDF is the reference validator, but it is a Java program that is not packaged for Debian or
PyPI; this module checks, with pikepdf, the rules a tagged Word export can break:

========================  ====================================================================
rule                      what must hold
========================  ====================================================================
``identification``        XMP ``pdfuaid:part`` 1 and, when the file claims PDF/A, the PDF/A
                          extension schema that declares ``pdfuaid``
``marked``                ``/MarkInfo << /Marked true >>``
``structure-tree``        a ``/StructTreeRoot`` with content
``role-map``              no standard structure type is remapped; every type maps to a standard one
``tagged-content``        every text, path, image and shading operator of every page lies inside
                          marked content with an MCID (of a page with ``/StructParents``) or an
                          ``/Artifact``
``annotations``           every annotation is in the structure tree; a link has ``/Contents``
``headings``              the first heading is ``H1`` and no level is skipped going deeper
``figures``               every ``Figure`` has alternative text and a ``BBox``
``tables``                rows hold only ``TH``/``TD``, every table has a header cell, every ``TH``
                          a ``Scope``
``lists``                 ``L`` holds ``LI`` (and ``Caption``), ``LI`` holds ``Lbl``/``LBody``
``language``              a ``/Lang`` in the catalog
``title``                 ``dc:title`` in the XMP and ``/DisplayDocTitle true``
``tab-order``             ``/Tabs /S`` on every page with annotations
========================  ====================================================================

A rule that cannot be checked (for instance the table rules when there is no structure tree) is
reported as *skipped*, never as passed. What no program can judge (a sensible reading order, that
alternative text says what the picture shows, colour contrast) needs a person; see
``docs/accessibility.md``.

Run it on files from the command line::

    python -m trygga_docs.pdf.accessibility out/*.pdf
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path
from typing import Literal

import attrs
import pikepdf

__all__ = ["RULES", "PageContent", "RuleResult", "StructElement", "Tree", "UaReport",
           "check_document", "check_pdfua", "kids", "main", "structure_tree"]

Status = Literal["passed", "failed", "skipped"]
#: A page's parsed content stream, as ``pikepdf.parse_content_stream`` gives it.
Instructions = Sequence[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage]

UA_NS = "http://www.aiim.org/pdfua/ns/id/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PDFAID = "http://www.aiim.org/pdfa/ns/id/"
_PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
_PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
_DC = "http://purl.org/dc/elements/1.1/"

#: Standard structure types of ISO 32000-1, 14.8.4.
STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 "
    "H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry "
    "Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form".split())

# Operators that put something on the page (ISO 32000-1, tables 59, 60, 87, 92, 77).
_TEXT_OPS = frozenset({"Tj", "TJ", "'", '"'})
_PAINT_OPS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "INLINE IMAGE"})
_SCANNED = frozenset({"BMC", "BDC", "EMC", "Do", *_TEXT_OPS, *_PAINT_OPS})
_MAX_LISTED = 5  # problems listed per rule and page, so a report stays readable


@attrs.frozen
class RuleResult:
    """The outcome of one rule: ``passed``, ``failed`` with its problems, or ``skipped`` and why."""

    rule: str
    status: Status
    problems: tuple[str, ...] = ()
    reason: str = ""


@attrs.frozen
class UaReport:
    """Every rule's outcome for one PDF.

    ``conforms`` is True only when every rule passed: a skipped rule is not a pass.
    """

    pdf: Path
    results: tuple[RuleResult, ...]

    @property
    def failed(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.status == "failed")

    @property
    def skipped(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.status == "skipped")

    @property
    def conforms(self) -> bool:
        return all(r.status == "passed" for r in self.results)

    def result(self, rule: str) -> RuleResult:
        """The outcome of ``rule`` (KeyError when it was not run)."""
        for r in self.results:
            if r.rule == rule:
                return r
        raise KeyError(rule)

    def summary(self) -> str:
        """One line per rule, problems indented below, e.g. ``failed  figures``."""
        lines = [f"{self.pdf}: {'passes' if self.conforms else 'does not pass'} the PDF/UA checks"]
        for r in self.results:
            lines.append(f"  {r.status:<8}{r.rule}" + (f" ({r.reason})" if r.reason else ""))
            lines.extend(f"      {p}" for p in r.problems)
        return "\n".join(lines)


# -- the structure tree ----------------------------------------------------------------------

@attrs.define
class StructElement:
    """One structure element, its standard type and its child elements in reading order.

    Mutable for one reason: :mod:`trygga_docs.pdf.tagging` repairs the tree it walked once and
    hands the same walk to the checks, so a repair goes through :meth:`retype`, which changes
    the PDF and this record alike.
    """

    obj: pikepdf.Dictionary
    tag: str         # as written
    role: str        # after the role map
    children: tuple[StructElement, ...]
    has_content: bool  # holds marked content or an object reference directly

    def retype(self, tag: str) -> None:
        """Make this a ``tag`` element (a standard type), in the PDF too."""
        if tag not in STANDARD_TYPES:
            raise ValueError(f"{tag} is not a standard structure type")
        self.obj.S = pikepdf.Name("/" + tag)
        self.tag = self.role = tag


def _role(tag: str, role_map: pikepdf.Object | None) -> str:
    seen = {tag}
    while (tag not in STANDARD_TYPES and isinstance(role_map, pikepdf.Dictionary)
           and f"/{tag}" in role_map):
        tag = str(role_map[f"/{tag}"])[1:]
        if tag in seen:
            break
        seen.add(tag)
    return tag


def kids(obj: pikepdf.Object) -> list[pikepdf.Object]:
    """What ``/K`` of a structure element holds: elements, MCIDs, MCR and OBJR dictionaries."""
    k = obj.get("/K") if isinstance(obj, pikepdf.Dictionary) else None
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


_REFERENCES = frozenset({"/MCR", "/OBJR"})


#: Every structure element of a document, each once, depth-first in reading order.
Tree = tuple[StructElement, ...]


def structure_tree(root: pikepdf.Dictionary) -> Tree:
    """The elements under ``/StructTreeRoot`` ``root``, each once, depth-first in reading order.

    >>> structure_tree(pikepdf.Dictionary())
    ()
    """
    role_map = root.get("/RoleMap")
    if not isinstance(role_map, pikepdf.Dictionary) or not len(role_map):
        role_map = None
    roles: dict[str, str] = {}
    visited: set[tuple[int, int]] = set()
    order: list[StructElement] = []

    def build(obj: pikepdf.Dictionary) -> StructElement | None:
        objgen = obj.objgen
        if objgen != (0, 0):  # an indirect object: it may be reached twice
            if objgen in visited:
                return None
            visited.add(objgen)
        tag = str(obj.get("/S", "/"))[1:]
        role = roles.get(tag)
        if role is None:
            role = roles[tag] = _role(tag, role_map)
        element = StructElement(obj=obj, tag=tag, role=role, children=(), has_content=False)
        order.append(element)
        children: list[StructElement] = []
        for kid in kids(obj):
            if isinstance(kid, int):
                element.has_content = True
            elif isinstance(kid, pikepdf.Dictionary):
                kind = kid.get("/Type")
                if kind is not None and str(kind) in _REFERENCES:
                    element.has_content = True
                elif "/S" in kid:
                    child = build(kid)
                    if child is not None:
                        children.append(child)
        element.children = tuple(children)
        return element

    for kid in kids(root):
        if isinstance(kid, pikepdf.Dictionary):
            build(kid)
    return tuple(order)


def _attributes(e: StructElement, owner: str) -> list[pikepdf.Dictionary]:
    """The attribute dictionaries of ``e`` with ``/O owner`` (``/A`` may be one or an array)."""
    a = e.obj.get("/A")
    items = list(a) if isinstance(a, pikepdf.Array) else [a] if a is not None else []
    return [d for d in items if isinstance(d, pikepdf.Dictionary) and d.get("/O") == owner]


def _label(e: StructElement) -> str:
    return e.tag if e.tag == e.role else f"{e.tag} (as {e.role})"


# -- rules on the structure tree -------------------------------------------------------------

def _rule_role_map(pdf: pikepdf.Pdf, tree: Tree) -> list[str]:
    problems = []
    role_map = pdf.Root.StructTreeRoot.get("/RoleMap")
    if role_map is not None:
        for key, value in role_map.items():
            if key[1:] in STANDARD_TYPES:
                problems.append(f"the standard type {key[1:]} is remapped to {str(value)[1:]}")
    unknown = sorted({e.tag for e in tree if e.role not in STANDARD_TYPES})
    problems.extend(f"structure type {t} maps to no standard type" for t in unknown)
    return problems


def _rule_headings(tree: Tree) -> list[str]:
    problems = []
    previous = 0
    for e in tree:
        if len(e.role) == 2 and e.role[0] == "H" and e.role[1].isdigit():
            level = int(e.role[1])
            if previous == 0 and level != 1:
                problems.append(f"the first heading is {_label(e)}, not H1")
            elif level > previous + 1 and previous:
                problems.append(f"{_label(e)} follows H{previous}: level {previous + 1} skipped")
            previous = level
    return problems


def _rule_figures(tree: Tree) -> list[str]:
    problems = []
    for n, e in enumerate((e for e in tree if e.role == "Figure"), start=1):
        alt = str(e.obj.get("/Alt", "") or e.obj.get("/ActualText", "")).strip()
        if not alt:
            problems.append(f"figure {n} ({_label(e)}) has no alternative text (/Alt)")
        if not any("/BBox" in d for d in _attributes(e, "/Layout")):
            problems.append(f"figure {n} ({_label(e)}) has no /BBox")
    return problems


def _rows(e: StructElement) -> Iterator[StructElement]:
    for c in e.children:
        if c.role == "TR":
            yield c
        elif c.role in ("THead", "TBody", "TFoot"):
            yield from _rows(c)


def _rule_tables(tree: Tree) -> list[str]:
    problems = []
    for n, table in enumerate((e for e in tree if e.role == "Table"), start=1):
        where = f"table {n}"
        for c in table.children:
            if c.role not in ("TR", "THead", "TBody", "TFoot", "Caption"):
                problems.append(f"{where} holds {_label(c)}; a table holds rows")
        headers = 0
        for r, row in enumerate(_rows(table), start=1):
            for cell in row.children:
                if cell.role == "TH":
                    headers += 1
                    if not any("/Scope" in d for d in _attributes(cell, "/Table")) \
                            and "/ID" not in cell.obj:
                        problems.append(f"{where}, row {r}: a header cell (TH) has no /Scope")
                elif cell.role != "TD":
                    problems.append(f"{where}, row {r} holds {_label(cell)}, not TH or TD")
        if headers == 0:
            problems.append(f"{where} has no header cell (TH): a data table needs headers; "
                            "layout should not be tagged as a table")
    return problems


def _rule_lists(tree: Tree) -> list[str]:
    problems: list[str] = []
    for n, lst in enumerate((e for e in tree if e.role == "L"), start=1):
        for item in lst.children:
            if item.role == "LI":
                bad = [c for c in item.children if c.role not in ("Lbl", "LBody")]
                problems.extend(f"list {n}: a list item (LI) holds {_label(c)}"
                                for c in bad[:_MAX_LISTED])
            elif item.role not in ("Caption", "L"):
                problems.append(f"list {n} holds {_label(item)}, not LI")
    return problems


# -- reading page content --------------------------------------------------------------------

# One instruction of a content stream: its operands (numbers, names, strings, flat arrays, flat
# dictionaries), then its operator. Anything else (nested parentheses in a string, nested arrays
# or dictionaries, comments, inline images) is left to pikepdf's parser, so this never reads a
# stream differently from it; tests/test_pdfua_step.py holds the two readers to each other.
_ENDS_TOKEN = rb"(?![^\s/\[\]()<>{}%])"
_ATOM = (rb"(?:[+-]?(?:\d+\.?\d*|\.\d+)" + _ENDS_TOKEN  # number
         + rb"|/[^\s/\[\]()<>{}%]*" + _ENDS_TOKEN  # name
         + rb"|<[0-9A-Fa-f\s]*>"  # hex string
         + rb"|\((?:[^\\()]|\\.)*\)"  # literal string without nested parentheses
         + rb"|(?:true|false|null)" + _ENDS_TOKEN + rb")")
_ARRAY = rb"\[(?:\s*" + _ATOM + rb")*\s*\]"
_DICT = (rb"<<(?:\s*/[^\s/\[\]()<>{}%]*" + _ENDS_TOKEN  # key and value
         + rb"\s*(?:" + _ATOM + rb"|" + _ARRAY + rb"))*\s*>>")
_INSTRUCTION = re.compile(
    rb"(\s*(?:(?:" + _ATOM + rb"|" + _ARRAY + rb"|" + _DICT + rb")\s*)*)"
    rb"([A-Za-z'\"][A-Za-z0-9*'\"]*)" + _ENDS_TOKEN, re.DOTALL)
_PLAIN_NAME = rb"/[A-Za-z0-9_.\-]+"  # no #-escapes
_SIMPLE_KEY = re.compile(
    rb"(" + _PLAIN_NAME + rb")\s*(?:" + _PLAIN_NAME + rb"|[+-]?\d+)" + _ENDS_TOKEN)
_SIMPLE_MARKING = re.compile(  # /Tag, /Tag /Name or /Tag <</Key value ...>> (names, integers)
    rb"\s*(" + _PLAIN_NAME + rb")\s*(?:(" + _PLAIN_NAME + rb")|<<((?:\s*" + _PLAIN_NAME
    + rb"\s*(?:" + _PLAIN_NAME + rb"|[+-]?\d+)" + _ENDS_TOKEN + rb")*)\s*>>)?\s*")
_NOT_OPERATORS = frozenset({"true", "false", "null", "BI", "ID", "EI"})


@attrs.frozen
class PageContent:
    """A content stream as its instructions' operators, and their operands on demand.

    Read from the stream's bytes by :meth:`tokenize`, which knows where each instruction
    begins and ends (so a repair can insert marked content without re-writing the rest), or
    from pikepdf's parser (:meth:`of_instructions`) for what the tokenizer leaves to it.
    """

    ops: tuple[str, ...]
    data: bytes = b""
    ends: tuple[int, ...] = ()
    """Where each instruction's operator ends in ``data``; the next instruction (its leading
    white space, its operands and its operator) begins there."""
    instructions: Instructions | None = None

    @classmethod
    def tokenize(cls, data: bytes) -> PageContent | None:
        """``data`` read as instructions; None when it holds anything left to pikepdf.

        >>> PageContent.tokenize(b"/P <</MCID 0>> BDC [<01>-2<02>] TJ EMC").ops
        ('BDC', 'TJ', 'EMC')
        >>> PageContent.tokenize(b"(a (nested) string) Tj") is None
        True
        """
        found = _INSTRUCTION.findall(data)  # (white space and operands, operator) each
        lengths = list(accumulate(map(len, chain.from_iterable(found))))
        if (lengths[-1] if lengths else 0) != len(data.rstrip()):
            return None  # something between the instructions that they do not account for
        names = b" ".join(map(itemgetter(1), found)).decode("latin-1")
        ops = tuple(names.split(" ")) if names else ()
        if _NOT_OPERATORS.intersection(ops):
            return None
        return cls(ops=ops, data=data, ends=tuple(lengths[1::2]))

    @classmethod
    def of_instructions(cls, instructions: Instructions) -> PageContent:
        """What pikepdf parsed."""
        return cls(ops=tuple(str(i.operator) for i in instructions), instructions=instructions)

    @classmethod
    def read(cls, obj: pikepdf.Object) -> PageContent:
        """The content of a page (its streams joined) or of a form XObject."""
        contents = obj.get("/Contents") if obj.get("/Type") == "/Page" else obj
        if isinstance(contents, pikepdf.Stream):
            data: bytes | None = contents.read_bytes()
        elif isinstance(contents, pikepdf.Array) and all(
                isinstance(c, pikepdf.Stream) for c in contents):
            data = b"\n".join(c.read_bytes() for c in contents)
        else:
            data = None
        content = cls.tokenize(data) if data is not None else None
        return content or cls.of_instructions(pikepdf.parse_content_stream(obj))

    def marking(self, index: int) -> tuple[str, str | frozenset[str] | pikepdf.Object | None]:
        """A ``BMC``'s or ``BDC``'s tag, and its properties: the name of an entry in the
        resources' ``/Properties``, a dictionary (or just its keys), or None (``BMC``).

        >>> PageContent.tokenize(b"/P <</MCID 3>> BDC EMC").marking(0)
        ('/P', frozenset({'/MCID'}))
        """
        if self.instructions is None:  # LibreOffice's usual forms, read without pikepdf
            start = self.ends[index - 1] if index else 0
            simple = _SIMPLE_MARKING.fullmatch(
                self.data, start, self.ends[index] - len(self.ops[index]))
            if simple is not None:
                tag, name, keys = simple.groups()
                return tag.decode("ascii"), (
                    name.decode("ascii") if name is not None
                    else None if keys is None
                    else frozenset(k.decode("ascii") for k in _SIMPLE_KEY.findall(keys)))
        operands = self.operands(index)
        if len(operands) < 2:
            return str(operands[0]), None
        props = operands[1]
        return str(operands[0]), str(props) if isinstance(props, pikepdf.Name) else props

    def operands(self, index: int) -> list[pikepdf.Object]:
        """The operands of instruction ``index``."""
        if self.instructions is not None:
            return list(self.instructions[index].operands)
        start = self.ends[index - 1] if index else 0
        text = self.data[start:self.ends[index] - len(self.ops[index])]
        return list(pikepdf.Object.parse(b"[" + text + b"]")) if text.strip() else []


# -- rules on the page content ---------------------------------------------------------------

def _page_problems(page: pikepdf.Page, number: int, parent_tree_keys: set[int],
                   parsed: PageContent | None = None) -> list[str]:
    """Content operators of one page outside both tagged content and artifacts."""
    untagged: list[str] = []
    uses_mcid = [False]

    def scan(content: PageContent, resources: pikepdf.Object, stack: list[bool],
             depth: int) -> None:
        properties = resources.get("/Properties") if isinstance(resources, pikepdf.Dictionary) \
            else None
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) \
            else None
        for index, op in enumerate(content.ops):
            if op not in _SCANNED:
                continue
            if op == "BMC":
                stack.append(content.marking(index)[0] == "/Artifact")
            elif op == "BDC":
                tag, props = content.marking(index)
                if isinstance(props, str) and properties is not None:
                    named = properties.get(props)
                    props = named if named is not None else props
                has_mcid = isinstance(props, pikepdf.Dictionary | frozenset) and "/MCID" in props
                uses_mcid[0] = uses_mcid[0] or has_mcid
                stack.append(tag == "/Artifact" or has_mcid)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in _TEXT_OPS or op in _PAINT_OPS or op == "Do":
                if any(stack):
                    continue
                if op == "Do" and xobjects is not None:
                    xobject = xobjects.get(str(content.operands(index)[0]))
                    if (isinstance(xobject, pikepdf.Stream)
                            and xobject.get("/Subtype") == "/Form" and depth < 8):
                        # an untagged form may still tag or mark everything it draws
                        scan(PageContent.read(xobject), xobject.get("/Resources", resources), [],
                             depth + 1)
                        continue
                untagged.append(op)

    scan(parsed if parsed is not None else PageContent.read(page.obj),
         page.obj.get("/Resources", pikepdf.Dictionary()), [], 0)
    problems: list[str] = []
    if untagged:
        kinds = sorted(set(untagged))
        problems.append(f"page {number}: {len(untagged)} drawing operator(s) ({' '.join(kinds)}) "
                        "neither tagged nor marked as artifact")
    if uses_mcid[0]:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in parent_tree_keys:
            problems.append(f"page {number}: tagged content, but the page is not in the "
                            "structure tree's /ParentTree")
    return problems


def _number_tree_keys(node: pikepdf.Object, depth: int = 0) -> set[int]:
    keys: set[int] = set()
    if not isinstance(node, pikepdf.Dictionary) or depth > 32:
        return keys
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        keys.update(int(nums[i]) for i in range(0, len(nums), 2))
    for kid in node.get("/Kids", []) or []:
        keys |= _number_tree_keys(kid, depth + 1)
    return keys


def _rule_tagged_content(pdf: pikepdf.Pdf,
                         parsed: Mapping[int, PageContent] | None = None) -> list[str]:
    root = pdf.Root.get("/StructTreeRoot")
    parent_tree = root.get("/ParentTree") if root is not None else None
    keys = _number_tree_keys(parent_tree) if parent_tree is not None else set()
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        problems.extend(_page_problems(page, number, keys,
                                       None if parsed is None else parsed.get(number - 1)))
    return problems


def _annotations(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Dictionary]]:
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []) or []:
            if isinstance(annot, pikepdf.Dictionary):
                yield number, annot


def _rule_annotations(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for number, annot in _annotations(pdf):
        subtype = str(annot.get("/Subtype", "/"))[1:]
        if subtype in ("Popup", "PrinterMark"):
            continue
        if "/StructParent" not in annot:
            problems.append(f"page {number}: a {subtype} annotation is not in the structure tree")
        if subtype == "Link" and not str(annot.get("/Contents", "")).strip():
            problems.append(f"page {number}: a link has no description (/Contents)")
    return problems


def _rule_tab_order(pdf: pikepdf.Pdf) -> list[str]:
    return [f"page {n}: annotations, but no /Tabs /S" for n, page in enumerate(pdf.pages, start=1)
            if page.obj.get("/Annots") and page.obj.get("/Tabs") != "/S"]


# -- rules on the catalog and the metadata ---------------------------------------------------

def _xmp(pdf: pikepdf.Pdf) -> ET.Element | None:
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        return ET.fromstring(stream.read_bytes().decode("utf-8", "replace")
                             .split("?>", 1)[-1].rsplit("<?xpacket", 1)[0])
    except ET.ParseError:
        return None


def _xmp_value(root: ET.Element, ns: str, name: str) -> str | None:
    """A simple property, written as an element or as an attribute of rdf:Description."""
    tag = f"{{{ns}}}{name}"
    for desc in root.iter(f"{{{_RDF}}}Description"):
        if tag in desc.attrib:
            return desc.attrib[tag].strip()
        el = desc.find(tag)
        if el is not None:
            return "".join(el.itertext()).strip()
    return None


def _declares_ua_schema(root: ET.Element) -> bool:
    """Whether a pdfaExtension schema declares the pdfuaid namespace and its ``part``."""
    uri_tag = f"{{{_PDFA_SCHEMA}}}namespaceURI"
    name_tag = f"{{{_PDFA_PROPERTY}}}name"
    for li in root.iter(f"{{{_RDF}}}li"):
        uri = li.attrib.get(uri_tag) or "".join(
            (el.text or "") for el in li.findall(uri_tag)).strip()
        if uri == UA_NS:
            names = {el.attrib.get(name_tag) or (el.text or "").strip()
                     for el in li.iter() if el.tag == name_tag or name_tag in el.attrib}
            if "part" in names:
                return True
    return False


def _rule_identification(pdf: pikepdf.Pdf) -> list[str]:
    root = _xmp(pdf)
    if root is None:
        return ["no readable XMP metadata"]
    problems = []
    part = _xmp_value(root, UA_NS, "part")
    if part != "1":
        problems.append("the XMP has no pdfuaid:part 1" if part is None
                        else f"the XMP says pdfuaid:part {part}, not 1")
    if _xmp_value(root, _PDFAID, "part") is not None and not _declares_ua_schema(root):
        problems.append("the file claims PDF/A, but its XMP lacks the PDF/A extension schema "
                        "for pdfuaid")
    return problems


def _rule_title(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    root = _xmp(pdf)
    title = "" if root is None else "".join(
        t for el in root.iter(f"{{{_DC}}}title") for t in el.itertext()).strip()
    if not title:
        problems.append("no dc:title in the XMP")
    prefs = pdf.Root.get("/ViewerPreferences")
    if not (isinstance(prefs, pikepdf.Dictionary) and bool(prefs.get("/DisplayDocTitle", False))):
        problems.append("/ViewerPreferences lacks /DisplayDocTitle true")
    return problems


def _rule_language(pdf: pikepdf.Pdf) -> list[str]:
    return [] if str(pdf.Root.get("/Lang", "")).strip() else ["no /Lang in the catalog"]


def _rule_marked(pdf: pikepdf.Pdf) -> list[str]:
    info = pdf.Root.get("/MarkInfo")
    if not (isinstance(info, pikepdf.Dictionary) and bool(info.get("/Marked", False))):
        return ["/MarkInfo lacks /Marked true"]
    if bool(info.get("/Suspects", False)):  # set when untagged bilagor were merged in
        return ["/MarkInfo has /Suspects true: the tagging is known to be incomplete"]
    return []


# -- running the rules -----------------------------------------------------------------------

_FILE_RULES: dict[str, Callable[[pikepdf.Pdf], list[str]]] = {
    "identification": _rule_identification,
    "marked": _rule_marked,
    "tagged-content": _rule_tagged_content,
    "annotations": _rule_annotations,
    "language": _rule_language,
    "title": _rule_title,
    "tab-order": _rule_tab_order,
}
_TREE_RULES: dict[str, Callable[[Tree], list[str]]] = {
    "headings": _rule_headings,
    "figures": _rule_figures,
    "tables": _rule_tables,
    "lists": _rule_lists,
}

#: Every rule, in the order reports list them.
RULES: tuple[str, ...] = ("identification", "marked", "structure-tree", "role-map",
                          "tagged-content", "annotations", "headings", "figures", "tables",
                          "lists", "language", "title", "tab-order")


def _outcome(rule: str, problems: Sequence[str]) -> RuleResult:
    return RuleResult(rule=rule, status="failed" if problems else "passed",
                      problems=tuple(problems))


def check_document(pdf: pikepdf.Pdf, path: Path, rules: Iterable[str] = RULES, *,
                   parsed: Mapping[int, PageContent] | None = None,
                   tree: Tree | None = None) -> UaReport:
    """Run ``rules`` on an open pikepdf document (see :func:`check_pdfua`).

    ``parsed`` may give pages' content streams already parsed (by page index), and ``tree``
    the :func:`structure_tree` of the document as it is now, to spare reading them again.
    """
    wanted = tuple(rules)
    unknown = set(wanted) - set(RULES)
    if unknown:
        raise ValueError(f"unknown PDF/UA rule(s): {', '.join(sorted(unknown))}")
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        tree = None
    elif tree is None and set(wanted) & {"structure-tree", "role-map", *_TREE_RULES}:
        tree = structure_tree(root)
    results = []
    for rule in (r for r in RULES if r in wanted):
        if rule == "structure-tree":
            results.append(_outcome(rule, [] if tree else
                                    ["no /StructTreeRoot" if root is None
                                     else "the structure tree is empty"]))
        elif rule == "tagged-content":
            results.append(_outcome(rule, _rule_tagged_content(pdf, parsed)))
        elif rule in _FILE_RULES:
            results.append(_outcome(rule, _FILE_RULES[rule](pdf)))
        elif tree is None:
            results.append(RuleResult(rule=rule, status="skipped", reason="no structure tree"))
        elif rule == "role-map":
            results.append(_outcome(rule, _rule_role_map(pdf, tree)))
        else:
            results.append(_outcome(rule, _TREE_RULES[rule](tree)))
    return UaReport(pdf=path, results=tuple(results))


def check_pdfua(pdf: str | Path, rules: Iterable[str] = RULES) -> UaReport:
    """Check ``pdf`` against the machine-checkable PDF/UA-1 rules listed in :data:`RULES`.

    >>> check_pdfua("missing.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: ...
    """
    path = Path(pdf)
    with pikepdf.open(path) as document:
        return check_document(document, path, rules)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m trygga_docs.pdf.accessibility FILE...``: print each report; 1 when any fails."""
    files = list(sys.argv[1:] if argv is None else argv)
    if not files:
        print("usage: python -m trygga_docs.pdf.accessibility FILE.pdf ...", file=sys.stderr)
        return 2
    worst = 0
    for name in files:
        report = check_pdfua(name)
        print(report.summary())
        worst = max(worst, 0 if report.conforms else 1)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
