"""Repairs to LibreOffice's tagged PDF so that it meets PDF/UA-1, and the PDF/UA claim.

LibreOffice 7.4 exports a good structure tree from a Word file, but not a conformant one:

- paragraph borders (the rule under the header) are drawn outside any marked content;
- an inline picture gets a ``Figure`` with alternative text and ``BBox`` while the picture itself
  is drawn as an ``Artifact``, so the figure is empty;
- every table cell is a ``TD``: no header cells, and layout tables (signature blocks) are tagged
  as data tables;
- standard structure types are listed in the role map (mapped to themselves);
- pages with links lack ``/Tabs /S``.

:func:`make_accessible` repairs those in one pass with pikepdf, using what the Word file says
about its tables (repeated header rows, Word's *first column* option), runs the checks of
:mod:`trygga_docs.pdf.accessibility`, and writes the PDF/UA identification into the XMP only
when every check passes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

import attrs
import pikepdf
from lxml import etree

from trygga_docs.pdf.accessibility import (
    RULES,
    STANDARD_TYPES,
    PageContent,
    StructElement,
    Tree,
    UaReport,
    check_document,
    kids,
    structure_tree,
)
from trygga_docs.pdf.meta import repair_metadata, with_ua_identification

__all__ = ["TableFacts", "make_accessible", "table_facts"]

Instruction = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PATH_OPS = frozenset({"m", "l", "c", "v", "y", "h", "re"})
_PAINT_OPS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})
_SINGLE_OPS = frozenset({"Tj", "TJ", "'", '"', "sh", "Do", "INLINE IMAGE"})
# what each operator means to _mark_untagged_as_artifacts (other operators draw nothing)
_KINDS: dict[str, str] = {
    "BMC": "begin", "BDC": "begin", "EMC": "end", "n": "no-paint",
    **dict.fromkeys(_PATH_OPS, "path"), **dict.fromkeys(_PAINT_OPS, "paint"),
    **dict.fromkeys(_SINGLE_OPS, "single"),
}
_ARTIFACT_BEGIN = pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC"))
_END = pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))
_BEGIN_TEXT, _END_TEXT = b"\n/Artifact BMC\n", b"\nEMC\n"  # each ends in white space


RowKind = Literal["column-headers", "row-header", "data", "layout"]


@attrs.frozen
class TableFacts:
    """What a Word table says about each of its rows, as a screen reader should hear them.

    ``column-headers``: a row marked *repeat as header row* (``w:tblHeader``); ``row-header``:
    a row whose first cell heads it (Word's *first column* option, ``w:tblLook``); ``data``: a
    row of a table with column headers; ``layout``: a row of a table with no headers at all.
    """

    rows: tuple[RowKind, ...]

    @property
    def is_layout(self) -> bool:
        """A table with no header of either kind arranges text; it is not data."""
        return all(kind == "layout" for kind in self.rows)


def _first_column(tbl: etree._Element) -> bool:
    look = tbl.find(f"{_W}tblPr/{_W}tblLook")
    if look is None:
        return False
    flag = look.get(f"{_W}firstColumn")
    if flag is not None:
        return flag in ("1", "true", "on")
    return bool(int(look.get(f"{_W}val", "0") or "0", 16) & 0x0080)


def _row_kinds(tbl: etree._Element) -> tuple[RowKind, ...]:
    rows = tbl.findall(f"{_W}tr")
    header = 0
    while header < len(rows) and rows[header].find(f"{_W}trPr/{_W}tblHeader") is not None:
        header += 1
    rest: RowKind = "row-header" if _first_column(tbl) else "data" if header else "layout"
    heading: RowKind = "column-headers"
    kinds = [heading] * header + [rest] * (len(rows) - header)
    return tuple(kinds)


def table_facts(docx: Path) -> list[TableFacts]:
    """The body's tables as the PDF has them, in document order (nested after their parent).

    Tables that follow each other with nothing between are one table to LibreOffice, as to
    Word, and so one ``TableFacts`` here.
    """
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out: list[TableFacts] = []
    joined: dict[etree._Element, int] = {}
    for tbl in root.iter(f"{_W}tbl"):
        previous = tbl.getprevious()
        if previous is not None and previous.tag == f"{_W}tbl" and previous in joined:
            index = joined[previous]
            out[index] = TableFacts(rows=out[index].rows + _row_kinds(tbl))
        else:
            index = len(out)
            out.append(TableFacts(rows=_row_kinds(tbl)))
        joined[tbl] = index
    return out


# -- the structure tree ----------------------------------------------------------------------

def _children(e: StructElement, *types: str) -> list[StructElement]:
    return [k for k in e.children if k.tag in types]


def _rows(table: StructElement) -> list[StructElement]:
    rows = []
    for kid in _children(table, "TR", "THead", "TBody", "TFoot"):
        rows.extend([kid] if kid.tag == "TR" else _children(kid, "TR"))
    return rows


def _make_header(cell: StructElement, scope: str) -> None:
    cell.retype("TH")
    table_attrs = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name(scope))
    a = cell.obj.get("/A")
    if a is None:
        cell.obj.A = table_attrs
    elif isinstance(a, pikepdf.Array):
        a.append(table_attrs)
    else:
        cell.obj.A = pikepdf.Array([a, table_attrs])


def _tag_tables(tree: Tree, facts: list[TableFacts]) -> bool:
    """Header rows and columns as ``TH`` with ``Scope``; layout tables as ``Div``.

    Returns False (and changes nothing) when the PDF's tables do not match the Word file's.
    """
    tables = [e for e in tree if e.tag == "Table"]
    if len(tables) != len(facts):
        return False
    for table, fact in zip(tables, facts):
        rows = _rows(table)
        if fact.is_layout:
            for element in (table, *table_parts(table), *rows,
                            *(c for row in rows for c in _children(row, "TD", "TH"))):
                element.retype("Div")
            continue
        if not fact.rows:
            continue
        # a row LibreOffice split or repeated makes the counts differ: the last kind goes on
        kinds = list(fact.rows[:len(rows)]) + [fact.rows[-1]] * (len(rows) - len(fact.rows))
        for row, kind in zip(rows, kinds):
            cells = _children(row, "TD", "TH")
            if kind == "column-headers":
                for cell in cells:
                    _make_header(cell, "/Column")
            elif kind == "row-header" and cells:
                _make_header(cells[0], "/Row")
    return True


def table_parts(table: StructElement) -> list[StructElement]:
    """A table's ``THead``/``TBody``/``TFoot`` groups."""
    return _children(table, "THead", "TBody", "TFoot")


def _drop_standard_remaps(root: pikepdf.Dictionary) -> None:
    role_map = root.get("/RoleMap")
    if isinstance(role_map, pikepdf.Dictionary):
        for key in list(role_map.keys()):
            if key[1:] in STANDARD_TYPES and role_map[key] == key:
                del role_map[key]


# -- page content ----------------------------------------------------------------------------

def _form_is_tagged(xobjects: pikepdf.Object | None, name: pikepdf.Object) -> bool:
    xobject = xobjects.get(str(name)) if isinstance(xobjects, pikepdf.Dictionary) else None
    return (isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form"
            and b"/MCID" in xobject.read_bytes())


def _untagged_drawing(page: pikepdf.Page, content: PageContent) -> list[tuple[int, bool]]:
    """Where drawing outside any marked content must be wrapped in ``/Artifact BMC … EMC``:
    ``(i, True)`` opens before instruction ``i``, ``(i, False)`` closes after it, in order.

    A path is wrapped from its first construction operator, since nothing may stand between
    the construction and the painting of a path.
    """
    xobjects = page.obj.get("/Resources", pikepdf.Dictionary()).get("/XObject")
    marks: list[tuple[int, bool]] = []
    depth = 0
    path_start: int | None = None
    kinds = _KINDS
    for index, op in enumerate(content.ops):
        kind = kinds.get(op)
        if kind is None:  # most operators: state, colour, text position
            continue
        if kind == "begin":
            depth += 1
        elif kind == "end":
            depth = max(depth - 1, 0)
        elif kind == "path":
            if depth == 0 and path_start is None:
                path_start = index
        elif kind == "paint":
            if depth == 0:
                marks += [(path_start if path_start is not None else index, True), (index, False)]
            path_start = None
        elif kind == "no-paint":
            path_start = None
        elif depth == 0 and not (op == "Do" and _form_is_tagged(xobjects,
                                                                 content.operands(index)[0])):
            marks += [(index, True), (index, False)]  # "single"
    return marks


def _merged(count: int, marks: list[tuple[int, bool]]) -> Iterator[tuple[int, bool | None]]:
    """Instructions ``(i, None)`` and marks ``(i, opens)`` in the order the stream gets them."""
    # an opening at a path's start is found after what the path encloses: sort, keeping order
    pending = iter(sorted(marks, key=lambda mark: 2 * mark[0] + (0 if mark[1] else 1)))
    mark = next(pending, None)
    for index in range(count):
        while mark is not None and mark[0] == index and mark[1]:
            yield mark
            mark = next(pending, None)
        yield index, None
        while mark is not None and mark[0] == index and not mark[1]:
            yield mark
            mark = next(pending, None)


def _with_artifacts(content: PageContent, marks: list[tuple[int, bool]]) -> PageContent:
    """The content with ``marks`` (from :func:`_untagged_drawing`) inserted; its ``data`` is
    LibreOffice's stream with ``/Artifact BMC`` and ``EMC`` inserted, or pikepdf's re-written."""
    if content.instructions is not None:  # pikepdf's reading: insert instructions
        instructions = content.instructions
        out: list[Instruction] = [instructions[index] if opens is None
                                  else _ARTIFACT_BEGIN if opens else _END
                                  for index, opens in _merged(len(instructions), marks)]
        return attrs.evolve(PageContent.of_instructions(out),
                            data=pikepdf.unparse_content_stream(out))
    # tokenized: insert into the bytes, and the two instructions into the reading of them
    data, old_ends = content.data, content.ends
    pieces: list[bytes] = []
    ops: list[str] = []
    ends: list[int] = []
    pos = shift = 0
    for index, opens in _merged(len(content.ops), marks):
        if opens is None:
            ops.append(content.ops[index])
            ends.append(old_ends[index] + shift)
            continue
        at = (old_ends[index - 1] if index else 0) if opens else old_ends[index]
        text = _BEGIN_TEXT if opens else _END_TEXT
        pieces += [data[pos:at], text]
        pos = at
        ops.append("BMC" if opens else "EMC")
        ends.append(at + shift + len(text) - 1)  # the text ends in white space
        shift += len(text)
    pieces.append(data[pos:])
    return PageContent(ops=tuple(ops), data=b"".join(pieces), ends=tuple(ends))


def _number_tree_get(node: pikepdf.Object | None, key: int, depth: int = 0) -> pikepdf.Object | None:
    if not isinstance(node, pikepdf.Dictionary) or depth > 32:
        return None
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        for i in range(0, len(nums) - 1, 2):
            if int(nums[i]) == key:
                return nums[i + 1]
    for kid in node.get("/Kids", []) or []:
        found = _number_tree_get(kid, key, depth + 1)
        if found is not None:
            return found
    return None


def _near(a: list[float], b: list[float]) -> bool:
    return all(abs(x - y) <= 2.0 for x, y in zip(a, b))


def _tag_artifact_figures(pdf: pikepdf.Pdf, root: pikepdf.Dictionary, tree: Tree,
                          contents: dict[int, list[Instruction]]) -> None:
    """Give an empty ``Figure`` the picture LibreOffice drew as an artifact in its ``BBox``.

    The artifact's ``BMC`` becomes ``/Figure <</MCID n>> BDC`` and the figure's content; the page's
    entry in the parent tree gets the figure at ``n``.
    """
    empty = [e for e in tree if e.tag == "Figure" and not kids(e.obj) and "/Pg" in e.obj]
    if not empty:
        return
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    parent_tree = root.get("/ParentTree")
    for element in empty:
        figure = element.obj
        bbox = next((list(map(float, d.BBox)) for d in _layout_attrs(figure) if "/BBox" in d), None)
        index = pages.get(figure.Pg.objgen)
        if bbox is None or index is None:
            continue
        page = pdf.pages[index]
        instructions = contents.setdefault(index, list(pikepdf.parse_content_stream(page)))
        opened = _artifact_image_at(instructions, bbox)
        key = page.obj.get("/StructParents")
        mcids = _number_tree_get(parent_tree, int(key)) if key is not None else None
        if opened is None or not isinstance(mcids, pikepdf.Array):
            continue
        mcid = len(mcids)
        instructions[opened] = pikepdf.ContentStreamInstruction(
            [pikepdf.Name.Figure, pikepdf.Dictionary(MCID=mcid)], pikepdf.Operator("BDC"))
        figure.K = mcid
        element.has_content = True
        mcids.append(figure)


def _layout_attrs(e: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    a = e.get("/A")
    items = list(a) if isinstance(a, pikepdf.Array) else [a] if a is not None else []
    return [d for d in items if isinstance(d, pikepdf.Dictionary) and d.get("/O") == "/Layout"]


def _artifact_image_at(instructions: list[Instruction],
                       bbox: list[float]) -> int | None:
    """The index of the ``/Artifact BMC`` around a picture drawn at ``bbox``, if there is one:
    an image placed there, or a vector picture (an SVG chart: paths and text) clipped to it."""
    stack: list[int] = []
    last_cm: list[float] | None = None
    for i, ins in enumerate(instructions):
        op = str(ins.operator)
        if op in ("BMC", "BDC"):
            stack.append(i if op == "BMC" and ins.operands[0] == pikepdf.Name.Artifact else -1)
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "cm":
            last_cm = [float(x) for x in ins.operands]
        elif (op == "re" and len(stack) == 1 and stack[0] >= 0 and i + 1 < len(instructions)
              and str(instructions[i + 1].operator) in ("W", "W*")):
            x, y, width, height = (float(v) for v in ins.operands)
            if _near([x, y, x + width, y + height], bbox):
                return stack[0]
        elif op == "Do" and len(stack) == 1 and stack[0] >= 0 and last_cm is not None:
            a, _, _, d, e, f = last_cm
            if _near([e, f, e + a, f + d], bbox):
                return stack[0]
    return None


# -- the whole repair ------------------------------------------------------------------------

def make_accessible(pdf_path: Path, docx: Path | None, *, claim: bool = True,
                    source: Path | None = None, lang: str | None = None,
                    info: Mapping[str, str] | None = None) -> UaReport:
    """Repair ``pdf_path`` for PDF/UA-1 and claim conformance when it holds.

    ``docx`` is the Word file it came from (for the meaning of its tables; None leaves tables
    as they are). With ``claim`` the XMP gets ``pdfuaid:part 1`` and its PDF/A extension schema,
    but only when every rule of :mod:`trygga_docs.pdf.accessibility` passes. Returns the report
    of the checks (without ``identification`` when no claim was written).

    ``source`` (LibreOffice's output) is read and the repaired file written to ``pdf_path``,
    which spares reading the whole file into memory first, as repairing in place must.
    With ``lang``, ``/Lang``, DisplayDocTitle and ``info`` in Info and XMP are first made right
    as :func:`trygga_docs.pdf.meta.ensure_metadata` does, in the same pass.

    >>> make_accessible(Path("protokoll.pdf"), Path("protokoll.docx"),
    ...                 source=Path("libreoffice/out.pdf")).conforms  # doctest: +SKIP
    True
    """
    if source is None:
        opened = pikepdf.open(pdf_path, allow_overwriting_input=True)
    else:
        opened = pikepdf.open(source)
    with opened as pdf:
        if lang is not None:
            repair_metadata(pdf, lang=lang, info=info or {})
        root = pdf.Root.get("/StructTreeRoot")
        contents: dict[int, list[Instruction]] = {}
        tree: Tree | None = None
        if isinstance(root, pikepdf.Dictionary):
            tree = structure_tree(root)  # one walk, for the repairs and the checks
            _drop_standard_remaps(root)
            if docx is not None:
                _tag_tables(tree, table_facts(docx))
            _tag_artifact_figures(pdf, root, tree, contents)
        final: dict[int, PageContent] = {}
        for index, page in enumerate(pdf.pages):
            if page.obj.get("/Annots"):
                page.obj.Tabs = pikepdf.Name.S
            content = (PageContent.of_instructions(contents[index]) if index in contents
                       else PageContent.read(page.obj))
            marks = _untagged_drawing(page, content)
            if marks or index in contents:
                content = _with_artifacts(content, marks)
                page.obj.Contents = pdf.make_stream(content.data)
            final[index] = content
        rules = [r for r in RULES if r != "identification"]
        report = check_document(pdf, pdf_path, rules, parsed=final, tree=tree)
        metadata = pdf.Root.get("/Metadata")
        packet = metadata.read_bytes() if isinstance(metadata, pikepdf.Stream) else b""
        if claim and report.conforms and isinstance(metadata, pikepdf.Stream):
            packet = with_ua_identification(packet)
            metadata.write(packet)
            (identified,) = check_document(pdf, pdf_path, ["identification"]).results
            report = attrs.evolve(report, results=(identified, *report.results))
        # pikepdf's fix re-parses the XMP to update pdf:PDFVersion, which LibreOffice does not write
        fix_version = b"PDFVersion" in packet
        if source is None:
            pdf.save(pdf_path, fix_metadata_version=fix_version)
        else:
            with pdf_path.open("wb") as out:
                pdf.save(out, fix_metadata_version=fix_version)
    return report
