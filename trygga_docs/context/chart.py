"""Charts as vector drawings (SVG with a PNG fallback), drawn with matplotlib in memory (no files,
no GUI, no global pyplot state).

A chart is drawn at the size it is printed (``width_mm`` wide), so its font sizes are the printed
ones: none below ``MIN_FONT_PT``. The SVG keeps its text as text (the PDF can be searched and read
aloud, and stays sharp at any zoom). Its colours and font are the house style's (``chart_*``
keys, ``body_font``). The context step wraps the ``Drawing`` in a ``Picture`` with
its alt text; nothing here knows about Word.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from attrs import frozen

from trygga_docs import text
from trygga_docs.context.common import Drawing
from trygga_docs.style import HouseStyle

MM_PER_INCH = 25.4
MIN_FONT_PT = 8.0
"""The smallest text of a chart, in points at its printed size."""
PNG_DPI = 200
"""Resolution of the PNG fallback (what Word 2013 and older show)."""

STATUS_COLOURS = {"met": "chart_met", "partly_met": "chart_partly", "not_met": "chart_not_met",
                  "not_reported": "chart_open"}
"""The house style's key of the outcome bar's colour by status; the status is also written beside
each bar, so colour is never the only carrier of meaning."""


def colour(style: HouseStyle, key: str) -> str:
    """A colour of the house style as matplotlib takes it: ``#RRGGBB``.

    >>> colour(HouseStyle(), "chart_text")
    '#1F2933'
    """
    return f"#{getattr(style, key)}"


@frozen
class BarPair:
    """One row of the chart: a label, the target, the outcome and its status (key and text)."""

    label: str
    target: float
    outcome: float | None
    status: str
    status_text: str


METRIC_TWINS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                "Helvetica": "Liberation Sans", "Times New Roman": "Liberation Serif"}
"""Free fonts with the same metrics, used when the house font itself is not installed."""


@lru_cache(maxsize=8)
def font_family(preferred: str = "Calibri") -> str:
    """The house font if matplotlib finds it, else its metric twin, else DejaVu Sans."""
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    for name in (preferred, METRIC_TWINS.get(preferred), "Carlito", "DejaVu Sans"):
        if name and name in available:
            return name
    return "sans-serif"


def drawing(fig: Any, font: str = "", family: str = "") -> Drawing:
    """A matplotlib figure as SVG (text kept as text) and PNG, the same bytes for the same
    figure (no dates, no software name, fixed ids).

    The figure's text is laid out in ``family`` (``font_family(font)``: the house font or its
    metric twin); the SVG asks for the house ``font`` first, so Word on a computer with Calibri
    shows Calibri where this machine measured Carlito.
    """
    import matplotlib

    svg, png = io.BytesIO(), io.BytesIO()
    # text as SVG text in the chart's font (not outlines); ids that do not change between runs
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "trygga_docs",
                                "svg.id": None}):
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    vector = svg.getvalue()
    if font != family and re.fullmatch(r"[\w .\-]{1,64}", font):  # a font name, nothing else
        vector = vector.replace(f"font-family: '{family}'".encode(),
                                f"font-family: '{font}', '{family}'".encode())
    return Drawing(svg=vector, png=png.getvalue())


def target_outcome_chart(rows: Sequence[BarPair], *, width_mm: float = 160,
                         style: HouseStyle | None = None, target_label: str = "Mål",
                         outcome_label: str = "Utfall") -> Drawing:
    """A horizontal bar chart, one pair of bars per row (target above, outcome below), drawn
    ``width_mm`` wide (show it at that width) in the colours and body font of ``style``.

    >>> chart = target_outcome_chart([BarPair("Trafikinsatser", 12, 14, "met", "uppfyllt")])
    >>> chart.png[:4] == b"\\x89PNG", b"Trafikinsatser</text>" in chart.svg
    (True, True)
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    style = style or HouseStyle()
    font = style.body_font
    target_colour, text_colour = colour(style, "chart_target"), colour(style, "chart_text")
    width_in = width_mm / MM_PER_INCH
    row_height_in = 0.42
    height_in = 0.75 + row_height_in * len(rows)
    fig = Figure(figsize=(width_in, height_in), dpi=PNG_DPI)
    family = font_family(font)
    text_font = {"family": family, "size": 8.5}
    ax = fig.add_subplot()

    bar = 0.36
    positions = list(range(len(rows)))
    highest = max([r.target for r in rows] + [r.outcome or 0 for r in rows] + [1])
    for y, row in zip(positions, rows):
        ax.barh(y - bar / 2, row.target, height=bar, color=target_colour, edgecolor="none")
        ax.text(row.target + highest * 0.01, y - bar / 2, text.decimal(row.target), va="center",
                ha="left", color=text_colour, fontdict=text_font)
        outcome = row.outcome or 0
        ax.barh(y + bar / 2, outcome, height=bar, color=colour(style, STATUS_COLOURS[row.status]),
                edgecolor="none")
        value = "–" if row.outcome is None else text.decimal(row.outcome)
        ax.text(outcome + highest * 0.01, y + bar / 2, f"{value}  ({row.status_text})", va="center",
                ha="left", color=text_colour, fontdict=text_font)

    ax.set_yticks(positions, [r.label for r in rows], fontdict=text_font, color=text_colour)
    ax.invert_yaxis()
    ax.set_xlim(0, highest * 1.32)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: text.decimal(v)))
    ax.tick_params(axis="x", labelsize=MIN_FONT_PT, colors=text_colour)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(target_colour)
    ax.grid(axis="x", color=colour(style, "chart_grid"), linewidth=0.6)
    ax.set_axisbelow(True)
    for label in ax.get_xticklabels():
        label.set_fontfamily(family)

    used = list(dict.fromkeys((r.status, r.status_text) for r in rows))
    handles = [Patch(color=target_colour, label=target_label)]
    handles += [Patch(color=colour(style, STATUS_COLOURS[key]), label=f"{outcome_label}, {label}")
                for key, label in used]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
               prop={"family": text_font["family"], "size": MIN_FONT_PT},
               bbox_to_anchor=(0.5, 0.0))
    fig.subplots_adjust(left=0.30, right=0.98, top=1 - 0.12 / height_in,
                        bottom=0.55 / height_in)
    return drawing(fig, font, family)
