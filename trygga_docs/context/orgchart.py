"""Organisationsskiss: the agreement's bodies and how they relate, drawn by Graphviz.

A box per body (its name and convener), an arrow from each body to the one it reports to, a dashed
arrow from a body to the one it activates when needed (*Arbetsgrupp ung* activates *SIG*). Graphviz's
``dot`` lays the boxes out in layers, top-down, without overlaps; colours and fonts come from the
house style. Needs the ``dot`` program (Debian/Ubuntu package ``graphviz``) and the ``graphviz``
Python package, which drives it.

The document shows the chart as a vector ``Drawing`` (SVG, with a PNG fallback) no wider than the
text and no taller than most of a page (``PAGE_MM``). Its smallest text is 10 pt at its natural
size and must print at ``MIN_FONT_PT`` or more, so it may be shrunk to 80 % at most; a larger
organisation is drawn more compactly (``LABELS``: names wrapped narrower, then without the
convener, then by short names) until it fits at that size.

>>> from trygga_docs.loader import load, EXAMPLES
>>> agreement = load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
>>> orgchart(agreement, "svg")[:5]
b'<?xml'
"""

from __future__ import annotations

import html
import re
import struct
import textwrap
from pathlib import Path

import graphviz
from attrs import frozen

from trygga_docs.context.common import Drawing
from trygga_docs.errors import ConversionError, DataError
from trygga_docs.files import atomic_path
from trygga_docs.model.agreement import Agreement, Body
from trygga_docs.style import HouseStyle

FORMATS = ("svg", "png")
DPI = 300
"""Resolution of the PNG: sharp in print at the width the chart has on an A4 page."""
NAME_WIDTH = 24
"""Characters per line of a body's name in its box; longer names wrap at spaces."""
CONVENER_WIDTH = 32
NAME_PT = 12
NOTE_PT = 10
"""Font sizes at the chart's natural size: a body's name, and the convener and arrow labels (the
smallest text). Whole points: Graphviz rounds the sizes in a box's label down to them."""
MIN_FONT_PT = 8.0
"""The smallest text of the chart as printed, in points."""
PAD_IN = 0.12
"""Graphviz's margin around the drawing, in inches."""


@frozen
class Labels:
    """What a box says: the body's name (or its short name) wrapped at ``name_width``
    characters, and the convener wrapped at ``convener_width`` (0: no convener); ``compact``
    boxes are as narrow as their text and closer together."""

    short: bool = False
    name_width: int = NAME_WIDTH
    convener_width: int = CONVENER_WIDTH
    compact: bool = False


LABELS = (Labels(), Labels(name_width=16, convener_width=20), Labels(convener_width=0),
          Labels(short=True, name_width=16, convener_width=0),
          Labels(short=True, name_width=10, convener_width=0, compact=True))
"""The ways to label the boxes, fullest first: a chart takes the first that fits a page with its
text at ``MIN_FONT_PT`` or more."""


def _tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: 0 is the colour, 1 is white."""
    rgb = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def _font(name: str) -> str:
    """A font name safe in DOT and in the SVG Graphviz writes (which copies it unescaped into
    ``font-family="…"``): only letters, digits, spaces, dots and hyphens are kept.

    >>> _font('Cambria" onload="x')
    'Cambria onloadx'
    """
    kept = re.sub(r"[^\w .\-]", "", name)[:64].strip()
    return kept or "sans-serif"


def _lines(text: str, width: int) -> str:
    """Escaped text for an HTML-like label, wrapped at spaces (never inside a word)."""
    wrapped = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<BR/>".join(html.escape(line) for line in wrapped)


def _label(body: Body, style: HouseStyle, top: bool, labels: Labels = Labels()) -> str:
    name_colour = "#FFFFFF" if top else f"#{style.primary}"
    note_colour = _tint(style.primary, 0.8) if top else f"#{style.secondary}"
    name = body.short_name if labels.short else body.name
    label = (f'<FONT FACE="{_font(style.heading_font)}" COLOR="{name_colour}" '
             f'POINT-SIZE="{NAME_PT}"><B>{_lines(name, labels.name_width)}</B></FONT>')
    if body.convener and labels.convener_width:
        label += (f'<BR/><FONT FACE="{_font(style.body_font)}" COLOR="{note_colour}" '
                  f'POINT-SIZE="{NOTE_PT}">'
                  f'{_lines("Sammankallande: " + body.convener, labels.convener_width)}</FONT>')
    return f"<{label}>"


def _ids(agreement: Agreement) -> dict[str, str]:
    return {b.short_name.casefold(): f"b{i}" for i, b in enumerate(agreement.bodies)}


def _leaf_groups(agreement: Agreement) -> dict[str, list[Body]]:
    """Per body, the children that are leaves (nobody reports to them, no activation arrow
    touches them): these can be packed into a grid instead of one long row."""
    parents = {b.reports_to.casefold() for b in agreement.bodies if b.reports_to}
    activation = {n.casefold() for b in agreement.bodies if b.activated_by
                  for n in (b.activated_by, b.short_name)}
    groups: dict[str, list[Body]] = {}
    for body in agreement.bodies:
        name = body.short_name.casefold()
        if body.reports_to and name not in parents and name not in activation:
            groups.setdefault(body.reports_to.casefold(), []).append(body)
    return {k: v for k, v in groups.items() if len(v) >= 2}


def orgchart_graph(agreement: Agreement, style: HouseStyle | None = None, *,
                   dpi: int | None = None, columns: int | None = None,
                   labels: Labels = Labels()) -> graphviz.Digraph:
    """The chart as a Graphviz graph (``.source`` is its DOT text).

    With ``columns``, the leaf children of a body are packed into a framed grid that many
    columns wide, with one arrow from the frame to the body; a wide organisation then fits a page.
    ``labels`` says what the boxes show. Raises ``DataError`` when the agreement has no bodies.
    """
    style = style or HouseStyle()
    if not agreement.bodies:
        raise DataError("the agreement declares no bodies, so there is no organisation to draw; "
                        "add them under 'bodies'", path="bodies")
    ids = _ids(agreement)
    primary, secondary = f"#{style.primary}", f"#{style.secondary}"
    font = _font(style.body_font)
    graph = graphviz.Digraph("organisationsskiss", engine="dot")
    graph.attr(rankdir="TB", nodesep="0.12" if labels.compact else "0.3",
               ranksep="0.35" if labels.compact else "0.5", pad=f"{PAD_IN:g}", bgcolor="white",
               newrank="true", compound="true", ordering="out", fontname=font)
    if dpi:
        graph.attr(dpi=str(dpi))
    graph.attr("node", shape="box", style="rounded,filled", color=primary, penwidth="1.3",
               fillcolor=_tint(style.primary, 0.9), fontname=font,
               margin="0.08,0.06" if labels.compact else "0.14,0.08",
               **({"width": "0.3", "height": "0.3"} if labels.compact else {}))
    graph.attr("edge", color=secondary, penwidth="1.2", arrowsize="0.75",
               fontname=font, fontsize=str(NOTE_PT), fontcolor=secondary)
    groups = _leaf_groups(agreement) if columns else {}
    grouped = {b.short_name.casefold() for members in groups.values() for b in members}
    for body in agreement.bodies:
        if body.short_name.casefold() in grouped:
            continue
        top = not body.reports_to
        graph.node(ids[body.short_name.casefold()], _label(body, style, top, labels),
                   tooltip=body.name,
                   **({"fillcolor": primary, "color": primary} if top else {}))
    for parent, members in groups.items():
        cluster = f"cluster_{ids[parent]}"
        width = min(columns or 1, len(members))
        with graph.subgraph(name=cluster) as grid:
            grid.attr(label="", style="rounded,dashed", color=_tint(style.secondary, 0.4),
                      margin="5" if labels.compact else "10")
            for body in members:
                grid.node(ids[body.short_name.casefold()], _label(body, style, False, labels),
                          tooltip=body.name)
            for i, body in enumerate(members[width:], start=width):
                grid.edge(ids[members[i - width].short_name.casefold()],
                          ids[body.short_name.casefold()], style="invis")
        for body in members[:width]:  # outside the cluster, or the parent would join it
            graph.edge(ids[parent], ids[body.short_name.casefold()], style="invis")
        middle = ids[members[(width - 1) // 2].short_name.casefold()]
        graph.edge(ids[parent], middle, dir="back", lhead=cluster,
                   tooltip=f"{_names(members)} rapporterar till "
                           f"{agreement.body(parent).short_name}")
    for body in agreement.bodies:
        child = ids[body.short_name.casefold()]
        if body.reports_to and body.short_name.casefold() not in grouped:
            # laid out parent -> child so the parent is above; the arrow points at the parent
            graph.edge(ids[body.reports_to.casefold()], child, dir="back",
                       tooltip=f"{body.short_name} rapporterar till {body.reports_to}")
        if body.activated_by:
            graph.edge(ids[body.activated_by.casefold()], child, style="dashed",
                       label=" aktiverar\\n vid behov",
                       tooltip=f"{body.activated_by} aktiverar {body.short_name} vid behov",
                       constraint="false" if body.reports_to and _reports_below(
                           agreement, body.activated_by, body.short_name) else "true")
    return graph


def _names(bodies: list[Body]) -> str:
    return ", ".join(b.short_name for b in bodies)


def _reports_below(agreement: Agreement, upper: str, lower: str) -> bool:
    """Whether ``upper`` reports (directly or not) to ``lower``: then the activation arrow must
    not pull ``lower`` below ``upper``, or the layers would fight."""
    node = agreement.body(upper)
    seen = set()
    while node.reports_to and node.short_name not in seen:
        seen.add(node.short_name)
        if node.reports_to.casefold() == lower.casefold():
            return True
        node = agreement.body(node.reports_to)
    return False


PAGE_MM = (160.0, 200.0)
"""The chart's room on an A4 page: the text width, and most of the text height."""


def _run(source: graphviz.Digraph, fmt: str, renderer: str | None = None) -> bytes:
    try:
        drawn: bytes = source.pipe(format=fmt, renderer=renderer)
        return drawn
    except graphviz.ExecutableNotFound:
        raise ConversionError(
            "the organisation chart needs Graphviz's 'dot' program, which is not installed "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
            "Windows: winget install graphviz)") from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise ConversionError(f"Graphviz could not draw the organisation chart: {detail}") from None


def layout_size_mm(graph: graphviz.Digraph) -> tuple[float, float]:
    """Width and height of the laid-out chart at its natural size, in millimetres, with its
    margin (the size of its SVG and PNG)."""
    first = _run(graph, "plain").split(b"\n", 1)[0].split()
    return (float(first[2]) + 2 * PAD_IN) * 25.4, (float(first[3]) + 2 * PAD_IN) * 25.4


def _scale(size: tuple[float, float]) -> float:
    return min(1.0, PAGE_MM[0] / size[0], PAGE_MM[1] / size[1])


def smallest_printed_pt(scale: float) -> float:
    """The smallest text of the chart when it is printed at ``scale`` of its natural size."""
    return NOTE_PT * scale


def _best_layout(agreement: Agreement, style: HouseStyle | None, dpi: int | None,
                 labels: Labels) -> tuple[graphviz.Digraph, float]:
    plain = orgchart_graph(agreement, style, dpi=dpi, labels=labels)
    best, best_scale = plain, _scale(layout_size_mm(plain))
    if not _leaf_groups(agreement) or best_scale >= 0.9:
        return best, best_scale
    for columns in (5, 4, 3, 2, 1):
        graph = orgchart_graph(agreement, style, dpi=dpi, columns=columns, labels=labels)
        scale = _scale(layout_size_mm(graph))
        if scale > best_scale * 1.05:
            best, best_scale = graph, scale
    return best, best_scale


def best_graph(agreement: Agreement, style: HouseStyle | None = None, *,
               dpi: int | None = None) -> graphviz.Digraph:
    """The layout that shows the chart largest on a page: one row of boxes per layer, or, for a
    wide organisation, leaf groups packed into grids of 5 to 1 columns; with the fullest
    ``LABELS`` whose smallest text still prints at ``MIN_FONT_PT`` (else the most compact)."""
    for labels in LABELS:
        graph, scale = _best_layout(agreement, style, dpi, labels)
        if smallest_printed_pt(scale) >= MIN_FONT_PT:
            break
    return graph


def orgchart(agreement: Agreement, fmt: str = "svg", *, style: HouseStyle | None = None,
             dpi: int = DPI) -> bytes:
    """The organisation chart as SVG or PNG bytes (the PNG at ``dpi``).

    >>> from trygga_docs.loader import load, EXAMPLES
    >>> png = orgchart(load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"), "png")
    >>> png[:4] == b"\\x89PNG"
    True
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise DataError(f"the organisation chart can be written as {' or '.join(FORMATS)}, "
                        f"not '{fmt}'")
    graph = best_graph(agreement, style, dpi=dpi if fmt == "png" else None)
    return _run(graph, fmt, "cairo" if fmt == "png" else None)


def orgchart_drawing(agreement: Agreement, *, style: HouseStyle | None = None,
                     dpi: int = DPI) -> Drawing:
    """The organisation chart as the document shows it: SVG, with a PNG at ``dpi`` as its
    fallback, both of one layout (``fit_width_mm(drawing.png)`` is the width to show it at).

    >>> from trygga_docs.loader import load, EXAMPLES
    >>> chart = orgchart_drawing(load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"))
    >>> chart.svg[:5], chart.png[:4]
    (b'<?xml', b'\\x89PNG')
    """
    graph = best_graph(agreement, style)
    raster = graph.copy()  # a resolution would scale the SVG's content, not its size
    raster.attr(dpi=str(dpi))
    return Drawing(svg=_run(graph, "svg"), png=_run(raster, "png", "cairo"))


def png_size_mm(png: bytes, dpi: int = DPI) -> tuple[float, float]:
    """Width and height in millimetres of a PNG drawn at ``dpi``."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return width / dpi * 25.4, height / dpi * 25.4


def fit_width_mm(png: bytes, *, max_width: float = 160.0, max_height: float = 200.0,
                 dpi: int = DPI) -> float:
    """The width to show the chart at: its natural size, shrunk to fit ``max_width`` x
    ``max_height`` millimetres (an A4 page's text area by default)."""
    width, height = png_size_mm(png, dpi)
    return round(min(width, max_width, max_height * width / height), 1)


def write_orgchart(agreement: Agreement, out: str | Path, *, style: HouseStyle | None = None,
                   dpi: int = DPI) -> Path:
    """Write the chart to ``out``; its suffix (``.svg`` or ``.png``) says the format.

    >>> import tempfile, pathlib
    >>> from trygga_docs.loader import load, EXAMPLES
    >>> agreement = load(EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
    >>> write_orgchart(agreement, pathlib.Path(tempfile.mkdtemp()) / "skiss.svg").suffix
    '.svg'
    """
    out = Path(out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise DataError(f"cannot tell the chart's format from '{out.name}'; end the name in "
                        f".svg or .png")
    data = orgchart(agreement, fmt, style=style, dpi=dpi)
    with atomic_path(out) as tmp:
        Path(tmp).write_bytes(data)
    return out


__all__ = ["DPI", "FORMATS", "LABELS", "MIN_FONT_PT", "Labels", "fit_width_mm", "orgchart",
           "orgchart_drawing", "orgchart_graph", "png_size_mm", "smallest_printed_pt",
           "write_orgchart"]
