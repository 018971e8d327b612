"""The lägesbild's chart: reported offences per 100 000 inhabitants by offence category, the
municipality against its comparisons (the country, similar municipalities), as PNG bytes.

Every bar carries its value as text and the series differ in pattern as well as colour, so colour
is never the only carrier of meaning; the alt text says every figure in words.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from attrs import frozen

from trygga_docs import text
from trygga_docs.context.chart import MM_PER_INCH, TEXT_COLOUR, font_family

SERIES_STYLES = (("#1F4E79", ""), ("#9AA9B8", "///"), ("#C9D8E6", "..."), ("#E2C792", "xx"))
"""Fill colour and hatch of each series in order: the municipality first, then the comparisons."""


@frozen
class Series:
    """One series of bars: its name and a value per category (None: not given)."""

    name: str
    values: tuple[float | None, ...]


def rate_chart(categories: Sequence[str], series: Sequence[Series], *, width_mm: float = 160,
               font: str = "Calibri") -> bytes:
    """Grouped horizontal bars, one group per category, one bar per series, as PNG bytes.

    >>> png = rate_chart(["Misshandel"], [Series("Ekby", (500.0,)), Series("Riket", (800.0,))])
    >>> png[:4] == b"\\x89PNG"
    True
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    family = font_family(font)
    text_font = {"family": family, "size": 8}
    bar = 0.8 / max(len(series), 1)
    group_height_in = 0.16 * len(series) + 0.16
    height_in = 0.8 + group_height_in * len(categories)
    fig = Figure(figsize=(width_mm / MM_PER_INCH, height_in), dpi=200)
    ax = fig.add_subplot()
    highest = max([v or 0 for s in series for v in s.values] + [1])
    for index, one in enumerate(series):
        colour, hatch = SERIES_STYLES[index % len(SERIES_STYLES)]
        for y, value in enumerate(one.values):
            position = y - 0.4 + bar * (index + 0.5)
            ax.barh(position, value or 0, height=bar * 0.9, color=colour, hatch=hatch,
                    edgecolor="#5B6B7B" if hatch else "none", linewidth=0.3)
            label = "–" if value is None else text.decimal(round(value))
            ax.text((value or 0) + highest * 0.01, position, label, va="center", ha="left",
                    color=TEXT_COLOUR, fontdict={"family": family, "size": 7})
    ax.set_yticks(range(len(categories)), list(categories), fontdict=text_font, color=TEXT_COLOUR)
    ax.invert_yaxis()
    ax.set_xlim(0, highest * 1.15)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: text.decimal(round(v))))
    ax.tick_params(axis="x", labelsize=7.5, colors=TEXT_COLOUR)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#C9D3DE")
    ax.grid(axis="x", color="#E6EBF0", linewidth=0.6)
    ax.set_axisbelow(True)
    for tick in ax.get_xticklabels():
        tick.set_fontfamily(family)
    handles = [Patch(facecolor=SERIES_STYLES[i % len(SERIES_STYLES)][0],
                     hatch=SERIES_STYLES[i % len(SERIES_STYLES)][1],
                     edgecolor="#5B6B7B" if SERIES_STYLES[i % len(SERIES_STYLES)][1] else "none",
                     linewidth=0.3, label=s.name) for i, s in enumerate(series)]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
               prop={"family": family, "size": 8}, bbox_to_anchor=(0.5, 0.0))
    fig.subplots_adjust(left=0.26, right=0.97, top=1 - 0.12 / height_in, bottom=0.6 / height_in)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    return buffer.getvalue()
