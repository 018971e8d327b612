"""The lägesbild's chart: reported offences per 100 000 inhabitants by offence category, the
municipality against its comparisons (the country, similar municipalities), as a vector
``Drawing`` (SVG with a PNG fallback) drawn at its printed size, no text below ``MIN_FONT_PT``.

Every bar carries its value as text and the series differ in pattern as well as colour, so colour
is never the only carrier of meaning; the alt text says every figure in words. The colours and
the font are the house style's (``chart_series``, ``chart_edge``, ``chart_target``, ``chart_grid``,
``chart_text``, ``body_font``).
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from trygga_docs import text
from trygga_docs.context.chart import MIN_FONT_PT, MM_PER_INCH, PNG_DPI, colour, drawing, font_family
from trygga_docs.context.common import Drawing
from trygga_docs.style import HouseStyle

HATCHES = ("", "///", "\\\\\\", "xx")
"""The hatch of each series in order (the municipality first, then the comparisons); their
colours are the house style's ``chart_series``."""


@frozen
class Series:
    """One series of bars: its name and a value per category (None: not given)."""

    name: str
    values: tuple[float | None, ...]


def rate_chart(categories: Sequence[str], series: Sequence[Series], *, width_mm: float = 160,
               style: HouseStyle | None = None) -> Drawing:
    """Grouped horizontal bars, one group per category, one bar per series, drawn ``width_mm``
    wide (show it at that width) in the colours and body font of ``style``.

    >>> chart = rate_chart(["Misshandel"], [Series("Ekby", (500.0,)), Series("Riket", (800.0,))])
    >>> chart.png[:4] == b"\\x89PNG", b"Misshandel</text>" in chart.svg
    (True, True)
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    style = style or HouseStyle()
    font = style.body_font
    text_colour, edge = colour(style, "chart_text"), colour(style, "chart_edge")

    def look(index: int) -> tuple[str, str]:
        """Fill colour and hatch of the series at ``index``."""
        return (f"#{style.chart_series[index % len(style.chart_series)]}",
                HATCHES[index % len(HATCHES)])

    family = font_family(font)
    text_font = {"family": family, "size": MIN_FONT_PT}
    bar = 0.8 / max(len(series), 1)
    group_height_in = 0.16 * len(series) + 0.16
    height_in = 0.8 + group_height_in * len(categories)
    fig = Figure(figsize=(width_mm / MM_PER_INCH, height_in), dpi=PNG_DPI)
    ax = fig.add_subplot()
    highest = max([v or 0 for s in series for v in s.values] + [1])
    for index, one in enumerate(series):
        fill, hatch = look(index)
        for y, value in enumerate(one.values):
            position = y - 0.4 + bar * (index + 0.5)
            ax.barh(position, value or 0, height=bar * 0.9, color=fill, hatch=hatch,
                    edgecolor=edge if hatch else "none", linewidth=0.3)
            label = "–" if value is None else text.decimal(round(value))
            ax.text((value or 0) + highest * 0.01, position, label, va="center", ha="left",
                    color=text_colour, fontdict=text_font)
    ax.set_yticks(range(len(categories)), list(categories), fontdict=text_font, color=text_colour)
    ax.invert_yaxis()
    ax.set_xlim(0, highest * 1.15)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: text.decimal(round(v))))
    ax.tick_params(axis="x", labelsize=MIN_FONT_PT, colors=text_colour)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(colour(style, "chart_target"))
    ax.grid(axis="x", color=colour(style, "chart_grid"), linewidth=0.6)
    ax.set_axisbelow(True)
    for tick in ax.get_xticklabels():
        tick.set_fontfamily(family)
    handles = [Patch(facecolor=look(i)[0], hatch=look(i)[1], edgecolor=edge if look(i)[1] else "none",
                     linewidth=0.3, label=s.name) for i, s in enumerate(series)]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
               prop={"family": family, "size": MIN_FONT_PT}, bbox_to_anchor=(0.5, 0.0))
    fig.subplots_adjust(left=0.26, right=0.97, top=1 - 0.12 / height_in, bottom=0.6 / height_in)
    return drawing(fig, font, family)
