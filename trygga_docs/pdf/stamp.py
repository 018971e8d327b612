"""The pages of an appended bilaga: brought to A4 and stamped *Bilaga 3 till protokoll 2025-03-17,
§ 12* in the top right corner.

The stamp is drawn by matplotlib's PDF backend (its font embedded, as PDF/A asks) and merged
onto the page inside ``/Artifact BMC … EMC``: it is page furniture, not content, so a PDF/UA
checker does not count it as untagged content and a screen reader does not read it as text of
the bilaga.
"""

from __future__ import annotations

import functools
import io

from pypdf import PageObject, PdfWriter, Transformation
from pypdf.generic import ContentStream, DecodedStreamObject, NameObject, RectangleObject

A4 = (595.276, 841.890)
"""A4 in points (210 × 297 mm), portrait."""

TOLERANCE = 3.0
"""Points a page may differ from A4 and still count as A4 (exporters round)."""

_MM = 72 / 25.4


def is_a4(width: float, height: float) -> bool:
    """A4, portrait or landscape.

    >>> is_a4(595, 842), is_a4(842, 595), is_a4(612, 792)
    (True, True, False)
    """
    short, long = sorted((width, height))
    return abs(short - A4[0]) <= TOLERANCE and abs(long - A4[1]) <= TOLERANCE


def to_a4(page: PageObject) -> str | None:
    """Scale a page that is not A4 to fit A4 (portrait or landscape as the page is), centred,
    keeping its proportions; return what was done, or None for a page that is A4 already."""
    if page.get("/Rotate"):
        page.transfer_rotation_to_content()
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    if is_a4(width, height):
        return None
    target = A4 if height >= width else (A4[1], A4[0])
    factor = min(target[0] / width, target[1] / height)
    dx = (target[0] - width * factor) / 2
    dy = (target[1] - height * factor) / 2
    page.add_transformation(Transformation().translate(-float(box.left), -float(box.bottom))
                            .scale(factor, factor).translate(dx, dy))
    full = RectangleObject((0, 0, target[0], target[1]))
    page.mediabox = full
    for name in ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
        if name in page:
            del page[NameObject(name)]
    return (f"{width / _MM:.0f} × {height / _MM:.0f} mm, scaled to A4 "
            f"({round(factor * 100)} %)")


@functools.lru_cache(maxsize=32)
def _stamp_pdf(text: str, width: float, height: float) -> bytes:
    """One transparent page of ``width`` × ``height`` points with ``text`` in a box in its top
    right corner, as PDF bytes (a TrueType subset embedded)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "svg.hashsalt": "stamp"}):
        figure = Figure(figsize=(width / 72, height / 72))
        figure.patch.set_alpha(0)
        figure.text(1 - 12 * _MM / width, 1 - 8 * _MM / height, text, ha="right", va="top",
                    fontsize=8.5, color="#1a1a1a",
                    bbox={"boxstyle": "square,pad=0.45", "facecolor": "white",
                          "edgecolor": "#1a1a1a", "linewidth": 0.6})
        out = io.BytesIO()
        figure.savefig(out, format="pdf", transparent=True,
                       metadata={"Creator": None, "Producer": None, "CreationDate": None})
    return out.getvalue()


def stamp(page: PageObject, text: str) -> None:
    """Put ``text`` on ``page`` (top right), marked as an artifact."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    source = PdfWriter(clone_from=io.BytesIO(_stamp_pdf(text, width, height)))
    overlay = source.pages[0]
    raw = DecodedStreamObject()
    raw.set_data(b"/Artifact BMC\nq\n" + overlay.get_contents().get_data()  # type: ignore[union-attr]
                 + b"\nQ\nEMC\n")
    overlay.replace_contents(ContentStream(raw, source))
    page.merge_translated_page(overlay, float(page.mediabox.left), float(page.mediabox.bottom))
